"""Calling, consenting to, holding and cancelling meetings; invitations from composition (arts. 37-39, 43, 47)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

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
    holds_governor,
    is_office,
    kinds_of,
    meeting_url,
    move,
    people_in_kinds,
    rb_on,
)
from zhengwu.meetings.models import Invitation, Meeting, MeetingKind, MeetingState, Role
from zhengwu.notices import services as notices
from zhengwu.org.models import Person, Portfolio, Unit
from zhengwu.org.services import users_of, who_holds

TIME_FORMAT = "%H:%M"


def _portfolio_units(person: Person, day: dt.date) -> frozenset[int]:
    ids: set[int] = set()
    for p in Portfolio.objects.filter(leader__appointments__person=person, start__lte=day).prefetch_related("units"):
        if p.end is None or p.end >= day:
            ids |= {u.pk for u in p.units.all()}
    return frozenset(ids)


def invite(meeting: Meeting, person: Person, role: str, unit: Unit | None = None) -> Invitation:
    inv, _unused = Invitation.objects.get_or_create(
        meeting=meeting, person=person, defaults={"role": role, "unit": unit}
    )
    return inv


def _invite_composition(meeting: Meeting, sitting_in: Sequence[Person]) -> list[Invitation]:
    made = []
    kinds = rules.member_kinds(meeting.kind) - {"unit_head_component"}
    for person, unit in people_in_kinds(kinds, meeting.date, component_heads=meeting.kind == MeetingKind.PLENARY):
        made.append(invite(meeting, person, Role.MEMBER, unit))
    if meeting.kind == MeetingKind.TOPIC:
        made.append(invite(meeting, meeting.chair, Role.MEMBER))
        if meeting.unit is not None:
            head = who_holds(f"head:{meeting.unit.code}", meeting.date)
            if head is not None:
                made.append(invite(meeting, Person.objects.get(pk=head.person_id), Role.MEMBER, meeting.unit))
    for person in sitting_in:
        made.append(invite(meeting, person, Role.SITTING_IN))
    return made


@transaction.atomic
def create_meeting(
    actor: AbstractBaseUser,
    *,
    kind: str,
    title: str,
    date: dt.date,
    start_time: dt.time | None = None,
    place: str = "",
    unit: Unit | None = None,
    decision_making: bool = False,
    on_site: bool = False,
    study_topic: str = "",
    sitting_in: Sequence[Person] = (),
) -> Meeting:
    """Plan a meeting.  Plenary, executive and office meetings and study sessions are planned by the
    office and chaired by whoever holds the 州长's authority that day; a topic meeting is called by the
    州长 or, within their portfolio, a 副州长 or the 秘书长 (a decision-making one waits for the 州长's consent)."""
    if kind not in MeetingKind.values:
        raise InvalidInput(_("请选择会议类型。"), field="kind")
    if not title.strip():
        raise InvalidInput(_("请填写会议名称。"), field="title")
    if kind == MeetingKind.STUDY and not study_topic.strip():
        raise InvalidInput(_("请填写州长确定的学习主题。"), field="study_topic")
    rb = rb_on(date)
    governor = who_holds("governor", date)
    if kind == MeetingKind.TOPIC:
        chair = actor_person(actor)
        caller = rules.CallerFacts(holds_governor(actor, date), kinds_of(actor), _portfolio_units(chair, date))
        decisions = rules.check_topic_caller(caller, unit.pk if unit else None, False, True, rb)
    else:
        require(rules.check_governor_on(governor is not None, kind, rb))
        assert governor is not None  # checked by the rule
        chair = Person.objects.get(pk=governor.person_id)
        decisions = [
            rules.check_office(
                is_office(actor) or holds_governor(actor, date), "安排会议", rb, rules.KIND_PROVISION[kind]
            ),
            rules.check_chair(kind, chair.pk, governor.person_id, rb),
        ]
    require(*decisions)
    now = timezone.now()
    needs_consent = kind == MeetingKind.TOPIC and decision_making and not holds_governor(actor, date)
    meeting = Meeting.objects.create(
        kind=kind,
        title=title.strip()[:200],
        date=date,
        start_time=start_time or dt.time(10, 0),
        place=place.strip()[:200],
        unit=unit,
        decision_making=decision_making,
        on_site=on_site,
        study_topic=study_topic.strip()[:200],
        chair=chair,
        state=MeetingState.PROPOSED if needs_consent else MeetingState.PLANNED,
        created_by_id=actor.pk,
        created_at=now,
        updated_at=now,
    )
    if needs_consent:
        summary = f"提请召开决策性专题会议：{meeting.title}（待州长同意）"
        gov = governor_person(date)
        notices.send(
            users_of([gov]),
            f"请审定是否同意召开：{meeting.title}",
            "",
            rb.cite("meetings.topic_meeting"),
            meeting_url(meeting),
        )
    else:
        invited = _invite_composition(meeting, sitting_in)
        summary = f"安排{meeting.get_kind_display()}：{meeting.title}（{date:%Y-%m-%d}），通知{len(invited)}人"
        notices.send(
            users_of([i.person for i in invited]),
            f"会议通知：{meeting.title}",
            f"{date:%Y-%m-%d} {meeting.start_time:{TIME_FORMAT}} {meeting.place}",
            rb.cite(rules.KIND_PROVISION[kind]),
            meeting_url(meeting),
        )
    audit.record(
        actor=actor,
        action="meetings.create",
        target=meeting,
        citation=rb.cite(rules.KIND_PROVISION[kind]),
        summary=summary,
        details={"kind": kind, "date": date.isoformat(), "chair": chair.pk},
    )
    return meeting


@transaction.atomic
def consent(actor: AbstractBaseUser, meeting: Meeting) -> Meeting:
    """The 州长 consents to a decision-making topic meeting; it is then called (art. 43)."""
    m = lock(meeting)
    rb = rb_on(m.date)
    require_checks(*selectors.consent_checks(actor, m))
    m.consent_by, m.consent_at = actor_person(actor), timezone.now()
    m.save(update_fields=["consent_by", "consent_at"])
    move(actor, m, MeetingState.PLANNED, "州长同意召开决策性专题会议", "meetings.topic_meeting")
    invited = _invite_composition(m, ())
    notices.send(
        users_of([i.person for i in invited]),
        f"会议通知：{m.title}",
        "",
        rb.cite("meetings.topic_meeting"),
        meeting_url(m),
    )
    return copy_back(meeting, m)


@transaction.atomic
def invite_sitting_in(actor: AbstractBaseUser, meeting: Meeting, people: Sequence[Person]) -> list[Invitation]:
    """Invite people to sit in (列席) (arts. 38, 39)."""
    m = lock(meeting)
    rb = rb_on(m.date)
    require_checks(*selectors.sitting_in_checks(actor, m))
    made = [invite(m, p, Role.SITTING_IN) for p in people]
    m.sequence += 1
    m.save(update_fields=["sequence"])
    audit.record(
        actor=actor,
        action="meetings.invite",
        target=m,
        citation=rb.cite("meetings.attendance"),
        summary=f"邀请{'、'.join(p.name for p in people)}列席{m.title}",
        details={"people": [p.pk for p in people]},
    )
    notices.send(users_of(people), f"列席会议通知：{m.title}", "", rb.cite("meetings.attendance"), meeting_url(m))
    return made


@transaction.atomic
def reschedule(
    actor: AbstractBaseUser,
    meeting: Meeting,
    *,
    date: dt.date,
    start_time: dt.time | None = None,
    place: str | None = None,
) -> Meeting:
    """Move a meeting that has not been held; the calendar feeds get the update (SEQUENCE)."""
    m = lock(meeting)
    rb = rb_on(date)
    require_checks(*selectors.reschedule_checks(actor, m, date))
    old = m.date
    m.date = date
    m.start_time = start_time or m.start_time
    if place is not None:
        m.place = place.strip()[:200]
    m.sequence += 1
    m.updated_at = timezone.now()
    m.save(update_fields=["date", "start_time", "place", "sequence", "updated_at"])
    audit.record(
        actor=actor,
        action="meetings.reschedule",
        target=m,
        citation=rb.cite("meetings.types"),
        summary=f"{m.title}改期：{old:%Y-%m-%d}→{date:%Y-%m-%d}",
        details={"from": old.isoformat(), "to": date.isoformat()},
    )
    notices.send(
        users_of([i.person for i in m.invitations.all()]),
        f"会议改期：{m.title}",
        f"改为{date:%Y-%m-%d}",
        rb.cite("meetings.types"),
        meeting_url(m),
    )
    return copy_back(meeting, m)


@transaction.atomic
def cancel_meeting(actor: AbstractBaseUser, meeting: Meeting, reason: str) -> Meeting:
    m = lock(meeting)
    if not reason.strip():
        raise InvalidInput(_("请填写取消理由。"), field="reason")
    rb = rb_on(m.date)
    require_checks(*selectors.cancel_checks(actor, m))
    move(actor, m, MeetingState.CANCELLED, reason.strip(), "meetings.types")
    m.topics.filter(state__in=["collected", "confirmed"]).update(meeting=None, state="reviewed")
    notices.send(
        users_of([i.person for i in m.invitations.all()]),
        f"会议取消：{m.title}",
        reason,
        rb.cite("meetings.types"),
        meeting_url(m),
    )
    return copy_back(meeting, m)


@transaction.atomic
def hold(actor: AbstractBaseUser, meeting: Meeting) -> Meeting:
    """Record that the meeting was held (on or after its date)."""
    m = lock(meeting)
    require_checks(*selectors.hold_checks(actor, m))
    move(actor, m, MeetingState.HELD, "会议已召开", "meetings.types")
    m.topics.filter(state="confirmed").update(state="discussed")
    return copy_back(meeting, m)


@transaction.atomic
def roll_call(actor: AbstractBaseUser, meeting: Meeting, present: dict[int, bool]) -> list[Invitation]:
    """Record who was present (点名); the minutes' attendance list follows from it (art. 41)."""
    m = lock(meeting)
    rb = rb_on(m.date)
    require_checks(*selectors.roll_call_checks(actor, m))
    rows = list(m.invitations.filter(pk__in=list(present)))
    if len(rows) != len(present):
        raise InvalidInput(_("点名名单中有不属于本次会议的人员。"), field="present")
    for inv in rows:
        inv.present = bool(present[inv.pk])
        inv.save(update_fields=["present"])
    here = sum(1 for i in rows if i.present)
    audit.record(
        actor=actor,
        action="meetings.roll_call",
        target=m,
        citation=rb.cite("meetings.attendance"),
        summary=f"{m.title}点名：到会{here}人，缺席{len(rows) - here}人",
        details={"present": {str(k): v for k, v in present.items()}},
    )
    return rows
