"""Helpers for the petitions tests: frozen time, a registered letter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine

from zhengwu.org.models import Unit
from zhengwu.petitions.actions import PetitionerData, register
from zhengwu.petitions.models import Petition

NOW = "2026-02-05 09:00 +0800"  # a Thursday, ten days before 春节 (02-15..23)
D = dt.date


@pytest.fixture
def frozen() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW) as traveller:
        yield traveller


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


PETITIONER = PetitionerData(
    name="测试·张某某", id_number="653001198001011234", phone="13812345678", address="阿图什市测试路8号"
)


@pytest.fixture
def letter(user, frozen) -> Callable[..., Petition]:
    """``letter(unit_code="jyj", important=False)`` → a letter registered by the 信访局 today."""

    def make(unit_code: str = "jyj", **kwargs: Any) -> Petition:
        args: dict[str, Any] = {
            "channel": "letter",
            "received_on": D(2026, 2, 5),
            "summary": "反映某中学食堂卫生问题。",
            "unit_concerned": unit(unit_code),
            "petitioner": PETITIONER,
        }
        args.update(kwargs)
        return register(user("xfj_head"), **args)

    return make
