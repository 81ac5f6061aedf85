"""``available_actions`` and the actions agree (issue 14): for every act on a document, in every
state a document passes through, for people on both sides of each rule, the act is allowed in
:func:`zhengwu.documents.selectors.available_actions` exactly when the action does not refuse.
Each action is tried in a savepoint that is rolled back, on a fresh copy of the document."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests import support
from tests.documents.conftest import unit
from tests.documents.test_agreement_review import agreement
from tests.documents.test_joint_documents import joint
from tests.documents.test_outgoing_draft import draft, to_signature
from zhengwu.documents import selectors
from zhengwu.documents.actions import countersign as cs
from zhengwu.documents.actions import intake, outgoing
from zhengwu.documents.models import CountersignState, Document
from zhengwu.org.models import Person

pytestmark = pytest.mark.usefixtures("frozen")


def person(username: str) -> Person:
    return Person.objects.select_related("user").get(user__username=username)


def refuses(call: Callable[[Any, Document], Any], actor: Any, pk: int) -> bool:
    """Whether the action refuses, on a fresh copy of the document; whatever it wrote is rolled back."""
    return support.refuses(call, actor, Document.objects.get(pk=pk))


SUBMISSION_CALLS: dict[str, Callable[[Any, Document], Any]] = {
    "revise": lambda u, d: intake.revise(u, d, "州人民政府：修改后的正文……妥否，请批示。"),
    "request_countersign": lambda u, d: cs.request_countersign(u, d, [unit("wsb")]),
    "sign_and_submit": lambda u, d: intake.sign_and_submit(u, d),
    "statement": lambda u, d: cs.write_disagreement_statement(u, d, "各方理据：……", "建议由州人民政府协调。"),
    "receive": lambda u, d: intake.receive(u, d),
    "check": lambda u, d: intake.check(u, d),
    "office_return": lambda u, d: intake.office_return(u, d, [], "请补充项目资金来源后重新报送。"),
    "office_opinion": lambda u, d: intake.write_office_opinion(u, d, "拟请分管领导同志阅示。"),
    "pass_on": lambda u, d: intake.pass_on(u, d, person("vice_ayigul" if u.username != "vice_ayigul" else "exec_vice")),
    "instruct": lambda u, d: intake.instruct(u, d, "同意。"),
}

OUTGOING_CALLS: dict[str, Callable[[Any, Document], Any]] = {
    "revise": lambda u, d: outgoing.revise_outgoing(u, d, "修改后的正文……"),
    "submit_for_review": lambda u, d: outgoing.submit_for_review(u, d),
    "review": lambda u, d: outgoing.review(u, d, True, ""),
    "signing_step": lambda u, d: outgoing.record_signing_step(u, d, ""),
    "countersign_joint": lambda u, d: outgoing.countersign_joint(u, d),
    "legal_review": lambda u, d: outgoing.record_legal_review(u, d, True, ""),
    "sign": lambda u, d: outgoing.sign(u, d),
    "issue": lambda u, d: outgoing.issue(u, d),
}

SUBMISSION_PEOPLE = ["fgw_clerk", "fgw_head", "czj_head", "clerk_wendian", "office_director", "vice_liu", "admin"]
OUTGOING_PEOPLE = [
    "clerk_wendian",
    "office_director",
    "vice_liu",
    "governor",
    "exec_vice",
    "fgw_head",
    "zrzyj_head",
    "sfj_clerk",
]


def submission(user) -> Document:
    return intake.create_submission(
        user("fgw_clerk"),
        unit("fgw"),
        "qingshi",
        "关于启动公路改建项目前期工作的请示",
        "州人民政府：……妥否，请批示。",
        ["同意启动公路改建项目前期工作"],
        [unit("gov")],
        [],
    )


def _submitted(user) -> Document:
    doc = submission(user)
    intake.sign_and_submit(user("fgw_head"), doc)
    return doc


def _received(user) -> Document:
    doc = _submitted(user)
    intake.receive(user("clerk_wendian"), doc)
    return doc


def _checked(user) -> Document:
    doc = _received(user)
    assert intake.check(user("clerk_wendian"), doc).passed
    return doc


def _routed(user) -> Document:
    doc = _checked(user)
    intake.write_office_opinion(user("office_director"), doc, "拟请刘振东副州长阅示。")
    return doc


def _instructed(user) -> Document:
    doc = _routed(user)
    intake.instruct(user("vice_liu"), doc, "同意。")
    return doc


def _returned(user) -> Document:
    doc = _received(user)
    intake.office_return(user("clerk_wendian"), doc, [], "请补充项目资金来源。")
    return doc


def _countersigning(user) -> Document:
    doc = submission(user)
    cs.request_countersign(user("fgw_clerk"), doc, [unit("czj")])
    return doc


def _disagreed(user) -> Document:
    doc = _countersigning(user)
    [task] = doc.countersigns.all()
    cs.reply(user("czj_head"), task, CountersignState.DISAGREED, "资金来源不明确。")
    return doc


SUBMISSIONS: dict[str, Callable[[Any], Document]] = {
    "draft": submission,
    "countersigning": _countersigning,
    "disagreed": _disagreed,
    "submitted": _submitted,
    "received": _received,
    "checked": _checked,
    "routed": _routed,
    "instructed": _instructed,
    "returned": _returned,
}


def _notice(user) -> Document:
    return draft(user, signing_facts={"important": True, "concerned_units": ["fgw"]})


def _reviewing(user) -> Document:
    doc = _notice(user)
    outgoing.submit_for_review(user("clerk_wendian"), doc)
    return doc


def _awaiting(user) -> Document:
    return to_signature(user, _notice(user))


def _stepped(user) -> Document:
    doc = _awaiting(user)
    outgoing.record_signing_step(user("vice_liu"), doc, "同意。")
    return doc


def _signed(user) -> Document:
    doc = _stepped(user)
    outgoing.sign(user("governor"), doc)
    return doc


OUTGOING: dict[str, Callable[[Any], Document]] = {
    "draft": _notice,
    "reviewing": _reviewing,
    "awaiting_signature": _awaiting,
    "stepped": _stepped,
    "signed": _signed,
    "joint": lambda user: joint(user, "zrzyj"),
    "agreement": agreement,
}


def disagreements(user, doc: Document, calls: dict[str, Callable[[Any, Document], Any]], people: list[str]):
    out = []
    for username in people:
        actor = user(username)
        offered = selectors.available_actions(actor, Document.objects.get(pk=doc.pk))
        assert set(calls) <= set(offered)
        for name, call in calls.items():
            refused = refuses(call, actor, doc.pk)
            if offered[name].allowed == refused:
                out.append((username, name, offered[name].explanation, "refused" if refused else "done"))
    return out


@pytest.mark.parametrize("state", list(SUBMISSIONS))
def test_a_submissions_acts_are_offered_exactly_when_the_action_does_them(user, state) -> None:
    doc = SUBMISSIONS[state](user)
    assert disagreements(user, doc, SUBMISSION_CALLS, SUBMISSION_PEOPLE) == []


@pytest.mark.parametrize("state", list(OUTGOING))
def test_an_outgoing_documents_acts_are_offered_exactly_when_the_action_does_them(user, state) -> None:
    doc = OUTGOING[state](user)
    assert disagreements(user, doc, OUTGOING_CALLS, OUTGOING_PEOPLE) == []


def test_every_state_is_covered_and_each_act_is_allowed_to_someone_somewhere(user) -> None:
    """The agreement tests above are not vacuous: each act is allowed at least once in them."""
    allowed: set[tuple[str, str]] = set()
    for flow, builders, people in (
        ("submission", SUBMISSIONS, SUBMISSION_PEOPLE),
        ("outgoing", OUTGOING, OUTGOING_PEOPLE),
    ):
        for build in builders.values():
            doc = build(user)
            for username in people:
                allowed |= {(flow, n) for n, d in selectors.available_actions(user(username), doc).items() if d.allowed}
    expected = {("submission", n) for n in SUBMISSION_CALLS} | {("outgoing", n) for n in OUTGOING_CALLS}
    assert expected <= allowed


@pytest.mark.article(49)
def test_the_governors_sign_is_refused_with_the_missing_review_until_it_is_recorded(user) -> None:
    doc = _awaiting(user)
    sign = selectors.available_actions(user("governor"), doc)["sign"]
    assert not sign.allowed
    assert sign.code == "signing.steps_pending"
    assert "刘振东（副州长）" in sign.explanation
    assert "（《工作规则》第四十九条）" in sign.explanation
    outgoing.record_signing_step(user("vice_liu"), doc, "同意。")
    assert selectors.available_actions(user("governor"), doc)["sign"].allowed


@pytest.mark.article(53)
def test_an_archived_document_offers_nothing(user, monkeypatch) -> None:
    doc = _instructed(user)
    assert selectors.available_actions(user("clerk_wendian"), doc)["draft_reply"].allowed
    monkeypatch.setattr(selectors, "is_archived", lambda document: True)
    offered = selectors.available_actions(user("clerk_wendian"), doc)
    assert set(offered) == set(selectors.SUBMISSION_ACTS)
    assert not any(d.allowed for d in offered.values())
