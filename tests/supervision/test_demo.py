"""The demo material: a few items in several states, loaded once (idempotent)."""

from __future__ import annotations

import pytest

from zhengwu.supervision.demo import DEMO_TITLES, load_demo
from zhengwu.supervision.models import SupervisionItem
from zhengwu.timers.models import Timer

pytestmark = pytest.mark.django_db


def test_demo_items_are_there_once() -> None:
    assert load_demo() is False  # the session's demo load made them already
    states = dict(SupervisionItem.objects.filter(title__in=DEMO_TITLES).values_list("title", "state"))
    assert states == {DEMO_TITLES[0]: "open", DEMO_TITLES[1]: "reported", DEMO_TITLES[2]: "closed"}


def test_the_demo_schedules_its_items_timers() -> None:
    # tests start without the demo's timers (tests/conftest.py); loading the items afresh schedules them
    SupervisionItem.objects.filter(title__in=DEMO_TITLES).delete()
    assert load_demo() is True
    keys = [
        f"supervision:item:{pk}:"
        for pk in SupervisionItem.objects.filter(title__in=DEMO_TITLES).values_list("pk", flat=True)
    ]
    pending = [t for t in Timer.objects.filter(state="pending") if any(t.key.startswith(k) for k in keys)]
    assert pending
    from django.utils import timezone

    assert all(t.fire_at > timezone.now() for t in pending)
