"""Pure meeting rules, table by table, each marked with its article."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.core.transitions import check_step
from zhengwu.meetings import rules
from zhengwu.meetings.models import LeaveState, MeetingState, RequestState, TopicState

D = dt.date


@pytest.mark.article(38)
@pytest.mark.article(39)
@pytest.mark.article(47)
@pytest.mark.parametrize(
    ("today", "held", "expected"),
    [
        (
            D(2026, 11, 25),
            {"plenary": [D(2026, 3, 1)], "executive": [D(2026, 11, 5)], "study": [D(2026, 10, 8)]},
            {"plenary": True, "executive": True, "study": True},
        ),
        (
            D(2026, 11, 25),
            {"plenary": [], "executive": [], "study": [D(2026, 6, 1)]},
            {"plenary": False, "executive": False, "study": False},
        ),
        (
            D(2026, 11, 5),
            {"plenary": [], "executive": [], "study": []},
            {"plenary": False, "executive": True, "study": False},
        ),
        (D(2026, 5, 5), {"plenary": [D(2026, 1, 5), D(2026, 2, 5), D(2026, 3, 5)]}, {"plenary": False}),
        (D(2026, 11, 30), {"executive": [D(2026, 11, 2), D(2026, 11, 10), D(2026, 11, 20)]}, {"executive": False}),
    ],
)
def test_cadence(kizilsu, today, held, expected):
    lines = {line.kind: line for line in rules.cadence(today, held, kizilsu)}
    for kind, ok in expected.items():
        assert lines[kind].ok is ok, lines[kind].decision.message
        assert lines[kind].decision.citation.article == {"plenary": 38, "executive": 39, "study": 47}[kind]


@pytest.mark.article(24)
@pytest.mark.article(25)
@pytest.mark.parametrize(
    ("flags", "steps"),
    [
        ((False, True, True), ()),
        (
            (True, False, False),
            (
                "legality_review",
                "assess_legality",
                "assess_necessity",
                "assess_science",
                "assess_feasibility",
                "assess_control",
                "consultation",
            ),
        ),
        ((True, True, False), ("stability_risk", "hearing")),
        ((True, False, True), ("fair_competition",)),
    ],
)
def test_required_steps(flags, steps):
    got = rules.required_steps(*flags)
    assert set(steps) <= set(got)
    if not flags[1]:
        assert "hearing" not in got
    if not flags[2]:
        assert "fair_competition" not in got


def _facts(**kw):
    base = dict(
        title="议题",
        leader_name="刘振东",
        leader_away=False,
        touches_coordination=False,
        coordination_done=False,
        reviewed=True,
        major_decision=False,
        public_interest=False,
        market_activity=False,
        steps_done=frozenset(),
    )
    base.update(kw)
    return rules.TopicFacts(**base)


@pytest.mark.article(40)
@pytest.mark.parametrize(
    ("kw", "code"),
    [
        ({}, "meetings.schedulable"),
        ({"leader_away": True}, "meetings.leader_absent"),
        ({"reviewed": False}, "meetings.not_reviewed"),
        ({"touches_coordination": True}, "meetings.coordination"),
        ({"touches_coordination": True, "coordination_done": True}, "meetings.schedulable"),
    ],
)
def test_schedulable(kizilsu, kw, code):
    [d] = rules.check_schedulable(_facts(**kw), D(2026, 11, 12), kizilsu)
    assert d.code == code
    assert d.citation.article == 40


@pytest.mark.article(41)
@pytest.mark.parametrize(
    ("kind", "main", "already", "ok"),
    [
        ("executive", True, 0, True),
        ("executive", True, 1, False),
        ("executive", False, 0, False),
        ("topic", False, 5, True),
    ],
)
def test_staff(kizilsu, kind, main, already, ok):
    assert rules.check_staff(kind, main, already, kizilsu).allowed is ok


@pytest.mark.article(41)
def test_leave_route(kizilsu):
    assert rules.leave_decider("vice_governor", kizilsu)[0] == "governor"
    assert rules.leave_decider("unit_head", kizilsu)[0] == "chair_or_office"


@pytest.mark.article(42)
@pytest.mark.article(43)
@pytest.mark.parametrize(
    ("kind", "gov", "chair", "ok"),
    [
        ("executive", True, False, True),
        ("executive", False, True, False),
        ("plenary", True, True, True),
        ("office", False, True, False),
        ("topic", False, True, True),
        ("topic", True, False, False),
    ],
)
def test_signer(kizilsu, kind, gov, chair, ok):
    assert rules.check_signer(kind, gov, chair, kizilsu).allowed is ok


@pytest.mark.article(42)
@pytest.mark.parametrize(
    ("due", "done", "today", "left", "status"),
    [
        (D(2026, 11, 23), D(2026, 11, 20), D(2026, 11, 24), None, "done"),
        (D(2026, 11, 23), None, D(2026, 11, 24), None, "overdue"),
        (D(2026, 11, 23), None, D(2026, 11, 19), 2, "at_risk"),
        (D(2026, 11, 23), None, D(2026, 11, 13), 6, "pending"),
    ],
)
def test_follow_up_status(due, done, today, left, status):
    assert rules.follow_up_status(due, done, today, left, 2) == status


@pytest.mark.article(28)
def test_publication(kizilsu):
    assert rules.publication_needed(False, kizilsu).facts.get("publish")
    assert not rules.publication_needed(True, kizilsu).facts.get("publish")
    assert rules.publication_needed(True, kizilsu).citation.article == 28


@pytest.mark.article(45)
@pytest.mark.parametrize(
    ("kinds", "gov", "esc", "ok"),
    [
        ({"secretary_general"}, False, False, True),
        ({"office_director"}, False, False, False),
        ({"secretary_general"}, False, True, False),
        ({"executive_vice_governor"}, False, True, True),
        (set(), True, True, True),
    ],
)
def test_press(kizilsu, kinds, gov, esc, ok):
    assert rules.check_press_approver(kinds, gov, esc, kizilsu).allowed is ok


@pytest.mark.article(44)
def test_wide(kizilsu):
    f = rules.WideMeetingFacts(False, "", False, False, False, False, 0, False)
    assert rules.check_wide_request(f, kizilsu)[0].allowed
    f2 = rules.WideMeetingFacts(True, "", True, False, True, False, 1, False)
    codes = {d.code for d in rules.check_wide_request(f2, kizilsu, final=True)}
    assert codes == {
        "meetings.wide.venue",
        "meetings.wide.outside",
        "meetings.wide.quota",
        "meetings.wide.county_heads",
    }


@pytest.mark.article(38)
@pytest.mark.article(43)
def test_chair_and_caller(kizilsu):
    assert rules.check_chair("plenary", 1, 1, kizilsu).allowed
    assert not rules.check_chair("executive", 2, 1, kizilsu).allowed
    caller = rules.CallerFacts(False, frozenset({"vice_governor"}), frozenset({7}))
    assert rules.check_topic_caller(caller, 7, False, True, kizilsu)[0].allowed
    assert not rules.check_topic_caller(caller, 8, False, True, kizilsu)[0].allowed
    assert not rules.check_topic_caller(caller, 7, True, False, kizilsu)[0].allowed


@pytest.mark.article(43)
def test_a_meeting_held_back_for_the_governors_consent_is_refused_under_article_43(kizilsu):
    """「决策类专题会议要报请州长同意后方可召开」: whatever is tried on a meeting that waits for the
    州长's consent cites art. 43, not the meeting types of art. 37."""
    held = rules.check_transition("proposed", "held", kizilsu)
    assert not held.allowed
    assert held.code == "meetings.topic_consent"
    assert held.citation.article == 43
    assert rules.check_transition("proposed", "planned", kizilsu, "meetings.topic_meeting").allowed
    provision = rules.held_back_provision("proposed", rules.COLLECT_INTO.from_states)
    collect = check_step(rules.COLLECT_INTO, "proposed", "待州长同意", kizilsu, provision=provision)
    assert not collect.allowed
    assert collect.citation.article == 43
    assert rules.held_back_provision("planned", ("proposed",)) == ""
    assert rules.held_back_provision("proposed", rules.NOT_HELD) == ""
    assert rules.check_transition("held", "planned", kizilsu).citation.article == 37


@pytest.mark.article(37)
def test_transitions(kizilsu):
    assert rules.check_transition("planned", "agenda_confirmed", kizilsu).allowed
    assert not rules.check_transition("minutes_signed", "cancelled", kizilsu).allowed
    assert not rules.check_meeting_kind("study", True, kizilsu).allowed


# ---------------------------------------------------------------- workflow steps and their conditions

MEETING_STATES = {s.value: str(s.label) for s in MeetingState}
TOPIC_STATES = {s.value: str(s.label) for s in TopicState}
LEAVE_STATES = {s.value: str(s.label) for s in LeaveState}
REQUEST_STATES = {s.value: str(s.label) for s in RequestState}

STEPS = [
    (rules.RESCHEDULE, MEETING_STATES, 37),
    (rules.INVITE_SITTING_IN, MEETING_STATES, 41),
    (rules.ROLL_CALL, MEETING_STATES, 41),
    (rules.REQUEST_LEAVE, MEETING_STATES, 41),
    (rules.REGISTER_STAFF, MEETING_STATES, 41),
    (rules.COLLECT_INTO, MEETING_STATES, 40),
    (rules.DRAFT_MINUTES, MEETING_STATES, 42),
    (rules.ADD_DECISION, MEETING_STATES, 42),
    (rules.REVIEW_MAJOR, MEETING_STATES, 43),
    (rules.DRAFT_PRESS, MEETING_STATES, 45),
    (rules.ADD_PAPER, TOPIC_STATES, 40),
    (rules.REVIEW_TOPIC, TOPIC_STATES, 40),
    (rules.COLLECT_TOPIC, TOPIC_STATES, 40),
    (rules.DROP_TOPIC, TOPIC_STATES, 40),
    (rules.LEAVE_REQUESTABLE, LEAVE_STATES, 41),
    (rules.DECIDE_LEAVE, LEAVE_STATES, 41),
    (rules.CONSENT_WIDE, REQUEST_STATES, 44),
    (rules.DECIDE_WIDE, REQUEST_STATES, 44),
]


@pytest.mark.article(37)
@pytest.mark.article(40)
@pytest.mark.article(41)
@pytest.mark.article(42)
@pytest.mark.article(43)
@pytest.mark.article(44)
@pytest.mark.article(45)
@pytest.mark.parametrize(("step", "states", "article"), STEPS, ids=[s.code for s, _, _ in STEPS])
def test_steps_are_allowed_from_their_states_only_and_cite_their_article(kizilsu, step, states, article):
    assert step.from_states <= set(states)  # the rules name the models' states, nothing else
    assert step.from_states != set(states)  # every step is refused from some state
    for state, label in states.items():
        d = check_step(step, state, label, kizilsu)
        assert d.allowed is (state in step.from_states)
        assert d.citation.article == article
        if not d.allowed:
            assert d.message.startswith(f"{step.subject}当前为“{label}”")


@pytest.mark.article(42)
@pytest.mark.article(43)
def test_draft_minutes_cites_the_article_of_the_meeting_kind(kizilsu):
    d = check_step(rules.DRAFT_MINUTES, "minutes_signed", "纪要已签发", kizilsu, provision="meetings.topic_meeting")
    assert d.message == "本次会议当前为“纪要已签发”，会议召开后、纪要签发前方可起草纪要。"
    assert d.citation.article == 43
    assert check_step(rules.DRAFT_MINUTES, "held", "已召开", kizilsu).citation.article == 42


@pytest.mark.article(37)
def test_held_on_or_after_its_day(kizilsu):
    assert not rules.check_held_on_or_after(D(2026, 11, 12), D(2026, 11, 11), kizilsu).allowed
    assert rules.check_held_on_or_after(D(2026, 11, 12), D(2026, 11, 12), kizilsu).allowed


@pytest.mark.article(39)
@pytest.mark.article(43)
def test_a_meeting_needs_a_governor_on_its_day(kizilsu):
    d = rules.check_governor_on(False, rules.EXECUTIVE, kizilsu)
    assert (d.allowed, d.citation.article) == (False, 39)
    assert rules.check_governor_on(True, rules.OFFICE, kizilsu).citation.article == 43


@pytest.mark.article(41)
def test_a_person_is_invited_once(kizilsu):
    assert rules.check_not_invited("张三", True, kizilsu).message == "张三已在参会名单中。"
    assert rules.check_not_invited("张三", False, kizilsu).allowed


@pytest.mark.article(40)
def test_agenda_and_papers(kizilsu):
    assert not rules.check_agenda_has_topics(rules.EXECUTIVE, 0, kizilsu).allowed
    assert rules.check_agenda_has_topics(rules.STUDY, 0, kizilsu).allowed
    assert rules.check_agenda_has_topics(rules.EXECUTIVE, 2, kizilsu).allowed
    assert not rules.check_paper_checked(False, kizilsu).allowed
    assert rules.check_paper_checked(True, kizilsu).citation.article == 40
    assert rules.check_papers_to_distribute(0, [], kizilsu).code == "meetings.papers.none"
    assert rules.check_papers_to_distribute(2, ["甲"], kizilsu).code == "meetings.papers.unapproved"
    assert rules.check_papers_to_distribute(2, [], kizilsu).allowed


@pytest.mark.article(24)
@pytest.mark.article(25)
def test_only_needed_steps_are_recorded(kizilsu):
    assert rules.check_step_needed("hearing", ("consultation",), kizilsu).citation.article == 25
    assert not rules.check_step_needed("hearing", ("consultation",), kizilsu).allowed
    assert rules.check_step_needed("legality_review", ("legality_review",), kizilsu).citation.article == 24


@pytest.mark.article(42)
@pytest.mark.article(43)
@pytest.mark.article(54)
def test_minutes_and_follow_ups(kizilsu):
    assert not rules.check_minutes_drafted(False, "meetings.minutes", kizilsu).allowed
    assert rules.check_minutes_drafted(True, "meetings.topic_meeting", kizilsu).citation.article == 43
    assert rules.check_major_review_needed(rules.TOPIC, True, kizilsu).allowed
    assert not rules.check_major_review_needed(rules.TOPIC, False, kizilsu).allowed
    assert not rules.check_major_review_needed(rules.EXECUTIVE, True, kizilsu).allowed
    assert rules.check_document_follow_up(False, True, kizilsu).code == "meetings.followup.not_document"
    assert rules.check_document_follow_up(True, False, kizilsu).code == "meetings.followup.not_outgoing"
    assert rules.check_document_follow_up(True, True, kizilsu).citation.article == 42
    assert not rules.check_open_task(True, True, kizilsu).allowed
    assert not rules.check_open_task(False, False, kizilsu).allowed
    assert rules.check_open_task(True, False, kizilsu).allowed
    assert rules.check_supervisable(True, False, False, kizilsu).code == "meetings.supervise.incomplete"
    assert rules.check_supervisable(True, True, True, kizilsu).code == "meetings.supervise.already"
    assert rules.check_supervisable(True, True, False, kizilsu).citation.article == 54


@pytest.mark.article(44)
@pytest.mark.article(45)
def test_press_and_wide_exceptions(kizilsu):
    assert not rules.check_press_drafted(False, kizilsu).allowed
    assert rules.check_press_drafted(True, kizilsu).citation.article == 45
    assert not rules.check_exception_grantable(True, False, kizilsu).allowed
    assert rules.check_exception_grantable(True, True, kizilsu).allowed
    assert rules.check_exception_grantable(False, False, kizilsu).citation.article == 44


@pytest.mark.article(54)
def test_a_task_is_due_on_or_after_the_meeting(kizilsu):
    refused = rules.check_task_due(D(2026, 11, 11), D(2026, 11, 12), kizilsu)
    assert (refused.allowed, refused.message, refused.citation.article) == (False, "任务期限不能早于会议日期。", 54)
    assert rules.check_task_due(D(2026, 11, 12), D(2026, 11, 12), kizilsu).allowed
