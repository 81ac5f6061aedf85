"""记录回国（境） (art. 59): the report after the return falls due in working days."""

from __future__ import annotations

import pytest

from tests.approvals.conftest import D, approved_delegation, fresh
from zhengwu.approvals import actions
from zhengwu.approvals.models import State
from zhengwu.audit.services import action_records
from zhengwu.core.decisions import Refused
from zhengwu.core.transitions import StateConflict
from zhengwu.timers.models import Timer, TimerState
from zhengwu.workdays.services import calendar

pytestmark = pytest.mark.article(59)


def test_the_return_sets_the_reports_deadline_and_its_timer(user, delegation, frozen) -> None:
    r = approved_delegation(user, delegation)
    frozen.move_to("2026-07-09 10:00 +0800")
    r = actions.record_return(user("fgw_clerk"), r, D(2026, 7, 8))
    assert r.report_due == calendar().add_working_days(D(2026, 7, 8), 10) == D(2026, 7, 22)
    assert (r.state, r.returned_on) == (State.RETURNED, D(2026, 7, 8))
    rec = action_records().filter(action="approvals.return", object_id=str(r.pk)).get()
    assert (rec.article, rec.details["report_due"]) == (59, "2026-07-22")
    assert Timer.objects.filter(key=f"approvals.{r.pk}.report.overdue", state=TimerState.PENDING).exists()


def test_no_return_before_the_approval(user, delegation) -> None:
    r = delegation()
    with pytest.raises(StateConflict) as conflict:
        actions.record_return(user("fgw_clerk"), r)
    assert conflict.value.decisions[0].citation.article == 59
    assert fresh(r).state == State.SUBMITTED


def test_the_return_is_not_before_the_departure(user, delegation, frozen) -> None:
    r = approved_delegation(user, delegation)
    frozen.move_to("2026-07-09 10:00 +0800")
    with pytest.raises(Refused) as refused:
        actions.record_return(user("fgw_clerk"), r, D(2026, 6, 30))
    assert refused.value.decisions[0].code == "approvals.return_before_departure"
    assert fresh(r).state == State.APPROVED


def test_another_unit_may_not_record_it(user, delegation, frozen) -> None:
    r = approved_delegation(user, delegation)
    frozen.move_to("2026-07-09 10:00 +0800")
    with pytest.raises(Refused) as refused:
        actions.record_return(user("jyj_head"), r, D(2026, 7, 8))
    assert (refused.value.decisions[0].code, refused.value.decisions[0].citation.article) == ("approvals.not_own", 59)
