"""Administrators keep the calendar: a year's schedule, a single make-up day or local holiday,
or the official schedules from ``chinesecalendar``.  Every change is audited (art. 63: the time
limits everywhere are computed on this calendar)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core import administration, memo
from zhengwu.core.decisions import Citation, InvalidInput, Refused
from zhengwu.core.i18n import _
from zhengwu.notices import services as notices
from zhengwu.rulebook.services import rulebook_view
from zhengwu.workdays import dependents, seed, services
from zhengwu.workdays.arith import CalendarDay as Day
from zhengwu.workdays.arith import DayKind, UnknownYearError, WorkCalendar, build_year
from zhengwu.workdays.dependents import Moved, Recalc
from zhengwu.workdays.layers import LOCAL, NATIONAL, Entry, compose, entries_of, provisional_year
from zhengwu.workdays.layers import LayerYear as LayerYearData
from zhengwu.workdays.models import CalendarDay, CalendarSource, CalendarYear, LayerEntry, LayerYear
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
    decision = administration.may_administer(actor, _cite_time_limits())
    if not decision.allowed:
        raise Refused([decision])


def _check_contiguous(year: int) -> None:
    """A year before the first stored one would leave a gap (years after the last are filled with
    provisional ones, :func:`_ensure_through`)."""
    years = sorted(CalendarYear.objects.values_list("year", flat=True))
    if not years or year >= years[0] - 1:
        return
    nearest = years[0] - 1
    raise InvalidInput(
        _(
            "日历须逐年连续：现有{years}—{years2}年，请先录入{nearest}年，再录入{year}年。",
            years=years[0],
            years2=years[-1],
            nearest=nearest,
            year=year,
        ),
        field="year",
    )


def _layer_key(layer: str, *, local_allowed: bool) -> str:
    keys = services.layer_keys()
    if layer not in keys or (layer == LOCAL and not local_allowed):
        usable = "、".join(k for k in keys if local_allowed or k != LOCAL)
        raise InvalidInput(
            _("日历层“{layer}”不在本政府的日历层中（可用：{usable}）。", layer=layer, usable=usable),
            field="layer",
        )
    return layer


def _reindex_from(first_day: dt.date, replaced: Iterable[Day], sources: Mapping[dt.date, str]) -> set[dt.date]:
    """Write ``replaced`` days and recompute ``work_index`` from ``first_day`` on; the dates whose
    kind changed (working or not) are returned."""
    replaced = list(replaced)
    replaced_dates = {d.date for d in replaced}
    before = {d: (k, n, layer) for d, k, n, layer in CalendarDay.objects.values_list("date", "kind", "name", "layer")}
    kept = [Day(d, DayKind(k), n, layer) for d, (k, n, layer) in before.items() if d not in replaced_dates]
    rows = index_rows([*kept, *replaced])
    existing = dict(CalendarDay.objects.filter(date__gte=first_day).values_list("date", "work_index"))
    stored_sources = dict(CalendarDay.objects.filter(date__gte=first_day).values_list("date", "source"))
    to_create, to_update = [], []
    changed: set[dt.date] = set()
    for row in rows:
        if row.date < first_day:
            continue
        if row.date in replaced_dates:
            row.source = sources.get(row.date, CalendarSource.OFFICIAL)
            old = before.get(row.date)
            if old is None or (old[0] in WORKING) != row.is_working:
                changed.add(row.date)
            to_create.append(row)
        elif existing.get(row.date) != row.work_index:
            row.source = stored_sources.get(row.date, CalendarSource.OFFICIAL)
            to_update.append(row)
    CalendarDay.objects.filter(date__in=replaced_dates).delete()
    CalendarDay.objects.bulk_create(to_create, batch_size=1000)
    CalendarDay.objects.bulk_update(to_update, ["work_index"], batch_size=1000)
    services._CACHE.clear()  # the stamp may repeat (rolled-back edit, clock not ahead of updated_at)
    memo.forget("dues.provisional")  # which years are provisional, as remembered within this request
    return changed


WORKING = {DayKind.WORKDAY.value, DayKind.MAKEUP.value}


def _change_time() -> dt.datetime:
    """When a change is recorded: now, but always after the last recorded change, so that the
    calendar cache's stamp changes with every edit even when the clock reads earlier."""
    now = timezone.now()
    latest = CalendarYear.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
    return max(now, latest + dt.timedelta(microseconds=1)) if latest else now


def _write_layer_year(actor: AbstractBaseUser | None, layer: LayerYearData, source: str, now: dt.datetime) -> None:
    """Store what one layer says of one year, replacing what it said before."""
    LayerYear.objects.update_or_create(
        layer=layer.layer,
        year=layer.year,
        defaults={"source": source, "note": layer.note[:500], "updated_at": now, "updated_by": actor},
    )
    LayerEntry.objects.filter(layer=layer.layer, date__year=layer.year).delete()
    LayerEntry.objects.bulk_create(
        [
            LayerEntry(layer=layer.layer, date=e.date, kind=e.kind, name=e.name[:60], note=layer.note[:500])
            for e in layer.entries
        ]
    )


def _stored_layers(years: Iterable[int]) -> dict[int, list[LayerYearData]]:
    """What each configured layer says of each year, as stored (a layer with no year says nothing)."""
    years = sorted(set(years))
    keys = services.layer_keys()
    entries: dict[tuple[str, int], list[Entry]] = {}
    for e in LayerEntry.objects.filter(date__year__in=years, layer__in=keys).order_by("date"):
        entries.setdefault((e.layer, e.date.year), []).append(Entry(e.date, e.kind, e.name))
    status = {(ly.layer, ly.year): ly for ly in LayerYear.objects.filter(year__in=years, layer__in=keys)}
    out: dict[int, list[LayerYearData]] = {}
    for year in years:
        out[year] = []
        for key in keys:
            ly = status.get((key, year))
            out[year].append(
                LayerYearData(
                    key,
                    year,
                    tuple(entries.get((key, year), ())),
                    ly.provisional if ly else key != LOCAL,
                    ly.note if ly else "",
                )
            )
    return out


def _recompose(actor: AbstractBaseUser | None, years: Iterable[int], now: dt.datetime) -> set[dt.date]:
    """Compose the given years from their layers into the calendar (one re-indexing pass) and mark
    each year official or provisional; the dates whose kind changed are returned."""
    years = sorted(set(years))
    if not years:
        return set()
    stored = _stored_layers(years)
    status = {(ly.layer, ly.year): ly for ly in LayerYear.objects.filter(year__in=years)}
    days: list[Day] = []
    day_sources: dict[dt.date, str] = {}
    for year in years:
        composed = compose(year, stored[year])
        provisional = any(ly.provisional for ly in stored[year] if ly.layer != LOCAL)
        national = status.get((NATIONAL, year))
        year_source = (
            CalendarSource.PROVISIONAL if provisional else (national.source if national else CalendarSource.OFFICIAL)
        )
        for day in composed:
            ly = status.get((day.layer, year)) if day.layer else None
            day_sources[day.date] = CalendarSource.ADMIN if day.layer == LOCAL else ly.source if ly else year_source
        days.extend(composed)
        notes = [f"{services.layer_name(ly.layer)}：{ly.note}" for ly in stored[year] if ly.note and ly.layer != LOCAL]
        CalendarYear.objects.update_or_create(
            year=year,
            defaults={
                "source": year_source,
                "note": "；".join(notes)[:300],
                "provisional": provisional,
                "updated_at": now,
                "updated_by": actor,
            },
        )
    changed = _reindex_from(dt.date(years[0], 1, 1), days, day_sources)
    return changed


def _ensure_through(actor: AbstractBaseUser | None, through: int, now: dt.datetime) -> list[int]:
    """Store the years after the last stored one up to ``through`` as provisional (the days the law
    fixes), and fill in any configured layer a stored year lacks; the years written are returned."""
    years = sorted(CalendarYear.objects.values_list("year", flat=True))
    if not years:
        return []
    wanted = range(years[0], max(years[-1], through) + 1)
    have = set(LayerYear.objects.filter(year__in=list(wanted)).values_list("layer", "year"))
    written: set[int] = set()
    for year in wanted:
        for key in services.layer_keys():
            if key == LOCAL or (key, year) in have:
                continue
            region = services.region(key) if key in services.region_keys() else None
            official = region.official(year) if region else None
            if official is not None:
                _write_layer_year(actor, official, CalendarSource.OFFICIAL, now)
            else:
                estimate = provisional_year(key, year, region)
                # a year before the region's 放假办法 applied has nothing to estimate: nothing pending
                source = CalendarSource.PROVISIONAL if estimate.provisional else CalendarSource.OFFICIAL
                _write_layer_year(actor, estimate, source, now)
            written.add(year)
    return sorted(written)


def _ahead(today: dt.date | None = None) -> int:
    """The last year kept stored ahead of today (provisional until its notice comes)."""
    return (today or timezone.localdate()).year + PROVISIONAL_YEARS_AHEAD


PROVISIONAL_YEARS_AHEAD = 2


def _after_change(actor: AbstractBaseUser | None, old: WorkCalendar, changed: set[dt.date]) -> list[Moved]:
    """Recompute every open deadline the changed days touch, and tell each person whose moved."""
    if not changed:
        return []
    new = services.calendar()
    moved = dependents.recompute(Recalc(old, new, min(changed), frozenset(changed)))
    citation = _cite_time_limits()
    for m in moved:
        if not m.recipients:
            continue
        notices.send(
            get_user_model().objects.filter(pk__in=m.recipients),
            f"期限变更：{m.what}，由{m.old.isoformat()}改为{m.new.isoformat()}",
            f"工作日历已更新（放假安排变化），{m.what}的期限由{m.old.isoformat()}改为{m.new.isoformat()}。",
            citation,
            url=m.url,
        )
    return moved


def _moved_details(moved: list[Moved]) -> dict[str, object]:
    return {
        "recomputed": len(moved),
        "moved": [
            {"what": m.what, "old": m.old.isoformat(), "new": m.new.isoformat(), "source": m.source}
            for m in moved[:200]
        ],
    }


def _moved_summary(moved: list[Moved]) -> str:
    return f"；重算期限{len(moved)}项" if moved else ""


@transaction.atomic
def set_year(
    actor: AbstractBaseUser | None,
    year: int,
    holidays: Mapping[dt.date, str],
    makeup_days: Mapping[dt.date, str],
    note: str,
    layer: str = NATIONAL,
) -> CalendarYear:
    """Enter (or replace) one layer's official schedule of a year — the State Council's
    (``national``) or the region's notice (e.g. ``xinjiang``): its holidays and its 调休 make-up
    working days.  Every open deadline the change moves is recomputed and its owner told."""
    _require_admin(actor)
    layer = _layer_key(layer, local_allowed=False)
    if not note.strip():
        raise InvalidInput(_("请注明依据（例如国务院办公厅关于该年部分节假日安排的通知）。"), field="note")
    _check_contiguous(year)
    try:
        build_year(year, holidays, makeup_days)  # validates: dates in the year, make-up days on weekends
    except ValueError as exc:
        raise InvalidInput(str(exc), field="holidays") from exc
    old = services.calendar()
    now = _change_time()
    replacing = LayerYear.objects.filter(layer=layer, year=year).exclude(source=CalendarSource.PROVISIONAL).exists()
    ensured = _ensure_through(actor, year, now)
    _write_layer_year(
        actor,
        LayerYearData(layer, year, entries_of(holidays, makeup_days), False, note.strip()),
        CalendarSource.ADMIN,
        now,
    )
    changed = _recompose(actor, {*ensured, year}, now)
    moved = _after_change(actor, old, changed)
    audit.record(
        actor=actor,
        action="calendar.year.set",
        target=CalendarYear.objects.get(year=year),
        citation=_cite_time_limits(),
        summary=(
            f"{'修改' if replacing else '录入'}{year}年{services.layer_name(layer)}放假安排："
            f"放假{len(holidays)}天，调休上班{len(makeup_days)}天" + _moved_summary(moved)
        ),
        details={
            "layer": layer,
            "holidays": {d.isoformat(): n for d, n in sorted(holidays.items())},
            "makeup_days": {d.isoformat(): n for d, n in sorted(makeup_days.items())},
            "note": note.strip(),
            **_moved_details(moved),
        },
    )
    return CalendarYear.objects.get(year=year)


@transaction.atomic
def set_day(
    actor: AbstractBaseUser | None, day: dt.date, kind: str, name: str, note: str, layer: str = LOCAL
) -> CalendarDay:
    """Mark one day in a layer (by default the local one): a local holiday, a make-up working day,
    or back to an ordinary day.  Open deadlines it moves are recomputed and their owners told."""
    _require_admin(actor)
    layer = _layer_key(layer, local_allowed=True)
    if not note.strip():
        raise InvalidInput(_("请注明依据。"), field="note")
    try:
        new_kind = DayKind(kind)
    except ValueError as exc:
        raise InvalidInput(
            _("日期类别应为 workday、weekend、holiday 或 makeup，不能是“{kind}”。", kind=kind), field="kind"
        ) from exc
    years = sorted(CalendarYear.objects.values_list("year", flat=True))
    if not years or day.year < years[0]:
        raise InvalidInput(UnknownYearError(day.year).message_zh, field="date")
    weekend = day.weekday() >= 5
    if new_kind == DayKind.MAKEUP and not weekend:
        raise InvalidInput(
            _("{isoformat}是工作日（周一至周五），不能设为调休上班日。", isoformat=day.isoformat()), field="kind"
        )
    if new_kind == DayKind.WEEKEND and not weekend:
        raise InvalidInput(_("{isoformat}不是周六或周日。", isoformat=day.isoformat()), field="kind")
    if new_kind == DayKind.WORKDAY and weekend:
        raise InvalidInput(_("{isoformat}是周末；周末上班请选择“调休上班”。", isoformat=day.isoformat()), field="kind")
    old_cal = services.calendar()
    now = _change_time()
    before = old_cal.day(day)  # as stored, or as estimated for a year not stored yet
    old = (before.kind.value, before.name)
    ensured = _ensure_through(actor, day.year, now)
    LayerEntry.objects.update_or_create(
        layer=layer,
        date=day,
        defaults={"kind": new_kind.value, "name": name.strip()[:60], "note": note.strip()[:500]},
    )
    if layer != LOCAL:
        LayerYear.objects.filter(layer=layer, year=day.year).update(updated_at=now, updated_by=actor)
    changed = _recompose(actor, {*ensured, day.year}, now)
    moved = _after_change(actor, old_cal, changed)
    audit.record(
        actor=actor,
        action="calendar.day.set",
        target=CalendarYear.objects.get(year=day.year),
        citation=_cite_time_limits(),
        summary=(
            f"将{day.isoformat()}设为{KIND_ZH[new_kind]}{('（' + name.strip() + '）') if name.strip() else ''}"
            f"（{services.layer_name(layer)}）" + _moved_summary(moved)
        ),
        details={
            "date": day.isoformat(),
            "layer": layer,
            "old": list(old),
            "new": [new_kind.value, name.strip()],
            "note": note.strip(),
            **_moved_details(moved),
        },
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


def _official_national(year: int) -> LayerYearData:
    holidays, makeup = seed.official_schedule(year)
    return LayerYearData(NATIONAL, year, entries_of(holidays, makeup), False, OFFICIAL_NOTE)


@transaction.atomic
def seed_official(
    actor: AbstractBaseUser | None,
    years: Iterable[int] | None = None,
    replace: bool = False,
    discard_local: bool = False,
    today: dt.date | None = None,
) -> SeedResult:
    """Load the official schedules shipped with zhengwu: the nation's from ``chinesecalendar``, each
    region layer's from its notices (``data/<layer>.toml``).  A year not yet entered, or still
    provisional, is loaded; with ``replace`` those entered too.  The local days an administrator
    entered stay (they are their own layer), and are listed where the official schedule has the
    day otherwise, unless ``discard_local`` removes them.  Years up to two after today that have
    no schedule are stored as provisional.  Open deadlines the change moves are recomputed.  Each
    year written is audited, by the system when there is no ``actor``."""
    _require_admin(actor)
    known = set(seed.known_years())
    wanted = sorted(set(years) if years is not None else known)
    unknown = [y for y in wanted if y not in known]
    if unknown:
        raise InvalidInput(
            _(
                ("随版本发布的官方安排不含{unknown}年（已有{min}—{max}年）；请用 calendar set-year {unknown} 录入。"),
                unknown=unknown[0],
                min=min(known),
                max=max(known),
            ),
            field="years",
        )
    entered = dict(LayerYear.objects.filter(layer=NATIONAL).values_list("year", "source"))
    result = SeedResult(years=[y for y in wanted if replace or entered.get(y) in (None, CalendarSource.PROVISIONAL)])
    present = set(CalendarYear.objects.values_list("year", flat=True))
    old_cal = services.calendar()
    now = _change_time()
    if result.years:
        covered = sorted(present | set(result.years))
        gaps = [y for y in range(covered[0], covered[-1] + 1) if y not in covered]
        if gaps and gaps[0] < max(present, default=0):
            raise InvalidInput(_("日历须逐年连续：缺少{gaps}年。", gaps=gaps[0]), field="years")
        for year in result.years:
            _write_layer_year(actor, _official_national(year), CalendarSource.OFFICIAL, now)
            for key in services.region_keys():
                region = services.region(key)
                official = region.official(year)
                stored = LayerYear.objects.filter(layer=key, year=year).values_list("source", flat=True).first()
                if official is not None and (replace or stored in (None, CalendarSource.PROVISIONAL)):
                    _write_layer_year(actor, official, CalendarSource.OFFICIAL, now)
        # make the stored years whole before composing: a gap year between them, or region layers
        CalendarYear.objects.bulk_create(
            [
                CalendarYear(year=y, source=CalendarSource.OFFICIAL, updated_at=now)
                for y in result.years
                if y not in present
            ],
            ignore_conflicts=True,
        )
    ensured = _ensure_through(actor, _ahead(today), now) if CalendarYear.objects.exists() else []
    # local days that the official schedule (below them) has otherwise: kept, or with discard_local removed
    below = {
        y: {d.date: d for d in compose(y, [ly for ly in _stored_layers([y])[y] if ly.layer != LOCAL])}
        for y in result.years
    }
    for entry in LayerEntry.objects.filter(layer=LOCAL, date__year__in=result.years).order_by("date"):
        official_day = below[entry.date.year][entry.date]
        if official_day.kind.value == entry.kind:
            continue
        local = LocalDay(entry.date, entry.kind, entry.name, official_day.kind.value)
        if discard_local:
            result.overwritten.append(local)
            entry.delete()
        else:
            result.kept.append(local)
    changed = _recompose(actor, {*result.years, *ensured}, now)
    moved = _after_change(actor, old_cal, changed)
    citation = _cite_time_limits()
    for year in result.years:
        kept = [d for d in result.kept if d.date.year == year]
        overwritten = [d for d in result.overwritten if d.date.year == year]
        regions = [services.layer_name(k) for k in services.region_keys() if services.region(k).official(year)]
        summary = f"{'按官方安排重新载入' if year in present else '载入官方节假日安排：'}{year}年"
        if regions:
            summary += f"（含{'、'.join(regions)}的放假安排）"
        if kept:
            summary += f"；保留管理员录入的{len(kept)}天：" + "；".join(d.describe() for d in kept)
        if overwritten:
            summary += f"；覆盖管理员录入的{len(overwritten)}天：" + "；".join(d.describe() for d in overwritten)
        audit.record(
            actor=actor,
            action="calendar.seed",
            target=CalendarYear.objects.get(year=year),
            citation=citation,
            summary=summary,
            details={
                "year": year,
                "replaced": year in present,
                "source": OFFICIAL_NOTE,
                "kept": [d.date.isoformat() for d in kept],
                "overwritten": [d.date.isoformat() for d in overwritten],
            },
        )
    provisional = [y for y in ensured if y not in result.years]
    if provisional:
        audit.record(
            actor=actor,
            action="calendar.provisional",
            target=CalendarYear.objects.get(year=provisional[-1]),
            citation=citation,
            summary=f"暂按法定节假日推算{'、'.join(map(str, provisional))}年（待公布放假安排）" + _moved_summary(moved),
            details={"years": provisional, **_moved_details(moved)},
        )
    elif moved:
        audit.record(
            actor=actor,
            action="calendar.recompute",
            summary=f"工作日历更新{_moved_summary(moved)}",
            citation=citation,
            details=_moved_details(moved),
        )
    return result
