"""Administrators keep the calendar: a year's schedule, a single make-up day or local holiday,
or the official schedules from ``chinesecalendar``.  Every change is audited (art. 63: the time
limits everywhere are computed on this calendar)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.decisions import Citation, InvalidInput, Refused
from zhengwu.org.rules import may_administer
from zhengwu.org.services import positions_of
from zhengwu.rulebook.services import rulebook_view
from zhengwu.workdays import seed, services
from zhengwu.workdays.arith import CalendarDay as Day
from zhengwu.workdays.arith import DayKind, UnknownYearError, build_year
from zhengwu.workdays.models import CalendarDay, CalendarSource, CalendarYear
from zhengwu.workdays.services import index_rows

# Day kinds as audit summaries and the command line say them (stored text: always Chinese).
KIND_ZH = {
    DayKind.WORKDAY: "工作日",
    DayKind.WEEKEND: "周末休息日",
    DayKind.HOLIDAY: "节假日",
    DayKind.MAKEUP: "调休上班日",
}


def kind_zh(kind: str) -> str:
    """``"makeup"`` → 「调休上班日」."""
    try:
        return KIND_ZH[DayKind(kind)]
    except ValueError:
        return kind


def _cite_time_limits() -> Citation | None:
    """The calendar serves the time limits of the rules (art. 63), when a rulebook is in force."""
    try:
        return rulebook_view().cite("time_limits")
    except LookupError:
        return None


def _require_admin(actor: AbstractBaseUser | None) -> None:
    if actor is None:
        return  # the system itself (migrations, the demo loader)
    decision = may_administer(
        bool(getattr(actor, "is_superuser", False)), positions_of(actor), _cite_time_limits()
    )
    if not decision.allowed:
        raise Refused([decision])


def _check_contiguous(year: int) -> None:
    years = sorted(CalendarYear.objects.values_list("year", flat=True))
    if not years or year in years or year in (years[0] - 1, years[-1] + 1):
        return
    nearest = years[-1] + 1 if year > years[-1] else years[0] - 1
    raise InvalidInput(
        f"日历须逐年连续：现有{years[0]}—{years[-1]}年，请先录入{nearest}年，再录入{year}年。",
        field="year",
        message_en=f"Years must be contiguous: enter {nearest} before {year}.",
    )


def _reindex_from(first_day: dt.date, replaced: Iterable[Day] = ()) -> None:
    """Write ``replaced`` days and recompute ``work_index`` from ``first_day`` on."""
    replaced = list(replaced)
    replaced_dates = {d.date for d in replaced}
    kept = [
        Day(d, DayKind(k), n)
        for d, k, n in CalendarDay.objects.values_list("date", "kind", "name")
        if d not in replaced_dates
    ]
    rows = index_rows([*kept, *replaced])
    existing = dict(CalendarDay.objects.filter(date__gte=first_day).values_list("date", "work_index"))
    sources = dict(CalendarDay.objects.values_list("date", "source"))
    to_create, to_update = [], []
    for row in rows:
        if row.date < first_day:
            continue
        row.source = sources.get(row.date, CalendarSource.ADMIN)
        if row.date in replaced_dates:
            to_create.append(row)
        elif existing.get(row.date) != row.work_index:
            to_update.append(row)
    CalendarDay.objects.filter(date__in=replaced_dates).delete()
    CalendarDay.objects.bulk_create(to_create, batch_size=1000)
    CalendarDay.objects.bulk_update(to_update, ["work_index"], batch_size=1000)
    services._CACHE.clear()  # the stamp may repeat (rolled-back edit, clock not ahead of updated_at)


def _change_time() -> dt.datetime:
    """When a change is recorded: now, but always after the last recorded change, so that the
    calendar cache's stamp changes with every edit even when the clock reads earlier."""
    now = timezone.now()
    latest = CalendarYear.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
    return max(now, latest + dt.timedelta(microseconds=1)) if latest else now


def _store_years(actor: AbstractBaseUser | None, years: dict[int, list[Day]], source: str, note: str) -> None:
    """Write whole years at once (one re-indexing pass) and mark where they came from."""
    if not years:
        return
    _reindex_from(dt.date(min(years), 1, 1), [d for days in years.values() for d in days])
    CalendarDay.objects.filter(date__year__in=list(years)).update(source=source)
    now = _change_time()
    for year in years:
        CalendarYear.objects.update_or_create(
            year=year, defaults={"source": source, "note": note, "updated_at": now, "updated_by": actor}
        )


@transaction.atomic
def set_year(
    actor: AbstractBaseUser | None,
    year: int,
    holidays: Mapping[dt.date, str],
    makeup_days: Mapping[dt.date, str],
    note: str,
) -> CalendarYear:
    """Enter (or replace) a year's schedule: its holidays and its 调休 make-up working days."""
    _require_admin(actor)
    if not note.strip():
        raise InvalidInput("请注明依据（例如国务院办公厅关于该年部分节假日安排的通知）。", field="note")
    _check_contiguous(year)
    try:
        days = build_year(year, holidays, makeup_days)
    except ValueError as exc:
        raise InvalidInput(str(exc), field="holidays") from exc
    replacing = CalendarYear.objects.filter(year=year).exists()
    _store_years(actor, {year: days}, CalendarSource.ADMIN, note.strip())
    audit.record(
        actor=actor, action="calendar.year.set", target=CalendarYear.objects.get(year=year),
        citation=_cite_time_limits(),
        summary=(
            f"{'修改' if replacing else '录入'}{year}年工作日安排："
            f"放假{len(holidays)}天，调休上班{len(makeup_days)}天"
        ),
        details={"holidays": {d.isoformat(): n for d, n in sorted(holidays.items())},
                 "makeup_days": {d.isoformat(): n for d, n in sorted(makeup_days.items())}, "note": note.strip()},
    )
    return CalendarYear.objects.get(year=year)


@transaction.atomic
def set_day(actor: AbstractBaseUser | None, day: dt.date, kind: str, name: str, note: str) -> CalendarDay:
    """Mark one day: a local holiday, a make-up working day, or back to an ordinary day."""
    _require_admin(actor)
    if not note.strip():
        raise InvalidInput("请注明依据。", field="note")
    try:
        new_kind = DayKind(kind)
    except ValueError as exc:
        raise InvalidInput(f"日期类别应为 workday、weekend、holiday 或 makeup，不能是“{kind}”。", field="kind") from exc
    row = CalendarDay.objects.filter(date=day).first()
    if row is None:
        raise InvalidInput(UnknownYearError(day.year).message_zh, field="date")
    weekend = day.weekday() >= 5
    if new_kind == DayKind.MAKEUP and not weekend:
        raise InvalidInput(f"{day.isoformat()}是工作日（周一至周五），不能设为调休上班日。", field="kind")
    if new_kind == DayKind.WEEKEND and not weekend:
        raise InvalidInput(f"{day.isoformat()}不是周六或周日。", field="kind")
    if new_kind == DayKind.WORKDAY and weekend:
        raise InvalidInput(f"{day.isoformat()}是周末；周末上班请选择“调休上班”。", field="kind")
    old = (row.kind, row.name)
    _reindex_from(day, [Day(day, new_kind, name.strip())])
    CalendarDay.objects.filter(date=day).update(source=CalendarSource.ADMIN)
    CalendarYear.objects.filter(year=day.year).update(updated_at=_change_time(), updated_by=actor)
    audit.record(
        actor=actor, action="calendar.day.set", target=CalendarYear.objects.get(year=day.year),
        citation=_cite_time_limits(),
        summary=f"将{day.isoformat()}设为{KIND_ZH[new_kind]}{('（' + name.strip() + '）') if name.strip() else ''}",
        details={"date": day.isoformat(), "old": list(old), "new": [new_kind.value, name.strip()],
                 "note": note.strip()},
    )
    return CalendarDay.objects.get(date=day)


@dataclass(frozen=True)
class LocalDay:
    """A day an administrator entered that the official schedule has otherwise."""

    date: dt.date
    kind: str  # as the administrator entered it
    name: str
    official: str  # the official schedule's kind

    def describe(self) -> str:
        entered = kind_zh(self.kind) + (f"（{self.name}）" if self.name else "")
        return f"{self.date.isoformat()} {entered}，官方安排为{kind_zh(self.official)}"


@dataclass
class SeedResult:
    """What :func:`seed_official` did: the years written, and the administrator-entered days it
    kept (or, with ``discard_local``, overwrote) because the official schedule has them otherwise."""

    years: list[int] = field(default_factory=list)
    kept: list[LocalDay] = field(default_factory=list)
    overwritten: list[LocalDay] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.years)


OFFICIAL_NOTE = "国务院办公厅节假日安排通知（chinesecalendar）"


@transaction.atomic
def seed_official(actor: AbstractBaseUser | None, years: Iterable[int] | None = None,
                  replace: bool = False, discard_local: bool = False) -> SeedResult:
    """Load the official schedules ``chinesecalendar`` knows: years not yet entered, or with
    ``replace`` those entered too.  Replacing keeps the days an administrator entered (a local
    holiday, a make-up day) where the official schedule has them otherwise, unless
    ``discard_local``.  Each year written is audited, by the system when there is no ``actor``."""
    _require_admin(actor)
    wanted = list(years) if years is not None else list(seed.known_years())
    present = set(CalendarYear.objects.values_list("year", flat=True))
    result = SeedResult(years=sorted(y for y in set(wanted) if replace or y not in present))
    if not result.years:
        return result
    covered = sorted(present | set(result.years))
    gaps = [y for y in range(covered[0], covered[-1] + 1) if y not in covered]
    if gaps:
        raise InvalidInput(f"日历须逐年连续：缺少{gaps[0]}年。", field="years")
    official = {y: seed.official_calendar_days(y) for y in result.years}
    local = {
        row.date: row
        for row in CalendarDay.objects.filter(date__year__in=result.years, source=CalendarSource.ADMIN)
    }
    for year, days in official.items():
        merged = []
        for day in days:
            row = local.get(day.date)
            if row is None or row.kind == day.kind.value:
                merged.append(day)
                continue
            entered = LocalDay(day.date, row.kind, row.name, day.kind.value)
            if discard_local:
                result.overwritten.append(entered)
                merged.append(day)
            else:
                result.kept.append(entered)
                merged.append(Day(day.date, DayKind(row.kind), row.name))
        official[year] = merged
    _store_years(actor, official, CalendarSource.OFFICIAL, OFFICIAL_NOTE)
    CalendarDay.objects.filter(date__in=[d.date for d in result.kept]).update(source=CalendarSource.ADMIN)
    citation = _cite_time_limits()
    for year in result.years:
        kept = [d for d in result.kept if d.date.year == year]
        overwritten = [d for d in result.overwritten if d.date.year == year]
        summary = f"{'按官方安排重新载入' if year in present else '载入官方节假日安排：'}{year}年"
        if kept:
            summary += f"；保留管理员录入的{len(kept)}天：" + "；".join(d.describe() for d in kept)
        if overwritten:
            summary += f"；覆盖管理员录入的{len(overwritten)}天：" + "；".join(d.describe() for d in overwritten)
        audit.record(
            actor=actor, action="calendar.seed", target=CalendarYear.objects.get(year=year), citation=citation,
            summary=summary,
            details={"year": year, "replaced": year in present, "source": OFFICIAL_NOTE,
                     "kept": [d.date.isoformat() for d in kept],
                     "overwritten": [d.date.isoformat() for d in overwritten]},
        )
    return result
