"""组织机构: units, a unit, a person, and who holds an authority on a date."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from zhengwu.org.models import Absence, Appointment, Person, Portfolio, Position, Unit, UnitKind
from zhengwu.org.rules import Authority, Holder
from zhengwu.org.services import parse_authority, who_holds
from zhengwu.web.forms import AuthorityForm
from zhengwu.web.helpers import is_htmx


def _active(day: dt.date, prefix: str = "") -> Q:
    open_ended = Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": day})
    return Q(**{f"{prefix}start__lte": day}) & open_ended


@login_required
def org_index(request: HttpRequest) -> HttpResponse:
    labels = dict(UnitKind.choices)
    order = list(labels)
    units = sorted(Unit.objects.all(),
                   key=lambda u: (order.index(u.kind) if u.kind in order else 99, u.sort_order))
    groups = [(labels.get(kind, kind), list(items)) for kind, items in groupby(units, key=lambda u: u.kind)]
    return render(request, "web/org/index.html", {"groups": groups})


def _holder(authority: Authority, day: dt.date) -> Holder | None:
    try:
        return who_holds(authority, day)
    except LookupError:
        return None


@login_required
def org_unit(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(Unit, code=code)
    today = timezone.localdate()
    positions = Position.objects.filter(unit=unit).prefetch_related(
        Prefetch("appointments", queryset=Appointment.objects.filter(_active(today)).select_related("person"),
                 to_attr="current")
    )
    portfolios = Portfolio.objects.filter(_active(today), units=unit).select_related("leader")
    return render(request, "web/org/unit.html", {
        "unit": unit,
        "positions": positions,
        "head": _holder(Authority("head", unit.pk), today),
        "portfolio_holder": _holder(Authority("portfolio", unit.pk), today),
        "portfolios": portfolios,
        "today": today,
    })


@login_required
def org_person(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk)
    appointments = person.appointments.select_related("position__unit")
    portfolios = (Portfolio.objects.filter(leader__appointments__person=person)
                  .prefetch_related("units").distinct())
    absences = Absence.objects.filter(person=person).select_related("position")[:50]
    return render(request, "web/org/person.html", {
        "person": person, "appointments": appointments, "portfolios": portfolios, "absences": absences,
        "today": timezone.localdate(),
    })


@login_required
def org_authority(request: HttpRequest) -> HttpResponse:
    form = AuthorityForm(request.GET or None)
    holder: Holder | None = None
    error = ""
    asked = False
    day = timezone.localdate()
    if form.is_bound and form.is_valid():
        day = form.cleaned_data["date"] or day
        try:
            authority = parse_authority(form.cleaned_data["authority"].strip())
            holder = who_holds(authority, day)
            asked = True
        except LookupError as exc:
            error = str(exc).strip("'\"")
    template = "web/org/_holder.html" if is_htmx(request) else "web/org/authority.html"
    status = 400 if error else 200
    return render(request, template, {"form": form, "holder": holder, "error": error, "asked": asked,
                                      "day": day, "units": Unit.objects.all()}, status=status)
