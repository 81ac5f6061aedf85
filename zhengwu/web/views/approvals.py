"""Staff pages for the requests approved in advance (arts. 57, 59, 60): the registers, a new
request, and one request with the acts its reader may take now."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhengwu.approvals import actions, selectors
from zhengwu.approvals.models import GROUPS, ApprovalRequest, Kind
from zhengwu.audit.services import history_for
from zhengwu.core.decisions import InvalidInput
from zhengwu.core.i18n import _
from zhengwu.web.helpers import actor
from zhengwu.web.views.petitions_common import attempt, case_units, date_field, field, unit_field

GROUP_OF = {kind: group for group, kinds in GROUPS.items() for kind in kinds}


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    group = request.GET.get("group", "")
    if group not in GROUPS:
        group = "publications"
    rows = (
        selectors.requests_visible_to(actor(request))
        .select_related("unit", "author")
        .filter(kind__in=GROUPS[group])
        .order_by("-created_at", "-id")
    )
    return render(
        request,
        "web/approvals/list.html",
        {
            "requests": rows[:200],
            "group": group,
            "kinds": [(k.value, k.label) for k in Kind if GROUP_OF[k] == group],
            "today": timezone.localdate(),
        },
    )


def _int(request: HttpRequest, name: str) -> int | None:
    raw = field(request, name).strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise InvalidInput(_("请填写整数。"), field=name)
    return int(raw)


@login_required
def request_new(request: HttpRequest) -> HttpResponse:
    errors: list[str] = []
    status = 200
    kind = request.GET.get("kind") or request.POST.get("kind") or Kind.SIGNED_ARTICLE
    if kind not in Kind.values:
        kind = Kind.SIGNED_ARTICLE
    if request.method == "POST":
        created: list[ApprovalRequest] = []
        user = actor(request)

        def run() -> None:
            created.append(
                actions.submit_request(
                    user,
                    kind=kind,
                    title=field(request, "title"),
                    summary=field(request, "summary"),
                    counterpart=field(request, "counterpart"),
                    unit=unit_field(request, "unit", required=False),
                    planned_on=date_field(request, "planned_on"),
                    until=date_field(request, "until"),
                    members=_int(request, "members"),
                    important=bool(request.POST.get("important")),
                )
            )

        errors, status = attempt(run)
        if created:
            return redirect("web:approval", pk=created[0].pk)
    return render(
        request,
        "web/approvals/new.html",
        {
            "kind": kind,
            "kind_label": Kind(kind).label,
            "group": GROUP_OF[Kind(kind)],
            "units": case_units(),
            "errors": errors,
            "posted": request.POST,
        },
        status=status,
    )


def _detail(request: HttpRequest, r: ApprovalRequest, errors: list[str], status: int) -> HttpResponse:
    return render(
        request,
        "web/approvals/detail.html",
        {
            "r": r,
            "group": GROUP_OF[Kind(r.kind)],
            "errors": errors,
            "history": list(history_for(r)),
            "acts": selectors.allowed_actions(actor(request), r),
            "today": timezone.localdate(),
        },
        status=status,
    )


def _get(request: HttpRequest, pk: int) -> ApprovalRequest:
    """The request, if its reader may see it: one they may not answers 404, as a missing one."""
    rows = selectors.requests_visible_to(actor(request)).select_related("unit", "author", "rulebook_version")
    return get_object_or_404(rows, pk=pk)


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _get(request, pk), [], 200)


@login_required
@require_POST
def request_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    r = _get(request, pk)
    user = actor(request)
    approve = request.POST.get("approve") == "1"
    runs = {
        "review": lambda: actions.review(user, r, field(request, "opinion")),
        "decide": lambda: actions.decide(user, r, approve, field(request, "note")),
        "refer": lambda: actions.refer(user, r, field(request, "note")),
        "answer": lambda: actions.record_answer(user, r, approve, field(request, "answer")),
        "publish": lambda: actions.record_publication(
            user, r, date_field(request, "published_on"), field(request, "where")
        ),
        "return": lambda: actions.record_return(user, r, date_field(request, "returned_on")),
        "report": lambda: actions.submit_report(user, r, field(request, "report"), date_field(request, "reported_on")),
    }
    run = runs.get(action)
    if run is None:
        return redirect("web:approval", pk=pk)
    errors, status = attempt(run)
    if not errors:
        return redirect("web:approval", pk=pk)
    return _detail(request, _get(request, pk), errors, status)
