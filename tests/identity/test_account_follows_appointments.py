"""An account follows the person's appointments: when the last one ends, the account is
deactivated in the same action (its last day passed) or by a timer the day after it (a future
end), audited; its sessions end and its tokens are revoked.  Someone who still holds another
appointment keeps the account."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from tests.identity.conftest import sign_in
from zhengwu.audit.models import AuditRecord
from zhengwu.org.admin_actions import ACCOUNT_CLOSE_TIMER, end_appointment
from zhengwu.org.models import Appointment
from zhengwu.timers.models import Timer
from zhengwu.timers.services import sweep
from zhengwu.tokens.models import ApiToken
from zhengwu.tokens.services import create_token


def _only_appointment(username: str) -> Appointment:
    return Appointment.objects.get(person__user__username=username, end__isnull=True)


def _active(user, username: str) -> bool:
    return user(username).is_active


@pytest.mark.article(4)
def test_ending_the_last_appointment_in_the_past_deactivates_at_once(user, person) -> None:
    session = sign_in("fgw_clerk", "zhengwu-demo")
    token = create_token(user("fgw_clerk"), "数据查询")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    end_appointment(user("admin"), _only_appointment("fgw_clerk"), yesterday)
    assert not _active(user, "fgw_clerk")
    record = AuditRecord.objects.get(action="org.account.deactivate", object_id=str(person("fgw_clerk").pk))
    assert record.details["reason"] == "appointments_ended"
    assert record.actor.username == "admin"
    assert "最后一项任职已结束" in record.summary
    assert session.get("/").status_code == 302
    assert ApiToken.objects.get(pk=token.token.pk).revoked_at is not None
    assert not sign_in("fgw_clerk", "zhengwu-demo").signed_in


@pytest.mark.article(4)
def test_a_future_end_deactivates_the_day_after(user, person) -> None:
    last_day = timezone.localdate() + dt.timedelta(days=10)
    end_appointment(user("admin"), _only_appointment("fgw_clerk"), last_day)
    assert _active(user, "fgw_clerk")  # still in office until then
    timer = Timer.objects.get(kind=ACCOUNT_CLOSE_TIMER)
    with time_machine.travel(timer.fire_at - dt.timedelta(minutes=1), tick=False):
        sweep()
        assert _active(user, "fgw_clerk")
    with time_machine.travel(timer.fire_at + dt.timedelta(minutes=1), tick=False):
        sweep()
    assert not _active(user, "fgw_clerk")
    record = AuditRecord.objects.get(action="org.account.deactivate", object_id=str(person("fgw_clerk").pk))
    assert record.actor is None
    assert record.details["reason"] == "appointments_ended"


def test_appointed_again_before_the_timer_keeps_the_account(user, person) -> None:
    today = timezone.localdate()
    current = _only_appointment("fgw_clerk")
    end_appointment(user("admin"), current, today + dt.timedelta(days=10))
    Appointment.objects.create(
        person=person("fgw_clerk"), position=current.position, start=today + dt.timedelta(days=11)
    )
    timer = Timer.objects.get(kind=ACCOUNT_CLOSE_TIMER)
    with time_machine.travel(timer.fire_at + dt.timedelta(minutes=1), tick=False):
        sweep()
    assert _active(user, "fgw_clerk")


def test_another_appointment_keeps_the_account(user, person) -> None:
    current = _only_appointment("fgw_clerk")
    other = _only_appointment("clerk_wendian").position
    Appointment.objects.create(person=person("fgw_clerk"), position=other, start=current.start)
    end_appointment(user("admin"), current, timezone.localdate() - dt.timedelta(days=1))
    assert _active(user, "fgw_clerk")
    assert not Timer.objects.filter(kind=ACCOUNT_CLOSE_TIMER).exists()
    assert not AuditRecord.objects.filter(action="org.account.deactivate").exists()
