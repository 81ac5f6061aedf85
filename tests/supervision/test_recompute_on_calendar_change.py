"""The calendar changes under open supervision items (arts. 54, 63): a periodic report's day (a month
after the item was opened, rolled off a rest day) moves with a new holiday and its units are told;
the final deadline the office set stays, but its reminder and a pending escalation move."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine

from tests.supervision.conftest import D, sweep_to
from zhengwu.notices.models import Notice
from zhengwu.supervision.models import ProgressReport
from zhengwu.timers.models import Timer, TimerState
from zhengwu.workdays.actions import set_day
from zhengwu.workdays.arith import BEIJING
from zhengwu.workdays.services import deadline_close

pytestmark = [pytest.mark.article(54), pytest.mark.article(63)]

FINAL = D(2027, 4, 30)  # a Friday


@pytest.fixture
def late_december() -> Iterator[time_machine.Traveller]:
    with time_machine.travel("2026-12-28 10:00 +0800", tick=False) as traveller:
        yield traveller


def moved_notices(username: str) -> list[str]:
    return list(
        Notice.objects.filter(recipient__username=username, title__startswith="期限变更").values_list(
            "title", flat=True
        )
    )


def at_office_start(day: dt.date) -> dt.datetime:  # Kizilsu offices open at 10:00
    return dt.datetime.combine(day, dt.time(10, 0), tzinfo=BEIJING)


def test_a_monthly_report_moves_with_a_new_holiday(user, open_item, late_december) -> None:
    item = open_item(due=FINAL, every="monthly")
    first = list(ProgressReport.objects.filter(item=item, period=1).order_by("unit__code"))
    assert [r.due for r in first] == [D(2027, 1, 28), D(2027, 1, 28)]  # a month after Monday 12-28
    set_day(user("admin"), D(2027, 1, 28), "holiday", "测试假日", "通知")
    for r in first:
        r.refresh_from_db()
        assert r.due == D(2027, 1, 29)
        assert Timer.objects.get(key=f"supervision:report:{r.pk}:overdue").fire_at == deadline_close(D(2027, 1, 29))
        # 2 working days before 01-29 with 01-28 off: 01-26, as before
        assert Timer.objects.get(key=f"supervision:report:{r.pk}:remind").fire_at == at_office_start(D(2027, 1, 26))
    item.refresh_from_db()
    assert item.due == FINAL
    assert any("2027-01-28" in t and "2027-01-29" in t and "第1期进展报告" in t for t in moved_notices("fgw_clerk"))
    assert moved_notices("czj_head")


def test_the_final_deadline_stays_but_its_reminder_moves(user, open_item, late_december) -> None:
    item = open_item(due=FINAL)
    remind = f"supervision:item:{item.pk}:remind"
    assert Timer.objects.get(key=remind).fire_at == at_office_start(D(2027, 4, 28))  # 2 working days before
    set_day(user("admin"), D(2027, 4, 29), "holiday", "测试假日", "通知")
    item.refresh_from_db()
    assert item.due == FINAL  # the date the office set
    assert Timer.objects.get(key=remind).fire_at == at_office_start(D(2027, 4, 27))
    assert Timer.objects.get(key=f"supervision:item:{item.pk}:overdue").fire_at == deadline_close(FINAL)
    assert not moved_notices("fgw_head")


def test_a_fired_reminder_stays_fired(user, open_item, late_december) -> None:
    item = open_item(due=FINAL, every="monthly")
    report = ProgressReport.objects.filter(item=item, period=1).first()
    assert report is not None
    Timer.objects.filter(key=f"supervision:report:{report.pk}:remind").update(state=TimerState.FIRED)
    set_day(user("admin"), D(2027, 1, 28), "holiday", "测试假日", "通知")
    report.refresh_from_db()
    assert report.due == D(2027, 1, 29)
    assert Timer.objects.get(key=f"supervision:report:{report.pk}:remind").state == TimerState.FIRED


def test_a_pending_escalation_moves(user, open_item, late_december) -> None:
    item = open_item(due=D(2026, 12, 30))
    sweep_to(late_december, "2026-12-31 00:05 +0800")  # recorded overdue; escalation 3 working days later
    escalate = f"supervision:item:{item.pk}:escalate"
    assert Timer.objects.get(key=escalate).fire_at == deadline_close(D(2027, 1, 5))
    set_day(user("admin"), D(2027, 1, 4), "holiday", "测试假日", "通知")
    assert Timer.objects.get(key=escalate).fire_at == deadline_close(D(2027, 1, 6))
    item.refresh_from_db()
    assert item.due == D(2026, 12, 30)


def test_a_day_after_the_report_due_moves_nothing(user, open_item, late_december) -> None:
    item = open_item(due=FINAL, every="monthly")
    set_day(user("admin"), D(2027, 1, 29), "holiday", "测试假日", "通知")
    assert set(ProgressReport.objects.filter(item=item, period=1).values_list("due", flat=True)) == {D(2027, 1, 28)}
    assert not moved_notices("fgw_clerk")
