"""Helpers for the API tests: JSON calls as a named demo user, by session or by bearer token."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

BEIJING = ZoneInfo("Asia/Shanghai")


class Api:
    """A test client speaking JSON to /api/."""

    def __init__(self, client: Client, **headers: str):
        self.client = client
        self.headers = headers

    def _send(self, method: str, path: str, body: Any = None, **params: Any) -> Any:
        call = getattr(self.client, method)
        url = f"/api{path}"
        if method in {"get", "delete"} and params:
            return call(url, params, headers=self.headers)
        if body is None:
            return call(url, headers=self.headers)
        return call(url, json.dumps(body), content_type="application/json", headers=self.headers)

    def get(self, path: str, **params: Any) -> Any:
        return self._send("get", path, **params)

    def post(self, path: str, body: Any = None) -> Any:
        return self._send("post", path, body)

    def put(self, path: str, body: Any = None) -> Any:
        return self._send("put", path, body)

    def patch(self, path: str, body: Any = None) -> Any:
        return self._send("patch", path, body)

    def delete(self, path: str) -> Any:
        return self._send("delete", path)


@pytest.fixture
def api_as(client_as) -> Callable[[str], Api]:
    """``api_as("vice_liu")`` → JSON calls with vice_liu's web session."""
    return lambda username: Api(client_as(username))


@pytest.fixture
def anonymous(db) -> Api:
    return Api(Client())


@pytest.fixture
def bearer(db) -> Callable[[str], Api]:
    """``bearer(secret)`` → JSON calls with ``Authorization: Bearer secret`` and no session."""
    return lambda secret: Api(Client(), Authorization=f"Bearer {secret}")


@pytest.fixture
def june_2026() -> Iterator[dt.date]:
    """Today is Monday 2026-06-01 (Beijing), so absences in June are reported in advance."""
    with time_machine.travel(dt.datetime(2026, 6, 1, 10, 0, tzinfo=BEIJING), tick=False):
        yield dt.date(2026, 6, 1)
