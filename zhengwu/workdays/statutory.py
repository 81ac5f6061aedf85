"""The days off that are known by law before any yearly notice: what a provisional year is built from.

No Django.  Two sources:

* **The nation.** 《全国年节及纪念日放假办法》 fixes the statutory holidays (全体公民放假的节日).
  As amended by 国务院令第795号 (in force 2025-01-01): 元旦 1 day, 春节 4 days (农历除夕至正月初三),
  清明节 1 day (the day of the solar term 清明), 劳动节 2 days (5月1日、2日), 端午节 1 day (农历五月初五),
  中秋节 1 day (农历八月十五), 国庆节 3 days (10月1日至3日).  Before it, 国务院令第644号 (2014-01-01):
  春节 3 days (正月初一至初三), 劳动节 1 day.  The lunar dates and the solar term come from
  ``lunar-python`` (6tail's calendar, the same tables in its Java, JavaScript and Go editions, pure
  Python, no data to download; it also gives the 24 solar terms, which ``lunardate`` does not).
* **A region's own feasts.** Xinjiang's 《全民节日及纪念日放假办法》 adds 肉孜节 (开斋节, 1 Shawwal) and
  古尔邦节 (宰牲节, 10 Dhu al-Hijjah).  Their dates are estimated on the Umm al-Qura Hijri calendar
  with ``hijridate`` (valid 1343–1500 AH, i.e. 1924–2077); the length of each holiday and the day it
  starts relative to the feast are the region's data (``data/<layer>.toml``), not code.

What the law leaves to the notice — the 调休 that joins a holiday to its weekend and the make-up
working days — cannot be known before the notice: a provisional year has none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

__all__ = [
    "NATIONAL_LAWS",
    "Feast",
    "HolidayLaw",
    "hijri_feast_days",
    "law_in_force",
    "statutory_days",
]

Anchor = Literal["solar", "lunar", "lunar_new_year_eve", "solar_term"]


@dataclass(frozen=True)
class Feast:
    """One statutory holiday: where its first day falls, and how many days it lasts."""

    name: str
    anchor: Anchor
    month: int = 0  # solar or lunar month (unused for a solar term)
    day: int = 0
    days: int = 1
    term: str = ""  # the solar term, e.g. 「清明」


@dataclass(frozen=True)
class HolidayLaw:
    """A version of 《全国年节及纪念日放假办法》: its reference, from when, and its holidays."""

    reference: str
    effective_from: date
    feasts: tuple[Feast, ...]


NATIONAL_LAWS: tuple[HolidayLaw, ...] = (
    HolidayLaw(
        "《全国年节及纪念日放假办法》（国务院令第644号）",
        date(2014, 1, 1),
        (
            Feast("元旦", "solar", 1, 1),
            Feast("春节", "lunar", 1, 1, days=3),
            Feast("清明节", "solar_term", term="清明"),
            Feast("劳动节", "solar", 5, 1),
            Feast("端午节", "lunar", 5, 5),
            Feast("中秋节", "lunar", 8, 15),
            Feast("国庆节", "solar", 10, 1, days=3),
        ),
    ),
    HolidayLaw(
        "《全国年节及纪念日放假办法》（国务院令第795号修订）",
        date(2025, 1, 1),
        (
            Feast("元旦", "solar", 1, 1),
            Feast("春节", "lunar_new_year_eve", days=4),
            Feast("清明节", "solar_term", term="清明"),
            Feast("劳动节", "solar", 5, 1, days=2),
            Feast("端午节", "lunar", 5, 5),
            Feast("中秋节", "lunar", 8, 15),
            Feast("国庆节", "solar", 10, 1, days=3),
        ),
    ),
)


def law_in_force(year: int, laws: tuple[HolidayLaw, ...] = NATIONAL_LAWS) -> HolidayLaw:
    """The version of the law in force on 1 January of ``year`` (the earliest known one before it)."""
    in_force = [law for law in laws if law.effective_from <= date(year, 1, 1)]
    return in_force[-1] if in_force else laws[0]


def _lunar_to_solar(lunar_year: int, month: int, day: int) -> date:
    from lunar_python import Lunar

    s = Lunar.fromYmd(lunar_year, month, day).getSolar()
    return date(s.getYear(), s.getMonth(), s.getDay())


def _solar_term(year: int, term: str) -> date:
    from lunar_python import Lunar

    # The table of a lunar year lists its terms by solar date; 清明 (early April) lies in the lunar
    # year that began in the same solar year.
    s = Lunar.fromYmd(year, 3, 1).getJieQiTable()[term]
    return date(s.getYear(), s.getMonth(), s.getDay())


def _first_day(feast: Feast, year: int) -> date:
    if feast.anchor == "solar":
        return date(year, feast.month, feast.day)
    if feast.anchor == "lunar":
        return _lunar_to_solar(year, feast.month, feast.day)
    if feast.anchor == "lunar_new_year_eve":
        return _lunar_to_solar(year, 1, 1) - timedelta(days=1)
    return _solar_term(year, feast.term)


def statutory_days(year: int, laws: tuple[HolidayLaw, ...] = NATIONAL_LAWS) -> dict[date, str]:
    """Every statutory day off in ``year`` under the law in force, named (「春节」).

    A holiday that begins in ``year`` but runs into the next keeps only its days in ``year``; one
    that began in the year before (除夕 on 31 December) contributes its days in ``year``.
    """
    law = law_in_force(year, laws)
    days: dict[date, str] = {}
    for y in (year - 1, year):
        for feast in law_in_force(y, laws).feasts if y != year else law.feasts:
            first = _first_day(feast, y)
            for k in range(feast.days):
                d = first + timedelta(days=k)
                if d.year == year:
                    days.setdefault(d, feast.name)
    return dict(sorted(days.items()))


@dataclass(frozen=True)
class HijriFeast:
    """A feast on the Hijri calendar, as a region's 放假办法 gives it: its first day off relative to
    the feast day (``offset``: -1 starts on the eve) and its length."""

    name: str
    month: int
    day: int
    days: int
    offset: int = 0


def hijri_feast_days(year: int, feasts: tuple[HijriFeast, ...]) -> dict[date, str]:
    """The estimated days off in ``year`` for Hijri feasts (empty outside hijridate's range)."""
    from hijridate import Gregorian, Hijri

    out: dict[date, str] = {}
    try:
        middle = Gregorian(year, 7, 1).to_hijri()
    except (OverflowError, ValueError):
        return out
    for feast in feasts:
        for hijri_year in (middle.year - 1, middle.year, middle.year + 1):
            try:
                g = Hijri(hijri_year, feast.month, feast.day).to_gregorian()
            except (OverflowError, ValueError):
                continue
            start = date(g.year, g.month, g.day) + timedelta(days=feast.offset)
            for k in range(feast.days):
                d = start + timedelta(days=k)
                if d.year == year:
                    out.setdefault(d, feast.name)
    return dict(sorted(out.items()))


def merge(*layers: Mapping[date, str]) -> dict[date, str]:
    """Days off of several sources, the earlier source naming a day both list."""
    out: dict[date, str] = {}
    for layer in layers:
        for d, name in layer.items():
            out.setdefault(d, name)
    return dict(sorted(out.items()))
