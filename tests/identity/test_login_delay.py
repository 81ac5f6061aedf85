"""Delays grow per account, lockout applies per address: after ZHENGWU_LOGIN_DELAY_AFTER (3)
failures, from anywhere, each further attempt on the account must wait longer (2 s, 4 s, 8 s …,
at most 5 minutes), and is refused unseen before then.  So strangers guessing through the proxy
from many addresses slow the 州长 down for seconds, and never lock him out."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from tests.identity.conftest import sign_in
from zhengwu.audit.models import AuditRecord
from zhengwu.identity.models import LoginThrottle
from zhengwu.identity.services import login_delay, login_wait

PROXY = "10.0.0.1"
GOVERNOR_DESK = "198.51.100.7"
STRANGERS = [f"203.0.113.{n}" for n in range(10, 40)]


@pytest.fixture
def behind_proxy(settings, db) -> None:
    settings.ZHENGWU_TRUSTED_PROXIES = [PROXY]


def _from(address: str) -> dict[str, str]:
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": address}


def test_the_delay_doubles_and_is_capped(settings) -> None:
    assert [login_delay(n).total_seconds() for n in range(7)] == [0, 0, 0, 2, 4, 8, 16]
    assert login_delay(50).total_seconds() == 300
    settings.ZHENGWU_LOGIN_DELAY_MAX_SECONDS = 60
    assert login_delay(12).total_seconds() == 60


def test_after_three_failures_the_account_waits_even_with_the_right_password(behind_proxy, user) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _attempt in range(3):
            assert not sign_in("vice_liu", "wrong-guess", **_from(STRANGERS[0])).signed_in
        assert login_wait("vice_liu") == 2
        c = sign_in("vice_liu", "zhengwu-demo", **_from(GOVERNOR_DESK))
        assert not c.signed_in
        page = c.post("/login/", {"username": "vice_liu", "password": "zhengwu-demo"}, **_from(GOVERNOR_DESK))
        assert page.status_code == 429
        assert "秒后再试" in page.content.decode()
    assert LoginThrottle.objects.get(user=user("vice_liu")).failures == 3  # waiting adds no failure
    delayed = AuditRecord.objects.filter(action="auth.login_delayed", details__username="vice_liu")
    assert delayed.count() == 2
    with time_machine.travel(start + dt.timedelta(seconds=3), tick=False):
        assert sign_in("vice_liu", "zhengwu-demo", **_from(GOVERNOR_DESK)).signed_in
    assert LoginThrottle.objects.get(user=user("vice_liu")).failures == 0  # a sign-in clears it


def test_each_further_failure_waits_longer(behind_proxy) -> None:
    start = timezone.now()
    waits = []
    moment = start
    for attempt in range(6):
        with time_machine.travel(moment, tick=False):
            assert not sign_in("fgw_clerk", "wrong-guess", **_from(STRANGERS[attempt])).signed_in
            waits.append(login_wait("fgw_clerk"))
        moment += dt.timedelta(seconds=waits[-1] + 1)
    assert waits == [0, 0, 2, 4, 8, 16]


def test_strangers_through_the_proxy_never_lock_the_governor_out(behind_proxy) -> None:
    """Thirty strangers behind the proxy, each with its own X-Forwarded-For, each trying the
    州长's account as often as the delays let them over ten minutes."""
    start = timezone.now()
    moment, tried = start, 0
    while moment < start + dt.timedelta(minutes=10):
        with time_machine.travel(moment, tick=False):
            wait = login_wait("governor")
            if not wait:
                assert not sign_in("governor", "wrong-guess", **_from(STRANGERS[tried % 30])).signed_in
                tried += 1
        moment += dt.timedelta(seconds=max(wait, 1))
    assert tried < 12  # the delays kept the guesses down to a handful
    # the 州长 at his desk waits at most the cap, then signs in: no lockout, per account or address
    with time_machine.travel(moment + dt.timedelta(minutes=5, seconds=1), tick=False):
        assert login_wait("governor") == 0
        assert sign_in("governor", "zhengwu-demo", **_from(GOVERNOR_DESK)).signed_in


def test_one_address_guessing_many_accounts_is_locked_out(behind_proxy) -> None:
    for name in ("governor", "vice_liu", "fgw_clerk", "clerk_wendian", "secretary_general"):
        assert not sign_in(name, "wrong-guess", **_from(STRANGERS[0])).signed_in
    assert not sign_in("admin", "zhengwu-demo", **_from(STRANGERS[0])).signed_in  # the address is locked
    assert AuditRecord.objects.filter(action="auth.locked_out").exists()
    assert sign_in("governor", "zhengwu-demo", **_from(GOVERNOR_DESK)).signed_in  # one failure: no wait
