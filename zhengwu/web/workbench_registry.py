"""Sections other areas add to the 工作台 (workbench).

Each area registers, from its AppConfig.ready(), a provider: a function of the request that
returns a :class:`Section` (or None when it has nothing for this person).  The workbench renders
every section it gets, in the order given, each through the area's own template, so the
meetings, supervision, petitions… pages each decide what "my to-dos" means for them without the
workbench knowing their models.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Section:
    """One panel on the workbench: a heading, the template that renders it, and its data."""

    key: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    count: int = 0


Provider = Callable[[HttpRequest], Section | None]

_providers: list[tuple[int, str, Provider]] = []


def register(order: int, key: str) -> Callable[[Provider], Provider]:
    """``@register(20, "meetings")`` on a provider; registering the same key again replaces it."""

    def add(provider: Provider) -> Provider:
        _providers[:] = [p for p in _providers if p[1] != key]
        _providers.append((order, key, provider))
        _providers.sort(key=lambda p: (p[0], p[1]))
        return provider

    return add


def sections(request: HttpRequest) -> list[Section]:
    found = []
    for _order, _key, provider in _providers:
        section = provider(request)
        if section is not None:
            found.append(section)
    return found
