"""The 会议 panel of the workbench: my invitations, leave requests to decide, papers to read, decisions to carry out."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from zhengwu.core import workbench
from zhengwu.meetings import selectors, services
from zhengwu.meetings.models import FollowUp, FollowUpKind, Invitation, LeaveState, MeetingState, Paper
from zhengwu.org.services import person_of, positions_of

UPCOMING = [MeetingState.PLANNED, MeetingState.AGENDA_CONFIRMED]


@workbench.panel(20, "meetings")
def meetings_section(request: HttpRequest) -> workbench.Section | None:
    user = request.user
    person = person_of(user)
    if person is None or not user.is_authenticated:
        return None
    today = timezone.localdate()
    invitations = list(
        services.invitations_of(person)
        .filter(meeting__state__in=UPCOMING, meeting__date__gte=today)
        .order_by("meeting__date")[:10]
    )
    pending = Invitation.objects.filter(leave_state=LeaveState.REQUESTED, meeting__state__in=UPCOMING).select_related(
        "meeting", "person__user", "meeting__chair"
    )[:50]
    to_decide = [i for i in pending if selectors.act_offered(user, i, "decide").allowed]
    meeting_ids = [i.meeting_id for i in invitations]
    papers = list(
        Paper.objects.filter(topic__meeting_id__in=meeting_ids, distributed_at__isnull=False).select_related(
            "topic__meeting"
        )[:10]
    )
    unit_ids = [p.unit_id for p in positions_of(user)]
    tasks = [
        fu
        for fu in FollowUp.objects.filter(
            Q(owner_person=person) | Q(owner_unit_id__in=unit_ids),
            kind__in=[FollowUpKind.TASK, FollowUpKind.DOCUMENT],
            decision__meeting__state=MeetingState.MINUTES_SIGNED,
        ).select_related("decision__meeting", "document")[:30]
        if services.follow_up_state(fu, today) != "done"
    ][:10]
    count = len(invitations) + len(to_decide) + len(papers) + len(tasks)
    if not count:
        return None
    return workbench.Section(
        "meetings",
        "会议",
        "web/meetings/_workbench.html",
        {"invitations": invitations, "to_decide": to_decide, "papers": papers, "tasks": tasks},
        count,
    )
