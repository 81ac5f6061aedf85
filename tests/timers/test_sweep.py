"""Durable timers fire exactly once at their time; failures retry with back-off, then give up."""

from __future__ import annotations

import datetime as dt
import signal
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer, TimerState

pytestmark = pytest.mark.article(63)

RAN: list[str] = []
FAILING: set[str] = set()


@timers.handler("test.kind")
def _test_handler(timer: Timer) -> None:
    if timer.key in FAILING:
        raise ValueError(f"boom {timer.key}")
    RAN.append(timer.key)


NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _reset():
    RAN.clear()
    FAILING.clear()
    yield
    RAN.clear()
    FAILING.clear()


def at(minutes: float) -> dt.datetime:
    return NOW + dt.timedelta(minutes=minutes)


def test_fires_once_at_its_time(db) -> None:
    timer = timers.schedule("test.kind", at(10), "t:1", n=1)
    assert timer.payload == {"n": 1}
    assert timers.sweep(at(9)).fired == 0
    assert RAN == []
    result = timers.sweep(at(10))
    assert (result.fired, result.failed) == (1, 0)
    assert RAN == ["t:1"]
    timer.refresh_from_db()
    assert timer.state == TimerState.FIRED
    assert timer.fired_at == at(10)
    assert timer.attempts == 1
    assert timers.sweep(at(60)).fired == 0
    assert RAN == ["t:1"]


def test_unknown_kind_cannot_be_scheduled(db) -> None:
    with pytest.raises(LookupError, match="no handler"):
        timers.schedule("test.nobody-handles-this", at(1), "t:x")


def test_failing_handler_backs_off_then_fails(db) -> None:
    FAILING.add("t:bad")
    timers.schedule("test.kind", at(0), "t:bad")
    result = timers.sweep(at(0))
    assert (result.fired, result.failed) == (0, 1)
    timer = Timer.objects.get(key="t:bad")
    assert timer.state == TimerState.PENDING
    assert timer.attempts == 1
    assert timer.last_error == "ValueError: boom t:bad"
    assert timer.fire_at == at(2)  # 2^1 minutes later
    assert timers.sweep(at(1)).failed == 0  # not due again yet

    now = at(2)
    for attempt in range(2, timers.MAX_ATTEMPTS + 1):
        assert timers.sweep(now).failed == 1
        timer.refresh_from_db()
        assert timer.attempts == attempt
        now = timer.fire_at
    assert timer.state == TimerState.FAILED
    assert timers.sweep(at(10_000)).failed == 0  # never again
    assert RAN == []


def test_one_failing_timer_does_not_stop_the_others(db) -> None:
    FAILING.add("t:b")
    for key in ("t:a", "t:b", "t:c"):
        timers.schedule("test.kind", at(0), key)
    result = timers.sweep(at(1))
    assert (result.fired, result.failed) == (2, 1)
    assert sorted(RAN) == ["t:a", "t:c"]


def test_a_failing_handlers_writes_are_rolled_back(db) -> None:
    @timers.handler("test.writes_then_fails")
    def _writes(timer: Timer) -> None:
        Timer.objects.filter(key="t:victim").update(state=TimerState.CANCELLED)
        raise RuntimeError("after writing")

    timers.schedule("test.kind", at(100), "t:victim")
    timers.schedule("test.writes_then_fails", at(0), "t:writer")
    assert timers.sweep(at(0)).failed == 1
    assert Timer.objects.get(key="t:victim").state == TimerState.PENDING


def test_cancel(db) -> None:
    timers.schedule("test.kind", at(5), "t:cancel")
    assert timers.cancel("t:cancel") == 1
    assert Timer.objects.get(key="t:cancel").state == TimerState.CANCELLED
    assert timers.sweep(at(10)).fired == 0
    assert RAN == []
    assert timers.cancel("t:cancel") == 0  # nothing pending any more
    assert timers.cancel("t:never-scheduled") == 0


def test_rescheduling_the_same_key_moves_it(db) -> None:
    timers.schedule("test.kind", at(5), "t:move")
    timers.schedule("test.kind", at(30), "t:move", moved=True)
    assert Timer.objects.filter(key="t:move").count() == 1
    assert timers.sweep(at(10)).fired == 0
    assert timers.sweep(at(30)).fired == 1
    assert RAN == ["t:move"]
    assert Timer.objects.get(key="t:move").payload == {"moved": True}


def test_rescheduling_a_fired_timer_arms_it_again(db) -> None:
    timers.schedule("test.kind", at(0), "t:again")
    timers.sweep(at(0))
    timers.schedule("test.kind", at(50), "t:again")
    timer = Timer.objects.get(key="t:again")
    assert (timer.state, timer.attempts, timer.fired_at) == (TimerState.PENDING, 0, None)
    timers.sweep(at(50))
    assert RAN == ["t:again", "t:again"]


def test_sweep_respects_its_limit(db) -> None:
    for i in range(5):
        timers.schedule("test.kind", at(i), f"t:lim{i}")
    assert timers.sweep(at(10), limit=2).fired == 2
    assert RAN == ["t:lim0", "t:lim1"]
    assert timers.sweep(at(10)).fired == 3


def test_worker_once_fires_due_timers(db) -> None:
    saved = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    with time_machine.travel(NOW, tick=False):
        timers.schedule("test.kind", at(-1), "t:worker-due")
        timers.schedule("test.kind", at(60), "t:worker-later")
        out = StringIO()
        try:
            call_command("worker", "--once", stdout=out)
        finally:
            signal.signal(signal.SIGINT, saved[0])
            signal.signal(signal.SIGTERM, saved[1])
    assert RAN == ["t:worker-due"]
    assert "fired 1, failed 0" in out.getvalue()
    assert Timer.objects.get(key="t:worker-later").state == TimerState.PENDING
