"""The panels of the 工作台 (workbench): a small registry below the pages that render it.

Each area declares its panel in a module named ``panels.py``, which the web app imports at start-up
(``autodiscover_modules("panels")`` in its ``AppConfig.ready()``).  A panel is a function of the
request that returns a :class:`Section` (or None when it has nothing for this person), registered
with ``@panel(order, key)``.  The web layer renders every section it gets, in order, each through the
area's own template, so the meetings, supervision, petitions… pages each decide what "my to-dos"
means for them without the workbench knowing their models, and without the areas knowing the pages.
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


@dataclass(frozen=True)
class Panel:
    """A registered panel: where it stands on the page, its key, and the function that fills it."""

    order: int
    key: str
    provider: Provider


_panels: dict[str, Panel] = {}


def panel(order: int, key: str) -> Callable[[Provider], Provider]:
    """``@panel(20, "meetings")`` on a provider; registering the same key again replaces it."""

    def add(provider: Provider) -> Provider:
        _panels[key] = Panel(order, key, provider)
        return provider

    return add


def panels() -> list[Panel]:
    """Every registered panel, by order then key."""
    return sorted(_panels.values(), key=lambda p: (p.order, p.key))
