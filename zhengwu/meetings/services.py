"""Reading meetings: follow-up status, cadence, compliance lines, iCalendar feeds."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from zoneinfo import ZoneInfo

import icalendar
from django.db.models import Q, QuerySet
from django.utils import timezone

from zhengwu.core import compliance
from zhengwu.documents.models import DocState
from zhengwu.meetings import rules
from zhengwu.meetings.models import FeedKey, FollowUp, FollowUpKind, Invitation, Meeting, MeetingState
from zhengwu.org.models import Person
from zhengwu.rulebook.services import rulebook_view
from zhengwu.workdays.arith import UnknownYearError
from zhengwu.workdays.services import calendar

BEIJING = ZoneInfo("Asia/Shanghai")


def done_on(fu: FollowUp) -> dt.date | None:
    """When a follow-up was carried out: a document when it was issued (read from the document itself),
    a publication when published, a task when recorded done."""
    if fu.kind == FollowUpKind.DOCUMENT:
        doc = fu.document
        if doc is not None and doc.state in {DocState.ISSUED, "filed", "archived"} and doc.issued_at is not None:
            return timezone.localdate(doc.issued_at)
        return None
    if fu.kind == FollowUpKind.PUBLICATION:
        item = fu.publication
        published = getattr(item, "published_at", None) if item is not None else None
        return timezone.localdate(published) if published else None
    return timezone.localdate(fu.done_at) if fu.done_at else None


def follow_up_state(fu: FollowUp, today: dt.date) -> str:
    rb = rulebook_view(today)
    left = None
    if fu.due is not None and today <= fu.due:
        try:
            left = calendar().working_days_between(today, fu.due)
        except UnknownYearError:
            left = None
    return rules.follow_up_status(
        fu.due, done_on(fu), today, left, int(rb.param("meeting.document_at_risk_days").value)
    )


def held_dates(year: int) -> dict[str, list[dt.date]]:
    found: dict[str, list[dt.date]] = defaultdict(list)
    rows = Meeting.objects.filter(
        state__in=[MeetingState.HELD, MeetingState.MINUTES_SIGNED], date__year__in=[year - 1, year]
    ).values_list("kind", "date")
    for kind, day in rows:
        found[kind].append(day)
    return found


def cadence_lines(today: dt.date) -> list[rules.CadenceLine]:
    return rules.cadence(today, held_dates(today.year), rulebook_view(today))


@compliance.register("meetings.documents")
def compliance_lines(today: dt.date) -> Iterator[compliance.ComplianceLine]:
    """Documents decided at a meeting not issued within N working days (art. 42): overdue and at risk."""
    rows = (
        FollowUp.objects.filter(kind=FollowUpKind.DOCUMENT, due__isnull=False)
        .exclude(decision__meeting__state=MeetingState.CANCELLED)
        .select_related("decision__meeting", "document")
    )
    for fu in rows:
        state = follow_up_state(fu, today)
        if state not in {rules.OVERDUE, rules.AT_RISK}:
            continue
        m = fu.decision.meeting
        assert fu.due is not None
        try:
            late = calendar().working_days_between(fu.due, today)
        except UnknownYearError:
            late = 0
        yield compliance.ComplianceLine(
            area="会议发文",
            title=f"{m.title}：{fu.title}",
            owner="州政府办公室",
            due=fu.due,
            status=compliance.Status.OVERDUE if state == rules.OVERDUE else compliance.Status.AT_RISK,
            citation=rulebook_view(m.date).cite("meetings.document_issue"),
            url=f"/meetings/{m.pk}/",
            detail=f"逾期{late}个工作日" if state == rules.OVERDUE else "临近期限",
        )


# ---------------------------------------------------------------- iCalendar (RFC 5545)


def feed_key(person: Person) -> str:
    row, _ = FeedKey.objects.get_or_create(person=person)
    return row.key


def person_for_key(key: str) -> Person | None:
    row = FeedKey.objects.select_related("person").filter(key=key).first()
    return row.person if row else None


def meetings_for(person: Person) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(Q(invitations__person=person) | Q(invitations__deputy=person) | Q(chair=person))
        .exclude(state="proposed")
        .distinct()
        .select_related("chair")
    )


def ical(meetings: Iterable[Meeting], name: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//zhengwu//meetings//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for m in meetings:
        ev = icalendar.Event()
        start = dt.datetime.combine(m.date, m.start_time, tzinfo=BEIJING)
        ev.add("uid", f"meeting-{m.pk}@zhengwu")
        ev.add("summary", m.title)
        ev.add("dtstart", start)
        ev.add("dtend", start + dt.timedelta(hours=m.hours or 2))
        ev.add("dtstamp", m.updated_at)
        ev.add("last-modified", m.updated_at)
        ev.add("sequence", m.sequence)
        ev.add("location", m.place)
        ev.add("categories", [m.get_kind_display()])
        ev.add("description", f"{m.get_kind_display()}，主持：{m.chair.name}")
        ev.add("status", "CANCELLED" if m.state == MeetingState.CANCELLED else "CONFIRMED")
        cal.add_component(ev)
    return bytes(cal.to_ical())


def invitations_of(person: Person) -> QuerySet[Invitation]:
    return Invitation.objects.filter(Q(person=person) | Q(deputy=person)).select_related("meeting")
