"""The pure rules of 复议、诉讼、审计 (arts. 32, 33): statutory deadlines across 春节 and 国庆."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.org.rules import PositionFact
from zhengwu.oversight import rules
from zhengwu.workdays.seed import official_calendar

D = dt.date
CAL = official_calendar([2026])


@pytest.mark.article(33)
@pytest.mark.parametrize(
    ("received", "answer", "decision"),
    [
        (D(2026, 2, 9), D(2026, 2, 24), D(2026, 4, 10)),  # 02-19 in 春节; 04-10 a Friday
        (D(2026, 9, 25), D(2026, 10, 8), D(2026, 11, 24)),  # 10-05 in 国庆
    ],
)
def test_reconsideration_answer_in_10_days_and_decision_in_60(kizilsu, received, answer, decision) -> None:
    limits = rules.deadlines(rules.RECONSIDERATION_KIND, received, received, kizilsu, CAL)
    assert (limits.answer_due, limits.decision_due) == (answer, decision)


@pytest.mark.article(32)
@pytest.mark.parametrize(
    ("served", "defence"),
    [
        (D(2026, 2, 5), D(2026, 2, 24)),  # 02-20 in 春节
        (D(2026, 9, 20), D(2026, 10, 8)),  # 10-05 in 国庆
        (D(2026, 3, 2), D(2026, 3, 17)),
    ],
)
def test_suit_defence_in_15_days(kizilsu, served, defence) -> None:
    assert rules.deadlines(rules.SUIT_KIND, served, None, kizilsu, CAL).answer_due == defence


@pytest.mark.article(32)
def test_a_finding_sets_a_future_rectification_deadline(kizilsu) -> None:
    today = D(2026, 2, 10)
    assert rules.check_rectify_due(D(2026, 2, 1), D(2026, 5, 31), today, kizilsu).allowed
    assert not rules.check_rectify_due(D(2026, 2, 1), None, today, kizilsu).allowed
    assert not rules.check_rectify_due(D(2026, 2, 1), today, today, kizilsu).allowed


@pytest.mark.article(33)
def test_the_unit_concerned_the_office_and_the_legal_unit_keep_the_register(kizilsu) -> None:
    def pos(kind: str, unit_id: int) -> list[PositionFact]:
        return [PositionFact(1, kind, "职务", unit_id, "department")]

    zrzyj, office, sfj, fgw = 9, 2, 5, 3
    for p in (pos("unit_head", zrzyj), pos("clerk", office), pos("clerk", sfj)):
        assert rules.may_register(p, zrzyj, office, {sfj}, rules.RECONSIDERATION_KIND, kizilsu).allowed
    refused = rules.may_register(pos("clerk", fgw), zrzyj, office, {sfj}, rules.RECONSIDERATION_KIND, kizilsu)
    assert not refused.allowed
    assert refused.citation is not None
    assert refused.citation.article == 33
