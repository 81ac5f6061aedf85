"""Staff pages for 信访 (art. 35): the register, registering a letter or visit, and one case with
what the viewer may do on it.  The petitioner's personal data shows in full only to those handling
the case (each view recorded); everyone else sees it masked.  When the leader an important letter
was routed to opens it, the reading is recorded."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhengwu.audit.services import history_for
from zhengwu.cases.followup import item_url
from zhengwu.org.models import Person
from zhengwu.org.rules import GOVERNMENT_LEADERS
from zhengwu.org.services import person_of
from zhengwu.petitions import actions, selectors
from zhengwu.petitions.models import Channel, Petition, Stage, State
from zhengwu.web.helpers import actor
from zhengwu.web.views.petitions_common import (
    attempt,
    case_units,
    date_field,
    field,
    int_field,
    person_field,
    required_date,
    required_unit,
    unit_field,
)


def _leaders() -> list[Person]:
    return list(
        Person.objects.filter(
            appointments__position__kind__in=[k for k in GOVERNMENT_LEADERS if k != "secretary_general"]
        )
        .distinct()
        .order_by("id")
    )


@login_required
def petition_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.petitions_visible_to(
        actor(request), Petition.objects.select_related("unit_concerned", "handling_unit", "leader")
    ).order_by("-received_on", "-id")
    state = request.GET.get("state", "")
    if state:
        rows = rows.filter(state=state)
    return render(
        request,
        "web/petitions/list.html",
        {
            "petitions": rows[:200],
            "states": State.choices,
            "state": state,
            "can_register": selectors.register_check(actor(request)).allowed,
            "today": timezone.localdate(),
        },
    )


@login_required
def petition_new(request: HttpRequest) -> HttpResponse:
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        created: list[Petition] = []

        def run() -> None:
            created.append(
                actions.register(
                    actor(request),
                    channel=field(request, "channel"),
                    received_on=required_date(request, "received_on"),
                    summary=field(request, "summary"),
                    unit_concerned=required_unit(request, "unit_concerned"),
                    petitioner=actions.PetitionerData(
                        field(request, "petitioner_name"),
                        field(request, "id_number"),
                        field(request, "phone"),
                        field(request, "address"),
                    ),
                    important=field(request, "important") == "on",
                    leader=person_field(request, "leader"),
                    accused_unit=unit_field(request, "accused_unit", required=False),
                    accused_person=field(request, "accused_person"),
                )
            )

        errors, status = attempt(run)
        if created:
            return redirect("web:petition", pk=created[0].pk)
    return render(
        request,
        "web/petitions/new.html",
        {
            "channels": Channel.choices,
            "units": case_units(),
            "leaders": _leaders(),
            "errors": errors,
            "posted": request.POST,
            "today": timezone.localdate(),
        },
        status=status,
    )


def _detail(request: HttpRequest, petition: Petition, errors: list[str], status: int) -> HttpResponse:
    user = actor(request)
    person = person_of(user)
    if petition.leader_id and person and person.pk == petition.leader_id and petition.leader_read_at is None:
        actions.read_letter(user, petition)  # the routed leader has opened the letter (art. 35)
    return render(
        request,
        "web/petitions/detail.html",
        {
            "p": petition,
            "petitioner": actions.petitioner_for(user, petition),
            "errors": errors,
            "history": list(history_for(petition)),
            "acts": selectors.allowed_actions(user, petition),
            "review_stage": selectors.review_stage(petition),
            "units": case_units(),
            "leaders": _leaders(),
            "reviews": list(petition.reviews.all()),
            "stages": Stage.choices,
            "limits": selectors.open_limits(petition),
            "labels": actions.LIMIT_LABELS,
            "followup_url": item_url(petition.followup_id),
            "today": timezone.localdate(),
        },
        status=status,
    )


def _visible(request: HttpRequest, pk: int) -> Petition:
    """The petition, or 404 exactly as for one that does not exist when the viewer may not see it."""
    rows = Petition.objects.select_related("unit_concerned", "handling_unit", "leader", "accused_unit")
    return get_object_or_404(selectors.petitions_visible_to(actor(request), rows), pk=pk)


@login_required
def petition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    petition = _visible(request, pk)
    return _detail(request, petition, [], 200)


@login_required
@require_POST
def petition_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    petition = _visible(request, pk)
    user = actor(request)
    runs = {
        "accept": lambda: actions.decide_acceptance(
            user,
            petition,
            True,
            field(request, "told_how"),
            unit_field(request, "handling_unit", required=False),
            decided_on=date_field(request, "decided_on"),
        ),
        "not-accept": lambda: actions.decide_acceptance(
            user,
            petition,
            False,
            field(request, "told_how"),
            reason=field(request, "reason"),
            decided_on=date_field(request, "decided_on"),
        ),
        "route": lambda: actions.route_important(user, petition, person_field(request, "leader")),
        "instruct": lambda: actions.instruct(user, petition, field(request, "instruction")),
        "extend": lambda: actions.extend(
            user, petition, int_field(request, "days"), field(request, "reason"), field(request, "told_how")
        ),
        "conclude": lambda: actions.conclude(user, petition, field(request, "result"), field(request, "told_how")),
        "review": lambda: actions.request_review(
            user, petition, field(request, "stage"), field(request, "organ"), date_field(request, "requested_on")
        ),
        "review-decision": lambda: actions.decide_review(user, petition, field(request, "outcome")),
    }
    run = runs.get(action)
    if run is None:
        return redirect("web:petition", pk=pk)
    errors, status = attempt(run)
    if not errors:
        return redirect("web:petition", pk=pk)
    petition.refresh_from_db()
    return _detail(request, petition, errors, status)
