"""Who administers the platform, asked by the apps below the organization.

The rulebook's versions and parameters (art. 68) and the working-day calendar (art. 63) are kept by
the system administrator, but those apps sit below :mod:`zhengwu.org`, which knows who holds which
position.  They ask :func:`may_administer`; the org app answers it (``answered_by`` from its
``AppConfig.ready()``), so the imports point one way: org imports the rulebook and the calendar,
never the reverse.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ImproperlyConfigured

from zhengwu.core.decisions import Citation, Decision

Check = Callable[[AbstractBaseUser, Citation | None], Decision]

_checks: list[Check] = []


def answered_by(check: Check) -> None:
    """Set the function that decides whether a user administers the platform (the org app's)."""
    _checks[:] = [check]


def may_administer(actor: AbstractBaseUser, citation: Citation | None) -> Decision:
    """A cited Decision: may ``actor`` change what the system administrator keeps?  ``citation``: the
    article the administered thing serves, so a refusal names it."""
    if not _checks:
        raise ImproperlyConfigured("core.administration has no answer: is zhengwu.org installed?")
    return _checks[0](actor, citation)
