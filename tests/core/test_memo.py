"""Facts read many times in one request or sweep are read once; outside a scope, never kept."""

from __future__ import annotations

import datetime as dt

from zhengwu.core.memo import forget, memo, scope


def test_memo_keeps_answers_only_inside_a_scope_and_forgets_by_namespace() -> None:
    calls: list[str] = []

    def read(name: str) -> str:
        calls.append(name)
        return name.upper()

    assert memo("org.facts", 1, lambda: read("a")) == "A"
    assert memo("org.facts", 1, lambda: read("a")) == "A"
    assert calls == ["a", "a"]  # no scope: nothing kept

    with scope():
        memo("org.facts", 1, lambda: read("b"))
        memo("org.facts", 1, lambda: read("b"))
        memo("rulebook.view", 1, lambda: read("c"))
        assert calls == ["a", "a", "b", "c"]
        forget("org.facts")
        memo("org.facts", 1, lambda: read("d"))
        memo("rulebook.view", 1, lambda: read("e"))
        assert calls == ["a", "a", "b", "c", "d"]
        with scope():  # a nested scope starts empty and leaves the outer one alone
            memo("org.facts", 1, lambda: read("f"))
        memo("org.facts", 1, lambda: read("g"))
    assert calls == ["a", "a", "b", "c", "d", "f"]


def test_a_request_reads_the_organization_once(client_as, monkeypatch) -> None:
    from zhengwu.org import services

    reads: list[dt.date] = []
    original = services._read_facts

    def counting(day: dt.date):
        reads.append(day)
        return original(day)

    monkeypatch.setattr(services, "_read_facts", counting)
    client = client_as("governor")
    client.get("/documents/")
    client.get("/")
    assert len(reads) <= 2  # at most once per request and day
