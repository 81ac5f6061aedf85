"""Helpers for the suggestions tests: frozen time, a registered and an assigned suggestion."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine

from zhengwu.documents.actions.outgoing import issue, review, sign, submit_for_review
from zhengwu.documents.models import Document
from zhengwu.org.models import Unit
from zhengwu.suggestions.actions import assign, draft_answer, register
from zhengwu.suggestions.models import Suggestion

NOW = "2025-11-20 10:00 +0800"  # a Thursday; three months later falls in 春节 2026
D = dt.date


@pytest.fixture
def frozen() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW) as traveller:
        yield traveller


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


@pytest.fixture
def registered(user, frozen) -> Callable[..., Suggestion]:
    def make(**kwargs: Any) -> Suggestion:
        args: dict[str, Any] = {
            "kind": "suggestion",
            "number": "12",
            "title": "关于加强农村寄宿制学校建设的建议",
            "text": "建议加大投入。",
            "proposers": "代表甲、代表乙",
            "session": "州十五届人大四次会议",
            "received_on": D(2025, 11, 10),
        }
        args.update(kwargs)
        return register(user("clerk_ducha"), **args)

    return make


@pytest.fixture
def assigned(user, registered) -> Suggestion:
    """Assigned on 2025-11-20 to the 教育局, with the 财政局 as co-unit."""
    return assign(user("clerk_ducha"), registered(), unit("jyj"), [unit("czj")])


def answer(user, suggestion: Suggestion, body: str = "代表：您提出的建议收悉，现答复如下……") -> Document:
    """The 教育局 drafts its answer 函 and takes it through review, signature and issue."""
    doc = draft_answer(user("jyj_head"), suggestion, body)
    submit_for_review(user("jyj_head"), doc)
    review(user("jyj_head"), doc, True, "")
    sign(user("jyj_head"), doc)
    issue(user("jyj_head"), doc)
    return doc
