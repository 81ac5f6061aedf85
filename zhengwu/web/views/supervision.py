"""督查督办 pages (arts. 26, 36, 54, 63): the list, a new item (with the art. 26 duplicate check),
an item's page and its actions, periodic reports, rectification, the dashboard and circulars.

Views parse, call :mod:`zhengwu.supervision.actions` and render; refusals show their articles.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.core.i18n import _
from zhengwu.documents.models import Document, Opinion, OpinionKind
from zhengwu.org.models import Unit
from zhengwu.rulebook.services import rulebook_view
from zhengwu.supervision import actions, rules, selectors
from zhengwu.supervision import services as facts
from zhengwu.supervision.exports import XLSX_CONTENT_TYPE, to_xlsx
from zhengwu.supervision.models import (
    Circular,
    ItemEvaluation,
    ItemState,
    Origin,
    ProgressReport,
    Rectification,
    ReportEvery,
    SupervisionItem,
)
from zhengwu.web.errors import render_refusal
from zhengwu.web.helpers import actor, explain, unknown_year_message
from zhengwu.workdays.arith import UnknownYearError


def _xlsx(name: str, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, name) or ""
    return response


def _date(text: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise InvalidInput(_("请填写日期（如2026-12-31）。"), field=field) from exc


def _item_for(request: HttpRequest, pk: int) -> SupervisionItem:
    item = selectors.items_visible_to(actor(request)).filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


# ---------------------------------------------------------------- list and new


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    today = timezone.localdate()
    state = request.GET.get("state", "")
    qs = selectors.items_visible_to(user).prefetch_related("co_units").order_by("due", "id")
    if state in ItemState.values:
        qs = qs.filter(state=state)
    items = [(i, rules.STATUS_LABELS[facts.status_of(i, today)]) for i in qs[:300]]
    a = selectors.actor_fact(user, today)
    return render(
        request,
        "web/supervision/list.html",
        {
            "items": items,
            "state": state,
            "states": ItemState.choices,
            "acts": selectors.allowed(selectors.general_actions(user)),
            "can_see_all": rules.may_see_all(a),
        },
    )


def _units() -> list[Unit]:
    return list(Unit.objects.exclude(kind__in=["government", "superior"]).order_by("sort_order", "code"))


def _source_document(request: HttpRequest, raw: str) -> Document | None:
    if not raw:
        return None
    from zhengwu.web.views.documents import _visible

    if not raw.isdigit():
        raise Http404
    return _visible(request, int(raw))[1]


def _instruction(document: Document | None) -> Opinion | None:
    if document is None:
        return None
    return document.opinions.filter(kind=OpinionKind.INSTRUCTION).order_by("-created_at", "-id").first()


def _source_decision(request: HttpRequest, raw: str) -> Model | None:
    """A meeting's decision (议定事项), when the meetings app has them; for the office and leaders."""
    if not raw:
        return None
    try:
        model = apps.get_model("meetings", "AgreedItem")
    except LookupError:
        raise Http404 from None
    if not raw.isdigit() or not rules.may_see_all(facts.actor_fact(actor(request))):
        raise Http404
    decision = model.objects.select_related("meeting").filter(pk=int(raw)).first()
    if decision is None:
        raise Http404
    return cast(Model, decision)


@login_required
def item_new(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    document = _source_document(request, request.POST.get("document") or request.GET.get("document", ""))
    decision = _source_decision(request, request.POST.get("decision") or request.GET.get("decision", ""))
    instruction = _instruction(document)
    source: Model | None = document or decision
    form: dict[str, Any] = {
        "title": document.title if document else "",
        "description": instruction.text if instruction else "",
        "origin": Origin.INSTRUCTION if instruction else Origin.MANUAL,
        "lead": "",
        "co": [],
        "due": "",
        "report_every": "",
        "new_despite": "",
    }
    if decision is not None:
        meeting = getattr(decision, "meeting", None)
        text = str(getattr(decision, "text", decision))
        form.update(
            title=text[:60],
            origin=Origin.MEETING_DECISION,
            description=f"{getattr(meeting, 'title', '')}议定事项：{text}",
        )
    errors: list[str] = []
    found: list[rules.Candidate] = []
    status = 200
    if request.method == "POST":
        p = request.POST
        form = {
            "title": p.get("title", ""),
            "description": p.get("description", ""),
            "origin": p.get("origin", ""),
            "lead": p.get("lead", ""),
            "co": p.getlist("co"),
            "due": p.get("due", ""),
            "report_every": p.get("report_every", ""),
            "new_despite": p.get("new_despite", ""),
        }
        try:
            lead = Unit.objects.filter(code=form["lead"]).first()
            if lead is None:
                raise InvalidInput(_("请选择牵头单位。"), field="lead")
            co = list(Unit.objects.filter(code__in=form["co"]))
            link_to = None
            if p.get("link_to"):
                link_to = selectors.items_visible_to(user).filter(pk=int(p["link_to"])).first()
                if link_to is None:
                    raise Http404
            try:
                item = actions.open_item(
                    user,
                    title=form["title"],
                    lead_unit=lead,
                    due=_date(form["due"], "due") if not link_to else link_to.due,
                    origin=form["origin"],
                    co_units=co,
                    source=source,
                    description=form["description"],
                    report_every=form["report_every"],
                    link_to=link_to,
                    new_despite=form["new_despite"],
                )
            except Refused:
                found = actions.candidates(form["title"], lead, co, source)
                raise
            return redirect("web:supervision_item", item.pk)
        except (Refused, InvalidInput) as exc:
            errors, status = explain(exc), 403 if isinstance(exc, Refused) else 422
        except UnknownYearError as exc:
            errors, status = [unknown_year_message(exc)], 409
    return render(
        request,
        "web/supervision/new.html",
        {
            "form": form,
            "errors": errors,
            "candidates": found,
            "units": _units(),
            "origins": Origin.choices,
            "everies": ReportEvery.choices,
            "source": document,
            "instruction": instruction,
            "decision": decision,
        },
        status=status,
    )


# ---------------------------------------------------------------- an item


def _detail_context(request: HttpRequest, item: SupervisionItem) -> dict[str, Any]:
    user = actor(request)
    today = timezone.localdate()
    reports = list(item.reports.select_related("unit").order_by("period", "unit__sort_order"))
    periods: dict[int, list[tuple[ProgressReport, str, bool]]] = {}
    for r in reports:
        r.item = item
        status = rules.report_status(facts.report_facts([r])[0], today)
        mine = selectors.report_actions(user, r)["submit_progress"].allowed
        periods.setdefault(r.period, []).append((r, status, mine))
    rectifications = list(item.rectifications.all())
    for x in rectifications:
        x.item = item
    rect_acts = {
        x.pk for x in rectifications if selectors.rectification_actions(user, x)["complete_rectification"].allowed
    }
    acts = selectors.allowed_actions(user, item)
    return {
        "item": item,
        "today": today,
        "status": rules.STATUS_LABELS[facts.status_of(item, today)],
        "sources": list(item.sources.all()),
        "co_units": list(item.co_units.order_by("sort_order")),
        "periods": sorted(periods.items()),
        "rectifications": rectifications,
        "rect_acts": rect_acts,
        "evaluations": list(item.evaluations.all()),
        "events": list(item.events.all()),
        "ratings": ItemEvaluation.Rating.choices,
        "acts": acts,
        "office_acts": bool(acts & {"verify", "reopen", "rectify", "evaluate"}),
    }


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_for(request, pk)
    return render(request, "web/supervision/detail.html", _detail_context(request, item))


def _after(request: HttpRequest, item: SupervisionItem, run: Any) -> HttpResponse:
    try:
        run()
    except (Refused, InvalidInput) as exc:
        ctx = _detail_context(request, item)
        ctx["errors"] = explain(exc)
        return render(request, "web/supervision/detail.html", ctx, status=403 if isinstance(exc, Refused) else 422)
    except UnknownYearError as exc:
        ctx = _detail_context(request, item)
        ctx["errors"] = [unknown_year_message(exc)]
        return render(request, "web/supervision/detail.html", ctx, status=409)
    return redirect("web:supervision_item", item.pk)


@login_required
@require_POST
def item_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = actor(request)
    item = _item_for(request, pk)
    p = request.POST
    runs = {
        "report_done": lambda: actions.report_done(user, item, p.get("text", "")),
        "verify": lambda: actions.verify(user, item, p.get("note", "")),
        "reopen": lambda: actions.reopen(user, item, p.get("reason", "")),
        "rectify": lambda: actions.order_rectification(
            user, item, p.get("requirement", ""), _date(p.get("due", ""), "due")
        ),
        "evaluate": lambda: actions.record_evaluation(
            user, item, p.get("evaluator", ""), p.get("rating", ""), p.get("findings", "")
        ),
    }
    if action not in runs:
        raise Http404
    return _after(request, item, runs[action])


@login_required
@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(ProgressReport, pk=pk)
    item = _item_for(request, report.item_id)
    return _after(request, item, lambda: actions.submit_progress(actor(request), report, request.POST.get("text", "")))


@login_required
@require_POST
def rectification_done(request: HttpRequest, pk: int) -> HttpResponse:
    rect = get_object_or_404(Rectification, pk=pk)
    item = _item_for(request, rect.item_id)
    return _after(
        request, item, lambda: actions.complete_rectification(actor(request), rect, request.POST.get("text", ""))
    )


# ---------------------------------------------------------------- dashboard and circulars

TABLE_HEADER = (
    "单位",
    "牵头事项",
    "按期办结",
    "逾期办结",
    "逾期未办结",
    "在办",
    "按期办结率",
    "按时报告",
    "逾期报告",
    "未报告",
)


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _table_rows(rows: list[rules.UnitRow]) -> list[list[object]]:
    return [
        [
            r.unit_name,
            r.lead,
            r.done_on_time,
            r.done_late,
            r.overdue,
            r.in_progress,
            _rate(r.on_time_rate),
            r.reports_on_time,
            r.reports_late,
            r.reports_missing,
        ]
        for r in rows
    ]


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    today = timezone.localdate()
    decision = rules.may_see_compliance(facts.actor_fact(user, today), rulebook_view(today))
    if not decision.allowed:
        return render_refusal(request, [decision.explanation], 403)
    by_unit = facts.unit_table(None, today, today)
    by_leader = rules.portfolio_table(by_unit, facts.portfolios(today))
    if request.GET.get("format") == "xlsx":
        rows: list[list[object]] = [*_table_rows(by_unit), [], ["分管领导", *TABLE_HEADER[1:]], *_table_rows(by_leader)]
        return _xlsx(f"督办统计-{today.isoformat()}.xlsx", to_xlsx("督办统计", TABLE_HEADER, rows))
    rb = rulebook_view(today)
    return render(
        request,
        "web/supervision/dashboard.html",
        {
            "header": TABLE_HEADER,
            "by_unit": _table_rows(by_unit),
            "by_leader": _table_rows(by_leader),
            "today": today,
            "citations": [rb.cite("supervision.accountability").label, rb.cite("time_limits").label],
        },
    )


@login_required
def circular_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    today = timezone.localdate()
    if not rules.may_see_all(selectors.actor_fact(user, today)):
        raise Http404
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        try:
            since = _date(request.POST["since"], "since") if request.POST.get("since") else None
            as_of = _date(request.POST["as_of"], "as_of") if request.POST.get("as_of") else today
            circular = actions.draft_circular(user, as_of, since)
            return redirect("web:document", circular.document_id)
        except (Refused, InvalidInput) as exc:
            errors, status = explain(exc), 403 if isinstance(exc, Refused) else 422
    preview = facts.unit_table(None, today, today)
    return render(
        request,
        "web/supervision/circulars.html",
        {
            "circulars": Circular.objects.select_related("document")[:50],
            "errors": errors,
            "today": today,
            "header": actions.COLUMNS,
            "preview": actions.circular_lines(preview),
            "acts": selectors.allowed(selectors.general_actions(user)),
        },
        status=status,
    )


@login_required
def circular_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    if not rules.may_see_all(facts.actor_fact(actor(request))):
        raise Http404
    circular = get_object_or_404(Circular, pk=pk)
    rows = [
        [
            r["unit"],
            r["lead"],
            r["done_on_time"],
            r["done_late"],
            r["overdue"],
            r["in_progress"],
            r["reports_on_time"],
            r["reports_late"],
            r["reports_missing"],
        ]
        for r in circular.rows
    ]
    return _xlsx(f"督查情况通报-{circular.as_of.isoformat()}.xlsx", to_xlsx("情况通报", actions.COLUMNS, rows))
