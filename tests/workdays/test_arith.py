"""Working-day arithmetic (zhengwu.workdays.arith), against the State Council schedules for 2025 and 2026.

Every expected date below was worked out by hand from the schedule tables in the
brief (and a wall calendar: 2025-01-01 is a Wednesday, 2026-01-01 a Thursday),
not from the implementation.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from zhengwu.core.i18n import localize
from zhengwu.workdays.arith import (
    CalendarDay,
    DayKind,
    UnknownYearError,
    WorkCalendar,
    build_year,
    deadline_close,
    parse_date_spec,
)

D = date


def _span(a: date, b: date) -> Iterator[date]:
    d = a
    while d <= b:
        yield d
        d += timedelta(days=1)


# The brief's table, typed in independently of parse_date_spec.
HOLIDAY_BLOCKS = {
    2025: [
        (D(2025, 1, 1), D(2025, 1, 1), "元旦"),
        (D(2025, 1, 28), D(2025, 2, 4), "春节"),
        (D(2025, 4, 4), D(2025, 4, 6), "清明节"),
        (D(2025, 5, 1), D(2025, 5, 5), "劳动节"),
        (D(2025, 5, 31), D(2025, 6, 2), "端午节"),
        (D(2025, 10, 1), D(2025, 10, 8), "国庆节"),
    ],
    2026: [
        (D(2026, 1, 1), D(2026, 1, 3), "元旦"),
        (D(2026, 2, 15), D(2026, 2, 23), "春节"),
        (D(2026, 4, 4), D(2026, 4, 6), "清明节"),
        (D(2026, 5, 1), D(2026, 5, 5), "劳动节"),
        (D(2026, 6, 19), D(2026, 6, 21), "端午节"),
        (D(2026, 9, 25), D(2026, 9, 27), "中秋节"),
        (D(2026, 10, 1), D(2026, 10, 7), "国庆节"),
    ],
}
MAKEUP = {
    2025: [D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)],
    2026: [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)],
}
HOLIDAYS = {year: {d: name for a, b, name in blocks for d in _span(a, b)} for year, blocks in HOLIDAY_BLOCKS.items()}
ALL_HOLIDAYS = {d for year in HOLIDAYS for d in HOLIDAYS[year]}
ALL_MAKEUP = {d for year in MAKEUP for d in MAKEUP[year]}


def _year(year: int) -> list[CalendarDay]:
    return build_year(year, HOLIDAYS[year], {d: "调休上班" for d in MAKEUP[year]})


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar(_year(2025) + _year(2026))


def _expected_working(d: date) -> bool:
    return d in ALL_MAKEUP or (d.weekday() < 5 and d not in ALL_HOLIDAYS)


# --- the schedule, day by day -------------------------------------------------------------------


@pytest.mark.article(63)
def test_years_and_whole_schedule_day_by_day(cal: WorkCalendar) -> None:
    assert cal.years == frozenset({2025, 2026})
    for d in _span(D(2025, 1, 1), D(2026, 12, 31)):
        assert cal.is_working(d) is _expected_working(d), d
        kind = cal.day(d).kind
        if d in ALL_HOLIDAYS:
            assert kind is DayKind.HOLIDAY, d
        elif d in ALL_MAKEUP:
            assert kind is DayKind.MAKEUP, d
        elif d.weekday() >= 5:
            assert kind is DayKind.WEEKEND, d
        else:
            assert kind is DayKind.WORKDAY, d


@pytest.mark.article(63)
@pytest.mark.parametrize("d", sorted(ALL_HOLIDAYS))
def test_every_listed_holiday_is_off(cal: WorkCalendar, d: date) -> None:
    assert not cal.is_working(d)
    assert cal.day(d).kind is DayKind.HOLIDAY
    assert cal.day(d).name


@pytest.mark.article(63)
@pytest.mark.parametrize("d", sorted(ALL_MAKEUP))
def test_every_make_up_day_is_a_working_weekend_day(cal: WorkCalendar, d: date) -> None:
    assert d.weekday() >= 5
    assert cal.is_working(d)
    assert cal.day(d).kind is DayKind.MAKEUP
    assert cal.day(d).is_working


@pytest.mark.article(63)
@pytest.mark.parametrize(
    ("d", "working", "kind"),
    [
        (D(2025, 1, 4), False, DayKind.WEEKEND),  # ordinary Saturday
        (D(2025, 1, 25), False, DayKind.WEEKEND),  # Saturday before the 1/26 make-up Sunday
        (D(2025, 1, 26), True, DayKind.MAKEUP),  # Sunday, worked for 春节
        (D(2025, 2, 1), False, DayKind.HOLIDAY),  # Saturday inside 春节
        (D(2025, 2, 9), False, DayKind.WEEKEND),  # Sunday after the 2/8 make-up Saturday
        (D(2025, 3, 15), False, DayKind.WEEKEND),
        (D(2025, 3, 17), True, DayKind.WORKDAY),  # ordinary Monday
        (D(2025, 10, 12), False, DayKind.WEEKEND),  # Sunday after the 10/11 make-up Saturday
        (D(2026, 1, 3), False, DayKind.HOLIDAY),  # Saturday inside 元旦
        (D(2026, 1, 4), True, DayKind.MAKEUP),  # Sunday, worked
        (D(2026, 2, 15), False, DayKind.HOLIDAY),  # Sunday, first day of 春节
        (D(2026, 2, 23), False, DayKind.HOLIDAY),  # Monday, last day of 春节
        (D(2026, 2, 24), True, DayKind.WORKDAY),
        (D(2026, 3, 1), False, DayKind.WEEKEND),  # Sunday after the 2/28 make-up Saturday
        (D(2026, 8, 1), False, DayKind.WEEKEND),
        (D(2026, 10, 11), False, DayKind.WEEKEND),  # Sunday after the 10/10 make-up Saturday
        (D(2026, 12, 31), True, DayKind.WORKDAY),  # a Thursday
    ],
)
def test_specific_days(cal: WorkCalendar, d: date, working: bool, kind: DayKind) -> None:
    assert cal.is_working(d) is working
    assert cal.day(d) == CalendarDay(d, kind, cal.day(d).name)


@pytest.mark.article(63)
def test_working_day_totals(cal: WorkCalendar) -> None:
    # 261 weekdays in each year; 2025: 18 weekday holidays, 5 make-up days; 2026: 19 and 6.
    assert cal.work_index(D(2025, 12, 31)) == 248
    assert cal.working_days_between(D(2025, 12, 31), D(2026, 12, 31)) == 248
    assert cal.work_index(D(2025, 1, 1)) == 0  # a holiday: nothing worked yet
    assert cal.work_index(D(2025, 1, 2)) == 1


# --- working-day periods ------------------------------------------------------------------------


@pytest.mark.article(63)
@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # event day not counted
        (D(2025, 3, 3), 1, D(2025, 3, 4)),
        (D(2025, 3, 7), 1, D(2025, 3, 10)),  # Friday → Monday
        (D(2025, 3, 8), 1, D(2025, 3, 10)),  # event on a Saturday
        # 2025 春节: 1/28–2/4 off, 1/26 (Sun) and 2/8 (Sat) worked
        (D(2025, 1, 24), 1, D(2025, 1, 26)),  # lands exactly on the make-up Sunday
        (D(2025, 1, 24), 2, D(2025, 1, 27)),
        (D(2025, 1, 24), 3, D(2025, 2, 5)),
        (D(2025, 1, 27), 5, D(2025, 2, 10)),  # 2/5, 2/6, 2/7, 2/8 (Sat), 2/10
        (D(2025, 1, 30), 4, D(2025, 2, 8)),  # event inside the holiday; lands on the make-up Saturday
        # 国庆 2025: 9/28 (Sun) worked, 10/1–10/8 off, 10/11 (Sat) worked
        (D(2025, 9, 26), 1, D(2025, 9, 28)),
        (D(2025, 9, 26), 3, D(2025, 9, 30)),
        (D(2025, 9, 29), 5, D(2025, 10, 13)),  # 9/30, 10/9, 10/10, 10/11 (Sat), 10/13
        (D(2025, 9, 30), 1, D(2025, 10, 9)),
        # across the new year: 2026-01-01..03 off, 01-04 (Sun) worked
        (D(2025, 12, 31), 1, D(2026, 1, 4)),
        (D(2025, 12, 31), 2, D(2026, 1, 5)),
        (D(2026, 1, 1), 1, D(2026, 1, 4)),
        # 春节 2026: 2/14 (Sat) worked, 2/15–2/23 off, 2/28 (Sat) worked
        (D(2026, 2, 12), 7, D(2026, 2, 28)),  # 2/13, 2/14, 2/24, 2/25, 2/26, 2/27, 2/28
        (D(2026, 2, 12), 8, D(2026, 3, 2)),
        (D(2026, 2, 13), 1, D(2026, 2, 14)),  # lands on the make-up Saturday
        (D(2026, 2, 13), 2, D(2026, 2, 24)),
        (D(2026, 2, 16), 1, D(2026, 2, 24)),  # event on a holiday
        (D(2026, 2, 14), 5, D(2026, 2, 28)),
        # 国庆 2026: 9/20 (Sun) worked, 9/25–27 and 10/1–7 off, 10/10 (Sat) worked
        (D(2026, 9, 18), 7, D(2026, 9, 29)),  # 9/20, 9/21..9/24, 9/28, 9/29
        (D(2026, 9, 24), 5, D(2026, 10, 9)),  # 9/28, 9/29, 9/30, 10/8, 10/9
        (D(2026, 9, 30), 1, D(2026, 10, 8)),
        (D(2026, 10, 8), 2, D(2026, 10, 10)),  # lands on the make-up Saturday
        (D(2026, 10, 8), 3, D(2026, 10, 12)),
        # n == 0 returns the start unchanged, even a rest day
        (D(2026, 2, 12), 0, D(2026, 2, 12)),
        (D(2026, 2, 16), 0, D(2026, 2, 16)),
    ],
)
def test_add_working_days(cal: WorkCalendar, start: date, n: int, expected: date) -> None:
    assert cal.add_working_days(start, n) == expected
    if n > 0:
        assert cal.working_days_between(start, expected) == n
        assert cal.working_days_between(expected, start) == -n
        assert cal.is_working(expected)


@pytest.mark.article(63)
@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2026, 2, 24), -1, D(2026, 2, 14)),  # the make-up Saturday before 春节
        (D(2026, 2, 24), -2, D(2026, 2, 13)),
        (D(2026, 2, 20), -1, D(2026, 2, 14)),  # from inside the holiday
        (D(2026, 10, 9), -2, D(2026, 9, 30)),  # remind 2 working days before: 10/8, 9/30
        (D(2026, 10, 12), -1, D(2026, 10, 10)),
        (D(2025, 10, 9), -2, D(2025, 9, 29)),
        (D(2025, 2, 10), -2, D(2025, 2, 7)),  # 2/8 (Sat), 2/7
        (D(2026, 1, 5), -1, D(2026, 1, 4)),
        (D(2026, 1, 5), -2, D(2025, 12, 31)),  # back across the new year
    ],
)
def test_add_working_days_backwards(cal: WorkCalendar, start: date, n: int, expected: date) -> None:
    assert cal.add_working_days(start, n) == expected


@pytest.mark.article(63)
@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (D(2026, 2, 12), D(2026, 2, 28), 7),
        (D(2026, 2, 28), D(2026, 2, 12), -7),
        (D(2026, 2, 13), D(2026, 2, 14), 1),
        (D(2026, 2, 14), D(2026, 2, 23), 0),  # the whole 春节 block
        (D(2026, 2, 15), D(2026, 2, 23), 0),
        (D(2025, 1, 27), D(2025, 2, 10), 5),
        (D(2025, 9, 29), D(2025, 10, 13), 5),
        (D(2025, 9, 30), D(2025, 10, 8), 0),
        (D(2026, 9, 24), D(2026, 10, 9), 5),
        (D(2025, 12, 31), D(2026, 1, 5), 2),
        (D(2026, 5, 6), D(2026, 5, 6), 0),
        (D(2026, 5, 8), D(2026, 5, 11), 2),  # 5/9 (make-up Sat) and 5/11
    ],
)
def test_working_days_between(cal: WorkCalendar, a: date, b: date, expected: int) -> None:
    assert cal.working_days_between(a, b) == expected
    assert cal.working_days_between(a, b) == cal.work_index(b) - cal.work_index(a)


@pytest.mark.article(63)
@pytest.mark.parametrize(
    ("d", "inclusive", "expected"),
    [
        (D(2026, 2, 13), True, D(2026, 2, 13)),
        (D(2026, 2, 13), False, D(2026, 2, 14)),
        (D(2026, 2, 15), True, D(2026, 2, 24)),
        (D(2026, 2, 15), False, D(2026, 2, 24)),
        (D(2025, 10, 1), True, D(2025, 10, 9)),
        (D(2025, 12, 31), False, D(2026, 1, 4)),
    ],
)
def test_next_working_day(cal: WorkCalendar, d: date, inclusive: bool, expected: date) -> None:
    assert cal.next_working_day(d, inclusive=inclusive) == expected


def _naive_add(cal: WorkCalendar, start: date, n: int) -> date | None:
    """Day-by-day reference; None where the answer would need an uncovered year."""
    if n == 0:
        return start
    step = timedelta(days=1 if n > 0 else -1)
    d, left = start, abs(n)
    while left:
        d += step
        if d.year not in cal.years:
            return None
        if cal.is_working(d):
            left -= 1
    return d


@pytest.mark.article(63)
def test_index_agrees_with_day_by_day_loop(cal: WorkCalendar) -> None:
    for start in _span(D(2025, 1, 1), D(2026, 12, 31)):
        for n in range(-40, 41):
            expected = _naive_add(cal, start, n)
            if expected is None:
                with pytest.raises(UnknownYearError):
                    cal.add_working_days(start, n)
                continue
            got = cal.add_working_days(start, n)
            assert got == expected, (start, n)
            if n > 0:
                assert cal.working_days_between(start, got) == n
                assert cal.work_index(got) - cal.work_index(start) == n


@pytest.mark.article(63)
def test_large_n_and_work_indexes(cal: WorkCalendar) -> None:
    assert cal.add_working_days(D(2025, 1, 1), 496) == D(2026, 12, 31)  # 248 + 248
    with pytest.raises(UnknownYearError):
        cal.add_working_days(D(2025, 1, 1), 497)
    with pytest.raises(UnknownYearError):
        cal.add_working_days(D(2025, 1, 1), 10**9)
    idx = cal.work_indexes()
    assert len(idx) == 730
    assert idx[D(2026, 2, 28)] - idx[D(2026, 2, 12)] == 7
    assert all(idx[d] == cal.work_index(d) for d in idx)


# --- calendar-day and month periods (民法典 arts. 201–203) ---------------------------------------


@pytest.mark.article(63)
@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2026, 9, 1), 30, D(2026, 10, 8)),  # the brief's example: 10-01 is 国庆, ends 10-08
        (D(2025, 9, 1), 30, D(2025, 10, 9)),  # 10-01 lands in 10/1–10/8
        (D(2026, 2, 5), 10, D(2026, 2, 24)),  # 2-15 is 春节
        (D(2026, 2, 4), 10, D(2026, 2, 14)),  # 2-14 is a make-up Saturday: stays
        (D(2026, 3, 1), 6, D(2026, 3, 9)),  # 3-7 is an ordinary Saturday
        (D(2025, 3, 3), 10, D(2025, 3, 13)),  # a Thursday
        (D(2025, 3, 3), 1, D(2025, 3, 4)),  # event day not counted
        (D(2026, 12, 1), 30, D(2026, 12, 31)),  # a Thursday
        (D(2026, 12, 25), 1, D(2026, 12, 28)),  # 12-26 Saturday
        (D(2025, 12, 22), 10, D(2026, 1, 4)),  # 2026-01-01 → 01-04, the make-up Sunday
    ],
)
def test_add_days(cal: WorkCalendar, start: date, n: int, expected: date) -> None:
    assert cal.add_days(start, n) == expected


@pytest.mark.article(63)
@pytest.mark.parametrize(
    ("start", "m", "expected"),
    [
        (D(2025, 11, 30), 3, D(2026, 2, 28)),  # last day of February, a make-up Saturday: stays
        (D(2025, 10, 31), 4, D(2026, 2, 28)),
        (D(2025, 1, 29), 1, D(2025, 2, 28)),  # no 2-29: last day, a Friday
        (D(2025, 1, 31), 10, D(2025, 12, 1)),  # no 11-31: 11-30, a Sunday → Monday 12-01
        (D(2025, 12, 31), 1, D(2026, 2, 2)),  # 2026-01-31 is a Saturday → Monday 02-02
        (D(2025, 12, 19), 2, D(2026, 2, 24)),  # 2026-02-19 is 春节 → 02-24
        (D(2025, 3, 31), 2, D(2025, 6, 3)),  # 2025-05-31 is 端午 (5/31–6/2)
        (D(2025, 3, 15), 12, D(2026, 3, 16)),  # 2026-03-15 is a Sunday
        (D(2025, 8, 31), 1, D(2025, 9, 30)),  # a Tuesday
        (D(2025, 6, 10), 0, D(2025, 6, 10)),
    ],
)
def test_add_months(cal: WorkCalendar, start: date, m: int, expected: date) -> None:
    assert cal.add_months(start, m) == expected


@pytest.mark.article(63)
def test_negative_calendar_periods_are_refused(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="负数"):
        cal.add_days(D(2026, 3, 2), -1)
    with pytest.raises(ValueError, match="负数"):
        cal.add_months(D(2026, 3, 2), -1)


# --- unknown years ------------------------------------------------------------------------------


@pytest.mark.article(63)
def test_unknown_year_error_message() -> None:
    e = UnknownYearError(2027)
    assert e.year == 2027
    assert str(e) == e.message_zh
    assert e.message_zh == (
        "2027年的工作日安排尚未录入，无法计算期限。请系统管理员在“工作日历”中录入2027年的放假和调休安排"
        "（或运行 zhengwu calendar set-year 2027 …）。"
    )
    with translation.override("en"):
        english = localize(e.message)
    assert english.startswith("The working-day arrangements for 2027 have not been entered")
    assert "set-year 2027" in english
    again = pickle.loads(pickle.dumps(e))
    assert isinstance(again, UnknownYearError)
    assert again.year == 2027


@pytest.mark.article(63)
@pytest.mark.parametrize(
    ("call", "year"),
    [
        (lambda c: c.day(D(2027, 1, 4)), 2027),
        (lambda c: c.is_working(D(2027, 1, 4)), 2027),
        (lambda c: c.work_index(D(2027, 1, 4)), 2027),
        (lambda c: c.add_working_days(D(2027, 1, 4), 1), 2027),
        (lambda c: c.add_working_days(D(2026, 12, 31), 1), 2027),  # next working day is in 2027
        (lambda c: c.add_working_days(D(2026, 12, 29), 3), 2027),
        (lambda c: c.add_working_days(D(2025, 1, 2), -1), 2024),  # 2025-01-01 is 元旦
        (lambda c: c.working_days_between(D(2026, 12, 1), D(2027, 1, 4)), 2027),
        (lambda c: c.next_working_day(D(2026, 12, 31), inclusive=False), 2027),
        (lambda c: c.add_days(D(2026, 12, 1), 31), 2027),
        (lambda c: c.add_days(D(2024, 12, 31), 1), 2024),  # the event day's year must be known too
        (lambda c: c.add_months(D(2026, 11, 30), 3), 2027),  # the brief's example needs 2027
        (lambda c: c.add_months(D(2026, 10, 1), 3), 2027),
    ],
)
def test_unknown_year_is_never_guessed(cal: WorkCalendar, call: Callable[[WorkCalendar], object], year: int) -> None:
    with pytest.raises(UnknownYearError) as info:
        call(cal)
    assert info.value.year == year
    assert f"{year}年" in str(info.value)


@pytest.mark.article(63)
def test_gap_between_covered_years() -> None:
    cal = WorkCalendar(build_year(2024, {}, {}) + _year(2026))
    assert cal.years == frozenset({2024, 2026})
    assert cal.add_working_days(D(2024, 12, 30), 1) == D(2024, 12, 31)  # a Tuesday
    with pytest.raises(UnknownYearError) as info:
        cal.add_working_days(D(2024, 12, 31), 1)
    assert info.value.year == 2025
    with pytest.raises(UnknownYearError) as info:
        cal.add_working_days(D(2026, 1, 1), -1)
    assert info.value.year == 2025
    with pytest.raises(UnknownYearError) as info:
        cal.working_days_between(D(2024, 6, 3), D(2026, 6, 1))
    assert info.value.year == 2025
    # the index restarts after the gap
    assert cal.work_index(D(2026, 1, 3)) == 0
    assert cal.work_index(D(2026, 1, 4)) == 1
    assert cal.work_index(D(2024, 12, 31)) == 262  # 2024: leap year starting on a Monday, no holidays
    assert cal.add_working_days(D(2026, 1, 1), 1) == D(2026, 1, 4)


# --- building calendars -------------------------------------------------------------------------


@pytest.mark.article(63)
def test_build_year_shape() -> None:
    days = _year(2026)
    assert len(days) == 365
    assert [d.date for d in days] == list(_span(D(2026, 1, 1), D(2026, 12, 31)))
    assert len(build_year(2024, {}, {})) == 366
    by_date = {d.date: d for d in days}
    assert by_date[D(2026, 2, 15)] == CalendarDay(D(2026, 2, 15), DayKind.HOLIDAY, "春节")
    assert by_date[D(2026, 2, 14)] == CalendarDay(D(2026, 2, 14), DayKind.MAKEUP, "调休上班")
    assert by_date[D(2026, 3, 7)] == CalendarDay(D(2026, 3, 7), DayKind.WEEKEND)
    assert by_date[D(2026, 3, 9)] == CalendarDay(D(2026, 3, 9), DayKind.WORKDAY)
    assert str(DayKind.MAKEUP) == "makeup"


@pytest.mark.article(63)
@pytest.mark.parametrize(
    ("holidays", "makeup", "message"),
    [
        ({}, {D(2026, 3, 2): "调休"}, "2026-03-02"),  # a Monday cannot be a make-up day
        ({D(2025, 12, 31): "x"}, {}, "2025-12-31"),  # outside the year
        ({}, {D(2027, 1, 2): "x"}, "2027-01-02"),
        ({D(2026, 2, 14): "春节"}, {D(2026, 2, 14): "调休"}, "2026-02-14"),  # both
    ],
)
def test_build_year_validation(holidays: dict[date, str], makeup: dict[date, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build_year(2026, holidays, makeup)


@pytest.mark.article(63)
def test_build_year_allows_a_holiday_on_a_weekend() -> None:
    days = {d.date: d for d in build_year(2026, {D(2026, 3, 7): "地方节日"}, {})}
    assert days[D(2026, 3, 7)].kind is DayKind.HOLIDAY
    assert days[D(2026, 3, 7)].name == "地方节日"


@pytest.mark.article(63)
def test_calendar_requires_whole_years() -> None:
    days = _year(2026)
    with pytest.raises(ValueError, match="2026"):
        WorkCalendar(days[:-1])
    with pytest.raises(ValueError, match="2026"):
        WorkCalendar(d for d in days if d.date != D(2026, 6, 1))
    with pytest.raises(ValueError, match="2027"):
        WorkCalendar([*days, CalendarDay(D(2027, 1, 4), DayKind.WORKDAY)])
    with pytest.raises(ValueError, match="2026-06-01"):
        WorkCalendar([*days, CalendarDay(D(2026, 6, 1), DayKind.WORKDAY)])  # duplicate
    with pytest.raises(ValueError, match="2026-03-07"):
        WorkCalendar(CalendarDay(d.date, DayKind.WORKDAY) if d.date == D(2026, 3, 7) else d for d in days)
    assert WorkCalendar([]).years == frozenset()


# --- parse_date_spec and deadline_close ---------------------------------------------------------


@pytest.mark.article(63)
def test_parse_date_spec() -> None:
    assert parse_date_spec("2027-01-01, 2027-02-05..2027-02-12") == [
        D(2027, 1, 1),
        *_span(D(2027, 2, 5), D(2027, 2, 12)),
    ]
    assert parse_date_spec("2027-02-06，2027-1-1、2027-02-06") == [D(2027, 1, 1), D(2027, 2, 6)]
    assert parse_date_spec(" 2027-10-01 .. 2027-10-03 ") == list(_span(D(2027, 10, 1), D(2027, 10, 3)))
    assert parse_date_spec("") == []
    assert parse_date_spec("2027-01-01,") == [D(2027, 1, 1)]


@pytest.mark.article(63)
@pytest.mark.parametrize(
    ("spec", "bad_part"),
    [
        ("2027-13-01", "2027-13-01"),
        ("2027-02-30", "2027-02-30"),
        ("2027/01/01", "2027/01/01"),
        ("2027-01-01, tomorrow", "tomorrow"),
        ("2027-02-12..2027-02-05", "2027-02-12..2027-02-05"),
        ("2027-02-05..", "2027-02-05.."),
        ("2027-02-05..2027-02-07..2027-02-09", "2027-02-05..2027-02-07..2027-02-09"),
        ("20270101", "20270101"),
    ],
)
def test_parse_date_spec_errors(spec: str, bad_part: str) -> None:
    with pytest.raises(ValueError, match="日期") as info:
        parse_date_spec(spec)
    assert bad_part in str(info.value)


@pytest.mark.article(63)
def test_deadline_close_is_24_00_beijing() -> None:
    close = deadline_close(D(2026, 2, 28))
    assert close == datetime(2026, 3, 1, 0, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert close.utcoffset() == timedelta(hours=8)
    assert close.astimezone(UTC) == datetime(2026, 2, 28, 16, 0, tzinfo=UTC)
    assert deadline_close(D(2026, 12, 31)) == datetime(2027, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.article(63)
def test_datetimes_are_refused(cal: WorkCalendar) -> None:
    with pytest.raises(TypeError):
        cal.is_working(datetime(2026, 2, 14, 9, 0, tzinfo=UTC))
