"""Bearer tokens: created by the CLI or by the person signed in, shown once, stored as SM3 hashes,
refused (401) once revoked; session calls that change something need the CSRF token."""

from __future__ import annotations

import hashlib
from io import StringIO

from django.core.management import call_command
from django.test import Client

from zhengwu.audit.models import AuditRecord
from zhengwu.audit.services import action_records
from zhengwu.tokens import services
from zhengwu.tokens.models import ApiToken


def _cli_create(username: str, name: str = "州政务服务平台") -> str:
    out = StringIO()
    call_command("token", "create", username, "--name", name, "--scope", "read-write", stdout=out)
    return out.getvalue().strip().splitlines()[-1]


def test_cli_token_authenticates_until_revoked(bearer, user):
    secret = _cli_create("vice_liu")
    token = ApiToken.objects.get(user=user("vice_liu"))
    assert token.token_hash == hashlib.new("sm3", secret.encode()).hexdigest()
    assert token.prefix == secret[:8]
    assert not ApiToken.objects.filter(token_hash=secret).exists()
    assert AuditRecord.objects.filter(action="tokens.create", object_id=str(token.pk)).exists()

    api = bearer(secret)
    response = api.get("/me")
    assert response.status_code == 200
    assert response.json()["username"] == "vice_liu"
    assert response.json()["authenticated_by"] == "token"
    token.refresh_from_db()
    assert token.last_used_at is not None

    revoked = api.delete(f"/tokens/{token.pk}")  # DELETE by bearer: no CSRF needed
    assert revoked.status_code == 200
    assert revoked.json()["revoked_at"] is not None
    assert AuditRecord.objects.filter(action="tokens.revoke", object_id=str(token.pk)).exists()

    after = api.get("/me")
    assert after.status_code == 401
    assert "撤销" in after.json()["detail"]


def test_unknown_token_is_401_in_chinese(bearer):
    response = bearer("not-a-token").get("/me")
    assert response.status_code == 401
    assert "访问令牌无效" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_no_credentials_is_401_in_chinese(anonymous):
    response = anonymous.get("/me")
    assert response.status_code == 401
    assert "请先登录" in response.json()["detail"]


def test_create_for_yourself_shows_the_secret_once(api_as, bearer):
    api = api_as("clerk_wendian")
    created = api.post("/tokens", {"name": "文电接口"})
    assert created.status_code == 201
    body = created.json()
    assert body["prefix"] == body["secret"][:8]
    listed = api.get("/tokens").json()
    assert [t["name"] for t in listed] == ["文电接口"]
    assert "secret" not in listed[0]
    assert bearer(body["secret"]).get("/me").json()["username"] == "clerk_wendian"


def test_a_token_cannot_create_another_token(user, bearer):
    secret = services.create_token(user("fgw_clerk"), "接口", scope="read_write", by_operator=True).secret
    before = ApiToken.objects.count()
    response = bearer(secret).post("/tokens", {"name": "再来一个"})
    assert response.status_code == 403
    assert response.json()["decisions"][0]["code"] == "tokens.via_token"
    assert ApiToken.objects.count() == before


def test_blank_name_is_422_and_nothing_is_created(api_as):
    before = ApiToken.objects.count(), action_records().count()
    response = api_as("fgw_clerk").post("/tokens", {"name": "  "})
    assert response.status_code == 422
    assert response.json() == {"detail": "请填写令牌名称（例如调用系统的名称）。", "field": "name"}
    assert (ApiToken.objects.count(), action_records().count()) == before


def test_someone_elses_token_cannot_be_revoked(api_as, user):
    token = services.create_token(user("vice_liu"), "刘的接口", by_operator=True).token
    response = api_as("fgw_clerk").delete(f"/tokens/{token.pk}")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_session_writes_need_the_csrf_token(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user("clerk_wendian"))
    before = ApiToken.objects.count()
    response = client.post("/api/tokens", {"name": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert ApiToken.objects.count() == before
    assert client.get("/api/me").status_code == 200  # reads need no CSRF token


def test_cli_revoke(user, bearer):
    secret = _cli_create("governor", "办公厅")
    token = ApiToken.objects.get(user=user("governor"))
    call_command("token", "revoke", str(token.pk), stdout=StringIO())
    assert bearer(secret).get("/me").status_code == 401
