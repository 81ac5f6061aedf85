"""Durable timers fire exactly once at their time; failures retry with back-off, then give up."""

from __future__ import annotations

import datetime as dt
import os
import signal
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

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


def test_a_full_batch_says_more_may_be_due(db) -> None:
    for i in range(3):
        timers.schedule("test.kind", at(i), f"t:more{i}")
    first = timers.sweep(at(10), limit=2)
    assert (first.fired, first.more) == (2, True)
    second = timers.sweep(at(10), limit=2)
    assert (second.fired, second.more) == (1, False)
    assert timers.sweep(at(10), limit=2).more is False  # nothing due


def test_drain_fires_every_due_timer_in_batches_each_in_its_own_transaction(db) -> None:
    FAILING.add("t:drain2")
    for i in range(5):
        timers.schedule("test.kind", at(i), f"t:drain{i}")
    timers.schedule("test.kind", at(60), "t:drain-later")
    result = timers.drain(at(10), limit=2)
    assert (result.fired, result.failed) == (4, 1)
    assert RAN == ["t:drain0", "t:drain1", "t:drain3", "t:drain4"]  # the failing one undid nothing else
    assert Timer.objects.get(key="t:drain2").state == TimerState.PENDING  # retried later, with back-off
    assert Timer.objects.get(key="t:drain-later").state == TimerState.PENDING


def _worker(*args: str) -> str:
    saved = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    out = StringIO()
    try:
        call_command("worker", *args, stdout=out)
    finally:
        signal.signal(signal.SIGINT, saved[0])
        signal.signal(signal.SIGTERM, saved[1])
    return out.getvalue()


def test_a_timer_due_while_the_worker_was_down_fires_exactly_once_when_it_starts_again(db) -> None:
    with time_machine.travel(NOW, tick=False):
        timers.schedule("test.kind", at(5), "t:while-down")
        assert "fired" not in _worker("--once")  # not due yet; then the worker stops
    with time_machine.travel(at(180), tick=False):  # three hours later the worker starts again
        assert "fired 1, failed 0" in _worker("--once")
        assert "fired" not in _worker("--once")  # and again: nothing fires twice
        assert timers.sweep().fired == 0
    assert RAN == ["t:while-down"]
    timer = Timer.objects.get(key="t:while-down")
    assert (timer.state, timer.attempts, timer.fired_at) == (TimerState.FIRED, 1, at(180))


def test_worker_once_works_off_a_backlog_in_batches(db) -> None:
    with time_machine.travel(NOW, tick=False):
        for i in range(5):
            timers.schedule("test.kind", at(-60 + i), f"t:backlog{i}")
        out = _worker("--once", "--batch", "2")
    assert RAN == ["t:backlog0", "t:backlog1", "t:backlog2", "t:backlog3", "t:backlog4"]
    assert out.count("fired 2, failed 0") == 2
    assert "fired 1, failed 0" in out


def test_worker_sweeps_again_at_once_while_its_batches_come_back_full(db, monkeypatch) -> None:
    """The worker does not wait its interval while due timers remain; it waits when none do."""
    from zhengwu.timers.management.commands import worker

    fired_before_first_wait: list[int] = []

    def sleep(seconds: float) -> None:  # the worker's first wait: stop it there
        fired_before_first_wait.append(len(RAN))
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(worker.time, "sleep", sleep)
    with time_machine.travel(NOW, tick=False):
        for i in range(5):
            timers.schedule("test.kind", at(-60 + i), f"t:loop{i}")
        _worker("--batch", "2", "--interval", "3600")
    assert fired_before_first_wait == [5]


def test_worker_batch_must_be_positive(db) -> None:
    with pytest.raises(CommandError, match="--batch"):
        _worker("--once", "--batch", "0")


BATCHES: list[list[str]] = []


@timers.batch_handler("test.batch")
def _test_batch_handler(batch) -> None:
    if any(t.key in FAILING for t in batch):
        Timer.objects.filter(key="t:victim").update(state=TimerState.CANCELLED)  # undone with the batch
        raise ValueError("boom in batch")
    BATCHES.append([t.key for t in batch])


def test_a_batch_handler_fires_its_due_timers_together_in_one_claim(db, django_assert_max_num_queries) -> None:
    BATCHES.clear()
    for i in range(4):
        timers.schedule("test.batch", at(i), f"t:b{i}")
    timers.schedule("test.batch", at(60), "t:b-later")
    # claim (1) + one transaction for the batch: the handler, the mark (1) and the savepoints
    with django_assert_max_num_queries(6):
        result = timers.sweep(at(10))
    assert (result.fired, result.failed, result.more) == (4, 0, False)
    assert BATCHES == [["t:b0", "t:b1", "t:b2", "t:b3"]]
    fired = Timer.objects.filter(key__startswith="t:b", state=TimerState.FIRED)
    assert sorted(fired.values_list("key", flat=True)) == ["t:b0", "t:b1", "t:b2", "t:b3"]
    assert {t.attempts for t in fired} == {1}
    assert {t.fired_at for t in fired} == {at(10)}
    assert timers.sweep(at(10)).fired == 0  # exactly once
    assert BATCHES == [["t:b0", "t:b1", "t:b2", "t:b3"]]


def test_a_failing_batch_is_undone_and_its_timers_fired_one_by_one(db) -> None:
    BATCHES.clear()
    FAILING.add("t:bb1")
    timers.schedule("test.kind", at(100), "t:victim")
    for i in range(3):
        timers.schedule("test.batch", at(i), f"t:bb{i}")
    result = timers.sweep(at(10))
    assert (result.fired, result.failed) == (2, 1)
    assert BATCHES == [["t:bb0"], ["t:bb2"]]
    assert Timer.objects.get(key="t:victim").state == TimerState.PENDING
    bad = Timer.objects.get(key="t:bb1")
    assert (bad.state, bad.attempts, bad.last_error) == (TimerState.PENDING, 1, "ValueError: boom in batch")


def test_timers_claimed_by_a_killed_worker_fire_exactly_once_after_the_lease(db) -> None:
    """A worker killed (kill -9) after its claim committed and before its batch did leaves only the
    claim behind: nobody fires those timers while the lease holds; afterwards one sweep does, once."""
    BATCHES.clear()
    for i in range(3):
        timers.schedule("test.batch", at(i), f"t:k{i}")
    token, claimed = timers.claim(at(5), limit=2)  # ... and the worker dies here
    assert [t.key for t in claimed] == ["t:k0", "t:k1"]
    assert Timer.objects.filter(claimed_by=token, state=TimerState.PENDING).count() == 2
    during = timers.sweep(at(6))  # another worker, within the lease: only the unclaimed one
    assert during.fired == 1
    assert BATCHES == [["t:k2"]]
    after = timers.sweep(at(5) + timers.LEASE)
    assert after.fired == 2
    assert BATCHES == [["t:k2"], ["t:k0", "t:k1"]]
    assert timers.sweep(at(5) + 3 * timers.LEASE).fired == 0
    k0 = Timer.objects.get(key="t:k0")
    assert (k0.state, k0.attempts) == (TimerState.FIRED, 2)  # claimed twice, fired once


@timers.handler("test.leaves_a_mark")
def _leaves_a_mark(timer: Timer) -> None:
    timers.schedule("test.kind", at(1000), f"{timer.key}:effect")


def test_a_sweep_whose_claim_was_taken_over_fires_nothing(db) -> None:
    """The slow worker comes back after its lease expired and another claimed the timer: its
    transaction is undone (the mark needs the claim), so the timer fires once, by the other."""
    timers.schedule("test.leaves_a_mark", at(0), "t:slow")
    old_token, (timer,) = timers.claim(at(0))
    assert timers.claim(at(1))[1] == []  # within the lease nobody else claims it
    new_token, _ = timers.claim(at(0) + timers.LEASE)
    assert timers._fire_single(timer, old_token, at(0)) == "skipped"
    assert not Timer.objects.filter(key="t:slow:effect").exists()  # the handler ran; its write was undone
    slow = Timer.objects.get(key="t:slow")
    assert (slow.claimed_by, slow.state) == (new_token, TimerState.PENDING)
    assert timers.sweep(at(0) + 2 * timers.LEASE).fired == 1  # the new claim's lease expired too: fired once
    assert Timer.objects.filter(key="t:slow:effect").count() == 1
    assert timers.sweep(at(0) + 4 * timers.LEASE).fired == 0


@timers.handler("test.cancels_itself")
def _cancels_itself(timer: Timer) -> None:
    """Like an act that a timer runs and a person can take by hand: it cancels its own timer."""
    RAN.append(timer.key)
    timers.cancel(timer.key)


@timers.handler("test.arms_again")
def _arms_again(timer: Timer) -> None:
    """Like a reminder that arms itself for the next day."""
    RAN.append(timer.key)
    timers.schedule("test.arms_again", at(24 * 60), timer.key)


def test_a_handler_that_cancels_its_own_timer_fires_once(db) -> None:
    timers.schedule("test.cancels_itself", at(0), "t:self")
    assert timers.sweep(at(1)).fired == 1
    assert RAN == ["t:self"]
    assert Timer.objects.get(key="t:self").state == TimerState.CANCELLED
    assert timers.sweep(at(1) + 2 * timers.LEASE).fired == 0
    assert RAN == ["t:self"]


def test_a_handler_that_arms_its_timer_again_fires_it_at_the_new_time(db) -> None:
    timers.schedule("test.arms_again", at(0), "t:again")
    assert timers.sweep(at(1)).fired == 1
    again = Timer.objects.get(key="t:again")
    assert (again.state, again.fire_at) == (TimerState.PENDING, at(24 * 60))
    assert timers.sweep(at(60)).fired == 0
    assert timers.sweep(at(24 * 60)).fired == 1
    assert RAN == ["t:again", "t:again"]
