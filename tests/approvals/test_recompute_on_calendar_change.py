"""The calendar changes under a delegation's open report (arts. 59, 63): a new holiday before its
last working day moves the deadline and its timers; the unit is told.  A report already sent
does not move."""

from __future__ import annotations

import pytest

from tests.approvals.conftest import D, approved_delegation
from zhengwu.approvals import actions
from zhengwu.notices.models import Notice
from zhengwu.timers.models import Timer
from zhengwu.workdays.actions import set_day
from zhengwu.workdays.services import calendar, deadline_close

pytestmark = [pytest.mark.article(59), pytest.mark.article(63)]


@pytest.fixture
def returned(user, delegation, frozen):
    r = approved_delegation(user, delegation)
    frozen.move_to("2026-07-09 10:00 +0800")
    return actions.record_return(user("fgw_clerk"), r, D(2026, 7, 8))  # due 2026-07-22


def test_the_report_deadline_moves_with_a_new_holiday(user, returned) -> None:
    assert returned.report_due == D(2026, 7, 22)
    set_day(user("admin"), D(2026, 7, 15), "holiday", "测试假日", "通知")
    returned.refresh_from_db()
    assert returned.report_due == calendar().add_working_days(D(2026, 7, 8), 10) == D(2026, 7, 23)
    assert Timer.objects.get(key=f"approvals.{returned.pk}.report.overdue").fire_at == deadline_close(D(2026, 7, 23))
    assert Notice.objects.filter(recipient__username="fgw_clerk", title__startswith="期限变更").exists()


def test_a_sent_report_does_not_move(user, returned) -> None:
    actions.submit_report(user("fgw_clerk"), returned, "出访报告")
    set_day(user("admin"), D(2026, 7, 15), "holiday", "测试假日", "通知")
    returned.refresh_from_db()
    assert returned.report_due == D(2026, 7, 22)
