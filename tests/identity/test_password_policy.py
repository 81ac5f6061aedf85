"""The password policy (等保 level 3, GB/T 22239-2019 8.1.4.1 a): at least 10 characters from three
of the four classes, not the username, not a common password."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from zhengwu.identity.validators import character_classes


def _problems(password: str, user) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return [str(m) for m in exc.messages]
    return []


def test_a_strong_password_passes(user) -> None:
    assert _problems("Kizilsu-2026-plan", user("fgw_clerk")) == []


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("zhengwu1", "至少10个字符"),  # the example: was accepted
        ("Ab1-Ab1-x", "至少10个字符"),  # nine characters, four classes
        ("kizilsu-prefecture", "3类"),  # two classes: lower-case and symbols
        ("KIZILSU2026PLAN", "3类"),  # two classes: upper-case and digits
        ("Password123", "太常见"),  # on Django's list of common passwords
        ("Xfgw_clerk-2026", "登录账号"),  # contains the username
        ("X2026-krelc_wgf", "登录账号"),  # the username backwards
    ],
)
def test_weak_passwords_are_refused_with_the_reason_in_chinese(user, password: str, why: str) -> None:
    problems = _problems(password, user("fgw_clerk"))
    assert any(why in p for p in problems), problems


def test_reasons_in_english(user) -> None:
    with translation.override("en"):
        problems = _problems("zhengwu1", user("fgw_clerk"))
    assert any("at least 10 characters" in p for p in problems), problems


def test_character_classes() -> None:
    assert character_classes("aA1-") == {"lower", "upper", "digit", "symbol"}
    assert character_classes("中文abc") == {"lower", "symbol"}  # a Chinese character counts as "other"
