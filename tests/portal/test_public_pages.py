"""The public site (art. 29): no login; home, catalogue with filters and search, item page with the
catalogue fields, interpretations and validity history, Atom feed, sitemap."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.portal.conftest import D
from zhengwu.portal import actions
from zhengwu.portal.models import PublicationItem, Validity, ValidityEvent

pytestmark = [pytest.mark.article(29), pytest.mark.usefixtures("frozen")]


@pytest.fixture
def published(queued, user):
    def make(**kw):
        item = queued(**kw)
        actions.publish(user("clerk_gongkai"), item)
        return item

    return make


def test_home_and_catalogue_need_no_login(published) -> None:
    item = published(title="关于草原生态保护补助奖励的通知", category="农业农村")
    anonymous = Client()
    home = anonymous.get("/public/")
    assert home.status_code == 200
    assert item.title in home.content.decode()
    assert 'href="#main"' in home.content.decode()
    assert "<nav" in home.content.decode()
    listing = anonymous.get("/public/items/", {"q": "草原生态", "category": "农业农村", "year": "2026"})
    assert listing.status_code == 200
    assert item.title in listing.content.decode()
    none = anonymous.get("/public/items/", {"q": "草原生态", "category": "财政"})
    assert item.title not in none.content.decode()


def test_item_page_shows_catalogue_fields(published) -> None:
    item = published(
        title="关于草原生态保护补助奖励的通知",
        category="农业农村",
        genre="通知",
        doc_number="克发改〔2026〕50号",
        written_on=D(2026, 11, 28),
        validity=Validity.IN_FORCE,
    )
    page = Client().get(f"/public/items/{item.pk}/").content.decode()
    for text in (item.index_number, "农业农村", "克发改〔2026〕50号", "2026-11-28", "有效", "发展和改革委员会"):
        assert text in page


@pytest.mark.article(30)
def test_item_page_links_interpretations(published, user) -> None:
    item = published(title="关于促进旅游业发展的意见")
    made = actions.interpret(user("clerk_gongkai"), item, "《关于促进旅游业发展的意见》解读", "主要内容……")
    page = Client().get(f"/public/items/{item.pk}/").content.decode()
    assert made.title in page
    assert f"/public/items/{made.pk}/" in page
    back = Client().get(f"/public/items/{made.pk}/").content.decode()
    assert f"/public/items/{item.pk}/" in back


def test_repealed_item_links_its_successor(published) -> None:
    old = published(title="旧管理办法", validity=Validity.IN_FORCE)
    new = published(title="新管理办法", validity=Validity.IN_FORCE)
    ValidityEvent.objects.create(
        item=old, validity=Validity.REPEALED, effective_on=D(2026, 12, 1), note="被新管理办法废止", related=new
    )
    PublicationItem.objects.filter(pk=old.pk).update(validity=Validity.REPEALED)
    page = Client().get(f"/public/items/{old.pk}/").content.decode()
    assert "废止" in page
    assert f"/public/items/{new.pk}/" in page
    successor = Client().get(f"/public/items/{new.pk}/").content.decode()
    assert f"/public/items/{old.pk}/" in successor


def test_queued_items_are_not_public(queued) -> None:
    item = queued()
    assert Client().get(f"/public/items/{item.pk}/").status_code == 404


def test_feed_and_sitemap(published) -> None:
    item = published(title="关于冬季安全生产的通知")
    feed = Client().get("/public/feed/")
    assert feed.status_code == 200
    assert "application/atom+xml" in feed["Content-Type"]
    assert item.title in feed.content.decode()
    assert item.index_number in feed.content.decode()
    index = Client().get("/public/sitemap.xml")
    assert index.status_code == 200
    assert "sitemap-items.xml" in index.content.decode()
    section = Client().get("/public/sitemap-items.xml")
    assert f"/public/items/{item.pk}/" in section.content.decode()
