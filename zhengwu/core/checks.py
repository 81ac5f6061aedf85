"""Bad configuration reported as system checks, not crashes."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.db import DatabaseError

CEILINGS = ("none", "internal", "secret", "confidential", "top_secret")


@register()
def check_settings(app_configs: Any, **kwargs: Any) -> list[Any]:
    problems: list[Any] = []
    if settings.ZHENGWU_CLASSIFICATION_CEILING not in CEILINGS:
        problems.append(Error(
            f"ZHENGWU_CLASSIFICATION_CEILING is {settings.ZHENGWU_CLASSIFICATION_CEILING!r}",
            hint=f"Use one of {', '.join(CEILINGS)} "
            "(art. 61: the highest classification this installation holds).",
            id="zhengwu.E001",
        ))
    return problems


@register("database")
def check_calendar(app_configs: Any, databases: Any = None, **kwargs: Any) -> list[Any]:
    if not databases:
        return []
    from zhengwu.workdays.services import missing_next_year

    try:
        year = missing_next_year()
    except DatabaseError:
        return []
    if year is None:
        return []
    return [Warning(
        f"The working-day schedule for {year} has not been entered.",
        hint=f"Enter it in the web calendar or run "
        f"`zhengwu calendar set-year {year} --holidays … --makeup … --note …`.",
        id="zhengwu.W001",
    )]
