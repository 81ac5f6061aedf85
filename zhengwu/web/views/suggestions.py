"""Staff pages for 建议提案 (art. 31): the register, registering one, and one suggestion with what
the viewer may do on it (assign, extend, send a co-unit opinion, draft the answer 函, record the
proposer's satisfaction, decide the publication)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhengwu.audit.services import history_for
from zhengwu.documents.models import Document
from zhengwu.org.models import Unit
from zhengwu.suggestions import actions, rules, selectors
from zhengwu.suggestions.models import Kind, Satisfaction, State, Suggestion
from zhengwu.web.helpers import actor
from zhengwu.web.views.petitions_common import (
    attempt,
    case_units,
    field,
    required_date,
    required_unit,
    units_field,
)


@login_required
def suggestion_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.suggestions_visible_to(
        actor(request), suggestions=Suggestion.objects.select_related("lead_unit", "answer_document")
    ).order_by("-received_on", "-id")
    state = request.GET.get("state", "")
    if state:
        rows = rows.filter(state=state)
    return render(
        request,
        "web/suggestions/list.html",
        {
            "suggestions": rows[:200],
            "states": State.choices,
            "state": state,
            "can_register": selectors.register_check(actor(request)).allowed,
            "today": timezone.localdate(),
        },
    )


@login_required
def suggestion_new(request: HttpRequest) -> HttpResponse:
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        created: list[Suggestion] = []

        def run() -> None:
            created.append(
                actions.register(
                    actor(request),
                    kind=field(request, "kind"),
                    number=field(request, "number"),
                    title=field(request, "title"),
                    text=field(request, "text"),
                    proposers=field(request, "proposers"),
                    session=field(request, "session"),
                    received_on=required_date(request, "received_on"),
                )
            )

        errors, status = attempt(run)
        if created:
            return redirect("web:suggestion", pk=created[0].pk)
    return render(
        request,
        "web/suggestions/new.html",
        {
            "kinds": Kind.choices,
            "errors": errors,
            "posted": request.POST,
            "today": timezone.localdate(),
        },
        status=status,
    )


def _detail(request: HttpRequest, s: Suggestion, errors: list[str], status: int) -> HttpResponse:
    user = actor(request)
    units = selectors.staff_unit_ids(user)
    opinions = list(s.co_opinions.select_related("unit").order_by("round", "id"))
    answer: Document | None = s.answer_document
    return render(
        request,
        "web/suggestions/detail.html",
        {
            "s": s,
            "errors": errors,
            "history": list(history_for(s)),
            "acts": selectors.allowed_actions(user, s),
            "my_opinions": [o for o in opinions if o.unit_id in units and o.sent_at is None and o.round == s.round],
            "opinions": opinions,
            "answer": answer,
            "feedback": list(s.feedback.all()),
            "units": case_units(),
            "satisfactions": Satisfaction.choices,
            "grounds": rules.WITHHOLD_GROUNDS.items(),
            "today": timezone.localdate(),
        },
        status=status,
    )


def _get(request: HttpRequest, pk: int) -> Suggestion:
    """The suggestion, or 404 exactly as for a missing id when the viewer may not see it."""
    rows = Suggestion.objects.select_related("lead_unit", "answer_document")
    return get_object_or_404(selectors.suggestions_visible_to(actor(request), suggestions=rows), pk=pk)


@login_required
def suggestion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _get(request, pk), [], 200)


@login_required
@require_POST
def suggestion_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    s = _get(request, pk)
    user = actor(request)
    drafted: list[Document] = []

    def unit_of_opinion() -> Unit:
        return required_unit(request, "unit")

    runs = {
        "assign": lambda: actions.assign(
            user, s, required_unit(request, "lead_unit"), units_field(request, "co_units")
        ),
        "extend": lambda: actions.extend(user, s, required_date(request, "due"), field(request, "reason")),
        "opinion": lambda: actions.send_opinion(user, s, unit_of_opinion(), field(request, "text")),
        "answer": lambda: drafted.append(
            actions.draft_answer(user, s, field(request, "body"), field(request, "title"))
        ),
        "feedback": lambda: actions.record_feedback(user, s, field(request, "satisfaction"), field(request, "note")),
        "publication": lambda: actions.decide_publication(user, s, field(request, "withhold_ground")),
    }
    run = runs.get(action)
    if run is None:
        return redirect("web:suggestion", pk=pk)
    errors, status = attempt(run)
    if drafted:
        return redirect("web:document", pk=drafted[0].pk)
    if not errors:
        return redirect("web:suggestion", pk=pk)
    return _detail(request, _get(request, pk), errors, status)
