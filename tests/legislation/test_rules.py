"""The pure rules of legislation, as tables of cases."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.legislation import rules
from zhengwu.org.rules import PositionFact
from zhengwu.workdays.services import calendar

D = dt.date


def pos(unit_id: int, kind: str = "clerk") -> PositionFact:
    return PositionFact(1, kind, "", unit_id, "department")


@pytest.mark.article(22)
def test_articles_are_parsed_from_the_text(kizilsu) -> None:
    text = "前言。\n第一条 甲。\n第二条　乙\n丙。\n第十一条 丁。"
    assert [(a.number, a.label, a.text) for a in rules.parse_articles(text)] == [
        (1, "第一条", "甲。"),
        (2, "第二条", "乙\n丙。"),
        (11, "第十一条", "丁。"),
    ]
    assert not rules.check_articles(text, kizilsu).allowed  # 11 after 2
    assert not rules.check_articles("没有条文。", kizilsu).allowed
    ok = rules.check_articles("第一条 甲。\n第二条 乙。", kizilsu)
    assert (ok.allowed, ok.facts["count"], ok.citation.article) == (True, 2, 22)


@pytest.mark.article(22, 25)
@pytest.mark.parametrize(
    ("sentence", "ground", "article"),
    [
        ("违反本办法的，处以二千元罚款。", "行政处罚", 22),
        ("情节严重的，吊销其经营许可。", "行政处罚", 22),
        ("有关部门可以查封、扣押相关物品。", "行政强制", 22),
        ("未经州发展改革委批准，不得开工建设。", "行政许可", 22),
        ("经营者应当缴纳保证金。", "减损权利或增加义务", 22),
        ("州发展改革委增设价格监测科，核定编制5名。", "机构编制", 25),
        ("所需经费列入州本级财政预算。", "经费", 25),
    ],
)
def test_the_checker_flags_sentences_by_ground_and_article(kizilsu, sentence, ground, article) -> None:
    flags = rules.check_text(f"第一条 总则。\n第二条 {sentence}", kizilsu)
    assert [(f.article, f.ground, f.citation.article) for f in flags] == [(2, ground, article)]
    assert flags[0].sentence == sentence
    assert "第2条" in flags[0].explanation


@pytest.mark.article(22)
def test_the_checker_leaves_ordinary_sentences_alone(kizilsu) -> None:
    assert rules.check_text("第一条 州发展改革委负责组织实施价格监测。\n第二条 本办法自公布之日起施行。", kizilsu) == []


@pytest.mark.article(21, 24)
def test_comment_periods(kizilsu, db) -> None:
    cal = calendar()
    normal = rules.comment_period("normative", False, D(2026, 9, 28), None, kizilsu, cal)
    assert normal.facts["closes_on"] == D(2026, 10, 13)  # 7 working days across 国庆 (10-10 is worked)
    assert normal.citation.article == 21
    regulation = rules.comment_period("regulation", False, D(2026, 9, 1), None, kizilsu, cal)
    assert regulation.facts["closes_on"] == D(2026, 10, 8)  # 30 days = 10-01, a holiday: rolls to 10-08
    major = rules.comment_period("normative", True, D(2026, 9, 28), None, kizilsu, cal)
    assert (major.facts["closes_on"], major.citation.article) == (D(2026, 10, 28), 24)
    short = rules.comment_period("normative", True, D(2026, 9, 28), 10, kizilsu, cal)
    assert not short.allowed
    assert "不得少于30日" in short.message
    longer = rules.comment_period("normative", False, D(2026, 9, 28), 20, kizilsu, cal)
    assert longer.facts["closes_on"] == D(2026, 10, 19)  # 10-18 is a Sunday


@pytest.mark.article(21)
def test_only_a_secret_draft_skips_public_comment(kizilsu) -> None:
    assert rules.may_skip_comment(True, "涉及国家秘密", kizilsu).allowed
    for secret, reason in [(False, ""), (True, " "), (False, "涉密")]:
        refused = rules.may_skip_comment(secret, reason, kizilsu)
        assert (refused.allowed, refused.citation.article) == (False, 21)


@pytest.mark.article(21)
def test_comments_only_while_open_and_on_an_existing_article(kizilsu) -> None:
    closes = dt.datetime(2026, 10, 14, tzinfo=dt.UTC)
    now = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    assert rules.may_comment("consulting", now, closes, 3, [1, 2, 3], kizilsu).allowed
    assert rules.may_comment("consulting", now, closes, 0, [1, 2, 3], kizilsu).allowed
    assert not rules.may_comment("consulting", now, closes, 4, [1, 2, 3], kizilsu).allowed
    assert not rules.may_comment("consulting", closes, closes, 3, [1, 2, 3], kizilsu).allowed
    assert not rules.may_comment("answering", now, closes, 3, [1, 2, 3], kizilsu).allowed


@pytest.mark.article(21)
def test_answers_need_reasons_unless_adopted(kizilsu) -> None:
    assert rules.check_answer("adopted", "", kizilsu).allowed
    assert not rules.check_answer("partly", "", kizilsu).allowed
    assert rules.check_answer("not_adopted", "与上位法不符。", kizilsu).allowed
    assert not rules.check_answer("maybe", "x", kizilsu).allowed
    assert not rules.answers_complete(2, kizilsu).allowed
    assert rules.answers_complete(0, kizilsu).allowed


@pytest.mark.article(20, 22)
def test_the_review_gate(kizilsu) -> None:
    assert rules.review_gate(2, 2, "签发", "normative", kizilsu).allowed
    never = rules.review_gate(None, 1, "签发", "normative", kizilsu)
    assert (never.allowed, never.citation.article) == (False, 22)
    stale = rules.review_gate(1, 2, "公布", "regulation", kizilsu)
    assert (stale.allowed, stale.citation.article) == (False, 20)
    assert "第1稿" in stale.message


@pytest.mark.article(22)
def test_who_reviews_and_who_drafts(kizilsu) -> None:
    assert rules.may_review([pos(5)], [5], kizilsu).allowed
    assert not rules.may_review([pos(5, "administrator")], [5], kizilsu).allowed
    assert not rules.may_review([pos(3)], [5], kizilsu).allowed
    assert rules.may_draft([pos(3)], 3, "发改委", kizilsu).allowed
    assert not rules.may_draft([pos(4)], 3, "发改委", kizilsu).allowed
    assert rules.may_lead([pos(3, "unit_head")], 3, "发改委", "送审", kizilsu).allowed
    assert not rules.may_lead([pos(3)], 3, "发改委", "送审", kizilsu).allowed


@pytest.mark.article(22)
def test_review_needs_reasons_to_return_or_to_pass_over_flags(kizilsu) -> None:
    assert rules.check_review(True, "", 0, kizilsu).allowed
    assert not rules.check_review(True, "", 1, kizilsu).allowed
    assert not rules.check_review(False, "", 0, kizilsu).allowed
    assert rules.check_review(False, "第四条设定罚款，应删除。", 1, kizilsu).allowed


@pytest.mark.article(21, 22)
def test_ready_for_review(kizilsu) -> None:
    assert rules.ready_for_review("answered", False, True, kizilsu).allowed
    assert rules.ready_for_review("returned", False, False, kizilsu).allowed
    assert rules.ready_for_review("drafting", True, False, kizilsu).allowed
    refused = rules.ready_for_review("drafting", False, False, kizilsu)
    assert (refused.allowed, refused.citation.article) == (False, 21)
    assert not rules.revised_since_return(2, 2, kizilsu).allowed
    assert rules.revised_since_return(3, 2, kizilsu).allowed


@pytest.mark.article(22)
def test_filing_is_due_thirty_days_after_publication(kizilsu, db) -> None:
    due = rules.filing_due(D(2026, 9, 1), kizilsu, calendar())
    assert (due.facts["due"], due.citation.article) == (D(2026, 10, 8), 22)  # 10-01 is 国庆: rolls to 10-08
    assert rules.filing_lateness(D(2026, 10, 8), D(2026, 10, 9), kizilsu).facts["late"] is True
    assert rules.filing_lateness(D(2026, 10, 8), D(2026, 10, 8), kizilsu).facts["late"] is False


@pytest.mark.article(22)
@pytest.mark.parametrize(
    ("current", "new", "related", "allowed"),
    [
        ("in_force", "repealed", False, True),
        ("in_force", "amended", False, False),
        ("in_force", "amended", True, True),
        ("amended", "revoked", False, True),
        ("repealed", "in_force", False, False),
        ("repealed", "expired", False, False),
        ("", "repealed", False, False),
    ],
)
def test_validity_changes(kizilsu, current, new, related, allowed) -> None:
    assert rules.validity_change(current, new, related, kizilsu).allowed is allowed


@pytest.mark.article(22)
def test_revocation_voids_from_the_start() -> None:
    assert rules.effective_on("revoked", D(2026, 10, 1), D(2025, 3, 1)) == D(2025, 3, 1)
    assert rules.effective_on("repealed", D(2026, 10, 1), D(2025, 3, 1)) == D(2026, 10, 1)


@pytest.mark.article(21)
def test_disputes_go_up_only_when_listed(kizilsu) -> None:
    assert not rules.disputes_listed(["收费标准"], kizilsu).allowed
    assert rules.disputes_listed([], kizilsu).allowed


@pytest.mark.article(22)
def test_cleanup_rules(kizilsu) -> None:
    assert rules.cleanup_proposal([pos(3)], 3, "发改委", "keep", "", False, kizilsu).allowed
    assert not rules.cleanup_proposal([pos(3)], 3, "发改委", "repeal", "", False, kizilsu).allowed
    assert not rules.cleanup_proposal([pos(4)], 3, "发改委", "keep", "", False, kizilsu).allowed
    assert not rules.cleanup_proposal([pos(3)], 3, "发改委", "keep", "", True, kizilsu).allowed
    assert rules.cleanup_decision([pos(5, "unit_head")], [5], "keep", "repeal", False, kizilsu).allowed
    assert not rules.cleanup_decision([pos(5)], [5], "keep", "repeal", False, kizilsu).allowed
    assert not rules.cleanup_decision([pos(5, "unit_head")], [5], "", "repeal", False, kizilsu).allowed


@pytest.mark.article(21, 22)
def test_evaluation_and_catalogue_periods(kizilsu, db) -> None:
    cal = calendar()
    assert rules.evaluation_due(D(2024, 9, 1), kizilsu, cal).facts["due"] == D(2026, 9, 1)
    assert not rules.catalogue_due(None, D(2026, 9, 1), kizilsu, cal).allowed
    assert rules.catalogue_due(D(2025, 9, 1), D(2026, 8, 31), kizilsu, cal).allowed
    assert not rules.catalogue_due(D(2025, 1, 6), D(2026, 9, 1), kizilsu, cal).allowed
