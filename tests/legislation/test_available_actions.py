"""``available_actions`` and the actions agree (issue 14): for every act on a draft and on its
consultations, disputes, filings and post-evaluation, in every state a draft passes through, for
people on both sides of each rule, the act is allowed in
:func:`zhengwu.legislation.selectors.available_actions` exactly when the action does not refuse.
Each action is tried in a savepoint that is rolled back, on a fresh copy of the record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import Model
from django.utils import timezone

from tests import support
from tests.legislation.conftest import REVISED, unit
from zhengwu.legislation import selectors
from zhengwu.legislation.actions import adoption, after, comments, drafting, review
from zhengwu.legislation.models import (
    Dispute,
    DraftState,
    Filing,
    NormativeDraft,
    PublicComment,
    RegulationEvaluation,
    UnitConsultation,
)

pytestmark = pytest.mark.usefixtures("frozen")

DAY = dt.date(2026, 9, 28)
PEOPLE = [
    "fgw_clerk",
    "fgw_head",
    "fgw_deputy",
    "czj_head",
    "wsb_head",
    "sfj_clerk",
    "sfj_head",
    "clerk_wendian",
    "clerk_huiwu",
    "clerk_gongkai",
    "admin",
]


def refuses(call: Callable[[Any, Any], Any], actor: Any, model: type[Model], pk: int) -> bool:
    """Whether the action refuses, on a fresh copy of the record; whatever it wrote is rolled back."""
    return support.refuses(call, actor, model.objects.get(pk=pk))


def _a_comment(d: NormativeDraft) -> PublicComment:
    c = d.comments.filter(outcome="").first()
    if c is None:  # a comment to answer (inside the rolled-back savepoint)
        c = PublicComment.objects.create(
            draft=d, version=selectors.current_version(d), article=0, text="建议。", submitted_at=timezone.now()
        )
    return c


def _changed(d: NormativeDraft) -> str:
    body = selectors.current_version(d).body
    return (
        body.replace("施行。", "施行，有效期五年。") if "有效期五年" not in body else body.replace("，有效期五年", "")
    )


DRAFT_CALLS: dict[str, Callable[[Any, NormativeDraft], Any]] = {
    "revise": lambda u, d: drafting.revise_draft(u, d, body=_changed(d), note="修改"),
    "consult": lambda u, d: drafting.consult_units(u, d, [unit("czj")]),
    "dispute": lambda u, d: drafting.raise_dispute(u, d, matter="监测点的范围", parties="发改委、市场监管局"),
    "open": lambda u, d: comments.open_for_comment(u, d),
    "close": lambda u, d: comments.close_comments(u, d),
    "answer": lambda u, d: comments.answer_comment(u, _a_comment(d), outcome="adopted", reason=""),
    "publish_answers": lambda u, d: comments.publish_answers(u, d),
    "submit": lambda u, d: review.submit_for_review(u, d),
    "review": lambda u, d: review.review(u, d, passed=True, reasons="经审查，同意。"),
    "topic": lambda u, d: adoption.request_topic(u, d),
    "deliberate": lambda u, d: adoption.record_deliberation(u, d, meeting_ref="常务会议", held_on=DAY),
    "document": lambda u, d: adoption.prepare_document(u, d),
    "unit_issue": lambda u, d: adoption.record_unit_issue(u, d, doc_number="克发改规〔2026〕9号", written_on=DAY),
    "publish": lambda u, d: adoption.publish(u, d),
    "validity": lambda u, d: after.change_validity(u, d, validity="repealed", effective_on=DAY, reason="清理。"),
}
RECORD_CALLS: dict[type[Model], dict[str, Callable[[Any, Any], Any]]] = {
    UnitConsultation: {"reply": lambda u, c: drafting.reply_consultation(u, c, agrees=True, reply="")},
    Dispute: {
        "evaluate": lambda u, x: drafting.record_third_party_evaluation(u, x, evaluator="研究院", conclusion="可行。"),
        "positions": lambda u, x: drafting.list_positions(u, x, reasons="各方理据。", proposal="建议保留。"),
    },
    Filing: {
        "file": lambda u, f: after.file_filing(u, f, reference=""),
        "review_filing": lambda u, f: after.review_filing(u, f, passed=True, note="未发现问题。"),
    },
    RegulationEvaluation: {"evaluation": lambda u, e: after.complete_evaluation(u, e, report="实施效果良好。")},
}


def _records(d: NormativeDraft) -> list[Model]:
    return [
        *d.consultations.all(),
        *d.disputes.all(),
        *d.filings.all(),
        *RegulationEvaluation.objects.filter(draft=d),
    ]


def disagreements(user, d: NormativeDraft) -> list[tuple[str, str, str, str]]:
    out = []
    for username in PEOPLE:
        actor = user(username)
        targets: list[tuple[Model, dict[str, Callable[[Any, Any], Any]]]] = [(d, DRAFT_CALLS)]
        targets += [(r, RECORD_CALLS[type(r)]) for r in _records(d)]
        for obj, calls in targets:
            offered = selectors.available_actions(actor, type(obj).objects.get(pk=obj.pk))
            assert set(offered) == set(calls)
            for name, call in calls.items():
                refused = refuses(call, actor, type(obj), obj.pk)
                if offered[name].allowed == refused:
                    out.append((username, name, offered[name].explanation, "refused" if refused else "done"))
    return out


# ---------------------------------------------------------------- the states a draft passes through


@pytest.fixture
def consulted(user, new_draft) -> NormativeDraft:
    d = new_draft()
    drafting.consult_units(user("fgw_clerk"), d, [unit("wsb")])
    drafting.raise_dispute(user("fgw_clerk"), d, matter="监测频次", parties="发改委、卫健委")
    return d


@pytest.fixture
def period_over(opened, frozen) -> NormativeDraft:
    frozen.move_to("2026-10-14 09:00 +0800")
    return opened


@pytest.fixture
def answering(user, period_over) -> NormativeDraft:
    comments.close_comments(user("fgw_clerk"), period_over)
    return period_over


@pytest.fixture
def reviewing(user, answered) -> NormativeDraft:
    review.submit_for_review(user("fgw_head"), answered)
    return answered


@pytest.fixture
def returned(user, reviewing) -> NormativeDraft:
    review.review(user("sfj_clerk"), reviewing, passed=False, reasons="第四条设定罚款。")
    return reviewing


@pytest.fixture
def revised(user, returned) -> NormativeDraft:
    drafting.revise_draft(user("fgw_clerk"), returned, body=REVISED, note="删除罚款规定")
    return returned


@pytest.fixture
def disputed(user, passed) -> NormativeDraft:
    drafting.raise_dispute(user("fgw_clerk"), passed, matter="监测点的范围", parties="发改委、市场监管局")
    return passed


@pytest.fixture
def signing(user, deliberated) -> NormativeDraft:
    adoption.prepare_document(user("clerk_wendian"), deliberated)
    return deliberated


@pytest.fixture
def filed(user, published) -> NormativeDraft:
    after.file_filing(user("clerk_wendian"), published.filings.first(), reference="")
    return published


@pytest.fixture
def unit_passed(user) -> NormativeDraft:
    """A department's own secret document, reviewed and passed."""
    d = drafting.create_draft(
        user("fgw_clerk"),
        kind="normative",
        title="发改委价格监测规定",
        body=REVISED,
        drafting_unit=unit("fgw"),
        government_issues=False,
        secret=True,
        secret_reason="涉及工作秘密",
    )
    review.submit_for_review(user("fgw_head"), d)
    review.review(user("sfj_clerk"), d, passed=True, reasons="")
    return d


@pytest.fixture
def unit_deliberated(user, unit_passed) -> NormativeDraft:
    adoption.record_deliberation(user("fgw_deputy"), unit_passed, meeting_ref="委务会议", held_on=DAY)
    return unit_passed


@pytest.fixture
def unit_signing(user, unit_deliberated) -> NormativeDraft:
    adoption.record_unit_issue(user("fgw_head"), unit_deliberated, doc_number="克发改规〔2026〕2号", written_on=DAY)
    return unit_deliberated


@pytest.fixture
def unit_filed(user, unit_signing) -> NormativeDraft:
    adoption.publish(user("fgw_clerk"), unit_signing)
    after.file_filing(user("fgw_clerk"), unit_signing.filings.get(), reference="")
    return unit_signing


@pytest.fixture
def regulation(user, new_draft) -> NormativeDraft:
    """A published regulation awaiting its post-evaluation."""
    d = new_draft(kind="regulation", body=REVISED)
    d.state, d.published_on, d.validity = DraftState.PUBLISHED, DAY, "in_force"
    d.save()
    after.schedule_evaluation(None, d)
    return d


STATES = [
    "new_draft",
    "consulted",
    "opened",
    "period_over",
    "answering",
    "answered",
    "reviewing",
    "returned",
    "revised",
    "passed",
    "disputed",
    "deliberated",
    "signing",
    "published",
    "filed",
    "unit_passed",
    "unit_deliberated",
    "unit_signing",
    "unit_filed",
    "regulation",
]


def _build(request, state: str) -> NormativeDraft:
    value = request.getfixturevalue(state)
    return value() if state == "new_draft" else value


@pytest.mark.parametrize("state", STATES)
def test_each_act_is_offered_exactly_when_the_action_does_it(request, user, state) -> None:
    d = _build(request, state)
    assert disagreements(user, d) == []


#: Where each act is allowed, and to whom: the agreement test above is not vacuous.
ALLOWED_IN: dict[str, tuple[str, str]] = {
    "revise": ("new_draft", "fgw_clerk"),
    "consult": ("new_draft", "fgw_clerk"),
    "dispute": ("new_draft", "fgw_clerk"),
    "open": ("new_draft", "fgw_head"),
    "close": ("period_over", "fgw_clerk"),
    "answer": ("answering", "fgw_clerk"),
    "publish_answers": ("answering", "fgw_head"),
    "submit": ("answered", "fgw_head"),
    "review": ("reviewing", "sfj_clerk"),
    "topic": ("passed", "fgw_clerk"),
    "deliberate": ("passed", "clerk_huiwu"),
    "document": ("deliberated", "clerk_wendian"),
    "unit_issue": ("unit_deliberated", "fgw_head"),
    "publish": ("unit_signing", "fgw_clerk"),
    "validity": ("published", "sfj_clerk"),
    "reply": ("consulted", "wsb_head"),
    "evaluate": ("consulted", "sfj_clerk"),
    "positions": ("consulted", "sfj_head"),
    "file": ("published", "clerk_wendian"),
    "review_filing": ("unit_filed", "sfj_clerk"),
    "evaluation": ("regulation", "fgw_clerk"),
}


def test_every_act_is_listed_where_it_is_allowed() -> None:
    assert set(ALLOWED_IN) == set(DRAFT_CALLS) | {name for calls in RECORD_CALLS.values() for name in calls}


@pytest.mark.parametrize("act", list(ALLOWED_IN))
def test_each_act_is_allowed_to_someone_somewhere(request, user, act) -> None:
    state, username = ALLOWED_IN[act]
    d = _build(request, state)
    actor = user(username)
    assert any(act in selectors.allowed_actions(actor, obj) for obj in [d, *_records(d)])


@pytest.mark.article(21)
def test_the_clerk_is_not_offered_to_open_the_comment_period_and_is_told_why(user, new_draft) -> None:
    d = new_draft()
    opening = selectors.available_actions(user("fgw_clerk"), d)["open"]
    assert not opening.allowed
    assert opening.code == "draft.not_leader"
    assert "（《工作规则》第二十一条）" in opening.explanation
    assert "open" in selectors.allowed_actions(user("fgw_head"), d)
