"""The compliance view's 信访 lines: limits near or past, important letters awaiting the leader (art. 35)."""

from __future__ import annotations

import pytest

from tests.petitions.conftest import D
from zhengwu.core import compliance

pytestmark = pytest.mark.article(35)


def mine(today, number: str) -> list[compliance.ComplianceLine]:
    return [line for line in compliance.lines(today) if line.area == "信访" and number in line.title]


def test_near_then_past_the_acceptance_limit(letter) -> None:
    petition = letter()
    assert mine(D(2026, 2, 10), petition.number) == []
    near = mine(D(2026, 2, 22), petition.number)
    assert [(x.status, x.due, x.owner) for x in near] == [(compliance.Status.AT_RISK, D(2026, 2, 24), "州信访局")]
    assert near[0].citation is not None
    assert near[0].citation.article == 35
    assert [x.status for x in mine(D(2026, 2, 25), petition.number)] == [compliance.Status.OVERDUE]


def test_an_important_letter_awaiting_its_instruction_is_listed(letter) -> None:
    petition = letter(important=True)
    lines = [x for x in mine(D(2026, 2, 10), petition.number) if "待领导批示" in x.title]
    assert [x.owner for x in lines] == ["阿依古丽·吐尔逊"]
