"""What every staff page knows: the user's name and positions, unread notices, admin warnings."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from zhengwu.audit.rules import AUDIT_READERS
from zhengwu.notices.models import Notice
from zhengwu.org.rules import ADMINISTRATOR
from zhengwu.org.services import person_of, positions_of
from zhengwu.workdays.services import missing_next_year


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    positions = positions_of(user)
    is_admin = user.is_superuser or any(p.kind == ADMINISTRATOR for p in positions)
    return {
        "me": person_of(user),
        "my_positions": positions,
        "is_admin": is_admin,
        "can_read_audit": is_admin or any(p.kind in AUDIT_READERS for p in positions),
        "unread_notices": Notice.objects.filter(recipient=user, read_at__isnull=True).count(),
        "calendar_missing_year": missing_next_year() if is_admin else None,
    }
