"""Attendance (art. 41): leave requests and their approval, deputies who stand in, staff brought along."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.actions import copy_back, lock
from zhengwu.core.decisions import Decision, InvalidInput, require
from zhengwu.core.i18n import _
from zhengwu.core.transitions import require_step
from zhengwu.meetings import rules
from zhengwu.meetings.actions.common import (
    actor_person,
    governor_person,
    holds_governor,
    in_unit,
    is_office,
    meeting_url,
    rb_on,
)
from zhengwu.meetings.models import Invitation, LeaveState, Meeting, Role, TopicState
from zhengwu.notices import services as notices
from zhengwu.org.models import Person, Unit
from zhengwu.org.rules import PositionKind
from zhengwu.org.services import positions_of, users_of


def lock_invitation(invitation: Invitation) -> Invitation:
    return lock(invitation, "meeting", "person__user")


def requester_kind(person: Person) -> str:
    kinds = [p.kind for p in positions_of(person.user)] if person.user else []
    return next((k for k in kinds if k in rules.LEADERS), kinds[0] if kinds else "")


@transaction.atomic
def request_leave(actor: AbstractBaseUser, invitation: Invitation, reason: str) -> Invitation:
    """An invitee who cannot attend asks for leave in writing: a government leader asks the 州长; a unit
    head asks the chair or the office (art. 41)."""
    inv = lock_invitation(invitation)
    m = inv.meeting
    rb = rb_on(m.date)
    person = actor_person(actor)
    if inv.person_id != person.pk:
        require(Decision.refuse("meetings.leave", _("只能为自己请假。"), rb.cite("meetings.attendance")))
    require_step(rules.REQUEST_LEAVE, m.state, m.get_state_display(), rb)
    if not reason.strip():
        raise InvalidInput(_("请书面说明请假事由。"), field="reason")
    require_step(rules.LEAVE_REQUESTABLE, inv.leave_state, inv.get_leave_state_display(), rb)
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


def may_decide_leave(actor: AbstractBaseUser, inv: Invitation) -> Decision:
    rb = rb_on(inv.meeting.date)
    route, _unused = rules.leave_decider(requester_kind(inv.person), rb)
    citation = rb.cite("meetings.attendance")
    if route == PositionKind.GOVERNOR:
        if holds_governor(actor, inv.meeting.date) or holds_governor(actor):
            return Decision.allow("meetings.leave_decider", _("州长批准政府领导请假。"), citation)
        return Decision.refuse("meetings.leave_decider", _("政府领导请假须经州长同意。"), citation)
    person = actor_person(actor)
    if person.pk == inv.meeting.chair_id or is_office(actor):
        return Decision.allow("meetings.leave_decider", _("会议主持人或办公室批准请假。"), citation)
    return Decision.refuse("meetings.leave_decider", _("部门负责人请假由会议主持人或办公室批准。"), citation)


@transaction.atomic
def decide_leave(actor: AbstractBaseUser, invitation: Invitation, approve: bool, note: str = "") -> Invitation:
    inv = lock_invitation(invitation)
    rb = rb_on(inv.meeting.date)
    require(may_decide_leave(actor, inv))
    label = inv.get_leave_state_display() if inv.leave_state else "未请假"
    require_step(rules.DECIDE_LEAVE, inv.leave_state, label, rb)
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
    if inv.person_id != person.pk:
        require(Decision.refuse("meetings.deputy", _("由请假人本人指定代为出席人员。"), rb.cite("meetings.attendance")))
    unit_ids = {p.unit_id for p in positions_of(actor)}
    deputy_units = {p.unit_id for p in positions_of(deputy.user)} if deputy.user else set()
    require(
        rules.check_deputy(
            bool(unit_ids & deputy_units) and deputy.pk != person.pk, inv.leave_state == LeaveState.APPROVED, rb
        )
    )
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
    if not (in_unit(actor, unit) or is_office(actor)):
        require(
            Decision.refuse("meetings.staff", _("由本单位或办公室登记随行工作人员。"), rb.cite("meetings.attendance"))
        )
    require_step(rules.REGISTER_STAFF, m.state, m.get_state_display(), rb)
    require(rules.check_not_invited(person.name, m.invitations.filter(person=person).exists(), rb))
    main = m.topics.filter(unit=unit, state__in=[TopicState.COLLECTED, TopicState.CONFIRMED]).exists()
    already = m.invitations.filter(role=Role.STAFF, unit=unit).count()
    require(rules.check_staff(m.kind, main, already, rb))
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
