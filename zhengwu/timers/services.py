"""Scheduling and firing durable timers.

Actions call :func:`schedule` (and :func:`cancel`) inside their transaction.  The worker
(``zhengwu worker``) calls :func:`sweep` in a loop: one query finds up to a batch of due timers, each
is fired in its own transaction with the row locked (``SELECT … FOR UPDATE SKIP LOCKED`` on
PostgreSQL, so several workers never fire the same timer; SQLite serialises writers), re-checked as
still pending, handled, and marked fired in that same transaction.  A sweep that fills its batch
says so (:attr:`SweepResult.more`) and the worker sweeps again at once; :func:`drain` does the same
in one call.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from zhengwu.core.memo import scope as memo_scope
from zhengwu.timers.models import Timer, TimerState

log = logging.getLogger("zhengwu.timers")

Handler = Callable[[Timer], None]
_HANDLERS: dict[str, Handler] = {}
MAX_ATTEMPTS = 5


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the function that fires timers of ``kind`` (apps register theirs in ``ready()``)."""

    def register(func: Handler) -> Handler:
        _HANDLERS[kind] = func
        return func

    return register


def schedule(kind: str, fire_at: dt.datetime, key: str, **payload: Any) -> Timer:
    """Schedule (or move) the timer identified by ``key``.  Call inside the action's transaction."""
    if kind not in _HANDLERS:
        raise LookupError(f"no handler is registered for timers of kind {kind!r}")
    timer, _ = Timer.objects.update_or_create(
        key=key,
        defaults={
            "kind": kind,
            "fire_at": fire_at,
            "payload": payload,
            "state": TimerState.PENDING,
            "fired_at": None,
            "attempts": 0,
            "last_error": "",
        },
    )
    return timer


def move(key: str, fire_at: dt.datetime) -> bool:
    """Move a timer that has not fired yet; one that fired (or was cancelled) stays as it is, so a
    recomputed deadline never fires twice.  True if a pending timer was moved."""
    return bool(Timer.objects.filter(key=key, state=TimerState.PENDING).update(fire_at=fire_at))


def cancel(key: str) -> int:
    return Timer.objects.filter(key=key, state=TimerState.PENDING).update(state=TimerState.CANCELLED)


BATCH = 500


@dataclass
class SweepResult:
    fired: int = 0
    failed: int = 0
    skipped: int = 0
    more: bool = False
    """The sweep filled its batch and made progress: more timers may be due now."""

    def add(self, other: SweepResult) -> None:
        self.fired += other.fired
        self.failed += other.failed
        self.skipped += other.skipped


def _lock(timer_id: int) -> Timer | None:
    qs = Timer.objects.filter(pk=timer_id, state=TimerState.PENDING)
    if connection.features.has_select_for_update_skip_locked:
        qs = qs.select_for_update(skip_locked=True)
    return qs.first()


def fire_one(timer_id: int, now: dt.datetime) -> str:
    """Fire one timer exactly once; returns "fired", "failed" or "skipped"."""
    try:
        with transaction.atomic():
            timer = _lock(timer_id)
            if timer is None or timer.fire_at > now:
                return "skipped"
            _HANDLERS[timer.kind](timer)
            timer.state, timer.fired_at = TimerState.FIRED, now
            timer.attempts += 1
            timer.save(update_fields=["state", "fired_at", "attempts"])
            return "fired"
    except Exception as exc:
        log.exception("timer %s failed", timer_id)
        timer = Timer.objects.get(pk=timer_id)
        timer.attempts += 1
        timer.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if timer.attempts >= MAX_ATTEMPTS:
            timer.state = TimerState.FAILED
        else:  # back off: retry after 2^attempts minutes
            timer.fire_at = now + dt.timedelta(minutes=2**timer.attempts)
        timer.save(update_fields=["attempts", "last_error", "state", "fire_at"])
        return "failed"


def sweep(now: dt.datetime | None = None, limit: int = BATCH) -> SweepResult:
    """Fire due timers, up to ``limit`` per call, each in its own transaction."""
    now = now or timezone.now()
    due = list(
        Timer.objects.filter(state=TimerState.PENDING, fire_at__lte=now)
        .order_by("fire_at", "id")
        .values_list("id", flat=True)[:limit]
    )
    result = SweepResult()
    with memo_scope():  # facts read by many handlers in one sweep (who holds a post) are read once
        for timer_id in due:
            outcome = fire_one(timer_id, now)
            setattr(result, outcome, getattr(result, outcome) + 1)
    # A full batch that fired or failed something may have left due timers behind.  (A batch that
    # was all skipped is being fired by another worker: no point in asking again at once.)
    result.more = len(due) == limit and result.fired + result.failed > 0
    return result


def drain(now: dt.datetime | None = None, limit: int = BATCH) -> SweepResult:
    """Sweep batch after batch until no batch comes back full: every timer due at ``now`` (the
    current time for each batch when None) is fired or has failed."""
    total = SweepResult()
    while True:
        result = sweep(now, limit)
        total.add(result)
        if not result.more:
            return total
