"""What else ends when an account is closed (deactivated): the areas above the organization that
hold an account's credentials (API tokens, sessions) register a function here, and
:func:`zhengwu.org.admin_actions.set_account_active` calls each inside its own transaction."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser

#: ``(user, actor, reason) -> (what, how many ended)``
Hook = Callable[[AbstractBaseUser, AbstractBaseUser | None, str], tuple[str, int]]

_hooks: dict[str, Hook] = {}


def register(key: str, hook: Hook) -> None:
    _hooks[key] = hook


def account_closed(user: AbstractBaseUser, actor: AbstractBaseUser | None, reason: str) -> dict[str, int]:
    """Run every hook; ``{what: how many ended}`` for the audit record."""
    ended: dict[str, int] = {}
    for hook in _hooks.values():
        what, count = hook(user, actor, reason)
        ended[what] = ended.get(what, 0) + count
    return ended
