"""What every legislation action needs beyond :mod:`zhengwu.core.actions`: the locked draft, the
current version, who is who, and the state change with its record."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from zhengwu.core.actions import lock
from zhengwu.core.decisions import Citation
from zhengwu.legislation.models import NormativeDraft, Transition
from zhengwu.legislation.selectors import (  # the reads live on the read side; re-exported for the actions
    LEGAL_REVIEW_FUNCTION,
    current_version,
    legal_units,
    office_id,
    passed_version,
    returned_version,
    state_label,
    unit_name,
)
from zhengwu.org.models import Appointment, Person, PositionKind, Unit
from zhengwu.org.rules import Authority
from zhengwu.org.services import describe, who_holds

__all__ = [
    "LEGAL_REVIEW_FUNCTION",
    "current_version",
    "draft_url",
    "legal_units",
    "lock_draft",
    "move",
    "office_id",
    "passed_version",
    "returned_version",
    "staff_of",
    "state_label",
    "unit_name",
]


def lock_draft(draft: NormativeDraft) -> NormativeDraft:
    return lock(draft, "drafting_unit", "issuer", "rulebook_version")


def move(
    draft: NormativeDraft, to: str, actor: AbstractBaseUser | None, reason: str, citation: Citation | None
) -> None:
    """Change the state and record who, when, why and under which article."""
    Transition.objects.create(
        draft=draft,
        from_state=draft.state,
        to_state=to,
        actor_id=actor.pk if actor else None,
        actor_name=(describe(actor).name if actor else "系统")[:60],
        at=timezone.now(),
        reason=reason[:300],
        article=citation.article if citation else None,
    )
    draft.state = to
    draft.save(update_fields=["state"])


def staff_of(unit: Unit, leaders_only: bool = False) -> list[Person]:
    """The unit's people (its head or acting head, deputies and clerks) for notices."""
    today = timezone.localdate()
    kinds = [PositionKind.UNIT_HEAD, PositionKind.UNIT_DEPUTY, PositionKind.OFFICE_DIRECTOR]
    if not leaders_only:
        kinds.append(PositionKind.CLERK)
    rows = Appointment.objects.filter(position__unit=unit, position__kind__in=kinds, start__lte=today).exclude(
        end__lt=today
    )
    people = list(Person.objects.filter(pk__in=rows.values("person_id")).select_related("user"))
    head = who_holds(Authority("head", unit.pk), today)
    if head is not None and all(p.pk != head.person_id for p in people):
        people += list(Person.objects.filter(pk=head.person_id).select_related("user"))
    return people


def draft_url(draft: NormativeDraft) -> str:
    return f"/legislation/{draft.pk}/"
