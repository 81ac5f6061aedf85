"""The owner lists and revokes their own tokens on the page and through the API; nobody else's
(a stranger's token is 404 to them)."""

from __future__ import annotations

from zhengwu.audit.models import AuditRecord
from zhengwu.tokens.models import ApiToken, TokenScope
from zhengwu.tokens.services import create_token


def test_the_page_lists_creates_and_revokes_own_tokens(client_as, user, bearer) -> None:
    mine = create_token(user("fgw_clerk"), "数据查询")
    theirs = create_token(user("vice_liu"), "日程同步")
    c = client_as("fgw_clerk")
    page = c.get("/account/tokens/").content.decode()
    assert "数据查询" in page
    assert "日程同步" not in page
    assert f"/account/tokens/{mine.token.pk}/revoke/" in page
    created = c.post("/account/tokens/", {"name": "报送系统", "scope": TokenScope.READ_WRITE})
    assert created.status_code == 200
    token = ApiToken.objects.get(user=user("fgw_clerk"), name="报送系统")
    assert token.scope == TokenScope.READ_WRITE
    assert token.prefix in created.content.decode()  # the secret, shown this once
    assert c.post(f"/account/tokens/{mine.token.pk}/revoke/").status_code == 302
    assert bearer(mine.secret).get("/me").status_code == 401
    assert AuditRecord.objects.filter(action="tokens.revoke").filter(object_id=str(mine.token.pk)).exists()
    assert f"/account/tokens/{mine.token.pk}/revoke/" not in c.get("/account/tokens/").content.decode()
    assert c.post(f"/account/tokens/{theirs.token.pk}/revoke/").status_code == 404
    assert bearer(theirs.secret).get("/me").status_code == 200


def test_an_empty_name_is_refused_on_the_page(client_as) -> None:
    response = client_as("fgw_clerk").post("/account/tokens/", {"name": " ", "scope": "read"})
    assert response.status_code == 400
    assert "请填写令牌名称" in response.content.decode()


def test_the_api_lists_and_revokes_own_tokens_only(api_as, user, bearer) -> None:
    mine = create_token(user("clerk_wendian"), "文电接口")
    theirs = create_token(user("governor"), "办公厅")
    api = api_as("clerk_wendian")
    listed = api.get("/tokens").json()
    assert [(t["name"], t["scope"], t["active"]) for t in listed] == [("文电接口", "read", True)]
    assert api.delete(f"/tokens/{theirs.token.pk}").status_code == 404
    assert bearer(theirs.secret).get("/me").status_code == 200
    revoked = api.delete(f"/tokens/{mine.token.pk}")
    assert revoked.status_code == 200
    assert revoked.json()["active"] is False
    again = api.delete(f"/tokens/{mine.token.pk}")
    assert again.status_code == 403
    assert again.json()["decisions"][0]["code"] == "tokens.revoked"
