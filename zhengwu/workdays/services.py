"""The calendar as the rest of zhengwu uses it: deadlines on the official calendar.

Single dates go through :class:`~zhengwu.workdays.arith.WorkCalendar` (built from the database,
cached until the calendar changes).  Bulk deadlines go through :func:`working_day_deadline`, an
SQL expression over ``work_index``.

The calendar is composed of layers (``ZHENGWU_CALENDAR_LAYERS``: the nation, the region, local
days; :mod:`zhengwu.workdays.layers`).  A year after the last one stored is never a stop: the
calendar extends itself with the days the law fixes (provisional) and says so
(:func:`provisional_note`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Count, Max, OuterRef, Subquery
from django.utils import timezone

from zhengwu.workdays import layers
from zhengwu.workdays.arith import BEIJING, DayKind, UnknownYearError, WorkCalendar, deadline_close
from zhengwu.workdays.arith import CalendarDay as Day
from zhengwu.workdays.models import CalendarDay, CalendarYear

__all__ = [
    "UnknownYearError",
    "add_working_days",
    "calendar",
    "deadline_close",
    "layer_keys",
    "missing_next_year",
    "provisional_days",
    "provisional_note",
    "working_day_deadline",
    "working_days_between",
]

_CACHE: dict[tuple[int, dt.datetime | None], WorkCalendar] = {}


def _stamp() -> tuple[int, dt.datetime | None]:
    """What changes whenever the calendar does (one query; every deadline asks it)."""
    stamp = CalendarYear.objects.aggregate(years=Count("year"), latest=Max("updated_at"))
    return stamp["years"], stamp["latest"]


def layer_keys() -> list[str]:
    """This government's calendar layers, lowest first (``national``, then e.g. ``xinjiang``, ``local``)."""
    return list(settings.ZHENGWU_CALENDAR_LAYERS)


def region_keys() -> list[str]:
    """The layers between the nation and local days: a province's or region's own."""
    return [k for k in layer_keys() if k not in (layers.NATIONAL, layers.LOCAL)]


@functools.cache
def region(key: str) -> layers.RegionLayer:
    """A region layer's shipped data (``zhengwu/workdays/data/<key>.toml``)."""
    return layers.load_region(key)


def local_data() -> str:
    """The data file of this government's local layer (office hours from its own notices)."""
    return str(settings.ZHENGWU_LOCAL_CALENDAR_DATA)


def layer_name(key: str, *, english: bool = False) -> str:
    if key in (layers.NATIONAL, layers.LOCAL):
        return (layers.LAYER_NAMES_EN if english else layers.LAYER_NAMES)[key]
    if not key:
        return ""
    r = region(key)
    return r.name_en if english else r.name


def office_hours(day: dt.date) -> layers.OfficeHours | None:
    """The office hours (作息时间) in force on ``day``: the highest layer's that has any (the
    prefecture's own notice over the 自治区's), the season that began last on or before ``day``.
    A year with no notice repeats the seasons of the last year that has one."""
    for key in reversed(layer_keys()):
        if key == layers.NATIONAL:
            continue
        path = layers.region_path(local_data() if key == layers.LOCAL else key)
        if not path.exists():
            continue
        hours = region(local_data() if key == layers.LOCAL else key).office_hours()
        if not hours:
            continue
        known = max(
            (h.starts.year for h in hours if h.starts.year <= day.year), default=min(h.starts.year for h in hours)
        )
        pattern = [h for h in hours if h.starts.year == known]

        def moved(h: layers.OfficeHours, year: int) -> layers.OfficeHours:
            return layers.OfficeHours(h.season, h.starts.replace(year=year), h.periods)

        candidates = [moved(h, day.year) for h in pattern] + [moved(h, day.year - 1) for h in pattern]
        started = [h for h in candidates if h.starts <= day]
        return max(started, key=lambda h: h.starts) if started else None
    return None


DEFAULT_OFFICE_START = dt.time(9, 0)


def office_start(day: dt.date) -> dt.datetime:
    """When the office opens on ``day`` (Beijing time): reminders (催办) are sent then, inside office
    hours — 10:00 in Kizilsu, where the 自治区's hours start late; 09:00 where none are known."""
    hours = office_hours(day)
    start = hours.periods[0][0] if hours and hours.periods else DEFAULT_OFFICE_START
    return dt.datetime.combine(day, start, tzinfo=BEIJING)


def outside_office_hours(day: dt.date, at: dt.time) -> str:
    """A sentence when ``at`` on ``day`` falls outside office hours (empty when inside or unknown)."""
    hours = office_hours(day)
    if hours is None or hours.contains(at):
        return ""
    season = "夏季" if hours.season == "summer" else "冬季"
    return f"{at:%H:%M}不在{season}作息时间（{hours.label()}，北京时间）内，请确认会议时间。"


def provisional_days(year: int) -> list[Day]:
    """``year`` as estimated before any notice: the statutory holidays and each region's feasts."""
    return layers.compose(
        year,
        [
            layers.provisional_year(k, year, region(k) if k in region_keys() else None)
            for k in layer_keys()
            if k != layers.LOCAL
        ],
    )


def provisional_note(year: int) -> str:
    """What a deadline in a provisional year says of itself."""
    return f"暂按法定节假日推算，待公布{year}年放假安排后自动重算"


def provisional_note_en(year: int) -> str:
    return (
        f"Provisional: counted on the statutory holidays; recomputed automatically when the {year} "
        "holiday schedule is published"
    )


def calendar() -> WorkCalendar:
    """The whole calendar as a :class:`WorkCalendar` (cached until an administrator changes it).

    Years after the last stored one are added on demand, provisional (:func:`provisional_days`)."""
    stamp = _stamp()
    cached = _CACHE.get(stamp)
    if cached is None:
        days = [
            Day(d, DayKind(k), n, layer)
            for d, k, n, layer in CalendarDay.objects.values_list("date", "kind", "name", "layer")
        ]
        provisional = CalendarYear.objects.filter(provisional=True).values_list("year", flat=True)
        cached = WorkCalendar(days, provisional, extend=provisional_days)
        _CACHE.clear()
        _CACHE[stamp] = cached
    return cached


def is_provisional(day: dt.date | None) -> bool:
    """Whether a due date lies in a year whose schedule is still estimated."""
    return day is not None and calendar().is_provisional(day)


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
    """From November on, the next year while its schedule is still provisional or missing
    (administrators are warned)."""
    today = today or timezone.localdate()
    if today.month >= 11 and not CalendarYear.objects.filter(year=today.year + 1, provisional=False).exists():
        return today.year + 1
    return None


def covered_years() -> list[int]:
    return list(CalendarYear.objects.values_list("year", flat=True))


def index_rows(days: Iterable[Day]) -> list[CalendarDay]:
    """Rows for the given days with ``work_index`` computed over the whole calendar."""
    cal = WorkCalendar(days)
    indexes = cal.work_indexes()
    return [
        CalendarDay(
            date=d.date,
            kind=d.kind.value,
            name=d.name,
            is_working=d.is_working,
            work_index=indexes[d.date],
            source="",
            layer=d.layer,
        )
        for d in cal
    ]
