"""The 403, 404, 500 and expired-form (CSRF) pages: in the site's layout (the portal's under /public/),
in the user's language, each saying what to do next; a refusal's 403 keeps its article.

This module is also the URLconf of the tests marked ``urls(__name__)``: the site's, plus views that
raise what no real view raises on purpose (a permission check, a server error)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import path

from zhengwu.urls import handler400, handler403, handler404, handler500  # noqa: F401 — this URLconf's handlers
from zhengwu.urls import urlpatterns as site
from zhengwu.web.errors import server_error

SECRET = "连接池已耗尽：db-primary-7"


def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(SECRET)


def _forbidden_with_article(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("本人外出须报告（《工作规则》第五十八条）")


def _forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


urlpatterns = [
    path("test-errors/boom/", _boom),
    path("public/test-errors/boom/", _boom),
    path("test-errors/forbidden/", _forbidden),
    path("test-errors/forbidden-article/", _forbidden_with_article),
    *site,
]

pytestmark = pytest.mark.django_db


def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def signed_in(username: str, **kwargs: object) -> Client:
    client = Client(**kwargs)  # type: ignore[arg-type]
    client.force_login(get_user_model().objects.get(username=username))
    return client


def staff_layout(body: str) -> bool:
    return 'class="mainnav"' in body and "依据《克孜勒苏柯尔克孜自治州人民政府工作规则》运行" in body


# ---------------------------------------------------------------- 404


def test_404_in_the_staff_layout_says_what_to_do(client_as):
    response = client_as("fgw_clerk").get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert staff_layout(body)
    assert "<h1>页面不存在</h1>" in body
    assert 'role="alert"' in body
    assert "请检查网址是否正确" in body
    assert "返回工作台" in body
    assert "Resolver404" not in body
    assert "tried" not in body


def test_404_in_english(client_as):
    body = english(client_as("fgw_clerk")).get("/no-such-page/").content.decode()
    assert '<html lang="en">' in body
    assert "<h1>Page not found</h1>" in body
    assert "Check that the address is right" in body
    assert "Back to the workbench" in body
    assert "页面不存在" not in body


def test_a_views_404_sentence_is_shown(client_as):
    body = client_as("fgw_clerk").post("/notices/999999/read/").content.decode()
    assert "没有这条通知。" in body


def test_404_back_link_returns_to_the_page_one_came_from(client_as):
    body = client_as("fgw_clerk").get("/no-such-page/", HTTP_REFERER="http://testserver/documents/").content.decode()
    assert 'href="http://testserver/documents/"' in body
    assert "返回上一页" in body
    elsewhere = client_as("fgw_clerk").get("/no-such-page/", HTTP_REFERER="https://evil.example/").content.decode()
    assert "evil.example" not in elsewhere


def test_404_under_public_uses_the_portals_layout(client):
    response = client.get("/public/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert 'class="portal"' in body
    assert 'aria-label="政务公开栏目"' in body
    assert 'class="mainnav"' not in body
    assert "这条信息可能已经调整或不再公开" in body
    assert 'href="/public/"' in body
    assert "返回首页" in body
    assert "工作台" not in body


def test_404_for_someone_not_signed_in_has_no_navigation(client):
    body = client.get("/no-such-page/").content.decode()
    assert 'class="mainnav"' not in body
    assert "<h1>页面不存在</h1>" in body


# ---------------------------------------------------------------- 403


@pytest.mark.article(63)
def test_a_refusal_403_keeps_its_article_and_says_what_to_do(client_as):
    response = client_as("fgw_clerk").get("/compliance/")
    assert response.status_code == 403
    body = response.content.decode()
    assert staff_layout(body)
    assert "（《工作规则》第六十三条）" in body
    assert "如认为有误，请联系本单位负责人或系统管理员。" in body
    assert "返回工作台" in body


@pytest.mark.article(63)
def test_a_refusal_403_in_english(client_as):
    body = english(client_as("fgw_clerk")).get("/compliance/").content.decode()
    assert "<h1>Cannot be done</h1>" in body
    assert "(Work Rules, art. 63)." in body  # the article, cited in English
    assert "If you think this is wrong, ask your unit&#x27;s head or the system administrator." in body


@pytest.mark.urls(__name__)
def test_a_permission_check_403_keeps_the_sentence_it_carries(client_as):
    response = client_as("fgw_clerk").get("/test-errors/forbidden-article/")
    assert response.status_code == 403
    body = response.content.decode()
    assert staff_layout(body)
    assert "本人外出须报告（《工作规则》第五十八条）" in body


@pytest.mark.urls(__name__)
def test_a_bare_permission_check_403(client_as):
    response = client_as("fgw_clerk").get("/test-errors/forbidden/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "<h1>没有权限</h1>" in body
    assert "您没有办理这项事务的权限。" in body
    assert "请联系本单位负责人或系统管理员" in body
    in_english = english(client_as("fgw_clerk")).get("/test-errors/forbidden/").content.decode()
    assert "You do not have the right" in in_english


# ---------------------------------------------------------------- 500


@pytest.mark.urls(__name__)
def test_500_in_the_site_layout_without_the_database_or_the_exception():
    client = signed_in("fgw_clerk", raise_request_exception=False)
    response = client.get("/test-errors/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "<h1>服务器出错</h1>" in body
    assert 'href="/static/web/site.css"' in body
    assert "依据《克孜勒苏柯尔克孜自治州人民政府工作规则》运行" in body
    assert "请稍后重试" in body
    assert "联系系统管理员" in body
    assert "出错时间" in body
    assert 'href="/test-errors/boom/"' in body  # reload
    assert "返回工作台" in body
    assert SECRET not in body
    assert "RuntimeError" not in body
    assert 'class="mainnav"' not in body  # the navigation reads the database; the 500 page does not


@pytest.mark.urls(__name__)
def test_500_in_english():
    client = english(signed_in("fgw_clerk", raise_request_exception=False))
    body = client.get("/test-errors/boom/").content.decode()
    assert "<h1>Server error</h1>" in body
    assert "Try again later" in body
    assert "服务器出错" not in body


@pytest.mark.urls(__name__)
def test_500_under_public_uses_the_portals_layout():
    body = Client(raise_request_exception=False).get("/public/test-errors/boom/").content.decode()
    assert 'class="portal"' in body
    assert "<h1>服务器出错</h1>" in body
    assert "请稍后再试。" in body


def test_the_500_page_reads_no_database(django_db_blocker):
    request = RequestFactory().get("/documents/")
    with django_db_blocker.block():  # any query fails the test
        response = server_error(request)
    assert response.status_code == 500
    assert "服务器出错" in response.content.decode()


def test_the_500_page_runs_no_context_processor(monkeypatch):
    def broken(request):
        raise AssertionError("a context processor ran")

    monkeypatch.setattr("zhengwu.web.context_processors.shell", broken)
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500


def test_if_even_the_500_template_fails_a_plain_page_remains(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("templates are gone")

    monkeypatch.setattr("zhengwu.web.errors.render_to_string", broken)
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert 'role="alert"' in response.content.decode()


# ---------------------------------------------------------------- the form expired (CSRF)


def test_an_expired_form_says_reload():
    client = signed_in("fgw_clerk", enforce_csrf_checks=True)
    response = client.post("/notices/read-all/")
    assert response.status_code == 403
    body = response.content.decode()
    assert staff_layout(body)
    assert "<h1>页面已过期</h1>" in body
    assert "请刷新页面后重新提交" in body
    assert "cookie" not in body  # Django's reason is for the log, not for the person


def test_an_expired_form_in_english():
    client = english(signed_in("fgw_clerk", enforce_csrf_checks=True))
    body = client.post("/notices/read-all/").content.decode()
    assert "<h1>This page has expired</h1>" in body
    assert "Reload the page and submit again" in body


def test_an_expired_public_form_uses_the_portals_layout():
    response = Client(enforce_csrf_checks=True).post("/public/apply/", {})
    assert response.status_code == 403
    body = response.content.decode()
    assert 'class="portal"' in body
    assert "页面已过期" in body


# ---------------------------------------------------------------- the same, answering htmx: the box alone


@pytest.mark.urls(__name__)
def test_a_500_answering_htmx_is_the_box_placed_before_the_form():
    client = signed_in("fgw_clerk", raise_request_exception=False)
    response = client.post("/test-errors/boom/", HTTP_HX_REQUEST="true")
    assert response.status_code == 500
    assert (response["HX-Retarget"], response["HX-Reswap"]) == ("this", "beforebegin")
    body = response.content.decode()
    assert body.lstrip().startswith('<div class="refusal htmx-refusal" role="alert"')
    assert "服务器出错，这项操作没有完成。" in body
    assert SECRET not in body


@pytest.mark.urls(__name__)
def test_a_permission_check_answering_htmx_is_the_box_with_its_article(client_as):
    response = client_as("fgw_clerk").post("/test-errors/forbidden-article/", HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert response["HX-Retarget"] == "this"
    assert "（《工作规则》第五十八条）" in response.content.decode()
