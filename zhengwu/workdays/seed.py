"""The official schedules shipped by the ``chinesecalendar`` package (import ``chinese_calendar``).

Used to seed the work calendar with the years the package knows.  Years it
does not know (a new year's schedule is published each November/December)
must be entered by an administrator; asking this module about such a year
raises :class:`~zhengwu.workdays.arith.UnknownYearError`, never a guess.

No Django imports.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import chinese_calendar

from zhengwu.workdays.arith import CalendarDay, UnknownYearError, WorkCalendar, build_year

__all__ = [
    "HOLIDAY_NAMES_ZH",
    "known_years",
    "official_calendar",
    "official_calendar_days",
    "official_schedule",
]

#: chinese_calendar's (English) holiday names → the Chinese names we store.
HOLIDAY_NAMES_ZH: dict[str, str] = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def _name_zh(english: object) -> str:
    name = str(english)
    if name in HOLIDAY_NAMES_ZH:
        return HOLIDAY_NAMES_ZH[name]
    # A holiday added by a newer chinese_calendar release: use its own Chinese name if it has one.
    try:
        return str(chinese_calendar.Holiday(name).chinese)
    except (ValueError, AttributeError):
        return name


def _package_dates(table: Iterable[object]) -> list[date]:
    return [d for d in table if isinstance(d, date)]


def known_years() -> range:
    """The years chinese_calendar has schedules for (detected from its data, not hard-coded).

    Mirrors chinese_calendar's own check: the span from its first to its last listed holiday.
    """
    years = [d.year for d in _package_dates(chinese_calendar.holidays)]
    if not years:
        return range(0)
    return range(min(years), max(years) + 1)


def official_schedule(year: int) -> tuple[dict[date, str], dict[date, str]]:
    """``(holidays, makeup_days)`` of ``year`` from chinese_calendar, names in Chinese.

    ``holidays``: every day off listed by chinese_calendar in ``year`` — it
    lists the weekend days inside a holiday block too (e.g. 2026-02-15, a
    Sunday of 春节) — named 「春节」 etc.  ``makeup_days``: the Saturdays and
    Sundays chinese_calendar lists as worked, named e.g. 「春节调休上班」.
    Raises :class:`UnknownYearError` if chinese_calendar has no data for ``year``.
    """
    if year not in known_years():
        raise UnknownYearError(year)
    try:  # the package's own check; it raises NotImplementedError for a year it lacks
        chinese_calendar.is_workday(date(year, 1, 1))
        chinese_calendar.is_workday(date(year, 12, 31))
    except NotImplementedError:
        raise UnknownYearError(year) from None

    holiday_table: dict[object, object] = dict(chinese_calendar.holidays)
    workday_table: dict[object, object] = dict(chinese_calendar.workdays)
    holidays = {d: _name_zh(holiday_table[d]) for d in sorted(_package_dates(holiday_table)) if d.year == year}
    makeup_days = {
        d: f"{_name_zh(workday_table[d])}调休上班"
        for d in sorted(_package_dates(workday_table))
        if d.year == year and d.weekday() >= 5
    }
    return holidays, makeup_days


def official_calendar_days(year: int) -> list[CalendarDay]:
    """The whole of ``year`` as :class:`CalendarDay` rows, from chinese_calendar."""
    return build_year(year, *official_schedule(year))


def official_calendar(years: Iterable[int]) -> WorkCalendar:
    """A :class:`WorkCalendar` of the given years from chinese_calendar (convenience for tests/seeding)."""
    return WorkCalendar(day for year in years for day in official_calendar_days(year))
