"""``{% session_timeout %}``: the idle warning's script tag, with the session's limits (base.html)."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("web/partials/session_timeout.html")
def session_timeout() -> dict[str, Any]:
    idle = int(getattr(settings, "ZHENGWU_SESSION_IDLE_MINUTES", 15))
    warn = int(getattr(settings, "ZHENGWU_SESSION_WARN_MINUTES", 2))
    return {"idle_seconds": idle * 60, "warn_seconds": min(warn, max(idle - 1, 0)) * 60, "warn_minutes": warn}
