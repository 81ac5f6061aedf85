"""公文 (arts. 48–53): the to-do list and registers, a new submission, a new outgoing document, the
document page with its countersign table, timeline and the actions open to the viewer, and the
issued document as PDF or DOCX.

Views parse, call the actions in :mod:`zhengwu.documents.actions` and render.  Who may see a
document is answered by :func:`documents_visible_to` (issuer's staff, recipients' staff, the
office, leaders it is routed to or who must sign it, units asked to countersign, units it was
delivered to).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.core.i18n import _
from zhengwu.documents import selectors
from zhengwu.documents.actions import countersign as cs_actions
from zhengwu.documents.actions import intake, outgoing
from zhengwu.documents.models import (
    CountersignTask,
    Delivery,
    Disclosure,
    DocState,
    DocType,
    Document,
    Flow,
)
from zhengwu.documents.render import render_docx, render_pdf
from zhengwu.documents.rules.outgoing import default_number_kind
from zhengwu.documents.rules.signing import SigningRequirement
from zhengwu.documents.rules.titles import answer_title
from zhengwu.documents.services import (
    ROUTING_KINDS,
    Viewer,
    assignable_documents,
    assignable_instructions,
    copy_for,
    document_timeline,
    document_todos,
    document_visible_to,
)
from zhengwu.documents.services import documents_visible_to as visible_documents
from zhengwu.org.models import Person, Unit, UnitKind
from zhengwu.org.rules import GOVERNMENT_LEADERS
from zhengwu.web import forms_documents as f
from zhengwu.web.helpers import actor, explain, is_htmx

PAGE_SIZE = 30
SIGNING_STATES = [DocState.REVIEWING, DocState.AWAITING_SIGNATURE]
TABS = {"todo": "待办", "inbox": "收文", "outgoing": "发文", "incoming": "来文"}


# ---------------------------------------------------------------- who is looking
# Viewer (who is looking: units, office, leader, headed units) lives in zhengwu.documents.services,
# shared with the API.


def viewer_of(request: HttpRequest) -> Viewer:
    return Viewer.of(actor(request))


def documents_visible_to(viewer: Viewer, documents: QuerySet[Document] | None = None) -> QuerySet[Document]:
    """The documents ``viewer`` may read (art. 61): :func:`zhengwu.documents.services.documents_visible_to`,
    the one query the pages and the API share (one document: :func:`may_view`)."""
    return visible_documents(viewer.user, documents)


def may_view(viewer: Viewer, document: Document) -> bool:
    return document_visible_to(viewer.user, document)


def _requirement(document: Document) -> tuple[SigningRequirement | None, str]:
    """Who must sign (art. 49), or the sentence saying why it cannot be told."""
    try:
        return selectors.signing_requirement_for(document), ""
    except InvalidInput as exc:
        return None, exc.localized_message


def _visible(request: HttpRequest, pk: int) -> tuple[Viewer, Document]:
    document = get_object_or_404(
        Document.objects.select_related("issuer", "signer", "replies_to", "rulebook_version", "addressed_person"),
        pk=pk,
    )
    viewer = viewer_of(request)
    if not may_view(viewer, document):
        raise Http404("没有这份公文，或您无权查看。")
    return viewer, document


# ---------------------------------------------------------------- to-dos
# document_todos (what needs the viewer, 待办) lives in zhengwu.documents.services, shared with the API.


# ---------------------------------------------------------------- the list


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    tab = request.GET.get("tab", "todo")
    if tab not in TABS:
        tab = "todo"
    filters = f.ListFilterForm(request.GET or None)
    state = q = ""
    if filters.is_valid():
        state, q = filters.cleaned_data["state"], filters.cleaned_data["q"].strip()
    context: dict[str, Any] = {"tab": tab, "tabs": TABS, "filters": filters, "viewer": viewer}
    query = "&".join(f"{k}={v}" for k, v in (("tab", tab), ("state", state), ("q", q)) if v)
    context["query"] = query
    if tab == "todo":
        context["todos"] = document_todos(viewer)
    elif tab == "inbox":
        deliveries = (
            Delivery.objects.filter(unit_id__in=viewer.recipient_unit_ids, withdrawn_at__isnull=True)
            .select_related("document__issuer", "unit")
            .order_by("-delivered_at", "-id")
        )
        if q:
            deliveries = deliveries.filter(Q(document__title__icontains=q) | Q(document__number__icontains=q))
        context["page"] = Paginator(deliveries, PAGE_SIZE).get_page(request.GET.get("page"))
    else:
        flow = Flow.OUTGOING if tab == "outgoing" else Flow.SUBMISSION
        documents = documents_visible_to(viewer, Document.objects.filter(flow=flow))
        if state:
            documents = documents.filter(state=state)
        if q:
            documents = documents.filter(Q(title__icontains=q) | Q(number__icontains=q))
        documents = documents.select_related("issuer").prefetch_related("main_recipients")
        context["page"] = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    context["may_submit"] = bool(_drafting_units(viewer, Flow.SUBMISSION).exists())
    context["may_draft_outgoing"] = bool(viewer.unit_ids)
    return render(request, "web/documents/list.html", context)


# ---------------------------------------------------------------- a new submission


def _drafting_units(viewer: Viewer, flow: str) -> QuerySet[Unit]:
    """Units the viewer drafts for: their own (not the government's, whose documents the office drafts)."""
    own = Unit.objects.filter(pk__in=viewer.unit_ids).order_by("sort_order")
    if flow == Flow.SUBMISSION:
        return own.exclude(kind__in=[UnitKind.GOVERNMENT, UnitKind.SUPERIOR, UnitKind.OFFICE])
    if viewer.is_office:
        return Unit.objects.filter(Q(pk__in=viewer.unit_ids) | Q(kind=UnitKind.GOVERNMENT)).order_by("sort_order")
    return own.exclude(kind=UnitKind.GOVERNMENT)


def _government() -> Unit | None:
    return Unit.objects.filter(kind=UnitKind.GOVERNMENT).order_by("sort_order").first()


def _refusal_status(exc: Refused | InvalidInput) -> int:
    return 403 if isinstance(exc, Refused) else 400


def _field_error(form: forms.Form, exc: InvalidInput, aliases: dict[str, str] | None = None) -> None:
    name = (aliases or {}).get(exc.field, exc.field)
    if name in form.fields:
        form.add_error(name, exc.localized_message)


@login_required
def document_new(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    issuers = _drafting_units(viewer, Flow.SUBMISSION)
    errors: list[str] = []
    status = 200
    choices: dict[str, Any] = {
        "leaders": _leaders(viewer),
        "instructions": assignable_instructions(viewer.user),
        "assigning": assignable_documents(viewer.user),
    }
    if request.method == "POST":
        form = f.SubmissionForm(request.POST, issuers=issuers if issuers.exists() else None, **choices)
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    document = intake.create_submission(
                        viewer.user,
                        data["issuer"],
                        data["doc_type"],
                        data["title"],
                        data["body"],
                        f.lines(data["request_items"]),
                        [data["main_recipient"]],
                        list(data["copy_recipients"]),
                        classification=data["classification"],
                        urgency=data["urgency"],
                        addressed_person=data["addressed_person"],
                        leader_assignment=form.leader_assignment(),
                        skip_level_reason=data["skip_level_reason"],
                    )
                    if data["countersign_units"]:
                        cs_actions.request_countersign(viewer.user, document, list(data["countersign_units"]))
            except (Refused, InvalidInput) as exc:
                errors, status = explain(exc), _refusal_status(exc)
                if isinstance(exc, InvalidInput):
                    _field_error(form, exc, {"main_recipients": "main_recipient"})
            else:
                return redirect("web:document", pk=document.pk)
        else:
            status = 400
    else:
        form = f.SubmissionForm(
            issuers=issuers if issuers.exists() else None, initial={"main_recipient": _government()}, **choices
        )
    return render(
        request,
        "web/documents/new.html",
        {"form": form, "errors": errors, "may_submit": issuers.exists()},
        status=status,
    )


# ---------------------------------------------------------------- a new outgoing document


@login_required
def outgoing_new(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    issuers = _drafting_units(viewer, Flow.OUTGOING)
    replies_to: Document | None = None
    source = request.POST.get("replies_to") or request.GET.get("replies_to")
    if source:
        try:
            replies_to = Document.objects.select_related("issuer").get(pk=int(source))
        except (ValueError, Document.DoesNotExist):
            raise Http404("没有这份来文。") from None
        if not may_view(viewer, replies_to):
            raise Http404("没有这份来文，或您无权查看。")
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        form = f.OutgoingForm(request.POST, issuers=issuers)
        if form.is_valid():
            data = form.cleaned_data
            try:
                document = outgoing.draft_outgoing(
                    viewer.user,
                    data["issuer"],
                    data["doc_type"],
                    data["title"],
                    data["body"],
                    list(data["main_recipients"]),
                    list(data["copy_recipients"]),
                    form.signing_facts(),
                    replies_to=replies_to,
                    classification=data["classification"],
                    urgency=data["urgency"],
                    co_issuers=list(data["co_issuers"]),
                    secrecy_period=data["secrecy_period"],
                    note=data["note"],
                    disclosure=data["disclosure"] or Disclosure.ON_REQUEST,
                    disclosure_reason=data["disclosure_reason"],
                )
            except (Refused, InvalidInput) as exc:
                errors, status = explain(exc), _refusal_status(exc)
                if isinstance(exc, InvalidInput):  # signing_facts.important → the important box
                    _field_error(form, exc, {exc.field: exc.field.removeprefix("signing_facts.")})
            else:
                return redirect("web:document", pk=document.pk)
        else:
            status = 400
    else:
        initial: dict[str, Any] = {"issuer": _government() if viewer.is_office else issuers.first()}
        if replies_to is not None:
            initial.update(
                {
                    "doc_type": DocType.REPLY if replies_to.doc_type == DocType.REQUEST else DocType.LETTER,
                    "title": answer_title(replies_to.title, replies_to.doc_type == DocType.REQUEST),
                    "main_recipients": [replies_to.issuer],
                    "replies_to": replies_to.pk,
                    "important": True,
                    "concerned_units": [replies_to.issuer],  # its 分管 leader reviews the reply (art. 49)
                }
            )
        form = f.OutgoingForm(issuers=issuers, initial=initial)
    return render(
        request,
        "web/documents/outgoing_new.html",
        {
            "form": form,
            "errors": errors,
            "replies_to": replies_to,
        },
        status=status,
    )


# ---------------------------------------------------------------- the document page


@dataclass
class TaskRow:
    task: CountersignTask
    may_reply: bool = False
    may_ask_extension: bool = False
    may_decide_extension: bool = False
    may_sign_statement: bool = False
    forms: dict[str, forms.Form] = field(default_factory=dict)


@dataclass
class Bound:
    """A form posted with errors, to show again in its place."""

    action: str
    form: forms.Form
    task_id: int | None = None


def _leaders(viewer: Viewer) -> QuerySet[Person]:
    today = viewer.today
    people = (
        Person.objects.filter(
            Q(appointments__end__isnull=True) | Q(appointments__end__gte=today),
            appointments__position__kind__in=GOVERNMENT_LEADERS,
            appointments__start__lte=today,
        )
        .distinct()
        .order_by("pk")
    )
    return people.exclude(pk=viewer.person.pk) if viewer.person else people


def _task_rows(
    actor: AbstractBaseUser, doc: Document, tasks: list[CountersignTask], bound: Bound | None
) -> list[TaskRow]:
    """Each countersign task with what ``actor`` may do on it now: the same checks the actions ask
    (:func:`zhengwu.documents.selectors.available_task_actions`)."""
    rows = []
    offered = selectors.task_actions_of(actor, doc, tasks)
    for task in tasks:
        acts = {name for name, d in offered[task.pk].items() if d.allowed}
        row = TaskRow(
            task,
            may_reply="reply" in acts,
            may_ask_extension="request_extension" in acts,
            may_decide_extension="decide_extension" in acts,
            may_sign_statement="sign_statement" in acts,
        )
        for name, cls in (("reply", f.ReplyForm), ("extension", f.ExtensionForm), ("decide", f.DecideExtensionForm)):
            if bound is not None and bound.task_id == task.pk and bound.action == name:
                row.forms[name] = bound.form
            else:
                row.forms[name] = cls(auto_id=f"id_t{task.pk}_{name}_%s")
        rows.append(row)
    return rows


def _detail(
    request: HttpRequest,
    viewer: Viewer,
    doc: Document,
    *,
    errors: list[str] | None = None,
    status: int = 200,
    bound: Bound | None = None,
) -> HttpResponse:
    versions = list(doc.versions.select_related("created_by").order_by("number"))
    tasks = list(doc.countersigns.select_related("unit", "replied_by").order_by("unit__sort_order", "unit__code"))
    opinions = list(doc.opinions.select_related("addressed_to").order_by("created_at", "id"))
    routing = [o for o in opinions if o.kind in ROUTING_KINDS and o.addressed_to_id]
    routed_to = routing[-1].addressed_to if routing and doc.state == DocState.ROUTED else None
    requirement: SigningRequirement | None = None
    requirement_error = ""
    if doc.flow == Flow.OUTGOING:
        requirement, requirement_error = _requirement(doc)
    acts = selectors.allowed_actions(viewer.user, doc)  # what the actions will do: the same checks
    concerned_codes = (doc.signing_facts or {}).get("concerned_units") or [] if doc.flow == Flow.OUTGOING else []
    doc_forms: dict[str, forms.Form] = {
        "revise": (f.ReviseForm if doc.flow == Flow.SUBMISSION else f.OutgoingReviseForm)(
            initial={
                "title": doc.title,
                "body": versions[-1].body if versions else "",
                "request_items": "\n".join(str(i) for i in doc.request_items or []),
                "concerned_units": list(Unit.objects.filter(code__in=concerned_codes)),
            }
        ),
        "request_countersign": f.CountersignRequestForm(),
        "statement": f.StatementForm(
            initial={"reasons": doc.disagreement_reasons, "proposal": doc.disagreement_proposal}
        ),
        "office_opinion": f.OfficeOpinionForm(),
        "office_return": f.OfficeReturnForm(),
        "pass_on": f.PassOnForm(leaders=_leaders(viewer)) if "pass_on" in acts else f.PassOnForm(),
        "instruct": f.InstructForm(),
        "review": f.ReviewForm(),
        "signing_step": f.SigningStepForm(),
        "countersign_joint": f.JointCountersignForm(),
        "legal_review": f.LegalReviewForm(),
        "issue": f.IssueForm(initial={"number_kind": default_number_kind(doc.doc_type)}),
    }
    if bound is not None and bound.task_id is None:
        doc_forms[bound.action] = bound.form
    for name, form in doc_forms.items():  # one page, many forms: each field's id names its form
        form.auto_id = f"id_{name}_%s"
    deliveries = list(doc.deliveries.select_related("unit", "received_by").order_by("-delivered_at", "copy_number"))
    my_deliveries = [
        d
        for d in deliveries
        if d.unit_id in viewer.recipient_unit_ids and d.received_at is None and d.withdrawn_at is None
    ]
    return render(
        request,
        "web/documents/detail.html",
        {
            "doc": doc,
            "versions": versions,
            "latest": versions[-1] if versions else None,
            "tasks": _task_rows(viewer.user, doc, tasks, bound),
            "opinions": opinions,
            "routed_to": routed_to,
            "timeline": document_timeline(doc),
            "requirement": requirement,
            "requirement_error": requirement_error,
            "acts": acts,
            "f": doc_forms,
            "errors": errors or [],
            "main_recipients": list(doc.main_recipients.order_by("sort_order")),
            "copy_recipients": list(doc.copy_recipients.order_by("sort_order")),
            "answers": list(doc.answers.all()),
            "deliveries": deliveries,
            "my_deliveries": my_deliveries,
            "renderable": doc.flow == Flow.OUTGOING,
            "signing_basis": selectors.derived_facts(doc).basis if doc.flow == Flow.OUTGOING else (),
            "co_issuers": list(doc.co_issuers.order_by("sort_order", "code")),
            "assignment": selectors.assignment_of(doc) if doc.flow == Flow.SUBMISSION else None,
            "skip_level_reason": (doc.signing_facts or {}).get(selectors.SKIP_LEVEL_KEY, "")
            if doc.flow == Flow.SUBMISSION
            else "",
        },
        status=status,
    )


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    viewer, doc = _visible(request, pk)
    return _detail(request, viewer, doc)


# ---------------------------------------------------------------- acting on a document

Handler = Callable[[Viewer, Document, HttpRequest], "forms.Form | None"]


def _revise(viewer: Viewer, doc: Document, request: HttpRequest) -> forms.Form | None:
    if doc.flow == Flow.OUTGOING:
        oform = f.OutgoingReviseForm(request.POST)
        if not oform.is_valid():
            return oform
        concerned = [u.code for u in oform.cleaned_data["concerned_units"]]  # none chosen: left as it is
        outgoing.revise_outgoing(
            viewer.user,
            doc,
            oform.cleaned_data["body"],
            title=oform.cleaned_data["title"],
            concerned_units=concerned or None,
        )
        return None
    form = f.ReviseForm(request.POST)
    if not form.is_valid():
        return form
    intake.revise(
        viewer.user,
        doc,
        form.cleaned_data["body"],
        title=form.cleaned_data["title"],
        request_items=f.lines(form.cleaned_data["request_items"]),
    )
    return None


def _request_countersign(viewer: Viewer, doc: Document, request: HttpRequest) -> forms.Form | None:
    form = f.CountersignRequestForm(request.POST)
    if not form.is_valid():
        return form
    cs_actions.request_countersign(viewer.user, doc, list(form.cleaned_data["units"]), form.cleaned_data["due"])
    return None


def _statement(viewer: Viewer, doc: Document, request: HttpRequest) -> forms.Form | None:
    form = f.StatementForm(request.POST)
    if not form.is_valid():
        return form
    cs_actions.write_disagreement_statement(
        viewer.user, doc, form.cleaned_data["reasons"], form.cleaned_data["proposal"]
    )
    return None


def _sign_and_submit(viewer: Viewer, doc: Document, request: HttpRequest) -> forms.Form | None:
    intake.sign_and_submit(viewer.user, doc)
    return None


def _receive(viewer: Viewer, doc: Document, request: HttpRequest) -> forms.Form | None:
    intake.receive(viewer.user, doc)
    return None


def _check(viewer: Viewer, doc: Document, request: HttpRequest) -> forms.Form | None:
    intake.check(viewer.user, doc)  # a failed check returns the document with its reasons (an opinion)
    return None


def _office_return(viewer: Viewer, doc: Document, request: HttpRequest) -> forms.Form | None:
    form = f.OfficeReturnForm(request.POST)
    if not form.is_valid():
        return form
    intake.office_return(viewer.user, doc, form.cleaned_data["grounds"], form.cleaned_data["reason"])
    return None


def _office_opinion(viewer: Viewer, doc: Document, request: HttpRequest) -> forms.Form | None:
    form = f.OfficeOpinionForm(request.POST)
    if not form.is_valid():
        return form
    intake.write_office_opinion(viewer.user, doc, form.cleaned_data["text"], major=form.cleaned_data["major"])
    return None


def _pass_on(viewer: Viewer, doc: Document, request: HttpRequest) -> forms.Form | None:
    form = f.PassOnForm(request.POST, leaders=_leaders(viewer))
    if not form.is_valid():
        return form
    intake.pass_on(viewer.user, doc, form.cleaned_data["to_person"], form.cleaned_data["text"])
    return None


def _instruct(viewer: Viewer, doc: Document, request: HttpRequest) -> forms.Form | None:
    form = f.InstructForm(request.POST)
    if not form.is_valid():
        return form
    intake.instruct(viewer.user, doc, form.cleaned_data["text"])
    return None


def _submit_for_review(viewer: Viewer, doc: Document, request: HttpRequest) -> forms.Form | None:
    outgoing.submit_for_review(viewer.user, doc)
    return None


def _review(viewer: Viewer, doc: Document, request: HttpRequest) -> forms.Form | None:
    form = f.ReviewForm(request.POST)
    if not form.is_valid():
        return form
    outgoing.review(viewer.user, doc, form.cleaned_data["approve"], form.cleaned_data["opinion"])
    return None


def _signing_step(viewer: Viewer, doc: Document, request: HttpRequest) -> forms.Form | None:
    form = f.SigningStepForm(request.POST)
    if not form.is_valid():
        return form
    outgoing.record_signing_step(viewer.user, doc, form.cleaned_data["text"])
    return None


def _countersign_joint(viewer: Viewer, doc: Document, request: HttpRequest) -> forms.Form | None:
    form = f.JointCountersignForm(request.POST)
    if not form.is_valid():
        return form
    outgoing.countersign_joint(viewer.user, doc, form.cleaned_data["text"])
    return None


def _legal_review(viewer: Viewer, doc: Document, request: HttpRequest) -> forms.Form | None:
    form = f.LegalReviewForm(request.POST)
    if not form.is_valid():
        return form
    outgoing.record_legal_review(viewer.user, doc, form.cleaned_data["passed"], form.cleaned_data["opinion"])
    return None


def _sign(viewer: Viewer, doc: Document, request: HttpRequest) -> forms.Form | None:
    outgoing.sign(viewer.user, doc)
    return None


def _issue(viewer: Viewer, doc: Document, request: HttpRequest) -> forms.Form | None:
    form = f.IssueForm(request.POST)
    if not form.is_valid():
        return form
    outgoing.issue(viewer.user, doc, form.cleaned_data["number_kind"])
    return None


def _receive_delivery(viewer: Viewer, doc: Document, request: HttpRequest) -> forms.Form | None:
    delivery = doc.deliveries.filter(
        unit_id__in=viewer.recipient_unit_ids, received_at__isnull=True, withdrawn_at__isnull=True
    ).first()
    if delivery is None:
        raise InvalidInput(_("没有送达您单位、待签收的这份公文。"), field="delivery")
    outgoing.receive_delivery(viewer.user, delivery)
    return None


ACTIONS: dict[str, Handler] = {
    "revise": _revise,
    "request_countersign": _request_countersign,
    "statement": _statement,
    "sign_and_submit": _sign_and_submit,
    "receive": _receive,
    "check": _check,
    "office_return": _office_return,
    "office_opinion": _office_opinion,
    "pass_on": _pass_on,
    "instruct": _instruct,
    "submit_for_review": _submit_for_review,
    "review": _review,
    "signing_step": _signing_step,
    "countersign_joint": _countersign_joint,
    "legal_review": _legal_review,
    "sign": _sign,
    "issue": _issue,
    "receive_delivery": _receive_delivery,
}


def _after(
    request: HttpRequest,
    viewer: Viewer,
    doc: Document,
    outcome: forms.Form | None,
    action: str,
    task_id: int | None = None,
    exc: Refused | InvalidInput | None = None,
) -> HttpResponse:
    """Success: back to the document page.  Bad input or a refusal: the page again with the sentence
    (and the article); htmx requests get it with 200 so that htmx swaps it in."""
    if exc is None and outcome is None:
        return redirect("web:document", pk=doc.pk)
    doc.refresh_from_db()
    errors = explain(exc) if exc is not None else []
    status = _refusal_status(exc) if exc is not None else 400
    if outcome is None and isinstance(exc, InvalidInput) and (action in ACTIONS or action in TASK_ACTIONS):
        outcome = _bound_form(action, request, viewer)
        if outcome is not None:
            _field_error(outcome, exc)
    bound = Bound(action, outcome, task_id) if outcome is not None else None
    return _detail(request, viewer, doc, errors=errors, status=200 if is_htmx(request) else status, bound=bound)


def _bound_form(action: str, request: HttpRequest, viewer: Viewer) -> forms.Form | None:
    classes: dict[str, type[forms.Form]] = {
        "revise": f.ReviseForm,
        "request_countersign": f.CountersignRequestForm,
        "statement": f.StatementForm,
        "office_opinion": f.OfficeOpinionForm,
        "office_return": f.OfficeReturnForm,
        "instruct": f.InstructForm,
        "review": f.ReviewForm,
        "signing_step": f.SigningStepForm,
        "countersign_joint": f.JointCountersignForm,
        "legal_review": f.LegalReviewForm,
        "issue": f.IssueForm,
        "reply": f.ReplyForm,
        "extension": f.ExtensionForm,
    }
    if action == "pass_on":
        return f.PassOnForm(request.POST, leaders=_leaders(viewer))
    cls = classes.get(action)
    if cls is None:
        return None
    form = cls(request.POST)
    form.is_valid()
    return form


@login_required
@require_POST
def document_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    viewer, doc = _visible(request, pk)
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404("没有这项办理操作。")
    try:
        outcome = handler(viewer, doc, request)
    except (Refused, InvalidInput) as exc:
        return _after(request, viewer, doc, None, action, exc=exc)
    return _after(request, viewer, doc, outcome, action)


# -- countersign tasks (art. 50)

TaskHandler = Callable[[Viewer, CountersignTask, HttpRequest], "forms.Form | None"]


def _reply(viewer: Viewer, task: CountersignTask, request: HttpRequest) -> forms.Form | None:
    form = f.ReplyForm(request.POST, auto_id=f"id_t{task.pk}_reply_%s")
    if not form.is_valid():
        return form
    cs_actions.reply(viewer.user, task, form.cleaned_data["state"], form.cleaned_data["text"])
    return None


def _extension(viewer: Viewer, task: CountersignTask, request: HttpRequest) -> forms.Form | None:
    form = f.ExtensionForm(request.POST, auto_id=f"id_t{task.pk}_extension_%s")
    if not form.is_valid():
        return form
    cs_actions.request_extension(viewer.user, task, form.cleaned_data["until"], form.cleaned_data["reason"])
    return None


def _decide(viewer: Viewer, task: CountersignTask, request: HttpRequest) -> forms.Form | None:
    form = f.DecideExtensionForm(request.POST, auto_id=f"id_t{task.pk}_decide_%s")
    if not form.is_valid():
        return form
    cs_actions.decide_extension(viewer.user, task, form.cleaned_data["grant"])
    return None


def _sign_statement(viewer: Viewer, task: CountersignTask, request: HttpRequest) -> forms.Form | None:
    cs_actions.sign_statement(viewer.user, task)
    return None


TASK_ACTIONS: dict[str, TaskHandler] = {
    "reply": _reply,
    "extension": _extension,
    "decide": _decide,
    "sign_statement": _sign_statement,
}


@login_required
@require_POST
def countersign_act(request: HttpRequest, pk: int, task_pk: int, action: str) -> HttpResponse:
    viewer, doc = _visible(request, pk)
    task = get_object_or_404(CountersignTask.objects.select_related("unit"), pk=task_pk, document=doc)
    handler = TASK_ACTIONS.get(action)
    if handler is None:
        raise Http404("没有这项会签操作。")
    try:
        outcome = handler(viewer, task, request)
    except (Refused, InvalidInput) as exc:
        return _after(request, viewer, doc, None, action, task.pk, exc=exc)
    return _after(request, viewer, doc, outcome, action, task.pk)


# ---------------------------------------------------------------- the issued document


def _rendered(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The document laid out per GB/T 9704.  A recipient unit's staff get their copy's 份号 (or
    the copy ``?copy=<delivery id>`` from their inbox names); the issuing side the file copy."""
    viewer, doc = _visible(request, pk)
    if doc.flow != Flow.OUTGOING:
        raise Http404("只有发文可以生成版式文件。")
    raw = request.GET.get("copy", "").strip()
    try:
        delivery = copy_for(viewer.user, doc, int(raw) if raw else None)
    except (ValueError, InvalidInput):
        raise Http404("没有送给您所在单位的这一份。") from None
    layout = outgoing.layout_for(doc, delivery)
    if kind == "pdf":
        content, mime = render_pdf(layout), "application/pdf"
    else:
        content = render_docx(layout)
        mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    name = doc.number if doc.state == DocState.ISSUED and doc.number else f"{doc.title}（草稿）"
    response = HttpResponse(content, content_type=mime)
    disposition = content_disposition_header(as_attachment=request.GET.get("inline") != "1", filename=f"{name}.{kind}")
    if disposition:
        response["Content-Disposition"] = disposition
    return response


@login_required
def document_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _rendered(request, pk, "pdf")


@login_required
def document_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _rendered(request, pk, "docx")


def detail_url(document: Document) -> str:
    return reverse("web:document", kwargs={"pk": document.pk})


__all__ = [
    "countersign_act",
    "document_act",
    "document_detail",
    "document_docx",
    "document_list",
    "document_new",
    "document_pdf",
    "document_todos",
    "documents_visible_to",
    "outgoing_new",
]
