"""The pure rule behind cancelling an issued document's number (``may_withdraw_issue``): every
reason the issue cannot be withdrawn is given at once, each with what to do instead and its article."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.core.transitions import check_step
from zhengwu.documents.rules.records import (
    CANCEL_NUMBER,
    IN_USE,
    IssueFacts,
    may_withdraw_issue,
    number_state,
)

FACTS = IssueFacts(number="克政发〔2026〕3号", title="关于做好冬季供暖保障工作的通知")


@pytest.mark.article(52)
def test_an_issued_document_nothing_holds_back_may_be_withdrawn(kizilsu) -> None:
    [decision] = may_withdraw_issue(FACTS, kizilsu)
    assert decision.allowed
    assert decision.citation.article == 52
    assert "撤回克政发〔2026〕3号《关于做好冬季供暖保障工作的通知》的印发" in decision.message


@pytest.mark.article(52, 53)
def test_every_reason_is_given_each_with_its_article(kizilsu) -> None:
    facts = IssueFacts(
        number=FACTS.number,
        title=FACTS.title,
        archived=True,
        published_index="11653000-2026-00001",
        published_on=dt.date(2026, 12, 2),
        request_title="关于供暖补贴的请示",
        request_archived=True,
    )
    decisions = may_withdraw_issue(facts, kizilsu)
    assert [(d.code, d.citation.article) for d in decisions] == [
        ("withdraw.archived", 53),
        ("withdraw.published", 52),
        ("withdraw.request_archived", 53),
    ]
    assert not any(d.allowed for d in decisions)
    assert "已于2026年12月2日在政府网站主动公开（索引号11653000-2026-00001）" in decisions[1].message
    assert "请先撤回网站上的公开信息" in decisions[1].message


@pytest.mark.article(52)
def test_a_queued_publication_another_item_refers_to_holds_it_back(kizilsu) -> None:
    facts = IssueFacts(number=FACTS.number, title=FACTS.title, publication_cited=True)
    [decision] = may_withdraw_issue(facts, kizilsu)
    assert (decision.allowed, decision.code) == (False, "withdraw.publication_cited")
    assert "不能撤出公开队列" in decision.message


@pytest.mark.article(52)
def test_a_number_is_cancelled_once(kizilsu) -> None:
    assert number_state(False) == (IN_USE, "在用")
    assert check_step(CANCEL_NUMBER, *number_state(False), kizilsu).allowed
    refused = check_step(CANCEL_NUMBER, *number_state(True), kizilsu)
    assert (refused.allowed, refused.code) == (False, "records.number.cancel.wrong_state")
    assert refused.message == "该发文字号当前为“已作废”，不能作废。"
    assert refused.citation.article == 52
