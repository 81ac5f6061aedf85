"""The pure rules of 信访 (art. 35; 《信访工作条例》arts. 22–23, 34–36): limits in calendar days
ending on a working day, across 春节 and 国庆; who sees the petitioner; important letters."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.org.rules import PositionFact
from zhengwu.petitions import rules
from zhengwu.workdays.seed import official_calendar

pytestmark = pytest.mark.article(35)
D = dt.date
CAL = official_calendar([2026])
XFJ, JYJ, FGW = 7, 8, 3


def pos(kind: str, unit_id: int) -> PositionFact:
    return PositionFact(unit_id * 10, kind, "职务", unit_id, "department")


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (D(2026, 2, 3), D(2026, 2, 24)),  # 02-18 falls in 春节 (02-15..23): the first working day after
        (D(2026, 1, 20), D(2026, 2, 4)),  # an ordinary Wednesday
        (D(2026, 9, 20), D(2026, 10, 8)),  # 10-05 falls in 国庆 (10-01..07)
        (D(2026, 9, 26), D(2026, 10, 12)),  # 10-11 is a Sunday (10-10 is the make-up working day)
    ],
)
def test_acceptance_is_decided_within_15_days(kizilsu, received, due) -> None:
    assert rules.accept_due(received, kizilsu, CAL) == due


@pytest.mark.parametrize(
    ("accepted", "due"),
    [
        (D(2025, 12, 20), D(2026, 2, 24)),  # 02-18 in 春节
        (D(2026, 8, 3), D(2026, 10, 8)),  # 10-02 in 国庆
        (D(2026, 3, 2), D(2026, 5, 6)),  # 05-01 is a holiday (劳动节 05-01..05): 05-06
    ],
)
def test_handling_ends_60_days_after_acceptance(kizilsu, accepted, due) -> None:
    cal = official_calendar([2025, 2026])
    assert rules.handle_due(accepted, kizilsu, cal) == due


def test_review_and_rereview_30_days_each(kizilsu) -> None:
    assert rules.review_due(rules.REVIEW, D(2026, 1, 20), kizilsu, CAL) == D(2026, 2, 24)
    assert rules.review_due(rules.REREVIEW, D(2026, 9, 5), kizilsu, CAL) == D(2026, 10, 8)


def test_a_review_is_asked_within_30_days_of_the_answer(kizilsu) -> None:
    ok = rules.may_request_review(rules.REVIEW, rules.CONCLUDED, D(2026, 1, 20), D(2026, 2, 24), kizilsu, CAL)
    assert ok.allowed
    late = rules.may_request_review(rules.REVIEW, rules.CONCLUDED, D(2026, 1, 20), D(2026, 2, 25), kizilsu, CAL)
    assert not late.allowed
    assert "最迟2026-02-24" in late.explanation
    assert "《工作规则》第三十五条" in late.explanation
    early = rules.may_request_review(rules.REREVIEW, rules.CONCLUDED, D(2026, 1, 20), D(2026, 1, 25), kizilsu, CAL)
    assert not early.allowed  # no 复核 before a 复查 opinion
    assert rules.may_request_review(
        rules.REREVIEW, rules.REVIEWED, D(2026, 1, 20), D(2026, 1, 25), kizilsu, CAL
    ).allowed


def test_an_extension_is_approved_by_a_government_leader_once_and_up_to_30_days(kizilsu) -> None:
    leader = [pos("vice_governor", 1)]
    assert rules.may_extend(leader, rules.HANDLING_STATE, 0, 30, kizilsu).allowed
    assert not rules.may_extend([pos("unit_head", XFJ)], rules.HANDLING_STATE, 0, 10, kizilsu).allowed
    assert not rules.may_extend(leader, rules.HANDLING_STATE, 0, 31, kizilsu).allowed
    assert not rules.may_extend(leader, rules.HANDLING_STATE, 20, 5, kizilsu).allowed
    assert not rules.may_extend(leader, rules.REGISTERED, 0, 5, kizilsu).allowed


def test_personal_data_only_for_those_handling_the_case(kizilsu) -> None:
    access = rules.CaseAccess(frozenset({XFJ}), JYJ, 99)
    assert rules.may_see_personal_data([pos("unit_head", XFJ)], 1, access, kizilsu).allowed
    assert rules.may_see_personal_data([pos("clerk", JYJ)], 2, access, kizilsu).allowed
    assert rules.may_see_personal_data([pos("vice_governor", 1)], 99, access, kizilsu).allowed
    assert not rules.may_see_personal_data([pos("administrator", 2)], 3, access, kizilsu).allowed  # not a handler
    accused = rules.CaseAccess(frozenset({XFJ}), XFJ, 99, JYJ, frozenset({98}))
    assert not rules.may_see_personal_data([pos("clerk", JYJ)], 2, accused, kizilsu).allowed  # the accused unit
    refused = rules.may_see_personal_data([pos("clerk", FGW)], 4, access, kizilsu)
    assert not refused.allowed
    assert refused.explanation == "信访人的个人信息仅限经办人员查看，您不是本件的经办人员（《工作规则》第三十五条）"
    assert not rules.may_see_personal_data([pos("vice_governor", 1)], 98, access, kizilsu).allowed


def test_masking() -> None:
    assert rules.mask_name("买买提·艾力") == "买***"
    assert rules.mask_name("张三") == "张*"
    assert rules.mask_id_number("653001198001011234") == "65************1234"
    assert rules.mask_phone("13812345678") == "138****5678"
    assert rules.mask_address("阿图什市测试路8号") == "阿图什市****"
    assert rules.mask_address("乌恰县") == "乌****"  # never the whole of a short address


def test_an_important_letter_is_instructed_by_its_leader_after_reading_and_stays_open_until_then(kizilsu) -> None:
    assert not rules.may_instruct(5, 6, True, False, kizilsu).allowed  # not routed to person 5
    assert not rules.may_instruct(6, 6, False, False, kizilsu).allowed  # not read yet
    assert rules.may_instruct(6, 6, True, False, kizilsu).allowed
    assert not rules.may_instruct(6, 6, True, True, kizilsu).allowed  # once
    assert not rules.may_conclude(True, False, kizilsu).allowed
    assert rules.may_conclude(True, True, kizilsu).allowed
    assert rules.may_conclude(False, False, kizilsu).allowed
    assert rules.check_leader([pos("vice_governor", 1)], kizilsu).allowed
    assert not rules.check_leader([pos("unit_head", XFJ)], kizilsu).allowed
