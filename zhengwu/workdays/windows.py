"""The compliance view's window on the calendar (arts. 36, 63): how far ahead a deadline counts as
「临近期限」, and how a late one is described.  Shared by every area whose lines count working days
(documents, supervision); the number of days is the caller's parameter (``supervision.remind_days``)."""

from __future__ import annotations

import datetime as dt

from zhengwu.core.compliance import Status
from zhengwu.workdays.services import UnknownYearError, calendar


def horizon(today: dt.date, working_days: int) -> dt.date:
    """The last day counted as 「临近期限」: ``working_days`` working days ahead (calendar days in a year
    the calendar does not know)."""
    try:
        return calendar().add_working_days(today, working_days)
    except UnknownYearError:
        return today + dt.timedelta(days=working_days)


def status(due: dt.date, today: dt.date) -> Status:
    return Status.OVERDUE if due < today else Status.AT_RISK


def lateness(due: dt.date, today: dt.date) -> str:
    """「2027-01-07到期」, or 「逾期3个工作日」 (「逾期3日」 in a year the calendar does not know)."""
    if due >= today:
        return f"{due.isoformat()}到期"
    try:
        n = calendar().working_days_between(due, today)
    except UnknownYearError:
        return f"逾期{(today - due).days}日"
    return f"逾期{n}个工作日"
