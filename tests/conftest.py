"""Shared fixtures: the demo government, loaded once per test session, and its named people.

Tests use the demo accounts by name, on both sides of each permission line, e.g.
``vice_liu`` (a 副州长) and ``fgw_clerk`` (a department clerk) for an absence report; see
``zhengwu/org/demo.py`` for who is who.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.test import Client

from zhengwu.core.rulebook_view import RulebookView
from zhengwu.rulebook import annotations

#: The instant the whole test session runs at (the clock ticks on from it): nothing in the suite
#: depends on the real date.  ``ZHENGWU_TEST_NOW=2031-12-28T10:00+08:00 make pytest`` runs the suite
#: at another moment (``tests/workdays/test_any_date.py`` proves the demo and a document's path on
#: the dates that matter: the end of the last official year, and two years past it).
SESSION_NOW = dt.datetime.fromisoformat(os.environ.get("ZHENGWU_TEST_NOW", "2026-06-15T10:00:00+08:00"))


@pytest.fixture(scope="session", autouse=True)
def session_clock() -> Iterator[None]:
    """Set the clock for the whole session, before the demo is loaded."""
    with time_machine.travel(SESSION_NOW, tick=True):
        yield


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Each test starts in the installation's language (Chinese): a request under /en/ earlier in
    the same process leaves English active in the thread, as Django's LocaleMiddleware does."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_rulebook_views() -> Iterator[None]:
    """The rulebook's views are cached per process by (version id, revision); a rolled-back test's
    version id is used again by the next test's (SQLite reuses row ids), so each test starts clean."""
    from zhengwu.rulebook.services import forget_views

    yield
    forget_views()


@pytest.fixture(scope="session", autouse=True)
def refusals_must_cite() -> Iterator[None]:
    """Every refusal the suite provokes must cite its article: a ``Refused`` built from an uncited
    decision raises (``tests/core/test_refusals_cite.py``)."""
    from zhengwu.core import decisions

    decisions.REQUIRE_CITATIONS = True
    yield
    decisions.REQUIRE_CITATIONS = False


@pytest.fixture(scope="session")
def django_db_setup(session_clock, django_db_setup, django_db_blocker):
    """Migrate (pytest-django), then load the demo government once for the whole session."""
    from zhengwu.org.management.commands.demo import load_demo

    with django_db_blocker.unblock():
        load_demo()
        _without_demo_timers()


@pytest.fixture
def demo_loaded(db) -> None:
    """For transactional tests (the database is flushed after each): make sure the demo is there."""
    from zhengwu.org.management.commands.demo import load_demo

    load_demo()
    _without_demo_timers()


def _without_demo_timers() -> None:
    """The demo's own material (a draft open for comment, supervision items…) schedules timers
    dated from today; tests sweep at frozen times and count what fires, so each test starts with
    only the timers it schedules itself.  The areas' own tests cover their demo paths' timers."""
    from zhengwu.timers.models import Timer

    Timer.objects.all().delete()


@pytest.fixture
def user(db) -> Callable[[str], AbstractUser]:
    """``user("vice_liu")`` → that demo account."""

    def get(username: str) -> AbstractUser:
        return get_user_model().objects.get(username=username)

    return get


@pytest.fixture
def client_as(db) -> Callable[[str], Client]:
    """``client_as("clerk_wendian")`` → a test client logged in as that demo account."""

    def make(username: str) -> Client:
        c = Client()
        c.force_login(get_user_model().objects.get(username=username))
        return c

    return make


@pytest.fixture(scope="session")
def kizilsu() -> RulebookView:
    """The Kizilsu rulebook as pure rules see it, straight from its data file (no database)."""
    return annotations.load().view()
