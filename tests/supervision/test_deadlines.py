"""Reminders, overdue and escalation (art. 63), across 春节 and 国庆: durable timers that fire
whether or not anyone looks."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.supervision import actions
from zhengwu.supervision.models import ProgressReport
from zhengwu.workdays.arith import BEIJING
from zhengwu.workdays.services import deadline_close

from .conftest import D, notified, pending_timers, sweep_to

pytestmark = [pytest.mark.django_db, pytest.mark.article(63)]


def at(day: dt.date, hour: int = 10) -> dt.datetime:  # reminders go when the office opens (10:00)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=BEIJING)


def test_report_timers_across_the_spring_festival(open_item, winter, user) -> None:
    item = open_item(title="春节期间物资保供工作", every="monthly", due=D(2026, 3, 31))
    first = ProgressReport.objects.get(item=item, unit__code="fgw", period=1)
    # 01-15 + 1 month = 02-15, in the Spring Festival (02-15..23 off): the report is due 02-24
    assert first.due == D(2026, 2, 24)
    timers = pending_timers(item)
    # the 2nd working day before 02-24: 02-14 (a make-up working day), then 02-13
    assert timers[f"supervision:report:{first.pk}:remind"] == at(D(2026, 2, 13))
    assert timers[f"supervision:report:{first.pk}:overdue"] == deadline_close(D(2026, 2, 24))
    second = ProgressReport.objects.get(item=item, unit__code="czj", period=2)
    assert second.due == D(2026, 3, 16)  # 03-15 is a Sunday


def test_missed_report_reminded_then_escalated_across_the_spring_festival(open_item, winter, user) -> None:
    item = open_item(title="春节期间物资保供督办", every="monthly", due=D(2026, 3, 31))
    fgw = ProgressReport.objects.get(item=item, unit__code="fgw", period=1)
    czj = ProgressReport.objects.get(item=item, unit__code="czj", period=1)
    assert sweep_to(winter, "2026-02-13 10:05 +0800") >= 2  # both units reminded (and nothing else yet)
    assert {"fgw_head", "fgw_clerk", "czj_head"} <= notified("提醒：“春节期间物资保供督办”第1期")
    actions.submit_progress(user("fgw_clerk"), fgw, "已完成储备投放。")
    sweep_to(winter, "2026-02-25 00:05 +0800")
    czj.refresh_from_db()
    assert czj.escalation == 1
    assert czj.overdue_at is not None
    assert "czj_head" in notified("逾期：“春节期间物资保供督办”第1期")
    assert "fgw_head" not in notified("逾期：“春节期间物资保供督办”")
    assert "exec_vice" not in notified("逾期提级")
    # 3 working days after 02-24: 02-27; the 分管 leader of the 财政局 (常务副州长) is told after 24:00 of that day
    sweep_to(winter, "2026-02-27 12:00 +0800")
    assert "exec_vice" not in notified("逾期提级：“春节期间物资保供督办”")
    sweep_to(winter, "2026-02-28 00:05 +0800")
    czj.refresh_from_db()
    assert czj.escalation == 2
    assert "exec_vice" in notified("逾期提级：“春节期间物资保供督办”第1期")
    assert "vice_liu" not in notified("逾期提级：“春节期间物资保供督办”")
    assert item.events.filter(kind="escalate").count() == 1


def test_item_deadline_across_national_day(open_item, autumn, user) -> None:
    item = open_item(title="国庆期间安全生产检查督办", co=(), due=D(2026, 10, 9))
    timers = pending_timers(item)
    # the 2nd working day before 10-09: 10-08, then 09-30 (10-01..07 off)
    assert timers[f"supervision:item:{item.pk}:remind"] == at(D(2026, 9, 30))
    sweep_to(autumn, "2026-10-10 00:05 +0800")
    item.refresh_from_db()
    assert item.escalation == 1
    assert "fgw_head" in notified("逾期：督办事项“国庆期间安全生产检查督办”")
    # 10-10 is a make-up working day: 3 working days after 10-09 are 10-10, 10-12, 10-13
    sweep_to(autumn, "2026-10-13 23:00 +0800")
    item.refresh_from_db()
    assert item.escalation == 1
    sweep_to(autumn, "2026-10-14 00:05 +0800")
    item.refresh_from_db()
    assert item.escalation == 2
    assert "vice_liu" in notified("逾期提级：督办事项“国庆期间安全生产检查督办”")


def test_done_in_time_nothing_fires(open_item, autumn, user) -> None:
    item = open_item(title="按期办结不提醒的事项", co=(), due=D(2026, 10, 9))
    actions.report_done(user("fgw_head"), item, "已全部完成。")
    assert not pending_timers(item)
    sweep_to(autumn, "2026-10-20 00:05 +0800")
    item.refresh_from_db()
    assert item.escalation == 0
    assert not notified("按期办结不提醒的事项”将于")
