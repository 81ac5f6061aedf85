"""API for 请示报告 (arts. 16, 46, 55): incident reports and their timeline, the register of matters
reported upward, attendance at 州人大常委会 sessions.

Thin: every write calls the same action the pages call.  Refusals are 403 with their articles, a
step taken from the wrong state 409, bad input 422 (:mod:`zhengwu.apis.errors`).  Times of incident
reports are ISO 8601 with their offset: the limits of art. 55 are clock time, not working days.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from pydantic import Field

from zhengwu.apis.auth import current_user
from zhengwu.apis.schemas import READ_ERRORS, WRITE_ERRORS, ActionOut, ErrorOut, Paging, actions_out, page_of
from zhengwu.core.decisions import InvalidInput
from zhengwu.core.i18n import _
from zhengwu.documents.models import Document
from zhengwu.org.models import Person, Unit
from zhengwu.reporting import actions, selectors
from zhengwu.reporting.models import Incident, NpcAttendance, PublicConcern, UpwardReport

router = Router(tags=["reporting"])


def _unit(code: str, field: str) -> Unit:
    unit = Unit.objects.filter(code=code.strip()).first()
    if unit is None:
        raise InvalidInput(_("没有代码为“{code}”的单位。", code=code), field=field)
    return unit


def _name(unit: Unit) -> str:
    return unit.short_name or unit.name


# ---------------------------------------------------------------- art. 55

CLOCK_TIME = "恒为 false：本时限按自然时间（分钟、小时）计算，不依赖工作日历，不会因日历调整而变动"


class EntryOut(Schema):
    stage: str
    stage_label: str
    reported_at: dt.datetime
    content: str
    late: bool
    document_id: int | None


class IncidentOut(Schema):
    id: int
    kind: str
    severity: str
    title: str
    place: str
    unit: str
    occurred_at: dt.datetime
    known_at: dt.datetime
    phone_due: dt.datetime | None = Field(description="电话初报时限（自然时间）")
    phone_due_provisional: bool = Field(False, description=CLOCK_TIME)
    written_due: dt.datetime | None = Field(description="书面初报时限（自然时间）")
    written_due_provisional: bool = Field(False, description=CLOCK_TIME)
    state: str
    state_label: str
    overdue_limits: list[str]
    timeline: list[EntryOut]
    actions: list[ActionOut]


def _incident(i: Incident, user: AbstractBaseUser | None = None) -> IncidentOut:
    return IncidentOut(
        id=i.pk,
        kind=i.kind,
        severity=i.severity,
        title=i.title,
        place=i.place,
        unit=_name(i.unit),
        occurred_at=i.occurred_at,
        known_at=i.known_at,
        phone_due=i.phone_due,
        phone_due_provisional=False,
        written_due=i.written_due,
        written_due_provisional=False,
        state=i.state,
        state_label=str(i.get_state_display()),
        overdue_limits=list(i.overdue_limits),
        timeline=[
            EntryOut(
                stage=e.stage,
                stage_label=str(e.get_stage_display()),
                reported_at=e.reported_at,
                content=e.content,
                late=e.late,
                document_id=e.document_id,
            )
            for e in i.entries.all()
        ],
        actions=actions_out(selectors.available_actions(user, i)) if user is not None else [],
    )


class IncidentPage(Schema):
    count: int
    items: list[IncidentOut]


class IncidentIn(Schema):
    unit: str = Field(description="报告单位代码")
    kind: str = Field(description="emergency（突发事件）或 accident（安全生产事故）")
    severity: str = Field(description="major（特别重大、重大）、larger（较大）或 general（一般）")
    title: str
    occurred_at: dt.datetime
    known_at: dt.datetime | None = Field(None, description="接报时间；不填同发生时间")
    place: str = ""
    summary: str = ""


class ReportIn(Schema):
    stage: str = Field(description="phone（电话初报）、written（书面初报）、follow_up（续报）或 final（终报）")
    content: str
    reported_at: dt.datetime | None = Field(None, description="报告时间；不填为现在")
    document_id: int | None = None


def _get_incident(request: HttpRequest, pk: int) -> Incident:
    """The record, if the caller may see it: one they may not answers 404, as a missing one."""
    return get_object_or_404(
        selectors.incidents_visible_to(current_user(request)).select_related("unit", "rulebook_version"), pk=pk
    )


@router.get("/reporting/incidents", response={200: IncidentPage, **READ_ERRORS}, summary="突发事件（事故）信息报告")
def list_incidents(request: HttpRequest, paging: Query[Paging]) -> IncidentPage:
    rows = selectors.incidents_visible_to(current_user(request))
    count, items = page_of(rows.select_related("unit").order_by("-known_at", "-id"), paging)
    return IncidentPage(count=count, items=[_incident(i) for i in items])


@router.get("/reporting/incidents/{incident_id}", response={200: IncidentOut, 404: ErrorOut, **READ_ERRORS})
def get_incident(request: HttpRequest, incident_id: int) -> IncidentOut:
    return _incident(_get_incident(request, incident_id), current_user(request))


@router.post(
    "/reporting/incidents",
    response={201: IncidentOut, **WRITE_ERRORS},
    summary="登记突发事件或安全生产事故（初报时限按自然时间计算）",
)
def register_incident(request: HttpRequest, payload: IncidentIn) -> Status[IncidentOut]:
    user = current_user(request)
    i = actions.register_incident(
        user,
        unit=_unit(payload.unit, "unit"),
        kind=payload.kind,
        severity=payload.severity,
        title=payload.title,
        occurred_at=payload.occurred_at,
        known_at=payload.known_at,
        place=payload.place,
        summary=payload.summary,
    )
    return Status(201, _incident(_get_incident(request, i.pk), user))


@router.post(
    "/reporting/incidents/{incident_id}/reports",
    response={201: IncidentOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="登记初报、续报或终报",
)
def record_report(request: HttpRequest, incident_id: int, payload: ReportIn) -> Status[IncidentOut]:
    user = current_user(request)
    document = None
    if payload.document_id is not None:
        document = Document.objects.filter(pk=payload.document_id).first()
        if document is None:
            raise InvalidInput(_("没有编号为{pk}的公文。", pk=payload.document_id), field="document_id")
    actions.record_report(
        user,
        _get_incident(request, incident_id),
        stage=payload.stage,
        content=payload.content,
        reported_at=payload.reported_at,
        document=document,
    )
    return Status(201, _incident(_get_incident(request, incident_id), user))


# ---------------------------------------------------------------- art. 16


class UpwardOut(Schema):
    id: int
    recipient: str
    category: str
    form: str
    title: str
    summary: str
    state: str
    state_label: str
    reported_on: dt.date | None
    reply: str
    replied_on: dt.date | None
    documents: list[int] = Field(description="报送公文的编号")
    actions: list[ActionOut]


def _upward(r: UpwardReport, user: AbstractBaseUser | None = None) -> UpwardOut:
    return UpwardOut(
        id=r.pk,
        recipient=_name(r.recipient),
        category=r.category,
        form=r.form,
        title=r.title,
        summary=r.summary,
        state=r.state,
        state_label=str(r.get_state_display()),
        reported_on=r.reported_on,
        reply=r.reply,
        replied_on=r.replied_on,
        documents=list(r.documents.values_list("pk", flat=True)),
        actions=actions_out(selectors.available_actions(user, r)) if user is not None else [],
    )


class UpwardPage(Schema):
    count: int
    items: list[UpwardOut]


class UpwardIn(Schema):
    recipient: str = Field(description="报送机关代码：xj-gov（自治区人民政府）或 party-committee（州党委）")
    category: str = Field(description="decision（重大决策）、matter（重大事项）或 situation（重要情况）")
    form: str = Field(description="request（请示）或 report（报告）")
    title: str
    summary: str = ""


class LinkIn(Schema):
    document_id: int


class ReplyIn(Schema):
    reply: str
    replied_on: dt.date | None = None


def _get_upward(request: HttpRequest, pk: int) -> UpwardReport:
    """The record, if the caller may see it: one they may not answers 404, as a missing one."""
    return get_object_or_404(
        selectors.upward_visible_to(current_user(request)).select_related("recipient", "rulebook_version"), pk=pk
    )


@router.get("/reporting/upward", response={200: UpwardPage, **READ_ERRORS}, summary="向上请示报告事项登记")
def list_upward(request: HttpRequest, paging: Query[Paging]) -> UpwardPage:
    rows = selectors.upward_visible_to(current_user(request))
    count, items = page_of(rows.select_related("recipient").order_by("-created_at", "-id"), paging)
    return UpwardPage(count=count, items=[_upward(r) for r in items])


@router.get("/reporting/upward/{report_id}", response={200: UpwardOut, 404: ErrorOut, **READ_ERRORS})
def get_upward(request: HttpRequest, report_id: int) -> UpwardOut:
    return _upward(_get_upward(request, report_id), current_user(request))


@router.post("/reporting/upward", response={201: UpwardOut, **WRITE_ERRORS}, summary="登记向上请示报告事项")
def register_upward(request: HttpRequest, payload: UpwardIn) -> Status[UpwardOut]:
    user = current_user(request)
    r = actions.register_upward(
        user,
        recipient=_unit(payload.recipient, "recipient"),
        category=payload.category,
        form=payload.form,
        title=payload.title,
        summary=payload.summary,
    )
    return Status(201, _upward(_get_upward(request, r.pk), user))


@router.post(
    "/reporting/upward/{report_id}/documents",
    response={200: UpwardOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="关联报送公文",
)
def link_document(request: HttpRequest, report_id: int, payload: LinkIn) -> UpwardOut:
    user = current_user(request)
    document = get_object_or_404(Document, pk=payload.document_id)
    actions.link_document(user, _get_upward(request, report_id), document)
    return _upward(_get_upward(request, report_id), user)


@router.post(
    "/reporting/upward/{report_id}/reply",
    response={200: UpwardOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="登记请示的批复",
)
def record_reply(request: HttpRequest, report_id: int, payload: ReplyIn) -> UpwardOut:
    user = current_user(request)
    actions.record_reply(user, _get_upward(request, report_id), payload.reply, payload.replied_on)
    return _upward(_get_upward(request, report_id), user)


# ---------------------------------------------------------------- art. 46


class NpcOut(Schema):
    id: int
    session: str
    session_date: dt.date
    attendee: str
    attendee_position: str
    entrusted: bool
    reason: str
    state: str
    state_label: str
    actions: list[ActionOut]


def _npc(a: NpcAttendance, user: AbstractBaseUser | None = None) -> NpcOut:
    return NpcOut(
        id=a.pk,
        session=a.session,
        session_date=a.session_date,
        attendee=a.attendee.name,
        attendee_position=a.attendee_position,
        entrusted=a.entrusted,
        reason=a.reason,
        state=a.state,
        state_label=str(a.get_state_display()),
        actions=actions_out(selectors.available_actions(user, a)) if user is not None else [],
    )


class NpcPage(Schema):
    count: int
    items: list[NpcOut]


class NpcIn(Schema):
    session: str
    session_date: dt.date
    attendee_id: int = Field(description="参加人员（人员编号）")
    entrusted: bool = Field(False, description="受州长委托（秘书长参加时）")
    reason: str = Field("", description="特殊情况")


def _get_npc(request: HttpRequest, pk: int) -> NpcAttendance:
    """The record, if the caller may see it: one they may not answers 404, as a missing one."""
    return get_object_or_404(
        selectors.npc_visible_to(current_user(request)).select_related("attendee", "rulebook_version"), pk=pk
    )


@router.get("/reporting/npc", response={200: NpcPage, **READ_ERRORS}, summary="州人大常委会会议参加人员")
def list_npc(request: HttpRequest, paging: Query[Paging]) -> NpcPage:
    rows = selectors.npc_visible_to(current_user(request))
    count, items = page_of(rows.select_related("attendee").order_by("-session_date", "-id"), paging)
    return NpcPage(count=count, items=[_npc(a) for a in items])


@router.get("/reporting/npc/{attendance_id}", response={200: NpcOut, 404: ErrorOut, **READ_ERRORS})
def get_npc(request: HttpRequest, attendance_id: int) -> NpcOut:
    return _npc(_get_npc(request, attendance_id), current_user(request))


@router.post("/reporting/npc", response={201: NpcOut, **WRITE_ERRORS}, summary="安排参加州人大常委会会议")
def assign_npc(request: HttpRequest, payload: NpcIn) -> Status[NpcOut]:
    user = current_user(request)
    attendee = Person.objects.filter(pk=payload.attendee_id).first()
    if attendee is None:
        raise InvalidInput(_("所选人员有误。"), field="attendee_id")
    a = actions.assign_npc_attendance(
        user,
        session=payload.session,
        session_date=payload.session_date,
        attendee=attendee,
        entrusted=payload.entrusted,
        reason=payload.reason,
    )
    return Status(201, _npc(_get_npc(request, a.pk), user))


@router.post(
    "/reporting/npc/{attendance_id}/attended",
    response={200: NpcOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="登记已参加会议",
)
def record_npc(request: HttpRequest, attendance_id: int) -> NpcOut:
    user = current_user(request)
    actions.record_npc_attendance(user, _get_npc(request, attendance_id))
    return _npc(_get_npc(request, attendance_id), user)


# ---------------------------------------------------------------- art. 34


class ConcernOut(Schema):
    id: int
    source: str
    title: str
    description: str
    unit: str
    received_on: dt.date
    major: bool
    state: str
    state_label: str
    result: str
    handled_on: dt.date | None
    publication_id: int | None = Field(description="处理结果在公开队列中的条目")
    published: bool = Field(description="处理结果已向社会公布")
    actions: list[ActionOut]


def _concern(c: PublicConcern, user: AbstractBaseUser | None = None) -> ConcernOut:
    return ConcernOut(
        id=c.pk,
        source=c.source,
        title=c.title,
        description=c.description,
        unit=_name(c.unit),
        received_on=c.received_on,
        major=c.major,
        state=c.state,
        state_label=str(c.get_state_display()),
        result=c.result,
        handled_on=c.handled_on,
        publication_id=c.publication_id,
        published=bool(c.publication and c.publication.state == "published"),
        actions=actions_out(selectors.available_actions(user, c)) if user is not None else [],
    )


class ConcernPage(Schema):
    count: int
    items: list[ConcernOut]


class ConcernIn(Schema):
    source: str = Field(description="public（社会公众反映）或 media（新闻舆论监督）")
    title: str
    unit: str = Field(description="调查处理单位代码")
    received_on: dt.date
    description: str = ""
    major: bool = Field(False, description="重大问题：处理结果须向社会公布")


class ResultIn(Schema):
    result: str
    major: bool | None = Field(None, description="改定是否为重大问题；不填不变")


def _get_concern(request: HttpRequest, pk: int) -> PublicConcern:
    """The record, if the caller may see it: one they may not answers 404, as a missing one."""
    return get_object_or_404(
        selectors.concerns_visible_to(current_user(request)).select_related("unit", "publication", "rulebook_version"),
        pk=pk,
    )


@router.get("/reporting/concerns", response={200: ConcernPage, **READ_ERRORS}, summary="社会和舆论监督事项")
def list_concerns(request: HttpRequest, paging: Query[Paging], unpublished: bool = False) -> ConcernPage:
    """``unpublished=true``: the major problems handled whose result has not been published."""
    visible = selectors.concerns_visible_to(current_user(request))
    if unpublished:
        rows = selectors.unpublished_results(visible)
        return ConcernPage(count=len(rows), items=[_concern(c) for c in rows])
    count, items = page_of(visible.select_related("unit", "publication"), paging)
    return ConcernPage(count=count, items=[_concern(c) for c in items])


@router.get("/reporting/concerns/{concern_id}", response={200: ConcernOut, 404: ErrorOut, **READ_ERRORS})
def get_concern(request: HttpRequest, concern_id: int) -> ConcernOut:
    return _concern(_get_concern(request, concern_id), current_user(request))


@router.post("/reporting/concerns", response={201: ConcernOut, **WRITE_ERRORS}, summary="登记社会和舆论监督事项")
def register_concern(request: HttpRequest, payload: ConcernIn) -> Status[ConcernOut]:
    user = current_user(request)
    c = actions.register_concern(
        user,
        source=payload.source,
        title=payload.title,
        unit=_unit(payload.unit, "unit"),
        received_on=payload.received_on,
        description=payload.description,
        major=payload.major,
    )
    return Status(201, _concern(_get_concern(request, c.pk), user))


@router.post(
    "/reporting/concerns/{concern_id}/result",
    response={200: ConcernOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="登记处理结果（重大问题的处理结果列入公开队列）",
)
def record_result(request: HttpRequest, concern_id: int, payload: ResultIn) -> ConcernOut:
    user = current_user(request)
    actions.record_result(user, _get_concern(request, concern_id), payload.result, major=payload.major)
    return _concern(_get_concern(request, concern_id), user)
