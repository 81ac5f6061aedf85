"""报送出访报告 (art. 59): after the return; a late report is accepted and marked late."""

from __future__ import annotations

import pytest

from tests.approvals.conftest import D, approved_delegation, fresh
from zhengwu.approvals import actions
from zhengwu.approvals.models import State
from zhengwu.audit.services import action_records
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.core.transitions import StateConflict
from zhengwu.timers.models import Timer, TimerState

pytestmark = pytest.mark.article(59)


@pytest.fixture
def returned(user, delegation, frozen):
    r = approved_delegation(user, delegation)
    frozen.move_to("2026-07-09 10:00 +0800")
    return actions.record_return(user("fgw_clerk"), r, D(2026, 7, 8))


def test_the_unit_reports_in_time(user, returned) -> None:
    r = actions.submit_report(user("fgw_head"), returned, "考察了三个物流园区……")
    assert (r.state, r.reported_on) == (State.REPORTED, D(2026, 7, 9))
    rec = action_records().filter(action="approvals.report", object_id=str(r.pk)).get()
    assert (rec.article, rec.details["late"]) == (59, False)
    assert not Timer.objects.filter(key__startswith=f"approvals.{r.pk}.report", state=TimerState.PENDING).exists()


def test_a_late_report_is_marked_late(user, returned, frozen) -> None:
    frozen.move_to("2026-07-30 10:00 +0800")
    r = actions.submit_report(user("fgw_clerk"), returned, "出访报告")
    rec = action_records().filter(action="approvals.report", object_id=str(r.pk)).get()
    assert rec.details["late"] is True
    assert "逾期" in rec.summary


def test_no_report_before_the_return(user, delegation) -> None:
    r = approved_delegation(user, delegation)
    with pytest.raises(StateConflict) as conflict:
        actions.submit_report(user("fgw_clerk"), r, "报告")
    assert conflict.value.decisions[0].citation.article == 59


def test_only_the_sending_unit_reports(user, returned) -> None:
    with pytest.raises(Refused):
        actions.submit_report(user("jyj_head"), returned, "报告")
    assert fresh(returned).state == State.RETURNED


def test_an_empty_report_is_bad_input(user, returned) -> None:
    with pytest.raises(InvalidInput) as bad:
        actions.submit_report(user("fgw_clerk"), returned, "  ")
    assert bad.value.field == "report"
    assert fresh(returned).state == State.RETURNED
