"""What every action needs, once: the row re-read under a lock, what was written copied back to the
caller, the accounts of the people to tell, and the rulebook a record lives under.

Each app used to carry its own copy of these, and the copies drifted.  An app keeps a lock helper
of its own only where it adds something (the related rows its action reads, a check every change
must pass), and builds it on :func:`lock`.  The memo scope of an action is :func:`zhengwu.core.memo.action`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.db import models

from zhengwu.core.rulebook_view import RulebookView
from zhengwu.org.models import Person
from zhengwu.org.rules import Holder
from zhengwu.rulebook.models import RulebookVersion
from zhengwu.rulebook.services import view_of

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


def users_of(people: Iterable[Person | Holder | None]) -> list[AbstractBaseUser]:
    """The accounts of people or of the holders of posts (for notices), each once.

    ``None`` (a vacant post) is skipped, and so is anyone without an account: they cannot be
    notified, and a notice needs a recipient."""
    ids = {p.pk if isinstance(p, Person) else p.person_id for p in people if p is not None}
    return [p.user for p in Person.objects.filter(pk__in=ids).select_related("user") if p.user_id is not None]


class UnderRulebook(Protocol):
    """A record that keeps the rulebook version it was opened under (a document, a draft, a case …)."""

    @property
    def rulebook_version(self) -> RulebookVersion: ...


def rulebook_of(record: UnderRulebook) -> RulebookView:
    """The rulebook a record lives under: the version stored on it when it was opened (art. 68), on
    the day that decides it (a document's drafting or receipt, a petition's receipt, an item's
    opening …).  A later version does not change the rules a record already runs under."""
    return view_of(record.rulebook_version)
