"""A locked address (or an account made to wait) is freed by time or by the account administrator
(page and API); nobody else may, and the refusal is audited."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from tests.api.conftest import Api
from tests.identity.conftest import sign_in
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.identity.actions import unlock
from zhengwu.identity.services import login_wait

PROXY = "10.0.0.1"
STRANGER = "203.0.113.9"
DESK = "198.51.100.7"


@pytest.fixture
def locked(settings, db) -> None:
    """STRANGER's address is locked out (five failures on five accounts)."""
    settings.ZHENGWU_TRUSTED_PROXIES = [PROXY]
    for name in ("governor", "vice_liu", "fgw_clerk", "clerk_wendian", "secretary_general"):
        sign_in(name, "wrong-guess", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=STRANGER)
    assert not sign_in("fgw_clerk", "zhengwu-demo", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=STRANGER).signed_in


def _signs_in_from_stranger() -> bool:
    return sign_in("fgw_clerk", "zhengwu-demo", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=STRANGER).signed_in


def test_the_lockout_ends_by_itself_after_30_minutes(locked) -> None:
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=31), tick=False):
        assert _signs_in_from_stranger()


def test_the_security_administrator_unlocks_an_address_on_the_page(locked, client_as) -> None:
    c = client_as("security_admin")
    page = c.get("/accounts/lockouts/").content.decode()
    assert STRANGER in page
    assert c.post("/accounts/unlock/", {"ip_address": STRANGER}).status_code == 302
    assert _signs_in_from_stranger()
    record = AuditRecord.objects.get(action="identity.lockout.clear")
    assert record.details["ip"] == STRANGER
    assert record.actor.username == "security_admin"


def test_the_security_administrator_unlocks_by_api(locked, api_as) -> None:
    api = api_as("security_admin")
    listed = api.get("/accounts/lockouts").json()
    assert [a["ip_address"] for a in listed["addresses"]] == [STRANGER]
    done = api.post("/accounts/unlock", {"ip_address": STRANGER})
    assert done.status_code == 200
    assert done.json()["attempts_cleared"] >= 5
    assert api.get("/accounts/lockouts").json()["addresses"] == []
    assert _signs_in_from_stranger()


def test_an_accounts_delay_is_lifted_too(settings, user) -> None:
    settings.ZHENGWU_TRUSTED_PROXIES = [PROXY]
    with time_machine.travel(timezone.now(), tick=False):
        for _attempt in range(4):
            sign_in("vice_liu", "wrong-guess", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=STRANGER)
        assert login_wait("vice_liu") > 0
        admin_api = Api(sign_in("security_admin", "zhengwu-demo", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=DESK))
        listed = admin_api.get("/accounts/lockouts").json()
        assert [a["username"] for a in listed["accounts"]] == ["vice_liu"]
        result = unlock(user("security_admin"), username="vice_liu")
        assert result.account_delay_cleared
        assert login_wait("vice_liu") == 0
        assert sign_in("vice_liu", "zhengwu-demo", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=DESK).signed_in


def test_others_may_not_unlock(locked, api_as, client_as, user) -> None:
    with pytest.raises(Refused):
        unlock(user("office_director"), ip_address=STRANGER)
    with pytest.raises(Refused):  # 三权分立: not the system administrator's work
        unlock(user("admin"), ip_address=STRANGER)
    refused = api_as("governor").post("/accounts/unlock", {"ip_address": STRANGER})
    assert refused.status_code == 403
    assert refused.json()["decisions"][0]["code"] == "admin.security_required"
    assert api_as("fgw_clerk").get("/accounts/lockouts").status_code == 403
    assert client_as("fgw_clerk").get("/accounts/lockouts/").status_code == 403
    refusals = AuditRecord.objects.filter(action="security.refused", details__codes=["admin.security_required"])
    assert refusals.count() >= 2
    assert not _signs_in_from_stranger()


def test_bad_input_is_named(user, db) -> None:
    with pytest.raises(InvalidInput) as nothing:
        unlock(user("security_admin"))
    assert nothing.value.field == "ip_address"
    with pytest.raises(InvalidInput) as bad:
        unlock(user("security_admin"), ip_address="not-an-address")
    assert bad.value.field == "ip_address"
    with pytest.raises(InvalidInput) as nobody:
        unlock(user("security_admin"), username="nobody_here")
    assert nobody.value.field == "username"
