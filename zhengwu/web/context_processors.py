"""What every staff page knows: the user's name and positions, unread notices, admin warnings."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from zhengwu.notices.models import Notice
from zhengwu.org.rules import PositionFact, is_administrator, is_security_administrator, may_read_audit
from zhengwu.org.services import office_unit, person_of, positions_of
from zhengwu.portal import selectors as portal_selectors
from zhengwu.rulebook.services import rulebook_problems, rulebook_view
from zhengwu.supervision import rules as supervision_rules
from zhengwu.workdays.services import missing_next_year


def _supervision_actor(user: Any, positions: list[PositionFact]) -> supervision_rules.Actor:
    """Who the user is for the supervision rules, from the positions already read for this page."""
    office = office_unit()
    staff = tuple(supervision_rules.Staff(p.kind, p.unit_id) for p in positions)  # duties do not matter here
    return supervision_rules.Actor(staff, office.pk if office else None)


def _can_see_compliance(user: Any, positions: list[PositionFact]) -> bool:
    """False while the rulebook in force cannot answer (the administrator sees why in a banner)."""
    try:
        return supervision_rules.may_see_compliance(
            _supervision_actor(user, positions), rulebook_view(timezone.localdate())
        ).allowed
    except LookupError:  # no version in force, or a provision it does not annotate
        return False


def _can_manage_portal(user: Any) -> bool:
    try:
        return portal_selectors.may_manage(user).allowed
    except LookupError:  # no version in force: the administrator sees why in a banner
        return False


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    positions = positions_of(user)
    is_admin = is_administrator(positions)
    return {
        "me": person_of(user),
        "my_positions": positions,
        "is_admin": is_admin,
        "is_security_admin": is_security_administrator(positions),
        "can_read_audit": may_read_audit(positions, None).allowed,
        "unread_notices": Notice.objects.filter(recipient=user, read_at__isnull=True).count(),
        "calendar_missing_year": missing_next_year() if is_admin else None,
        "can_see_compliance": _can_see_compliance(user, positions),
        # the menu offers only what the person may open (the publication queue answers 403 otherwise)
        "can_manage_portal": _can_manage_portal(user),
        "rulebook_problems": rulebook_problems() if is_admin else [],
    }


def government(request: HttpRequest) -> dict[str, Any]:
    """``{{ gov.governor }}``, ``{{ gov.name }}`` …: the government's own names on every page (staff and
    portal), in the page's language (:mod:`zhengwu.core.government`)."""
    from django.utils.functional import SimpleLazyObject

    from zhengwu.core import government as configured
    from zhengwu.core.i18n import english

    return {"gov": SimpleLazyObject(lambda: configured.terms(english()))}
