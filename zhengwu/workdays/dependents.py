"""Deadlines that depend on the calendar, recomputed when it changes.

When an administrator enters a year's schedule or a day (or the official schedules are seeded),
the calendar action asks every registered source to recompute its open deadlines in the same
transaction (``zhengwu/workdays/actions.py``).  Each area registers one source from its
``AppConfig.ready()``::

    dependents.register("documents.countersign", recompute_countersign_dues)

A source gets a :class:`Recalc` (the calendar before and after, and the first day that changed),
moves every open deadline of its own whose period the change touched — the stored date, and its
pending timers (timers that already fired are left alone, so nothing fires twice) — and returns a
:class:`Moved` for each, naming whom to tell.  The calendar action tells them and audits the count.

A stored deadline is moved only when it is still what its rule gives on the old calendar: a date
a person chose (a lead unit's own reply date, an approved extension) is theirs, not the rule's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from zhengwu.workdays.arith import UnknownYearError, WorkCalendar

__all__ = ["Moved", "Recalc", "recompute", "register", "sources"]


@dataclass(frozen=True)
class Moved:
    """One open deadline that moved: what it is, from and to, and who is told."""

    what: str
    old: date
    new: date
    recipients: tuple[int, ...] = ()  # user ids
    url: str = ""
    source: str = ""


@dataclass(frozen=True)
class Recalc:
    """The calendar before and after a change, and the first day whose kind changed."""

    old: WorkCalendar
    new: WorkCalendar
    since: date
    changed: frozenset[date] = field(default_factory=frozenset)

    def _moved(self, due: date | None, compute: Callable[[WorkCalendar], date]) -> date | None:
        if due is None:
            return None
        try:
            if compute(self.old) != due:
                return None  # not (or no longer) what the rule gives: a date someone chose
            new = compute(self.new)
        except (UnknownYearError, ValueError):
            return None
        return new if new != due else None

    def working_days(self, start: date, n: int, due: date | None) -> date | None:
        """The new due date of ``n`` working days from ``start``, or None if it does not move."""
        return self._moved(due, lambda cal: cal.add_working_days(start, n))

    def days(self, start: date, n: int, due: date | None) -> date | None:
        """The same for a period of ``n`` calendar days (民法典 arts. 201–203, rest-day roll-forward)."""
        return self._moved(due, lambda cal: cal.add_days(start, n))

    def months(self, start: date, m: int, due: date | None) -> date | None:
        return self._moved(due, lambda cal: cal.add_months(start, m))

    def rolled(self, chosen: date, due: date | None) -> date | None:
        """A chosen date that was moved off a rest day: moved again if that changed."""
        return self._moved(due, lambda cal: cal.next_working_day(chosen, inclusive=True))


Source = Callable[[Recalc], Iterable[Moved]]
_SOURCES: dict[str, Source] = {}


def register(name: str, source: Source) -> None:
    _SOURCES[name] = source


def sources() -> dict[str, Source]:
    return dict(_SOURCES)


def recompute(recalc: Recalc) -> list[Moved]:
    """Every registered source's moved deadlines, in registration order."""
    moved: list[Moved] = []
    for name, source in _SOURCES.items():
        moved.extend(m if m.source else Moved(m.what, m.old, m.new, m.recipients, m.url, name) for m in source(recalc))
    return moved
