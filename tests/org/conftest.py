"""Helpers for the organization's action tests: demo people, frozen time, counts of what was written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
import time_machine

from zhengwu.audit.services import action_records
from zhengwu.notices.models import Notice
from zhengwu.org.models import Absence, ActingArrangement, Person, Position
from zhengwu.timers.models import Timer

NOW = "2026-12-01 09:00 +0800"
D = dt.date


@pytest.fixture
def frozen() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(NOW) as traveller:
        yield traveller


@pytest.fixture
def person(db) -> Callable[[str], Person]:
    def get(username: str) -> Person:
        return Person.objects.select_related("user").get(user__username=username)

    return get


@pytest.fixture
def position(db) -> Callable[[str], Position]:
    """``position("exec_vice")`` → the position that demo account holds."""

    def get(username: str) -> Position:
        return Position.objects.get(appointments__person__user__username=username)

    return get


def counts() -> dict[str, int]:
    return {
        "absences": Absence.objects.count(),
        "audit": action_records().count(),
        "notices": Notice.objects.count(),
        "timers": Timer.objects.count(),
        "acting": ActingArrangement.objects.count(),
    }


def notified(title_part: str) -> set[str]:
    """Usernames that received a notice whose title contains ``title_part``."""
    return set(Notice.objects.filter(title__contains=title_part).values_list("recipient__username", flat=True))


def org_counts() -> dict[str, int]:
    """Rows the administrator's actions write: nothing may change when one is refused."""
    from django.contrib.auth import get_user_model

    from zhengwu.org.models import Appointment, Portfolio, Unit

    return {
        "units": Unit.objects.count(),
        "positions": Position.objects.count(),
        "people": Person.objects.count(),
        "users": get_user_model().objects.count(),
        "appointments": Appointment.objects.count(),
        "portfolios": Portfolio.objects.count(),
        "audit": action_records().count(),
        "notices": Notice.objects.count(),
    }


def signs_in(username: str, password: str) -> bool:
    """Whether the login page lets ``username`` in with ``password`` (through django-axes)."""
    from django.test import Client

    response = Client().post("/login/", {"username": username, "password": password})
    return response.status_code == 302 and response["Location"] == "/"
