"""Besides the idle timeout, a session ends ZHENGWU_SESSION_MAX_HOURS (12) after sign-in however
busy it is: the page goes to the login form, the API answers 401 ``session_expired``."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone

from tests.api.conftest import Api
from tests.identity.conftest import sign_in
from zhengwu.identity.models import SessionRecord


def _busy_until(client, start: dt.datetime, hours: float) -> None:
    """A request every ten minutes from ``start`` for ``hours``: never idle."""
    minutes = 10
    while minutes <= hours * 60:
        with time_machine.travel(start + dt.timedelta(minutes=minutes), tick=False):
            assert client.get("/").status_code == 200, minutes
        minutes += 10


def test_a_busy_session_ends_after_twelve_hours(db) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        c = sign_in("clerk_wendian", "zhengwu-demo")
    _busy_until(c, start, 11.9)
    with time_machine.travel(start + dt.timedelta(hours=12, minutes=1), tick=False):
        page = c.get("/documents/")
        assert page.status_code == 302
        assert page["Location"].startswith("/login/")
        assert c.get("/").status_code == 302
    assert SessionRecord.objects.get(user__username="clerk_wendian").end_reason == "session_expired"


def test_the_api_says_why(db, settings) -> None:
    settings.ZHENGWU_SESSION_MAX_HOURS = 1
    settings.ZHENGWU_SESSION_IDLE_MINUTES = 120
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        api = Api(sign_in("vice_liu", "zhengwu-demo"))
    with time_machine.travel(start + dt.timedelta(minutes=50), tick=False):
        assert api.get("/me").status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=61), tick=False):
        response = api.get("/me")
    assert response.status_code == 401
    assert response.json()["code"] == "session_expired"
