"""A refused htmx request gets the red box with its sentence and article, and the headers that put it
just before the form that asked (``HX-Retarget: this``, ``HX-Reswap: beforebegin``, ``HX-Reselect``):
htmx drops 4xx and 5xx answers otherwise, and the person sees nothing.  Same for a 404, a rulebook
that cannot answer (409), an expired form and a session that ended."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from tests.rulebook.texts import reissued
from zhengwu.documents.actions.intake import create_submission
from zhengwu.documents.models import DocState
from zhengwu.org.models import Unit
from zhengwu.rulebook.actions import import_version

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": "http://testserver/documents/?tab=todo"}
BEIJING = dt.timezone(dt.timedelta(hours=8))


def assert_placed_before_the_form(response) -> str:
    assert response["HX-Retarget"] == "this"
    assert response["HX-Reswap"] == "beforebegin"
    assert response["HX-Reselect"] == ".htmx-refusal"
    body = response.content.decode()
    assert body.lstrip().startswith('<div class="refusal htmx-refusal" role="alert" aria-live="assertive"')
    assert "<html" not in body
    assert 'class="mainnav"' not in body
    return body


@pytest.mark.article(61)
def test_a_refused_htmx_post_gets_the_box_with_its_article(client_as):
    response = client_as("fgw_clerk").post("/audit/verify/", **HTMX)
    assert response.status_code == 403
    body = assert_placed_before_the_form(response)
    assert "审计记录仅限安全审计员、秘书长和办公室主任查阅" in body
    assert "（《工作规则》第六十一条）" in body
    assert "如认为有误，请联系本单位负责人或系统管理员。" in body


@pytest.mark.article(61)
def test_the_same_refusal_without_htmx_is_the_page(client_as):
    response = client_as("fgw_clerk").post("/audit/verify/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "HX-Retarget" not in response
    assert 'class="mainnav"' in body
    assert "（《工作规则》第六十一条）" in body


@pytest.mark.article(61)
def test_the_box_speaks_english_around_the_rules_sentence(client_as):
    client = client_as("fgw_clerk")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = assert_placed_before_the_form(client.post("/audit/verify/", **HTMX))
    assert "Not done:" in body
    assert "(Work Rules, art. 61)." in body


def test_a_404_answering_htmx_is_the_box(client_as):
    response = client_as("fgw_clerk").post("/notices/999999/read/", **HTMX)
    assert response.status_code == 404
    body = assert_placed_before_the_form(response)
    assert "没有这条通知。" in body
    assert "请刷新页面后再试" in body


@time_machine.travel(dt.datetime(2026, 6, 2, 9, tzinfo=BEIJING), tick=False)
def test_a_missing_rulebook_parameter_is_409_in_the_box_and_nothing_changes(client_as, user):
    """The version in force has no ``countersign.reply_days`` (art. 50's 7 working days): asking for
    countersign cannot compute its date; the head sees why and what to do, in place."""
    version = import_version(None, reissued(), dt.date(2026, 6, 1))
    version.parameters.filter(key="countersign.reply_days").delete()
    version.revision += 1
    version.save(update_fields=["revision"])
    doc = create_submission(
        user("fgw_clerk"),
        Unit.objects.get(code="fgw"),
        "qingshi",
        "关于有关事项的请示",
        "州人民政府：……妥否，请批示。",
        ["有关事项"],
        [Unit.objects.get(code="gov")],
        [],
    )
    response = client_as("fgw_head").post(
        f"/documents/{doc.pk}/act/request_countersign/", {"units": [Unit.objects.get(code="czj").pk]}, **HTMX
    )
    assert response.status_code == 409
    body = assert_placed_before_the_form(response)
    assert "没有标注参数“countersign.reply_days”" in body
    assert f"zhengwu rules annotate {version.pk} --annotations" in body
    assert "这不是您的操作有误" in body
    doc.refresh_from_db()
    assert doc.state == DocState.DRAFT
    assert not doc.countersigns.exists()


def test_an_expired_form_answering_htmx_offers_to_reload_the_page():
    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.get(username="fgw_clerk"))
    response = client.post("/audit/verify/", **HTMX)
    assert response.status_code == 403
    body = assert_placed_before_the_form(response)
    assert "页面已过期" in body
    assert 'href="http://testserver/documents/?tab=todo"' in body


def test_an_expired_form_does_not_link_to_another_site():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/audit/verify/", HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL="https://evil.example/")
    assert "evil.example" not in response.content.decode()


def test_a_session_that_ended_sends_the_window_to_login_and_back(client):
    response = client.post("/audit/verify/", **HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/login/?next=/documents/%3Ftab%3Dtodo"


def test_a_bad_question_to_the_authority_form_is_swapped_in_place(client_as):
    response = client_as("fgw_clerk").get("/org/authority/", {"authority": "nobody"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert response["HX-Reswap"] == "outerHTML"
    assert 'id="holder-result"' in response.content.decode()
    assert 'class="refusal" role="alert"' in response.content.decode()


def test_every_staff_page_loads_the_script_that_shows_failed_requests(client_as):
    body = client_as("fgw_clerk").get("/").content.decode()
    assert 'src="/static/web/htmx-errors.js"' in body
    assert 'data-network="无法连接服务器' in body
    client = client_as("fgw_clerk")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert 'data-network="The server could not be reached' in client.get("/").content.decode()
