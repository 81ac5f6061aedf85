"""The read side of account administration: what lifting a lockout requires, who is locked out or
made to wait now, and which accounts lie dormant.

Lifting a lockout is the account administrator's (the same rule as a password reset:
:func:`zhengwu.org.rules.may_administer_org`), so that a change of who administers accounts
applies here too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Max, Sum
from django.utils import timezone

from zhengwu.core.decisions import Decision
from zhengwu.core.i18n import _
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.core.transitions import offered
from zhengwu.identity.models import SessionRecord
from zhengwu.org import rules as org_rules
from zhengwu.org.models import Person
from zhengwu.org.services import positions_of
from zhengwu.rulebook.services import rulebook_view
from zhengwu.tokens.models import ApiToken


def _command_line(rb: RulebookView) -> Decision:
    return Decision.allow("org.admin", _("命令行操作。"), rb.cite("org.composition"))


def unlock_checks(actor: AbstractBaseUser | None, _record: Any = None) -> list[Decision]:
    """Lifting a lockout or a login delay: the security administrator (三权分立, GB/T 22239-2019
    8.1.5.3), or the command line (``None``)."""
    rb = rulebook_view(timezone.localdate())
    if actor is None:
        return [_command_line(rb)]
    return [org_rules.may_administer_security(positions_of(actor), rb)]


def dormant_report_checks(actor: AbstractBaseUser | None, _record: Any = None) -> list[Decision]:
    """The dormant accounts' report: the system administrator, who keeps the accounts, or the
    command line (``None``)."""
    rb = rulebook_view(timezone.localdate())
    if actor is None:
        return [_command_line(rb)]
    return [org_rules.may_administer_org(positions_of(actor), rb)]


ACTS: dict[str, Callable[[Any, Any], list[Decision]]] = {
    "unlock": unlock_checks,
    "dormant_report": dormant_report_checks,
}


def available_actions(actor: AbstractBaseUser) -> dict[str, Decision]:
    return offered(ACTS, actor, None)


@dataclass(frozen=True)
class LockedAddress:
    ip_address: str
    failures: int
    last_attempt: dt.datetime
    unlocks_at: dt.datetime
    usernames: list[str]


def cooloff() -> dt.timedelta:
    hours = getattr(settings, "AXES_COOLOFF_TIME", 0.5)
    return hours if isinstance(hours, dt.timedelta) else dt.timedelta(hours=float(hours))


def locked_addresses() -> list[LockedAddress]:
    """Client addresses locked out now (django-axes: ``AXES_FAILURE_LIMIT`` failures within the
    cool-off time); the lockout ends by itself at ``unlocks_at``."""
    since = timezone.now() - cooloff()
    limit = int(getattr(settings, "AXES_FAILURE_LIMIT", 5))
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=since, ip_address__isnull=False)
        .values("ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=limit)
        .order_by("-last")
    )
    out = []
    for row in rows:
        names = sorted(
            {
                n
                for n in AccessAttempt.objects.filter(ip_address=row["ip_address"]).values_list("username", flat=True)
                if n
            }
        )
        out.append(LockedAddress(row["ip_address"], row["failures"], row["last"], row["last"] + cooloff(), names))
    return out


@dataclass(frozen=True)
class DormantAccount:
    username: str
    name: str
    last_used: dt.datetime | None  # the last sign-in, session activity or token use; None: never
    idle_days: int


def dormant_accounts(days: int) -> list[DormantAccount]:
    """Active accounts not used for ``days`` days: no sign-in, no session activity and no API token
    use since then (an account never used counts from its creation).  Longest unused first."""
    now = timezone.now()
    since = now - dt.timedelta(days=days)
    seen = SessionRecord.objects.values("user_id").annotate(last=Max("last_seen_at"))
    used = ApiToken.objects.values("user_id").annotate(last=Max("last_used_at"))
    seen_at = {r["user_id"]: r["last"] for r in seen}
    used_at = {r["user_id"]: r["last"] for r in used if r["last"] is not None}
    names = dict(Person.objects.values_list("user_id", "name"))
    out = []
    for user in get_user_model().objects.filter(is_active=True).order_by("username"):
        moments = [m for m in (user.last_login, seen_at.get(user.pk), used_at.get(user.pk)) if m is not None]
        last = max(moments) if moments else None
        reference = last or user.date_joined
        if reference <= since:
            out.append(DormantAccount(user.get_username(), names.get(user.pk, ""), last, (now - reference).days))
    return sorted(out, key=lambda a: -a.idle_days)
