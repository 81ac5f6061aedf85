"""API for the requests approved in advance: publications, inscriptions, speeches and signed
articles (art. 57), outbound delegations (art. 59), meetings with foreign guests (art. 60).

Thin: every write calls the same action the pages call.  Refusals are 403 with their articles, a
step taken from the wrong state 409 with its article, bad input 422 (:mod:`zhengwu.apis.errors`).
"""

from __future__ import annotations

import datetime as dt

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
from zhengwu.approvals import actions, selectors
from zhengwu.approvals.models import GROUPS, ApprovalRequest
from zhengwu.core.decisions import InvalidInput
from zhengwu.core.i18n import _
from zhengwu.org.models import Unit

router = Router(tags=["approvals"])


class ApprovalOut(ProvisionalDues):
    id: int
    kind: str
    kind_label: str
    title: str
    summary: str
    counterpart: str = Field(description="出版单位、发表媒体或致贺对象；来宾；出访国家（地区）")
    unit: str = Field(description="报批单位代码")
    author: str = Field(description="报批人（出版、讲话、署名文章）")
    planned_on: dt.date | None = Field(description="拟定日期：会见日期、出发日期或拟发表日期")
    planned_return: dt.date | None = Field(description="拟返回日期（出访）")
    members: int | None
    important: bool = Field(description="重要来宾：州长或常务副州长同意后报州党委审批")
    approver: str = Field(description="审批机关：governor、governor_or_executive 或 party_committee")
    state: str
    state_label: str
    review_opinion: str
    decision_note: str
    decided_as: str = Field(description="代理审批时的身份，如「张建华（常务副州长，代州长）」")
    committee_answer: str
    approved_on: dt.date | None
    published_on: dt.date | None
    returned_on: dt.date | None
    report_due: dt.date | None
    report_due_provisional: bool = provisional_flag()
    reported_on: dt.date | None
    overdue: bool
    demo: bool
    actions: list[ActionOut] = Field(
        default_factory=list, description="调用者现在可否办理各项操作及其依据（详情与办理后的答复；列表中为空）"
    )


class ApprovalPage(Schema):
    count: int
    items: list[ApprovalOut]


def _out(r: ApprovalRequest, user: AbstractBaseUser | None = None) -> ApprovalOut:
    return ApprovalOut(
        id=r.pk,
        kind=r.kind,
        kind_label=str(r.get_kind_display()),
        title=r.title,
        summary=r.summary,
        counterpart=r.counterpart,
        unit=r.unit.code,
        author=r.author.name if r.author else "",
        planned_on=r.planned_on,
        planned_return=r.until,
        members=r.members,
        important=r.important,
        approver=r.approver,
        state=r.state,
        state_label=str(r.get_state_display()),
        review_opinion=r.review_opinion,
        decision_note=r.decision_note,
        decided_as=r.decided_as,
        committee_answer=r.committee_answer,
        approved_on=r.approved_on,
        published_on=r.published_on,
        returned_on=r.returned_on,
        report_due=r.report_due,
        reported_on=r.reported_on,
        overdue=r.overdue,
        demo=r.is_demo,
        actions=actions_out(selectors.available_actions(user, r)) if user is not None else [],
    )


def _get(request: HttpRequest, request_id: int) -> ApprovalRequest:
    """The request, if the caller may see it: one they may not answers 404, as a missing one."""
    rows = selectors.requests_visible_to(current_user(request))
    return get_object_or_404(rows.select_related("unit", "author", "rulebook_version"), pk=request_id)


class ApprovalIn(Schema):
    kind: str = Field(
        description="book、congratulation、inscription、speech、signed_article（出版、题词、讲话和署名文章）；"
        "delegation（因公出国（境））；foreign_meeting（会见外宾）"
    )
    title: str
    summary: str = ""
    counterpart: str = Field("", description="出版单位、发表媒体或致贺对象；来宾；出访国家（地区）")
    unit: str = Field("", description="报批单位代码（外事、出访）；不填为本人所在单位")
    planned_on: dt.date | None = Field(None, description="会见日期或出发日期")
    planned_return: dt.date | None = Field(None, description="拟返回日期（出访）")
    members: int | None = Field(None, description="团组人数（出访）")
    important: bool = Field(False, description="重要来宾（会见外宾）")


class OpinionIn(Schema):
    opinion: str


class DecisionIn(Schema):
    approve: bool
    note: str = ""


class NoteIn(Schema):
    note: str = ""


class AnswerIn(Schema):
    approve: bool
    answer: str


class PublicationIn(Schema):
    published_on: dt.date | None = None
    where: str = ""


class ReturnIn(Schema):
    returned_on: dt.date | None = None


class ReportIn(Schema):
    report: str
    reported_on: dt.date | None = None


@router.get("/approvals", response={200: ApprovalPage, **READ_ERRORS}, summary="报批事项（出版讲话、会见外宾、出访）")
def list_requests(request: HttpRequest, paging: Query[Paging], group: str = "", state: str = "") -> ApprovalPage:
    rows = selectors.requests_visible_to(current_user(request)).select_related("unit", "author", "rulebook_version")
    if group:
        if group not in GROUPS:
            raise InvalidInput(_("没有这类报批事项。"), field="group")
        rows = rows.filter(kind__in=GROUPS[group])
    if state:
        rows = rows.filter(state=state)
    count, items = page_of(rows.order_by("-created_at", "-id"), paging)
    return ApprovalPage(count=count, items=[_out(r) for r in items])


@router.get(
    "/approvals/{request_id}", response={200: ApprovalOut, 404: ErrorOut, **READ_ERRORS}, summary="报批事项详情"
)
def get_request(request: HttpRequest, request_id: int) -> ApprovalOut:
    return _out(_get(request, request_id), current_user(request))


@router.post("/approvals", response={201: ApprovalOut, **WRITE_ERRORS}, summary="报批")
def submit(request: HttpRequest, payload: ApprovalIn) -> Status[ApprovalOut]:
    unit = None
    if payload.unit.strip():
        unit = Unit.objects.filter(code=payload.unit.strip()).first()
        if unit is None:
            raise InvalidInput(_("没有代码为“{code}”的单位。", code=payload.unit), field="unit")
    r = actions.submit_request(
        current_user(request),
        kind=payload.kind,
        title=payload.title,
        summary=payload.summary,
        counterpart=payload.counterpart,
        unit=unit,
        planned_on=payload.planned_on,
        until=payload.planned_return,
        members=payload.members,
        important=payload.important,
    )
    return Status(201, _out(_get(request, r.pk), current_user(request)))


def _answer(request: HttpRequest, r: ApprovalRequest) -> ApprovalOut:
    return _out(_get(request, r.pk), current_user(request))


@router.post(
    "/approvals/{request_id}/review",
    response={200: ApprovalOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="外事办审核，提出安排意见",
)
def review(request: HttpRequest, request_id: int, payload: OpinionIn) -> ApprovalOut:
    return _answer(request, actions.review(current_user(request), _get(request, request_id), payload.opinion))


@router.post(
    "/approvals/{request_id}/decision",
    response={200: ApprovalOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="审批（重要来宾同意后报州党委）",
)
def decide(request: HttpRequest, request_id: int, payload: DecisionIn) -> ApprovalOut:
    return _answer(
        request, actions.decide(current_user(request), _get(request, request_id), payload.approve, payload.note)
    )


@router.post(
    "/approvals/{request_id}/referral",
    response={200: ApprovalOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="报州党委审批",
)
def refer(request: HttpRequest, request_id: int, payload: NoteIn) -> ApprovalOut:
    return _answer(request, actions.refer(current_user(request), _get(request, request_id), payload.note))


@router.post(
    "/approvals/{request_id}/committee-answer",
    response={200: ApprovalOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="记录州党委审批结果",
)
def answer(request: HttpRequest, request_id: int, payload: AnswerIn) -> ApprovalOut:
    return _answer(
        request,
        actions.record_answer(current_user(request), _get(request, request_id), payload.approve, payload.answer),
    )


@router.post(
    "/approvals/{request_id}/publication",
    response={200: ApprovalOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="记录经批准后发表（出版、致贺、题词）",
)
def publish(request: HttpRequest, request_id: int, payload: PublicationIn) -> ApprovalOut:
    return _answer(
        request,
        actions.record_publication(
            current_user(request), _get(request, request_id), payload.published_on, payload.where
        ),
    )


@router.post(
    "/approvals/{request_id}/return",
    response={200: ApprovalOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="记录出访团组回国（境），出访报告期限起算",
)
def record_return(request: HttpRequest, request_id: int, payload: ReturnIn) -> ApprovalOut:
    return _answer(
        request, actions.record_return(current_user(request), _get(request, request_id), payload.returned_on)
    )


@router.post(
    "/approvals/{request_id}/report",
    response={200: ApprovalOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="报送出访报告",
)
def report(request: HttpRequest, request_id: int, payload: ReportIn) -> ApprovalOut:
    return _answer(
        request,
        actions.submit_report(current_user(request), _get(request, request_id), payload.report, payload.reported_on),
    )
