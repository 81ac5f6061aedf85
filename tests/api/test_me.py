"""``GET /api/me``: the user, the person, today's positions."""

from __future__ import annotations


def test_governor(api_as):
    body = api_as("governor").get("/me").json()
    assert body["username"] == "governor"
    assert body["person"]["name"] == "买买提·艾力"
    assert [(p["kind"], p["title"]) for p in body["positions"]] == [("governor", "州长")]
    assert body["is_admin"] is False
    assert body["authenticated_by"] == "session"


def test_admin_is_admin(api_as):
    body = api_as("admin").get("/me").json()
    assert body["is_admin"] is True
    assert body["positions"][0]["unit_name"] == "克孜勒苏柯尔克孜自治州人民政府办公室"


def test_anonymous_is_refused(anonymous):
    assert anonymous.get("/me").status_code == 401
