"""Helpers for the identity tests: JSON calls as a demo user (session or token), signing in."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from tests.api.conftest import Api
from zhengwu.org.models import Person


@pytest.fixture
def api_as(client_as) -> Callable[[str], Api]:
    return lambda username: Api(client_as(username))


@pytest.fixture
def bearer(db) -> Callable[[str], Api]:
    return lambda secret: Api(Client(), Authorization=f"Bearer {secret}")


def sign_in(username: str, password: str, **extra: str) -> Client:
    """A client that posted the login form (check ``.signed_in``)."""
    c = Client()
    response = c.post("/login/", {"username": username, "password": password}, **extra)
    c.signed_in = response.status_code == 302 and response["Location"] == "/"  # type: ignore[attr-defined]
    return c


@pytest.fixture
def person(db) -> Callable[[str], Person]:
    """``person("fgw_clerk")`` → that demo account's person."""
    return lambda username: Person.objects.select_related("user").get(user__username=username)
