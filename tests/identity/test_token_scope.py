"""A token has a scope: read-only (the default) or read-write.  A read-only token reads, and any
call that changes something is refused with 403 in JSON, citing the article, and audited."""

from __future__ import annotations

from django.core.management import call_command

from zhengwu.audit.models import AuditRecord
from zhengwu.tokens.models import ApiToken, TokenScope
from zhengwu.tokens.services import create_token


def test_a_read_token_reads_but_is_refused_a_change(user, bearer) -> None:
    secret = create_token(user("fgw_clerk"), "数据查询").secret
    api = bearer(secret)
    assert api.get("/me").status_code == 200
    refused = api.post("/account/logout")
    assert refused.status_code == 403
    assert refused["Content-Type"].startswith("application/json")
    body = refused.json()
    assert body["decisions"][0]["code"] == "tokens.read_only"
    assert "只读" in body["detail"]
    assert body["decisions"][0]["citation"]
    deleted = api.delete(f"/tokens/{ApiToken.objects.get(user=user('fgw_clerk')).pk}")
    assert deleted.status_code == 403
    assert ApiToken.objects.get(user=user("fgw_clerk")).revoked_at is None
    assert (
        AuditRecord.objects.filter(action="security.refused").filter(details__codes=["tokens.read_only"]).count() == 2
    )


def test_a_read_write_token_changes_things(user, bearer) -> None:
    new = create_token(user("fgw_clerk"), "数据报送", scope=TokenScope.READ_WRITE)
    api = bearer(new.secret)
    assert api.delete(f"/tokens/{new.token.pk}").status_code == 200


def test_scope_chosen_on_creation_by_the_api(api_as) -> None:
    api = api_as("clerk_wendian")
    default = api.post("/tokens", {"name": "查询"})
    assert default.json()["scope"] == "read"
    writing = api.post("/tokens", {"name": "报送", "scope": "read_write"})
    assert writing.status_code == 201
    assert writing.json()["scope"] == "read_write"
    bad = api.post("/tokens", {"name": "报送", "scope": "admin"})
    assert bad.status_code == 422
    assert bad.json()["field"] == "scope"


def test_scope_on_the_command_line(user, capsys) -> None:
    call_command("token", "create", "vice_liu", "--name", "日程同步")
    call_command("token", "create", "vice_liu", "--name", "日程写入", "--scope", "read-write")
    scopes = dict(ApiToken.objects.filter(user=user("vice_liu")).values_list("name", "scope"))
    assert scopes == {"日程同步": "read", "日程写入": "read_write"}
    call_command("token", "list", "vice_liu")
    out = capsys.readouterr().out
    assert "只读" in out
    assert "读写" in out
