"""The read side of API tokens: what revoking one requires of this person now (the action and the
page ask the same checks)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from zhengwu.core.decisions import Decision
from zhengwu.core.transitions import offered
from zhengwu.org.rules import is_security_administrator
from zhengwu.org.services import positions_of
from zhengwu.rulebook.services import rulebook_view
from zhengwu.tokens import rules
from zhengwu.tokens.models import ApiToken


def _is_admin(user: AbstractBaseUser) -> bool:
    """Others' tokens are revoked by the security administrator (三权分立)."""
    return is_security_administrator(positions_of(user))


def revoke_checks(actor: AbstractBaseUser | None, token: ApiToken) -> list[Decision]:
    """撤销: the owner, the security administrator or the command line (``actor=None``); once."""
    rb = rulebook_view(timezone.localdate())
    revoked_at = f"{timezone.localtime(token.revoked_at):%Y-%m-%d %H:%M}" if token.revoked_at is not None else ""
    return [
        rules.may_revoke(
            actor.pk if actor is not None else None,
            token.user_id,
            _is_admin(actor) if actor is not None else True,
            rb,
        ),
        rules.check_not_revoked(revoked_at, rb),
    ]


ACTS: dict[str, Callable[[Any, ApiToken], list[Decision]]] = {"revoke": revoke_checks}


def available_actions(actor: AbstractBaseUser, token: ApiToken) -> dict[str, Decision]:
    return offered(ACTS, actor, token)


def acts_allowed(actor: AbstractBaseUser, token: ApiToken) -> set[str]:
    return {name for name, d in available_actions(actor, token).items() if d.allowed}
