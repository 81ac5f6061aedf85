"""The timeline of an incident report (art. 55): first report by phone and in writing, follow-ups,
the final report; late reports marked; the overdue timers."""

from __future__ import annotations

import pytest

from tests.reporting.conftest import at
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Refused
from zhengwu.core.transitions import StateConflict
from zhengwu.reporting import actions
from zhengwu.reporting.models import IncidentEntry
from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer, TimerState

pytestmark = [pytest.mark.article(55), pytest.mark.usefixtures("frozen")]


def test_first_report_follow_up_and_final_report(user, make_incident):
    incident = make_incident()
    actions.record_report(
        user("clerk_wendian"), incident, stage="phone", content="电话报告：3人被困。", reported_at=at(8, 50)
    )
    actions.record_report(
        user("atushi_head"), incident, stage="written", content="书面报告：3人被困，正在救援。", reported_at=at(9, 0)
    )
    actions.record_report(user("atushi_head"), incident, stage="follow_up", content="续报一：1人获救。")
    assert incident.state == "reported"
    actions.record_report(user("atushi_head"), incident, stage="final", content="终报：救援结束。")
    incident.refresh_from_db()
    assert incident.state == "closed"
    assert list(incident.entries.values_list("stage", "late")) == [
        ("phone", False),
        ("written", False),
        ("follow_up", False),
        ("final", False),
    ]
    assert not Timer.objects.filter(kind=actions.OVERDUE_TIMER, state=TimerState.PENDING).exists()
    with pytest.raises(StateConflict):
        actions.record_report(user("atushi_head"), incident, stage="follow_up", content="再续报。")


def test_a_follow_up_before_the_written_first_report_is_refused(user, make_incident):
    incident = make_incident()
    with pytest.raises(Refused) as exc:
        actions.record_report(user("atushi_head"), incident, stage="follow_up", content="续报。")
    assert exc.value.decisions[0].code == "reports.stage.no_written"
    assert exc.value.decisions[0].citation.article == 55
    assert not IncidentEntry.objects.exists()


def test_a_late_written_report_is_marked_and_the_overdue_timer_records_it_first(user, make_incident, frozen):
    incident = make_incident()
    frozen.move_to("2026-11-03 09:05 +0800")
    timers.sweep()
    incident.refresh_from_db()
    assert incident.overdue_limits == ["phone"]
    assert AuditRecord.objects.filter(action="reporting.incident.overdue").count() == 1
    frozen.move_to("2026-11-03 09:40 +0800")
    entry = actions.record_report(user("atushi_head"), incident, stage="written", content="书面报告。")
    assert entry.late
    timers.sweep()
    incident.refresh_from_db()
    assert incident.overdue_limits == ["phone"]  # the written limit's timer was cancelled by the report


def test_another_unit_may_not_record_a_report(user, make_incident):
    incident = make_incident()
    with pytest.raises(Refused):
        actions.record_report(user("fgw_head"), incident, stage="phone", content="电话报告。")
    assert not IncidentEntry.objects.exists()
