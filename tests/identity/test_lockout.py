"""The lockout is keyed on the client address; behind the TLS proxy the client address comes from
X-Forwarded-For, believed only from a configured proxy.  A stranger's wrong guesses therefore lock
the stranger's address, never the 州长 at his own.  (The growing per-account delay, which would
otherwise slow these guesses down, is switched off here: tests/identity/test_login_delay.py.)"""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from tests.identity.conftest import sign_in
from zhengwu.core.client_ip import client_ip

PROXY = "10.0.0.1"
STRANGER = "203.0.113.9"
GOVERNOR_DESK = "198.51.100.7"


@pytest.fixture
def behind_proxy(settings, db) -> None:
    settings.ZHENGWU_TRUSTED_PROXIES = [PROXY]
    settings.ZHENGWU_LOGIN_DELAY_AFTER = 1000


def _guess_wrong(times: int, **meta: str) -> None:
    for _attempt in range(times):
        assert not sign_in("governor", "wrong-guess", **meta).signed_in


def test_client_address_from_a_trusted_proxy_only(behind_proxy) -> None:
    rf = RequestFactory()
    via_proxy = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{STRANGER}")
    assert client_ip(via_proxy) == STRANGER
    chained = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"1.2.3.4, {STRANGER}, {PROXY}")
    assert client_ip(chained) == STRANGER  # the right-most address that is not a proxy
    forged = rf.get("/", REMOTE_ADDR=STRANGER, HTTP_X_FORWARDED_FOR=GOVERNOR_DESK)
    assert client_ip(forged) == STRANGER  # not from the proxy: the header is not believed
    garbage = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_ip(garbage) == PROXY


def test_without_a_configured_proxy_the_header_is_ignored(settings) -> None:
    settings.ZHENGWU_TRUSTED_PROXIES = []
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=STRANGER)
    assert client_ip(request) == PROXY


def test_a_strangers_guesses_through_the_proxy_do_not_lock_the_governor_out(behind_proxy) -> None:
    _guess_wrong(5, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=STRANGER)
    # the stranger is locked out, even with the right password
    locked = sign_in("governor", "zhengwu-demo", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=STRANGER)
    assert not locked.signed_in
    # the 州长, through the same proxy from his own address, signs in
    assert sign_in("governor", "zhengwu-demo", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=GOVERNOR_DESK).signed_in


def test_a_forged_header_from_outside_the_proxy_locks_only_the_forger(behind_proxy) -> None:
    _guess_wrong(5, REMOTE_ADDR=STRANGER, HTTP_X_FORWARDED_FOR=GOVERNOR_DESK)
    assert not sign_in("governor", "zhengwu-demo", REMOTE_ADDR=STRANGER).signed_in
    assert sign_in("governor", "zhengwu-demo", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=GOVERNOR_DESK).signed_in


def test_the_same_address_is_still_locked_after_five_failures(behind_proxy) -> None:
    _guess_wrong(5, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=GOVERNOR_DESK)
    assert not sign_in("governor", "zhengwu-demo", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=GOVERNOR_DESK).signed_in
