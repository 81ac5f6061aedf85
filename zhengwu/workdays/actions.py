"""Administrators keep the calendar: a year's schedule, a single make-up day or local holiday,
or the official schedules from ``chinesecalendar``.  Every change is audited (art. 63: the time
limits everywhere are computed on this calendar)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

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
        summary=f"将{day.isoformat()}设为{new_kind.value}{('（' + name.strip() + '）') if name.strip() else ''}",
        details={"date": day.isoformat(), "old": list(old), "new": [new_kind.value, name.strip()],
                 "note": note.strip()},
    )
    return CalendarDay.objects.get(date=day)


@transaction.atomic
def seed_official(actor: AbstractBaseUser | None, years: Iterable[int] | None = None,
                  replace: bool = False) -> list[int]:
    """Load the official schedules ``chinesecalendar`` knows (years not yet entered, unless
    ``replace``).  Returns the years written."""
    _require_admin(actor)
    wanted = list(years) if years is not None else list(seed.known_years())
    present = set(CalendarYear.objects.values_list("year", flat=True))
    written = sorted(y for y in set(wanted) if replace or y not in present)
    if written:
        covered = sorted(present | set(written))
        gaps = [y for y in range(covered[0], covered[-1] + 1) if y not in covered]
        if gaps:
            raise InvalidInput(f"日历须逐年连续：缺少{gaps[0]}年。", field="years")
    _store_years(actor, {y: seed.official_calendar_days(y) for y in written}, CalendarSource.OFFICIAL,
                 "国务院办公厅节假日安排通知（chinesecalendar）")
    if written and actor is not None:
        audit.record(
            actor=actor, action="calendar.seed", target=None, citation=_cite_time_limits(),
            summary=f"载入官方节假日安排：{written[0]}—{written[-1]}年", details={"years": written},
        )
    return written
