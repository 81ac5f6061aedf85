"""API for 督查督办 and the compliance view (issue 5; arts. 26, 36, 54, 63).

Thin: every write calls the one action in :mod:`zhengwu.supervision.actions` the pages call.
Refusals are 403 with their articles, bad input 422, a year with no calendar 409.  An item the
caller may not see (not the office, a leader, or one of its units) is a 404.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from zhengwu.apis.auth import current_user
from zhengwu.apis.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    ActionOut,
    ErrorOut,
    ProvisionalDues,
    actions_out,
    provisional_flag,
)
from zhengwu.core import compliance
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.core.i18n import _
from zhengwu.documents.models import Document
from zhengwu.org.models import Unit
from zhengwu.rulebook.services import rulebook_view
from zhengwu.supervision import actions, rules, selectors
from zhengwu.supervision import services as facts
from zhengwu.supervision.models import ProgressReport, Rectification, SupervisionItem

router = Router(tags=["supervision"])


class ItemIn(Schema):
    title: str
    lead_unit: str = Field(description="牵头单位代码，如 fgw")
    co_units: list[str] = Field(default_factory=list, description="协办单位代码")
    due: dt.date
    origin: str = Field(
        "manual", description="meeting_decision, instruction, superior, manual, petition, finding, suggestion"
    )
    description: str = ""
    report_every: str = Field("", description="空（不定期）、weekly 或 monthly")
    source_document: int | None = Field(None, description="来源公文（如领导批示的来文）")
    link_to: int | None = Field(None, description="关联到已督办的事项（不重复督查）")
    new_despite: str = Field("", description="存在相似在办事项时另行立项的理由")


class SourceOut(Schema):
    origin: str
    label: str
    url: str
    linked: bool


class ReportOut(ProvisionalDues):
    id: int
    unit: str
    period: int
    due: dt.date
    due_provisional: bool = provisional_flag()
    submitted_at: dt.datetime | None
    late: bool
    text: str
    escalation: int
    actions: list[ActionOut] = Field(
        default_factory=list,
        description="本期报告的办理操作（submit_progress），调用者现在可否办理，不能办理的说明理由及其依据",
    )


class RectificationOut(ProvisionalDues):
    id: int
    requirement: str
    due: dt.date
    due_provisional: bool = provisional_flag()
    done_at: dt.datetime | None
    late: bool
    actions: list[ActionOut] = Field(
        default_factory=list,
        description="本项整改的办理操作（complete_rectification），调用者现在可否办理，不能办理的说明理由及其依据",
    )


class EventOut(Schema):
    kind: str
    label: str
    actor_name: str
    reason: str
    citation: str
    at: dt.datetime


class ItemOut(ProvisionalDues):
    id: int
    title: str
    origin: str
    lead_unit: str
    co_units: list[str]
    due: dt.date
    due_provisional: bool = provisional_flag()
    report_every: str
    state: str
    status: str
    reopen_count: int
    escalation: int
    sources: list[SourceOut]
    reports: list[ReportOut]
    rectifications: list[RectificationOut]
    events: list[EventOut]
    actions: list[ActionOut] = Field(
        default_factory=list,
        description="督办事项的每项办理操作，调用者现在可否办理，不能办理的说明理由及其依据（列表中不附）",
    )


class CandidateOut(Schema):
    item_id: int
    title: str
    same_source: bool
    score: float
    why: str


class TextIn(Schema):
    text: str = ""


class ReasonIn(Schema):
    reason: str = ""


class RectifyIn(Schema):
    requirement: str
    due: dt.date


class EvaluationIn(Schema):
    evaluator: str
    rating: str = Field(description="good, fair, poor, fail")
    findings: str


class CircularIn(Schema):
    as_of: dt.date | None = None
    since: dt.date | None = None


class CircularOut(Schema):
    id: int
    document_id: int
    as_of: dt.date
    rows: list[dict[str, object]]


class LineOut(ProvisionalDues):
    area: str
    title: str
    owner: str
    due: dt.date
    due_provisional: bool = provisional_flag()
    status: str
    status_label: str
    detail: str
    url: str
    citation: str


class TableRowOut(Schema):
    name: str
    lead: int
    done_on_time: int
    done_late: int
    overdue: int
    in_progress: int
    on_time_rate: float | None
    reports_on_time: int
    reports_late: int
    reports_missing: int


class DashboardOut(Schema):
    as_of: dt.date
    by_unit: list[TableRowOut]
    by_leader: list[TableRowOut]


def _unit(code: str, field: str) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise InvalidInput(_("没有代码为“{code}”的单位。", code=code), field=field)
    return unit


def _item(user: AbstractBaseUser, item_id: int) -> SupervisionItem:
    item = selectors.items_visible_to(user).filter(pk=item_id).first()
    if item is None:
        raise HttpError(404, "没有这个督办事项，或您无权查看。")
    return item


def _out(item_id: int, user: AbstractBaseUser | None = None) -> ItemOut:
    """An item; with ``user``, what that user may do on it now."""
    item = SupervisionItem.objects.select_related("lead_unit", "rulebook_version").get(pk=item_id)
    today = timezone.localdate()
    reports = list(item.reports.select_related("unit"))
    rectifications = list(item.rectifications.all())
    for r in reports:
        r.item = item
    for x in rectifications:
        x.item = item
    return ItemOut(
        id=item.pk,
        title=item.title,
        origin=item.origin,
        lead_unit=item.lead_unit.code,
        co_units=list(item.co_units.order_by("sort_order").values_list("code", flat=True)),
        due=item.due,
        report_every=item.report_every,
        state=item.state,
        status=facts.status_of(item, today),
        reopen_count=item.reopen_count,
        escalation=item.escalation,
        sources=[SourceOut(origin=s.origin, label=s.label, url=s.url, linked=s.linked) for s in item.sources.all()],
        reports=[
            ReportOut(
                id=r.pk,
                unit=r.unit.code,
                period=r.period,
                due=r.due,
                submitted_at=r.submitted_at,
                late=r.late,
                text=r.text,
                escalation=r.escalation,
                actions=actions_out(selectors.report_actions(user, r)) if user else [],
            )
            for r in reports
        ],
        rectifications=[
            RectificationOut(
                id=x.pk,
                requirement=x.requirement,
                due=x.due,
                done_at=x.done_at,
                late=x.late,
                actions=actions_out(selectors.rectification_actions(user, x)) if user else [],
            )
            for x in rectifications
        ],
        events=[
            EventOut(kind=e.kind, label=e.label, actor_name=e.actor_name, reason=e.reason, citation=e.citation, at=e.at)
            for e in item.events.all()
        ],
        actions=actions_out(selectors.available_actions(user, item)) if user else [],
    )


def _may_see_tables(user: AbstractBaseUser) -> None:
    today = timezone.localdate()
    decision = rules.may_see_compliance(facts.actor_fact(user, today), rulebook_view(today))
    if not decision.allowed:
        raise Refused([decision])


@router.get(
    "/supervision/items",
    response={200: list[ItemOut], **READ_ERRORS},
    summary="督办事项（政府办公室、政府领导可见全部；各单位可见本单位牵头或协办的）",
)
def list_items(request: HttpRequest, state: str = "") -> list[ItemOut]:
    qs = selectors.items_visible_to(current_user(request)).order_by("due", "id")
    if state:
        qs = qs.filter(state=state)
    return [_out(pk) for pk in qs.values_list("pk", flat=True)[:200]]


@router.get(
    "/supervision/items/{item_id}",
    response={200: ItemOut, 404: ErrorOut, **READ_ERRORS},
    summary="一个督办事项：来源、限期报告、督促整改、办理记录",
)
def get_item(request: HttpRequest, item_id: int) -> ItemOut:
    user = current_user(request)
    return _out(_item(user, item_id).pk, user)


@router.get(
    "/supervision/candidates",
    response={200: list[CandidateOut], **READ_ERRORS},
    summary="立项前查找已在督办的相同或相似事项（不重复督查）",
)
def find_candidates(
    request: HttpRequest, title: str, lead_unit: str, co_units: str = "", source_document: int | None = None
) -> list[CandidateOut]:
    current_user(request)
    source = Document.objects.filter(pk=source_document).first() if source_document else None
    co = [_unit(c, "co_units") for c in co_units.split(",") if c.strip()]
    return [
        CandidateOut(item_id=c.item_id, title=c.title, same_source=c.same_source, score=c.score, why=c.why)
        for c in actions.candidates(title, _unit(lead_unit, "lead_unit"), co, source)
    ]


@router.post(
    "/supervision/items",
    response={201: ItemOut, 200: ItemOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="督办立项，或关联到已督办事项（第二十六、五十四条）",
)
def create_item(request: HttpRequest, payload: ItemIn) -> Status[ItemOut]:
    user = current_user(request)
    source = None
    if payload.source_document is not None:
        from zhengwu.documents.services import documents_visible_to

        source = documents_visible_to(user).filter(pk=payload.source_document).first()
        if source is None:
            raise HttpError(404, "没有这份公文，或您无权查看。")
    link_to = _item(user, payload.link_to) if payload.link_to is not None else None
    item = actions.open_item(
        user,
        title=payload.title,
        lead_unit=_unit(payload.lead_unit, "lead_unit"),
        co_units=[_unit(c, "co_units") for c in payload.co_units],
        due=payload.due,
        origin=payload.origin,
        description=payload.description,
        report_every=payload.report_every,
        source=source,
        link_to=link_to,
        new_despite=payload.new_despite,
    )
    return Status(200 if link_to else 201, _out(item.pk, user))


@router.post(
    "/supervision/reports/{report_id}",
    response={200: ItemOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="报送一期进展（限期报告）",
)
def submit_report(request: HttpRequest, report_id: int, payload: TextIn) -> ItemOut:
    user = current_user(request)
    report = ProgressReport.objects.filter(pk=report_id).first()
    if report is None:
        raise HttpError(404, "没有这期报告。")
    _item(user, report.item_id)
    actions.submit_progress(user, report, payload.text)
    return _out(report.item_id, user)


@router.post(
    "/supervision/items/{item_id}/report-done",
    response={200: ItemOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="牵头单位报办结",
)
def report_done(request: HttpRequest, item_id: int, payload: TextIn) -> ItemOut:
    user = current_user(request)
    actions.report_done(user, _item(user, item_id), payload.text)
    return _out(item_id, user)


@router.post(
    "/supervision/items/{item_id}/verify",
    response={200: ItemOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="核查复核，办结（政府办公室督查部门）",
)
def verify(request: HttpRequest, item_id: int, payload: TextIn) -> ItemOut:
    user = current_user(request)
    actions.verify(user, _item(user, item_id), payload.text)
    return _out(item_id, user)


@router.post(
    "/supervision/items/{item_id}/reopen",
    response={200: ItemOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="退回重办（须说明理由）",
)
def reopen(request: HttpRequest, item_id: int, payload: ReasonIn) -> ItemOut:
    user = current_user(request)
    actions.reopen(user, _item(user, item_id), payload.reason)
    return _out(item_id, user)


@router.post(
    "/supervision/items/{item_id}/rectifications",
    response={201: ItemOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="督促整改（限期）",
)
def rectify(request: HttpRequest, item_id: int, payload: RectifyIn) -> Status[ItemOut]:
    user = current_user(request)
    actions.order_rectification(user, _item(user, item_id), payload.requirement, payload.due)
    return Status(201, _out(item_id, user))


@router.post(
    "/supervision/rectifications/{rect_id}/done",
    response={200: ItemOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="牵头单位报告整改完成",
)
def rectified(request: HttpRequest, rect_id: int, payload: TextIn) -> ItemOut:
    user = current_user(request)
    rect = Rectification.objects.filter(pk=rect_id).first()
    if rect is None:
        raise HttpError(404, "没有这项整改。")
    _item(user, rect.item_id)
    actions.complete_rectification(user, rect, payload.text)
    return _out(rect.item_id, user)


@router.post(
    "/supervision/items/{item_id}/evaluations",
    response={201: ItemOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="记录第三方评估",
)
def evaluate(request: HttpRequest, item_id: int, payload: EvaluationIn) -> Status[ItemOut]:
    user = current_user(request)
    actions.record_evaluation(user, _item(user, item_id), payload.evaluator, payload.rating, payload.findings)
    return Status(201, _out(item_id, user))


@router.post(
    "/supervision/circulars",
    response={201: CircularOut, **WRITE_ERRORS},
    summary="生成情况通报：按单位统计，起草政府办公室通报公文",
)
def circular(request: HttpRequest, payload: CircularIn) -> Status[CircularOut]:
    c = actions.draft_circular(current_user(request), payload.as_of, payload.since)
    return Status(201, CircularOut(id=c.pk, document_id=c.document_id, as_of=c.as_of, rows=c.rows))


def _row(r: rules.UnitRow) -> TableRowOut:
    return TableRowOut(
        name=r.unit_name,
        lead=r.lead,
        done_on_time=r.done_on_time,
        done_late=r.done_late,
        overdue=r.overdue,
        in_progress=r.in_progress,
        on_time_rate=r.on_time_rate,
        reports_on_time=r.reports_on_time,
        reports_late=r.reports_late,
        reports_missing=r.reports_missing,
    )


@router.get(
    "/supervision/dashboard",
    response={200: DashboardOut, 403: ErrorOut, **READ_ERRORS},
    summary="按单位、按分管领导的按期办结率和逾期情况（第三十六、六十三条）",
)
def dashboard(request: HttpRequest) -> DashboardOut:
    _may_see_tables(current_user(request))
    today = timezone.localdate()
    by_unit = facts.unit_table(None, today, today)
    return DashboardOut(
        as_of=today,
        by_unit=[_row(r) for r in by_unit],
        by_leader=[_row(r) for r in rules.portfolio_table(by_unit, facts.portfolios(today))],
    )


@router.get(
    "/supervision/compliance",
    response={200: list[LineOut], 403: ErrorOut, **READ_ERRORS},
    summary="合规总览：全平台已逾期和临近期限的事项，各注明依据条款",
)
def compliance_lines(request: HttpRequest) -> list[LineOut]:
    _may_see_tables(current_user(request))
    return [
        LineOut(
            area=x.area,
            title=x.title,
            owner=x.owner,
            due=x.due,
            status=str(x.status),
            status_label=x.status_label,
            detail=x.detail,
            url=x.url,
            citation=x.citation.label if x.citation else "",
        )
        for x in compliance.lines(timezone.localdate())
    ]
