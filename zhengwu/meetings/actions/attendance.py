"""Attendance (art. 41): leave requests and their approval, deputies who stand in, staff brought along."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.actions import copy_back, lock
from zhengwu.core.decisions import InvalidInput, require
from zhengwu.core.i18n import _
from zhengwu.core.transitions import require_checks
from zhengwu.meetings import rules, selectors
from zhengwu.meetings.actions.common import (
    actor_person,
    governor_person,
    meeting_url,
    rb_on,
)
from zhengwu.meetings.models import Invitation, LeaveState, Meeting, Role
from zhengwu.meetings.selectors import requester_kind
from zhengwu.notices import services as notices
from zhengwu.org.models import Person, Unit
from zhengwu.org.rules import PositionKind
from zhengwu.org.services import users_of


def lock_invitation(invitation: Invitation) -> Invitation:
    return lock(invitation, "meeting", "person__user")


@transaction.atomic
def request_leave(actor: AbstractBaseUser, invitation: Invitation, reason: str) -> Invitation:
    """An invitee who cannot attend asks for leave in writing: a government leader asks the 州长; a unit
    head asks the chair or the office (art. 41)."""
    inv = lock_invitation(invitation)
    m = inv.meeting
    rb = rb_on(m.date)
    person = actor_person(actor)
    checks = selectors.leave_checks(actor, inv)
    require_checks(*checks[:2])  # the invitee's own, the meeting not held
    if not reason.strip():
        raise InvalidInput(_("请书面说明请假事由。"), field="reason")
    require_checks(*checks)
    route, basis = rules.leave_decider(requester_kind(person), rb)
    if route == PositionKind.GOVERNOR:
        deciders = [governor_person(m.date)]
    else:
        office = [
            p
            for p in Person.objects.filter(
                appointments__position__unit__kind="office", appointments__position__duties="会务"
            )
        ]
        deciders = [m.chair, *office]
    inv.leave_state, inv.leave_reason = LeaveState.REQUESTED, reason.strip()[:300]
    inv.leave_decider, inv.leave_decided_at = None, None
    inv.save(update_fields=["leave_state", "leave_reason", "leave_decider", "leave_decided_at"])
    audit.record(
        actor=actor,
        action="meetings.leave.request",
        target=m,
        citation=basis.citation,
        summary=f"{person.name}就{m.title}请假：{inv.leave_reason}（{basis.message}）",
        details={"invitation": inv.pk, "route": route},
    )
    notices.send(
        users_of(deciders), f"请假待批：{person.name}（{m.title}）", inv.leave_reason, basis.citation, meeting_url(m)
    )
    return copy_back(invitation, inv)


@transaction.atomic
def decide_leave(actor: AbstractBaseUser, invitation: Invitation, approve: bool, note: str = "") -> Invitation:
    inv = lock_invitation(invitation)
    rb = rb_on(inv.meeting.date)
    require_checks(*selectors.decide_leave_checks(actor, inv))
    inv.leave_state = LeaveState.APPROVED if approve else LeaveState.REFUSED
    inv.leave_decider, inv.leave_decided_at = actor_person(actor), timezone.now()
    inv.save(update_fields=["leave_state", "leave_decider", "leave_decided_at"])
    verb = "批准" if approve else "不批准"
    audit.record(
        actor=actor,
        action="meetings.leave.decide",
        target=inv.meeting,
        citation=rb.cite("meetings.attendance"),
        summary=f"{verb}{inv.person.name}请假（{inv.meeting.title}）" + (f"：{note}" if note else ""),
        details={"invitation": inv.pk, "approve": approve, "note": note},
    )
    notices.send(
        users_of([inv.person]),
        f"请假{verb}：{inv.meeting.title}",
        note,
        rb.cite("meetings.attendance"),
        meeting_url(inv.meeting),
    )
    return copy_back(invitation, inv)


@transaction.atomic
def name_deputy(actor: AbstractBaseUser, invitation: Invitation, deputy: Person) -> Invitation:
    """Once leave is approved, a unit head may name someone of the unit to stand in (art. 41)."""
    inv = lock_invitation(invitation)
    m = inv.meeting
    rb = rb_on(m.date)
    person = actor_person(actor)
    require_checks(*selectors.deputy_checks(actor, inv, deputy))
    inv.deputy = deputy
    inv.save(update_fields=["deputy"])
    m.sequence += 1
    m.save(update_fields=["sequence"])
    audit.record(
        actor=actor,
        action="meetings.leave.deputy",
        target=m,
        citation=rb.cite("meetings.attendance"),
        summary=f"{person.name}请假，由{deputy.name}代为出席{m.title}",
        details={"invitation": inv.pk, "deputy": deputy.pk},
    )
    notices.send(
        users_of([deputy]),
        f"代为出席：{m.title}",
        f"代{person.name}出席",
        rb.cite("meetings.attendance"),
        meeting_url(m),
    )
    return copy_back(invitation, inv)


@transaction.atomic
def register_staff(actor: AbstractBaseUser, meeting: Meeting, unit: Unit, person: Person) -> Invitation:
    """Register a staff member a unit brings along; at an executive meeting only the main reporting unit
    may bring one, others none (art. 41)."""
    m = lock(meeting)
    rb = rb_on(m.date)
    registrar, state, quota = selectors.staff_checks(actor, m, unit)
    require_checks(registrar, state)
    require(rules.check_not_invited(person.name, m.invitations.filter(person=person).exists(), rb))
    require(quota)
    inv = Invitation.objects.create(meeting=m, person=person, unit=unit, role=Role.STAFF)
    audit.record(
        actor=actor,
        action="meetings.staff",
        target=m,
        citation=rb.cite("meetings.staff_limit"),
        summary=f"{unit.name}登记随行工作人员{person.name}（{m.title}）",
        details={"person": person.pk},
    )
    return inv
