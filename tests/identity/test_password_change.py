"""Users change their own password (page and API); the change revokes their API tokens and ends
their other sessions."""

from __future__ import annotations

from django.test import Client

from tests.identity.conftest import sign_in
from zhengwu.audit.models import AuditRecord
from zhengwu.tokens.models import ApiToken
from zhengwu.tokens.services import create_token

NEW = "Kizilsu-2026-plan"


def test_change_own_password_on_the_page(client_as, user) -> None:
    other_session = client_as("fgw_clerk")
    c = sign_in("fgw_clerk", "zhengwu-demo")
    assert c.get("/account/password/").status_code == 200
    response = c.post("/account/password/", {"old_password": "zhengwu-demo", "new_password": NEW, "new_password2": NEW})
    assert response.status_code == 302
    assert c.get("/").status_code == 200  # this session stays signed in
    assert other_session.get("/").status_code == 302  # the others end
    assert sign_in("fgw_clerk", NEW).signed_in
    assert not sign_in("fgw_clerk", "zhengwu-demo").signed_in
    assert AuditRecord.objects.filter(action="identity.password.change", actor=user("fgw_clerk")).exists()


def test_wrong_current_password_or_weak_new_one_is_refused(client_as) -> None:
    c = client_as("fgw_clerk")
    wrong = c.post("/account/password/", {"old_password": "nope", "new_password": NEW, "new_password2": NEW})
    assert wrong.status_code == 400
    assert "当前密码不正确" in wrong.content.decode()
    weak = c.post(
        "/account/password/",
        {"old_password": "zhengwu-demo", "new_password": "zhengwu1", "new_password2": "zhengwu1"},
    )
    assert weak.status_code == 400
    assert "密码不符合要求" in weak.content.decode()
    mismatch = c.post(
        "/account/password/", {"old_password": "zhengwu-demo", "new_password": NEW, "new_password2": NEW + "x"}
    )
    assert "两次输入的新密码不一致" in mismatch.content.decode()
    assert sign_in("fgw_clerk", "zhengwu-demo").signed_in


def test_change_own_password_by_api_revokes_tokens(api_as, bearer, user) -> None:
    token = create_token(user("vice_liu"), "日程同步")
    assert bearer(token.secret).get("/me").status_code == 200
    api = api_as("vice_liu")
    bad = api.post("/account/password", {"old_password": "zhengwu-demo", "new_password": "abc", "new_password2": "abc"})
    assert bad.status_code == 422
    assert bad.json()["field"] == "new_password"
    done = api.post("/account/password", {"old_password": "zhengwu-demo", "new_password": NEW, "new_password2": NEW})
    assert done.status_code == 200
    assert done.json()["tokens_revoked"] == 1
    assert NEW not in done.content.decode()
    assert bearer(token.secret).get("/me").status_code == 401
    assert ApiToken.objects.get(pk=token.token.pk).revoked_at is not None
    assert api.get("/me").status_code == 200  # the session that changed it stays


def test_anonymous_cannot_change_a_password() -> None:
    response = Client().post("/account/password/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
