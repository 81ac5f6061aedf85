"""Helpers for the oversight tests: frozen time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine

from zhengwu.org.models import Unit

NOW = "2026-02-10 10:00 +0800"  # a Tuesday, before 春节 (02-15..23)
D = dt.date


@pytest.fixture
def frozen() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW) as traveller:
        yield traveller


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)
