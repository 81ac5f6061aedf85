"""The office collects topics for a meeting; refusals cite their articles (arts. 24, 25, 40) and the
guards other areas register (e.g. legality review of a draft normative document)."""

from __future__ import annotations

import pytest

from tests.meetings.conftest import MEETING_DAY, D, away
from zhengwu.core.decisions import Decision, Refused
from zhengwu.meetings import actions, guards
from zhengwu.meetings.models import TopicState


@pytest.mark.article(40)
def test_a_reviewed_topic_is_collected(user, executive, make_topic):
    t = actions.collect_topic(user("clerk_huiwu"), make_topic("jyj", reviewed=True), executive)
    assert t.state == TopicState.COLLECTED
    assert t.meeting == executive


@pytest.mark.article(40)
def test_a_topic_whose_portfolio_leader_is_away_on_the_meeting_date_is_refused(user, executive, make_topic):
    t = make_topic("fgw", reviewed=True)
    away("vice_liu", D(2026, 11, 11), D(2026, 11, 14))
    with pytest.raises(Refused) as exc:
        actions.collect_topic(user("clerk_huiwu"), t, executive)
    d = exc.value.decisions[0]
    assert d.code == "meetings.leader_absent"
    assert d.citation.article == 40
    assert "刘振东" in d.message
    t.refresh_from_db()
    assert t.state == TopicState.REVIEWED
    assert t.meeting is None


@pytest.mark.article(40)
def test_an_absence_that_ends_before_the_meeting_does_not_block(user, executive, make_topic):
    away("vice_liu", D(2026, 11, 4), D(2026, 11, 6))
    actions.collect_topic(user("clerk_huiwu"), make_topic("fgw", reviewed=True), executive)


@pytest.mark.article(40)
def test_an_unreviewed_topic_is_refused(user, executive, make_topic):
    with pytest.raises(Refused) as exc:
        actions.collect_topic(user("clerk_huiwu"), make_topic("jyj"), executive)
    assert exc.value.decisions[0].code == "meetings.not_reviewed"


@pytest.mark.article(40)
@pytest.mark.parametrize("flag", ["touches_projects", "touches_funds", "touches_staffing", "touches_rewards"])
def test_unfinished_coordination_on_projects_funds_staffing_rewards_is_refused(user, executive, make_topic, flag):
    t = make_topic("jyj", reviewed=True, coordination_done=False, **{flag: True})
    with pytest.raises(Refused) as exc:
        actions.collect_topic(user("clerk_huiwu"), t, executive)
    assert exc.value.decisions[0].code == "meetings.coordination"


@pytest.mark.article(24)
@pytest.mark.article(25)
def test_a_major_decision_topic_needs_its_steps(user, executive, make_topic):
    t = make_topic("jyj", reviewed=True, major_decision=True, public_interest=True)
    with pytest.raises(Refused) as exc:
        actions.collect_topic(user("clerk_huiwu"), t, executive)
    assert exc.value.decisions[0].citation.article == 24
    for step in (
        "legality_review",
        "assess_legality",
        "assess_necessity",
        "assess_science",
        "assess_feasibility",
        "assess_control",
        "consultation",
        "stability_risk",
    ):
        actions.record_step(user("jyj_head"), t, step, f"{step}报告")
    with pytest.raises(Refused) as exc:
        actions.collect_topic(user("clerk_huiwu"), t, executive)
    assert exc.value.decisions[0].citation.article == 25
    assert "听证" in exc.value.decisions[0].message
    actions.record_step(user("jyj_head"), t, "hearing", "听证笔录")
    actions.collect_topic(user("clerk_huiwu"), t, executive)


@pytest.mark.article(40)
def test_only_the_office_collects(user, executive, make_topic):
    with pytest.raises(Refused):
        actions.collect_topic(user("jyj_head"), make_topic("jyj", reviewed=True), executive)


@pytest.mark.article(40)
def test_guards_registered_by_other_areas_refuse(user, executive, make_topic, kizilsu):
    t = make_topic("jyj", reviewed=True)

    @guards.register("tests.always")
    def _guard(topic):
        if topic.pk == t.pk:
            yield Decision.refuse("tests.guard", "草案未经合法性审查。", kizilsu.cite("meetings.major_decision"))

    try:
        with pytest.raises(Refused) as exc:
            actions.collect_topic(user("clerk_huiwu"), t, executive)
        assert exc.value.decisions[0].code == "tests.guard"
    finally:
        guards._guards.pop("tests.always", None)


def test_meeting_day_constant_is_a_working_day():
    assert MEETING_DAY.weekday() == 3
