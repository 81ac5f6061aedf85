"""The official working-day calendar (art. 63: every time limit is computed on it).

The calendar is layered (the nation, the 自治区, local days).  A year whose notice has not come is
provisional: computations answer on the statutory holidays and say so (``provisional``,
``provisional_note``).  Only a year before the first stored one answers 409, naming it.
Administrators enter a layer's schedule of a year or mark a single day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from zhengwu.apis.auth import current_user
from zhengwu.apis.schemas import READ_ERRORS, WRITE_ERRORS, UnknownYearOut
from zhengwu.core.decisions import InvalidInput
from zhengwu.workdays import actions
from zhengwu.workdays.arith import DayKind, UnknownYearError, parse_date_spec
from zhengwu.workdays.models import CalendarDay, CalendarSource, CalendarYear, LayerYear
from zhengwu.workdays.services import calendar, layer_name, provisional_note

router = Router(tags=["calendar"])

CALENDAR_ERRORS = {**READ_ERRORS, 409: UnknownYearOut}
MAX_SPAN = 36500  # a hundred years either way


class Period(Schema):
    date: dt.date = Field(description="事件发生日（不计入期间）")
    n: int = Field(ge=-MAX_SPAN, le=MAX_SPAN, description="工作日数、日数或月数；工作日数可为负数（之前）")


class ProvisionalOut(Schema):
    provisional: bool = Field(False, description="期间跨越尚未公布放假安排的年份：暂按法定节假日推算，公布后自动重算")
    provisional_note: str | None = Field(None, description="如「暂按法定节假日推算，待公布2027年放假安排后自动重算」")


class DateOut(ProvisionalOut):
    date: dt.date


class CountOut(ProvisionalOut):
    count: int = Field(description="(a, b] 之间的工作日数；b 早于 a 时为负数")


class LayerYearOut(Schema):
    layer: str = Field(description="日历层：national（全国）、xinjiang（自治区）等")
    name: str
    source: str = Field(description="official（随版本发布的官方通知）、admin（管理员录入）或 provisional（按法律推算）")
    note: str
    updated_at: dt.datetime


class YearOut(Schema):
    year: int
    source: str = Field(description="official、admin 或 provisional（有一层尚未公布放假安排）")
    source_label: str
    provisional: bool
    note: str
    updated_at: dt.datetime
    layers: list[LayerYearOut] = Field(default_factory=list, description="各日历层对本年的安排")


class DayOut(Schema):
    date: dt.date
    kind: str = Field(description="workday、weekend、holiday 或 makeup")
    name: str
    is_working: bool
    source: str
    layer: str = Field("", description="决定这一天的日历层（普通日为空）")


class YearDetailOut(YearOut):
    holidays: list[DayOut] = Field(description="放假日")
    makeup_days: list[DayOut] = Field(description="调休上班日")


class YearIn(Schema):
    holidays: str = Field(
        description="放假日，如 “2027-01-01, 2027-02-05..2027-02-11”",
        examples=["2027-01-01, 2027-02-05..2027-02-11"],
    )
    makeup: str = Field("", description="调休上班日（周末上班），如 “2027-02-14”")
    note: str = Field(description="依据，如国务院办公厅关于该年部分节假日安排的通知")
    layer: str = Field("national", description="哪一层的官方安排：national（国务院办公厅）或自治区层（如 xinjiang）")


class DayIn(Schema):
    kind: str = Field(description="workday、weekend、holiday 或 makeup")
    name: str = Field("", description="名称，如 诺鲁孜节")
    note: str = Field(description="依据")
    layer: str = Field("local", description="日历层，默认 local（本地）")


def _provisional(*dates: dt.date) -> dict[str, Any]:
    years = calendar().provisional_between(min(dates), max(dates))
    return {"provisional": bool(years), "provisional_note": provisional_note(years[-1]) if years else None}


def _computed(compute: Callable[[], dt.date]) -> dt.date:
    """Run a period computation; bad periods are bad input (422), unknown years propagate (409)."""
    try:
        return compute()
    except UnknownYearError:
        raise
    except (ValueError, OverflowError) as exc:
        raise InvalidInput(str(exc), field="n") from exc


@router.get(
    "/calendar/add-working-days",
    response={200: DateOut, **CALENDAR_ERRORS},
    summary="DATE 之后第 N 个工作日（不含当日）",
)
def add_working_days(request: HttpRequest, q: Query[Period]) -> DateOut:
    due = _computed(lambda: calendar().add_working_days(q.date, q.n))
    return DateOut(date=due, **_provisional(q.date, due))


@router.get(
    "/calendar/working-days-between",
    response={200: CountOut, **CALENDAR_ERRORS},
    summary="(a, b] 之间的工作日数",
)
def working_days_between(request: HttpRequest, a: dt.date, b: dt.date) -> CountOut:
    return CountOut(count=calendar().working_days_between(a, b), **_provisional(a, b))


@router.get(
    "/calendar/add-days",
    response={200: DateOut, **CALENDAR_ERRORS},
    summary="N 日期间的最后一日（民法典第二百零一至二百零三条：末日为休息日的顺延）",
)
def add_days(request: HttpRequest, q: Query[Period]) -> DateOut:
    due = _computed(lambda: calendar().add_days(q.date, q.n))
    return DateOut(date=due, **_provisional(q.date, due))


@router.get(
    "/calendar/add-months",
    response={200: DateOut, **CALENDAR_ERRORS},
    summary="N 个月期间的最后一日（末日为休息日的顺延）",
)
def add_months(request: HttpRequest, q: Query[Period]) -> DateOut:
    due = _computed(lambda: calendar().add_months(q.date, q.n))
    return DateOut(date=due, **_provisional(q.date, due))


def _year_out(y: CalendarYear, layers: list[LayerYear] | None = None) -> YearOut:
    return YearOut(
        year=y.year,
        source=y.source,
        source_label=str(CalendarSource(y.source).label),
        provisional=y.provisional,
        note=y.note,
        updated_at=y.updated_at,
        layers=[
            LayerYearOut(
                layer=ly.layer, name=layer_name(ly.layer), source=ly.source, note=ly.note, updated_at=ly.updated_at
            )
            for ly in layers or []
        ],
    )


def _day_out(d: CalendarDay) -> DayOut:
    return DayOut(date=d.date, kind=d.kind, name=d.name, is_working=d.is_working, source=d.source, layer=d.layer)


def _year_detail(year: int) -> YearDetailOut:
    row = CalendarYear.objects.filter(year=year).first()
    if row is None:
        raise UnknownYearError(year)
    days = list(CalendarDay.objects.filter(date__year=year, kind__in=[DayKind.HOLIDAY, DayKind.MAKEUP]))
    return YearDetailOut(
        **_year_out(row, list(LayerYear.objects.filter(year=year))).model_dump(),
        holidays=[_day_out(d) for d in days if d.kind == DayKind.HOLIDAY],
        makeup_days=[_day_out(d) for d in days if d.kind == DayKind.MAKEUP],
    )


@router.get("/calendar/years", response={200: list[YearOut], **READ_ERRORS}, summary="已录入的年份及来源")
def list_years(request: HttpRequest) -> list[YearOut]:
    return [_year_out(y) for y in CalendarYear.objects.order_by("year")]


@router.get(
    "/calendar/years/{year}",
    response={200: YearDetailOut, **CALENDAR_ERRORS},
    summary="某年的放假日和调休上班日",
)
def get_year(request: HttpRequest, year: int) -> YearDetailOut:
    return _year_detail(year)


@router.put(
    "/calendar/years/{year}",
    response={200: YearDetailOut, **WRITE_ERRORS},
    summary="录入或替换某年的工作日安排（系统管理员）",
)
def set_year(request: HttpRequest, year: int, payload: YearIn) -> YearDetailOut:
    specs: dict[str, list[dt.date]] = {}
    for field, spec in (("holidays", payload.holidays), ("makeup", payload.makeup)):
        try:
            specs[field] = parse_date_spec(spec)
        except ValueError as exc:
            raise InvalidInput(str(exc), field=field) from exc
    actions.set_year(
        current_user(request),
        year,
        {d: "" for d in specs["holidays"]},
        {d: "调休上班" for d in specs["makeup"]},
        payload.note,
        layer=payload.layer,
    )
    return _year_detail(year)


@router.put(
    "/calendar/days/{date}",
    response={200: DayOut, **WRITE_ERRORS},
    summary="设定某一天：地方节假日、调休上班日或恢复为普通日（系统管理员）",
)
def set_day(request: HttpRequest, date: dt.date, payload: DayIn) -> DayOut:
    day = actions.set_day(current_user(request), date, payload.kind, payload.name, payload.note, layer=payload.layer)
    return _day_out(day)
