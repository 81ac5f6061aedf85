"""The pure rules of 建议提案 (art. 31): 3 months from assignment (at most 6, with a reason),
co-units 30 days before the lead unit, across 春节 and 国庆; who manages; disclosure."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.org.rules import PositionFact
from zhengwu.suggestions import rules
from zhengwu.workdays.seed import official_calendar

pytestmark = pytest.mark.article(31)
D = dt.date
CAL = official_calendar([2025, 2026])
OFFICE, JYJ = 2, 8


def pos(kind: str, unit_id: int) -> PositionFact:
    return PositionFact(unit_id * 10, kind, "职务", unit_id, "office")


@pytest.mark.parametrize(
    ("assigned", "due", "co_due"),
    [
        (D(2025, 11, 20), D(2026, 2, 24), D(2026, 1, 23)),  # 02-20 in 春节; 01-25 a Sunday → the Friday before
        (D(2026, 7, 3), D(2026, 10, 8), D(2026, 9, 8)),  # 10-03 in 国庆
        (D(2026, 1, 30), D(2026, 4, 30), D(2026, 3, 31)),  # an ordinary Thursday
        (D(2025, 11, 30), D(2026, 2, 28), D(2026, 1, 29)),  # 02-28, a Saturday, is a make-up working day
        (D(2026, 5, 31), D(2026, 8, 31), D(2026, 7, 31)),  # month ends
    ],
)
def test_the_answer_is_due_three_months_after_assignment(kizilsu, assigned, due, co_due) -> None:
    assert rules.answer_due(assigned, kizilsu, CAL) == due
    assert rules.co_unit_due(due, assigned, kizilsu, CAL) == co_due


def test_an_extension_gives_its_reason_and_ends_within_six_months(kizilsu) -> None:
    assigned, due = D(2025, 11, 20), D(2026, 2, 24)
    assert rules.latest_due(assigned, kizilsu, CAL) == D(2026, 5, 20)
    assert rules.check_extension(assigned, due, D(2026, 5, 20), "涉及跨年度预算安排。", kizilsu, CAL).allowed
    too_long = rules.check_extension(assigned, due, D(2026, 5, 21), "涉及跨年度预算安排。", kizilsu, CAL)
    assert not too_long.allowed
    assert too_long.explanation == "建议提案最迟应当自交办之日起6个月内办复（2026-05-20）（《工作规则》第三十一条）"
    assert not rules.check_extension(assigned, due, D(2026, 4, 1), " ", kizilsu, CAL).allowed
    assert not rules.check_extension(assigned, due, D(2026, 2, 20), "理由。", kizilsu, CAL).allowed


def test_the_office_manages_the_lead_unit_answers_co_units_give_opinions(kizilsu) -> None:
    assert rules.may_manage([pos("clerk", OFFICE)], ["督查"], OFFICE, "交办", kizilsu).allowed
    assert rules.may_manage([pos("office_director", OFFICE)], [], OFFICE, "交办", kizilsu).allowed
    assert not rules.may_manage([pos("clerk", OFFICE)], ["文电"], OFFICE, "交办", kizilsu).allowed
    assert not rules.may_manage([pos("unit_head", JYJ)], [], OFFICE, "交办", kizilsu).allowed
    assert rules.may_answer([pos("unit_head", JYJ)], JYJ, "州教育局", kizilsu).allowed
    assert not rules.may_answer([pos("clerk", OFFICE)], JYJ, "州教育局", kizilsu).allowed
    assert not rules.may_give_opinion([pos("administrator", JYJ)], JYJ, "州教育局", kizilsu).allowed
    assert not rules.check_assignment(JYJ, {JYJ}, kizilsu).allowed


def test_unsatisfied_is_handled_again_within_a_month(kizilsu) -> None:
    assert rules.rehandle_due(D(2026, 9, 3), kizilsu, CAL) == D(2026, 10, 8)  # 10-03 in 国庆
    assert rules.check_satisfaction("unsatisfied", kizilsu).code == "suggestions.rehandle"
    assert not rules.check_satisfaction("so-so", kizilsu).allowed


def test_answers_are_published_unless_a_ground_applies(kizilsu) -> None:
    published = rules.disclosure("", kizilsu)
    assert published.allowed
    assert published.facts["publish"] is True
    withheld = rules.disclosure("privacy", kizilsu)
    assert withheld.allowed
    assert withheld.facts["publish"] is False
    assert "个人隐私" in withheld.message
    assert not rules.disclosure("inconvenient", kizilsu).allowed
