"""Helpers for the portal tests: frozen time, queued items, a submitted application."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine

from zhengwu.org.models import Unit
from zhengwu.portal.models import ItemKind, PublicationItem
from zhengwu.portal.services import queue_for_publication

NOW = "2026-12-01 09:00 +0800"  # a Tuesday
D = dt.date


@pytest.fixture
def frozen() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW) as traveller:
        yield traveller


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


@pytest.fixture
def queued(db, user) -> Callable[..., PublicationItem]:
    """``queued(title=..., body=..., unit_code="fgw", counted_from=D(2026, 12, 1))`` → a queued item."""

    def make(**kw: Any) -> PublicationItem:
        code = kw.pop("unit_code", "fgw")
        return queue_for_publication(
            actor=user("clerk_gongkai"),
            kind=kw.pop("kind", ItemKind.DOCUMENT),
            title=kw.pop("title", "关于做好冬季供暖工作的通知"),
            counted_from=kw.pop("counted_from", D(2026, 12, 1)),
            provision="disclosure.proactive",
            body=kw.pop("body", "各县（市）人民政府：\n做好冬季供暖保障工作。"),
            issuing_unit=unit(code) if code else None,
            **kw,
        )

    return make
