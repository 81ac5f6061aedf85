"""What every meetings action needs beyond :mod:`zhengwu.core.actions`: who the actor is, who
holds an authority, recorded state transitions and whom to tell."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.decisions import require
from zhengwu.meetings import rules
from zhengwu.meetings.models import Meeting, Transition
from zhengwu.meetings.selectors import (  # the reads every action asks live on the read side
    OFFICE_KINDS,
    actor_person,
    governor_person,
    holds,
    holds_governor,
    in_unit,
    is_office,
    kinds_of,
    portfolio_holder,
    rb_on,
)
from zhengwu.org.models import Appointment, Person, Unit

__all__ = [
    "OFFICE_KINDS",
    "actor_person",
    "governor_person",
    "holds",
    "holds_governor",
    "in_unit",
    "is_office",
    "kinds_of",
    "meeting_url",
    "move",
    "people_in_kinds",
    "people_of_unit",
    "portfolio_holder",
    "rb_on",
]


def move(actor: AbstractBaseUser, meeting: Meeting, target: str, reason: str, provision: str) -> Transition:
    """Guarded transition of a locked meeting, recorded with who, when, why and the article."""
    rb = rb_on(meeting.date)
    require(rules.check_transition(meeting.state, target, rb, provision))
    citation = rb.cite(provision)
    row = Transition.objects.create(
        meeting=meeting,
        from_state=meeting.state,
        to_state=target,
        by_id=actor.pk,
        at=timezone.now(),
        reason=reason[:300],
        article=citation.article,
    )
    meeting.state = target
    meeting.sequence += 1
    meeting.updated_at = timezone.now()
    meeting.save(update_fields=["state", "sequence", "updated_at"])
    audit.record(
        actor=actor,
        action=f"meetings.{target}",
        target=meeting,
        citation=citation,
        summary=f"{meeting.title}：{rules.STATE_NAMES.get(row.from_state, row.from_state)}→"
        f"{rules.STATE_NAMES.get(target, target)}" + (f"（{reason}）" if reason else ""),
        details={"from": row.from_state, "to": target},
    )
    return row


def people_of_unit(unit: Unit, day: dt.date) -> list[Person]:
    return list(
        Person.objects.filter(
            appointments__position__unit=unit,
            appointments__start__lte=day,
        )
        .filter(Q(appointments__end__isnull=True) | Q(appointments__end__gte=day))
        .distinct()
    )


def people_in_kinds(kinds: Iterable[str], day: dt.date, component_heads: bool = False) -> list[tuple[Person, Unit]]:
    active = Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))
    rows = (
        Appointment.objects.filter(active, position__kind__in=list(kinds))
        .select_related("person", "position__unit")
        .order_by("position__sort_order", "id")
    )
    found = [(a.person, a.position.unit) for a in rows]
    if component_heads:
        heads = Appointment.objects.filter(active, position__kind="unit_head", position__unit__is_component=True)
        found += [
            (a.person, a.position.unit)
            for a in heads.select_related("person", "position__unit").order_by("position__unit__sort_order", "id")
        ]
    seen: set[int] = set()
    out = []
    for person, unit in found:
        if person.pk not in seen:
            seen.add(person.pk)
            out.append((person, unit))
    return out


def meeting_url(meeting: Meeting) -> str:
    return f"/meetings/{meeting.pk}/"
