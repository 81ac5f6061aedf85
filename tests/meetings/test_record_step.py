"""Steps of the major-decision procedure, each with its evidence (arts. 24, 25)."""

from __future__ import annotations

import pytest

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.meetings import actions

pytestmark = [pytest.mark.article(24), pytest.mark.article(25)]


def test_steps_are_recorded_with_evidence(user, make_topic):
    t = make_topic("jyj", major_decision=True, market_activity=True)
    row = actions.record_step(user("sfj_clerk"), t, "legality_review", "司法局审查意见（克司审〔2026〕12号）")
    assert row.evidence.startswith("司法局")
    actions.record_step(user("jyj_head"), t, "fair_competition", "公平竞争审查表")


def test_a_step_the_topic_does_not_need_is_refused_with_its_article(user, make_topic):
    t = make_topic("jyj", major_decision=True)
    with pytest.raises(Refused) as exc:
        actions.record_step(user("jyj_head"), t, "hearing", "听证")
    [d] = exc.value.decisions
    assert d.message == "该议题不需要“听证”这一步骤。"
    assert d.citation.article == 25


def test_an_unknown_step_is_bad_input(user, make_topic):
    with pytest.raises(InvalidInput) as exc:
        actions.record_step(user("jyj_head"), make_topic("jyj", major_decision=True), "no_such_step", "x")
    assert exc.value.field == "step"


def test_evidence_is_required(user, make_topic):
    with pytest.raises(InvalidInput):
        actions.record_step(user("jyj_head"), make_topic("jyj", major_decision=True), "consultation", " ")


def test_an_unrelated_unit_may_not_record(user, make_topic):
    with pytest.raises(Refused):
        actions.record_step(user("fgw_head"), make_topic("jyj", major_decision=True), "consultation", "意见")
