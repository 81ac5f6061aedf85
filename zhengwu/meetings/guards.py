"""Checks other areas add before an agenda topic may be scheduled (arts. 24, 25, 40).

The meetings area refuses by itself a topic whose 分管 leader is away, whose coordination is not
finished or whose major-decision steps are incomplete.  Other areas know more about what a topic
is *about*: a topic whose subject is a draft normative document may not be scheduled until the
司法局's legality review has passed (arts. 20, 22).  Such an area registers a guard, from its
AppConfig.ready(): a function of the topic that yields refusals (:class:`Decision` objects with
``allowed=False``, each citing its article).  ``refusals(topic)`` runs them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from zhengwu.core.decisions import Decision

TopicGuard = Callable[[Any], Iterable[Decision]]

_guards: dict[str, TopicGuard] = {}


def register(key: str) -> Callable[[TopicGuard], TopicGuard]:
    """``@register("legislation.legality_review")`` on a guard; the same key again replaces it."""

    def add(guard: TopicGuard) -> TopicGuard:
        _guards[key] = guard
        return guard

    return add


def refusals(topic: Any) -> list[Decision]:
    """What the registered guards refuse for ``topic`` (an agenda topic with its ``subject``)."""
    return [d for key in sorted(_guards) for d in _guards[key](topic) if not d.allowed]
