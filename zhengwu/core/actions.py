"""What every action needs, once: the row re-read under a lock, what was written copied back to the
caller.  The two other helpers every action uses live with what they read: the accounts of
the people to tell (:func:`zhengwu.org.services.users_of`) and the rulebook a record lives under
(:func:`zhengwu.rulebook.services.rulebook_of`), so that core imports no area.

Each app used to carry its own copy of these, and the copies drifted.  An app keeps a lock helper
of its own only where it adds something (the related rows its action reads, a check every change
must pass), and builds it on :func:`lock`.  The memo scope of an action is :func:`zhengwu.core.memo.action`.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def lock(obj: M, *related: str) -> M:
    """``obj``'s row re-read under a row lock (``SELECT … FOR UPDATE`` of that row only), so two
    actions on it never interleave; the fresh instance, with the ``related`` rows joined in.

    Call it inside the action's transaction: the lock is held until the transaction ends (on a
    database without row locks, such as SQLite, the transaction itself serialises writers)."""
    rows = type(obj)._default_manager.select_for_update(of=("self",))
    if related:
        rows = rows.select_related(*related)
    return rows.get(pk=obj.pk)


def copy_back(target: M, written: M) -> M:
    """Copy what an action wrote on ``written`` (its locked, fresh instance) onto the caller's
    ``target``, so the caller sees the change; returns ``written``."""
    if target is not written:
        for f in target._meta.concrete_fields:
            setattr(target, f.attname, getattr(written, f.attname))
    return written
