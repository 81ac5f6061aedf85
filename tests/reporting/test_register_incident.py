"""Registering an emergency or a safety accident (art. 55): its clock-time limits from 接报."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.reporting.conftest import at, unit
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.reporting import actions
from zhengwu.reporting.models import Incident
from zhengwu.timers.models import Timer

pytestmark = [pytest.mark.article(55), pytest.mark.usefixtures("frozen")]


def test_a_major_accident_must_be_reported_by_phone_at_09_00_and_in_writing_at_09_30(make_incident):
    incident = make_incident()
    assert incident.phone_due == at(9, 0)
    assert incident.written_due == at(9, 30)
    assert incident.state == "awaiting"
    assert {t.key for t in Timer.objects.filter(kind=actions.OVERDUE_TIMER)} == {
        f"reporting.incident.{incident.pk}.phone",
        f"reporting.incident.{incident.pk}.written",
    }
    record = AuditRecord.objects.get(action="reporting.incident.register")
    assert record.article == 55


def test_the_limits_run_through_the_night_and_the_weekend(user, frozen):
    """Saturday 2026-11-07 23:50: due on Sunday 01:50, not on Monday's working hours."""
    frozen.move_to("2026-11-07 23:55 +0800")
    incident = actions.register_incident(
        user("clerk_wendian"),
        unit=unit("wuqia"),
        kind="accident",
        severity="general",
        title="乌恰县某工地坍塌事故",
        occurred_at=at(23, 50, day=7),
    )
    assert incident.phone_due is None
    assert incident.written_due == at(1, 50, day=8)


def test_another_unit_may_not_register_it_and_nothing_is_written(user):
    with pytest.raises(Refused) as exc:
        actions.register_incident(
            user("fgw_clerk"),
            unit=unit("atushi"),
            kind="emergency",
            severity="major",
            title="暴雨洪涝",
            occurred_at=at(8),
        )
    assert exc.value.decisions[0].citation.article == 55
    assert not Incident.objects.exists()
    assert not Timer.objects.filter(kind=actions.OVERDUE_TIMER).exists()


def test_bad_times_are_bad_input(user):
    with pytest.raises(InvalidInput) as exc:
        actions.register_incident(
            user("atushi_head"),
            unit=unit("atushi"),
            kind="emergency",
            severity="major",
            title="暴雨洪涝",
            occurred_at=at(8),
            known_at=at(7),
        )
    assert exc.value.field == "known_at"
    with pytest.raises(InvalidInput):
        actions.register_incident(
            user("atushi_head"),
            unit=unit("atushi"),
            kind="emergency",
            severity="major",
            title="暴雨洪涝",
            occurred_at=at(8) + dt.timedelta(days=1),
        )
    with pytest.raises(InvalidInput):
        actions.register_incident(
            user("atushi_head"), unit=unit("atushi"), kind="flood", severity="major", title="x", occurred_at=at(8)
        )
