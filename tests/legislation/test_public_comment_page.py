"""The public comment page (art. 21): no login, the text by article, a comment on 第三条 with no
personal data required; spam and floods refused (zhengwu.core.public_forms)."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client

pytestmark = pytest.mark.article(21)


@pytest.fixture(autouse=True)
def _fast_forms(settings):
    settings.ZHENGWU_PUBLIC_FORM_MIN_SECONDS = 0
    cache.clear()


def _form(client: Client, url: str) -> dict[str, str]:
    page = client.get(url)
    assert page.status_code == 200
    token = re.search(r'name="form_token" value="([^"]+)"', page.content.decode())
    assert token
    return {"form_token": token.group(1), "website": ""}


def test_a_member_of_the_public_comments_on_the_third_article(opened) -> None:
    public = Client()
    url = f"/public/consultations/{opened.versions.get().pk}/"
    page = public.get(url).content.decode()
    assert "第三条 价格监测点应当按时报送监测数据。" in page
    assert "姓名（选填）" in page
    assert opened.title in public.get("/public/consultations/").content.decode()
    sent = public.post(url, {**_form(public, url), "article": "3", "text": "建议明确报送频次。"})
    assert sent.status_code == 302
    c = opened.comments.get()
    assert (c.article, c.text, c.name) == (3, "建议明确报送频次。", "")


def test_spam_and_floods_are_refused(opened, settings) -> None:
    public = Client()
    url = f"/public/consultations/{opened.versions.get().pk}/"
    trap = public.post(url, {**_form(public, url), "website": "http://spam", "article": "1", "text": "广告"})
    assert trap.status_code == 400
    forged = public.post(url, {"form_token": "x", "article": "1", "text": "意见"})
    assert forged.status_code == 400
    empty = public.post(url, {**_form(public, url), "article": "1", "text": " "})
    assert empty.status_code == 400
    assert "请填写意见内容" in empty.content.decode()
    for _ in range(9):  # the empty one passed the guard and counts too
        assert public.post(url, {**_form(public, url), "article": "1", "text": "意见"}).status_code == 302
    flood = public.post(url, {**_form(public, url), "article": "1", "text": "意见"})
    assert flood.status_code == 429
    assert opened.comments.count() == 9


def test_too_fast_is_refused(opened, settings) -> None:
    settings.ZHENGWU_PUBLIC_FORM_MIN_SECONDS = 30
    public = Client()
    url = f"/public/consultations/{opened.versions.get().pk}/"
    assert public.post(url, {**_form(public, url), "article": "1", "text": "意见"}).status_code == 400
    assert opened.comments.count() == 0


def test_a_draft_not_published_for_comment_is_not_found(new_draft) -> None:
    assert Client().get(f"/public/consultations/{new_draft().versions.get().pk}/").status_code == 404
