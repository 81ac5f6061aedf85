"""Pure meeting rules, table by table, each marked with its article."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.meetings import rules

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


@pytest.mark.article(37)
def test_transitions(kizilsu):
    assert rules.check_transition("planned", "agenda_confirmed", kizilsu).allowed
    assert not rules.check_transition("minutes_signed", "cancelled", kizilsu).allowed
    assert not rules.check_meeting_kind("study", True, kizilsu).allowed
