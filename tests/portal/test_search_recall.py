"""Recall (art. 29): a reader finds an item by any word they see in its title, whatever cut the
segmenter chose; and not by a string that is no word of it.  Titles as the prefecture publishes
them."""

from __future__ import annotations

import pytest

from zhengwu.portal import actions
from zhengwu.portal.catalogue import Filters, find
from zhengwu.portal.models import PublicationItem

pytestmark = [pytest.mark.article(29), pytest.mark.usefixtures("frozen")]

#: title → the words a reader sees in it (and searches for)
TITLES = {
    "关于下达2026年重点项目前期工作经费的通知": ["重点项目", "前期工作", "工作经费", "项目前期", "经费"],
    "关于印发阿图什市老旧小区改造工作方案的通知": ["老旧小区", "小区改造", "改造工作", "工作方案"],
    "克孜勒苏柯尔克孜自治州城乡居民基本医疗保险实施办法": ["城乡居民", "基本医疗", "医疗保险", "实施办法"],
    "关于加强农村饮水安全工程建设管理的实施意见": ["农村饮水", "饮水安全", "工程建设", "建设管理"],
    "州人民政府办公室关于做好2026年春节期间安全生产工作的通知": ["春节期间", "安全生产", "生产工作"],
}

#: title → strings inside it that are no word of it
NOT_WORDS = {
    "超市场地租赁管理办法": ["市场"],
    "克孜勒苏柯尔克孜自治州城乡居民基本医疗保险实施办法": ["苏州"],
}


def _published(queued, user, title: str) -> PublicationItem:
    item = queued(title=title, body=f"{title}。")
    actions.publish(user("clerk_gongkai"), item)
    return item


def test_every_word_a_reader_sees_in_a_title_finds_it(queued, user) -> None:
    items = {title: _published(queued, user, title) for title in TITLES}
    missed = [
        (query, title)
        for title, queries in TITLES.items()
        for query in queries
        if items[title].pk not in {i.pk for i in find(Filters(query=query)).items}
    ]
    assert missed == []


def test_a_string_that_is_no_word_of_the_title_does_not_find_it(queued, user) -> None:
    items = {title: _published(queued, user, title) for title in NOT_WORDS}
    found = [
        (query, title)
        for title, queries in NOT_WORDS.items()
        for query in queries
        if items[title].pk in {i.pk for i in find(Filters(query=query)).items}
    ]
    assert found == []
