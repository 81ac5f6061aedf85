"""The acts on a countersign task (会签, art. 50) are offered exactly when the action does them
(issue 14): :func:`zhengwu.documents.selectors.available_task_actions` against the actions, for
each state a task passes through, for the consulted units' heads, the lead unit's head and people
on the other side of each line.  Each action is tried in a rolled-back savepoint on a fresh copy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction

from tests import support
from zhengwu.documents import selectors
from zhengwu.documents.actions import countersign as cs
from zhengwu.documents.models import CountersignState, CountersignTask, Document

pytestmark = [pytest.mark.article(50), pytest.mark.usefixtures("frozen")]


CALLS: dict[str, Callable[[Any, CountersignTask], Any]] = {
    "reply": lambda u, t: cs.reply(u, t, CountersignState.AGREED, ""),
    "request_extension": lambda u, t: cs.request_extension(
        u, t, t.due + dt.timedelta(days=7), "需报请上级部门核实资金来源。"
    ),
    "decide_extension": lambda u, t: cs.decide_extension(u, t, True),
    "sign_statement": lambda u, t: cs.sign_statement(u, t),
}
PEOPLE = ["czj_head", "sfj_head", "fgw_head", "fgw_clerk", "wsb_head", "clerk_wendian", "governor"]


def refuses(call: Callable[[Any, CountersignTask], Any], actor: Any, pk: int) -> bool:
    return support.refuses(call, actor, CountersignTask.objects.get(pk=pk))


def _pending(user, countersigning, frozen) -> Document:
    return countersigning[0]


def _extension_asked(user, countersigning, frozen) -> Document:
    doc, tasks = countersigning
    cs.request_extension(user("czj_head"), tasks["czj"], dt.date(2026, 12, 17), "需报请上级部门核实资金来源。")
    return doc


def _extension_granted(user, countersigning, frozen) -> Document:
    doc = _extension_asked(user, countersigning, frozen)
    cs.decide_extension(user("fgw_head"), countersigning[1]["czj"], True)
    return doc


def _disagreed(user, countersigning, frozen) -> Document:
    doc, tasks = countersigning
    cs.reply(user("czj_head"), tasks["czj"], CountersignState.DISAGREED, "资金来源不明确。")
    cs.reply(user("sfj_head"), tasks["sfj"], CountersignState.AGREED, "")
    return doc


def _statement(user, countersigning, frozen) -> Document:
    doc = _disagreed(user, countersigning, frozen)
    cs.write_disagreement_statement(
        user("fgw_head"), doc, "财政局认为资金来源不明确；发展改革委认为……", "建议由州人民政府协调。"
    )
    return doc


def _statement_signed(user, countersigning, frozen) -> Document:
    doc = _statement(user, countersigning, frozen)
    cs.sign_statement(user("czj_head"), countersigning[1]["czj"])
    return doc


def _lapsed(user, countersigning, frozen) -> Document:
    frozen.move_to("2026-12-10 23:59:59 +0800")  # the last day of the 7 working days is still open…
    frozen.move_to("2026-12-11 00:00:01 +0800")  # …and has ended: silence counts as no objection
    return countersigning[0]


STATES = {
    "pending": _pending,
    "extension_asked": _extension_asked,
    "extension_granted": _extension_granted,
    "disagreed": _disagreed,
    "statement": _statement,
    "statement_signed": _statement_signed,
    "lapsed": _lapsed,
}


def _offers(user, doc: Document) -> dict[tuple[str, int], dict[str, Any]]:
    return {
        (username, task.pk): selectors.available_task_actions(user(username), task)
        for username in PEOPLE
        for task in CountersignTask.objects.filter(document=doc).select_related("unit", "document")
    }


@pytest.mark.parametrize("state", list(STATES))
def test_a_tasks_acts_are_offered_exactly_when_the_action_does_them(user, countersigning, frozen, state) -> None:
    doc = STATES[state](user, countersigning, frozen)
    wrong = []
    for (username, task_pk), offered in _offers(user, doc).items():
        assert set(offered) == set(CALLS)
        for name, call in CALLS.items():
            refused = refuses(call, user(username), task_pk)
            if offered[name].allowed == refused:
                wrong.append((state, username, task_pk, name, offered[name].explanation))
    assert wrong == []


def test_each_act_is_allowed_to_someone_and_refused_to_others(user, countersigning, frozen) -> None:
    """The agreement above is not vacuous: every act is offered somewhere, and refused somewhere."""
    allowed: set[str] = set()
    refused: set[str] = set()
    for state, build in STATES.items():
        if state == "lapsed":
            continue  # moves the clock: checked on its own below
        with transaction.atomic():
            doc = build(user, countersigning, frozen)
            for offered in _offers(user, doc).values():
                allowed |= {n for n, d in offered.items() if d.allowed}
                refused |= {n for n, d in offered.items() if not d.allowed}
            transaction.set_rollback(True)
    assert allowed == set(CALLS)
    assert refused == set(CALLS)


def test_after_the_deadline_nothing_is_offered_and_the_refusal_says_why(user, countersigning, frozen) -> None:
    doc = _lapsed(user, countersigning, frozen)
    task = CountersignTask.objects.get(document=doc, unit__code="czj")
    reply = selectors.available_task_actions(user("czj_head"), task)["reply"]
    assert not reply.allowed
    assert reply.code == "countersign.lapsed"
    assert "逾期未回复视为无不同意见" in reply.explanation
    assert "（《工作规则》第五十条）" in reply.explanation


def test_the_page_offers_the_reply_only_to_the_consulted_units_head(user, countersigning, client_as) -> None:
    doc, _tasks = countersigning
    head = client_as("czj_head").get(f"/documents/{doc.pk}/").content.decode()
    other = client_as("wsb_head").get(f"/documents/{doc.pk}/").content.decode()
    assert head.count("回复会签意见") == 1  # its own task, not the 司法局's
    assert "回复会签意见" not in other
