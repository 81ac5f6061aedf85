"""Staff pages for 请示报告 (arts. 16, 46, 55): incident reports and their timeline, the register of
matters reported upward, attendance at 州人大常委会 sessions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_POST

from zhengwu.audit.services import history_for
from zhengwu.core.decisions import InvalidInput
from zhengwu.core.i18n import _
from zhengwu.documents.models import Document
from zhengwu.org.models import Person, Unit
from zhengwu.org.rules import VICE_LEADERS
from zhengwu.reporting import actions, rules, selectors
from zhengwu.reporting.models import (
    ConcernSource,
    Incident,
    IncidentKind,
    NpcAttendance,
    PublicConcern,
    Severity,
    UpwardCategory,
    UpwardForm,
    UpwardReport,
)
from zhengwu.web.helpers import actor
from zhengwu.web.views.petitions_common import attempt, case_units, field, required_date, required_unit


def datetime_field(request: HttpRequest, name: str, required: bool = False) -> dt.datetime | None:
    """A ``datetime-local`` input, read in the installation's time zone."""
    raw = field(request, name).strip()
    if not raw:
        if required:
            raise InvalidInput(_("请填写时间。"), field=name)
        return None
    try:
        moment = parse_datetime(raw)
    except ValueError:
        moment = None
    if moment is None:
        raise InvalidInput(_("时间“{raw}”格式有误，应为 YYYY-MM-DDTHH:MM。", raw=raw), field=name)
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _now_local() -> str:
    return f"{timezone.localtime():%Y-%m-%dT%H:%M}"


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    concerns = selectors.concerns_visible_to(user)
    incidents = list(selectors.incidents_visible_to(user).select_related("unit").order_by("-known_at", "-id")[:100])
    return render(
        request,
        "web/reporting/index.html",
        {
            "incidents": [(i, selectors.open_limits(i)) for i in incidents],
            "upward": selectors.upward_visible_to(user)
            .select_related("recipient")
            .order_by("-created_at", "-id")[:100],
            "npc": selectors.npc_visible_to(user).select_related("attendee").order_by("-session_date", "-id")[:100],
            "concerns": concerns.select_related("unit", "publication")[:100],
            "unpublished": selectors.unpublished_results(concerns),
            "now": timezone.now(),
        },
    )


# ---------------------------------------------------------------- art. 55


@login_required
def incident_new(request: HttpRequest) -> HttpResponse:
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        created: list[Incident] = []
        user = actor(request)

        def run() -> None:
            occurred = datetime_field(request, "occurred_at", required=True)
            assert occurred is not None
            created.append(
                actions.register_incident(
                    user,
                    unit=required_unit(request, "unit"),
                    kind=field(request, "kind"),
                    severity=field(request, "severity"),
                    title=field(request, "title"),
                    occurred_at=occurred,
                    known_at=datetime_field(request, "known_at"),
                    place=field(request, "place"),
                    summary=field(request, "summary"),
                )
            )

        errors, status = attempt(run)
        if created:
            return redirect("web:reporting_incident", pk=created[0].pk)
    return render(
        request,
        "web/reporting/incident_new.html",
        {
            "units": case_units(),
            "kinds": IncidentKind.choices,
            "severities": Severity.choices,
            "errors": errors,
            "posted": request.POST,
            "now": _now_local(),
        },
        status=status,
    )


def _incident_page(request: HttpRequest, incident: Incident, errors: list[str], status: int) -> HttpResponse:
    return render(
        request,
        "web/reporting/incident.html",
        {
            "i": incident,
            "entries": incident.entries.select_related("document"),
            "open_limits": selectors.open_limits(incident),
            "labels": actions.LIMIT_LABELS,
            "stages": rules.STAGE_NAMES,
            "acts": selectors.allowed_actions(actor(request), incident),
            "history": list(history_for(incident)),
            "errors": errors,
            "now": timezone.now(),
            "now_local": _now_local(),
        },
        status=status,
    )


@login_required
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _incident_page(
        request,
        get_object_or_404(selectors.incidents_visible_to(actor(request)).select_related("unit"), pk=pk),
        [],
        200,
    )


@login_required
@require_POST
def incident_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    incident = get_object_or_404(selectors.incidents_visible_to(actor(request)).select_related("unit"), pk=pk)
    if action not in selectors.INCIDENT_ACTS:
        return redirect("web:reporting_incident", pk=pk)
    user = actor(request)

    def run() -> None:
        raw = field(request, "document").strip()
        document = Document.objects.filter(number=raw).first() if raw else None
        if raw and document is None:
            raise InvalidInput(_("没有发文字号为“{raw}”的公文。", raw=raw), field="document")
        actions.record_report(
            user,
            incident,
            stage=action,
            content=field(request, "content"),
            reported_at=datetime_field(request, "reported_at"),
            document=document,
        )

    errors, status = attempt(run)
    if not errors:
        return redirect("web:reporting_incident", pk=pk)
    incident.refresh_from_db()
    return _incident_page(request, incident, errors, status)


# ---------------------------------------------------------------- art. 16


def _recipients() -> list[Unit]:
    return list(Unit.objects.filter(code__in=rules.UPWARD_RECIPIENTS).order_by("sort_order", "code"))


@login_required
def upward_new(request: HttpRequest) -> HttpResponse:
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        created: list[UpwardReport] = []
        user = actor(request)

        def run() -> None:
            created.append(
                actions.register_upward(
                    user,
                    recipient=required_unit(request, "recipient"),
                    category=field(request, "category"),
                    form=field(request, "form"),
                    title=field(request, "title"),
                    summary=field(request, "summary"),
                )
            )

        errors, status = attempt(run)
        if created:
            return redirect("web:reporting_upward", pk=created[0].pk)
    return render(
        request,
        "web/reporting/upward_new.html",
        {
            "recipients": _recipients(),
            "categories": UpwardCategory.choices,
            "forms": UpwardForm.choices,
            "errors": errors,
            "posted": request.POST,
        },
        status=status,
    )


def _upward_page(request: HttpRequest, report: UpwardReport, errors: list[str], status: int) -> HttpResponse:
    return render(
        request,
        "web/reporting/upward.html",
        {
            "r": report,
            "documents": report.documents.all(),
            "acts": selectors.allowed_actions(actor(request), report),
            "history": list(history_for(report)),
            "errors": errors,
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
def upward_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _upward_page(
        request,
        get_object_or_404(selectors.upward_visible_to(actor(request)).select_related("recipient"), pk=pk),
        [],
        200,
    )


@login_required
@require_POST
def upward_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    report = get_object_or_404(selectors.upward_visible_to(actor(request)).select_related("recipient"), pk=pk)
    user = actor(request)

    def link() -> None:
        number = field(request, "document").strip()
        document = Document.objects.filter(number=number).first() if number else None
        if document is None:
            raise InvalidInput(_("没有发文字号为“{raw}”的公文。", raw=number), field="document")
        actions.link_document(user, report, document)

    runs: dict[str, Callable[[], object]] = {
        "link": link,
        "reply": lambda: actions.record_reply(
            user, report, field(request, "reply"), required_date(request, "replied_on")
        ),
    }
    run = runs.get(action)
    if run is None:
        return redirect("web:reporting_upward", pk=pk)
    errors, status = attempt(run)
    if not errors:
        return redirect("web:reporting_upward", pk=pk)
    report.refresh_from_db()
    return _upward_page(request, report, errors, status)


# ---------------------------------------------------------------- art. 46


def _leaders() -> list[Person]:
    kinds = {*VICE_LEADERS}
    return list(
        Person.objects.filter(appointments__position__kind__in=kinds, appointments__end__isnull=True)
        .distinct()
        .order_by("pk")
    )


@login_required
def npc_new(request: HttpRequest) -> HttpResponse:
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        created: list[NpcAttendance] = []
        user = actor(request)

        def run() -> None:
            raw = field(request, "attendee").strip()
            attendee = Person.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
            if attendee is None:
                raise InvalidInput(_("所选人员有误。"), field="attendee")
            created.append(
                actions.assign_npc_attendance(
                    user,
                    session=field(request, "session"),
                    session_date=required_date(request, "session_date"),
                    attendee=attendee,
                    entrusted=bool(request.POST.get("entrusted")),
                    reason=field(request, "reason"),
                )
            )

        errors, status = attempt(run)
        if created:
            return redirect("web:reporting_npc", pk=created[0].pk)
    return render(
        request,
        "web/reporting/npc_new.html",
        {"leaders": _leaders(), "errors": errors, "posted": request.POST, "today": timezone.localdate()},
        status=status,
    )


def _npc_page(request: HttpRequest, a: NpcAttendance, errors: list[str], status: int) -> HttpResponse:
    return render(
        request,
        "web/reporting/npc.html",
        {
            "a": a,
            "acts": selectors.allowed_actions(actor(request), a),
            "history": list(history_for(a)),
            "errors": errors,
        },
        status=status,
    )


@login_required
def npc_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _npc_page(
        request, get_object_or_404(selectors.npc_visible_to(actor(request)).select_related("attendee"), pk=pk), [], 200
    )


@login_required
@require_POST
def npc_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    a = get_object_or_404(selectors.npc_visible_to(actor(request)).select_related("attendee"), pk=pk)
    if action != "attend":
        return redirect("web:reporting_npc", pk=pk)
    user = actor(request)
    errors, status = attempt(lambda: actions.record_npc_attendance(user, a))
    if not errors:
        return redirect("web:reporting_npc", pk=pk)
    a.refresh_from_db()
    return _npc_page(request, a, errors, status)


# ---------------------------------------------------------------- art. 34


@login_required
def concern_new(request: HttpRequest) -> HttpResponse:
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        created: list[PublicConcern] = []
        user = actor(request)

        def run() -> None:
            created.append(
                actions.register_concern(
                    user,
                    source=field(request, "source"),
                    title=field(request, "title"),
                    unit=required_unit(request, "unit"),
                    received_on=required_date(request, "received_on"),
                    description=field(request, "description"),
                    major=bool(request.POST.get("major")),
                )
            )

        errors, status = attempt(run)
        if created:
            return redirect("web:reporting_concern", pk=created[0].pk)
    return render(
        request,
        "web/reporting/concern_new.html",
        {
            "units": case_units(),
            "sources": ConcernSource.choices,
            "errors": errors,
            "posted": request.POST,
            "today": timezone.localdate(),
        },
        status=status,
    )


def _concern_page(request: HttpRequest, c: PublicConcern, errors: list[str], status: int) -> HttpResponse:
    return render(
        request,
        "web/reporting/concern.html",
        {
            "c": c,
            "acts": selectors.allowed_actions(actor(request), c),
            "history": list(history_for(c)),
            "errors": errors,
        },
        status=status,
    )


@login_required
def concern_detail(request: HttpRequest, pk: int) -> HttpResponse:
    c = get_object_or_404(selectors.concerns_visible_to(actor(request)).select_related("unit", "publication"), pk=pk)
    return _concern_page(request, c, [], 200)


@login_required
@require_POST
def concern_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    c = get_object_or_404(selectors.concerns_visible_to(actor(request)).select_related("unit", "publication"), pk=pk)
    if action != "result":
        return redirect("web:reporting_concern", pk=pk)
    user = actor(request)
    errors, status = attempt(
        lambda: actions.record_result(user, c, field(request, "result"), major=bool(request.POST.get("major")))
    )
    if not errors:
        return redirect("web:reporting_concern", pk=pk)
    c.refresh_from_db()
    return _concern_page(request, c, errors, status)
