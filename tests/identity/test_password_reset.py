"""The security administrator's reset: the password is never echoed, a generated one is shown once as a
temporary password, the account must change it at the next sign-in (pages are sent to the change
form, the API answers 403 in JSON), and its tokens are revoked."""

from __future__ import annotations

import pytest

from tests.identity.conftest import sign_in
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Refused
from zhengwu.identity.actions import reset_password
from zhengwu.tokens.services import create_token

GIVEN = "Temporary-2026-x"
NEW = "Kizilsu-2026-plan"


@pytest.mark.article(61)
def test_generated_temporary_password_shown_once_and_not_audited(user, person) -> None:
    result = reset_password(user("security_admin"), person("fgw_clerk"))
    assert result.temporary_password is not None
    assert sign_in("fgw_clerk", result.temporary_password).signed_in
    assert not sign_in("fgw_clerk", "zhengwu-demo").signed_in
    record = AuditRecord.objects.get(action="org.account.password", object_id=str(person("fgw_clerk").pk))
    assert result.temporary_password not in record.summary + str(record.details)


@pytest.mark.article(61)
def test_office_director_may_not_reset(user, person) -> None:
    with pytest.raises(Refused):
        reset_password(user("office_director"), person("fgw_clerk"), GIVEN)
    assert sign_in("fgw_clerk", "zhengwu-demo").signed_in


def test_api_reset_does_not_echo_the_given_password(api_as, person) -> None:
    clerk = person("fgw_clerk")
    response = api_as("security_admin").post(f"/org/people/{clerk.pk}/password", {"password": GIVEN})
    assert response.status_code == 200
    assert GIVEN not in response.content.decode()
    assert response.json()["temporary_password"] is None
    assert response.json()["must_change_password"] is True
    generated = api_as("security_admin").post(f"/org/people/{clerk.pk}/password", {})
    assert len(generated.json()["temporary_password"]) == 14


def test_reset_page_does_not_echo_the_given_password(client_as, person) -> None:
    clerk = person("fgw_clerk")
    response = client_as("security_admin").post(f"/org/people/{clerk.pk}/password/", {"password": GIVEN})
    assert response.status_code == 200
    assert GIVEN not in response.content.decode()
    assert "下次登录时须修改密码" in response.content.decode()


def test_after_a_reset_the_account_must_change_its_password(user, person, bearer) -> None:
    token = create_token(user("fgw_clerk"), "数据报送")
    result = reset_password(user("security_admin"), person("fgw_clerk"), GIVEN)
    assert result.tokens_revoked == 1
    assert bearer(token.secret).get("/me").status_code == 401
    c = sign_in("fgw_clerk", GIVEN)
    assert c.signed_in
    page = c.get("/documents/")
    assert page.status_code == 302
    assert page["Location"].startswith("/account/password/")
    api = c.get("/api/me")
    assert api.status_code == 403
    assert api.json()["code"] == "password_change_required"
    assert "修改密码" in api.json()["detail"]
    changed = c.post(
        "/account/password/",
        {"old_password": GIVEN, "new_password": NEW, "new_password2": NEW, "next": "/documents/"},
    )
    assert changed.status_code == 302
    assert changed["Location"] == "/documents/"
    assert c.get("/documents/").status_code == 200
    assert c.get("/api/me").status_code == 200


def test_other_accounts_are_not_held_up(user, person, client_as) -> None:
    reset_password(user("security_admin"), person("fgw_clerk"), GIVEN)
    assert client_as("fgw_deputy").get("/documents/").status_code == 200
