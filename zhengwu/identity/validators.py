"""Password validators beside Django's own (length, common passwords, similarity to the account):
at least three of the four character classes, and never the username itself.

Configured in ``settings.AUTH_PASSWORD_VALIDATORS``; the messages are Chinese with English in
``locale/en``.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CLASSES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("lower", lambda c: c in string.ascii_lowercase),
    ("upper", lambda c: c in string.ascii_uppercase),
    ("digit", lambda c: c in string.digits),
    ("symbol", lambda c: c not in string.ascii_letters and c not in string.digits),
)


def character_classes(password: str) -> set[str]:
    """Which of lower-case letters, upper-case letters, digits and other characters ``password`` uses."""
    return {name for name, test in CLASSES if any(test(c) for c in password)}


class MinimumLengthValidator:
    """At least ``min_length`` characters (Django's own says so in English only: its Chinese
    catalogue has not caught up with the message it now uses)."""

    def __init__(self, min_length: int = 10) -> None:
        self.min_length = min_length

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(
                _("密码太短：至少%(min)d个字符，当前%(len)d个。") % {"min": self.min_length, "len": len(password)},
                code="password_too_short",
            )

    def get_help_text(self) -> str:
        return _("密码至少%(min)d个字符。") % {"min": self.min_length}


class CharacterClassesValidator:
    """At least ``min_classes`` of: lower-case letters, upper-case letters, digits, other characters."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: Any = None) -> None:
        used = len(character_classes(password))
        if used < self.min_classes:
            raise ValidationError(
                _("密码应至少包含小写字母、大写字母、数字、其他符号中的%(min)d类，当前只有%(used)d类。")
                % {"min": self.min_classes, "used": used},
                code="password_too_few_classes",
            )

    def get_help_text(self) -> str:
        return _("密码应至少包含小写字母、大写字母、数字、其他符号中的%(min)d类。") % {"min": self.min_classes}


class NotUsernameValidator:
    """The password neither is nor contains the account's username (forwards or backwards)."""

    def validate(self, password: str, user: Any = None) -> None:
        username = (user.get_username() if user is not None else "") or ""
        if len(username) < 3:
            return
        lowered, name = password.lower(), username.lower()
        if name in lowered or name[::-1] in lowered:
            raise ValidationError(_("密码不能包含登录账号。"), code="password_contains_username")

    def get_help_text(self) -> str:
        return _("密码不能包含登录账号。")
