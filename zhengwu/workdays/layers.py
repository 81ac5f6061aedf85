"""The working-day calendar as layers: the nation, then the region (省/自治区), then local days.

No Django.  Each layer says, for a year, which days it changes: a day off (``holiday``), a weekend
day worked (``makeup``), a weekday worked after all (``workday``) or a weekend day back to rest
(``weekend``).  :func:`compose` lays them over the plain week in order, a later layer winning a day
both name, and says of each day which layer decided it.

A layer's year is **official** when its notice has been entered (the State Council's, the 自治区
人民政府办公厅's) and **provisional** when it was estimated from what the law fixes in advance
(:mod:`zhengwu.workdays.statutory`).  A day of a year any layer of which is provisional may still
move when the notice comes; deadlines counted across it are shown as provisional.

Which layers a government has is configuration (``ZHENGWU_CALENDAR_LAYERS``): Kizilsu's is
``national, xinjiang, local``; a province with no days of its own has ``national, local``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

from zhengwu.workdays.arith import CalendarDay, DayKind, parse_date_spec
from zhengwu.workdays.statutory import HijriFeast, hijri_feast_days, law_in_force, statutory_days

__all__ = [
    "ENTRY_KINDS",
    "LOCAL",
    "NATIONAL",
    "Entry",
    "LayerYear",
    "OfficeHours",
    "RegionLayer",
    "compose",
    "load_region",
    "provisional_year",
    "region_path",
]

NATIONAL = "national"
LOCAL = "local"
ENTRY_KINDS = ("holiday", "makeup", "workday", "weekend")
DATA = Path(__file__).resolve().parent / "data"

LAYER_NAMES = {NATIONAL: "全国", LOCAL: "本地"}
LAYER_NAMES_EN = {NATIONAL: "National", LOCAL: "Local"}


@dataclass(frozen=True)
class Entry:
    """One day a layer changes."""

    date: date
    kind: str  # one of ENTRY_KINDS
    name: str = ""


@dataclass(frozen=True)
class LayerYear:
    """What one layer says of one year."""

    layer: str
    year: int
    entries: tuple[Entry, ...] = ()
    provisional: bool = False
    note: str = ""


def _composed_kind(d: date, entry_kind: str) -> DayKind:
    weekend = d.weekday() >= 5
    if entry_kind == "holiday":
        return DayKind.HOLIDAY
    if entry_kind in ("makeup", "workday"):
        return DayKind.MAKEUP if weekend else DayKind.WORKDAY
    return DayKind.WEEKEND if weekend else DayKind.WORKDAY


def compose(year: int, layers: Sequence[LayerYear]) -> list[CalendarDay]:
    """The whole of ``year``, day by day, with each layer's entries laid over the plain week in the
    order given.  A day no layer names is an ordinary workday or weekend (``layer`` blank)."""
    decided: dict[date, tuple[DayKind, str, str]] = {}
    for layer in layers:
        if layer.year != year:
            raise ValueError(f"layer {layer.layer} describes {layer.year}, not {year}")
        for e in layer.entries:
            if e.date.year != year:
                raise ValueError(f"{e.date.isoformat()} 不在 {year} 年内")
            if e.kind not in ENTRY_KINDS:
                raise ValueError(f"unknown entry kind {e.kind!r}")
            decided[e.date] = (_composed_kind(e.date, e.kind), e.name, layer.layer)
    days: list[CalendarDay] = []
    d = date(year, 1, 1)
    while d.year == year:
        if d in decided:
            kind, name, source = decided[d]
            days.append(CalendarDay(d, kind, name, source))
        else:
            days.append(CalendarDay(d, DayKind.WEEKEND if d.weekday() >= 5 else DayKind.WORKDAY))
        d += timedelta(days=1)
    return days


def entries_of(holidays: Mapping[date, str], makeup_days: Mapping[date, str]) -> tuple[Entry, ...]:
    return tuple(
        sorted(
            [Entry(d, "holiday", n) for d, n in holidays.items()]
            + [Entry(d, "makeup", n) for d, n in makeup_days.items()],
            key=lambda e: e.date,
        )
    )


# -- office hours (作息时间) -------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficeHours:
    """A season's office hours (Beijing time) from ``starts`` on: e.g. 10:00–14:00 and 15:30–19:30."""

    season: str  # "summer" | "winter"
    starts: date
    periods: tuple[tuple[time, time], ...]

    def contains(self, t: time) -> bool:
        return any(a <= t < b for a, b in self.periods)

    def label(self) -> str:
        return "、".join(f"{a:%H:%M}—{b:%H:%M}" for a, b in self.periods)


def _hours(text: str) -> tuple[time, time]:
    a, b = (part.strip() for part in text.replace("—", "-").replace("–", "-").split("-"))
    return time.fromisoformat(a), time.fromisoformat(b)


# -- a region's layer, as shipped in data/<key>.toml ------------------------------------------------


@dataclass(frozen=True)
class RegionYear:
    year: int
    notice: str
    source: str
    holidays: dict[date, str]
    makeup: dict[date, str]
    office_hours: tuple[OfficeHours, ...] = ()


@dataclass(frozen=True)
class RegionLayer:
    """A region's own calendar layer: its holidays on a calendar of their own (estimated for a year
    without a notice) and the years whose notices are known."""

    key: str
    name: str
    name_en: str
    basis: str
    feasts: tuple[HijriFeast, ...]
    years: dict[int, RegionYear] = field(default_factory=dict)
    estimate_from: int = 0  # the first year its 放假办法 applies: earlier years have no entries

    def official(self, year: int) -> LayerYear | None:
        known = self.years.get(year)
        if known is None:
            return None
        return LayerYear(self.key, year, entries_of(known.holidays, known.makeup), False, known.notice)

    def estimate(self, year: int) -> LayerYear:
        if year < self.estimate_from:
            return LayerYear(self.key, year, (), False, f"{self.basis}施行前")
        days = hijri_feast_days(year, self.feasts)
        return LayerYear(
            self.key,
            year,
            entries_of(days, {}),
            True,
            f"暂按{self.basis}推算（伊斯兰历，待自治区公布{year}年放假安排）",
        )

    def office_hours(self) -> list[OfficeHours]:
        return sorted((h for y in self.years.values() for h in y.office_hours), key=lambda h: h.starts)


def region_path(key: str) -> Path:
    return DATA / f"{key}.toml"


def _spec_days(items: Iterable[Mapping[str, Any]]) -> dict[date, str]:
    out: dict[date, str] = {}
    for item in items:
        for d in parse_date_spec(str(item["dates"])):
            out[d] = str(item.get("name", ""))
    return out


def load_region(key: str, path: Path | None = None) -> RegionLayer:
    """Read ``data/<key>.toml`` (see ``data/xinjiang.toml`` for the format)."""
    with (path or region_path(key)).open("rb") as f:
        data = tomllib.load(f)
    layer = data.get("layer", {})
    feasts = tuple(
        HijriFeast(str(f["name"]), int(f["hijri_month"]), int(f["hijri_day"]), int(f["days"]), int(f.get("offset", 0)))
        for f in data.get("feasts", [])
    )
    years: dict[int, RegionYear] = {}
    for y in data.get("years", []):
        hours = tuple(
            OfficeHours(
                str(h["season"]),
                date.fromisoformat(str(h["from"])),
                tuple(_hours(str(h[p])) for p in ("morning", "afternoon") if h.get(p)),
            )
            for h in y.get("office_hours", [])
        )
        years[int(y["year"])] = RegionYear(
            int(y["year"]),
            str(y.get("notice", "")),
            str(y.get("source", "")),
            _spec_days(y.get("holidays", [])),
            _spec_days(y.get("makeup", [])),
            hours,
        )
    return RegionLayer(
        str(layer.get("key", key)),
        str(layer.get("name", key)),
        str(layer.get("name_en", key)),
        str(layer.get("basis", "")),
        feasts,
        years,
        int(layer.get("estimate_from", 0)),
    )


def provisional_year(layer: str, year: int, region: RegionLayer | None = None) -> LayerYear:
    """The estimate of a layer's year with no notice: the nation's statutory holidays, a region's
    feasts; the local layer has nothing to estimate."""
    if layer == NATIONAL:
        return LayerYear(
            NATIONAL,
            year,
            entries_of(statutory_days(year), {}),
            True,
            f"暂按{law_in_force(year).reference}规定的法定节假日推算（待国务院办公厅公布{year}年放假安排）",
        )
    if region is not None and layer == region.key:
        return region.estimate(year)
    return LayerYear(layer, year)
