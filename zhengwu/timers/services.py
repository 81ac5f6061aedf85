"""Scheduling and firing durable timers.

Actions call :func:`schedule` (and :func:`cancel`) inside their transaction.  The worker
(``zhengwu worker``) calls :func:`sweep` in a loop.  A sweep claims a batch of due timers with one
``UPDATE … RETURNING`` (the rows chosen ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so several workers
never claim the same timer; SQLite serialises writers): each claimed row gets the sweep's token and a
lease.  Then, per kind:

- a kind whose handler takes a list (:func:`batch_handler`) fires its whole batch in one
  transaction, which also marks the timers fired; if that transaction fails, each timer of the batch
  is fired alone, so one bad timer holds back no other;
- a kind whose handler takes one timer (:func:`handler`) fires each timer in its own transaction.

A timer is marked fired only while the sweep still holds its claim (same token, still pending), in the
handler's transaction: the handler's effects and the mark commit together or not at all.  A worker
killed between its claim and its commit (``kill -9``) leaves the timers pending and claimed; once the
lease has expired another sweep claims them again and fires them, once.

A sweep that fills its batch says so (:attr:`SweepResult.more`) and the worker sweeps again at once;
:func:`drain` does the same in one call.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from zhengwu.core.memo import action_scope
from zhengwu.core.memo import scope as memo_scope
from zhengwu.timers.models import Timer, TimerState

log = logging.getLogger("zhengwu.timers")

Handler = Callable[[Timer], None]
BatchHandler = Callable[[Sequence[Timer]], None]
_HANDLERS: dict[str, Handler] = {}
_BATCH_HANDLERS: dict[str, BatchHandler] = {}
MAX_ATTEMPTS = 5
BATCH = 500
LEASE = dt.timedelta(minutes=5)
"""How long a claim holds: a batch must be fired within it, or another sweep may claim it again."""


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the function that fires one timer of ``kind`` (apps register theirs in ``ready()``)."""

    def register(func: Handler) -> Handler:
        _HANDLERS[kind] = func
        _BATCH_HANDLERS.pop(kind, None)
        return func

    return register


def batch_handler(kind: str) -> Callable[[BatchHandler], BatchHandler]:
    """Register the function that fires a list of timers of ``kind`` in one transaction.  It must
    leave each timer's effects as if it had fired alone (it is also called with one timer, when its
    batch failed)."""

    def register(func: BatchHandler) -> BatchHandler:
        _BATCH_HANDLERS[kind] = func
        _HANDLERS[kind] = lambda timer: func([timer])
        return func

    return register


_RESET = {"state": TimerState.PENDING, "fired_at": None, "attempts": 0, "last_error": "", "claimed_by": ""}


def schedule(kind: str, fire_at: dt.datetime, key: str, **payload: Any) -> Timer:
    """Schedule (or move, and arm again) the timer identified by ``key``: one upsert (``INSERT … ON
    CONFLICT (key) DO UPDATE``).  Call inside the action's transaction."""
    if kind not in _HANDLERS:
        raise LookupError(f"no handler is registered for timers of kind {kind!r}")
    timer = Timer(kind=kind, fire_at=fire_at, key=key, payload=payload, lease_until=None, **_RESET)
    Timer.objects.bulk_create(
        [timer],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["kind", "fire_at", "payload", "lease_until", *_RESET],
    )
    return timer


def move(key: str, fire_at: dt.datetime) -> bool:
    """Move a timer that has not fired yet; one that fired (or was cancelled) stays as it is, so a
    recomputed deadline never fires twice.  True if a pending timer was moved."""
    return bool(Timer.objects.filter(key=key, state=TimerState.PENDING).update(fire_at=fire_at))


def cancel(key: str) -> int:
    return Timer.objects.filter(key=key, state=TimerState.PENDING).update(state=TimerState.CANCELLED)


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


class LeaseLost(Exception):
    """The sweep's claim on a timer was taken over (its lease expired): its firing is undone."""


_CLAIM_SQL = """
UPDATE {table} SET claimed_by = %s, lease_until = %s, attempts = attempts + 1
WHERE id IN (
    SELECT id FROM {table}
    WHERE state = %s AND fire_at <= %s AND (lease_until IS NULL OR lease_until <= %s)
    ORDER BY fire_at, id LIMIT %s {skip_locked}
)
RETURNING *
"""


def claim(now: dt.datetime, limit: int = BATCH, lease: dt.timedelta = LEASE) -> tuple[str, list[Timer]]:
    """Claim up to ``limit`` timers due at ``now`` (not claimed, or whose lease has expired) with one
    ``UPDATE … RETURNING``; each claim counts as an attempt.  Returns the claim's token and the
    timers, oldest first."""
    token = uuid.uuid4().hex
    skip_locked = "FOR UPDATE SKIP LOCKED" if connection.features.has_select_for_update_skip_locked else ""
    at = connection.ops.adapt_datetimefield_value(now)
    # Only fixed identifiers are formatted in (the table's name and the locking clause); values are parameters.
    sql = _CLAIM_SQL.format(table=connection.ops.quote_name(Timer._meta.db_table), skip_locked=skip_locked)
    params = [token, connection.ops.adapt_datetimefield_value(now + lease), TimerState.PENDING, at, at, limit]
    with transaction.atomic():
        claimed = list(Timer.objects.raw(sql, params))
    claimed.sort(key=lambda t: (t.fire_at, t.pk))
    return token, claimed


def _mark_fired(timers: Sequence[Timer], token: str, now: dt.datetime) -> None:
    """Mark fired the claimed timers, in the firing's transaction; raise :class:`LeaseLost` (which
    undoes the firing) if another sweep has taken any of them over since (its lease expired).

    A handler may cancel its own timer (the act it runs can also be taken by hand, and cancels the
    timer there) or arm it again for a later time: those keep what the handler made of them."""
    ids = [t.pk for t in timers]
    done = Timer.objects.filter(pk__in=ids, claimed_by=token, state=TimerState.PENDING).update(
        state=TimerState.FIRED, fired_at=now, lease_until=None
    )
    if done != len(ids):
        taken = Timer.objects.filter(pk__in=ids).exclude(claimed_by__in=[token, ""]).count()
        if taken:
            raise LeaseLost(f"{taken} of {len(ids)} timers were claimed by another sweep")
        fired = set(Timer.objects.filter(pk__in=ids, state=TimerState.FIRED, fired_at=now).values_list("pk", flat=True))
    else:
        fired = set(ids)
    for t in timers:
        if t.pk in fired:
            t.state, t.fired_at, t.lease_until = TimerState.FIRED, now, None


def _fire_batch(func: BatchHandler, batch: Sequence[Timer], token: str, now: dt.datetime) -> bool:
    try:
        with memo_scope(), transaction.atomic():
            func(batch)
            _mark_fired(batch, token, now)
        return True
    except Exception:
        log.warning("a batch of %d timers of kind %s failed: firing them one by one", len(batch), batch[0].kind)
        return False


def _fire_single(timer: Timer, token: str, now: dt.datetime) -> str:
    """Fire one claimed timer in its own transaction; returns "fired", "failed" or "skipped"."""
    try:
        with action_scope(), transaction.atomic():  # a failure forgets what the sweep's scope read
            _HANDLERS[timer.kind](timer)
            _mark_fired([timer], token, now)
            return "fired"
    except LeaseLost:
        return "skipped"
    except Exception as exc:
        log.exception("timer %s failed", timer.pk)
        error = f"{type(exc).__name__}: {exc}"[:2000]
        changes: dict[str, Any] = {"last_error": error, "lease_until": None, "claimed_by": ""}
        if timer.attempts >= MAX_ATTEMPTS:
            changes["state"] = TimerState.FAILED
        else:  # back off: retry after 2^attempts minutes
            changes["fire_at"] = now + dt.timedelta(minutes=2**timer.attempts)
        updated = Timer.objects.filter(pk=timer.pk, claimed_by=token, state=TimerState.PENDING).update(**changes)
        return "failed" if updated else "skipped"


def sweep(now: dt.datetime | None = None, limit: int = BATCH) -> SweepResult:
    """Claim up to ``limit`` due timers and fire them: a batch per kind whose handler takes lists,
    else each in its own transaction."""
    now = now or timezone.now()
    token, claimed = claim(now, limit)
    by_kind: dict[str, list[Timer]] = {}
    for timer in claimed:
        by_kind.setdefault(timer.kind, []).append(timer)
    result = SweepResult()
    for kind, batch in by_kind.items():
        func = _BATCH_HANDLERS.get(kind)
        if func is not None and _fire_batch(func, batch, token, now):
            result.fired += len(batch)
            continue
        with memo_scope():  # facts read by many handlers in one sweep (who holds a post) are read once
            for timer in batch:
                outcome = _fire_single(timer, token, now)
                setattr(result, outcome, getattr(result, outcome) + 1)
    # A full batch may have left due timers behind.  (Timers claimed by another worker are not
    # claimed here at all.)
    result.more = len(claimed) == limit
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
