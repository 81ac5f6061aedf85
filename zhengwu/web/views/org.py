"""组织机构: units, a unit, a position, a person, 分管, and who holds an authority on a date; and
the administrator's pages that keep them (arts. 4, 7, 8), each calling one action of
:mod:`zhengwu.org.admin_actions`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from itertools import groupby
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import models
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import reswap

from zhengwu.audit.models import AuditRecord
from zhengwu.audit.services import history_for
from zhengwu.core.decisions import Decision, InvalidInput, Refused, require
from zhengwu.identity import actions as identity_actions
from zhengwu.org import admin_actions, rules
from zhengwu.org.models import UNIT_FUNCTIONS, Absence, Appointment, Person, Portfolio, Position, Unit, UnitKind
from zhengwu.org.rules import Authority, Holder
from zhengwu.org.services import parse_authority, positions_of, who_holds
from zhengwu.rulebook.citing import cite
from zhengwu.rulebook.services import rulebook_view
from zhengwu.web.errors import render_refusal
from zhengwu.web.forms import AuthorityForm
from zhengwu.web.forms_org import (
    AppointForm,
    EndForm,
    PasswordForm,
    PersonForm,
    PersonNameForm,
    PortfolioForm,
    PositionForm,
    UnitForm,
)
from zhengwu.web.helpers import actor, explain, is_admin, is_htmx


def _active(day: dt.date, prefix: str = "") -> Q:
    open_ended = Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": day})
    return Q(**{f"{prefix}start__lte": day}) & open_ended


@login_required
def org_index(request: HttpRequest) -> HttpResponse:
    labels = dict(UnitKind.choices)
    order = list(labels)
    units = sorted(Unit.objects.all(), key=lambda u: (order.index(u.kind) if u.kind in order else 99, u.sort_order))
    groups = [(labels.get(kind, kind), list(items)) for kind, items in groupby(units, key=lambda u: u.kind)]
    return render(request, "web/org/index.html", {"groups": groups, "is_admin": is_admin(request)})


def _holder(authority: Authority, day: dt.date) -> Holder | None:
    try:
        return who_holds(authority, day)
    except LookupError:
        return None


@login_required
def org_unit(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("parent"), code=code)
    today = timezone.localdate()
    positions = Position.objects.filter(unit=unit).prefetch_related(
        Prefetch(
            "appointments",
            queryset=Appointment.objects.filter(_active(today)).select_related("person"),
            to_attr="current",
        )
    )
    portfolios = Portfolio.objects.filter(_active(today), units=unit).select_related("leader")
    return render(
        request,
        "web/org/unit.html",
        {
            "unit": unit,
            "positions": positions,
            "head": _holder(Authority("head", unit.pk), today),
            "portfolio_holder": _holder(Authority("portfolio", unit.pk), today),
            "portfolios": portfolios,
            "today": today,
            "is_admin": is_admin(request),
            "functions": [UNIT_FUNCTIONS.get(f, f) for f in unit.functions or []],
            "history": _history(unit),
        },
    )


@login_required
def org_person(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("user"), pk=pk)
    appointments = list(person.appointments.select_related("position__unit"))
    portfolios = Portfolio.objects.filter(leader__appointments__person=person).prefetch_related("units").distinct()
    absences = Absence.objects.filter(person=person).select_related("position")[:50]
    return render(
        request,
        "web/org/person.html",
        {
            "person": person,
            "appointments": appointments,
            "portfolios": portfolios,
            "absences": absences,
            "today": timezone.localdate(),
            "is_admin": is_admin(request),
            "endable": _endable(request, appointments),
            "history": _history(person, *appointments),
        },
    )


@login_required
def org_position(request: HttpRequest, pk: int) -> HttpResponse:
    position = get_object_or_404(Position.objects.select_related("unit"), pk=pk)
    appointments = list(position.appointments.select_related("person").order_by("start", "id"))
    portfolios = list(position.portfolios.prefetch_related("units").order_by("start"))
    return render(
        request,
        "web/org/position.html",
        {
            "position": position,
            "appointments": appointments,
            "portfolios": portfolios,
            "may_lead": position.kind in rules.GOVERNMENT_LEADERS,
            "today": timezone.localdate(),
            "is_admin": is_admin(request),
            "appoints": _appoints(request, position),
            "endable": _endable(request, appointments),
            "history": _history(position, *appointments),
        },
    )


@login_required
def org_portfolios(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    portfolios = (
        Portfolio.objects.select_related("leader__unit")
        .prefetch_related("units")
        .order_by("leader__sort_order", "-start")
    )
    holders: dict[int, list[str]] = {}
    for a in Appointment.objects.filter(_active(today), position__portfolios__isnull=False).select_related("person"):
        holders.setdefault(a.position_id, []).append(a.person.name)
    rows = [
        (p, holders.get(p.leader_id, []), p.start <= today and (p.end is None or p.end >= today)) for p in portfolios
    ]
    return render(request, "web/org/portfolios.html", {"rows": rows, "is_admin": is_admin(request)})


@login_required
def org_portfolio(request: HttpRequest, pk: int) -> HttpResponse:
    portfolio = get_object_or_404(Portfolio.objects.select_related("leader__unit"), pk=pk)
    form = EndForm(initial={"end": timezone.localdate()})
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if (refusal := _refuse_non_admin(request, "org.portfolio")) is not None:
            return refusal
        form = EndForm(request.POST)
        done, errors, status = _submit(
            form, lambda data: admin_actions.end_portfolio(actor(request), portfolio, data["end"])
        )
        if done is not None:
            return redirect("web:org_portfolio", pk=portfolio.pk)
        portfolio.refresh_from_db()
    return render(
        request,
        "web/org/portfolio.html",
        {
            "portfolio": portfolio,
            "form": form,
            "errors": errors,
            "is_admin": is_admin(request),
            "history": _history(portfolio),
        },
        status=status,
    )


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
    response = render(
        request,
        template,
        {"form": form, "holder": holder, "error": error, "asked": asked, "day": day, "units": Unit.objects.all()},
        status=status,
    )
    if error and is_htmx(request):
        reswap(response, "outerHTML")  # htmx drops a 400 unless told where it goes: in place of the answer
    return response


# ---------------------------------------------------------------- administration (arts. 4, 7, 8)


def _history(*objects: models.Model) -> list[AuditRecord]:
    """The audit records of ``objects`` in chain order (an object page shows its history)."""
    records = [r for obj in objects for r in history_for(obj)]
    return sorted(records, key=lambda r: r.seq)


def _refuse_non_admin(request: HttpRequest, provision: str = "org.composition") -> HttpResponse | None:
    """``None`` for the system administrator; anyone else is refused (:class:`Refused`: a 403 page
    with the cited sentence, and a refusal in the audit trail)."""
    user = actor(request)
    require(rules.may_administer_org(positions_of(user), rulebook_view(timezone.localdate()), provision))
    return None


def _appointing(request: HttpRequest, position: Position) -> Decision:
    """Whether the user appoints to ``position`` and ends its appointments: the system administrator
    for the organization's seats, the security administrator for the administrators' (三权分立)."""
    positions, rb = positions_of(actor(request)), rulebook_view(timezone.localdate())
    if position.kind in rules.ADMINISTRATORS:
        return rules.may_administer_security(positions, rb)
    return rules.may_administer_org(positions, rb)


def _appoints(request: HttpRequest, position: Position) -> bool:
    return _appointing(request, position).allowed


def _endable(request: HttpRequest, appointments: Iterable[Appointment]) -> set[int]:
    """The open appointments the user may end."""
    return {a.pk for a in appointments if a.end is None and _appointing(request, a.position).allowed}


def _refuse_non_security_admin(request: HttpRequest) -> None:
    """Resets are the security administrator's; anyone else is refused (403, audited)."""
    require(rules.may_administer_security(positions_of(actor(request)), rulebook_view(timezone.localdate())))


def _submit(form: Any, call: Callable[[dict[str, Any]], Any]) -> tuple[Any, list[str], int]:
    """Validate ``form``'s shape, call the action; ``(result, errors, status)``.  A refusal is 403
    with its article; bad input is 400 with the field marked."""
    if not form.is_valid():
        return None, [], 400
    try:
        return call(form.cleaned_data), [], 200
    except Refused as exc:
        return None, explain(exc), 403
    except InvalidInput as exc:
        if exc.field in form.fields:
            form.add_error(exc.field, exc.localized_message)
        return None, explain(exc), 400


def _form_page(
    request: HttpRequest,
    title: str,
    form: Any,
    *,
    errors: Iterable[str] = (),
    status: int = 200,
    crumbs: Iterable[tuple[str, str]] = (),
    intro: str = "",
    submit: str = "",
    danger: bool = False,
) -> HttpResponse:
    return render(
        request,
        "web/org/form.html",
        {
            "title": title,
            "form": form,
            "errors": list(errors),
            "crumbs": list(crumbs),
            "intro": intro,
            "submit": submit,
            "danger": danger,
        },
        status=status,
    )


def _unit_fields(data: dict[str, Any]) -> admin_actions.UnitFields:
    return admin_actions.UnitFields(
        name=data["name"],
        kind=data["kind"],
        short_name=data["short_name"],
        parent=data["parent"],
        is_component=data["is_component"],
        doc_prefix=data["doc_prefix"],
        org_code=data["org_code"],
        functions=data["functions"],
        sort_order=data["sort_order"],
    )


@login_required
def org_unit_new(request: HttpRequest) -> HttpResponse:
    if (refusal := _refuse_non_admin(request)) is not None:
        return refusal
    form = UnitForm(
        request.POST or None,
        initial={"kind": UnitKind.DEPARTMENT, "parent": Unit.objects.filter(kind=UnitKind.GOVERNMENT).first()},
    )
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        unit, errors, status = _submit(
            form, lambda d: admin_actions.create_unit(actor(request), d["code"], _unit_fields(d))
        )
        if unit is not None:
            return redirect("web:org_unit", code=unit.code)
    return _form_page(
        request,
        _("新设单位"),
        form,
        errors=errors,
        status=status,
        crumbs=[("web:org", _("组织机构"))],
        submit=_("新设单位"),
    )


@login_required
def org_unit_edit(request: HttpRequest, code: str) -> HttpResponse:
    if (refusal := _refuse_non_admin(request)) is not None:
        return refusal
    unit = get_object_or_404(Unit, code=code)
    initial = {
        "name": unit.name,
        "short_name": unit.short_name,
        "kind": unit.kind,
        "parent": unit.parent,
        "is_component": unit.is_component,
        "doc_prefix": unit.doc_prefix,
        "org_code": unit.org_code,
        "functions": unit.functions,
        "sort_order": unit.sort_order,
    }
    form = UnitForm(request.POST or None, initial=initial, editing=True)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        done, errors, status = _submit(form, lambda d: admin_actions.edit_unit(actor(request), unit, _unit_fields(d)))
        if done is not None:
            return redirect("web:org_unit", code=unit.code)
    return _form_page(
        request,
        _("修改单位：%(name)s") % {"name": unit.name},
        form,
        errors=errors,
        status=status,
        crumbs=[("web:org", _("组织机构"))],
    )


@login_required
def org_position_new(request: HttpRequest, code: str) -> HttpResponse:
    if (refusal := _refuse_non_admin(request)) is not None:
        return refusal
    unit = get_object_or_404(Unit, code=code)
    form = PositionForm(request.POST or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        position, errors, status = _submit(
            form,
            lambda d: admin_actions.create_position(
                actor(request), unit, d["kind"], d["title"], d["duties"], d["sort_order"]
            ),
        )
        if position is not None:
            return redirect("web:org_position", pk=position.pk)
    return _form_page(
        request,
        _("新设职务：%(name)s") % {"name": unit.name},
        form,
        errors=errors,
        status=status,
        crumbs=[("web:org", _("组织机构"))],
        submit=_("新设职务"),
    )


@login_required
def org_position_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if (refusal := _refuse_non_admin(request)) is not None:
        return refusal
    position = get_object_or_404(Position.objects.select_related("unit"), pk=pk)
    initial = {
        "kind": position.kind,
        "title": position.title,
        "duties": position.duties,
        "sort_order": position.sort_order,
    }
    form = PositionForm(request.POST or None, initial=initial)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        done, errors, status = _submit(
            form,
            lambda d: admin_actions.edit_position(
                actor(request), position, d["kind"], d["title"], d["duties"], d["sort_order"]
            ),
        )
        if done is not None:
            return redirect("web:org_position", pk=position.pk)
    return _form_page(
        request,
        _("修改职务：%(name)s") % {"name": position},
        form,
        errors=errors,
        status=status,
        crumbs=[("web:org", _("组织机构"))],
    )


def _password_shown_once(request: HttpRequest, result: admin_actions.NewPassword, created: bool) -> HttpResponse:
    response = render(
        request,
        "web/org/password.html",
        {
            "person": result.person,
            "username": result.person.user.get_username(),
            "password": result.password,
            "generated": result.generated,
            "created": created,
        },
        status=201 if created else 200,
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def org_person_new(request: HttpRequest) -> HttpResponse:
    if (refusal := _refuse_non_admin(request)) is not None:
        return refusal
    form = PersonForm(request.POST or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        result, errors, status = _submit(
            form, lambda d: admin_actions.create_person(actor(request), d["name"], d["username"], d["password"] or None)
        )
        if result is not None:
            return _password_shown_once(request, result, created=True)
    return _form_page(
        request,
        _("新增人员及账号"),
        form,
        errors=errors,
        status=status,
        crumbs=[("web:org", _("组织机构"))],
        submit=_("新增"),
        intro=_("新增人员同时开设登录账号；之后在人员页面任命职务。"),
    )


@login_required
def org_person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if (refusal := _refuse_non_admin(request)) is not None:
        return refusal
    person = get_object_or_404(Person, pk=pk)
    form = PersonNameForm(request.POST or None, initial={"name": person.name})
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        done, errors, status = _submit(form, lambda d: admin_actions.edit_person(actor(request), person, d["name"]))
        if done is not None:
            return redirect("web:org_person", pk=person.pk)
    return _form_page(
        request,
        _("修改人员：%(name)s") % {"name": person.name},
        form,
        errors=errors,
        status=status,
        crumbs=[("web:org", _("组织机构"))],
    )


@login_required
def org_person_password(request: HttpRequest, pk: int) -> HttpResponse:
    _refuse_non_security_admin(request)
    person = get_object_or_404(Person.objects.select_related("user"), pk=pk)
    form = PasswordForm(request.POST or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        reset, errors, status = _submit(
            form, lambda d: identity_actions.reset_password(actor(request), person, d["password"] or None)
        )
        if reset is not None:
            # a password the administrator typed is not shown back; a generated one once
            temporary = reset.temporary_password
            shown = admin_actions.NewPassword(person, temporary or "", temporary is not None)
            return _password_shown_once(request, shown, created=False)
    return _form_page(
        request,
        _("重置密码：%(name)s") % {"name": person.name},
        form,
        errors=errors,
        status=status,
        crumbs=[("web:org", _("组织机构"))],
        submit=_("重置密码"),
    )


@login_required
@require_POST
def org_person_second_factor(request: HttpRequest, pk: int) -> HttpResponse:
    """重置动态口令 (a lost phone): the security administrator's; the next sign-in enrols anew."""
    _refuse_non_security_admin(request)
    person = get_object_or_404(Person.objects.select_related("user"), pk=pk)
    identity_actions.reset_second_factor(actor(request), person)
    return redirect("web:org_person", pk=person.pk)


@login_required
@require_POST
def org_person_tokens(request: HttpRequest, pk: int) -> HttpResponse:
    """撤销全部访问令牌: the security administrator's."""
    _refuse_non_security_admin(request)
    person = get_object_or_404(Person.objects.select_related("user"), pk=pk)
    identity_actions.revoke_tokens(actor(request), person)
    return redirect("web:org_person", pk=person.pk)


@login_required
@require_POST
def org_person_active(request: HttpRequest, pk: int, state: str) -> HttpResponse:
    """停用 / 启用 an account (``state`` is ``deactivate`` or ``activate``)."""
    if (refusal := _refuse_non_admin(request)) is not None:
        return refusal
    person = get_object_or_404(Person.objects.select_related("user"), pk=pk)
    try:
        admin_actions.set_account_active(actor(request), person, state == "activate")
    except InvalidInput as exc:
        return render_refusal(request, explain(exc), 400)
    except Refused as exc:
        return render_refusal(request, explain(exc), 403)
    return redirect("web:org_person", pk=person.pk)


@login_required
def org_appoint(request: HttpRequest) -> HttpResponse:
    """The system administrator appoints to the organization's seats, the security administrator to
    the administrators' (the form offers each only their own); anyone else is refused."""
    positions, rb = positions_of(actor(request)), rulebook_view(timezone.localdate())
    system, security = rules.may_administer_org(positions, rb), rules.may_administer_security(positions, rb)
    if not (system.allowed or security.allowed):
        require(system)
    initial = {
        "person": request.GET.get("person"),
        "position": request.GET.get("position"),
        "start": timezone.localdate(),
    }
    form = AppointForm(request.POST or None, initial=initial)
    seats = form.fields["position"].queryset  # type: ignore[attr-defined]
    if not security.allowed:
        form.fields["position"].queryset = seats.exclude(kind__in=rules.ADMINISTRATORS)  # type: ignore[attr-defined]
    elif not system.allowed:
        form.fields["position"].queryset = seats.filter(kind__in=rules.ADMINISTRATORS)  # type: ignore[attr-defined]
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        appointment, errors, status = _submit(
            form, lambda d: admin_actions.appoint(actor(request), d["person"], d["position"], d["start"])
        )
        if appointment is not None:
            return redirect("web:org_person", pk=appointment.person_id)
    return _form_page(
        request,
        _("任命"),
        form,
        errors=errors,
        status=status,
        crumbs=[("web:org", _("组织机构"))],
        submit=_("任命"),
        intro=_(
            "州长、常务副州长、副州长、秘书长、办公室主任和单位主要负责人的"
            "职务同一时间只能由一人担任；接任时请先结束前任的任职。"
        ),
    )


@login_required
def org_appointment_end(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = get_object_or_404(Appointment.objects.select_related("person", "position__unit"), pk=pk)
    require(_appointing(request, appointment.position))
    form = EndForm(request.POST or None, initial={"end": timezone.localdate()})
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        done, errors, status = _submit(
            form, lambda d: admin_actions.end_appointment(actor(request), appointment, d["end"])
        )
        if done is not None:
            return redirect("web:org_person", pk=appointment.person_id)
    title = _("免职：%(name)s（%(position)s）") % {"name": appointment.person.name, "position": appointment.position}
    return _form_page(
        request,
        title,
        form,
        errors=errors,
        status=status,
        crumbs=[("web:org", _("组织机构"))],
        submit=_("结束任职"),
        danger=True,
        intro=_("自%(start)s起任职；填写任职的最后一天。") % {"start": appointment.start.isoformat()},
    )


@login_required
def org_portfolio_new(request: HttpRequest) -> HttpResponse:
    if (refusal := _refuse_non_admin(request, "org.portfolio")) is not None:
        return refusal
    form = PortfolioForm(
        request.POST or None, initial={"leader": request.GET.get("leader"), "start": timezone.localdate()}
    )
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        portfolio, errors, status = _submit(
            form,
            lambda d: admin_actions.set_portfolio(
                actor(request), d["leader"], d["areas"], list(d["units"]), d["start"]
            ),
        )
        if portfolio is not None:
            return redirect("web:org_portfolio", pk=portfolio.pk)
    return _form_page(
        request,
        _("设置分管"),
        form,
        errors=errors,
        status=status,
        crumbs=[("web:org", _("组织机构")), ("web:org_portfolios", _("分管"))],
        submit=_("设置分管"),
        intro=_("一个单位同一时间由一位领导分管{art}。该领导原有的分管自新分管起始日前一日终止。").format(
            art=cite("org.portfolio")
        ),
    )
