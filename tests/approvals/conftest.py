"""Helpers for the approvals tests: frozen time and requests of each kind, at each step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine

from zhengwu.approvals import actions
from zhengwu.approvals.models import ApprovalRequest
from zhengwu.org.models import Unit

NOW = "2026-06-15 10:00 +0800"  # a Monday
TODAY = dt.date(2026, 6, 15)
D = dt.date


@pytest.fixture
def frozen() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW) as traveller:
        yield traveller


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def fresh(r: ApprovalRequest) -> ApprovalRequest:
    return ApprovalRequest.objects.select_related("unit", "author", "rulebook_version").get(pk=r.pk)


@pytest.fixture
def article(user, frozen) -> Callable[..., ApprovalRequest]:
    """A publication request (art. 57): by default the 教育局's head asks to publish a signed article."""

    def make(who: str = "jyj_head", **kwargs: Any) -> ApprovalRequest:
        args: dict[str, Any] = {
            "kind": "signed_article",
            "title": "《办好人民满意的教育》",
            "counterpart": "克孜勒苏日报",
            "summary": "介绍全州教育工作。",
        }
        args.update(kwargs)
        return actions.submit_request(user(who), **args)

    return make


@pytest.fixture
def guest(user, frozen) -> Callable[..., ApprovalRequest]:
    """A foreign guest's meeting (art. 60), asked by the 外事办's clerk, on 2026-06-30."""

    def make(who: str = "wsb_clerk", **kwargs: Any) -> ApprovalRequest:
        args: dict[str, Any] = {
            "kind": "foreign_meeting",
            "title": "会见友好城市代表团",
            "counterpart": "奥什州代表团",
            "planned_on": D(2026, 6, 30),
        }
        args.update(kwargs)
        return actions.submit_request(user(who), **args)

    return make


@pytest.fixture
def delegation(user, frozen) -> Callable[..., ApprovalRequest]:
    """An outbound delegation (art. 59) of the 发展改革委, 2026-07-01 to 07-08, four people."""

    def make(who: str = "fgw_clerk", **kwargs: Any) -> ApprovalRequest:
        args: dict[str, Any] = {
            "kind": "delegation",
            "title": "赴哈萨克斯坦考察口岸物流",
            "counterpart": "哈萨克斯坦",
            "planned_on": D(2026, 7, 1),
            "until": D(2026, 7, 8),
            "members": 4,
        }
        args.update(kwargs)
        return actions.submit_request(user(who), **args)

    return make


def approved_delegation(user, delegation) -> ApprovalRequest:
    r = delegation()
    actions.review(user("wsb_clerk"), r, "同意，控制团组规模。")
    return actions.decide(user("exec_vice"), r, True)
