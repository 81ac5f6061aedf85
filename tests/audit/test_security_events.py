"""Logins, logouts, failed logins, lockouts, refusals, 403s and server errors are audit records of the
chain (issue 11: none of them were, and axes deleted its records of a lockout at the next login)."""

from __future__ import annotations

import logging

import pytest
from axes.models import AccessFailureLog
from django.test import Client

from zhengwu.audit import services as audit
from zhengwu.audit.models import AuditRecord

pytestmark = pytest.mark.article(63)

PASSWORD = "zhengwu-demo"


def _after(seq: int, action: str):
    return AuditRecord.objects.filter(seq__gt=seq, action=action).order_by("seq")


def _head() -> int:
    last = AuditRecord.objects.order_by("-seq").first()
    return last.seq if last else 0


def test_login_and_logout_are_recorded(db) -> None:
    start = _head()
    c = Client()
    assert c.post("/login/", {"username": "clerk_wendian", "password": PASSWORD}).status_code == 302
    login = _after(start, "auth.login").get()
    assert login.actor is not None
    assert login.actor.username == "clerk_wendian"
    assert login.details["ip"] == "127.0.0.1"
    assert c.post("/logout/").status_code == 302
    assert _after(start, "auth.logout").get().actor_id == login.actor_id
    assert audit.verify().ok


def test_failures_and_the_lockout_stay_after_the_next_successful_login(db, settings) -> None:
    settings.ZHENGWU_LOGIN_DELAY_AFTER = 1000  # the account's growing delay: tests/identity/test_login_delay.py
    start = _head()
    c = Client()
    for _ in range(5):
        c.post("/login/", {"username": "clerk_huiwu", "password": "wrong"})
    failures = _after(start, "auth.login_failed")
    assert failures.count() == 5
    assert failures.first().details["username"] == "clerk_huiwu"  # type: ignore[union-attr]
    assert _after(start, "auth.locked_out").exists()
    # Another address, the right password: axes resets its counter for the account …
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post("/login/", {"username": "clerk_huiwu", "password": PASSWORD}).status_code == 302
    # … and the record of every failure and of the lockout stays, in the chain and in axes' own log.
    assert _after(start, "auth.login_failed").count() == 5
    assert _after(start, "auth.locked_out").exists()
    assert AccessFailureLog.objects.filter(username="clerk_huiwu").count() >= 5
    assert audit.verify().ok


def test_a_refused_action_is_recorded_with_its_article(client_as) -> None:
    api = client_as("clerk_wendian")
    start = _head()
    response = api.patch(
        "/api/rules/parameters/countersign.reply_days",
        {"value": 5, "reason": "试试"},
        content_type="application/json",
    )
    assert response.status_code == 403
    refused = _after(start, "security.refused").get()
    assert refused.actor is not None
    assert refused.actor.username == "clerk_wendian"
    assert refused.article == 68
    assert refused.details["codes"] == ["admin.required"]
    assert refused.details["path"] == "/api/rules/parameters/countersign.reply_days"
    assert "只有系统管理员" in refused.summary
    assert not audit.action_records().filter(seq__gt=start).exists()  # the action itself wrote nothing


def test_a_permission_refusal_is_recorded(client_as) -> None:
    c = client_as("fgw_clerk")
    start = _head()
    assert c.post("/audit/verify/").status_code == 403
    assert _after(start, "security.refused").exists() or _after(start, "security.forbidden").exists()


@pytest.mark.urls("tests.audit.boom_urls")
def test_a_server_error_is_recorded_and_its_traceback_logged(client_as, caplog) -> None:
    c = client_as("clerk_wendian")
    c.raise_request_exception = False
    start = _head()
    request_log = logging.getLogger("django.request")
    request_log.addHandler(caplog.handler)  # it does not propagate: it has its own handler
    try:
        assert c.get("/boom/").status_code == 500
    finally:
        request_log.removeHandler(caplog.handler)
    error = _after(start, "security.server_error").get()
    assert error.details["exception"] == "RuntimeError"
    assert error.details["path"] == "/boom/"
    assert error.actor is not None
    assert error.actor.username == "clerk_wendian"
    assert any("boom: a bug in a view" in (r.exc_text or "") or r.exc_info for r in caplog.records)
    assert audit.verify().ok
