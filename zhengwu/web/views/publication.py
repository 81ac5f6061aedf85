"""Staff pages of 政务公开: the publication queue (publish, withhold, interpret) and the register
of applications for disclosure (extend, consult a third party, reply) with the annual-report table.

Thin views: parse, ask the rule who may see the page, call the action, render; refusals and bad
input are shown with :func:`zhengwu.web.helpers.explain`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.portal import actions, rules, selectors
from zhengwu.portal.models import Application, ApplicationState, ItemState, PublicationItem
from zhengwu.portal.services import register_report
from zhengwu.web.errors import render_refusal
from zhengwu.web.helpers import actor, explain, unknown_year_message
from zhengwu.workdays.services import UnknownYearError, calendar


def _refused(request: HttpRequest) -> HttpResponse | None:
    decision = selectors.may_manage(actor(request))
    if decision.allowed:
        return None
    return render_refusal(request, [decision.explanation], 403)


def _status(item: PublicationItem) -> str:
    try:
        return rules.publication_status(item.due_on, timezone.localdate(), calendar())
    except UnknownYearError:
        return "ok"


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    if (refusal := _refused(request)) is not None:
        return refusal
    queued = list(
        PublicationItem.objects.filter(state=ItemState.QUEUED)
        .select_related("issuing_unit")
        .order_by("due_on", "pk")[:200]
    )
    user = actor(request)
    for item in queued:
        item.status = _status(item)  # type: ignore[attr-defined]
        offered = selectors.available_actions(user, item)
        item.acts = {name for name, d in offered.items() if d.allowed}  # type: ignore[attr-defined]
        item.publish_refusal = "" if offered["publish"].allowed else offered["publish"].explanation  # type: ignore[attr-defined]
    recent = list(
        PublicationItem.objects.exclude(state=ItemState.QUEUED)
        .exclude(published_at__isnull=True)
        .order_by("-published_at")[:20]
    )
    for item in recent:
        item.acts = selectors.allowed_actions(user, item)  # type: ignore[attr-defined]
    withheld = list(PublicationItem.objects.filter(state=ItemState.WITHHELD).order_by("-pk")[:20])
    return render(
        request,
        "web/portal/queue.html",
        {
            "queued": queued,
            "recent": recent,
            "withheld": withheld,
            "exemptions": rules.EXEMPTIONS,
            "late": len([i for i in queued if i.status == "overdue"]),  # type: ignore[attr-defined]
        },
    )


def _after_item(request: HttpRequest, exc: Refused | InvalidInput | None, ok: str) -> HttpResponse:
    if exc is not None:
        for line in explain(exc):
            messages.error(request, line)
    else:
        messages.success(request, ok)
    return redirect(request.POST.get("next") or "web:portal_queue")


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    if (refusal := _refused(request)) is not None:  # the queue's staff only, before any item is looked up
        return refusal
    item = get_object_or_404(PublicationItem, pk=pk)
    try:
        actions.publish(actor(request), item, request.POST.get("category", ""))
    except (Refused, InvalidInput) as exc:
        return _after_item(request, exc, "")
    return _after_item(request, None, f"已公开《{item.title}》，索引号{item.index_number}。")


@login_required
@require_POST
def withhold(request: HttpRequest, pk: int) -> HttpResponse:
    if (refusal := _refused(request)) is not None:  # the queue's staff only, before any item is looked up
        return refusal
    item = get_object_or_404(PublicationItem, pk=pk)
    try:
        actions.withhold(actor(request), item, request.POST.get("exemption", ""), request.POST.get("reason", ""))
    except (Refused, InvalidInput) as exc:
        return _after_item(request, exc, "")
    return _after_item(request, None, f"《{item.title}》不予公开，已记录理由。")


@login_required
@require_POST
def interpret(request: HttpRequest, pk: int) -> HttpResponse:
    if (refusal := _refused(request)) is not None:  # the queue's staff only, before any item is looked up
        return refusal
    item = get_object_or_404(PublicationItem, pk=pk)
    try:
        made = actions.interpret(actor(request), item, request.POST.get("title", ""), request.POST.get("body", ""))
    except (Refused, InvalidInput) as exc:
        return _after_item(request, exc, "")
    return _after_item(request, None, f"已发布解读《{made.title}》。")


# -- applications ------------------------------------------------------------------------------


@login_required
def applications(request: HttpRequest) -> HttpResponse:
    if (refusal := _refused(request)) is not None:
        return refusal
    today = timezone.localdate()
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and 2000 < int(year_text) < 3000 else today.year
    rows = list(Application.objects.order_by("-received_at")[:200])
    return render(
        request,
        "web/portal/applications.html",
        {
            "applications": rows,
            "report": register_report(year),
            "year": year,
            "today": today,
            "reply_types": rules.REPLY_TYPES,
        },
    )


@login_required
def application(request: HttpRequest, pk: int) -> HttpResponse:
    if (refusal := _refused(request)) is not None:
        return refusal
    app = get_object_or_404(Application, pk=pk)
    return render(
        request,
        "web/portal/application.html",
        {
            "app": app,
            "reply_types": rules.REPLY_TYPES,
            "exemptions": rules.EXEMPTIONS,
            "consulting": app.state == ApplicationState.CONSULTING,
            "answered": app.state == ApplicationState.ANSWERED,
            "acts": selectors.allowed_application_actions(actor(request), app),
        },
    )


@login_required
@require_POST
def application_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if (refusal := _refused(request)) is not None:  # the register's staff only, before any application is looked up
        return refusal
    app = get_object_or_404(Application, pk=pk)
    user, post = actor(request), request.POST
    try:
        if action == "extend":
            actions.extend_application(user, app, post.get("reason", ""))
        elif action == "consult":
            actions.start_consultation(user, app, post.get("third_party", ""))
        elif action == "resume":
            actions.end_consultation(user, app)
        elif action == "reply":
            actions.reply_application(
                user, app, post.get("reply_type", ""), post.get("text", ""), post.get("exemption", "")
            )
        else:
            messages.error(request, "没有这项操作。")
            return redirect("web:portal_application", pk=pk)
    except (Refused, InvalidInput) as exc:
        for line in explain(exc):
            messages.error(request, line)
    except UnknownYearError as exc:
        messages.error(request, unknown_year_message(exc))
    else:
        messages.success(request, "已办理。")
    return redirect("web:portal_application", pk=pk)


__all__ = ["application", "application_act", "applications", "interpret", "publish", "queue", "withhold"]
