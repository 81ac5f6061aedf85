"""The pure rules of 督查督办, table by table, each marked with its article."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.supervision import rules
from zhengwu.workdays.arith import WorkCalendar, build_year

D = dt.date
OFFICE, FGW, CZJ, JYJ = 2, 10, 11, 12


def actor(*positions: tuple[str, int, str]) -> rules.Actor:
    return rules.Actor(tuple(rules.Staff(k, u, d) for k, u, d in positions), OFFICE)


DUCHA = actor(("clerk", OFFICE, "督查"))
WENDIAN = actor(("clerk", OFFICE, "文电"))
DIRECTOR = actor(("office_director", OFFICE, ""))
VICE = actor(("vice_governor", 1, ""))
FGW_CLERK = actor(("clerk", FGW, ""))
FGW_HEAD = actor(("unit_head", FGW, ""))
ADMIN = actor(("administrator", 99, ""))


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    holidays = {D(2026, 2, d): "春节" for d in range(15, 24)} | {D(2026, 10, d): "国庆节" for d in range(1, 8)}
    makeup = {D(2026, 2, 14): "春节", D(2026, 2, 28): "春节", D(2026, 9, 20): "国庆节", D(2026, 10, 10): "国庆节"}
    return WorkCalendar(build_year(2026, holidays, makeup))


@pytest.mark.article(26)
@pytest.mark.parametrize(
    ("who", "origin", "allowed"),
    [
        (DUCHA, "manual", True),
        (DIRECTOR, "superior", True),
        (VICE, "instruction", True),
        (WENDIAN, "manual", True),
        (FGW_HEAD, "manual", False),
        (FGW_HEAD, "finding", True),
        (FGW_CLERK, "petition", True),
        (ADMIN, "manual", False),
        (WENDIAN, "finding", True),
        (actor(("clerk", JYJ, "")), "finding", False),
        (rules.Actor((rules.Staff("clerk", 13, ""),), OFFICE, functions=frozenset({"legal_review"})), "finding", True),
        (rules.Actor((rules.Staff("clerk", 13, ""),), OFFICE, functions=frozenset({"legal_review"})), "manual", False),
    ],
)
def test_who_opens(kizilsu, who, origin, allowed) -> None:
    d = rules.may_open(who, origin, FGW, kizilsu)
    assert d.allowed is allowed
    assert d.citation.article == 26


@pytest.mark.article(26)
@pytest.mark.parametrize(
    ("who", "allowed"), [(DUCHA, True), (DIRECTOR, True), (WENDIAN, False), (VICE, False), (FGW_HEAD, False)]
)
def test_who_verifies(kizilsu, who, allowed) -> None:
    assert rules.may_verify(who, kizilsu).allowed is allowed


@pytest.mark.article(54)
@pytest.mark.parametrize(("who", "allowed"), [(FGW_CLERK, True), (FGW_HEAD, True), (DUCHA, False), (VICE, False)])
def test_who_reports_for_the_fgw(kizilsu, who, allowed) -> None:
    d = rules.may_report(who, FGW, "发展改革委", kizilsu)
    assert d.allowed is allowed
    assert d.citation.article == 54


@pytest.mark.article(63)
@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        (VICE, True),
        (WENDIAN, True),
        (DUCHA, True),
        (ADMIN, True),
        (actor(), False),  # no seat, no grant (a Django superuser is nobody here)
        (FGW_HEAD, False),
        (FGW_CLERK, False),
    ],
)
def test_who_sees_the_compliance_view(kizilsu, who, allowed) -> None:
    d = rules.may_see_compliance(who, kizilsu)
    assert d.allowed is allowed
    assert d.citation.article == 63


@pytest.mark.article(26)
@pytest.mark.parametrize(
    ("a", "b", "similar"),
    [
        ("加快推进克州物流园区建设", "加快推进克州物流园区建设工作", True),
        ("做好冬季供暖保障工作", "做好冬季供暖保障", True),
        ("做好冬季供暖保障工作", "推进义务教育均衡发展", False),
        ("", "任何标题", False),
    ],
)
def test_title_similarity(a, b, similar) -> None:
    assert (rules.similarity(a, b) >= rules.SIMILAR_TITLES) is similar


@pytest.mark.article(26)
def test_duplicates_need_a_common_unit_an_open_item_or_the_same_source(kizilsu) -> None:
    items = [
        rules.ItemFact(1, "加快推进克州物流园区建设", "open", frozenset({FGW, CZJ})),
        rules.ItemFact(2, "加快推进克州物流园区建设", "closed", frozenset({FGW})),
        rules.ItemFact(3, "完全不同的事项", "reported", frozenset({JYJ}), frozenset({(7, "42")})),
    ]
    found = rules.duplicates("加快推进克州物流园区建设工作", [CZJ], None, items)
    assert [c.item_id for c in found] == [1]
    assert rules.duplicates("加快推进克州物流园区建设工作", [JYJ], None, items) == []
    same = rules.duplicates("另一个标题", [FGW], (7, "42"), items)
    assert [(c.item_id, c.same_source) for c in same] == [(3, True)]
    assert rules.check_duplicates([], "", kizilsu).allowed
    assert not rules.check_duplicates(found, "", kizilsu).allowed
    assert rules.check_duplicates(found, "考核口径不同", kizilsu).allowed
    refused = rules.check_duplicates(same, "有理由也不行", kizilsu)
    assert not refused.allowed
    assert refused.citation.article == 26
    assert not rules.check_link("closed", kizilsu).allowed
    assert rules.check_link("open", kizilsu).allowed


@pytest.mark.article(63)
@pytest.mark.parametrize(
    ("opened", "due", "every", "expected"),
    [
        (D(2026, 1, 15), D(2026, 4, 30), "monthly", [D(2026, 2, 24), D(2026, 3, 16), D(2026, 4, 15)]),  # 春节, Sunday
        (D(2026, 9, 1), D(2026, 11, 30), "monthly", [D(2026, 10, 8), D(2026, 11, 2)]),  # 国庆, Sunday
        (
            D(2026, 1, 31),
            D(2026, 4, 1),
            "monthly",
            [D(2026, 2, 28), D(2026, 3, 31)],
        ),  # 02-28: a make-up working Saturday
        (D(2026, 9, 24), D(2026, 10, 20), "weekly", [D(2026, 10, 8), D(2026, 10, 15)]),  # 10-01 rolls to 10-08, once
        (D(2026, 9, 1), D(2026, 11, 30), "", []),
        # the January report would fall after the deadline: dropped without asking 2027's calendar
        (D(2026, 11, 15), D(2026, 12, 31), "monthly", [D(2026, 12, 15)]),
        (D(2026, 12, 10), D(2026, 12, 31), "weekly", [D(2026, 12, 17), D(2026, 12, 24)]),
    ],
)
def test_report_dates(cal, opened, due, every, expected) -> None:
    assert rules.report_dues(opened, due, every, cal) == expected


@pytest.mark.article(63)
def test_remind_and_escalate_days(cal, kizilsu) -> None:
    assert rules.remind_day(D(2026, 2, 24), kizilsu, cal) == D(2026, 2, 13)
    assert rules.escalate_day(D(2026, 2, 24), kizilsu, cal) == D(2026, 2, 27)
    assert rules.remind_day(D(2026, 10, 9), kizilsu, cal) == D(2026, 9, 30)
    assert rules.escalate_day(D(2026, 10, 9), kizilsu, cal) == D(2026, 10, 13)  # 10-10 is a make-up working day
    assert rules.overdue_message("督办事项", "财政局", D(2026, 10, 9), 2, kizilsu).citation.article == 63


@pytest.mark.article(26)
@pytest.mark.parametrize(
    ("state", "action", "allowed"),
    [
        ("open", "report_done", True),
        ("reported", "report_done", False),
        ("reported", "verify", True),
        ("open", "verify", False),
        ("closed", "reopen", True),
        ("reported", "reopen", True),
        ("open", "reopen", False),
        ("closed", "progress", False),
        ("closed", "rectify", False),
        ("closed", "evaluate", True),
    ],
)
def test_transitions(kizilsu, state, action, allowed) -> None:
    assert rules.check_transition(state, action, kizilsu).allowed is allowed


@pytest.mark.article(63)
@pytest.mark.parametrize(
    ("state", "done_on", "reported_on", "today", "status"),
    [
        ("closed", D(2026, 5, 1), D(2026, 5, 1), D(2026, 6, 1), rules.DONE_ON_TIME),
        ("closed", D(2026, 5, 4), D(2026, 5, 4), D(2026, 6, 1), rules.DONE_LATE),
        ("open", None, None, D(2026, 5, 2), rules.OVERDUE),
        ("open", None, None, D(2026, 5, 1), rules.IN_PROGRESS),
        ("reported", None, D(2026, 4, 30), D(2026, 5, 10), rules.IN_PROGRESS),
        ("reported", None, D(2026, 5, 3), D(2026, 5, 10), rules.OVERDUE),
    ],
)
def test_item_status(state, done_on, reported_on, today, status) -> None:
    assert rules.item_status(state, D(2026, 5, 1), done_on, reported_on, today) == status


@pytest.mark.article(36)
def test_unit_and_portfolio_tables() -> None:
    today = D(2026, 6, 1)
    items = [
        rules.StatusFact(1, "甲", FGW, rules.DONE_ON_TIME, D(2026, 5, 1)),
        rules.StatusFact(2, "乙", FGW, rules.OVERDUE, D(2026, 5, 1)),
        rules.StatusFact(3, "丙", CZJ, rules.DONE_LATE, D(2026, 5, 1)),
        rules.StatusFact(4, "丁", JYJ, rules.IN_PROGRESS, D(2026, 7, 1)),
    ]
    reports = [
        rules.ReportFact(1, FGW, 1, D(2026, 4, 1), D(2026, 4, 1)),
        rules.ReportFact(1, CZJ, 1, D(2026, 4, 1), D(2026, 4, 3)),
        rules.ReportFact(1, CZJ, 2, D(2026, 5, 1), None),
        rules.ReportFact(1, JYJ, 3, D(2026, 6, 5), None),  # not yet due: not counted
    ]
    rows = rules.unit_table(
        [(FGW, "发改委"), (CZJ, "财政局"), (JYJ, "教育局"), (OFFICE, "办公室")], items, reports, today
    )
    got = {
        r.unit_name: (
            r.lead,
            r.done_on_time,
            r.done_late,
            r.overdue,
            r.in_progress,
            r.reports_on_time,
            r.reports_late,
            r.reports_missing,
        )
        for r in rows
    }
    assert got == {
        "发改委": (2, 1, 0, 1, 0, 1, 0, 0),
        "财政局": (1, 0, 1, 0, 0, 0, 1, 1),
        "教育局": (1, 0, 0, 0, 1, 0, 0, 0),
    }
    assert rows[0].on_time_rate == 0.5
    assert rows[0].overdue_titles == ["乙"]
    assert rows[2].on_time_rate is None
    leaders = rules.portfolio_table(rows, [("刘振东", frozenset({FGW})), ("张建华", frozenset({CZJ, JYJ}))])
    assert [(r.unit_name, r.lead, r.done_on_time, r.reports_missing) for r in leaders] == [
        ("刘振东", 2, 1, 0),
        ("张建华", 2, 0, 1),
    ]
