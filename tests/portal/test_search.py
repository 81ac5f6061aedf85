"""Full-text search in Chinese (art. 29): words as jieba segments them, not substrings; filters
combine with the query; results ranked."""

from __future__ import annotations

import pytest

from zhengwu.portal import actions
from zhengwu.portal.catalogue import Filters, find
from zhengwu.portal.models import PublicationItem, Validity
from zhengwu.portal.search import query_words, segment

pytestmark = [pytest.mark.article(29), pytest.mark.usefixtures("frozen")]


def _published(queued, user, **kw) -> PublicationItem:
    item = queued(**kw)
    actions.publish(user("clerk_gongkai"), item)
    return item


def test_segmentation_keeps_words_whole() -> None:
    assert segment("超市场地租赁管理办法").split() == ["超市", "场地", "租赁", "管理", "办法"]
    assert query_words("行政处罚！") == ["行政处罚"]


def test_word_boundaries_not_substrings(queued, user) -> None:
    market = _published(queued, user, title="超市场地租赁管理办法", body="规范超市场地租赁。")
    life = _published(queued, user, title="研究生命起源的科普活动", body="组织研究生命起源。")
    hits = {i.pk for i in find(Filters(query="市场")).items}
    assert market.pk not in hits  # 「市场」 is a substring of 「超市场地」 but not one of its words
    assert market.pk in {i.pk for i in find(Filters(query="场地租赁")).items}
    assert life.pk not in {i.pk for i in find(Filters(query="研究生")).items}
    assert life.pk in {i.pk for i in find(Filters(query="生命")).items}


def test_filters_combine_with_the_query(queued, user) -> None:
    fgw = _published(queued, user, title="关于冬季取暖补贴的通知", category="社会保障", validity=Validity.IN_FORCE)
    czj = _published(
        queued, user, title="关于冬季取暖补贴资金的通知", unit_code="czj", category="财政", validity=Validity.REPEALED
    )
    both = {i.pk for i in find(Filters(query="取暖补贴")).items}
    assert {fgw.pk, czj.pk} <= both
    assert [i.pk for i in find(Filters(query="取暖补贴", category="财政")).items] == [czj.pk]
    assert czj.pk not in {i.pk for i in find(Filters(query="取暖补贴", validity=Validity.IN_FORCE)).items}
    assert {i.pk for i in find(Filters(query="取暖补贴", issuer=fgw.issuer_name, year=2026)).items} == {fgw.pk}
    assert not find(Filters(query="取暖补贴", year=2025)).items


def test_ranked_by_relevance(queued, user) -> None:
    once = _published(queued, user, title="关于道路维护的通知", body="涉及一次牦牛养殖。")
    often = _published(queued, user, title="牦牛养殖技术规范", body="牦牛养殖，牦牛养殖的牦牛品种。")
    ids = [i.pk for i in find(Filters(query="牦牛")).items]
    assert ids.index(often.pk) < ids.index(once.pk)


def test_queued_items_are_not_found(queued) -> None:
    item = queued(title="尚未公开的骆驼保护办法")
    assert item.pk not in {i.pk for i in find(Filters(query="骆驼")).items}
