"""The official schedules from chinese_calendar (zhengwu.workdays.seed), against the brief's tables."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest
from django.utils import translation

from zhengwu.core.i18n import localize
from zhengwu.workdays.arith import CalendarDay, DayKind, UnknownYearError, WorkCalendar
from zhengwu.workdays.seed import (
    known_years,
    official_calendar,
    official_calendar_days,
    official_schedule,
)

D = date


def _span(a: date, b: date) -> list[date]:
    return [a + timedelta(days=i) for i in range((b - a).days + 1)]


# The brief's table (State Council notices), typed in again here.
HOLIDAYS = {
    2025: {
        *_span(D(2025, 1, 1), D(2025, 1, 1)),
        *_span(D(2025, 1, 28), D(2025, 2, 4)),
        *_span(D(2025, 4, 4), D(2025, 4, 6)),
        *_span(D(2025, 5, 1), D(2025, 5, 5)),
        *_span(D(2025, 5, 31), D(2025, 6, 2)),
        *_span(D(2025, 10, 1), D(2025, 10, 8)),
    },
    2026: {
        *_span(D(2026, 1, 1), D(2026, 1, 3)),
        *_span(D(2026, 2, 15), D(2026, 2, 23)),
        *_span(D(2026, 4, 4), D(2026, 4, 6)),
        *_span(D(2026, 5, 1), D(2026, 5, 5)),
        *_span(D(2026, 6, 19), D(2026, 6, 21)),
        *_span(D(2026, 9, 25), D(2026, 9, 27)),
        *_span(D(2026, 10, 1), D(2026, 10, 7)),
    },
}
MAKEUP = {
    2025: {D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)},
    2026: {D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)},
}


@pytest.mark.article(63)
def test_known_years_is_detected_from_the_package() -> None:
    years = known_years()
    assert years.step == 1
    assert 2025 in years
    assert 2026 in years
    for year in years:
        chinese_calendar.is_workday(D(year, 1, 1))  # the package has data: no error
        chinese_calendar.is_workday(D(year, 12, 31))
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(years.stop, 1, 1))
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(years.start - 1, 12, 31))


@pytest.mark.article(63)
@pytest.mark.parametrize("year", [2025, 2026])
def test_official_schedule_matches_the_state_council_notices(year: int) -> None:
    holidays, makeup = official_schedule(year)
    assert set(holidays) == HOLIDAYS[year]
    assert set(makeup) == MAKEUP[year]


@pytest.mark.article(63)
@pytest.mark.parametrize(
    ("d", "name"),
    [
        (D(2025, 1, 1), "元旦"),
        (D(2025, 1, 28), "春节"),
        (D(2025, 2, 1), "春节"),  # a Saturday inside the block is listed as a holiday
        (D(2025, 4, 4), "清明节"),
        (D(2025, 5, 5), "劳动节"),
        (D(2025, 5, 31), "端午节"),
        (D(2025, 10, 1), "国庆节"),
        (D(2025, 10, 6), "中秋节"),  # 中秋 falls inside 国庆 in 2025
        (D(2026, 2, 15), "春节"),  # a Sunday
        (D(2026, 6, 19), "端午节"),
        (D(2026, 9, 25), "中秋节"),
        (D(2026, 10, 7), "国庆节"),
    ],
)
def test_holiday_names_in_chinese(d: date, name: str) -> None:
    holidays, _ = official_schedule(d.year)
    assert holidays[d] == name


@pytest.mark.article(63)
@pytest.mark.parametrize(
    ("d", "name"),
    [
        (D(2025, 1, 26), "春节调休上班"),
        (D(2025, 2, 8), "春节调休上班"),
        (D(2025, 4, 27), "劳动节调休上班"),
        (D(2025, 9, 28), "国庆节调休上班"),
        (D(2025, 10, 11), "国庆节调休上班"),
        (D(2026, 1, 4), "元旦调休上班"),
        (D(2026, 2, 14), "春节调休上班"),
        (D(2026, 2, 28), "春节调休上班"),
        (D(2026, 5, 9), "劳动节调休上班"),
    ],
)
def test_make_up_day_names(d: date, name: str) -> None:
    _, makeup = official_schedule(d.year)
    assert makeup[d] == name


@pytest.mark.article(63)
def test_special_holiday_name() -> None:
    if 2015 not in known_years():
        pytest.skip("chinese_calendar no longer ships 2015")
    holidays, makeup = official_schedule(2015)
    assert holidays[D(2015, 9, 3)] == "抗战胜利70周年纪念日"
    assert makeup[D(2015, 9, 6)] == "抗战胜利70周年纪念日调休上班"


@pytest.mark.article(63)
@pytest.mark.parametrize("year", [2025, 2026])
def test_official_days_equal_the_brief_tables(year: int) -> None:
    official = official_calendar_days(year)
    assert [cd.date for cd in official] == _span(D(year, 1, 1), D(year, 12, 31))
    for cd in official:
        if cd.date in HOLIDAYS[year]:
            expected = DayKind.HOLIDAY
        elif cd.date in MAKEUP[year]:
            expected = DayKind.MAKEUP
        elif cd.date.weekday() >= 5:
            expected = DayKind.WEEKEND
        else:
            expected = DayKind.WORKDAY
        assert cd.kind is expected, cd


@pytest.mark.article(63)
def test_every_known_year_agrees_with_the_package_day_by_day() -> None:
    for year in known_years():
        days = official_calendar_days(year)
        assert len(days) == (date(year + 1, 1, 1) - date(year, 1, 1)).days
        for cd in days:
            assert cd.is_working is chinese_calendar.is_workday(cd.date), cd
            if cd.kind in (DayKind.HOLIDAY, DayKind.MAKEUP):
                assert cd.name, cd


@pytest.mark.article(63)
def test_official_calendar_deadlines() -> None:
    cal = official_calendar([2025, 2026])
    assert isinstance(cal, WorkCalendar)
    assert cal.add_working_days(D(2026, 2, 12), 7) == D(2026, 2, 28)
    assert cal.add_days(D(2026, 9, 1), 30) == D(2026, 10, 8)
    assert cal.add_months(D(2025, 11, 30), 3) == D(2026, 2, 28)
    assert cal.day(D(2026, 2, 14)) == CalendarDay(D(2026, 2, 14), DayKind.MAKEUP, "春节调休上班")


@pytest.mark.article(63)
def test_unknown_year_is_refused() -> None:
    for year in (known_years().stop, known_years().start - 1):
        with pytest.raises(UnknownYearError) as info:
            official_schedule(year)
        assert info.value.year == year
        assert f"{year}年" in str(info.value)
        with pytest.raises(UnknownYearError):
            official_calendar_days(year)


@pytest.mark.article(63)
def test_2027_is_not_guessed() -> None:
    if 2027 in known_years():
        pytest.skip("this chinese_calendar release ships 2027")
    with pytest.raises(UnknownYearError) as info:
        official_schedule(2027)
    assert info.value.year == 2027
    assert "2027年的工作日安排尚未录入" in str(info.value)
    with translation.override("en"):
        assert "2027" in localize(info.value.message)
    cal = official_calendar([2025, 2026])
    with pytest.raises(UnknownYearError, match="2027"):
        cal.add_months(D(2026, 11, 30), 3)
    last = D(2026, 12, 31)
    with pytest.raises(UnknownYearError):
        cal.add_working_days(last - timedelta(days=1), 2)
