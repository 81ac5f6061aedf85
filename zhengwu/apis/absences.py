"""Leaving the prefecture (离州外出, art. 58) and the acting arrangement it may carry (art. 6; a unit
head's deputy, art. 49), entrusted with the report or later, and revoked early.

Who may *record* an absence or a return is the rules' (:func:`zhengwu.org.rules.may_record_for`):
the person concerned, or the government office for them.  Who may *read* them is decided here by
:func:`may_see_all_absences`: the office sees every report; everyone else sees the reports about
them, made by them, or made to them.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from zhengwu.apis.auth import current_user
from zhengwu.apis.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    ActionOut,
    AuditRecordOut,
    ErrorOut,
    Paging,
    PersonRef,
    actions_out,
    audit_out,
    page_of,
)
from zhengwu.audit.services import history_for
from zhengwu.core.decisions import InvalidInput
from zhengwu.core.i18n import _
from zhengwu.org import actions
from zhengwu.org.models import Absence, AbsencePurpose, AbsenceState, ActingArrangement, Person, Position
from zhengwu.org.selectors import available_actions
from zhengwu.org.services import (
    absence_visible_to,
    absences_visible_to,
    acting_candidates,
    executive_vice_governor_position,
    person_of,
)

router = Router(tags=["absences"])


class AbsenceIn(Schema):
    person_id: int | None = Field(None, description="外出人员；不填为本人。政府办公室可代为登记")
    start: dt.date = Field(description="离州日期")
    end: dt.date = Field(description="预计返回日期")
    destination: str = Field(description="前往地点")
    purpose: str = Field(description="事由类别：" + "、".join(f"{v}（{label}）" for v, label in AbsencePurpose.choices))
    reason: str = Field("", description="事由")
    entrust: bool = Field(False, description="州长外出时委托常务副州长主持政府工作")


class ActingEntrustIn(Schema):
    acting_position_id: int | None = Field(
        None, description="代理职务：州长外出时为常务副州长（默认）；单位主要负责人外出时为本单位副职"
    )


class ReturnIn(Schema):
    returned_on: dt.date = Field(description="实际返回日期")


class AbsencePositionOut(Schema):
    id: int
    title: str
    unit_name: str


class ActingOut(Schema):
    id: int
    principal: str = Field(description="被代理职务")
    acting: str = Field(description="代理职务")
    start: dt.date
    end: dt.date
    revoked_at: dt.datetime | None = Field(description="开始前撤销：自始不生效")
    ended_early_at: dt.datetime | None = Field(description="开始后撤销：终止日期改为撤销前一日")
    article: int = Field(description="依据条款")


class AbsenceOut(Schema):
    id: int
    person: PersonRef
    position: AbsencePositionOut = Field(description="报告时职务")
    start: dt.date
    end: dt.date
    destination: str
    purpose: str
    purpose_label: str
    reason: str
    state: str = Field(description="reported（已报告）、returned（已销假）、cancelled（已撤销）")
    state_label: str
    reported_to: PersonRef | None
    reported_by: str = Field(description="登记人")
    reported_at: dt.datetime
    returned_on: dt.date | None
    returned_recorded_at: dt.datetime | None
    acting: list[ActingOut] = Field(description="代理安排")


class AbsencePage(Schema):
    count: int
    items: list[AbsenceOut]


class ActingDetailOut(ActingOut):
    actions: list[ActionOut] = Field(description="调用者对该代理安排可办理的操作：revoke")


class AbsenceDetailOut(AbsenceOut):
    acting: list[ActingDetailOut] = Field(description="代理安排，及调用者可否撤销")  # type: ignore[assignment]
    history: list[AuditRecordOut] = Field(description="审计记录：报告、委托、销假、提醒")
    actions: list[ActionOut] = Field(description="调用者对这份外出报告可办理的操作：entrust、return")


def _queryset() -> QuerySet[Absence]:
    return Absence.objects.select_related(
        "person", "position__unit", "reported_to", "reported_by__person"
    ).prefetch_related("acting__acting", "acting__principal")


def _out(a: Absence) -> AbsenceOut:
    reporter = getattr(a.reported_by, "person", None)
    return AbsenceOut(
        id=a.pk,
        person=PersonRef(id=a.person.pk, name=a.person.name),
        position=AbsencePositionOut(id=a.position.pk, title=a.position.title, unit_name=a.position.unit.name),
        start=a.start,
        end=a.end,
        destination=a.destination,
        purpose=a.purpose,
        purpose_label=str(AbsencePurpose(a.purpose).label) if a.purpose in AbsencePurpose.values else a.purpose,
        reason=a.reason,
        state=a.state,
        state_label=str(AbsenceState(a.state).label),
        reported_to=PersonRef(id=a.reported_to.pk, name=a.reported_to.name) if a.reported_to else None,
        reported_by=reporter.name if reporter is not None else a.reported_by.get_username(),
        reported_at=a.reported_at,
        returned_on=a.returned_on,
        returned_recorded_at=a.returned_recorded_at,
        acting=[
            ActingOut(
                id=x.pk,
                principal=x.principal.title,
                acting=x.acting.title,
                start=x.start,
                end=x.end,
                revoked_at=x.revoked_at,
                ended_early_at=x.ended_early_at,
                article=x.article,
            )
            for x in a.acting.all()
        ],
    )


def _detail(a: Absence, user: User) -> AbsenceDetailOut:
    records = list(history_for(a))
    for arrangement in a.acting.all():
        records += list(history_for(arrangement))
    records.sort(key=lambda r: r.seq)
    base = _out(a).model_dump()
    acting = [
        ActingDetailOut(**row, actions=actions_out(available_actions(user, x)))
        for row, x in zip(base.pop("acting"), a.acting.all(), strict=True)
    ]
    return AbsenceDetailOut(
        **base,
        acting=acting,
        history=[audit_out(r) for r in records],
        actions=actions_out(available_actions(user, a)),
    )


def _get_visible(user: User, absence_id: int) -> Absence:
    absence = _queryset().filter(pk=absence_id).first()
    if absence is None or not absence_visible_to(user, absence):
        raise HttpError(404, f"没有编号为{absence_id}的外出报告，或您无权查看。")
    return absence


@router.get(
    "/absences",
    response={200: AbsencePage, **READ_ERRORS},
    summary="离州外出报告（本人的；政府办公室：全部）",
)
def list_absences(
    request: HttpRequest,
    paging: Query[Paging],
    state: str = Query("", description="reported、returned 或 cancelled"),
    person_id: int | None = Query(None),
) -> AbsencePage:
    user = current_user(request)
    absences = absences_visible_to(user, _queryset()).order_by("-start", "-id")
    if state:
        absences = absences.filter(state=state)
    if person_id is not None:
        absences = absences.filter(person_id=person_id)
    count, rows = page_of(absences, paging)
    return AbsencePage(count=count, items=[_out(a) for a in rows])


@router.post(
    "/absences",
    response={201: AbsenceDetailOut, **WRITE_ERRORS},
    summary="报告离州外出；州长可委托常务副州长主持工作",
)
def report_absence(request: HttpRequest, payload: AbsenceIn) -> Status[AbsenceDetailOut]:
    user = current_user(request)
    if payload.person_id is None:
        person = person_of(user)
        if person is None:
            raise InvalidInput(_("您的账号没有对应的人员信息，请填写外出人员或联系系统管理员。"), field="person_id")
    else:
        found = Person.objects.filter(pk=payload.person_id).first()
        if found is None:
            raise InvalidInput(_("没有编号为{person_id}的人员。", person_id=payload.person_id), field="person_id")
        person = found
    entrust_to = executive_vice_governor_position() if payload.entrust else None
    absence = actions.report_absence(
        user,
        person,
        payload.start,
        payload.end,
        payload.destination,
        payload.purpose,
        payload.reason,
        entrust_to,
    )
    return Status(201, _detail(_queryset().get(pk=absence.pk), user))


@router.get(
    "/absences/{absence_id}",
    response={200: AbsenceDetailOut, 404: ErrorOut, **READ_ERRORS},
    summary="外出报告及其审计记录",
)
def get_absence(request: HttpRequest, absence_id: int) -> AbsenceDetailOut:
    user = current_user(request)
    return _detail(_get_visible(user, absence_id), user)


@router.post(
    "/absences/{absence_id}/return",
    response={200: AbsenceDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="销假",
)
def report_return(request: HttpRequest, absence_id: int, payload: ReturnIn) -> AbsenceDetailOut:
    user = current_user(request)
    absence = _get_visible(user, absence_id)
    actions.report_return(user, absence, payload.returned_on)
    return _detail(_queryset().get(pk=absence_id), user)


@router.post(
    "/absences/{absence_id}/acting",
    response={201: AbsenceDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="外出期间委托他人主持工作（单位主要负责人指定副职），自今日或离州之日起",
)
def entrust(request: HttpRequest, absence_id: int, payload: ActingEntrustIn) -> Status[AbsenceDetailOut]:
    user = current_user(request)
    absence = _get_visible(user, absence_id)
    if payload.acting_position_id is None:
        candidates = acting_candidates(absence.position)
        if not candidates:
            raise InvalidInput(
                _("{title}没有可以代理的职务，请指定代理职务。", title=absence.position.title),
                field="acting_position_id",
            )
        acting = candidates[0]
    else:
        found = Position.objects.select_related("unit").filter(pk=payload.acting_position_id).first()
        if found is None:
            raise InvalidInput(
                _("没有编号为{acting_position_id}的职务。", acting_position_id=payload.acting_position_id),
                field="acting_position_id",
            )
        acting = found
    actions.entrust(user, absence, acting)
    return Status(201, _detail(_queryset().get(pk=absence_id), user))


@router.post(
    "/absences/{absence_id}/acting/{arrangement_id}/revoke",
    response={200: AbsenceDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="提前撤销代理安排：尚未开始的自始不生效，已开始的至昨日止",
)
def revoke_acting(request: HttpRequest, absence_id: int, arrangement_id: int) -> AbsenceDetailOut:
    user = current_user(request)
    absence = _get_visible(user, absence_id)
    arrangement = ActingArrangement.objects.filter(pk=arrangement_id, absence=absence).first()
    if arrangement is None:
        raise HttpError(404, f"这份外出报告没有编号为{arrangement_id}的代理安排。")
    actions.revoke_acting(user, arrangement)
    return _detail(_queryset().get(pk=absence_id), user)
