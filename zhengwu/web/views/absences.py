"""外出报备 (art. 58): the list, the report form, one report with its 销假 form, and its acting
arrangement (art. 6; a unit head's deputy, art. 49): entrusted later, revoked early."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhengwu.audit.services import history_for
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.org import actions
from zhengwu.org.models import Absence, ActingArrangement, PositionKind
from zhengwu.org.selectors import allowed_actions
from zhengwu.org.services import (
    absence_visible_to,
    absences_visible_to,
    acting_candidates,
    executive_vice_governor_position,
    positions_of,
)
from zhengwu.web.forms import AbsenceForm, ReturnForm
from zhengwu.web.forms_org import EntrustForm
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
                    user,
                    data["person"],
                    data["start"],
                    data["end"],
                    data["destination"],
                    data["purpose"],
                    data["reason"],
                    entrust_to=entrust_to,
                )
            except Refused as exc:
                errors, status = explain(exc), 403
            except InvalidInput as exc:
                errors, status = explain(exc), 400
                if exc.field in form.fields:
                    form.add_error(exc.field, exc.localized_message)
            else:
                return redirect("web:absence", pk=absence.pk)
        else:
            status = 400
    else:
        form = AbsenceForm(initial={"person": person, "start": timezone.localdate()})
    return render(
        request,
        "web/absences/new.html",
        {
            "form": form,
            "errors": errors,
            "is_office": office,
            "is_governor": is_governor,
        },
        status=status,
    )


def _visible_absence(request: HttpRequest, pk: int) -> Absence:
    absence = get_object_or_404(
        Absence.objects.select_related("person", "position__unit", "reported_to", "reported_by"), pk=pk
    )
    if not absence_visible_to(actor(request), absence):
        raise Http404("没有这份外出报告，或您无权查看。")
    return absence


def _acting_context(
    request: HttpRequest, absence: Absence
) -> tuple[list[ActingArrangement], set[int], set[str], EntrustForm | None]:
    """The absence's arrangements, those the viewer may revoke, the acts the viewer may take on the
    report (:func:`zhengwu.org.selectors.allowed_actions`), and the entrust form if one is "entrust"."""
    user = actor(request)
    arrangements = list(absence.acting.select_related("principal", "acting__unit", "entrusted_by", "absence"))
    revocable = {x.pk for x in arrangements if "revoke" in allowed_actions(user, x)}
    acts = allowed_actions(user, absence)
    form = None
    if "entrust" in acts:
        candidates = acting_candidates(absence.position)
        form = EntrustForm(candidates=candidates, initial={"acting": candidates[0]})
    return arrangements, revocable, acts, form


def _detail_page(
    request: HttpRequest,
    absence: Absence,
    *,
    form: ReturnForm | None = None,
    entrust_form: EntrustForm | None = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    arrangements, revocable, acts, offered = _acting_context(request, absence)
    history = list(history_for(absence))
    for arrangement in arrangements:
        history += list(history_for(arrangement))
    history.sort(key=lambda r: r.seq)
    return render(
        request,
        "web/absences/detail.html",
        {
            "absence": absence,
            "history": history,
            "errors": errors or [],
            "arrangements": arrangements,
            "revocable": revocable,
            "acts": acts,
            "entrust_form": entrust_form if entrust_form is not None and offered else offered,
            "form": form or ReturnForm(initial={"returned_on": timezone.localdate()}),
        },
        status=status,
    )


@login_required
def absence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    absence = _visible_absence(request, pk)
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
    return _detail_page(request, absence, form=form, errors=errors, status=status)


@login_required
@require_POST
def absence_entrust(request: HttpRequest, pk: int) -> HttpResponse:
    """Entrust an acting holder for an absence already reported (art. 6; art. 49 for a unit head)."""
    absence = _visible_absence(request, pk)
    form = EntrustForm(request.POST, candidates=acting_candidates(absence.position))
    errors: list[str] = []
    status = 400
    if form.is_valid():
        try:
            actions.entrust(actor(request), absence, form.cleaned_data["acting"])
        except Refused as exc:
            errors, status = explain(exc), 403
        except InvalidInput as exc:
            errors = explain(exc)
        else:
            return redirect("web:absence", pk=absence.pk)
    else:
        errors = [str(e) for e in form.errors.get("acting", [])] or ["请选择代理职务。"]
    absence.refresh_from_db()
    return _detail_page(request, absence, entrust_form=form, errors=errors, status=status)


@login_required
@require_POST
def absence_revoke(request: HttpRequest, pk: int, arrangement: int) -> HttpResponse:
    """Revoke an acting arrangement early (art. 6)."""
    absence = _visible_absence(request, pk)
    found = get_object_or_404(ActingArrangement, pk=arrangement, absence=absence)
    try:
        actions.revoke_acting(actor(request), found)
    except Refused as exc:
        return _detail_page(request, absence, errors=explain(exc), status=403)
    except InvalidInput as exc:
        return _detail_page(request, absence, errors=explain(exc), status=400)
    return redirect("web:absence", pk=absence.pk)
