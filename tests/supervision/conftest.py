"""Helpers for the supervision tests: units, frozen time, opening an item, firing timers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine

from tests.documents.conftest import make_document  # noqa: F401  (a fixture: documents to supervise)
from zhengwu.notices.models import Notice
from zhengwu.org.models import Unit
from zhengwu.supervision import actions
from zhengwu.supervision.models import SupervisionItem
from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer

NOW = "2026-12-01 09:00 +0800"  # a Tuesday
D = dt.date
DUE = D(2027, 1, 29)


@pytest.fixture
def frozen() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def autumn() -> Iterator[time_machine.Traveller]:
    """2026-09-01 (a Tuesday), a month before 国庆 (10-01..07 off, 10-10 a make-up working day)."""
    with time_machine.travel("2026-09-01 09:00 +0800", tick=False) as traveller:
        yield traveller


@pytest.fixture
def winter() -> Iterator[time_machine.Traveller]:
    """2026-01-15 (a Thursday), a month before 春节 (02-15..23 off; 02-14 and 02-28 make-up working days)."""
    with time_machine.travel("2026-01-15 09:00 +0800", tick=False) as traveller:
        yield traveller


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def notified(title_part: str) -> set[str]:
    return set(Notice.objects.filter(title__contains=title_part).values_list("recipient__username", flat=True))


def pending_timers(item: SupervisionItem) -> dict[str, dt.datetime]:
    """Pending timer keys of an item and its reports → fire time (Beijing)."""
    reports = item.reports.values_list("pk", flat=True)
    ids = {f"supervision:item:{item.pk}:"} | {f"supervision:report:{r}:" for r in reports}
    return {
        t.key: t.fire_at
        for t in Timer.objects.filter(state="pending", key__startswith="supervision:")
        if any(t.key.startswith(i) for i in ids)
    }


def sweep_to(traveller: time_machine.Traveller, when: str) -> int:
    """Travel to ``when`` (e.g. "2026-12-10 00:05 +0800") and fire what is due; returns how many fired."""
    moment = dt.datetime.strptime(when, "%Y-%m-%d %H:%M %z")
    traveller.move_to(moment)
    return timers.sweep(moment).fired


@pytest.fixture
def open_item(user) -> Callable[..., SupervisionItem]:
    """``open_item(title=..., lead="fgw", co=["czj"], due=D(...), every="monthly", by="clerk_ducha")``."""

    def make(
        title: str = "落实州政府常务会议议定事项：推进物流园区建设",
        lead: str = "fgw",
        co: tuple[str, ...] = ("czj",),
        due: dt.date = DUE,
        every: str = "",
        by: str = "clerk_ducha",
        origin: str = "manual",
        **extra: Any,
    ) -> SupervisionItem:
        return actions.open_item(
            user(by),
            title=title,
            lead_unit=unit(lead),
            co_units=[unit(c) for c in co],
            due=due,
            origin=origin,
            report_every=every,
            **extra,
        )

    return make
