"""Sessions end after ZHENGWU_SESSION_IDLE_MINUTES without use (besides their absolute lifetime),
and a user signs out through the page or the API."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.conf import settings
from django.utils import timezone

from tests.api.conftest import Api


def test_idle_default_is_fifteen_minutes_and_absolute_lifetime_twelve_hours() -> None:
    assert settings.ZHENGWU_SESSION_IDLE_MINUTES == 15
    assert settings.ZHENGWU_SESSION_MAX_HOURS == 12
    assert settings.SESSION_COOKIE_AGE == 12 * 3600


def test_a_session_used_within_the_idle_time_goes_on(client_as) -> None:
    c = client_as("clerk_wendian")
    start = timezone.now()
    assert c.get("/").status_code == 200
    for minutes in (14, 28, 42):  # each request within 15 minutes of the one before
        with time_machine.travel(start + dt.timedelta(minutes=minutes), tick=False):
            assert c.get("/").status_code == 200


def test_an_idle_session_ends(client_as) -> None:
    c = client_as("clerk_wendian")
    start = timezone.now()
    assert c.get("/").status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=16), tick=False):
        page = c.get("/documents/")
        assert page.status_code == 302
        assert page["Location"].startswith("/login/")
        assert c.get("/").status_code == 302  # signed out, not just turned away once


def test_an_idle_session_is_401_on_the_api(client_as, settings) -> None:
    settings.ZHENGWU_SESSION_IDLE_MINUTES = 5
    api = Api(client_as("vice_liu"))
    start = timezone.now()
    assert api.get("/me").status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=6), tick=False):
        response = api.get("/me")
    assert response.status_code == 401
    assert response.json()["code"] == "session_idle"


def test_logout_by_api_and_by_page(client_as) -> None:
    api = Api(client_as("vice_liu"))
    assert api.post("/account/logout").json()["detail"] == "已退出登录。"
    assert api.get("/me").status_code == 401
    c = client_as("governor")
    assert c.post("/logout/").status_code == 302
    assert c.get("/").status_code == 302


def test_a_sign_in_starts_the_idle_clock_and_reads_the_password_flag_once(db) -> None:
    """The receiver of ``user_logged_in`` stays connected (it once was a weakly held closure, which
    was collected at once): a session knows both facts from its sign-in on, so pages need not ask."""
    import gc

    from django.contrib.auth import get_user_model
    from django.test import Client

    from zhengwu.identity.services import LAST_SEEN, MUST_CHANGE

    gc.collect()
    c = Client()
    c.force_login(get_user_model().objects.get(username="clerk_wendian"))
    assert LAST_SEEN in c.session
    assert MUST_CHANGE in c.session
    assert not c.session[MUST_CHANGE]  # no change due: nothing for the pages to ask
