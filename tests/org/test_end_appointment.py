"""The administrator ends an appointment (art. 4); who_holds no longer names the person after it."""

from __future__ import annotations

import pytest

from tests.org.conftest import D, org_counts
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.org.admin_actions import end_appointment
from zhengwu.org.models import Appointment
from zhengwu.org.services import who_holds


def _head_appointment(username: str = "czj_head") -> Appointment:
    return Appointment.objects.get(person__user__username=username, end__isnull=True)


@pytest.mark.article(8)
def test_after_the_end_the_unit_has_no_head(user) -> None:
    appointment = end_appointment(user("admin"), _head_appointment(), D(2026, 6, 30))
    assert appointment.end == D(2026, 6, 30)
    assert who_holds("head:czj", D(2026, 6, 30)).person_name == "吴刚"
    assert who_holds("head:czj", D(2026, 7, 1)) is None
    record = AuditRecord.objects.get(action="org.appointment.end", object_id=str(appointment.pk))
    assert record.summary == "吴刚不再担任克孜勒苏柯尔克孜自治州财政局局长（任职至2026-06-30）"


@pytest.mark.article(4)
@pytest.mark.parametrize("username", ["office_director", "czj_head"])
def test_others_may_not(user, username) -> None:
    before = org_counts()
    with pytest.raises(Refused):
        end_appointment(user(username), _head_appointment(), D(2026, 6, 30))
    assert org_counts() == before
    assert _head_appointment().end is None


@pytest.mark.parametrize(("end", "says"), [(D(2022, 12, 31), "不能早于任职日期2023-01-01"), (None, "请填写免职日期")])
def test_bad_dates_name_the_field(user, end, says) -> None:
    with pytest.raises(InvalidInput) as invalid:
        end_appointment(user("admin"), _head_appointment(), end)
    assert invalid.value.field == "end"
    assert says in invalid.value.message


def test_an_ended_appointment_is_not_ended_again(user) -> None:
    appointment = end_appointment(user("admin"), _head_appointment(), D(2026, 6, 30))
    with pytest.raises(InvalidInput, match="已于2026-06-30结束"):
        end_appointment(user("admin"), appointment, D(2026, 7, 30))
