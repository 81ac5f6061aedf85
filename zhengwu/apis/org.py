"""The organization: units, their positions and holders, people, 分管, and who holds an authority
on a day (arts. 6, 7, 49); and the administrator's writes (arts. 4, 7, 8), each one action of
:mod:`zhengwu.org.admin_actions` (a refusal is 403 with its article, bad input 422 naming the field)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from zhengwu.apis.auth import current_user
from zhengwu.apis.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    AuditRecordOut,
    DecisionOut,
    ErrorOut,
    Paging,
    PersonRef,
    PositionOut,
    audit_out,
    decision_out,
    page_of,
    position_out,
)
from zhengwu.audit.services import history_for
from zhengwu.core.decisions import InvalidInput
from zhengwu.core.i18n import _
from zhengwu.identity import actions as identity_actions
from zhengwu.org import admin_actions
from zhengwu.org.models import UNIT_FUNCTIONS, Appointment, Person, Portfolio, Position, PositionKind, Unit, UnitKind
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
    functions: list[str] = Field(description="承担职能：" + "、".join(UNIT_FUNCTIONS))


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
    portfolio: list[PortfolioOut] = Field(description="分管该单位的领导")
    history: list[AuditRecordOut] = Field(description="审计记录：新设、修改")


class AppointmentOut(Schema):
    id: int
    position: PositionOut
    start: dt.date
    end: dt.date | None
    current: bool


class PersonOut(Schema):
    id: int
    name: str
    positions: list[PositionOut] = Field(description="今天担任的职务")
    appointments: list[AppointmentOut] = Field(description="全部任职记录")
    account_active: bool = Field(description="登录账号是否启用")
    history: list[AuditRecordOut] = Field(description="审计记录：人员、账号和任职的变更")


class ActingForOut(Schema):
    person: PersonRef
    position: PositionOut


class HolderOut(Schema):
    date: dt.date
    authority: str
    person: PersonRef
    position: PositionOut
    label: str
    away: bool = Field(description="本人当天离州外出")
    acting_for: ActingForOut | None = Field(description="受委托代理的人员")
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
        functions=list(unit.functions or []),
    )


def _active(day: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}start__lte": day}) & (Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": day}))


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
    return _unit_detail(_unit(code))


def _unit(code: str) -> Unit:
    unit = Unit.objects.select_related("parent").filter(code=code).first()
    if unit is None:
        raise HttpError(404, f"没有代码为“{code}”的单位。")
    return unit


def _unit_detail(unit: Unit) -> UnitDetailOut:
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
        history=_history(unit),
    )


@router.get("/org/people/{person_id}", response={200: PersonOut, 404: ErrorOut, **READ_ERRORS}, summary="人员及其任职")
def get_person(request: HttpRequest, person_id: int) -> PersonOut:
    return _person_out(_person(person_id))


def _person(person_id: int) -> Person:
    person = Person.objects.select_related("user").filter(pk=person_id).first()
    if person is None:
        raise HttpError(404, f"没有编号为{person_id}的人员。")
    return person


def _person_out(person: Person) -> PersonOut:
    today = timezone.localdate()
    rows = list(person.appointments.select_related("position__unit").order_by("start", "id"))
    appointments = [
        AppointmentOut(
            id=a.pk,
            position=position_out(position_fact(a.position)),
            start=a.start,
            end=a.end,
            current=a.active_on(today),
        )
        for a in rows
    ]
    return PersonOut(
        id=person.pk,
        name=person.name,
        appointments=appointments,
        positions=[a.position for a in appointments if a.current],
        account_active=person.user.is_active,
        history=_history(person, *rows),
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


# ---------------------------------------------------------------- administration (arts. 4, 7, 8)


def _history(*objects: models.Model) -> list[AuditRecordOut]:
    records = sorted((r for obj in objects for r in history_for(obj)), key=lambda r: r.seq)
    return [audit_out(r) for r in records]


def _parent(code: str | None) -> Unit | None:
    if not code:
        return None
    parent = Unit.objects.filter(code=code).first()
    if parent is None:
        raise InvalidInput(_("没有代码为“{code}”的上级单位。", code=code), field="parent")
    return parent


class OrgUnitIn(Schema):
    code: str = Field(description="单位代码：小写字母、数字、连字符，设立后不能修改")
    name: str
    kind: str = Field(description="、".join(f"{v}（{label}）" for v, label in UnitKind.choices))
    short_name: str = ""
    parent: str | None = Field(None, description="上级单位代码")
    is_component: bool = Field(False, description="政府组成部门")
    doc_prefix: str = Field("", description="机关代字")
    org_code: str = Field("", description="9位组织机构代码（GB 11714）或18位统一社会信用代码（GB 32100），含校验码")
    functions: list[str] = Field(default_factory=list, description="承担职能：" + "、".join(UNIT_FUNCTIONS))
    sort_order: int | None = None


class OrgUnitPatch(Schema):
    """Only the fields sent change; ``parent: null`` removes the parent."""

    name: str | None = None
    kind: str | None = None
    short_name: str | None = None
    parent: str | None = None
    is_component: bool | None = None
    doc_prefix: str | None = None
    org_code: str | None = None
    functions: list[str] | None = None
    sort_order: int | None = None


@router.post("/org/units", response={201: UnitDetailOut, **WRITE_ERRORS}, summary="新设单位（系统管理员）")
def create_unit(request: HttpRequest, payload: OrgUnitIn) -> Status[UnitDetailOut]:
    fields = admin_actions.UnitFields(
        name=payload.name,
        kind=payload.kind,
        short_name=payload.short_name,
        parent=_parent(payload.parent),
        is_component=payload.is_component,
        doc_prefix=payload.doc_prefix,
        org_code=payload.org_code,
        functions=payload.functions,
        sort_order=payload.sort_order,
    )
    unit = admin_actions.create_unit(current_user(request), payload.code, fields)
    return Status(201, _unit_detail(_unit(unit.code)))


@router.patch(
    "/org/units/{code}",
    response={200: UnitDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="修改单位：名称、简称、类别、上级、机关代字、组织机构代码、职能（系统管理员）",
)
def edit_unit(request: HttpRequest, code: str, payload: OrgUnitPatch) -> UnitDetailOut:
    user = current_user(request)
    unit = _unit(code)
    sent = payload.model_fields_set
    fields = admin_actions.UnitFields(
        name=payload.name if payload.name is not None else unit.name,
        kind=payload.kind if payload.kind is not None else unit.kind,
        short_name=payload.short_name if payload.short_name is not None else unit.short_name,
        parent=_parent(payload.parent) if "parent" in sent else unit.parent,
        is_component=payload.is_component if payload.is_component is not None else unit.is_component,
        doc_prefix=payload.doc_prefix if payload.doc_prefix is not None else unit.doc_prefix,
        org_code=payload.org_code if payload.org_code is not None else unit.org_code,
        functions=payload.functions if payload.functions is not None else list(unit.functions or []),
        sort_order=payload.sort_order,
    )
    admin_actions.edit_unit(user, unit, fields)
    return _unit_detail(_unit(code))


class OrgPositionIn(Schema):
    kind: str = Field(description="、".join(f"{v}（{label}）" for v, label in PositionKind.choices))
    title: str = Field(description="职务名称，如：局长、副主任")
    duties: str = Field("", description="岗位职责，如：文电、会务")
    sort_order: int | None = None


class OrgPositionPatch(Schema):
    kind: str | None = None
    title: str | None = None
    duties: str | None = None
    sort_order: int | None = None


class OrgAppointmentRowOut(Schema):
    id: int
    person: PersonRef
    position: PositionOut
    start: dt.date
    end: dt.date | None
    current: bool


class OrgPositionDetailOut(Schema):
    id: int
    unit: str = Field(description="单位代码")
    kind: str
    title: str
    duties: str
    appointments: list[OrgAppointmentRowOut] = Field(description="全部任职记录")
    history: list[AuditRecordOut] = Field(description="审计记录：职务和任职的变更")


def _appointment_row(a: Appointment) -> OrgAppointmentRowOut:
    return OrgAppointmentRowOut(
        id=a.pk,
        person=PersonRef(id=a.person.pk, name=a.person.name),
        position=position_out(position_fact(a.position)),
        start=a.start,
        end=a.end,
        current=a.active_on(timezone.localdate()),
    )


def _position(position_id: int) -> Position:
    position = Position.objects.select_related("unit").filter(pk=position_id).first()
    if position is None:
        raise HttpError(404, f"没有编号为{position_id}的职务。")
    return position


def _position_detail(position: Position) -> OrgPositionDetailOut:
    rows = list(position.appointments.select_related("person", "position__unit").order_by("start", "id"))
    return OrgPositionDetailOut(
        id=position.pk,
        unit=position.unit.code,
        kind=position.kind,
        title=position.title,
        duties=position.duties,
        appointments=[_appointment_row(a) for a in rows],
        history=_history(position, *rows),
    )


@router.post(
    "/org/units/{code}/positions",
    response={201: OrgPositionDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="在单位中新设职务（系统管理员，第四、八条）",
)
def create_position(request: HttpRequest, code: str, payload: OrgPositionIn) -> Status[OrgPositionDetailOut]:
    user = current_user(request)
    position = admin_actions.create_position(
        user, _unit(code), payload.kind, payload.title, payload.duties, payload.sort_order
    )
    return Status(201, _position_detail(_position(position.pk)))


@router.get(
    "/org/positions/{position_id}",
    response={200: OrgPositionDetailOut, 404: ErrorOut, **READ_ERRORS},
    summary="职务、任职记录及其审计记录",
)
def get_position(request: HttpRequest, position_id: int) -> OrgPositionDetailOut:
    return _position_detail(_position(position_id))


@router.patch(
    "/org/positions/{position_id}",
    response={200: OrgPositionDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="修改职务（系统管理员）",
)
def edit_position(request: HttpRequest, position_id: int, payload: OrgPositionPatch) -> OrgPositionDetailOut:
    user = current_user(request)
    position = _position(position_id)
    admin_actions.edit_position(
        user,
        position,
        payload.kind if payload.kind is not None else position.kind,
        payload.title if payload.title is not None else position.title,
        payload.duties if payload.duties is not None else position.duties,
        payload.sort_order,
    )
    return _position_detail(_position(position_id))


class OrgPersonIn(Schema):
    name: str = Field(description="姓名")
    username: str = Field(description="登录账号")
    password: str | None = Field(None, description="初始密码；不填则自动生成。密码只在本次响应中返回一次")


class OrgPasswordIn(Schema):
    password: str | None = Field(None, description="临时密码；不填则自动生成（只返回一次）。给出的密码不在响应中回显")


class OrgAccountOut(Schema):
    person: PersonRef
    username: str
    password: str = Field(description="密码，仅此一次返回，系统不保存明文")
    generated: bool = Field(description="是否自动生成")


class OrgPersonPatch(Schema):
    name: str


def _account_out(result: admin_actions.NewPassword) -> OrgAccountOut:
    person = result.person
    return OrgAccountOut(
        person=PersonRef(id=person.pk, name=person.name),
        username=person.user.get_username(),
        password=result.password,
        generated=result.generated,
    )


@router.post(
    "/org/people",
    response={201: OrgAccountOut, **WRITE_ERRORS},
    summary="新增人员及登录账号（系统管理员）；密码只返回一次",
)
def create_person(request: HttpRequest, payload: OrgPersonIn) -> Status[OrgAccountOut]:
    result = admin_actions.create_person(current_user(request), payload.name, payload.username, payload.password)
    return Status(201, _account_out(result))


@router.patch(
    "/org/people/{person_id}",
    response={200: PersonOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="修改人员姓名（系统管理员）",
)
def edit_person(request: HttpRequest, person_id: int, payload: OrgPersonPatch) -> PersonOut:
    user = current_user(request)
    admin_actions.edit_person(user, _person(person_id), payload.name)
    return _person_out(_person(person_id))


class OrgPasswordResetOut(Schema):
    person: PersonRef
    username: str
    temporary_password: str | None = Field(
        None,
        description="自动生成的一次性临时密码，仅此一次返回；请求中给出了密码时为空（不回显）",
    )
    must_change_password: bool = Field(description="本人下次登录须修改密码")
    tokens_revoked: int = Field(description="撤销的访问令牌数")


@router.post(
    "/org/people/{person_id}/password",
    response={200: OrgPasswordResetOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="重置登录密码（安全管理员）：本人下次登录须修改；给出的密码不回显，自动生成的临时密码只返回一次",
)
def reset_password(request: HttpRequest, person_id: int, payload: OrgPasswordIn) -> OrgPasswordResetOut:
    user = current_user(request)
    reset = identity_actions.reset_password(user, _person(person_id), payload.password)
    person = reset.person
    return OrgPasswordResetOut(
        person=PersonRef(id=person.pk, name=person.name),
        username=person.user.get_username(),
        temporary_password=reset.temporary_password,
        must_change_password=True,
        tokens_revoked=reset.tokens_revoked,
    )


@router.post(
    "/org/people/{person_id}/second-factor/reset",
    response={200: PersonOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="重置动态口令（安全管理员；手机丢失时）：下次登录重新绑定，恢复码作废",
)
def reset_second_factor(request: HttpRequest, person_id: int) -> PersonOut:
    identity_actions.reset_second_factor(current_user(request), _person(person_id))
    return _person_out(_person(person_id))


class TokensRevokedOut(Schema):
    person: PersonRef
    tokens_revoked: int = Field(description="撤销的访问令牌数")


@router.post(
    "/org/people/{person_id}/tokens/revoke",
    response={200: TokensRevokedOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="撤销某人的全部访问令牌（安全管理员）",
)
def revoke_tokens(request: HttpRequest, person_id: int) -> TokensRevokedOut:
    person = _person(person_id)
    revoked = identity_actions.revoke_tokens(current_user(request), person)
    return TokensRevokedOut(person=PersonRef(id=person.pk, name=person.name), tokens_revoked=revoked)


@router.post(
    "/org/people/{person_id}/deactivate",
    response={200: PersonOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="停用登录账号（系统管理员）：不能登录，访问令牌失效，任职记录保留",
)
def deactivate_account(request: HttpRequest, person_id: int) -> PersonOut:
    user = current_user(request)
    admin_actions.deactivate_account(user, _person(person_id))
    return _person_out(_person(person_id))


@router.post(
    "/org/people/{person_id}/activate",
    response={200: PersonOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="重新启用登录账号（系统管理员）",
)
def activate_account(request: HttpRequest, person_id: int) -> PersonOut:
    user = current_user(request)
    admin_actions.activate_account(user, _person(person_id))
    return _person_out(_person(person_id))


class OrgAppointIn(Schema):
    person_id: int
    position_id: int
    start: dt.date = Field(description="任职日期")


class OrgEndIn(Schema):
    end: dt.date = Field(description="最后一天（含当日）")


def _found(model: type[models.Model], pk: int, label: str, field: str) -> Any:
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        raise InvalidInput(_("没有编号为{pk}的{label}。", pk=pk, label=label), field=field)
    return obj


@router.post(
    "/org/appointments",
    response={201: OrgAppointmentRowOut, **WRITE_ERRORS},
    summary="任命（系统管理员；管理员职务由安全管理员任命，且一人不得兼任两种管理员）；州长等单一职务同一时间只能一人担任",
)
def appoint(request: HttpRequest, payload: OrgAppointIn) -> Status[OrgAppointmentRowOut]:
    user = current_user(request)
    person = _found(Person, payload.person_id, "人员", "person_id")
    position = _found(Position, payload.position_id, "职务", "position_id")
    appointment = admin_actions.appoint(user, person, position, payload.start)
    return Status(
        201, _appointment_row(Appointment.objects.select_related("person", "position__unit").get(pk=appointment.pk))
    )


@router.post(
    "/org/appointments/{appointment_id}/end",
    response={200: OrgAppointmentRowOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="结束任职（系统管理员）",
)
def end_appointment(request: HttpRequest, appointment_id: int, payload: OrgEndIn) -> OrgAppointmentRowOut:
    user = current_user(request)
    appointment = Appointment.objects.filter(pk=appointment_id).first()
    if appointment is None:
        raise HttpError(404, f"没有编号为{appointment_id}的任职记录。")
    admin_actions.end_appointment(user, appointment, payload.end)
    return _appointment_row(Appointment.objects.select_related("person", "position__unit").get(pk=appointment_id))


class OrgPortfolioIn(Schema):
    leader_position_id: int = Field(description="分管领导的职务")
    areas: str = Field(description="分管领域")
    units: list[str] = Field(description="分管单位的代码")
    start: dt.date = Field(description="起始日期；该领导原有的分管自前一日终止")


class OrgPortfolioDetailOut(Schema):
    id: int
    leader_position: PositionOut
    leaders: list[PersonRef] = Field(description="今天担任该职务的人员")
    areas: str
    units: list[str] = Field(description="分管单位代码")
    start: dt.date
    end: dt.date | None
    current: bool
    history: list[AuditRecordOut]


class OrgPortfolioPage(Schema):
    count: int
    items: list[OrgPortfolioDetailOut]


def _portfolio_detail(p: Portfolio, with_history: bool = True) -> OrgPortfolioDetailOut:
    today = timezone.localdate()
    leaders = [
        PersonRef(id=a.person.pk, name=a.person.name)
        for a in p.leader.appointments.filter(_active(today)).select_related("person")
    ]
    return OrgPortfolioDetailOut(
        id=p.pk,
        leader_position=position_out(position_fact(p.leader)),
        leaders=leaders,
        areas=p.areas,
        units=[u.code for u in p.units.all()],
        start=p.start,
        end=p.end,
        current=p.start <= today and (p.end is None or p.end >= today),
        history=_history(p) if with_history else [],
    )


def _portfolio(portfolio_id: int) -> Portfolio:
    portfolio = Portfolio.objects.select_related("leader__unit").filter(pk=portfolio_id).first()
    if portfolio is None:
        raise HttpError(404, f"没有编号为{portfolio_id}的分管。")
    return portfolio


@router.get("/org/portfolios", response={200: OrgPortfolioPage, **READ_ERRORS}, summary="分管")
def list_portfolios(request: HttpRequest, paging: Query[Paging], current: bool = False) -> OrgPortfolioPage:
    portfolios = (
        Portfolio.objects.select_related("leader__unit")
        .prefetch_related("units")
        .order_by("leader__sort_order", "start", "id")
    )
    if current:
        portfolios = portfolios.filter(_active(timezone.localdate()))
    count, rows = page_of(portfolios, paging)
    return OrgPortfolioPage(count=count, items=[_portfolio_detail(p, with_history=False) for p in rows])


@router.get(
    "/org/portfolios/{portfolio_id}",
    response={200: OrgPortfolioDetailOut, 404: ErrorOut, **READ_ERRORS},
    summary="分管及其审计记录",
)
def get_portfolio(request: HttpRequest, portfolio_id: int) -> OrgPortfolioDetailOut:
    return _portfolio_detail(_portfolio(portfolio_id))


@router.post("/org/portfolios", response={201: OrgPortfolioDetailOut, **WRITE_ERRORS}, summary="设置分管（系统管理员）")
def set_portfolio(request: HttpRequest, payload: OrgPortfolioIn) -> Status[OrgPortfolioDetailOut]:
    user = current_user(request)
    leader = _found(Position, payload.leader_position_id, "职务", "leader_position_id")
    units = []
    for code in payload.units:
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            raise InvalidInput(_("没有代码为“{code}”的单位。", code=code), field="units")
        units.append(unit)
    portfolio = admin_actions.set_portfolio(user, leader, payload.areas, units, payload.start)
    return Status(201, _portfolio_detail(_portfolio(portfolio.pk)))


@router.post(
    "/org/portfolios/{portfolio_id}/end",
    response={200: OrgPortfolioDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="终止分管（系统管理员）",
)
def end_portfolio(request: HttpRequest, portfolio_id: int, payload: OrgEndIn) -> OrgPortfolioDetailOut:
    user = current_user(request)
    admin_actions.end_portfolio(user, _portfolio(portfolio_id), payload.end)
    return _portfolio_detail(_portfolio(portfolio_id))
