"""Official documents (公文, arts. 48–53): reading, submissions, countersign, outgoing documents.

Thin: every write calls the one action in :mod:`zhengwu.documents.actions` that the web UI calls, so
the rules, the audit record and the notices are the same.  Refusals are 403 with their articles,
bad input 422, a year with no calendar 409 (:mod:`zhengwu.apis.errors`).

Who may read a document is :func:`zhengwu.documents.services.documents_visible_to` (art. 61: a
document is visible only to those it is addressed, routed or distributed to).  A document the
caller may not read is a 404, whether or not it exists.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.contrib.auth.models import AbstractBaseUser, User
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status
from ninja.errors import HttpError

from zhengwu.apis.auth import current_user
from zhengwu.apis.documents_schemas import (
    AssignmentOut,
    BodyIn,
    CheckOut,
    CountersignIn,
    CountersignStatusOut,
    CountersignTaskOut,
    DeliveryOut,
    DocumentDetailOut,
    DocumentOut,
    DocumentPage,
    ExtensionDecisionIn,
    ExtensionIn,
    InboxItemOut,
    InboxPage,
    IssueIn,
    JointCountersignIn,
    LegalReviewIn,
    OfficeOpinionIn,
    OfficeReturnIn,
    OpinionOut,
    OutgoingIn,
    PassOnIn,
    ReplyIn,
    ReviewIn,
    SigningFactsIn,
    SigningOut,
    StatementIn,
    StepIn,
    SubmissionIn,
    TextIn,
    TodoList,
    TodoOut,
    UnitRef,
    VersionOut,
)
from zhengwu.apis.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    ActionOut,
    ErrorOut,
    Paging,
    PersonRef,
    actions_out,
    audit_out,
    decision_out,
    page_of,
)
from zhengwu.core.decisions import Decision, InvalidInput
from zhengwu.core.i18n import _
from zhengwu.documents import selectors
from zhengwu.documents.actions import countersign as countersign_actions
from zhengwu.documents.actions import intake, outgoing
from zhengwu.documents.models import (
    Classification,
    CountersignState,
    CountersignTask,
    Delivery,
    Direction,
    DocState,
    DocType,
    Document,
    ExtensionState,
    Flow,
    Opinion,
    OpinionKind,
    Urgency,
)
from zhengwu.documents.render import render_docx, render_pdf
from zhengwu.documents.rules.signing import SigningRequirement
from zhengwu.documents.services import (
    Viewer,
    copy_for,
    document_history,
    document_todos,
    document_visible_to,
    documents_visible_to,
)
from zhengwu.org.models import Person, Unit
from zhengwu.org.rules import ADMINISTRATORS
from zhengwu.org.services import positions_of
from zhengwu.rulebook.citing import cite

router = Router(tags=["documents"])

NOT_FOUND = "没有编号为{id}的公文，或您无权查看。"
TASK_NOT_FOUND = "没有编号为{id}的会签任务，或您无权查看。"
DELIVERY_NOT_FOUND = "没有编号为{id}的分送记录，或不是送给您所在单位的。"


# ---------------------------------------------------------------- who may read what
# :func:`zhengwu.documents.services.documents_visible_to` (art. 61), shared with the web pages.


def _unit_ids(user: AbstractBaseUser) -> set[int]:
    """The units the user works in today (a system administrator's seat gives no reading rights)."""
    return {p.unit_id for p in positions_of(user) if p.kind not in ADMINISTRATORS}


# ---------------------------------------------------------------- reading helpers


def _list_queryset() -> QuerySet[Document]:
    return Document.objects.select_related("issuer")


def _detail_queryset() -> QuerySet[Document]:
    return Document.objects.select_related(
        "issuer", "addressed_person", "signer", "rulebook_version", "created_by__person"
    ).prefetch_related(
        "main_recipients",
        "copy_recipients",
        "versions__created_by__person",
        "countersigns__unit",
        "countersigns__replied_by__person",
        "opinions__addressed_to",
        "deliveries__unit",
        "deliveries__received_by__person",
        "answers",
    )


def _get_visible(user: User, document_id: int, queryset: QuerySet[Document] | None = None) -> Document:
    queryset = queryset if queryset is not None else _detail_queryset()
    document = queryset.filter(pk=document_id).first()
    if document is None or not document_visible_to(user, document):
        raise HttpError(404, NOT_FOUND.format(id=document_id))
    return document


def _get_task(user: User, task_id: int) -> CountersignTask:
    task = CountersignTask.objects.select_related("unit", "document").filter(pk=task_id).first()
    if task is None or not document_visible_to(user, task.document):
        raise HttpError(404, TASK_NOT_FOUND.format(id=task_id))
    return task


def _name(user: AbstractBaseUser | None) -> str:
    if user is None:
        return ""
    person = getattr(user, "person", None)
    return person.name if isinstance(person, Person) else user.get_username()


def _label(
    choices: type[DocState]
    | type[DocType]
    | type[Flow]
    | type[Direction]
    | type[Classification]
    | type[Urgency]
    | type[CountersignState]
    | type[ExtensionState]
    | type[OpinionKind],
    value: str,
) -> str:
    return str(choices(value).label) if value in choices.values else value


def _unit(unit: Unit) -> UnitRef:
    return UnitRef(code=unit.code, name=unit.short_name or unit.name)


def _person(person: Person | None) -> PersonRef | None:
    return PersonRef(id=person.pk, name=person.name) if person is not None else None


def _out(d: Document) -> DocumentOut:
    return DocumentOut(
        id=d.pk,
        flow=d.flow,
        flow_label=_label(Flow, d.flow),
        doc_type=d.doc_type,
        doc_type_label=_label(DocType, d.doc_type),
        direction=d.direction,
        title=d.title,
        issuer=_unit(d.issuer),
        state=d.state,
        state_label=_label(DocState, d.state),
        number=d.number,
        classification=d.classification,
        urgency=d.urgency,
        created_at=d.created_at,
        signed_at=d.signed_at,
        issued_at=d.issued_at,
    )


def _task_out(
    t: CountersignTask, user: AbstractBaseUser, offered: Mapping[str, Decision] | None = None
) -> CountersignTaskOut:
    return CountersignTaskOut(
        id=t.pk,
        document_id=t.document_id,
        unit=_unit(t.unit),
        requested_at=t.requested_at,
        due=t.due,
        state=t.state,
        state_label=_label(CountersignState, t.state),
        reply=t.reply,
        replied_by=_name(t.replied_by),
        replied_at=t.replied_at,
        extension_state=t.extension_state,
        extension_state_label=_label(ExtensionState, t.extension_state),
        extension_until=t.extension_until,
        extension_reason=t.extension_reason,
        statement_signed_at=t.statement_signed_at,
        actions=actions_out(selectors.available_task_actions(user, t) if offered is None else offered),
    )


def _tasks_out(d: Document, user: AbstractBaseUser) -> list[CountersignTaskOut]:
    """The document's countersign tasks, each with what ``user`` may do on it now (read at once)."""
    tasks = list(d.countersigns.all())
    offered = selectors.task_actions_of(user, d, tasks)
    return [_task_out(t, user, offered[t.pk]) for t in tasks]


def _delivery_out(x: Delivery) -> DeliveryOut:
    return DeliveryOut(
        id=x.pk,
        document_id=x.document_id,
        unit=_unit(x.unit),
        copy_number=x.copy_number,
        is_copy=x.is_copy,
        delivered_at=x.delivered_at,
        received_at=x.received_at,
        received_by=_name(x.received_by),
        withdrawn_at=x.withdrawn_at,
        withdrawn_reason=x.withdrawn_reason,
    )


def _opinion_out(o: Opinion) -> OpinionOut:
    return OpinionOut(
        id=o.pk,
        kind=o.kind,
        kind_label=_label(OpinionKind, o.kind),
        text=o.text,
        author_name=o.author_name,
        author_position=o.author_position,
        addressed_to=_person(o.addressed_to),
        created_at=o.created_at,
    )


def _signing(d: Document) -> SigningOut | None:
    """Who must sign an outgoing document (art. 49), shown before anyone asks."""
    if d.flow != Flow.OUTGOING:
        return None
    return _signing_out(selectors.signing_requirement_for(d), d)


def _signing_out(requirement: SigningRequirement, d: Document) -> SigningOut:
    derived = selectors.derived_facts(d)
    return SigningOut(
        decision=decision_out(requirement.decision),
        who=requirement.who,
        summary=requirement.summary,
        signer_person_ids=sorted(requirement.signer_person_ids),
        blocked=requirement.blocked,
        basis=list(derived.basis),
        concerned_units=[UnitRef(code=u.code, name=u.name) for u in derived.concerned],
    )


def _assignment(d: Document) -> AssignmentOut | None:
    if d.flow != Flow.SUBMISSION:
        return None
    ref = (d.signing_facts or {}).get(selectors.ASSIGNMENT_KEY) or {}
    found = selectors.assignment_of(d)
    if found is None or not ref:
        return None
    return AssignmentOut(
        kind=found.kind,
        id=int(ref.get("opinion") or ref.get("document") or 0),
        label=found.label,
        leader_ids=sorted(found.leader_ids),
    )


def _detail(d: Document, user: AbstractBaseUser) -> DocumentDetailOut:
    return DocumentDetailOut(
        **_out(d).model_dump(),
        direction_label=_label(Direction, d.direction),
        classification_label=_label(Classification, d.classification),
        secrecy_period=d.secrecy_period,
        urgency_label=_label(Urgency, d.urgency),
        main_recipients=[_unit(u) for u in d.main_recipients.all()],
        copy_recipients=[_unit(u) for u in d.copy_recipients.all()],
        addressed_person=_person(d.addressed_person),
        answers_leader_assignment=d.answers_leader_assignment,
        leader_assignment=_assignment(d),
        skip_level_reason=str((d.signing_facts or {}).get(selectors.SKIP_LEVEL_KEY, ""))
        if d.flow == Flow.SUBMISSION
        else "",
        request_items=[str(i) for i in d.request_items or ()],
        replies_to=d.replies_to_id,
        answers=sorted(a.pk for a in d.answers.all()),
        signer=_person(d.signer),
        recheck_signer=_person(d.recheck_signer),
        co_issuers=[_unit(u) for u in d.co_issuers.order_by("sort_order", "code")],
        note=d.note,
        signing_facts=dict(d.signing_facts or {}),
        received_at=d.received_at,
        major=d.major,
        disagreement_reasons=d.disagreement_reasons,
        disagreement_proposal=d.disagreement_proposal,
        created_by=_name(d.created_by),
        rulebook=str(d.rulebook_version),
        versions=[
            VersionOut(
                number=v.number, body=v.body, created_by=_name(v.created_by), created_at=v.created_at, frozen=v.frozen
            )
            for v in d.versions.all()
        ],
        countersigns=_tasks_out(d, user),
        opinions=[_opinion_out(o) for o in d.opinions.all()],
        deliveries=[_delivery_out(x) for x in d.deliveries.all()],
        signing=_signing(d),
        history=[audit_out(r) for r in document_history(d)],
        actions=_actions(d, user),
    )


def _actions(d: Document, user: AbstractBaseUser) -> list[ActionOut]:
    """Every act of the document's workflow, and whether ``user`` may take it now (the page offers
    the same: :func:`zhengwu.documents.selectors.available_actions`)."""
    return actions_out(selectors.available_actions(user, d))


def _fresh(document_id: int, user: AbstractBaseUser) -> DocumentDetailOut:
    return _detail(_detail_queryset().get(pk=document_id), user)


# ---------------------------------------------------------------- input helpers


def _units(codes: Sequence[str], field: str) -> list[Unit]:
    """Units by code, in the order given; an unknown code is a 422 naming it."""
    wanted = [c.strip() for c in codes if c.strip()]
    found = {u.code: u for u in Unit.objects.filter(code__in=wanted)}
    missing = [c for c in wanted if c not in found]
    if missing:
        raise InvalidInput(_("没有代码为“{join}”的单位。", join="、".join(missing)), field=field)
    return [found[c] for c in dict.fromkeys(wanted)]


def _own_unit(user: AbstractBaseUser, code: str, field: str = "issuer") -> Unit:
    """The unit named by ``code``, or the caller's only unit when none is named."""
    if code.strip():
        return _units([code], field)[0]
    units = list(Unit.objects.filter(pk__in=_unit_ids(user)))
    if len(units) != 1:
        raise InvalidInput(_("请填写报送单位代码。"), field=field)
    return units[0]


def _assignment_target(opinion_id: int | None, document_id: int | None) -> Opinion | Document | None:
    """The 批示 or the document named as the leader's assignment (art. 48); the action checks that
    the caller can read it."""
    if opinion_id is not None and document_id is not None:
        raise InvalidInput(_("交办依据只注明一项：批示或公文。"), field="assignment_document_id")
    if opinion_id is not None:
        opinion = Opinion.objects.select_related("document").filter(pk=opinion_id).first()
        if opinion is None:
            raise InvalidInput(
                _("没有编号为{opinion_id}的批示，或您无权查看。", opinion_id=opinion_id), field="assignment_opinion_id"
            )
        return opinion
    if document_id is not None:
        document = Document.objects.filter(pk=document_id).first()
        if document is None:
            raise InvalidInput(NOT_FOUND.format(id=document_id), field="assignment_document_id")
        return document
    return None


def _person_by_id(person_id: int | None, field: str) -> Person | None:
    if person_id is None:
        return None
    person = Person.objects.select_related("user").filter(pk=person_id).first()
    if person is None:
        raise InvalidInput(_("没有编号为{person_id}的人员。", person_id=person_id), field=field)
    return person


# ---------------------------------------------------------------- reading


@router.get(
    "/documents",
    response={200: DocumentPage, **READ_ERRORS},
    summary="公文（本人可以查看的：本单位的、送本单位的、征求本单位会签的、呈批本人的）",
)
def list_documents(
    request: HttpRequest,
    paging: Query[Paging],
    flow: str = Query("", description="submission（来文）或 outgoing（发文）"),
    state: str = Query("", description="状态，如 submitted、received、routed、awaiting_signature、issued"),
    doc_type: str = Query("", description="文种，如 qingshi、baogao、pifu"),
    issuer: str = Query("", description="发文（报送）单位代码"),
    q: str = Query("", description="标题或发文字号包含"),
) -> DocumentPage:
    user = current_user(request)
    documents = documents_visible_to(user, _list_queryset()).order_by("-created_at", "-id")
    if flow:
        documents = documents.filter(flow=flow)
    if state:
        documents = documents.filter(state=state)
    if doc_type:
        documents = documents.filter(doc_type=doc_type)
    if issuer:
        documents = documents.filter(issuer__code=issuer)
    if q.strip():
        documents = documents.filter(Q(title__icontains=q.strip()) | Q(number__icontains=q.strip()))
    count, rows = page_of(documents, paging)
    return DocumentPage(count=count, items=[_out(d) for d in rows])


@router.get(
    "/documents/inbox",
    response={200: InboxPage, **READ_ERRORS},
    summary="收文箱：分送本人所在单位的公文（核发）",
)
def inbox(
    request: HttpRequest,
    paging: Query[Paging],
    received: bool | None = Query(None, description="true 已签收，false 未签收，不填全部"),
) -> InboxPage:
    user = current_user(request)
    deliveries = (
        Delivery.objects.filter(unit_id__in=_unit_ids(user), withdrawn_at__isnull=True)
        .select_related("unit", "received_by__person", "document__issuer")
        .order_by("-delivered_at", "-id")
    )
    if received is not None:
        deliveries = deliveries.filter(received_at__isnull=not received)
    count, rows = page_of(deliveries, paging)
    return InboxPage(
        count=count, items=[InboxItemOut(delivery=_delivery_out(x), document=_out(x.document)) for x in rows]
    )


# ---------------------------------------------------------------- submissions (来文)


@router.post(
    "/documents/submissions",
    response={201: DocumentDetailOut, **WRITE_ERRORS},
    summary="起草报送州人民政府的公文（请示、报告、意见）",
)
def create_submission(request: HttpRequest, payload: SubmissionIn) -> Status[DocumentDetailOut]:
    user = current_user(request)
    issuer = _own_unit(user, payload.issuer)
    mains = _units(payload.main_recipients, "main_recipients")
    copies = _units(payload.copy_recipients, "copy_recipients")
    addressed = _person_by_id(payload.addressed_person_id, "addressed_person_id")
    assignment = _assignment_target(payload.assignment_opinion_id, payload.assignment_document_id)
    document = intake.create_submission(
        user,
        issuer,
        payload.doc_type,
        payload.title,
        payload.body,
        payload.request_items,
        mains,
        copies,
        addressed_person=addressed,
        leader_assignment=assignment,
        classification=payload.classification,
        urgency=payload.urgency,
        skip_level_reason=payload.skip_level_reason,
    )
    return Status(201, _fresh(document.pk, user))


@router.put(
    "/documents/{document_id}/body",
    response={200: DocumentDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="修改正文（新版本；退回的来文按退文理由修改）",
)
def revise(request: HttpRequest, document_id: int, payload: BodyIn) -> DocumentDetailOut:
    user = current_user(request)
    document = _get_visible(user, document_id, Document.objects.all())
    if document.flow == Flow.OUTGOING:
        concerned = payload.concerned_units
        outgoing.revise_outgoing(
            user,
            document,
            payload.body,
            title=payload.title,
            concerned_units=[u.code for u in _units(concerned, "concerned_units")] if concerned is not None else None,
        )
    else:
        assignment = _assignment_target(payload.assignment_opinion_id, payload.assignment_document_id)
        keep = assignment is None and not payload.clear_assignment
        intake.revise(
            user,
            document,
            payload.body,
            title=payload.title,
            request_items=payload.request_items,
            leader_assignment=intake.KEEP if keep else assignment,
            skip_level_reason=payload.skip_level_reason,
            main_recipients=_units(payload.main_recipients, "main_recipients")
            if payload.main_recipients is not None
            else None,
            copy_recipients=_units(payload.copy_recipients, "copy_recipients")
            if payload.copy_recipients is not None
            else None,
            classification=payload.classification,
            urgency=payload.urgency,
        )
    return _fresh(document_id, user)


@router.post(
    "/documents/{document_id}/sign-and-submit",
    response={200: DocumentDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="单位行政主要负责人（或代理）签发并报送；退回后修改的为重新报送",
)
def sign_and_submit(request: HttpRequest, document_id: int) -> DocumentDetailOut:
    user = current_user(request)
    intake.sign_and_submit(user, _get_visible(user, document_id, Document.objects.all()))
    return _fresh(document_id, user)


@router.post(
    "/documents/{document_id}/receive",
    response={200: DocumentDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="政府办公室签收登记",
)
def receive(request: HttpRequest, document_id: int) -> DocumentDetailOut:
    user = current_user(request)
    intake.receive(user, _get_visible(user, document_id, Document.objects.all()))
    return _fresh(document_id, user)


@router.post(
    "/documents/{document_id}/check",
    response={200: CheckOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="初审：未通过的附理由退回",
)
def check(request: HttpRequest, document_id: int) -> CheckOut:
    user = current_user(request)
    result = intake.check(user, _get_visible(user, document_id, Document.objects.all()))
    return CheckOut(
        passed=result.passed,
        decisions=[decision_out(d) for d in result.decisions],
        reasons=result.reasons,
        document=_fresh(document_id, user),
    )


@router.post(
    "/documents/{document_id}/office-return",
    response={200: DocumentDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="退文：属部门职权范围不以州人民政府或办公室名义发文、已有规定不再发文、没有实质内容，"
    "或其他不符合要求的，附理由退回报文单位；报文单位修改后重新报送",
)
def office_return(request: HttpRequest, document_id: int, payload: OfficeReturnIn) -> DocumentDetailOut:
    user = current_user(request)
    intake.office_return(user, _get_visible(user, document_id, Document.objects.all()), payload.grounds, payload.reason)
    return _fresh(document_id, user)


@router.post(
    "/documents/{document_id}/office-opinion",
    response={200: DocumentDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="拟办并按分工呈批；重大事项呈州长",
)
def office_opinion(request: HttpRequest, document_id: int, payload: OfficeOpinionIn) -> DocumentDetailOut:
    user = current_user(request)
    intake.write_office_opinion(
        user, _get_visible(user, document_id, Document.objects.all()), payload.text, major=payload.major
    )
    return _fresh(document_id, user)


@router.post(
    "/documents/{document_id}/pass-on",
    response={200: DocumentDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="转请其他政府领导同志核批",
)
def pass_on(request: HttpRequest, document_id: int, payload: PassOnIn) -> DocumentDetailOut:
    user = current_user(request)
    document = _get_visible(user, document_id, Document.objects.all())
    to_person = _person_by_id(payload.to_person_id, "to_person_id")
    assert to_person is not None
    intake.pass_on(user, document, to_person, payload.text)
    return _fresh(document_id, user)


@router.post(
    "/documents/{document_id}/instruct",
    response={200: DocumentDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="领导批示",
)
def instruct(request: HttpRequest, document_id: int, payload: TextIn) -> DocumentDetailOut:
    user = current_user(request)
    intake.instruct(user, _get_visible(user, document_id, Document.objects.all()), payload.text)
    return _fresh(document_id, user)


# ---------------------------------------------------------------- countersign (会签, art. 50)


@router.post(
    "/documents/{document_id}/countersign",
    response={201: DocumentDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="征求相关部门会签，7个工作日内回复或按主办单位确定的期限",
)
def request_countersign(request: HttpRequest, document_id: int, payload: CountersignIn) -> Status[DocumentDetailOut]:
    user = current_user(request)
    document = _get_visible(user, document_id, Document.objects.all())
    countersign_actions.request_countersign(user, document, _units(payload.units, "units"), payload.due)
    return Status(201, _fresh(document_id, user))


@router.get(
    "/documents/{document_id}/countersign-status",
    response={200: CountersignStatusOut, 404: ErrorOut, **READ_ERRORS},
    summary="会签是否完成、可否报送",
)
def countersign_status(request: HttpRequest, document_id: int) -> CountersignStatusOut:
    user = current_user(request)
    document = _get_visible(user, document_id)
    return CountersignStatusOut(
        decision=decision_out(selectors.countersign_status(document)),
        tasks=_tasks_out(document, user),
    )


@router.post(
    "/documents/{document_id}/disagreement-statement",
    response={200: DocumentDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="主办单位列明各方理据、提出办理建议",
)
def disagreement_statement(request: HttpRequest, document_id: int, payload: StatementIn) -> DocumentDetailOut:
    user = current_user(request)
    document = _get_visible(user, document_id, Document.objects.all())
    countersign_actions.write_disagreement_statement(user, document, payload.reasons, payload.proposal)
    return _fresh(document_id, user)


@router.post(
    "/countersigns/{task_id}/reply",
    response={200: CountersignTaskOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="会签单位负责人回复：同意、原则同意（附意见）或不同意（附理由）",
)
def reply(request: HttpRequest, task_id: int, payload: ReplyIn) -> CountersignTaskOut:
    user = current_user(request)
    task = countersign_actions.reply(user, _get_task(user, task_id), payload.state, payload.text)
    return _task_out(task, user)


@router.post(
    "/countersigns/{task_id}/extension",
    response={200: CountersignTaskOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="会签单位申请延期回复",
)
def request_extension(request: HttpRequest, task_id: int, payload: ExtensionIn) -> CountersignTaskOut:
    user = current_user(request)
    task = countersign_actions.request_extension(user, _get_task(user, task_id), payload.until, payload.reason)
    return _task_out(task, user)


@router.post(
    "/countersigns/{task_id}/extension/decision",
    response={200: CountersignTaskOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="主办单位同意或不同意延期",
)
def decide_extension(request: HttpRequest, task_id: int, payload: ExtensionDecisionIn) -> CountersignTaskOut:
    user = current_user(request)
    task = countersign_actions.decide_extension(user, _get_task(user, task_id), payload.grant)
    return _task_out(task, user)


@router.post(
    "/countersigns/{task_id}/sign-statement",
    response={200: CountersignTaskOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="有分歧的会签单位负责人会签分歧说明",
)
def sign_statement(request: HttpRequest, task_id: int) -> CountersignTaskOut:
    user = current_user(request)
    task = countersign_actions.sign_statement(user, _get_task(user, task_id))
    return _task_out(task, user)


# ---------------------------------------------------------------- outgoing (发文, arts. 49, 52)


def _signing_facts(facts: SigningFactsIn | None) -> dict[str, object]:
    """The art. 49 facts as given (defaults left out, unknown keys kept for the action to refuse by
    name), with the concerned units checked."""
    if facts is None:
        return {}
    given = facts.model_dump(exclude_unset=True)
    given.update(facts.model_extra or {})
    if "concerned_units" in given:
        given["concerned_units"] = [u.code for u in _units(facts.concerned_units, "signing_facts.concerned_units")]
    return given


def _no_unknown_fields(payload: OutgoingIn) -> None:
    unknown = sorted(payload.model_extra or {})
    if unknown:
        raise InvalidInput(_("无法识别的字段：{join}。", join="、".join(unknown)), field=unknown[0])


@router.post(
    "/documents/outgoing",
    response={201: DocumentDetailOut, **WRITE_ERRORS},
    summary="起草发文（州人民政府的由政府办公室起草）；答复来文的批复、函注明所答复的来文",
)
def draft_outgoing(request: HttpRequest, payload: OutgoingIn) -> Status[DocumentDetailOut]:
    user = current_user(request)
    _no_unknown_fields(payload)
    issuer = _units([payload.issuer], "issuer")[0] if payload.issuer.strip() else None
    if issuer is None:
        raise InvalidInput(_("请填写发文机关代码。"), field="issuer")
    mains = _units(payload.main_recipients, "main_recipients")
    copies = _units(payload.copy_recipients, "copy_recipients")
    co_issuers = _units(payload.co_issuers, "co_issuers")
    replies_to = None
    if payload.replies_to is not None:
        replies_to = documents_visible_to(user).filter(pk=payload.replies_to).first()
        if replies_to is None:
            raise InvalidInput(NOT_FOUND.format(id=payload.replies_to), field="replies_to")
    document = outgoing.draft_outgoing(
        user,
        issuer,
        payload.doc_type,
        payload.title,
        payload.body,
        mains,
        copies,
        signing_facts=_signing_facts(payload.signing_facts),
        replies_to=replies_to,
        classification=payload.classification,
        urgency=payload.urgency,
        co_issuers=co_issuers,
        secrecy_period=payload.secrecy_period,
        note=payload.note,
        disclosure=payload.disclosure,
        disclosure_reason=payload.disclosure_reason,
    )
    return Status(201, _fresh(document.pk, user))


@router.post(
    "/documents/{document_id}/submit-for-review",
    response={200: DocumentDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="送政府办公室审核",
)
def submit_for_review(request: HttpRequest, document_id: int) -> DocumentDetailOut:
    user = current_user(request)
    outgoing.submit_for_review(user, _get_visible(user, document_id, Document.objects.all()))
    return _fresh(document_id, user)


@router.post(
    "/documents/{document_id}/review",
    response={200: DocumentDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="办公室审核：通过送签，或附理由退回修改（第五十一、五十二条）",
)
def review(request: HttpRequest, document_id: int, payload: ReviewIn) -> DocumentDetailOut:
    user = current_user(request)
    outgoing.review(user, _get_visible(user, document_id, Document.objects.all()), payload.approve, payload.opinion)
    return _fresh(document_id, user)


@router.get(
    "/documents/{document_id}/signing",
    response={200: SigningOut, 404: ErrorOut, **READ_ERRORS},
    summary="谁签发本件：按《工作规则》的签发权限、当天的任职和代理安排算出",
)
def signing(request: HttpRequest, document_id: int) -> SigningOut:
    document = _get_visible(current_user(request), document_id, Document.objects.select_related("issuer"))
    if document.flow != Flow.OUTGOING:
        raise InvalidInput(
            _(
                "报送州人民政府的来文由报送单位行政主要负责人签发{cite}，请使用 sign-and-submit。",
                cite=cite("signing.unit_document"),
            ),
            field="document_id",
        )
    return _signing_out(selectors.signing_requirement_for(document), document)


@router.post(
    "/documents/{document_id}/signing-step",
    response={200: DocumentDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="签发前的审核、提出意见、同意",
)
def signing_step(request: HttpRequest, document_id: int, payload: StepIn) -> DocumentDetailOut:
    user = current_user(request)
    outgoing.record_signing_step(user, _get_visible(user, document_id, Document.objects.all()), payload.text)
    return _fresh(document_id, user)


@router.post(
    "/documents/{document_id}/joint-countersign",
    response={200: DocumentDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="联合发文会签：联合发文机关负责人（或代理）会签现行版本",
)
def joint_countersign(request: HttpRequest, document_id: int, payload: JointCountersignIn) -> DocumentDetailOut:
    user = current_user(request)
    outgoing.countersign_joint(user, _get_visible(user, document_id, Document.objects.all()), payload.text)
    return _fresh(document_id, user)


@router.post(
    "/documents/{document_id}/legal-review",
    response={200: DocumentDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="合作协议合法性审核：司法局工作人员审核现行版本，通过后方能签署",
)
def legal_review(request: HttpRequest, document_id: int, payload: LegalReviewIn) -> DocumentDetailOut:
    user = current_user(request)
    outgoing.record_legal_review(
        user, _get_visible(user, document_id, Document.objects.all()), payload.passed, payload.opinion
    )
    return _fresh(document_id, user)


@router.post(
    "/documents/{document_id}/sign",
    response={200: DocumentDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="签发（签批）：只有《工作规则》规定的签发人可以（代理安排已计入）",
)
def sign(request: HttpRequest, document_id: int) -> DocumentDetailOut:
    user = current_user(request)
    outgoing.sign(user, _get_visible(user, document_id, Document.objects.all()))
    return _fresh(document_id, user)


@router.post(
    "/documents/{document_id}/issue",
    response={200: DocumentDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="登记编号（发文字号不重不漏）、印发并网上分送各收文单位",
)
def issue(request: HttpRequest, document_id: int, payload: IssueIn) -> DocumentDetailOut:
    user = current_user(request)
    outgoing.issue(user, _get_visible(user, document_id, Document.objects.all()), payload.number_kind)
    return _fresh(document_id, user)


@router.post(
    "/deliveries/{delivery_id}/receive",
    response={200: DeliveryOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="收文单位签收分送来的公文",
)
def receive_delivery(request: HttpRequest, delivery_id: int) -> DeliveryOut:
    user = current_user(request)
    delivery = Delivery.objects.select_related("document").filter(pk=delivery_id).first()
    if delivery is None or not document_visible_to(user, delivery.document):
        raise HttpError(404, DELIVERY_NOT_FOUND.format(id=delivery_id))
    outgoing.receive_delivery(user, delivery)
    return _delivery_out(Delivery.objects.select_related("unit", "received_by__person").get(pk=delivery_id))


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
COPY_NOTE = (
    "收文单位取得本单位的一份（印份号）；delivery 指定收文箱中的分送记录；发文机关、办公室取得存档本（涉密公文印份号）"
)


def _rendered(request: HttpRequest, document_id: int, delivery: int | None, kind: str) -> HttpResponse:
    user = current_user(request)
    document = _get_visible(user, document_id, _detail_queryset())
    copy = copy_for(user, document, delivery)
    layout = outgoing.layout_for(document, copy)
    content, mime = (render_pdf(layout), "application/pdf") if kind == "pdf" else (render_docx(layout), DOCX_TYPE)
    response = HttpResponse(content, content_type=mime)
    name = f"document-{document.pk}" + (f"-{copy.copy_number:06d}" if copy else "") + f".{kind}"
    response["Content-Disposition"] = f'{"inline" if kind == "pdf" else "attachment"}; filename="{name}"'
    return response


@router.get(
    "/documents/{document_id}/pdf",
    response={404: ErrorOut, **READ_ERRORS},
    summary="按 GB/T 9704-2012 排版的 PDF（份号、密级和保密期限、联合行文的发文机关标志）",
    openapi_extra={"responses": {"200": {"description": "PDF", "content": {"application/pdf": {}}}}},
)
def pdf(
    request: HttpRequest, document_id: int, delivery: int | None = Query(None, description=COPY_NOTE)
) -> HttpResponse:
    return _rendered(request, document_id, delivery, "pdf")


@router.get(
    "/documents/{document_id}/docx",
    response={404: ErrorOut, **READ_ERRORS},
    summary="按 GB/T 9704-2012 排版的 DOCX（可编辑），与 PDF 同一版式",
    openapi_extra={"responses": {"200": {"description": "DOCX", "content": {DOCX_TYPE: {}}}}},
)
def docx(
    request: HttpRequest, document_id: int, delivery: int | None = Query(None, description=COPY_NOTE)
) -> HttpResponse:
    return _rendered(request, document_id, delivery, "docx")


@router.get(
    "/documents/todos",
    response={200: TodoList, **READ_ERRORS},
    summary="公文待办：会签、分歧说明会签、签收初审拟办、呈批、待签发、签收来文等（与公文页的待办同一清单）",
)
def todos(request: HttpRequest) -> TodoList:
    items = document_todos(Viewer.of(current_user(request)))
    return TodoList(
        count=len(items),
        items=[TodoOut(kind=t.kind, what=t.what, note=t.note, due=t.due, document=_out(t.document)) for t in items],
    )


# Last: the path /documents/{document_id} would otherwise catch /documents/submissions and
# /documents/outgoing (ninja's path parameters match any segment).


@router.get(
    "/documents/{document_id}",
    response={200: DocumentDetailOut, 404: ErrorOut, **READ_ERRORS},
    summary="公文：要素、各版正文、会签、意见、分送、签发人及审计记录",
)
def get_document(request: HttpRequest, document_id: int) -> DocumentDetailOut:
    user = current_user(request)
    return _detail(_get_visible(user, document_id), user)
