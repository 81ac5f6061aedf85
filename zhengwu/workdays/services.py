"""The calendar as the rest of zhengwu uses it: deadlines on the official calendar.

Single dates go through :class:`~zhengwu.workdays.arith.WorkCalendar` (built from the database,
cached until the calendar changes).  Bulk deadlines go through :func:`working_day_deadline`, an
SQL expression over ``work_index``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Max, OuterRef, Subquery
from django.utils import timezone

from zhengwu.workdays.arith import CalendarDay as Day
from zhengwu.workdays.arith import DayKind, UnknownYearError, WorkCalendar, deadline_close
from zhengwu.workdays.models import CalendarDay, CalendarYear

__all__ = [
    "UnknownYearError",
    "add_working_days",
    "calendar",
    "deadline_close",
    "missing_next_year",
    "working_day_deadline",
    "working_days_between",
]

_CACHE: dict[tuple[int, dt.datetime | None], WorkCalendar] = {}


def _stamp() -> tuple[int, dt.datetime | None]:
    """What changes whenever the calendar does (one query; every deadline asks it)."""
    stamp = CalendarYear.objects.aggregate(years=Count("year"), latest=Max("updated_at"))
    return stamp["years"], stamp["latest"]


def calendar() -> WorkCalendar:
    """The whole calendar as a :class:`WorkCalendar` (cached until an administrator changes it)."""
    stamp = _stamp()
    cached = _CACHE.get(stamp)
    if cached is None:
        days = [Day(d, DayKind(k), n) for d, k, n in CalendarDay.objects.values_list("date", "kind", "name")]
        cached = WorkCalendar(days)
        _CACHE.clear()
        _CACHE[stamp] = cached
    return cached


def add_working_days(start: dt.date, n: int) -> dt.date:
    return calendar().add_working_days(start, n)


def working_days_between(a: dt.date, b: dt.date) -> int:
    return calendar().working_days_between(a, b)


def due_after_working_days(start: dt.date, n: int) -> dt.datetime:
    """The instant a period of ``n`` working days from ``start`` ends (24:00 Beijing time)."""
    return deadline_close(add_working_days(start, n))


def working_day_deadline(date_field: str, n: int | str) -> Subquery:
    """SQL: the N-th working day after the date in ``date_field`` (NULL where the calendar has no
    schedule), for ``queryset.annotate(due=working_day_deadline("received_on", 7))`` over any
    number of rows, with no Python loop.  ``n`` is a number or the name of a field of the row."""
    start_index = Subquery(
        CalendarDay.objects.filter(date=OuterRef(OuterRef(date_field))).order_by().values("work_index")[:1]
    )
    steps: int | OuterRef = OuterRef(n) if isinstance(n, str) else n
    return Subquery(
        CalendarDay.objects.filter(is_working=True, work_index=start_index + steps).order_by().values("date")[:1]
    )


def missing_next_year(today: dt.date | None = None) -> int | None:
    """From November on, the next year whose schedule is missing (administrators are warned)."""
    today = today or timezone.localdate()
    if today.month >= 11 and not CalendarYear.objects.filter(year=today.year + 1).exists():
        return today.year + 1
    return None


def covered_years() -> list[int]:
    return list(CalendarYear.objects.values_list("year", flat=True))


def index_rows(days: Iterable[Day]) -> list[CalendarDay]:
    """Rows for the given days with ``work_index`` computed over the whole calendar."""
    cal = WorkCalendar(days)
    indexes = cal.work_indexes()
    return [
        CalendarDay(date=d.date, kind=d.kind.value, name=d.name, is_working=d.is_working,
                    work_index=indexes[d.date], source="")
        for d in cal
    ]

