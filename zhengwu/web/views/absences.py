"""外出报备 (art. 58): the list, the report form, one report with its 销假 form."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from zhengwu.audit.services import history_for
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.org import actions
from zhengwu.org.models import Absence, PositionKind
from zhengwu.org.services import absence_visible_to, absences_visible_to, executive_vice_governor_position, positions_of
from zhengwu.web.forms import AbsenceForm, ReturnForm
from zhengwu.web.helpers import actor, explain, me, records_for_others


@login_required
def absence_list(request: HttpRequest) -> HttpResponse:
    office = records_for_others(request)
    absences = absences_visible_to(actor(request), Absence.objects.select_related("person", "position__unit"))
    return render(request, "web/absences/list.html", {"absences": absences[:200], "is_office": office})


@login_required
def absence_new(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    person = me(request)
    positions = positions_of(user)
    office = records_for_others(request, positions)
    is_governor = any(p.kind == PositionKind.GOVERNOR for p in positions)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        form = AbsenceForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                entrust_to = executive_vice_governor_position() if data["entrust"] else None
                absence = actions.report_absence(
                    user, data["person"], data["start"], data["end"], data["destination"], data["purpose"],
                    data["reason"], entrust_to=entrust_to,
                )
            except Refused as exc:
                errors, status = explain(exc), 403
            except InvalidInput as exc:
                errors, status = explain(exc), 400
                if exc.field in form.fields:
                    form.add_error(exc.field, exc.message)
            else:
                return redirect("web:absence", pk=absence.pk)
        else:
            status = 400
    else:
        form = AbsenceForm(initial={"person": person, "start": timezone.localdate()})
    return render(request, "web/absences/new.html", {
        "form": form, "errors": errors, "is_office": office, "is_governor": is_governor,
    }, status=status)


@login_required
def absence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    absence = get_object_or_404(Absence.objects.select_related("person", "position__unit", "reported_to",
                                                               "reported_by"), pk=pk)
    if not absence_visible_to(actor(request), absence):
        raise Http404("没有这份外出报告，或您无权查看。")
    errors: list[str] = []
    status = 200
    form = ReturnForm(initial={"returned_on": timezone.localdate()})
    if request.method == "POST":
        form = ReturnForm(request.POST)
        if form.is_valid():
            try:
                actions.report_return(actor(request), absence, form.cleaned_data["returned_on"])
            except Refused as exc:
                errors, status = explain(exc), 403
            except InvalidInput as exc:
                errors, status = explain(exc), 400
            else:
                return redirect("web:absence", pk=absence.pk)
        else:
            status = 400
        absence.refresh_from_db()
    arrangements = list(absence.acting.select_related("principal", "acting", "entrusted_by"))
    history = list(history_for(absence))
    for arrangement in arrangements:
        history += list(history_for(arrangement))
    history.sort(key=lambda r: r.seq)
    return render(request, "web/absences/detail.html", {
        "absence": absence, "arrangements": arrangements, "history": history, "form": form, "errors": errors,
    }, status=status)
