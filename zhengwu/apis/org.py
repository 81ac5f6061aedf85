"""The organization: units, their positions and holders, people, and who holds an authority on a
day (arts. 6, 7, 49)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from zhengwu.apis.schemas import (
    READ_ERRORS,
    DecisionOut,
    ErrorOut,
    Paging,
    PersonRef,
    PositionOut,
    decision_out,
    page_of,
    position_out,
)
from zhengwu.core.decisions import InvalidInput
from zhengwu.org.models import Appointment, Person, Portfolio, Position, Unit, UnitKind
from zhengwu.org.rules import AppointmentFact
from zhengwu.org.services import parse_authority, position_fact, who_holds

router = Router(tags=["org"])


class UnitOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    kind_label: str
    parent: str | None = Field(description="上级单位代码")
    is_component: bool = Field(description="政府组成部门")
    doc_prefix: str = Field(description="机关代字")
    org_code: str = Field(description="组织机构代码或统一社会信用代码")


class UnitPage(Schema):
    count: int
    items: list[UnitOut]


class HolderRef(Schema):
    person: PersonRef
    start: dt.date
    end: dt.date | None


class UnitPositionOut(Schema):
    id: int
    kind: str
    title: str
    duties: str
    holders: list[HolderRef] = Field(description="今天的任职人员")


class PortfolioOut(Schema):
    leader_position: str
    leaders: list[PersonRef]
    areas: str


class UnitDetailOut(UnitOut):
    positions: list[UnitPositionOut]
    portfolio: list[PortfolioOut] = Field(description="分管该单位的领导（第七条）")


class AppointmentOut(Schema):
    position: PositionOut
    start: dt.date
    end: dt.date | None
    current: bool


class PersonOut(Schema):
    id: int
    name: str
    positions: list[PositionOut] = Field(description="今天担任的职务")
    appointments: list[AppointmentOut] = Field(description="全部任职记录")


class ActingForOut(Schema):
    person: PersonRef
    position: PositionOut


class HolderOut(Schema):
    date: dt.date
    authority: str
    person: PersonRef
    position: PositionOut
    label: str
    away: bool = Field(description="本人当天离州外出（第五十八条）")
    acting_for: ActingForOut | None = Field(description="受委托代理的人员（第六条）")
    basis: DecisionOut | None = Field(description="依据：说明及条款")


def _unit_out(unit: Unit) -> UnitOut:
    return UnitOut(
        code=unit.code,
        name=unit.name,
        short_name=unit.short_name,
        kind=unit.kind,
        kind_label=str(UnitKind(unit.kind).label),
        parent=unit.parent.code if unit.parent else None,
        is_component=unit.is_component,
        doc_prefix=unit.doc_prefix,
        org_code=unit.org_code,
    )


def _active(day: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}start__lte": day}) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": day})
    )


@router.get("/org/units", response={200: UnitPage, **READ_ERRORS}, summary="单位")
def list_units(request: HttpRequest, paging: Query[Paging], kind: str = "") -> UnitPage:
    units = Unit.objects.select_related("parent").order_by("sort_order", "code")
    if kind:
        units = units.filter(kind=kind)
    count, rows = page_of(units, paging)
    return UnitPage(count=count, items=[_unit_out(u) for u in rows])


@router.get(
    "/org/units/{code}",
    response={200: UnitDetailOut, 404: ErrorOut, **READ_ERRORS},
    summary="单位、职务及今天的任职人员",
)
def get_unit(request: HttpRequest, code: str) -> UnitDetailOut:
    unit = Unit.objects.select_related("parent").filter(code=code).first()
    if unit is None:
        raise HttpError(404, f"没有代码为“{code}”的单位。")
    today = timezone.localdate()
    positions = list(Position.objects.filter(unit=unit))
    portfolios = list(Portfolio.objects.filter(_active(today), units=unit).select_related("leader"))
    holders: dict[int, list[HolderRef]] = defaultdict(list)
    position_ids = {p.pk for p in positions} | {pf.leader_id for pf in portfolios}
    for a in (
        Appointment.objects.filter(_active(today), position_id__in=position_ids)
        .select_related("person")
        .order_by("start", "id")
    ):
        holders[a.position_id].append(
            HolderRef(person=PersonRef(id=a.person.pk, name=a.person.name), start=a.start, end=a.end)
        )
    return UnitDetailOut(
        **_unit_out(unit).model_dump(),
        positions=[
            UnitPositionOut(id=p.pk, kind=p.kind, title=p.title, duties=p.duties, holders=holders[p.pk])
            for p in positions
        ],
        portfolio=[
            PortfolioOut(
                leader_position=pf.leader.title,
                areas=pf.areas,
                leaders=[h.person for h in holders[pf.leader_id]],
            )
            for pf in portfolios
        ],
    )


@router.get(
    "/org/people/{person_id}", response={200: PersonOut, 404: ErrorOut, **READ_ERRORS}, summary="人员及其任职"
)
def get_person(request: HttpRequest, person_id: int) -> PersonOut:
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise HttpError(404, f"没有编号为{person_id}的人员。")
    today = timezone.localdate()
    appointments = [
        AppointmentOut(
            position=position_out(position_fact(a.position)),
            start=a.start,
            end=a.end,
            current=a.active_on(today),
        )
        for a in person.appointments.select_related("position__unit").order_by("start", "id")
    ]
    return PersonOut(
        id=person.pk,
        name=person.name,
        appointments=appointments,
        positions=[a.position for a in appointments if a.current],
    )


def _acting_for(fact: AppointmentFact | None) -> ActingForOut | None:
    if fact is None:
        return None
    return ActingForOut(
        person=PersonRef(id=fact.person_id, name=fact.person_name), position=position_out(fact.position)
    )


@router.get(
    "/org/authority",
    response={200: HolderOut, 404: ErrorOut, **READ_ERRORS},
    summary="某日谁行使某项职权（第六、七、四十九条）",
)
def authority(
    request: HttpRequest,
    authority: str = Query(
        ...,
        description="governor、head:单位代码 或 portfolio:单位代码",
        examples=["governor", "head:fgw", "portfolio:fgw"],
    ),
    date: dt.date | None = Query(None, description="日期，默认今天"),  # noqa: B008
) -> HolderOut:
    day = date or timezone.localdate()
    try:
        parsed = parse_authority(authority)
    except LookupError as exc:
        raise InvalidInput(str(exc), field="authority") from exc
    holder = who_holds(parsed, day)
    if holder is None:
        raise HttpError(404, f"{day.isoformat()}无人担任该职务（{authority}）。")
    return HolderOut(
        date=day,
        authority=authority,
        person=PersonRef(id=holder.person_id, name=holder.person_name),
        position=position_out(holder.position),
        label=holder.label,
        away=holder.away,
        acting_for=_acting_for(holder.acting_for),
        basis=decision_out(holder.basis) if holder.basis else None,
    )
