"""The administrator appoints a person to a position from a date (arts. 4, 8); who_holds follows."""

from __future__ import annotations

import pytest

from tests.org.conftest import D, notified, org_counts
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.org.admin_actions import UnitFields, appoint, create_person, create_position, create_unit, end_appointment
from zhengwu.org.models import Appointment, Position, PositionKind, Unit
from zhengwu.org.services import who_holds


def _new_unit(admin):
    unit = create_unit(
        admin,
        "tjj",
        UnitFields(name="克孜勒苏柯尔克孜自治州统计局", kind="department", parent=Unit.objects.get(code="gov")),
    )
    return unit, create_position(admin, unit, "unit_head", "局长")


@pytest.mark.article(8)
def test_a_new_unit_head_holds_the_head_authority_from_the_start_date(user) -> None:
    admin = user("admin")
    unit, head = _new_unit(admin)
    zhang = create_person(admin, "张三", "tjj_head").person
    appointment = appoint(admin, zhang, head, D(2026, 7, 1))
    assert who_holds(f"head:{unit.code}", D(2026, 6, 30)) is None
    holder = who_holds(f"head:{unit.code}", D(2026, 7, 1))
    assert holder is not None
    assert holder.person_name == "张三"
    record = AuditRecord.objects.get(action="org.appointment.create", object_id=str(appointment.pk))
    assert record.summary == "任命张三为克孜勒苏柯尔克孜自治州统计局局长（自2026-07-01起）"
    assert record.article == 4
    assert "tjj_head" in notified("任职：克孜勒苏柯尔克孜自治州统计局局长")


@pytest.mark.article(4)
def test_a_second_governor_is_refused_until_the_first_appointment_ends(user, person) -> None:
    admin = user("admin")
    successor = create_person(admin, "新州长", "new_governor").person
    governor_position = Position.objects.get(kind=PositionKind.GOVERNOR)
    before = org_counts()
    with pytest.raises(Refused) as refused:
        appoint(admin, successor, governor_position, D(2026, 7, 1))
    assert "州长同一时间只能由一人担任，现由买买提·艾力（2023-01-01至今）担任" in refused.value.explanations[0]
    assert refused.value.explanations[0].endswith("（《工作规则》第四条）")
    assert org_counts() == before

    current = Appointment.objects.get(person=person("governor"), position=governor_position)
    end_appointment(admin, current, D(2026, 6, 30))
    appoint(admin, successor, governor_position, D(2026, 7, 1))
    assert who_holds("governor", D(2026, 6, 30)).person_name == "买买提·艾力"
    assert who_holds("governor", D(2026, 7, 1)).person_name == "新州长"


@pytest.mark.article(8)
def test_a_second_head_of_a_unit_is_refused(user) -> None:
    admin = user("admin")
    second_head = create_position(admin, Unit.objects.get(code="fgw"), "unit_head", "党组书记、主任")
    zhang = create_person(admin, "张三", "zhang3").person
    with pytest.raises(Refused) as refused:
        appoint(admin, zhang, second_head, D(2026, 7, 1))
    assert "州发展和改革委员会同一时间只有一位主要负责人" in refused.value.explanations[0]
    assert refused.value.explanations[0].endswith("（《工作规则》第八条）")


@pytest.mark.article(4)
@pytest.mark.parametrize("username", ["office_director", "clerk_wendian"])
def test_others_may_not_appoint(user, person, username) -> None:
    deputy = Position.objects.get(appointments__person__user__username="fgw_deputy")
    before = org_counts()
    with pytest.raises(Refused):
        appoint(user(username), person("fgw_clerk"), deputy, D(2026, 7, 1))
    assert org_counts() == before


def test_a_missing_start_date_names_the_field(user, person) -> None:
    deputy = Position.objects.get(appointments__person__user__username="fgw_deputy")
    with pytest.raises(InvalidInput) as invalid:
        appoint(user("admin"), person("fgw_clerk"), deputy, None)
    assert invalid.value.field == "start"


def test_deputies_may_be_several(user, person) -> None:
    deputy = Position.objects.get(appointments__person__user__username="fgw_deputy")
    appoint(user("admin"), person("fgw_clerk"), deputy, D(2026, 7, 1))
    assert deputy.appointments.count() == 2
