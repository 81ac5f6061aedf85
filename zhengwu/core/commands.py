"""Helpers shared by zhengwu's management commands."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def account(username: str) -> Any:
    """The account named on the command line, or an error saying there is none."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"没有账号“{username}”。")
    return user
