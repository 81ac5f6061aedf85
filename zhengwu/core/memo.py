"""Scoped memoisation: facts read many times within one request or one timer sweep are read once.

The organization on a day (who holds which post, who is away) is asked for again and again while
one page renders or one batch of timers fires; re-reading it each time made the governor's
workbench run hundreds of queries.  Inside :func:`scope` (a request, via
:class:`ScopeMiddleware`; a worker sweep) :func:`memo` keeps each answer for the scope's life.
Outside a scope nothing is kept, so a long-running process never serves stale facts.  Actions
that change what is memoised call :func:`forget` with the key's namespace.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse

T = TypeVar("T")
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
    return cache[(namespace, key)]


def forget(namespace: str) -> None:
    cache = _current.get()
    if cache is not None:
        for k in [k for k in cache if k[0] == namespace]:
            del cache[k]


class ScopeMiddleware:
    """One memo scope per request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with scope():
            return self.get_response(request)
