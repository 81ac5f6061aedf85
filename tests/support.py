"""Helpers shared by the test files (not fixtures: those live in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from zhengwu.core.decisions import InvalidInput, Refused


class _Rollback(Exception):
    """Raised inside a transaction to undo whatever the action under test wrote."""


def refuses(call: Callable[..., Any], *args: Any) -> bool:
    """Whether ``call(*args)`` (an action) refuses; whatever it wrote is rolled back, so a test can
    try every act on the same record in turn and compare each answer with what the page offers."""
    try:
        with transaction.atomic():
            call(*args)
            raise _Rollback
    except _Rollback:
        return False
    except (Refused, InvalidInput):
        return True
