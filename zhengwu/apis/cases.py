"""API for 建议提案 (art. 31), 信访 (art. 35) and 复议诉讼审计 (arts. 32, 33) (issue 5).

Thin: every write calls the same action the pages call, so the rules, the audit record and the
notices are the same.  Refusals are 403 with their articles, a step taken from the wrong state
409 with its article, bad input 422, a year with no calendar 409 (:mod:`zhengwu.apis.errors`).

A petition is shown to every signed-in user with the petitioner's personal data masked; the full
data comes only from ``GET /petitions/{id}/petitioner``, for those handling the case, and every
such view is recorded (art. 35).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from pydantic import Field

from zhengwu.apis.auth import current_user
from zhengwu.apis.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    ActionOut,
    ErrorOut,
    Paging,
    ProvisionalDues,
    actions_out,
    page_of,
    provisional_flag,
)
from zhengwu.core.decisions import InvalidInput
from zhengwu.core.i18n import _
from zhengwu.org.models import Person, Unit
from zhengwu.oversight import actions as oversight
from zhengwu.oversight import selectors as case_reads
from zhengwu.oversight.models import Case
from zhengwu.petitions import actions as petitions
from zhengwu.petitions import selectors as petition_reads
from zhengwu.petitions.models import Petition
from zhengwu.suggestions import actions as suggestions
from zhengwu.suggestions import selectors as suggestion_reads
from zhengwu.suggestions.models import Suggestion

router = Router(tags=["cases"])


def _units(codes: Sequence[str], field: str) -> list[Unit]:
    wanted = [c.strip() for c in codes if c.strip()]
    found = {u.code: u for u in Unit.objects.filter(code__in=wanted)}
    missing = [c for c in wanted if c not in found]
    if missing:
        raise InvalidInput(_("没有代码为“{join}”的单位。", join="、".join(missing)), field=field)
    return [found[c] for c in dict.fromkeys(wanted)]


def _unit(code: str, field: str) -> Unit:
    units = _units([code], field)
    if not units:
        raise InvalidInput(_("请填写单位代码。"), field=field)
    return units[0]


def _name(unit: Unit | None) -> str:
    return (unit.short_name or unit.name) if unit else ""


# ---------------------------------------------------------------- 信访 (art. 35)


class PetitionerOut(Schema):
    name: str
    id_number: str
    phone: str
    address: str
    masked: bool = Field(description="true：已脱敏（您不是本件的经办人员）")
    demo: bool = Field(description="虚构的演示数据")


class ReviewOut(ProvisionalDues):
    stage: str
    organ: str
    requested_on: dt.date
    due: dt.date
    due_provisional: bool = provisional_flag()
    decided_on: dt.date | None
    outcome: str


class PetitionOut(ProvisionalDues):
    id: int
    number: str
    channel: str
    received_on: dt.date
    summary: str
    unit_concerned: str
    handling_unit: str
    accused_unit: str = Field("", description="被反映（检举、控告）的单位")
    accused_person: str = Field("", description="被反映（检举、控告）的人员")
    state: str
    state_label: str
    accept_due: dt.date
    accept_due_provisional: bool = provisional_flag()
    accepted_on: dt.date | None
    accept_told_how: str
    not_accepted_reason: str
    handle_due: dt.date | None
    handle_due_provisional: bool = provisional_flag()
    extended_days: int
    extension_reason: str
    concluded_on: dt.date | None
    result: str
    important: bool
    leader: str
    leader_read: bool
    instruction: str
    supervision_item_id: int | None
    overdue_limits: list[str]
    reviews: list[ReviewOut] = Field(default_factory=list)
    petitioner: PetitionerOut | None = None
    actions: list[ActionOut] = Field(
        default_factory=list, description="调用者现在可否办理各项操作及其依据（详情与办理后的答复；列表中为空）"
    )


class PetitionPage(Schema):
    count: int
    items: list[PetitionOut]


def _petition(
    p: Petition, petitioner: petitions.PetitionerView | None = None, user: AbstractBaseUser | None = None
) -> PetitionOut:
    """``user``: the caller, for the acts they may take now (the page offers the same)."""
    return PetitionOut(
        id=p.pk,
        number=p.number,
        channel=p.channel,
        received_on=p.received_on,
        summary=p.summary,
        unit_concerned=_name(p.unit_concerned),
        handling_unit=_name(p.handling_unit),
        accused_unit=_name(p.accused_unit),
        accused_person=p.accused_person,
        state=p.state,
        state_label=p.get_state_display(),
        accept_due=p.accept_due,
        accepted_on=p.accepted_on,
        accept_told_how=p.accept_told_how,
        not_accepted_reason=p.not_accepted_reason,
        handle_due=p.handle_due,
        extended_days=p.extended_days,
        extension_reason=p.extension_reason,
        concluded_on=p.concluded_on,
        result=p.result,
        important=p.important,
        leader=p.leader.name if p.leader else "",
        leader_read=p.leader_read_at is not None,
        instruction=p.instruction,
        supervision_item_id=p.followup_id,
        overdue_limits=list(p.overdue_limits),
        reviews=[
            ReviewOut(
                stage=r.stage,
                organ=r.organ,
                requested_on=r.requested_on,
                due=r.due,
                decided_on=r.decided_on,
                outcome=r.outcome,
            )
            for r in p.reviews.all()
        ],
        petitioner=PetitionerOut(**petitioner.__dict__) if petitioner else None,
        actions=actions_out(petition_reads.available_actions(user, p)) if user is not None else [],
    )


def _get_petition(petition_id: int, user: AbstractBaseUser) -> Petition:
    """The petition, or 404 exactly as for an id that does not exist when ``user`` may not see it
    (:func:`zhengwu.petitions.selectors.petitions_visible_to`)."""
    rows = Petition.objects.select_related("unit_concerned", "handling_unit", "leader", "accused_unit")
    return get_object_or_404(petition_reads.petitions_visible_to(user, rows), pk=petition_id)


class PetitionIn(Schema):
    channel: str = Field(description="letter 来信、visit 来访、online 网上信访、phone 电话")
    received_on: dt.date
    summary: str
    unit_concerned: str = Field(description="涉及单位代码")
    petitioner_name: str
    id_number: str = ""
    phone: str = ""
    address: str = ""
    important: bool = Field(False, description="重要来信：呈州人民政府领导阅批")
    leader_id: int | None = Field(None, description="呈阅领导（人员 id）；不填为涉及单位的分管领导")
    accused_unit: str = Field(
        "", description="被反映（检举、控告）的单位代码：本件不得转交、展示给该单位及其分管领导（《信访工作条例》）"
    )
    accused_person: str = Field("", description="被反映（检举、控告）的人员")


class AcceptanceIn(Schema):
    accept: bool
    told_how: str = Field(description="告知信访人的方式，如“书面告知”")
    handling_unit: str = Field("", description="承办单位代码；不填为涉及单位")
    reason: str = Field("", description="不予受理的理由")
    decided_on: dt.date | None = None


class RouteIn(Schema):
    leader_id: int | None = None


class TextIn(Schema):
    text: str


class ExtensionIn(Schema):
    days: int
    reason: str
    told_how: str


class ConclusionIn(Schema):
    result: str
    told_how: str
    concluded_on: dt.date | None = None


class ReviewIn(Schema):
    stage: str = Field(description="review 复查、rereview 复核")
    organ: str
    requested_on: dt.date | None = None


class ReviewDecisionIn(Schema):
    outcome: str
    decided_on: dt.date | None = None


def _leader(person_id: int | None) -> Person | None:
    if person_id is None:
        return None
    person = Person.objects.select_related("user").filter(pk=person_id).first()
    if person is None:
        raise InvalidInput(_("没有 id 为 {person_id} 的人员。", person_id=person_id), field="leader_id")
    return person


@router.get("/petitions", response={200: PetitionPage, **READ_ERRORS}, summary="信访事项（信访人信息已脱敏）")
def list_petitions(request: HttpRequest, paging: Query[Paging], state: str = "") -> PetitionPage:
    rows = petition_reads.petitions_visible_to(
        current_user(request),
        Petition.objects.select_related("unit_concerned", "handling_unit", "leader", "accused_unit").prefetch_related(
            "reviews"
        ),
    )
    if state:
        rows = rows.filter(state=state)
    count, items = page_of(rows.order_by("-received_on", "-id"), paging)
    return PetitionPage(count=count, items=[_petition(p) for p in items])


@router.get(
    "/petitions/{petition_id}",
    response={200: PetitionOut, 404: ErrorOut, **READ_ERRORS},
    summary="信访事项详情（信访人信息已脱敏）",
)
def get_petition(request: HttpRequest, petition_id: int) -> PetitionOut:
    user = current_user(request)
    p = _get_petition(petition_id, current_user(request))
    return _petition(p, petitions.masked_petitioner(p), user)


@router.get(
    "/petitions/{petition_id}/petitioner",
    response={200: PetitionerOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="信访人个人信息：仅限经办人员，每次查看均记录",
)
def get_petitioner(request: HttpRequest, petition_id: int) -> PetitionerOut:
    view = petitions.view_petitioner(current_user(request), _get_petition(petition_id, current_user(request)))
    return PetitionerOut(**view.__dict__)


@router.post("/petitions", response={201: PetitionOut, **WRITE_ERRORS}, summary="登记来信来访（信访局）")
def register_petition(request: HttpRequest, payload: PetitionIn) -> Status[PetitionOut]:
    p = petitions.register(
        current_user(request),
        channel=payload.channel,
        received_on=payload.received_on,
        summary=payload.summary,
        unit_concerned=_unit(payload.unit_concerned, "unit_concerned"),
        petitioner=petitions.PetitionerData(payload.petitioner_name, payload.id_number, payload.phone, payload.address),
        important=payload.important,
        leader=_leader(payload.leader_id),
        accused_unit=_unit(payload.accused_unit, "accused_unit") if payload.accused_unit.strip() else None,
        accused_person=payload.accused_person,
    )
    return Status(201, _petition(_get_petition(p.pk, current_user(request)), user=current_user(request)))


@router.post(
    "/petitions/{petition_id}/acceptance",
    response={200: PetitionOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="决定是否受理并告知信访人（15日内）",
)
def accept_petition(request: HttpRequest, petition_id: int, payload: AcceptanceIn) -> PetitionOut:
    unit = _unit(payload.handling_unit, "handling_unit") if payload.handling_unit.strip() else None
    p = petitions.decide_acceptance(
        current_user(request),
        _get_petition(petition_id, current_user(request)),
        payload.accept,
        payload.told_how,
        unit,
        payload.reason,
        payload.decided_on,
    )
    return _petition(_get_petition(p.pk, current_user(request)), user=current_user(request))


@router.post(
    "/petitions/{petition_id}/route",
    response={200: PetitionOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="重要来信呈州人民政府领导阅批",
)
def route_petition(request: HttpRequest, petition_id: int, payload: RouteIn) -> PetitionOut:
    p = petitions.route_important(
        current_user(request), _get_petition(petition_id, current_user(request)), _leader(payload.leader_id)
    )
    return _petition(_get_petition(p.pk, current_user(request)), user=current_user(request))


@router.post(
    "/petitions/{petition_id}/read",
    response={200: PetitionOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="领导阅读重要来信",
)
def read_petition(request: HttpRequest, petition_id: int) -> PetitionOut:
    p = petitions.read_letter(current_user(request), _get_petition(petition_id, current_user(request)))
    return _petition(_get_petition(p.pk, current_user(request)), user=current_user(request))


@router.post(
    "/petitions/{petition_id}/instruction",
    response={200: PetitionOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="领导批示重要来信，转入督办",
)
def instruct_petition(request: HttpRequest, petition_id: int, payload: TextIn) -> PetitionOut:
    p = petitions.instruct(current_user(request), _get_petition(petition_id, current_user(request)), payload.text)
    return _petition(_get_petition(p.pk, current_user(request)), user=current_user(request))


@router.post(
    "/petitions/{petition_id}/extension",
    response={200: PetitionOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="州人民政府领导批准延期（至多30日），并告知信访人理由",
)
def extend_petition(request: HttpRequest, petition_id: int, payload: ExtensionIn) -> PetitionOut:
    p = petitions.extend(
        current_user(request),
        _get_petition(petition_id, current_user(request)),
        payload.days,
        payload.reason,
        payload.told_how,
    )
    return _petition(_get_petition(p.pk, current_user(request)), user=current_user(request))


@router.post(
    "/petitions/{petition_id}/conclusion",
    response={200: PetitionOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="办结并答复信访人",
)
def conclude_petition(request: HttpRequest, petition_id: int, payload: ConclusionIn) -> PetitionOut:
    p = petitions.conclude(
        current_user(request),
        _get_petition(petition_id, current_user(request)),
        payload.result,
        payload.told_how,
        payload.concluded_on,
    )
    return _petition(_get_petition(p.pk, current_user(request)), user=current_user(request))


@router.post(
    "/petitions/{petition_id}/reviews",
    response={201: PetitionOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="登记复查或复核请求（30日内提出意见）",
)
def request_petition_review(request: HttpRequest, petition_id: int, payload: ReviewIn) -> Status[PetitionOut]:
    petitions.request_review(
        current_user(request),
        _get_petition(petition_id, current_user(request)),
        payload.stage,
        payload.organ,
        payload.requested_on,
    )
    return Status(201, _petition(_get_petition(petition_id, current_user(request)), user=current_user(request)))


@router.post(
    "/petitions/{petition_id}/reviews/decision",
    response={200: PetitionOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="出具复查或复核意见",
)
def decide_petition_review(request: HttpRequest, petition_id: int, payload: ReviewDecisionIn) -> PetitionOut:
    petitions.decide_review(
        current_user(request), _get_petition(petition_id, current_user(request)), payload.outcome, payload.decided_on
    )
    return _petition(_get_petition(petition_id, current_user(request)), user=current_user(request))


# ---------------------------------------------------------------- 建议提案 (art. 31)


class CoOpinionOut(ProvisionalDues):
    unit: str
    round: int
    due: dt.date
    due_provisional: bool = provisional_flag()
    text: str
    sent: bool


class SuggestionOut(ProvisionalDues):
    id: int
    kind: str
    number: str
    title: str
    text: str
    proposers: str
    session: str
    received_on: dt.date
    state: str
    status: str
    lead_unit: str
    assigned_on: dt.date | None
    due: dt.date | None
    due_provisional: bool = provisional_flag()
    co_due: dt.date | None
    co_due_provisional: bool = provisional_flag()
    extension_reason: str
    round: int
    answer_document_id: int | None
    answered: bool
    answered_on: dt.date | None
    satisfaction: list[str]
    publication_decided: bool
    withhold_reason: str
    co_opinions: list[CoOpinionOut]
    actions: list[ActionOut] = Field(
        default_factory=list, description="调用者现在可否办理各项操作及其依据（详情与办理后的答复；列表中为空）"
    )


class SuggestionPage(Schema):
    count: int
    items: list[SuggestionOut]


def _suggestion(s: Suggestion, user: AbstractBaseUser | None = None) -> SuggestionOut:
    """``user``: the caller, for the acts they may take now (the page offers the same)."""
    return SuggestionOut(
        id=s.pk,
        kind=s.kind,
        number=s.number,
        title=s.title,
        text=s.text,
        proposers=s.proposers,
        session=s.session,
        received_on=s.received_on,
        state=s.state,
        status=s.status_label,
        lead_unit=_name(s.lead_unit),
        assigned_on=s.assigned_on,
        due=s.due,
        co_due=s.co_due,
        extension_reason=s.extension_reason,
        round=s.round,
        answer_document_id=s.answer_document_id,
        answered=s.answered,
        answered_on=s.answered_on,
        satisfaction=[f.satisfaction for f in s.feedback.all()],
        publication_decided=s.publication_decided,
        withhold_reason=s.withhold_reason,
        co_opinions=[
            CoOpinionOut(unit=_name(o.unit), round=o.round, due=o.due, text=o.text, sent=o.sent_at is not None)
            for o in s.co_opinions.select_related("unit")
        ],
        actions=actions_out(suggestion_reads.available_actions(user, s)) if user is not None else [],
    )


def _get_suggestion(suggestion_id: int, user: AbstractBaseUser) -> Suggestion:
    """The suggestion, or 404 as for a missing id when ``user`` may not see it
    (:func:`zhengwu.suggestions.selectors.suggestions_visible_to`)."""
    rows = Suggestion.objects.select_related("lead_unit", "answer_document")
    return get_object_or_404(suggestion_reads.suggestions_visible_to(user, suggestions=rows), pk=suggestion_id)


class SuggestionIn(Schema):
    kind: str = Field(description="suggestion 人大代表建议、proposal 政协委员提案")
    number: str
    title: str
    text: str
    proposers: str
    session: str
    received_on: dt.date


class AssignIn(Schema):
    lead_unit: str
    co_units: list[str] = Field(default_factory=list)


class SuggestionExtensionIn(Schema):
    due: dt.date
    reason: str


class CoOpinionIn(Schema):
    unit: str
    text: str


class AnswerIn(Schema):
    body: str
    title: str = ""


class AnswerOut(Schema):
    document_id: int
    title: str
    state: str


class FeedbackIn(Schema):
    satisfaction: str = Field(description="satisfied 满意、basically 基本满意、unsatisfied 不满意")
    note: str = ""


class PublicationIn(Schema):
    withhold_ground: str = Field(
        "",
        description="不予公开的理由代码（state_secret、security、commercial_secret、"
        "privacy、internal、process）；不填为公开",
    )


@router.get("/suggestions", response={200: SuggestionPage, **READ_ERRORS}, summary="建议提案")
def list_suggestions(request: HttpRequest, paging: Query[Paging], state: str = "") -> SuggestionPage:
    rows = suggestion_reads.suggestions_visible_to(
        current_user(request),
        suggestions=Suggestion.objects.select_related("lead_unit", "answer_document").prefetch_related("feedback"),
    )
    if state:
        rows = rows.filter(state=state)
    count, items = page_of(rows.order_by("-received_on", "-id"), paging)
    return SuggestionPage(count=count, items=[_suggestion(s) for s in items])


@router.get(
    "/suggestions/{suggestion_id}", response={200: SuggestionOut, 404: ErrorOut, **READ_ERRORS}, summary="建议提案详情"
)
def get_suggestion(request: HttpRequest, suggestion_id: int) -> SuggestionOut:
    current_user(request)
    return _suggestion(_get_suggestion(suggestion_id, current_user(request)), current_user(request))


@router.post("/suggestions", response={201: SuggestionOut, **WRITE_ERRORS}, summary="登记建议提案（督查部门）")
def register_suggestion(request: HttpRequest, payload: SuggestionIn) -> Status[SuggestionOut]:
    s = suggestions.register(current_user(request), **payload.dict())
    return Status(201, _suggestion(_get_suggestion(s.pk, current_user(request)), current_user(request)))


@router.post(
    "/suggestions/{suggestion_id}/assignment",
    response={200: SuggestionOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="交办主办、协办单位（3个月内办复）",
)
def assign_suggestion(request: HttpRequest, suggestion_id: int, payload: AssignIn) -> SuggestionOut:
    s = suggestions.assign(
        current_user(request),
        _get_suggestion(suggestion_id, current_user(request)),
        _unit(payload.lead_unit, "lead_unit"),
        _units(payload.co_units, "co_units"),
    )
    return _suggestion(_get_suggestion(s.pk, current_user(request)), current_user(request))


@router.post(
    "/suggestions/{suggestion_id}/extension",
    response={200: SuggestionOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="说明理由延期（自交办起最长6个月）",
)
def extend_suggestion(request: HttpRequest, suggestion_id: int, payload: SuggestionExtensionIn) -> SuggestionOut:
    s = suggestions.extend(
        current_user(request), _get_suggestion(suggestion_id, current_user(request)), payload.due, payload.reason
    )
    return _suggestion(_get_suggestion(s.pk, current_user(request)), current_user(request))


@router.post(
    "/suggestions/{suggestion_id}/co-opinions",
    response={200: SuggestionOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="协办单位向主办单位提出协办意见",
)
def send_co_opinion(request: HttpRequest, suggestion_id: int, payload: CoOpinionIn) -> SuggestionOut:
    suggestions.send_opinion(
        current_user(request),
        _get_suggestion(suggestion_id, current_user(request)),
        _unit(payload.unit, "unit"),
        payload.text,
    )
    return _suggestion(_get_suggestion(suggestion_id, current_user(request)), current_user(request))


@router.post(
    "/suggestions/{suggestion_id}/answer",
    response={201: AnswerOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="主办单位起草答复函（随后在公文中审核、签发、印发）",
)
def draft_suggestion_answer(request: HttpRequest, suggestion_id: int, payload: AnswerIn) -> Status[AnswerOut]:
    doc = suggestions.draft_answer(
        current_user(request), _get_suggestion(suggestion_id, current_user(request)), payload.body, payload.title
    )
    return Status(201, AnswerOut(document_id=doc.pk, title=doc.title, state=doc.state))


@router.post(
    "/suggestions/{suggestion_id}/feedback",
    response={200: SuggestionOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="记录代表委员满意度（不满意的重新办理）",
)
def suggestion_feedback(request: HttpRequest, suggestion_id: int, payload: FeedbackIn) -> SuggestionOut:
    suggestions.record_feedback(
        current_user(request), _get_suggestion(suggestion_id, current_user(request)), payload.satisfaction, payload.note
    )
    return _suggestion(_get_suggestion(suggestion_id, current_user(request)), current_user(request))


@router.post(
    "/suggestions/{suggestion_id}/publication",
    response={200: SuggestionOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="办理结果公开或说明不予公开的理由",
)
def suggestion_publication(request: HttpRequest, suggestion_id: int, payload: PublicationIn) -> SuggestionOut:
    suggestions.decide_publication(
        current_user(request), _get_suggestion(suggestion_id, current_user(request)), payload.withhold_ground
    )
    return _suggestion(_get_suggestion(suggestion_id, current_user(request)), current_user(request))


# ---------------------------------------------------------------- 复议诉讼审计 (arts. 32, 33)


class CaseOut(ProvisionalDues):
    id: int
    kind: str
    kind_label: str
    case_number: str
    title: str
    organ: str
    counterparty: str
    unit_concerned: str
    received_on: dt.date
    accepted_on: dt.date | None
    answer_due: dt.date | None
    answer_due_provisional: bool = provisional_flag()
    decision_due: dt.date | None
    decision_due_provisional: bool = provisional_flag()
    rectify_due: dt.date | None
    rectify_due_provisional: bool = provisional_flag()
    requirement: str
    state: str
    answered_on: dt.date | None
    decided_on: dt.date | None
    outcome: str
    supervision_item_id: int | None
    overdue_limits: list[str]
    actions: list[ActionOut] = Field(
        default_factory=list, description="调用者现在可否办理各项操作及其依据（详情与办理后的答复；列表中为空）"
    )


class CasePage(Schema):
    count: int
    items: list[CaseOut]


def _case(c: Case, user: AbstractBaseUser | None = None) -> CaseOut:
    """``user``: the caller, for the acts they may take now (the page offers the same)."""
    return CaseOut(
        id=c.pk,
        kind=c.kind,
        kind_label=c.get_kind_display(),
        case_number=c.case_number,
        title=c.title,
        organ=c.organ,
        counterparty=c.counterparty,
        unit_concerned=_name(c.unit_concerned),
        received_on=c.received_on,
        accepted_on=c.accepted_on,
        answer_due=c.answer_due,
        decision_due=c.decision_due,
        rectify_due=c.rectify_due,
        requirement=c.requirement,
        state=c.state,
        answered_on=c.answered_on,
        decided_on=c.decided_on,
        outcome=c.outcome,
        supervision_item_id=c.followup_id,
        overdue_limits=list(c.overdue_limits),
        actions=actions_out(case_reads.available_actions(user, c)) if user is not None else [],
    )


def _get_case(case_id: int, user: AbstractBaseUser) -> Case:
    """The case, or 404 as for a missing id when ``user`` may not see it
    (:func:`zhengwu.oversight.selectors.cases_visible_to`)."""
    rows = Case.objects.select_related("unit_concerned")
    return get_object_or_404(case_reads.cases_visible_to(user, cases=rows), pk=case_id)


class ReconsiderationIn(Schema):
    case_number: str
    title: str
    organ: str = Field(description="复议机关")
    respondent: str = Field(description="被申请人（单位代码）")
    received_on: dt.date = Field(description="收到申请书副本的日期")
    applicant: str = ""
    accepted_on: dt.date | None = Field(None, description="复议机关受理日期；不填同收到日期")


class SuitIn(Schema):
    case_number: str
    title: str
    court: str
    defendant: str = Field(description="被告（单位代码）")
    served_on: dt.date = Field(description="起诉状副本送达日期")
    plaintiff: str = ""


class FindingIn(Schema):
    case_number: str
    title: str
    organ: str = Field(description="审计、监察或检查机关")
    unit: str = Field(description="被审计（检查）单位代码，即整改牵头单位")
    issued_on: dt.date
    rectify_due: dt.date | None = None
    requirement: str
    co_units: list[str] = Field(default_factory=list)


class DateIn(Schema):
    on: dt.date | None = None


class OutcomeIn(Schema):
    outcome: str
    decided_on: dt.date | None = None


@router.get("/oversight/cases", response={200: CasePage, **READ_ERRORS}, summary="行政复议、行政诉讼、审计发现问题")
def list_cases(request: HttpRequest, paging: Query[Paging], kind: str = "") -> CasePage:
    rows = case_reads.cases_visible_to(current_user(request), cases=Case.objects.select_related("unit_concerned"))
    if kind:
        rows = rows.filter(kind=kind)
    count, items = page_of(rows.order_by("-received_on", "-id"), paging)
    return CasePage(count=count, items=[_case(c) for c in items])


@router.get("/oversight/cases/{case_id}", response={200: CaseOut, 404: ErrorOut, **READ_ERRORS}, summary="事项详情")
def get_case(request: HttpRequest, case_id: int) -> CaseOut:
    return _case(_get_case(case_id, current_user(request)), current_user(request))


@router.post(
    "/oversight/reconsiderations",
    response={201: CaseOut, **WRITE_ERRORS},
    summary="登记行政复议案件（10日内答复，60日内决定）",
)
def register_reconsideration(request: HttpRequest, payload: ReconsiderationIn) -> Status[CaseOut]:
    c = oversight.register_reconsideration(
        current_user(request),
        case_number=payload.case_number,
        title=payload.title,
        organ=payload.organ,
        respondent=_unit(payload.respondent, "respondent"),
        received_on=payload.received_on,
        applicant=payload.applicant,
        accepted_on=payload.accepted_on,
    )
    return Status(201, _case(_get_case(c.pk, current_user(request)), current_user(request)))


@router.post("/oversight/suits", response={201: CaseOut, **WRITE_ERRORS}, summary="登记行政诉讼案件（15日内答辩）")
def register_suit(request: HttpRequest, payload: SuitIn) -> Status[CaseOut]:
    c = oversight.register_suit(
        current_user(request),
        case_number=payload.case_number,
        title=payload.title,
        court=payload.court,
        defendant=_unit(payload.defendant, "defendant"),
        served_on=payload.served_on,
        plaintiff=payload.plaintiff,
    )
    return Status(201, _case(_get_case(c.pk, current_user(request)), current_user(request)))


@router.post(
    "/oversight/findings",
    response={201: CaseOut, **WRITE_ERRORS},
    summary="登记审计（检查）发现问题，整改列入督办",
)
def register_finding(request: HttpRequest, payload: FindingIn) -> Status[CaseOut]:
    c = oversight.register_finding(
        current_user(request),
        case_number=payload.case_number,
        title=payload.title,
        organ=payload.organ,
        unit=_unit(payload.unit, "unit"),
        issued_on=payload.issued_on,
        rectify_due=payload.rectify_due,
        requirement=payload.requirement,
        co_units=_units(payload.co_units, "co_units"),
    )
    return Status(201, _case(_get_case(c.pk, current_user(request)), current_user(request)))


@router.post(
    "/oversight/cases/{case_id}/answer",
    response={200: CaseOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="记录已提交书面答复（答辩状）",
)
def answer_case(request: HttpRequest, case_id: int, payload: DateIn) -> CaseOut:
    c = oversight.record_answer(current_user(request), _get_case(case_id, current_user(request)), payload.on)
    return _case(_get_case(c.pk, current_user(request)), current_user(request))


@router.post(
    "/oversight/cases/{case_id}/outcome",
    response={200: CaseOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="记录复议决定、判决或整改完成，结案",
)
def close_case(request: HttpRequest, case_id: int, payload: OutcomeIn) -> CaseOut:
    c = oversight.record_outcome(
        current_user(request), _get_case(case_id, current_user(request)), payload.outcome, payload.decided_on
    )
    return _case(_get_case(c.pk, current_user(request)), current_user(request))
