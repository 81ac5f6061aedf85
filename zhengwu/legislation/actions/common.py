"""What every legislation action needs beyond :mod:`zhengwu.core.actions`: the locked draft, the
current version, who is who, and the state change with its record."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from zhengwu.core.actions import lock
from zhengwu.core.decisions import Citation, InvalidInput
from zhengwu.core.i18n import _
from zhengwu.legislation.models import DraftState, DraftVersion, LegalityReview, NormativeDraft, Transition
from zhengwu.org.models import Appointment, Person, PositionKind, Unit
from zhengwu.org.rules import Authority
from zhengwu.org.services import describe, office_unit, who_holds

LEGAL_REVIEW_FUNCTION = "legal_review"


def lock_draft(draft: NormativeDraft) -> NormativeDraft:
    return lock(draft, "drafting_unit", "issuer", "rulebook_version")


def current_version(draft: NormativeDraft) -> DraftVersion:
    version = draft.versions.order_by("-number").first()
    if version is None:
        raise InvalidInput(_("草案没有正文版本。"), field="body")
    return version


def passed_version(draft: NormativeDraft) -> int | None:
    """The version number the latest review passed, if the latest review passed."""
    last = LegalityReview.objects.filter(draft=draft).select_related("version").order_by("-created_at", "-id").first()
    return last.version.number if last is not None and last.passed else None


def returned_version(draft: NormativeDraft) -> int | None:
    last = LegalityReview.objects.filter(draft=draft).select_related("version").order_by("-created_at", "-id").first()
    return last.version.number if last is not None and not last.passed else None


def legal_units() -> list[Unit]:
    """The units whose ``functions`` include ``legal_review`` (the 司法局)."""
    return [
        u
        for u in Unit.objects.exclude(functions=[]).order_by("sort_order", "code")
        if LEGAL_REVIEW_FUNCTION in u.functions
    ]


def office_id() -> int | None:
    office = office_unit()
    return office.pk if office else None


def unit_name(unit: Unit) -> str:
    return unit.short_name or unit.name


def state_label(state: str) -> str:
    return str(DraftState(state).label)


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
