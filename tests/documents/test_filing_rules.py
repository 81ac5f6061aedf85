"""The pure rules of 报备 (art. 49): which documents owe a filing, the 30-day calendar period with
its rest-day roll-forward, the reminder, who files, on time or late."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.documents.rules import filing as rules
from zhengwu.org.rules import PositionFact
from zhengwu.workdays.arith import deadline_close
from zhengwu.workdays.seed import official_calendar

pytestmark = pytest.mark.article(49)

D = dt.date
CAL = official_calendar([2025, 2026])
BJ = dt.timezone(dt.timedelta(hours=8))
FGW, CZJ = 11, 12


DUE = D(2026, 12, 31)


def fact(state: str = "pending", due: dt.date = DUE) -> rules.FilingFact:
    return rules.FilingFact(FGW, "州发展改革委", state, due)


@pytest.mark.parametrize(
    ("flow", "state", "issuer_kind", "agreed", "owes"),
    [
        ("outgoing", "issued", "department", True, True),
        ("outgoing", "issued", "direct_unit", True, True),
        ("outgoing", "issued", "department", False, False),  # not marked 「经自治州人民政府同意」
        ("outgoing", "signed", "department", True, False),  # not yet issued
        ("outgoing", "issued", "county", True, False),  # the row is about departments' documents
        ("outgoing", "issued", "government", True, False),
        ("submission", "issued", "department", True, False),
    ],
)
def test_which_documents_owe_a_filing(flow, state, issuer_kind, agreed, owes) -> None:
    assert rules.needs_filing(flow, state, issuer_kind, agreed) is owes


@pytest.mark.parametrize(
    ("issued", "due"),
    [
        (D(2026, 12, 1), D(2026, 12, 31)),  # a Thursday
        (D(2026, 9, 1), D(2026, 10, 8)),  # 10-01 falls in the National Day holiday (BRIEF §3)
        (D(2026, 1, 2), D(2026, 2, 2)),  # 02-01 is a Sunday → Monday
        (D(2026, 1, 14), D(2026, 2, 13)),  # a Friday; the next day (a make-up working Saturday) is not needed
        (D(2026, 1, 16), D(2026, 2, 24)),  # 02-15 is in the Spring Festival (02-15 … 02-23)
        (D(2025, 12, 2), D(2026, 1, 4)),  # 01-01 … 01-03 off; Sunday 01-04 is a make-up working day
    ],
)
def test_due_date_is_30_calendar_days_rolled_off_rest_days(kizilsu, issued, due) -> None:
    decision = rules.due_date(issued, kizilsu, CAL)
    assert decision.facts["due"] == due
    assert decision.facts["days"] == 30
    assert decision.citation is not None
    assert (decision.citation.article, decision.citation.provision) == (49, "filing.agreed_document_days")


def test_the_reminder_is_at_9_three_days_before_and_the_deadline_at_2400() -> None:
    assert rules.reminder_at(D(2026, 12, 31)) == dt.datetime(2026, 12, 28, 9, 0, tzinfo=BJ)
    assert rules.closes_at(D(2026, 12, 31)) == deadline_close(D(2026, 12, 31))
    assert rules.closes_at(D(2026, 12, 31)) == dt.datetime(2027, 1, 1, 0, 0, tzinfo=BJ)


@pytest.mark.parametrize(
    ("unit_id", "kind", "allowed"),
    [
        (FGW, "clerk", True),
        (FGW, "unit_head", True),
        (FGW, "unit_deputy", True),
        (FGW, "administrator", False),
        (CZJ, "unit_head", False),
    ],
)
def test_the_issuing_departments_staff_file(kizilsu, unit_id, kind, allowed) -> None:
    positions = [PositionFact(1, kind, "某职务", unit_id, "department")]
    decision = rules.may_file(positions, fact(), kizilsu)
    assert decision.allowed is allowed
    assert decision.citation is not None
    assert decision.citation.article == 49


def test_a_filing_is_made_once(kizilsu) -> None:
    assert rules.check_pending(fact(), kizilsu).allowed
    filed = rules.FilingFact(FGW, "州发展改革委", "filed", D(2026, 12, 31), dt.datetime(2026, 12, 20, 10, 0, tzinfo=BJ))
    refused = rules.check_pending(filed, kizilsu)
    assert not refused.allowed
    assert refused.explanation == "本件已经报备（2026-12-20），无需重复报备（《工作规则》第四十九条）"


@pytest.mark.parametrize(
    ("at", "late"),
    [
        (dt.datetime(2026, 12, 31, 23, 59, 59, tzinfo=BJ), False),
        (dt.datetime(2027, 1, 1, 0, 0, tzinfo=BJ), True),
        (dt.datetime(2027, 3, 1, 10, 0, tzinfo=BJ), True),
    ],
)
def test_on_time_until_2400_of_the_due_day_then_late(kizilsu, at, late) -> None:
    assert rules.lateness(fact(), at, kizilsu).facts["late"] is late
    assert rules.is_overdue(fact(), at) is late
    assert not rules.is_overdue(fact("filed"), at)


def test_the_overdue_sentence_names_the_article(kizilsu) -> None:
    decision = rules.overdue(fact(), "克发改发〔2026〕1号《通知》", kizilsu)
    assert decision.explanation == (
        "州发展改革委克发改发〔2026〕1号《通知》冠以“经自治州人民政府同意”字样，应于印发后30日内（2026-12-31前）"
        "向州人民政府办公室报备，逾期未报备（《工作规则》第四十九条）"
    )


def test_the_period_runs_from_the_issue(kizilsu) -> None:
    refused = rules.check_issued(False, kizilsu)
    assert (refused.allowed, refused.code) == (False, "filing.not_issued")
    assert refused.explanation == "公文尚未印发，无从计算报备期限（《工作规则》第四十九条）"
    assert rules.check_issued(True, kizilsu).allowed
