"""Small helpers the staff views share: who is asking, and how to show a refusal."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone

from zhengwu.core.decisions import Citation, InvalidInput, Refused
from zhengwu.core.i18n import localize
from zhengwu.org import rules
from zhengwu.org.models import Person
from zhengwu.org.rules import PositionFact
from zhengwu.org.services import office_unit, person_of, positions_of
from zhengwu.rulebook.services import rulebook_view
from zhengwu.workdays.arith import UnknownYearError


def actor(request: HttpRequest) -> AbstractBaseUser:
    """The signed-in user (the views are ``login_required``)."""
    user = request.user
    if not isinstance(user, AbstractBaseUser) or not user.is_authenticated:
        raise PermissionDenied
    return user


def me(request: HttpRequest) -> Person | None:
    return person_of(request.user)


def is_admin(request: HttpRequest) -> bool:
    user = actor(request)
    return rules.may_administer(positions_of(user)).allowed


def records_for_others(request: HttpRequest, positions: list[PositionFact] | None = None) -> bool:
    """Whether the user is office staff: the art. 58 rule lets them record absences for others."""
    person = me(request)
    if person is None:
        return False
    office = office_unit()
    decision = rules.may_record_for(
        person.pk,
        positions if positions is not None else positions_of(request.user),
        -1,
        office.pk if office else None,
        rulebook_view(timezone.localdate()),
    )
    return decision.allowed


def explain(exc: Refused | InvalidInput) -> list[str]:
    """The sentences to show for a refusal (each with its article) or for bad input."""
    return [exc.localized_message] if isinstance(exc, InvalidInput) else exc.explanations


def today_rulebook_cite(provision: str) -> Citation | None:
    try:
        return rulebook_view(timezone.localdate()).cite(provision)
    except LookupError:
        return None


def is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def unknown_year_message(exc: UnknownYearError) -> str:
    """The missing-year sentence in the user's language."""
    return localize(exc.message)
