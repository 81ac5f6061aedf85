"""Deadlines in a provisional year, as every surface shows them (art. 63).

A year whose official holiday schedule is not yet published is *provisional*: a deadline that
falls in it is computed on the statutory holidays only and may move when the notice comes
(:func:`zhengwu.workdays.services.is_provisional`).  Pages add a 「暂定」 badge
(``zhengwu_web.due_date``), the API a ``<field>_provisional`` flag (``apis.schemas.ProvisionalDues``),
exports and plain text 「2027-01-07（暂定）」 (:func:`plain`).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhengwu.core import memo
from zhengwu.workdays import services as workdays

MARK = "（暂定）"
#: The memo namespace of the provisional years (a page of 40 deadlines reads the calendar once a year,
#: not once a row); a calendar change within the same request calls ``memo.forget(NAMESPACE)``.
NAMESPACE = "dues.provisional"


def last_day(value: object) -> dt.date | None:
    """The last day of a deadline: a date itself; for an instant (24:00 of the last day is stored as
    00:00 of the next), the Beijing date of the moment just before it; None for anything else."""
    if isinstance(value, dt.datetime):
        before = value - dt.timedelta(microseconds=1)
        return (timezone.localtime(before) if timezone.is_aware(before) else before).date()
    if isinstance(value, dt.date):
        return value
    return None


def _provisional(day: dt.date) -> bool:
    """A year is provisional as a whole: asked once per year within a request or a sweep."""
    return memo.memo(NAMESPACE, day.year, lambda: workdays.is_provisional(day))


def is_provisional(value: object) -> bool:
    """Whether a deadline (date or instant) falls in a year whose schedule is still estimated."""
    day = last_day(value)
    return day is not None and _provisional(day)


def note(value: object, *, english: bool = False) -> str:
    """「暂按法定节假日推算，待公布2027年放假安排后自动重算」 for a provisional deadline, else ""."""
    day = last_day(value)
    if day is None or not _provisional(day):
        return ""
    return workdays.provisional_note_en(day.year) if english else workdays.provisional_note(day.year)


def plain(value: object, fmt: str = "%Y-%m-%d") -> str:
    """A deadline as exports and plain text print it: 「2027-01-07（暂定）」, the date alone when its
    year is official, "" for no date."""
    if not isinstance(value, dt.date):
        return ""
    shown = timezone.localtime(value) if isinstance(value, dt.datetime) and timezone.is_aware(value) else value
    return shown.strftime(fmt) + (MARK if is_provisional(value) else "")
