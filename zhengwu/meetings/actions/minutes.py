"""Minutes and what follows (arts. 28, 42, 43, 45): drafting and signing the minutes, decisions with their
follow-ups (a document to issue within N working days, publication unless secret, a task), press releases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.actions import copy_back, lock
from zhengwu.core.decisions import InvalidInput, require
from zhengwu.core.i18n import _
from zhengwu.core.transitions import require_checks
from zhengwu.documents.models import Document, Flow
from zhengwu.meetings import rules, selectors
from zhengwu.meetings.actions.common import (
    actor_person,
    governor_person,
    meeting_url,
    move,
    people_of_unit,
    rb_on,
)
from zhengwu.meetings.models import AgreedItem, FollowUp, FollowUpKind, Meeting, MeetingState
from zhengwu.notices import services as notices
from zhengwu.org.models import Person, Unit
from zhengwu.org.services import office_unit, users_of
from zhengwu.portal.models import ItemKind
from zhengwu.portal.services import queue_for_publication
from zhengwu.supervision import actions as supervision
from zhengwu.supervision.models import SupervisionItem
from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer, TimerState
from zhengwu.workdays.arith import deadline_close
from zhengwu.workdays.dependents import Moved, Recalc
from zhengwu.workdays.services import calendar

DOC_DUE_TIMER = "meetings.document_due"


_minutes_provision = selectors.minutes_provision


@transaction.atomic
def draft_minutes(actor: AbstractBaseUser, meeting: Meeting, text: str, major_matters: bool | None = None) -> Meeting:
    """The office drafts the minutes (纪要) of a held meeting (arts. 42, 43)."""
    m = lock(meeting)
    rb = rb_on(m.date)
    require_checks(*selectors.minutes_checks(actor, m))
    if not text.strip():
        raise InvalidInput(_("请填写纪要正文。"), field="text")
    m.minutes_text, m.minutes_drafted_by_id = text.strip(), actor.pk
    if major_matters is not None:
        m.major_matters = major_matters
    m.save(update_fields=["minutes_text", "minutes_drafted_by", "major_matters"])
    audit.record(
        actor=actor,
        action="meetings.minutes.draft",
        target=m,
        citation=rb.cite(_minutes_provision(m)),
        summary=f"起草{m.title}纪要（{len(m.minutes_text)}字）",
        details={"major_matters": m.major_matters},
    )
    return copy_back(meeting, m)


@transaction.atomic
def add_decision(
    actor: AbstractBaseUser,
    meeting: Meeting,
    text: str,
    *,
    secret: bool = False,
    document_title: str = "",
    task_title: str = "",
    task_unit: Unit | None = None,
    task_person: Person | None = None,
    task_due: dt.date | None = None,
) -> AgreedItem:
    """A decision (议定事项) in the minutes, with its follow-ups: a document to issue within N working days
    after the meeting (art. 42) and/or a task with its owner and deadline."""
    m = lock(meeting)
    rb = rb_on(m.date)
    require_checks(*selectors.decision_checks(actor, m))
    if not text.strip():
        raise InvalidInput(_("请填写议定事项。"), field="text")
    if task_title.strip() and (task_unit is None or task_due is None):
        raise InvalidInput(_("落实任务须写明责任单位和完成期限。"), field="task_unit")
    if task_due is not None:
        require(rules.check_task_due(task_due, m.date, rb))
    decision = AgreedItem.objects.create(meeting=m, text=text.strip(), secret=secret, position=m.decisions.count() + 1)
    details: dict[str, Any] = {"decision": decision.pk, "secret": secret}
    if document_title.strip():
        due = rules.document_due(m.date, rb, calendar().add_working_days)
        fu = FollowUp.objects.create(
            decision=decision,
            kind=FollowUpKind.DOCUMENT,
            title=document_title.strip()[:200],
            due=due,
            owner_unit=office_unit(),
        )
        timers.schedule(DOC_DUE_TIMER, deadline_close(due), f"meetings.followup.{fu.pk}.due", follow_up=fu.pk)
        details["document_due"] = due.isoformat()
    if task_title.strip():
        FollowUp.objects.create(
            decision=decision,
            kind=FollowUpKind.TASK,
            title=task_title.strip()[:200],
            due=task_due,
            owner_unit=task_unit,
            owner_person=task_person,
        )
        details["task"] = {"unit": task_unit.code if task_unit else None, "due": str(task_due)}
    audit.record(
        actor=actor,
        action="meetings.decision.add",
        target=m,
        citation=rb.cite(_minutes_provision(m)),
        summary=f"{m.title}议定事项{decision.position}：{decision.text[:60]}",
        details=details,
    )
    return decision


@transaction.atomic
def review_major(actor: AbstractBaseUser, meeting: Meeting) -> Meeting:
    """The 州长 reviews the minutes of a topic meeting on major matters before they are signed (art. 43)."""
    m = lock(meeting)
    rb = rb_on(m.date)
    require_checks(*selectors.review_major_checks(actor, m))
    m.major_reviewed_by, m.major_reviewed_at = actor_person(actor), timezone.now()
    m.save(update_fields=["major_reviewed_by", "major_reviewed_at"])
    audit.record(
        actor=actor,
        action="meetings.minutes.review",
        target=m,
        citation=rb.cite("meetings.topic_meeting"),
        summary=f"州长审核{m.title}纪要（重大事项）",
        details={},
    )
    return copy_back(meeting, m)


@transaction.atomic
def sign_minutes(actor: AbstractBaseUser, meeting: Meeting) -> Meeting:
    """The right person signs the minutes (arts. 42, 43); non-secret decisions go to the publication queue
    (art. 28) counted from the meeting day."""
    m = lock(meeting)
    rb = rb_on(m.date)
    person = actor_person(actor)
    checks = selectors.sign_checks(actor, m)
    require_checks(*checks[:2])  # the signer; the 州长's review where it is needed
    require_checks(*checks)  # drafted, a held meeting
    m.minutes_signed_by, m.minutes_signed_at = person, timezone.now()
    m.save(update_fields=["minutes_signed_by", "minutes_signed_at"])
    move(actor, m, MeetingState.MINUTES_SIGNED, f"{person.name}签发纪要", _minutes_provision(m))
    gov_unit = Unit.objects.filter(kind="government").order_by("sort_order").first()
    published = 0
    for d in m.decisions.all():
        if rules.publication_needed(d.secret, rb).facts.get("publish"):
            item = queue_for_publication(
                actor=actor,
                kind=ItemKind.MEETING_DECISION,
                title=f"{m.title}议定事项：{d.text[:80]}",
                body=d.text,
                counted_from=m.date,
                provision="disclosure.meeting_decisions",
                source=d,
                issuing_unit=gov_unit,
                written_on=m.date,
            )
            FollowUp.objects.get_or_create(
                decision=d,
                kind=FollowUpKind.PUBLICATION,
                defaults={"publication": item, "due": item.due_on, "title": item.title[:200]},
            )
            published += 1
    audit.record(
        actor=actor,
        action="meetings.minutes.sign",
        target=m,
        citation=rb.cite(_minutes_provision(m)),
        summary=f"{person.name}签发{m.title}纪要，议定事项{m.decisions.count()}项，列入公开{published}项",
        details={"published": published},
    )
    owners = [
        u
        for fu in FollowUp.objects.filter(decision__meeting=m, kind=FollowUpKind.TASK, owner_unit__isnull=False)
        for u in people_of_unit(fu.owner_unit, m.date)  # type: ignore[arg-type]
    ]
    notices.send(
        users_of(owners), f"会议纪要已签发，请落实：{m.title}", "", rb.cite(_minutes_provision(m)), meeting_url(m)
    )
    return copy_back(meeting, m)


def lock_follow_up(follow_up: FollowUp) -> FollowUp:
    return lock(follow_up, "decision__meeting")


@transaction.atomic
def link_document(actor: AbstractBaseUser, follow_up: FollowUp, document: Document) -> FollowUp:
    """Link the outgoing document a decision is to issue; it is done once that document is issued (art. 42)."""
    fu = lock_follow_up(follow_up)
    m = fu.decision.meeting
    rb = rb_on(m.date)
    require_checks(*selectors.link_document_checks(actor, fu, document.flow == Flow.OUTGOING))
    fu.document = document
    fu.save(update_fields=["document"])
    audit.record(
        actor=actor,
        action="meetings.followup.document",
        target=m,
        citation=rb.cite("meetings.document_issue"),
        summary=f"议定事项“{fu.decision.text[:40]}”关联发文《{document.title}》",
        details={"follow_up": fu.pk, "document": document.pk},
    )
    return fu


@transaction.atomic
def complete_task(actor: AbstractBaseUser, follow_up: FollowUp, note: str = "") -> FollowUp:
    fu = lock_follow_up(follow_up)
    m = fu.decision.meeting
    rb = rb_on(m.date)
    checks = selectors.complete_task_checks(actor, fu)
    require_checks(*checks[:1])
    require_checks(*checks)
    fu.done_at = timezone.now()
    fu.save(update_fields=["done_at"])
    audit.record(
        actor=actor,
        action="meetings.followup.done",
        target=m,
        citation=rb.cite("meetings.minutes"),
        summary=f"落实任务“{fu.title}”已完成" + (f"：{note}" if note else ""),
        details={"follow_up": fu.pk},
    )
    return fu


@transaction.atomic
def send_to_supervision(
    actor: AbstractBaseUser,
    follow_up: FollowUp,
    *,
    co_units: Sequence[Unit] = (),
    report_every: str = "",
    link_to: SupervisionItem | None = None,
    new_despite: str = "",
) -> FollowUp:
    """交督查督办: hand a task to the supervision area (arts. 26, 54).

    A matter already supervised is refused by the supervision area (art. 26) unless the caller
    links the task to that item (``link_to``) or gives the reason for a new one (``new_despite``).
    """
    fu = lock_follow_up(follow_up)
    require(selectors.supervise_checks(actor, fu)[0])  # who may open the item: the supervision action asks
    assert fu.owner_unit is not None  # checked by the rule
    assert fu.due is not None
    item = supervision.open_item(
        actor,
        title=fu.title or fu.decision.text[:200],
        lead_unit=fu.owner_unit,
        due=fu.due,
        origin="meeting_decision",
        co_units=co_units,
        source=fu.decision,
        description=f"{fu.decision.meeting.title}议定事项：{fu.decision.text}",
        report_every=report_every,
        link_to=link_to,
        new_despite=new_despite,
    )
    fu.supervision_ref = str(item.pk)
    fu.save(update_fields=["supervision_ref"])
    m = fu.decision.meeting
    audit.record(
        actor=actor,
        action="meetings.followup.supervise",
        target=m,
        citation=rb_on(m.date).cite("meetings.minutes"),
        summary=f"落实任务“{fu.title}”交督查督办",
        details={"follow_up": fu.pk, "item": item.pk},
    )
    return fu


# ---------------------------------------------------------------- press release (art. 45)


@transaction.atomic
def draft_press(actor: AbstractBaseUser, meeting: Meeting, text: str, escalated: bool = False) -> Meeting:
    m = lock(meeting)
    rb = rb_on(m.date)
    require_checks(*selectors.press_checks(actor, m))
    if not text.strip():
        raise InvalidInput(_("请填写新闻稿。"), field="text")
    m.press_text, m.press_escalated = text.strip(), escalated
    m.press_approved_by, m.press_approved_at = None, None
    m.save(update_fields=["press_text", "press_escalated", "press_approved_by", "press_approved_at"])
    audit.record(
        actor=actor,
        action="meetings.press.draft",
        target=m,
        citation=rb.cite("meetings.press_release"),
        summary=f"起草{m.title}新闻稿" + ("（报州长或常务副州长审核）" if escalated else ""),
        details={"escalated": escalated},
    )
    return copy_back(meeting, m)


@transaction.atomic
def approve_press(actor: AbstractBaseUser, meeting: Meeting) -> Meeting:
    """The 秘书长 (or, when escalated, the 州长 or 常务副州长) approves the press release before release."""
    m = lock(meeting)
    rb = rb_on(m.date)
    checks = selectors.approve_press_checks(actor, m)
    require_checks(*checks[:1])
    require_checks(*checks)
    m.press_approved_by, m.press_approved_at = actor_person(actor), timezone.now()
    m.save(update_fields=["press_approved_by", "press_approved_at"])
    audit.record(
        actor=actor,
        action="meetings.press.approve",
        target=m,
        citation=rb.cite("meetings.press_release"),
        summary=f"审核同意{m.title}新闻稿",
        details={},
    )
    return copy_back(meeting, m)


@timers.handler(DOC_DUE_TIMER)
def _document_due(timer: Timer) -> None:
    """At the close of the due day: tell the office if the document has not been issued (art. 42)."""
    from zhengwu.meetings.services import follow_up_state

    fu = FollowUp.objects.select_related("decision__meeting", "document").filter(pk=timer.payload["follow_up"]).first()
    if fu is None or follow_up_state(fu, timezone.localdate()) == rules.DONE:
        return
    m = fu.decision.meeting
    office = office_unit()
    people = people_of_unit(office, m.date) if office else []
    notices.send(
        users_of([*people, governor_person(m.date)][:50]),
        f"会议决定印发文件逾期：{fu.title}",
        f"{m.title}（{m.date:%Y-%m-%d}）决定印发的文件应于{fu.due:%Y-%m-%d}前印发。",
        rb_on(m.date).cite("meetings.document_issue"),
        meeting_url(m),
    )


# ---------------------------------------------------------------- the calendar changed


def recompute_dues(recalc: Recalc) -> list[Moved]:
    """The working calendar changed: a decided document not yet issued whose day is still
    ``meeting.document_issue_days`` working days after the meeting (art. 42) gets the day it gives
    now, and its timer moves (a fired one stays fired); the office and the 州长 are told, as when
    it is overdue.  A publication follow-up not yet published keeps the portal item's day (20
    working days from the meeting, art. 28): the portal tells its staff.  A task's deadline is
    the one the minutes set, and stays."""
    from zhengwu.meetings.services import done_on
    from zhengwu.portal.models import ItemState

    moved: list[Moved] = []
    today = timezone.localdate()
    office = office_unit()
    rows = (
        FollowUp.objects.filter(kind__in=[FollowUpKind.DOCUMENT, FollowUpKind.PUBLICATION], due__gte=recalc.since)
        .exclude(decision__meeting__state=MeetingState.CANCELLED)
        .select_related("decision__meeting", "document", "publication")
    )
    for fu in rows:
        m = fu.decision.meeting
        if done_on(fu) is not None:
            continue
        if fu.kind == FollowUpKind.DOCUMENT:
            key = f"meetings.followup.{fu.pk}.due"
            if Timer.objects.filter(key=key, state=TimerState.FIRED).exists():
                continue  # already past its day
            new = recalc.working_days(m.date, int(rb_on(m.date).param("meeting.document_issue_days").value), fu.due)
            if new is None:
                continue
            timers.move(key, deadline_close(new))
            people = users_of([*(people_of_unit(office, today) if office else []), governor_person(today)][:50])
            what = f"{m.title}（{m.date:%Y-%m-%d}）决定印发的文件“{fu.title}”的印发期限"
        else:
            item = fu.publication
            if item is None or item.state != ItemState.QUEUED:
                continue
            days = int(rb_on(item.counted_from).param("disclosure.proactive_days").value)
            new = recalc.working_days(item.counted_from, days, fu.due)
            if new is None:
                continue
            people = []
            what = f"{m.title}（{m.date:%Y-%m-%d}）议定事项的公开期限"
        assert fu.due is not None
        FollowUp.objects.filter(pk=fu.pk).update(due=new)
        moved.append(Moved(what, fu.due, new, tuple(u.pk for u in people), meeting_url(m)))
    return moved
