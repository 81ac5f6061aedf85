"""Working-day and period arithmetic on the official Chinese calendar.

Pure Python (stdlib only, no Django) so that it can be tested on its own and
used by the models, the CLI and the bulk (SQL-side) deadline computation alike.

Vocabulary
==========

* A **working day** (工作日) is an ordinary Monday–Friday that is not a holiday,
  or a 调休 make-up day (a Saturday/Sunday the State Council declares worked).
* A **rest day** is everything else: a weekend day that is not a make-up day,
  or a statutory (or locally declared) holiday, whatever its weekday.

Deadline conventions (Chinese practice)
=======================================

* The day of the event is never counted.
* *N working days* end at the close (24:00 Beijing time) of the N-th working day
  after the event day — :meth:`WorkCalendar.add_working_days`.
* *N days* / *M months* (民法典 arts. 201–203) end on day D+N, or on the
  same-numbered day M months later (that month's last day if it has no such
  day); if that day is a rest day the period ends on the first working day
  after it — :meth:`WorkCalendar.add_days`, :meth:`WorkCalendar.add_months`.
* :func:`deadline_close` turns a last day into the aware instant it ends.

A year whose schedule has not been entered is never guessed: every question
touching a day of such a year raises :class:`UnknownYearError`.
"""

from __future__ import annotations

import bisect
import calendar as _stdcal
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from zhengwu.core.i18n import Msg, _

__all__ = [
    "BEIJING",
    "CalendarDay",
    "DayKind",
    "UnknownYearError",
    "WorkCalendar",
    "build_year",
    "deadline_close",
    "parse_date_spec",
]

BEIJING = ZoneInfo("Asia/Shanghai")

_ONE_DAY = timedelta(days=1)


class DayKind(StrEnum):
    """What kind of day a calendar day is."""

    WORKDAY = "workday"  # an ordinary Monday–Friday
    WEEKEND = "weekend"  # an ordinary Saturday/Sunday, off
    HOLIDAY = "holiday"  # statutory or local holiday, off (whatever its weekday)
    MAKEUP = "makeup"  # 调休 make-up working day (a weekend day that is worked)


_WORKING_KINDS = frozenset({DayKind.WORKDAY, DayKind.MAKEUP})


@dataclass(frozen=True)
class CalendarDay:
    """One day of the calendar; ``name`` is e.g. 「春节」 or 「春节调休上班」; ``layer`` the calendar
    layer that decided it (``national``, ``xinjiang``, ``local``; blank for an ordinary day)."""

    date: date
    kind: DayKind
    name: str = ""
    layer: str = ""

    @property
    def is_working(self) -> bool:
        return self.kind in _WORKING_KINDS


class UnknownYearError(Exception):
    """Raised for any question touching a year whose schedule is not entered.

    ``str(error)`` is the Chinese message; ``.message`` renders in the reader's language.
    """

    def __init__(self, year: int) -> None:
        super().__init__(year)
        self.year = year

    @property
    def message(self) -> Msg:
        """The sentence, in the reader's language when rendered (:func:`zhengwu.core.i18n.localize`)."""
        return _(
            "{year}年的工作日安排尚未录入，无法计算期限。请系统管理员在“工作日历”中录入{year}年的放假和调休安排"
            "（或运行 zhengwu calendar set-year {year} …）。",
            year=self.year,
        )

    @property
    def message_zh(self) -> str:
        return str(self.message)

    def __str__(self) -> str:
        return self.message_zh


def _check_date(d: date) -> date:
    # datetime is a subclass of date but never equal to one: refuse it loudly
    # rather than silently missing every lookup (and guessing the time zone).
    if isinstance(d, datetime) or not isinstance(d, date):
        raise TypeError(f"expected a datetime.date, got {type(d).__name__}: {d!r}")
    return d


def _year_days(year: int) -> int:
    return 366 if _stdcal.isleap(year) else 365


MAX_EXTEND = 60
"""How many years past the last covered one a calendar extends itself (provisional)."""


def _validated(cd: CalendarDay) -> CalendarDay:
    d = _check_date(cd.date)
    kind = DayKind(cd.kind)
    weekend = d.weekday() >= 5
    if kind is DayKind.WORKDAY and weekend:
        raise ValueError(f"{d.isoformat()} 是周末，不能标为普通工作日（应为调休上班 makeup）")
    if kind is DayKind.WEEKEND and not weekend:
        raise ValueError(f"{d.isoformat()} 不是周六或周日，不能标为周末")
    if kind is DayKind.MAKEUP and not weekend:
        raise ValueError(f"{d.isoformat()} 不是周六或周日，不能标为调休上班日")
    return cd if cd.kind is kind else CalendarDay(d, kind, cd.name, cd.layer)


def _check_complete(year: int, count: int) -> None:
    if count != _year_days(year):
        raise ValueError(
            f"{year}年的日历不完整：只有 {count} 天，应有 {_year_days(year)} 天"
            f"（the calendar must cover the whole of {year}）"
        )


@dataclass(frozen=True)
class _Run:
    """A maximal run of contiguous covered years."""

    first_year: int
    last_year: int
    working: tuple[date, ...]  # the working days of the run, ascending


class WorkCalendar:
    """An immutable working-day calendar built from whole years of :class:`CalendarDay`.

    ``years`` need not be contiguous.  The cumulative :meth:`work_index` is
    computed per contiguous run of covered years and restarts (at 0 before the
    run's first day) after a gap; every computation that would need a day of a
    missing year raises :class:`UnknownYearError` for that year, so nothing is
    ever computed across a gap.

    ``provisional_years`` are years whose schedule is estimated (no notice yet).  With ``extend``
    (a function giving the days of a year), a question about a year after the last covered one
    is answered on that function's days, which count as provisional: time never stops at the
    turn of a year whose notice has not come.  Years before the first covered one stay unknown.
    """

    __slots__ = ("_days", "_extend", "_index", "_lock", "_run_of_year", "_runs", "provisional_years", "years")

    years: frozenset[int]
    provisional_years: frozenset[int]

    def __init__(
        self,
        days: Iterable[CalendarDay],
        provisional_years: Iterable[int] = (),
        extend: Callable[[int], Iterable[CalendarDay]] | None = None,
    ) -> None:
        by_date: dict[date, CalendarDay] = {}
        for cd in days:
            d = _check_date(cd.date)
            if d in by_date:
                raise ValueError(f"日期 {d.isoformat()} 重复出现（duplicate day {d.isoformat()}）")
            by_date[d] = _validated(cd)

        counts: dict[int, int] = {}
        for d in by_date:
            counts[d.year] = counts.get(d.year, 0) + 1
        for year in sorted(counts):
            _check_complete(year, counts[year])

        self._days = by_date
        self.years = frozenset(counts)
        self.provisional_years = frozenset(y for y in provisional_years if y in self.years)
        self._extend = extend
        self._lock = threading.Lock()
        self._runs: list[_Run] = []
        self._run_of_year: dict[int, _Run] = {}
        self._index: dict[date, int] = {}

        years = sorted(self.years)
        start = 0
        while start < len(years):
            end = start
            while end + 1 < len(years) and years[end + 1] == years[end] + 1:
                end += 1
            first_year, last_year = years[start], years[end]
            working: list[date] = []
            d = date(first_year, 1, 1)
            stop = date(last_year, 12, 31)
            while d <= stop:
                if by_date[d].is_working:
                    working.append(d)
                self._index[d] = len(working)
                d += _ONE_DAY
            run = _Run(first_year, last_year, tuple(working))
            self._runs.append(run)
            for y in range(first_year, last_year + 1):
                self._run_of_year[y] = run
            start = end + 1

    def _extended_to(self, year: int) -> bool:
        """Cover the years up to ``year`` with ``extend``'s (provisional) days; False if it cannot."""
        if self._extend is None or not self.years or year <= max(self.years) or year > max(self.years) + MAX_EXTEND:
            return False
        with self._lock:
            last = max(self.years)
            if year <= last:
                return True
            run = self._run_of_year[last]
            working = list(run.working)
            new_years = range(last + 1, year + 1)
            for y in new_years:
                days = sorted((_validated(cd) for cd in self._extend(y)), key=lambda cd: cd.date)
                _check_complete(y, len({cd.date for cd in days if cd.date.year == y}))
                for cd in days:
                    if cd.date.year != y:
                        raise ValueError(f"{cd.date.isoformat()} 不在 {y} 年内")
                    self._days[cd.date] = cd
                    if cd.is_working:
                        working.append(cd.date)
                    self._index[cd.date] = len(working)
            new_run = _Run(run.first_year, year, tuple(working))
            self._runs[self._runs.index(run)] = new_run
            for y in range(run.first_year, year + 1):
                self._run_of_year[y] = new_run
            self.provisional_years = self.provisional_years | frozenset(new_years)
            self.years = self.years | frozenset(new_years)
            return True

    def is_provisional(self, d: date) -> bool:
        """Whether ``d``'s year is estimated: a deadline on it may move when the notice comes."""
        return _check_date(d).year in self.provisional_years or (
            d.year not in self.years and self._extend is not None and bool(self.years) and d.year > max(self.years)
        )

    def provisional_between(self, a: date, b: date) -> list[int]:
        """The provisional years a period from ``a`` to ``b`` (either order) is counted across."""
        lo, hi = sorted((_check_date(a).year, _check_date(b).year))
        return [y for y in range(lo, hi + 1) if self.is_provisional(date(y, 1, 1))]

    # -- lookups ---------------------------------------------------------------

    def __repr__(self) -> str:
        return f"WorkCalendar(years={sorted(self.years)!r})"

    def __iter__(self) -> Iterator[CalendarDay]:
        """All covered days, in date order."""
        return (self._days[d] for d in sorted(self._days))

    def covers(self, d: date) -> bool:
        return _check_date(d).year in self.years

    def _run(self, d: date) -> _Run:
        run = self._run_of_year.get(_check_date(d).year)
        if run is None and self._extended_to(d.year):
            run = self._run_of_year.get(d.year)
        if run is None:
            raise UnknownYearError(d.year)
        return run

    def day(self, d: date) -> CalendarDay:
        self._run(d)
        return self._days[d]

    def is_working(self, d: date) -> bool:
        return self.day(d).is_working

    def work_index(self, d: date) -> int:
        """Working days from the first day of ``d``'s run of covered years up to and including ``d``."""
        self._run(d)
        return self._index[d]

    def work_indexes(self) -> dict[date, int]:
        """``work_index`` of every covered day (restarting after each gap between covered years)."""
        return dict(self._index)

    # -- working-day arithmetic ---------------------------------------------------

    def add_working_days(self, start: date, n: int) -> date:
        """The N-th working day after ``start`` (``start`` itself is not counted).

        * ``n > 0``: the deadline of a period of N working days from the event
          day ``start``; ``start`` may be a rest day.
        * ``n == 0``: ``start`` itself, unchanged (even if it is a rest day).
        * ``n < 0``: the |N|-th working day strictly before ``start`` (e.g.
          "remind 2 working days before the deadline": ``add_working_days(deadline, -2)``).

        When ``start`` is a working day this is the working day ``w`` with
        ``work_index(w) == work_index(start) + n``.  O(log n) (bisect).
        Raises :class:`UnknownYearError` if the answer lies beyond the covered
        run of years (the first missing year in that direction is named).
        """
        run = self._run(start)
        if n == 0:
            return start
        if n > 0:
            pos = bisect.bisect_right(run.working, start) + n - 1
            while pos >= len(run.working):
                if not self._extended_to(run.last_year + 1):
                    raise UnknownYearError(run.last_year + 1)
                run = self._run(start)
            return run.working[pos]
        pos = bisect.bisect_left(run.working, start) + n
        if pos < 0:
            raise UnknownYearError(run.first_year - 1)
        return run.working[pos]

    def working_days_between(self, a: date, b: date) -> int:
        """The number of working days in (a, b]; ``-working_days_between(b, a)`` if ``b < a``.

        Equal to ``work_index(b) - work_index(a)``.  Raises
        :class:`UnknownYearError` if either day, or any year between them, is
        not covered.
        """
        self._run(max(a, b))
        run_a = self._run(a)
        run_b = self._run(b)
        if run_a is not run_b:
            lo, hi = sorted((a.year, b.year))
            for y in range(lo, hi + 1):
                if y not in self.years:
                    raise UnknownYearError(y)
        return self._index[b] - self._index[a]

    def next_working_day(self, d: date, *, inclusive: bool) -> date:
        """The first working day on or after ``d`` (``inclusive=True``) or strictly after it."""
        run = self._run(d)
        pos = bisect.bisect_left(run.working, d) if inclusive else bisect.bisect_right(run.working, d)
        while pos >= len(run.working):
            if not self._extended_to(run.last_year + 1):
                raise UnknownYearError(run.last_year + 1)
            run = self._run(d)
        return run.working[pos]

    # -- calendar-day / month periods (民法典 arts. 201–203) ----------------------

    def _period_end(self, start: date, last: date) -> date:
        self._run(start)  # the event day must be in a covered year too
        return self.next_working_day(last, inclusive=True)

    def add_days(self, start: date, n: int) -> date:
        """Last day of a period of ``n`` calendar days from the event day ``start``.

        The event day is not counted, so the period ends on ``start + n``; if
        that is a rest day, on the first working day after it.  ``n`` must be
        >= 0 (``n == 0`` gives ``start``, rolled forward if it is a rest day).
        """
        _check_date(start)
        if n < 0:
            raise ValueError(f"期间天数不能为负数：{n}")
        return self._period_end(start, start + timedelta(days=n))

    def add_months(self, start: date, m: int) -> date:
        """Last day of a period of ``m`` months from the event day ``start``.

        Ends on the same-numbered day ``m`` months later, or on that month's
        last day if it has no such day (11-30 + 3 months → end of February);
        if that is a rest day, on the first working day after it.  ``m`` must
        be >= 0.
        """
        _check_date(start)
        if m < 0:
            raise ValueError(f"期间月数不能为负数：{m}")
        months = start.year * 12 + (start.month - 1) + m
        year, month0 = divmod(months, 12)
        month = month0 + 1
        if not 1 <= year <= 9999:
            raise OverflowError(f"date out of range: {start.isoformat()} + {m} months")
        last_dom = _stdcal.monthrange(year, month)[1]
        return self._period_end(start, date(year, month, min(start.day, last_dom)))


def build_year(year: int, holidays: Mapping[date, str], makeup_days: Mapping[date, str]) -> list[CalendarDay]:
    """The whole of ``year`` (Jan 1 – Dec 31, in order) from its schedule.

    ``holidays`` maps each day off (statutory or local; weekend days inside a
    holiday block may be listed and become HOLIDAY) to its name;
    ``makeup_days`` maps each 调休 make-up working day (must be a Saturday or
    Sunday) to its name.  Raises ValueError for a date outside ``year``, a
    make-up day that is not a weekend day, or a date listed as both.
    """
    if not 1 <= year <= 9999:
        raise ValueError(f"无效年份：{year}")
    for label, mapping in (("放假日", holidays), ("调休上班日", makeup_days)):
        for d in mapping:
            _check_date(d)
            if d.year != year:
                raise ValueError(f"{label} {d.isoformat()} 不在 {year} 年内")
    both = sorted(set(holidays) & set(makeup_days))
    if both:
        listed = "、".join(d.isoformat() for d in both)
        raise ValueError(f"{listed} 同时被列为放假日和调休上班日")
    for d in sorted(makeup_days):
        if d.weekday() < 5:
            weekday = "一二三四五"[d.weekday()]
            raise ValueError(
                f"调休上班日 {d.isoformat()} 是星期{weekday}，不是周六或周日；调休上班日必须是周末（工作日本来就上班）"
            )

    result: list[CalendarDay] = []
    d = date(year, 1, 1)
    stop = date(year, 12, 31)
    while d <= stop:
        if d in holidays:
            result.append(CalendarDay(d, DayKind.HOLIDAY, holidays[d]))
        elif d in makeup_days:
            result.append(CalendarDay(d, DayKind.MAKEUP, makeup_days[d]))
        elif d.weekday() >= 5:
            result.append(CalendarDay(d, DayKind.WEEKEND))
        else:
            result.append(CalendarDay(d, DayKind.WORKDAY))
        d += _ONE_DAY
    return result


_DATE_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_ITEM_SEP_RE = re.compile(r"[,，、;；\n]")


def _parse_one(text: str, item: str) -> date:
    m = _DATE_RE.fullmatch(text)
    if m is None:
        raise ValueError(f"无法识别的日期“{text}”（在“{item}”中）：日期应写作 YYYY-MM-DD，例如 2027-01-01")
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise ValueError(f"不存在的日期“{text}”（在“{item}”中）") from None


def parse_date_spec(spec: str) -> list[date]:
    """Parse ``"2027-01-01, 2027-02-05..2027-02-12"`` into dates.

    Items are separated by commas (``,`` ``，`` ``、``), semicolons or new
    lines; an item is a date ``YYYY-MM-DD`` or an inclusive range
    ``YYYY-MM-DD..YYYY-MM-DD``.  Blank items are ignored (a blank spec gives
    ``[]``).  The result is sorted and without duplicates.  Raises ValueError
    with a Chinese message naming the bad part.
    """
    found: set[date] = set()
    for raw in _ITEM_SEP_RE.split(spec):
        item = raw.strip()
        if not item:
            continue
        if ".." in item:
            parts = item.split("..")
            if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
                raise ValueError(f"日期范围“{item}”格式错误：应写作 YYYY-MM-DD..YYYY-MM-DD")
            first = _parse_one(parts[0].strip(), item)
            last = _parse_one(parts[1].strip(), item)
            if last < first:
                raise ValueError(f"日期范围“{item}”的结束日期早于开始日期")
            d = first
            while d <= last:
                found.add(d)
                d += _ONE_DAY
        else:
            found.add(_parse_one(item, item))
    return sorted(found)


def deadline_close(d: date) -> datetime:
    """The instant a deadline whose last day is ``d`` expires: 24:00 of ``d``, Beijing time.

    Returned as the first instant of the following day, timezone-aware in
    Asia/Shanghai (so ``deadline_close(d) - timedelta(microseconds=1)`` is the
    last moment still within the period).
    """
    _check_date(d)
    return datetime.combine(d + _ONE_DAY, time.min, tzinfo=BEIJING)
