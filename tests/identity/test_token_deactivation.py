"""Deactivating an account revokes its API tokens (not only refuses them while it is inactive):
reactivating it does not bring them back.  The password change's revocation: test_password_change."""

from __future__ import annotations

import pytest

from zhengwu.audit.models import AuditRecord
from zhengwu.org.admin_actions import activate_account, deactivate_account
from zhengwu.tokens.models import ApiToken
from zhengwu.tokens.services import create_token


@pytest.mark.article(4)
def test_deactivation_revokes_tokens_for_good(user, person, bearer) -> None:
    token = create_token(user("fgw_clerk"), "数据查询")
    other = create_token(user("vice_liu"), "日程同步")
    deactivate_account(user("admin"), person("fgw_clerk"))
    assert ApiToken.objects.get(pk=token.token.pk).revoked_at is not None
    record = AuditRecord.objects.filter(action="org.account.deactivate").get(object_id=str(person("fgw_clerk").pk))
    assert record.details["ended"]["tokens"] == 1
    assert AuditRecord.objects.filter(action="tokens.revoke_all").filter(details__reason="deactivate").exists()
    activate_account(user("admin"), person("fgw_clerk"))
    response = bearer(token.secret).get("/me")
    assert response.status_code == 401
    assert "撤销" in response.json()["detail"]
    assert bearer(other.secret).get("/me").status_code == 200
