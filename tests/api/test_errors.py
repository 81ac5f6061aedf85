"""Every error of the API is JSON with a ``detail`` sentence (a refusal with its decisions and their
citations): 401, 403, 404 (ninja's, ``get_object_or_404``'s and an unknown path), 405, 409, 422 and
500, whose exception is logged and never shown."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.test import Client

from tests.api.conftest import Api
from tests.rulebook.texts import reissued
from zhengwu.rulebook.actions import import_version

pytestmark = pytest.mark.django_db

SECRET = "connection to db-primary-7 refused"


def json_of(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["detail"], (str, list))
    assert body["detail"]
    return body


def test_401_without_credentials(anonymous):
    body = json_of(anonymous.get("/me"), 401)
    assert "请先登录" in body["detail"]


def test_401_for_an_unknown_token(bearer):
    response = bearer("no-such-token").get("/me")
    assert "访问令牌无效" in json_of(response, 401)["detail"]
    assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'


@pytest.mark.article(58)
def test_403_refusal_carries_every_decision_and_its_citation(api_as):
    vice_liu = get_user_model().objects.get(username="vice_liu").person.pk
    response = api_as("fgw_clerk").post(
        "/absences",
        {
            "person_id": vice_liu,
            "start": "2026-06-10",
            "end": "2026-06-12",
            "destination": "乌鲁木齐",
            "purpose": "trip",
            "reason": "开会",
        },
    )
    body = json_of(response, 403)
    assert "（《工作规则》第五十八条）" in body["detail"]
    assert body["decisions"][0]["citation"]["article"] == 58
    assert body["decisions"][0]["explanation"].endswith("（《工作规则》第五十八条）")


def test_403_for_a_session_call_without_its_csrf_header():
    client = Client(enforce_csrf_checks=True)
    client.force_login(get_user_model().objects.get(username="fgw_clerk"))
    body = json_of(Api(client).post("/notices/1/read"), 403)
    assert "X-CSRFToken" in body["detail"]


def test_403_from_a_permission_check(api_as, monkeypatch):
    def refuse(user):
        raise PermissionDenied("只有本人可以查看（《工作规则》第六十一条）")

    monkeypatch.setattr("zhengwu.apis.me.person_of", refuse)
    assert json_of(api_as("fgw_clerk").get("/me"), 403)["detail"] == "只有本人可以查看（《工作规则》第六十一条）"


def test_404_for_something_that_is_not_there(api_as):
    assert json_of(api_as("fgw_clerk").get("/documents/999999"), 404)["detail"]


def test_404_from_get_object_or_404_does_not_name_a_model(api_as):
    body = json_of(api_as("clerk_huiwu").get("/meetings/999999"), 404)
    assert body["detail"] == "没有找到所请求的对象。"


def test_404_for_a_path_no_endpoint_serves(api_as, anonymous):
    for api in (api_as("fgw_clerk"), anonymous):
        body = json_of(api.get("/no/such/endpoint"), 404)
        assert body["detail"] == "没有这个接口：GET /api/no/such/endpoint。接口说明见 /api/openapi.json。"


def test_405_names_the_methods_allowed(api_as):
    response = api_as("fgw_clerk").delete("/me")
    body = json_of(response, 405)
    assert "DELETE" in body["detail"]
    assert "GET" in body["detail"]
    assert response["Allow"] == "GET"


@time_machine.travel(dt.datetime(2026, 6, 2, 9, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False)
def test_409_when_the_rulebook_in_force_lacks_a_parameter(api_as):
    version = import_version(None, reissued(), dt.date(2026, 6, 1))
    version.parameters.filter(key="countersign.reply_days").delete()
    version.revision += 1
    version.save(update_fields=["revision"])
    created = api_as("fgw_clerk").post(
        "/documents/submissions",
        {
            "doc_type": "qingshi",
            "title": "关于有关事项的请示",
            "body": "……请批示。",
            "request_items": ["事项"],
        },
    )
    doc_id = created.json()["id"]
    body = json_of(api_as("fgw_head").post(f"/documents/{doc_id}/countersign", {"units": ["czj"]}), 409)
    assert body["provision"] == "countersign.reply_days"
    assert f"zhengwu rules annotate {version.pk} --annotations" in body["detail"]


def test_422_for_bad_input_names_the_field(api_as):
    body = json_of(
        api_as("fgw_clerk").post(
            "/documents/submissions",
            {
                "doc_type": "qingshi",
                "title": "关于有关事项的请示",
                "body": "……",
                "request_items": ["事项"],
                "main_recipients": ["nowhere"],
            },
        ),
        422,
    )
    assert isinstance(body["detail"], str)
    assert body["field"]


def test_422_for_a_request_that_does_not_validate(api_as):
    body = json_of(api_as("governor").get("/notices", limit=0), 422)
    assert body["detail"][0]["msg"]


def test_500_is_a_generic_sentence_and_the_exception_is_logged(api_as, monkeypatch, caplog):
    def broken(user):
        raise RuntimeError(SECRET)

    monkeypatch.setattr("zhengwu.apis.me.person_of", broken)
    with caplog.at_level(logging.ERROR, logger="zhengwu.api"):
        response = api_as("fgw_clerk").get("/me")
    body = json_of(response, 500)
    assert "服务器内部错误" in body["detail"]
    assert SECRET not in response.content.decode()
    assert "RuntimeError" not in response.content.decode()
    logged = [r for r in caplog.records if r.name == "zhengwu.api"]
    assert logged
    assert logged[0].exc_info
    assert SECRET in str(logged[0].exc_info[1])
    assert "GET /api/me" in logged[0].getMessage()
