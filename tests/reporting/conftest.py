"""Helpers for the 请示报告 tests (arts. 16, 46, 55): frozen time (Tuesday 2026-11-03 09:00 +08:00),
an incident, an upward matter, an issued document addressed upward."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from zhengwu.documents.models import Direction, DocState, DocType, Document, Flow
from zhengwu.org.models import Person, Unit
from zhengwu.reporting import actions
from zhengwu.reporting.models import Incident, UpwardReport
from zhengwu.rulebook.services import version_in_force

NOW = "2026-11-03 09:00 +0800"  # a Tuesday
TZ = dt.timezone(dt.timedelta(hours=8))
D = dt.date


def at(hour: int, minute: int = 0, day: int = 3) -> dt.datetime:
    """A moment of November 2026, +08:00."""
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=TZ)


@pytest.fixture
def frozen() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def person(username: str) -> Person:
    return Person.objects.get(user__username=username)


@pytest.fixture
def make_incident(user, frozen) -> Callable[..., Incident]:
    """``make_incident(severity="major", kind="accident")``: known at 08:30 on 11-03, registered by
    the 阿图什市 head."""

    def make(**kw: Any) -> Incident:
        kw.setdefault("unit", unit("atushi"))
        kw.setdefault("kind", "accident")
        kw.setdefault("severity", "major")
        kw.setdefault("title", "阿图什市某煤矿透水事故")
        kw.setdefault("occurred_at", at(8, 20))
        kw.setdefault("known_at", at(8, 30))
        actor = kw.pop("actor", "atushi_head")
        return actions.register_incident(user(actor), **kw)

    return make


@pytest.fixture
def make_upward(user, frozen) -> Callable[..., UpwardReport]:
    def make(**kw: Any) -> UpwardReport:
        kw.setdefault("recipient", unit("xj-gov"))
        kw.setdefault("category", "matter")
        kw.setdefault("form", "request")
        kw.setdefault("title", "关于申请设立综合保税区的请示")
        return actions.register_upward(user(kw.pop("actor", "clerk_wendian")), **kw)

    return make


@pytest.fixture
def issued_upward(user) -> Callable[..., Document]:
    """An issued 请示 of the 州人民政府 addressed to ``to`` (a unit code)."""

    def make(to: str = "xj-gov", state: str = DocState.ISSUED, flow: str = Flow.OUTGOING) -> Document:
        doc = Document.objects.create(
            flow=flow,
            doc_type=DocType.REQUEST,
            direction=Direction.UPWARD,
            title="克孜勒苏柯尔克孜自治州人民政府关于申请设立综合保税区的请示",
            issuer=unit("gov"),
            state=state,
            number="克政〔2026〕31号" if state == DocState.ISSUED else "",
            issued_at=timezone.now() if state == DocState.ISSUED else None,
            rulebook_version=version_in_force(),
            created_by=user("clerk_wendian"),
            created_at=timezone.now(),
        )
        doc.main_recipients.add(unit(to))
        return doc

    return make
