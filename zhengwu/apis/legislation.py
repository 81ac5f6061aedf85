"""API for 规章和规范性文件 (arts. 20-22, 24-25).

Thin: every write calls the one action in :mod:`zhengwu.legislation.actions` the pages call.
Refusals are 403 with their articles, a step taken from the wrong state 409 with its article, bad
input 422, a year with no calendar 409.  A secret draft is visible only to its drafting unit, the
司法局 and the office; others get 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
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
from zhengwu.core.decisions import InvalidInput
from zhengwu.core.i18n import _
from zhengwu.legislation import selectors
from zhengwu.legislation.actions import adoption, after, comments, drafting, review
from zhengwu.legislation.models import (
    Cleanup,
    CleanupEntry,
    Dispute,
    Filing,
    NormativeDraft,
    PublicComment,
    RegulationEvaluation,
    UnitConsultation,
)
from zhengwu.org.models import Unit

router = Router(tags=["legislation"])
ERRS = {404: ErrorOut, **WRITE_ERRORS}


class DraftIn(Schema):
    kind: str
    title: str
    body: str
    drafting_unit: str
    government_issues: bool = True
    secret: bool = False
    secret_reason: str = ""
    major: bool = False
    replaces_id: int | None = None
    replace_mode: str = ""


class TextIn(Schema):
    body: str
    title: str | None = None
    note: str = ""


class UnitsIn(Schema):
    units: list[str]


class ReplyIn(Schema):
    agrees: bool
    reply: str = ""


class DisputeIn(Schema):
    matter: str
    parties: str


class EvaluationIn(Schema):
    evaluator: str
    conclusion: str


class PositionsIn(Schema):
    reasons: str
    proposal: str


class OpenIn(Schema):
    days: int | None = None


class CommentIn(Schema):
    article: int = 0
    text: str
    name: str = ""
    contact: str = ""


class AnswerIn(Schema):
    outcome: str
    reason: str = ""


class ReviewIn(Schema):
    passed: bool
    reasons: str = ""


class DeliberationIn(Schema):
    meeting_ref: str = ""
    held_on: dt.date | None = None
    outcome: str = "原则通过"


class UnitIssueIn(Schema):
    doc_number: str
    written_on: dt.date


class FileIn(Schema):
    reference: str = ""


class FilingReviewIn(Schema):
    passed: bool
    note: str = ""


class ValidityIn(Schema):
    validity: str
    effective_on: dt.date
    reason: str
    related_id: int | None = None


class ReportIn(Schema):
    report: str


class TitleIn(Schema):
    title: str


class ProposalIn(Schema):
    proposal: str
    reason: str = ""


class DecisionIn(Schema):
    decision: str
    note: str = ""


class FlagOut(Schema):
    article: int
    sentence: str
    ground: str
    term: str
    citation: str
    explanation: str


class VersionOut(Schema):
    number: int
    title: str
    body: str
    note: str
    created_at: dt.datetime


class CommentOut(Schema):
    id: int
    article: int
    text: str
    submitted_at: dt.datetime
    outcome: str
    answer: str


class ReviewOut(Schema):
    version: int
    passed: bool
    reasons: str
    reviewer: str
    flags: list[FlagOut]
    created_at: dt.datetime


class TransitionOut(Schema):
    from_state: str
    to_state: str
    actor: str
    at: dt.datetime
    reason: str
    article: int | None


class FilingOut(ProvisionalDues):
    id: int
    recipient: str
    due: dt.date
    due_provisional: bool = provisional_flag()
    state: str
    filed_at: dt.datetime | None
    filed_late: bool
    review_passed: bool | None
    actions: list[ActionOut] = Field(default_factory=list, description="对本条可办理的操作（与页面所示一致）")


class ConsultationOut(ProvisionalDues):
    id: int
    unit: str
    due: dt.date
    due_provisional: bool = provisional_flag()
    agrees: bool | None
    reply: str
    actions: list[ActionOut] = Field(default_factory=list, description="对本条可办理的操作（与页面所示一致）")


class DisputeOut(Schema):
    id: int
    matter: str
    parties: str
    evaluator: str
    evaluation: str
    reasons: str
    proposal: str
    actions: list[ActionOut] = Field(default_factory=list, description="对本条可办理的操作（与页面所示一致）")


class DraftOut(ProvisionalDues):
    id: int
    kind: str
    title: str
    state: str
    state_label: str
    drafting_unit: str
    issuer: str
    secret: bool
    major: bool
    comment_closes: dt.datetime | None
    comment_closes_provisional: bool = provisional_flag()
    doc_number: str
    published_on: dt.date | None
    validity: str
    document_id: int | None
    topic_id: int | None


class DraftDetailOut(DraftOut):
    versions: list[VersionOut]
    comments: list[CommentOut]
    reviews: list[ReviewOut]
    flags: list[FlagOut]
    transitions: list[TransitionOut]
    filings: list[FilingOut]
    consultations: list[ConsultationOut]
    disputes: list[DisputeOut]
    evaluation_id: int | None
    evaluation_due: dt.date | None
    evaluation_due_provisional: bool = provisional_flag()
    evaluation_actions: list[ActionOut] = Field(default_factory=list, description="对实施后评估可办理的操作")
    actions: list[ActionOut] = Field(
        default_factory=list, description="对草案的各项办理操作及调用者现在可否办理（与页面所示一致）"
    )


def _out(d: NormativeDraft) -> dict[str, Any]:
    return {
        "id": d.pk,
        "kind": d.kind,
        "title": d.title,
        "state": d.state,
        "state_label": d.get_state_display(),
        "drafting_unit": d.drafting_unit.code,
        "issuer": d.issuer.code,
        "secret": d.secret,
        "major": d.major,
        "comment_closes": d.comment_closes,
        "doc_number": d.doc_number,
        "published_on": d.published_on,
        "validity": d.validity,
        "document_id": d.document_id,
        "topic_id": d.topic_id,
    }


def _detail(d: NormativeDraft, user: AbstractBaseUser) -> DraftDetailOut:
    """The draft with what ``user`` may do on it and its records now (the page offers the same:
    :func:`zhengwu.legislation.selectors.available_actions`)."""
    evaluation = RegulationEvaluation.objects.filter(draft=d).select_related("draft__drafting_unit").first()
    return DraftDetailOut(
        **_out(d),
        versions=[
            VersionOut(number=v.number, title=v.title, body=v.body, note=v.note, created_at=v.created_at)
            for v in d.versions.order_by("number")
        ],
        comments=[
            CommentOut(
                id=c.pk, article=c.article, text=c.text, submitted_at=c.submitted_at, outcome=c.outcome, answer=c.answer
            )
            for c in d.comments.all()
        ],
        reviews=[
            ReviewOut(
                version=r.version.number,
                passed=r.passed,
                reasons=r.reasons,
                reviewer=r.reviewer_name,
                flags=[FlagOut(**f) for f in r.flags],
                created_at=r.created_at,
            )
            for r in d.reviews.select_related("version")
        ],
        flags=[FlagOut(**f.as_dict()) for f in selectors.flags_of(d)],  # type: ignore[arg-type]
        transitions=[
            TransitionOut(
                from_state=t.from_state,
                to_state=t.to_state,
                actor=t.actor_name,
                at=t.at,
                reason=t.reason,
                article=t.article,
            )
            for t in d.transitions.all()
        ],
        filings=[
            FilingOut(
                id=f.pk,
                recipient=f.recipient.code,
                due=f.due,
                state=f.state,
                filed_at=f.filed_at,
                filed_late=f.filed_late,
                review_passed=f.review_passed,
                actions=actions_out(selectors.available_actions(user, f)),
            )
            for f in d.filings.select_related("recipient", "draft__issuer", "draft__rulebook_version")
        ],
        consultations=[
            ConsultationOut(
                id=c.pk,
                unit=c.unit.code,
                due=c.due,
                agrees=c.agrees,
                reply=c.reply,
                actions=actions_out(selectors.available_actions(user, c)),
            )
            for c in d.consultations.select_related("unit", "draft__rulebook_version")
        ],
        disputes=[
            DisputeOut(
                id=x.pk,
                matter=x.matter,
                parties=x.parties,
                evaluator=x.evaluator,
                evaluation=x.evaluation,
                reasons=x.reasons,
                proposal=x.proposal,
                actions=actions_out(selectors.available_actions(user, x)),
            )
            for x in d.disputes.select_related("draft__rulebook_version")
        ],
        evaluation_id=evaluation.pk if evaluation else None,
        evaluation_due=evaluation.due if evaluation else None,
        evaluation_actions=actions_out(selectors.available_actions(user, evaluation)) if evaluation else [],
        actions=actions_out(selectors.available_actions(user, d)),
    )


def _draft(user: AbstractBaseUser, draft_id: int) -> NormativeDraft:
    d = selectors.drafts_visible_to(user).filter(pk=draft_id).first()
    if d is None:
        raise HttpError(404, "没有这份草案，或您无权查看。")
    return d


def _fresh(draft_id: int, user: AbstractBaseUser) -> DraftDetailOut:
    return _detail(NormativeDraft.objects.select_related("drafting_unit", "issuer").get(pk=draft_id), user)


def _unit(code: str, field: str) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise InvalidInput(_("无法识别的单位代码“{code}”。", code=code), field=field)
    return unit


@router.get("/legislation/drafts", response={200: list[DraftOut], **READ_ERRORS}, summary="规章和规范性文件草案列表")
def list_drafts(request: HttpRequest, state: str = "") -> list[dict[str, Any]]:
    qs = selectors.drafts_visible_to(current_user(request))
    if state:
        qs = qs.filter(state=state)
    return [_out(d) for d in qs[:200]]


@router.get(
    "/legislation/drafts/{draft_id}",
    response={200: DraftDetailOut, 404: ErrorOut, **READ_ERRORS},
    summary="草案详情：各版本、意见、审查、流转、备案",
)
def get_draft(request: HttpRequest, draft_id: int) -> DraftDetailOut:
    user = current_user(request)
    return _detail(_draft(user, draft_id), user)


@router.post("/legislation/drafts", response={201: DraftDetailOut, **WRITE_ERRORS}, summary="起草规章或规范性文件")
def create(request: HttpRequest, payload: DraftIn) -> Status[DraftDetailOut]:
    user = current_user(request)
    replaces = _draft(user, payload.replaces_id) if payload.replaces_id else None
    d = drafting.create_draft(
        user,
        kind=payload.kind,
        title=payload.title,
        body=payload.body,
        drafting_unit=_unit(payload.drafting_unit, "drafting_unit"),
        government_issues=payload.government_issues,
        secret=payload.secret,
        secret_reason=payload.secret_reason,
        major=payload.major,
        replaces=replaces,
        replace_mode=payload.replace_mode,
    )
    return Status(201, _fresh(d.pk, user))


@router.put("/legislation/drafts/{draft_id}/text", response={200: DraftDetailOut, **ERRS}, summary="修改草案（新版本）")
def revise(request: HttpRequest, draft_id: int, payload: TextIn) -> DraftDetailOut:
    user = current_user(request)
    drafting.revise_draft(user, _draft(user, draft_id), body=payload.body, title=payload.title, note=payload.note)
    return _fresh(draft_id, user)


@router.post(
    "/legislation/drafts/{draft_id}/consultations",
    response={200: DraftDetailOut, **ERRS},
    summary="征求职权相关部门意见",
)
def consult(request: HttpRequest, draft_id: int, payload: UnitsIn) -> DraftDetailOut:
    user = current_user(request)
    drafting.consult_units(user, _draft(user, draft_id), [_unit(c, "units") for c in payload.units])
    return _fresh(draft_id, user)


@router.post(
    "/legislation/consultations/{consultation_id}/reply",
    response={200: DraftDetailOut, **ERRS},
    summary="被征求意见部门回复",
)
def reply(request: HttpRequest, consultation_id: int, payload: ReplyIn) -> DraftDetailOut:
    user = current_user(request)
    row = UnitConsultation.objects.filter(pk=consultation_id).first()
    if row is None:
        raise HttpError(404, "没有这项征求意见。")
    drafting.reply_consultation(user, row, agrees=payload.agrees, reply=payload.reply)
    return _fresh(row.draft_id, user)


@router.post(
    "/legislation/drafts/{draft_id}/disputes",
    response={200: DraftDetailOut, **ERRS},
    summary="记录争议事项",
)
def dispute(request: HttpRequest, draft_id: int, payload: DisputeIn) -> DraftDetailOut:
    user = current_user(request)
    drafting.raise_dispute(user, _draft(user, draft_id), matter=payload.matter, parties=payload.parties)
    return _fresh(draft_id, user)


def _dispute(user: AbstractBaseUser, dispute_id: int) -> Dispute:
    row = Dispute.objects.filter(pk=dispute_id).first()
    if row is None:
        raise HttpError(404, "没有这项争议。")
    _draft(user, row.draft_id)
    return row


@router.post(
    "/legislation/disputes/{dispute_id}/evaluation", response={200: DraftDetailOut, **ERRS}, summary="记录第三方评估"
)
def evaluation(request: HttpRequest, dispute_id: int, payload: EvaluationIn) -> DraftDetailOut:
    user = current_user(request)
    row = _dispute(user, dispute_id)
    drafting.record_third_party_evaluation(user, row, evaluator=payload.evaluator, conclusion=payload.conclusion)
    return _fresh(row.draft_id, user)


@router.post(
    "/legislation/disputes/{dispute_id}/positions",
    response={200: DraftDetailOut, **ERRS},
    summary="司法局列明各方理据并提出倾向性意见",
)
def positions(request: HttpRequest, dispute_id: int, payload: PositionsIn) -> DraftDetailOut:
    user = current_user(request)
    row = _dispute(user, dispute_id)
    drafting.list_positions(user, row, reasons=payload.reasons, proposal=payload.proposal)
    return _fresh(row.draft_id, user)


@router.post(
    "/legislation/drafts/{draft_id}/open-for-comment",
    response={200: DraftDetailOut, **ERRS},
    summary="公开征求意见",
)
def open_for_comment(request: HttpRequest, draft_id: int, payload: OpenIn) -> DraftDetailOut:
    user = current_user(request)
    comments.open_for_comment(user, _draft(user, draft_id), payload.days)
    return _fresh(draft_id, user)


@router.post(
    "/legislation/drafts/{draft_id}/comments",
    response={201: CommentOut, **ERRS},
    summary="提交意见（社会公众通过公开页面提交；此处供其他系统转交）",
)
def comment(request: HttpRequest, draft_id: int, payload: CommentIn) -> Status[CommentOut]:
    user = current_user(request)
    c = comments.submit_comment(
        _draft(user, draft_id), article=payload.article, text=payload.text, name=payload.name, contact=payload.contact
    )
    return Status(
        201,
        CommentOut(
            id=c.pk, article=c.article, text=c.text, submitted_at=c.submitted_at, outcome=c.outcome, answer=c.answer
        ),
    )


@router.post(
    "/legislation/drafts/{draft_id}/close-comments",
    response={200: DraftDetailOut, **ERRS},
    summary="征求意见期满后结束征求意见",
)
def close_comments(request: HttpRequest, draft_id: int) -> DraftDetailOut:
    user = current_user(request)
    comments.close_comments(user, _draft(user, draft_id))
    return _fresh(draft_id, user)


@router.post(
    "/legislation/comments/{comment_id}/answer", response={200: DraftDetailOut, **ERRS}, summary="逐条反馈意见采纳情况"
)
def answer(request: HttpRequest, comment_id: int, payload: AnswerIn) -> DraftDetailOut:
    user = current_user(request)
    row = PublicComment.objects.filter(pk=comment_id).first()
    if row is None:
        raise HttpError(404, "没有这条意见。")
    _draft(user, row.draft_id)
    comments.answer_comment(user, row, outcome=payload.outcome, reason=payload.reason)
    return _fresh(row.draft_id, user)


@router.post(
    "/legislation/drafts/{draft_id}/publish-answers", response={200: DraftDetailOut, **ERRS}, summary="公布意见采纳情况"
)
def publish_answers(request: HttpRequest, draft_id: int) -> DraftDetailOut:
    user = current_user(request)
    comments.publish_answers(user, _draft(user, draft_id))
    return _fresh(draft_id, user)


@router.post(
    "/legislation/drafts/{draft_id}/submit-for-review",
    response={200: DraftDetailOut, **ERRS},
    summary="送司法局合法性审查",
)
def submit_for_review(request: HttpRequest, draft_id: int) -> DraftDetailOut:
    user = current_user(request)
    review.submit_for_review(user, _draft(user, draft_id))
    return _fresh(draft_id, user)


@router.post(
    "/legislation/drafts/{draft_id}/review",
    response={200: DraftDetailOut, **ERRS},
    summary="司法局合法性审查：通过或退回，并说明理由",
)
def legal_review(request: HttpRequest, draft_id: int, payload: ReviewIn) -> DraftDetailOut:
    user = current_user(request)
    review.review(user, _draft(user, draft_id), passed=payload.passed, reasons=payload.reasons)
    return _fresh(draft_id, user)


@router.post(
    "/legislation/drafts/{draft_id}/topic", response={200: DraftDetailOut, **ERRS}, summary="提请州人民政府常务会议审议"
)
def request_topic(request: HttpRequest, draft_id: int) -> DraftDetailOut:
    user = current_user(request)
    adoption.request_topic(user, _draft(user, draft_id))
    return _fresh(draft_id, user)


@router.post(
    "/legislation/drafts/{draft_id}/deliberation",
    response={200: DraftDetailOut, **ERRS},
    summary="记录集体审议",
)
def deliberation(request: HttpRequest, draft_id: int, payload: DeliberationIn) -> DraftDetailOut:
    user = current_user(request)
    adoption.record_deliberation(
        user, _draft(user, draft_id), meeting_ref=payload.meeting_ref, held_on=payload.held_on, outcome=payload.outcome
    )
    return _fresh(draft_id, user)


@router.post(
    "/legislation/drafts/{draft_id}/document",
    response={200: DraftDetailOut, **ERRS},
    summary="转公文办理（审核、签发、登记印发）",
)
def prepare_document(request: HttpRequest, draft_id: int) -> DraftDetailOut:
    user = current_user(request)
    adoption.prepare_document(user, _draft(user, draft_id))
    return _fresh(draft_id, user)


@router.post(
    "/legislation/drafts/{draft_id}/unit-issue",
    response={200: DraftDetailOut, **ERRS},
    summary="部门规范性文件登记印发文号",
)
def unit_issue(request: HttpRequest, draft_id: int, payload: UnitIssueIn) -> DraftDetailOut:
    user = current_user(request)
    adoption.record_unit_issue(
        user, _draft(user, draft_id), doc_number=payload.doc_number, written_on=payload.written_on
    )
    return _fresh(draft_id, user)


@router.post(
    "/legislation/drafts/{draft_id}/publish",
    response={200: DraftDetailOut, **ERRS},
    summary="公布（列入政务公开队列，有效）",
)
def publish(request: HttpRequest, draft_id: int) -> DraftDetailOut:
    user = current_user(request)
    adoption.publish(user, _draft(user, draft_id))
    return _fresh(draft_id, user)


def _filing(user: AbstractBaseUser, filing_id: int) -> Filing:
    row = Filing.objects.filter(pk=filing_id).first()
    if row is None:
        raise HttpError(404, "没有这项备案。")
    _draft(user, row.draft_id)
    return row


@router.post("/legislation/filings/{filing_id}/file", response={200: DraftDetailOut, **ERRS}, summary="报送备案")
def file_filing(request: HttpRequest, filing_id: int, payload: FileIn) -> DraftDetailOut:
    user = current_user(request)
    row = _filing(user, filing_id)
    after.file_filing(user, row, reference=payload.reference)
    return _fresh(row.draft_id, user)


@router.post(
    "/legislation/filings/{filing_id}/review",
    response={200: DraftDetailOut, **ERRS},
    summary="司法局备案审查（部门规范性文件）",
)
def review_filing(request: HttpRequest, filing_id: int, payload: FilingReviewIn) -> DraftDetailOut:
    user = current_user(request)
    row = _filing(user, filing_id)
    after.review_filing(user, row, passed=payload.passed, note=payload.note)
    return _fresh(row.draft_id, user)


@router.post(
    "/legislation/drafts/{draft_id}/validity",
    response={200: DraftDetailOut, **ERRS},
    summary="有效性变化：已修改、失效、废止、撤销",
)
def validity(request: HttpRequest, draft_id: int, payload: ValidityIn) -> DraftDetailOut:
    user = current_user(request)
    related = _draft(user, payload.related_id) if payload.related_id else None
    after.change_validity(
        user,
        _draft(user, draft_id),
        validity=payload.validity,
        effective_on=payload.effective_on,
        reason=payload.reason,
        related=related,
    )
    return _fresh(draft_id, user)


@router.post(
    "/legislation/evaluations/{evaluation_id}/complete",
    response={200: DraftDetailOut, **ERRS},
    summary="完成实施后评估",
)
def complete_evaluation(request: HttpRequest, evaluation_id: int, payload: ReportIn) -> DraftDetailOut:
    user = current_user(request)
    row = RegulationEvaluation.objects.filter(pk=evaluation_id).first()
    if row is None:
        raise HttpError(404, "没有这项评估。")
    after.complete_evaluation(user, row, report=payload.report)
    return _fresh(row.draft_id, user)


class CleanupOut(Schema):
    id: int
    title: str
    closed: bool
    entries: list[dict[str, object]]


def _cleanup_out(c: Cleanup) -> CleanupOut:
    return CleanupOut(
        id=c.pk,
        title=c.title,
        closed=c.closed_at is not None,
        entries=[
            {
                "id": e.pk,
                "draft_id": e.draft_id,
                "title": e.draft.title,
                "unit": e.unit.code,
                "proposal": e.proposal,
                "decision": e.decision,
            }
            for e in c.entries.select_related("draft", "unit")
        ],
    )


@router.post("/legislation/cleanups", response={201: CleanupOut, **WRITE_ERRORS}, summary="开展规范性文件清理")
def start_cleanup(request: HttpRequest, payload: TitleIn) -> Status[CleanupOut]:
    return Status(201, _cleanup_out(after.start_cleanup(current_user(request), title=payload.title)))


def _entry(entry_id: int) -> CleanupEntry:
    row = CleanupEntry.objects.filter(pk=entry_id).first()
    if row is None:
        raise HttpError(404, "没有这项清理条目。")
    return row


@router.post(
    "/legislation/cleanup-entries/{entry_id}/proposal",
    response={200: CleanupOut, **ERRS},
    summary="制定单位提出清理意见",
)
def propose(request: HttpRequest, entry_id: int, payload: ProposalIn) -> CleanupOut:
    row = after.propose_cleanup(
        current_user(request), _entry(entry_id), proposal=payload.proposal, reason=payload.reason
    )
    return _cleanup_out(row.cleanup)


@router.post(
    "/legislation/cleanup-entries/{entry_id}/decision", response={200: CleanupOut, **ERRS}, summary="司法局审定清理结果"
)
def decide(request: HttpRequest, entry_id: int, payload: DecisionIn) -> CleanupOut:
    row = after.decide_cleanup(current_user(request), _entry(entry_id), decision=payload.decision, note=payload.note)
    return _cleanup_out(row.cleanup)


@router.post("/legislation/cleanups/{cleanup_id}/close", response={200: CleanupOut, **ERRS}, summary="结束清理")
def close_cleanup(request: HttpRequest, cleanup_id: int) -> CleanupOut:
    row = Cleanup.objects.filter(pk=cleanup_id).first()
    if row is None:
        raise HttpError(404, "没有这次清理。")
    return _cleanup_out(after.close_cleanup(current_user(request), row))


class CatalogueOut(Schema):
    released_on: dt.date | None
    entries: list[dict[str, str]]


@router.get("/legislation/catalogue", response={200: CatalogueOut, **READ_ERRORS}, summary="现行有效规范性文件目录")
def catalogue(request: HttpRequest) -> CatalogueOut:
    current_user(request)
    return CatalogueOut(released_on=None, entries=after.catalogue_entries())


@router.post("/legislation/catalogue", response={201: CatalogueOut, **WRITE_ERRORS}, summary="司法局公布规范性文件目录")
def publish_catalogue(request: HttpRequest) -> Status[CatalogueOut]:
    row = after.publish_catalogue(current_user(request))
    return Status(201, CatalogueOut(released_on=row.released_on, entries=row.entries))
