"""Helpers for the documents tests: draft documents, frozen time, counts of what was written.

``make_document(**overrides)`` makes any document (a draft 请示 of the 发展改革委 to the
government by default); ``make_request(issuer_code="fgw", title=..., items=[...])`` a draft 请示
with its 请示事项.  Both write a first version of the 正文.  Field overrides go straight to
``Document.objects.create``; besides them:

- ``issuer_code`` (default ``"fgw"``) instead of ``issuer``;
- ``main_recipient_codes`` (default ``["gov"]``) and ``copy_recipient_codes`` (default ``[]``);
- ``body``: the text of the first version;
- ``items``: the 请示事项 (``request_items``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

from zhengwu.audit.services import action_records
from zhengwu.documents.models import CountersignTask, Direction, DocState, DocType, Document, DocumentVersion, Flow
from zhengwu.notices.models import Notice
from zhengwu.org.models import Appointment, Unit
from zhengwu.rulebook.services import version_in_force
from zhengwu.timers.models import Timer

NOW = "2026-12-01 09:00 +0800"  # a Tuesday
D = dt.date


@pytest.fixture
def frozen() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW) as traveller:
        yield traveller


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def _drafter(issuer: Unit) -> Any:
    """Someone of the issuing unit (its first position's holder), or the administrator."""
    appointment = (
        Appointment.objects.filter(position__unit=issuer)
        .select_related("person__user")
        .order_by("position__sort_order", "id")
        .first()
    )
    if appointment is not None:
        return appointment.person.user
    return get_user_model().objects.get(username="admin")


@pytest.fixture
def make_document(db) -> Callable[..., Document]:
    """``make_document(title=..., doc_type=DocType.REPORT, issuer_code="czj", ...)`` → a saved Document."""

    def make(**overrides: Any) -> Document:
        issuer = overrides.pop("issuer", None) or unit(overrides.pop("issuer_code", "fgw"))
        overrides.pop("issuer_code", None)
        main_codes = overrides.pop("main_recipient_codes", ["gov"])
        copy_codes = overrides.pop("copy_recipient_codes", [])
        body = overrides.pop("body", "正文。")
        if "items" in overrides:
            overrides["request_items"] = overrides.pop("items")
        fields: dict[str, Any] = {
            "flow": Flow.SUBMISSION,
            "doc_type": DocType.REQUEST,
            "direction": Direction.UPWARD,
            "title": f"关于{issuer.short_name or issuer.name}有关事项的请示",
            "issuer": issuer,
            "state": DocState.DRAFT,
            "rulebook_version": version_in_force(),
            "created_by": _drafter(issuer),
            "created_at": timezone.now(),
        }
        fields.update(overrides)
        document = Document.objects.create(**fields)
        document.main_recipients.set(Unit.objects.filter(code__in=main_codes))
        if copy_codes:
            document.copy_recipients.set(Unit.objects.filter(code__in=copy_codes))
        DocumentVersion.objects.create(
            document=document, number=1, body=body, created_by=document.created_by, created_at=document.created_at
        )
        return document

    return make


@pytest.fixture
def make_request(make_document) -> Callable[..., Document]:
    """``make_request(issuer_code="fgw", title=..., items=["…"])`` → a draft 请示 to the government."""

    def make(
        issuer_code: str = "fgw", title: str | None = None, items: list[str] | None = None, **overrides: Any
    ) -> Document:
        items = items if items is not None else ["审批事项"]
        if title is not None:
            overrides["title"] = title
        overrides.setdefault("doc_type", DocType.REQUEST)
        return make_document(issuer_code=issuer_code, items=items, **overrides)

    return make


def counts() -> dict[str, int]:
    return {
        "tasks": CountersignTask.objects.count(),
        "audit": action_records().count(),
        "notices": Notice.objects.count(),
        "timers": Timer.objects.count(),
        "pending_timers": Timer.objects.filter(state="pending").count(),
    }


def notified(title_part: str) -> set[str]:
    """Usernames that received a notice whose title contains ``title_part``."""
    return set(Notice.objects.filter(title__contains=title_part).values_list("recipient__username", flat=True))


@pytest.fixture
def countersigning(user, make_request, frozen) -> tuple[Document, dict[str, CountersignTask]]:
    """A 发展改革委 请示 drafted and sent by its clerk, at ``NOW``, for countersign to the 财政局 and the 司法局
    (due 2026-12-10, the 7th working day after 12-01).  Returns the document and its tasks by unit code."""
    from zhengwu.documents.actions.countersign import request_countersign

    document = make_request(
        "fgw", title="关于申请安排重大项目前期工作经费的请示", items=["安排前期工作经费"], created_by=user("fgw_clerk")
    )
    tasks = request_countersign(user("fgw_clerk"), document, [unit("czj"), unit("sfj")])
    return document, {t.unit.code: t for t in tasks}
