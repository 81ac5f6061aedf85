"""Staff pages for 复议、诉讼、审计 (arts. 32, 33): the register, registering a case, and one case."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhengwu.audit.services import history_for
from zhengwu.cases.followup import item_url
from zhengwu.oversight import actions, selectors
from zhengwu.oversight.models import Case, CaseKind
from zhengwu.web.helpers import actor
from zhengwu.web.views.petitions_common import (
    attempt,
    case_units,
    date_field,
    field,
    required_date,
    required_unit,
    units_field,
)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.cases_visible_to(actor(request), cases=Case.objects.select_related("unit_concerned")).order_by(
        "-received_on", "-id"
    )
    kind = request.GET.get("kind", "")
    if kind:
        rows = rows.filter(kind=kind)
    return render(
        request,
        "web/oversight/list.html",
        {
            "cases": rows[:200],
            "kinds": CaseKind.choices,
            "kind": kind,
            "today": timezone.localdate(),
        },
    )


@login_required
def case_new(request: HttpRequest) -> HttpResponse:
    errors: list[str] = []
    status = 200
    kind = request.GET.get("kind") or request.POST.get("kind") or CaseKind.RECONSIDERATION
    if request.method == "POST":
        created: list[Case] = []
        user = actor(request)

        def run() -> None:
            number, title = field(request, "case_number"), field(request, "title")
            if kind == CaseKind.RECONSIDERATION:
                created.append(
                    actions.register_reconsideration(
                        user,
                        case_number=number,
                        title=title,
                        organ=field(request, "organ"),
                        respondent=required_unit(request, "unit"),
                        received_on=required_date(request, "received_on"),
                        applicant=field(request, "counterparty"),
                        accepted_on=date_field(request, "accepted_on"),
                    )
                )
            elif kind == CaseKind.SUIT:
                created.append(
                    actions.register_suit(
                        user,
                        case_number=number,
                        title=title,
                        court=field(request, "organ"),
                        defendant=required_unit(request, "unit"),
                        served_on=required_date(request, "received_on"),
                        plaintiff=field(request, "counterparty"),
                    )
                )
            else:
                created.append(
                    actions.register_finding(
                        user,
                        case_number=number,
                        title=title,
                        organ=field(request, "organ"),
                        unit=required_unit(request, "unit"),
                        issued_on=required_date(request, "received_on"),
                        rectify_due=date_field(request, "rectify_due"),
                        requirement=field(request, "requirement"),
                        co_units=units_field(request, "co_units"),
                    )
                )

        errors, status = attempt(run)
        if created:
            return redirect("web:oversight_case", pk=created[0].pk)
    return render(
        request,
        "web/oversight/new.html",
        {
            "kind": kind,
            "kinds": CaseKind.choices,
            "units": case_units(),
            "errors": errors,
            "posted": request.POST,
            "today": timezone.localdate(),
        },
        status=status,
    )


def _detail(request: HttpRequest, case: Case, errors: list[str], status: int) -> HttpResponse:
    return render(
        request,
        "web/oversight/detail.html",
        {
            "c": case,
            "errors": errors,
            "history": list(history_for(case)),
            "limits": actions.open_limits(case),
            "labels": actions.LIMIT_LABELS,
            "followup_url": item_url(case.followup_id),
            "acts": selectors.allowed_actions(actor(request), case),
            "today": timezone.localdate(),
        },
        status=status,
    )


def _get(request: HttpRequest, pk: int) -> Case:
    """The case, or 404 exactly as for a missing id when the viewer may not see it."""
    rows = Case.objects.select_related("unit_concerned")
    return get_object_or_404(selectors.cases_visible_to(actor(request), cases=rows), pk=pk)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _get(request, pk), [], 200)


@login_required
@require_POST
def case_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    case = _get(request, pk)
    user = actor(request)
    runs = {
        "answer": lambda: actions.record_answer(user, case, date_field(request, "on")),
        "outcome": lambda: actions.record_outcome(user, case, field(request, "outcome"), date_field(request, "on")),
    }
    run = runs.get(action)
    if run is None:
        return redirect("web:oversight_case", pk=pk)
    errors, status = attempt(run)
    if not errors:
        return redirect("web:oversight_case", pk=pk)
    case.refresh_from_db()
    return _detail(request, case, errors, status)
