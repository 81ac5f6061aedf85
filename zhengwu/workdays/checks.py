"""The calendar's configuration and data, reported as system checks, not crashes."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.db import DatabaseError

from zhengwu.workdays.layers import LOCAL, NATIONAL, load_region, region_path
from zhengwu.workdays.services import missing_next_year


@register()
def check_layers(app_configs: Any, **kwargs: Any) -> list[Any]:
    return check_calendar_layers(list(settings.ZHENGWU_CALENDAR_LAYERS))


def check_calendar_layers(keys: list[str]) -> list[Any]:
    """``ZHENGWU_CALENDAR_LAYERS``: the nation first, local days last, each region with its data."""
    hint = "e.g. ZHENGWU_CALENDAR_LAYERS=national,xinjiang,local (a region needs zhengwu/workdays/data/<key>.toml)"
    if len(keys) < 2 or keys[0] != NATIONAL or keys[-1] != LOCAL or len(set(keys)) != len(keys):
        return [
            Error(
                f"ZHENGWU_CALENDAR_LAYERS is {','.join(keys)!r}: it must start with 'national', end with "
                "'local' and name each layer once",
                hint=hint,
                id="zhengwu.E002",
            )
        ]
    problems: list[Any] = []
    for key in keys[1:-1]:
        if not region_path(key).exists():
            problems.append(
                Error(f"calendar layer {key!r} has no data file {region_path(key)}", hint=hint, id="zhengwu.E003")
            )
            continue
        try:
            load_region(key)
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(Error(f"calendar layer {key!r}: {exc}", hint=hint, id="zhengwu.E003"))
    return problems


@register("database")
def check_calendar(app_configs: Any, databases: Any = None, **kwargs: Any) -> list[Any]:
    if not databases:
        return []
    try:
        year = missing_next_year()
    except DatabaseError:
        return []
    if year is None:
        return []
    return [
        Warning(
            f"The official working-day schedule for {year} has not been entered: deadlines in {year} are "
            "provisional (statutory holidays only).",
            hint=f"Enter it in the web calendar or run "
            f"`zhengwu calendar set-year {year} --holidays … --makeup … --note …`.",
            id="zhengwu.W001",
        )
    ]
