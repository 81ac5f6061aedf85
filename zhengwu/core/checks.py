"""Bad configuration reported as system checks, not crashes (the calendar's: zhengwu/workdays/checks.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

CEILINGS = ("none", "internal", "secret", "confidential", "top_secret")


@register()
def check_settings(app_configs: Any, **kwargs: Any) -> list[Any]:
    problems: list[Any] = []
    if settings.ZHENGWU_CLASSIFICATION_CEILING not in CEILINGS:
        problems.append(
            Error(
                f"ZHENGWU_CLASSIFICATION_CEILING is {settings.ZHENGWU_CLASSIFICATION_CEILING!r}",
                hint=f"Use one of {', '.join(CEILINGS)} (art. 61: the highest classification this installation holds).",
                id="zhengwu.E001",
            )
        )
    return problems
