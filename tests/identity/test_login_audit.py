"""Every sign-in attempt is in the audit trail: a success, a wrong password, an attempt refused
while the account waits or the address is locked, a wrong second factor."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from tests.identity.conftest import sign_in
from zhengwu.audit.models import AuditRecord

PROXY = "10.0.0.1"
STRANGER = "203.0.113.9"


def _count(action: str, **details: str) -> int:
    return AuditRecord.objects.filter(action=action, **{f"details__{k}": v for k, v in details.items()}).count()


def test_each_attempt_leaves_a_record(settings, db) -> None:
    settings.ZHENGWU_TRUSTED_PROXIES = [PROXY]
    meta = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": STRANGER}
    with time_machine.travel(timezone.now(), tick=False):
        for _attempt in range(3):
            assert not sign_in("vice_liu", "wrong-guess", **meta).signed_in
        assert not sign_in("vice_liu", "zhengwu-demo", **meta).signed_in  # waits: refused unseen
        for name in ("governor", "fgw_clerk"):
            sign_in(name, "wrong-guess", **meta)  # the fifth failure from the address locks it
        assert not sign_in("admin", "zhengwu-demo", **meta).signed_in
    assert _count("auth.login_failed", username="vice_liu", ip=STRANGER) == 3
    assert _count("auth.login_delayed", username="vice_liu", ip=STRANGER) == 1
    assert _count("auth.locked_out", ip=STRANGER) >= 1
    assert _count("auth.login_failed", username="admin", ip=STRANGER) == 1  # refused while locked
    assert sign_in("clerk_wendian", "zhengwu-demo").signed_in
    assert AuditRecord.objects.filter(action="auth.login", actor__username="clerk_wendian").exists()


def test_a_wrong_second_factor_is_recorded(settings, db) -> None:
    settings.ZHENGWU_DEMO = False
    c = Client()
    c.post("/login/", {"username": "vice_liu", "password": "zhengwu-demo"})
    c.get("/login/second-factor/")  # enrols (vice_liu must use a second factor)
    response = c.post("/login/second-factor/", {"code": "000000"})
    assert response.status_code == 400
    assert AuditRecord.objects.filter(action="auth.second_factor_failed", actor__username="vice_liu").count() == 1


@pytest.mark.parametrize("username", ["no_such_person"])
def test_an_unknown_name_is_recorded_and_counts_against_no_account(username, db) -> None:
    assert not sign_in(username, "wrong-guess").signed_in
    assert _count("auth.login_failed", username=username) == 1
