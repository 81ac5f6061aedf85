"""工作台: my to-dos, my deadlines, my unread notices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from zhengwu.core.workbench import Section, panels
from zhengwu.notices.models import Notice
from zhengwu.org.models import Absence, AbsenceState
from zhengwu.web.helpers import actor, me, records_for_others, unknown_year_message
from zhengwu.web.views.documents import document_todos, viewer_of
from zhengwu.workdays.services import UnknownYearError, calendar


@dataclass(frozen=True)
class Deadline:
    absence: Absence
    due: dt.date
    working_days_left: int | None
    error: str = ""


def sections(request: HttpRequest) -> list[Section]:
    """The registered panels that have something for this person, in their order."""
    found = []
    for p in panels():
        section = p.provider(request)
        if section is not None:
            found.append(section)
    return found


@login_required
def workbench(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    person = me(request)
    today = timezone.localdate()
    open_absences = Absence.objects.filter(state=AbsenceState.REPORTED).select_related("person", "position")
    mine = list(open_absences.filter(person=person)) if person else []
    office = records_for_others(request)
    reported_to_office = list(open_absences.exclude(person=person)[:20]) if office else []
    cal = calendar()
    deadlines = []
    for absence in sorted(mine, key=lambda a: a.end):
        try:
            deadlines.append(Deadline(absence, absence.end, cal.working_days_between(today, absence.end)))
        except UnknownYearError as exc:
            deadlines.append(Deadline(absence, absence.end, None, unknown_year_message(exc)))
    notices = Notice.objects.filter(recipient_id=user.pk, read_at__isnull=True)[:8]
    doc_todos = document_todos(viewer_of(request))
    return render(
        request,
        "web/workbench.html",
        {
            "doc_todos": doc_todos[:20],
            "doc_todos_more": len(doc_todos) > 20,
            "my_open_absences": mine,
            "office_absences": reported_to_office,
            "is_office": office,
            "deadlines": deadlines,
            "notices": notices,
            "today": today,
            "sections": sections(request),
        },
    )
