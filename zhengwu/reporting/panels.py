"""请示报告 on the workbench: incidents of my unit (or, for the office, of every unit) whose first
report is still awaited (art. 55), and the 州人大常委会 sessions I am assigned to (art. 46)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.utils import timezone

from zhengwu.core import workbench
from zhengwu.org.rules import ADMINISTRATORS
from zhengwu.org.services import person_of, positions_of
from zhengwu.reporting import selectors
from zhengwu.reporting.models import AttendanceState, Incident, IncidentState, NpcAttendance


@workbench.panel(38, "reporting")
def panel(request: HttpRequest) -> workbench.Section | None:
    user = request.user
    if not isinstance(user, AbstractBaseUser) or not user.is_authenticated:
        return None
    units = {p.unit_id for p in positions_of(user) if p.kind not in ADMINISTRATORS}
    rows = Incident.objects.exclude(state=IncidentState.CLOSED).select_related("unit")
    if not selectors.is_office(user):
        rows = rows.filter(unit_id__in=units)
    awaited = [(i, limits) for i in rows.order_by("known_at")[:50] if (limits := selectors.open_limits(i))][:20]
    person = person_of(user)
    sessions = (
        list(
            NpcAttendance.objects.filter(attendee=person, state=AttendanceState.ASSIGNED)
            .filter(session_date__gte=timezone.localdate())
            .order_by("session_date")[:10]
        )
        if person
        else []
    )
    if not awaited and not sessions:
        return None
    return workbench.Section(
        key="reporting",
        title="请示报告",
        template="web/reporting/_workbench.html",
        context={"awaited": awaited, "sessions": sessions, "now": timezone.now()},
        count=len(awaited) + len(sessions),
    )
