"""The pure rules of 归档 (art. 53): who archives, what is complete, read-only once archived, and the
retention period counted from 1 January of the year after completion."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.documents.rules import archive as rules
from zhengwu.org.rules import PositionFact

pytestmark = pytest.mark.article(53)

OFFICE, FGW = 2, 11


@pytest.mark.parametrize(
    ("unit_id", "kind", "allowed"),
    [
        (OFFICE, "clerk", True),
        (OFFICE, "office_director", True),
        (OFFICE, "administrator", False),
        (FGW, "clerk", False),
        (FGW, "unit_head", False),
    ],
)
def test_the_office_archives(kizilsu, unit_id, kind, allowed) -> None:
    decision = rules.may_archive([PositionFact(1, kind, "某职务", unit_id, "office")], OFFICE, kizilsu)
    assert decision.allowed is allowed
    assert decision.citation is not None
    assert decision.citation.article == 53


def test_nobody_archives_without_an_office(kizilsu) -> None:
    assert not rules.may_archive([PositionFact(1, "clerk", "科员", OFFICE, "office")], None, kizilsu).allowed


@pytest.mark.parametrize(
    ("flow", "state", "filing_pending", "code"),
    [
        ("outgoing", "issued", False, "archive.complete"),
        ("outgoing", "issued", True, "archive.filing_pending"),  # art. 49 filing still owed
        ("outgoing", "signed", False, "archive.incomplete"),
        ("outgoing", "draft", False, "archive.incomplete"),
        ("submission", "answered", False, "archive.complete"),
        ("submission", "closed", False, "archive.complete"),
        ("submission", "instructed", False, "archive.incomplete"),  # the answer may still come
        ("submission", "returned", False, "archive.incomplete"),
        ("submission", "issued", False, "archive.incomplete"),
    ],
)
def test_only_a_complete_document_is_archived(kizilsu, flow, state, filing_pending, code) -> None:
    decision = rules.check_complete(flow, state, "某状态", filing_pending, kizilsu)
    assert decision.code == code
    assert decision.allowed is (code == "archive.complete")
    assert decision.citation is not None
    assert decision.citation.article == 53


def test_archived_once(kizilsu) -> None:
    assert rules.check_not_archived(False, kizilsu).allowed
    assert rules.check_not_archived(True, kizilsu).explanation == "本件已经归档，不能重复归档（《工作规则》第五十三条）"


def test_an_archived_document_is_read_only(kizilsu) -> None:
    assert rules.may_change(False, kizilsu).allowed
    refused = rules.may_change(True, kizilsu, "会签")
    assert not refused.allowed
    assert refused.code == "archive.read_only"
    assert refused.explanation == "本件已归档，档案只读，不能会签（《工作规则》第五十三条）"


@pytest.mark.parametrize(
    ("retention", "years", "destroy_after"),
    [
        ("10y", 10, dt.date(2036, 12, 31)),
        ("30y", 30, dt.date(2056, 12, 31)),
        ("permanent", None, None),
    ],
)
def test_retention_counts_from_the_next_1_january(retention, years, destroy_after) -> None:
    assert rules.retention_years(retention) == years
    assert rules.destroy_after(dt.date(2026, 12, 31), years) == destroy_after
    assert rules.destroy_after(dt.date(2026, 1, 1), years) == destroy_after


@pytest.mark.parametrize(("retention", "years"), [("10y", 10), ("30y", 30), ("permanent", None)])
def test_the_three_retention_periods(kizilsu, retention, years) -> None:
    kept = rules.check_retention(retention, kizilsu)
    assert kept.allowed
    assert kept.facts["years"] == years
    assert kept.citation.article == 53


def test_any_other_retention_is_refused_with_the_article(kizilsu) -> None:
    refused = rules.check_retention("5y", kizilsu)
    assert not refused.allowed
    assert refused.explanation == "请选择保管期限：永久、定期30年或定期10年（《工作规则》第五十三条）"


@pytest.mark.parametrize(
    ("decide", "refused_code"),
    [
        (lambda ok, rb: rules.may_read_package(ok, rb), "archive.not_a_reader"),
        (lambda ok, rb: rules.check_package_exists(ok, rb), "archive.no_package"),
        (lambda ok, rb: rules.check_package_intact(ok, "signature.json：SM3不符", rb), "archive.damaged"),
    ],
)
def test_a_package_leaves_only_for_a_reader_once_archived_and_intact(kizilsu, decide, refused_code) -> None:
    assert decide(True, kizilsu).allowed
    refused = decide(False, kizilsu)
    assert (refused.allowed, refused.code) == (False, refused_code)
    assert refused.citation is not None
    assert refused.citation.article == 53
