"""Whether a request has committed a change: a failure after the commit is not a failure of the act.

An action is one transaction (``@transaction.atomic``).  Once it has committed, the act is done: if
building the answer fails afterwards (rendering, a read that fails, the database going away), the
caller must not be told that the act failed, or it will do it again.  :class:`CommitTrackingMiddleware`
watches the statements of each state-changing request (``connection.execute_wrapper``): a write inside
a transaction registers an ``on_commit`` callback that marks the request as committed (a rolled-back
transaction drops it).  The error handlers (``zhengwu.apis.errors``, ``zhengwu.web.errors``) ask
:func:`committed`: they log the failure with its traceback and answer that the act was done.
Writes outside a transaction (a token's last use) are bookkeeping, not acts, and are not counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
ATTRIBUTE = "zhengwu_commits"


class Commits:
    """What one request has committed."""

    def __init__(self) -> None:
        self.count = 0
        self.paused = False

    def mark(self) -> None:
        self.count += 1

    def watch(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
        result = execute(sql, params, many, context)
        db = context["connection"]
        if not self.paused and db.in_atomic_block and sql.lstrip().upper().startswith(WRITES):
            transaction.on_commit(self.mark, using=db.alias)
        return result


@contextmanager
def bookkeeping(request: HttpRequest) -> Iterator[None]:
    """Writes in this block are the machinery's own (an idempotency key), not the request's act."""
    commits = getattr(request, ATTRIBUTE, None)
    if not isinstance(commits, Commits):
        yield
        return
    commits.paused = True
    try:
        yield
    finally:
        commits.paused = False


def committed(request: HttpRequest) -> bool:
    """True if ``request`` has committed a change so far."""
    commits = getattr(request, ATTRIBUTE, None)
    return isinstance(commits, Commits) and commits.count > 0


class CommitTrackingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in SAFE_METHODS:
            return self.get_response(request)
        commits = Commits()
        setattr(request, ATTRIBUTE, commits)
        with connection.execute_wrapper(commits.watch):
            return self.get_response(request)
