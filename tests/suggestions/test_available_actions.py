"""``available_actions`` and the actions agree (issue 14): for every act on a suggestion, in every
state a suggestion passes through, for people on both sides of each rule (the office's 督查 staff,
the lead unit, a co-unit, an outsider, the administrator), the act is allowed in
:func:`zhengwu.suggestions.selectors.available_actions` exactly when the action does not refuse.
Each action is tried in a savepoint that is rolled back, on a fresh copy of the suggestion."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tests import support
from tests.api.conftest import Api
from tests.suggestions.conftest import answer, unit
from zhengwu.documents.actions.outgoing import submit_for_review
from zhengwu.suggestions import actions, selectors
from zhengwu.suggestions.models import Suggestion

pytestmark = [pytest.mark.usefixtures("frozen"), pytest.mark.article(31)]


def refuses(call: Callable[[Any, Suggestion], Any], actor: Any, pk: int) -> bool:
    """Whether the action refuses, on a fresh copy; whatever it wrote is rolled back."""
    return support.refuses(call, actor, Suggestion.objects.select_related("lead_unit", "answer_document").get(pk=pk))


def _later(s: Suggestion) -> dt.date:
    return (s.due or dt.date(2026, 1, 5)) + dt.timedelta(days=10)


CALLS: dict[str, Callable[[Any, Suggestion], Any]] = {
    "assign": lambda u, s: actions.assign(u, s, unit("jyj"), [unit("czj")]),
    "extend": lambda u, s: actions.extend(u, s, _later(s), "涉及多个部门，需协调。"),
    "opinion": lambda u, s: actions.send_opinion(u, s, selectors.opinion_unit(u, s) or unit("czj"), "同意主办意见。"),
    "answer": lambda u, s: actions.draft_answer(u, s, "代表：您提出的建议收悉，现答复如下……"),
    "feedback": lambda u, s: actions.record_feedback(u, s, "satisfied"),
    "publication": lambda u, s: actions.decide_publication(u, s),
}

PEOPLE = ["clerk_ducha", "office_director", "jyj_head", "czj_head", "fgw_clerk", "admin"]


def _opinion_sent(s: Suggestion, user) -> Suggestion:
    actions.send_opinion(user("czj_head"), s, unit("czj"), "资金按程序保障。")
    return s


def _drafting(s: Suggestion, user) -> Suggestion:
    doc = actions.draft_answer(user("jyj_head"), s, "代表：……")
    submit_for_review(user("jyj_head"), doc)
    return s


def _answered(s: Suggestion, user) -> Suggestion:
    answer(user, s)
    return s


def _published(s: Suggestion, user) -> Suggestion:
    answer(user, s)
    actions.decide_publication(user("clerk_ducha"), s)
    return s


def _closed(s: Suggestion, user) -> Suggestion:
    answer(user, s)
    actions.record_feedback(user("clerk_ducha"), s, "satisfied")
    return s


def _rehandled(s: Suggestion, user) -> Suggestion:
    answer(user, s)
    actions.record_feedback(user("clerk_ducha"), s, "unsatisfied", "未明确建设时间表。")
    return s


STATES: dict[str, Callable[[Suggestion, Any], Suggestion]] = {
    "assigned": lambda s, user: s,
    "opinion_sent": _opinion_sent,
    "drafting": _drafting,
    "answered": _answered,
    "published": _published,
    "closed": _closed,
    "rehandled": _rehandled,
}


def disagreements(user, s: Suggestion) -> list[tuple[str, str, str, str]]:
    out = []
    for username in PEOPLE:
        actor = user(username)
        offered = selectors.available_actions(actor, Suggestion.objects.get(pk=s.pk))
        assert list(offered) == list(CALLS)
        for name, call in CALLS.items():
            refused = refuses(call, actor, s.pk)
            if offered[name].allowed == refused:
                out.append((username, name, offered[name].explanation, "refused" if refused else "done"))
    return out


def test_a_registered_suggestions_acts_are_offered_exactly_when_the_action_does_them(user, registered) -> None:
    assert disagreements(user, registered()) == []


@pytest.mark.parametrize("state", list(STATES))
def test_a_suggestions_acts_are_offered_exactly_when_the_action_does_them(user, assigned, state) -> None:
    s = STATES[state](assigned, user)
    assert disagreements(user, s) == []


def test_every_act_is_allowed_to_someone_somewhere(user, registered) -> None:
    """The agreement tests above are not vacuous: each act is allowed at least once in them."""
    allowed: set[str] = set()
    s = registered()
    for username in PEOPLE:
        allowed |= selectors.allowed_actions(user(username), s)
    for number, build in enumerate(STATES.values()):
        fresh = registered(number=str(100 + number))
        s = build(actions.assign(user("clerk_ducha"), fresh, unit("jyj"), [unit("czj")]), user)
        for username in PEOPLE:
            allowed |= selectors.allowed_actions(user(username), s)
    assert allowed == set(CALLS)


def test_the_page_and_the_api_offer_what_the_rules_allow(user, assigned, client_as) -> None:
    page = client_as("czj_head").get(f"/suggestions/{assigned.pk}/").content.decode()
    assert "/act/opinion/" in page
    assert "/act/answer/" not in page
    lead = {a["name"]: a for a in Api(client_as("jyj_head")).get(f"/suggestions/{assigned.pk}").json()["actions"]}
    assert lead["answer"]["allowed"]
    assert lead["opinion"]["code"] == "suggestions.not_co_unit"
    assert "（《工作规则》第三十一条）" in lead["opinion"]["explanation"]
