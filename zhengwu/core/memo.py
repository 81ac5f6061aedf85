"""Scoped memoisation: facts read many times within one request or one timer sweep are read once.

The organization on a day (who holds which post, who is away) is asked for again and again while
one page renders or one batch of timers fires; re-reading it each time made the governor's
workbench run hundreds of queries.  Inside :func:`scope` (a request, via
:class:`ScopeMiddleware`; a worker sweep) :func:`memo` keeps each answer for the scope's life.
Outside a scope nothing is kept, so a long-running process never serves stale facts.  Actions
that change what is memoised call :func:`forget` with the key's namespace.

An action decorated with :func:`action` runs in one transaction and memoises for its duration.
Within a request or a sweep it shares the open scope, so what it forgets is forgotten there too.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar, cast

from django.db import transaction
from django.http import HttpRequest, HttpResponse

T = TypeVar("T")
P = ParamSpec("P")
_current: ContextVar[dict[tuple[str, Hashable], Any] | None] = ContextVar("zhengwu_memo", default=None)


@contextmanager
def scope() -> Iterator[None]:
    token = _current.set({})
    try:
        yield
    finally:
        _current.reset(token)


def memo(namespace: str, key: Hashable, compute: Callable[[], T]) -> T:
    cache = _current.get()
    if cache is None:
        return compute()
    if (namespace, key) not in cache:
        cache[(namespace, key)] = compute()
    return cast(T, cache[(namespace, key)])


def forget(namespace: str) -> None:
    cache = _current.get()
    if cache is not None:
        for k in [k for k in cache if k[0] == namespace]:
            del cache[k]


@contextmanager
def action_scope() -> Iterator[None]:
    """The memo scope of one action: the open scope (a request's, a sweep's) if there is one, else a
    new scope that ends with the action.

    Sharing the open scope keeps :func:`forget` effective: an action that changes the organization
    forgets it in the request's scope, so the page it renders next reads it afresh.  If the action
    fails, its transaction is rolled back, and the shared scope forgets everything: it may hold
    facts the action read after writing what is now undone."""
    cache = _current.get()
    if cache is None:
        with scope():
            yield
        return
    try:
        yield
    except BaseException:
        cache.clear()
        raise


def action(fn: Callable[P, T]) -> Callable[P, T]:
    """``transaction.atomic`` and :func:`action_scope`: one transaction, and what the organization
    looks like (who holds which post, who is away) read once while the action runs.

    Only for actions that change nothing memoised, or that :func:`forget` its namespace after each
    change and before reading it again (the organization's actions do)."""

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        with action_scope(), transaction.atomic():
            return fn(*args, **kwargs)

    return run


class ScopeMiddleware:
    """One memo scope per request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with scope():
            return self.get_response(request)
