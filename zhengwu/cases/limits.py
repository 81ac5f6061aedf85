"""Time limits shared by 建议提案, 信访 and 复议诉讼审计: whether a limit is near or past (pure),
and the reminder and overdue timers of one limit (inside an action's transaction)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum

from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer, TimerState
from zhengwu.workdays.arith import UnknownYearError, WorkCalendar, deadline_close
from zhengwu.workdays.dependents import Recalc
from zhengwu.workdays.services import office_start


class LimitStatus(StrEnum):
    OK = "ok"
    AT_RISK = "at_risk"
    OVERDUE = "overdue"


def limit_status(due: dt.date, today: dt.date, remind_days: int) -> LimitStatus:
    """Past the limit once its day is over; at risk within ``remind_days`` calendar days of it."""
    if today > due:
        return LimitStatus.OVERDUE
    if (due - today).days <= remind_days:
        return LimitStatus.AT_RISK
    return LimitStatus.OK


def remind_day(due: dt.date, remind_days: int, cal: WorkCalendar) -> dt.date:
    """The working day on or before ``due - remind_days`` on which the reminder goes out."""
    return working_day_on_or_before(due - dt.timedelta(days=remind_days), cal)


def working_day_on_or_before(day: dt.date, cal: WorkCalendar) -> dt.date:
    """``day``, or the last working day before it (a time limit set *before* another moves earlier)."""
    for _ in range(40):
        if cal.is_working(day):
            return day
        day -= dt.timedelta(days=1)
    return day


def schedule_limit(
    prefix: str, key: str, due: dt.date, remind_days: int, cal: WorkCalendar, now: dt.datetime, **payload: object
) -> None:
    """A reminder at 09:00 ``remind_days`` before ``due`` (unless already past) and an overdue mark at
    24:00 of ``due``.  ``prefix`` names the timer kinds: ``<prefix>.remind`` and ``<prefix>.overdue``."""
    timers.schedule(f"{prefix}.overdue", deadline_close(due), f"{key}.overdue", **payload)
    try:
        at = office_start(remind_day(due, remind_days, cal))
    except UnknownYearError:
        timers.cancel(f"{key}.remind")
        return
    if at > now:
        timers.schedule(f"{prefix}.remind", at, f"{key}.remind", **payload)
    else:
        timers.cancel(f"{key}.remind")


def cancel_limit(key: str) -> None:
    timers.cancel(f"{key}.remind")
    timers.cancel(f"{key}.overdue")


# -- the calendar changed (``zhengwu.workdays.dependents``) ---------------------------------------


def limit_fired(key: str) -> bool:
    """Whether the limit's overdue mark has fired: its deadline is past, and it is not moved."""
    return Timer.objects.filter(key=f"{key}.overdue", state=TimerState.FIRED).exists()


def move_limit(key: str, due: dt.date, remind_days: int, cal: WorkCalendar, now: dt.datetime) -> None:
    """Move the pending timers of one limit (as :func:`schedule_limit` places them) to ``due`` on
    ``cal``: the overdue mark at 24:00 of it, the reminder unless its moment has passed.  A timer
    that fired stays fired."""
    timers.move(f"{key}.overdue", deadline_close(due))
    try:
        at = office_start(remind_day(due, remind_days, cal))
    except UnknownYearError:
        return
    if at > now:
        timers.move(f"{key}.remind", at)


def rule_moved(recalc: Recalc, due: dt.date | None, compute: Callable[[WorkCalendar], dt.date]) -> dt.date | None:
    """Like ``Recalc.days``/``.months`` for a rule they do not express: the date ``compute`` gives
    on the new calendar, if ``due`` is what it gave on the old one and it differs; else None."""
    if due is None:
        return None
    try:
        if compute(recalc.old) != due:
            return None  # not what the rule gives: a date someone chose
        new = compute(recalc.new)
    except (UnknownYearError, ValueError):
        return None
    return new if new != due else None
