"""``available_actions`` and the actions agree: for every act on a request, in every state each kind
passes through, for people on both sides of each rule (the author, the unit's staff, the 外事办,
the office, the 州长, the 常务副州长, a 副州长, an outsider, the administrator), the act is allowed
in :func:`zhengwu.approvals.selectors.available_actions` exactly when the action does not refuse.
Each action is tried in a savepoint that is rolled back, on a fresh copy of the request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests import support
from tests.api.conftest import Api
from tests.approvals.conftest import TODAY, D, fresh
from zhengwu.approvals import actions, selectors
from zhengwu.approvals.models import ApprovalRequest

pytestmark = [pytest.mark.usefixtures("frozen"), pytest.mark.article(57, 59, 60)]


def refuses(call: Callable[[Any, ApprovalRequest], Any], actor: Any, pk: int) -> bool:
    return support.refuses(call, actor, fresh(ApprovalRequest(pk=pk)))


CALLS: dict[str, Callable[[Any, ApprovalRequest], Any]] = {
    "review": lambda u, r: actions.review(u, r, "建议同意。"),
    "decide": lambda u, r: actions.decide(u, r, True, "同意。"),
    "refer": lambda u, r: actions.refer(u, r, "报请审批。"),
    "answer": lambda u, r: actions.record_answer(u, r, True, "同意。"),
    "publish": lambda u, r: actions.record_publication(u, r, TODAY, "日报"),
    "return": lambda u, r: actions.record_return(u, r, TODAY),
    "report": lambda u, r: actions.submit_report(u, r, "出访报告。"),
}

PEOPLE = [
    "jyj_head",
    "fgw_clerk",
    "wsb_clerk",
    "clerk_wendian",
    "governor",
    "exec_vice",
    "vice_ayigul",
    "czj_head",
    "admin",
]


def disagreements(user, r: ApprovalRequest) -> list[tuple[str, str, str, str]]:
    out = []
    for username in PEOPLE:
        actor = user(username)
        offered = selectors.available_actions(actor, fresh(r))
        assert list(offered) == list(CALLS)
        for name, call in CALLS.items():
            refused = refuses(call, actor, r.pk)
            if offered[name].allowed == refused:
                out.append((username, name, offered[name].explanation, "refused" if refused else "done"))
    return out


def _states(user, article, guest, delegation) -> dict[str, ApprovalRequest]:
    """One request in each state of each kind's path."""
    s: dict[str, ApprovalRequest] = {}
    s["article.submitted"] = article()
    s["article.approved"] = actions.decide(user("governor"), article(title="二"), True)
    s["article.refused"] = actions.decide(user("governor"), article(title="三"), False, "不宜。")
    s["article.published"] = actions.record_publication(
        user("jyj_head"), actions.decide(user("governor"), article(title="四"), True), TODAY
    )
    s["inscription.submitted"] = article(kind="inscription", title="题词")
    s["inscription.referred"] = actions.refer(user("clerk_wendian"), article(kind="inscription", title="题词二"))
    s["guest.submitted"] = guest()
    s["guest.reviewed"] = actions.review(user("wsb_clerk"), guest(), "建议会见。")
    important = actions.review(user("wsb_clerk"), guest(important=True), "建议州长会见。")
    s["guest.referred"] = actions.decide(user("governor"), important, True)
    s["delegation.submitted"] = delegation()
    s["delegation.reviewed"] = actions.review(user("wsb_clerk"), delegation(), "同意。")
    s["delegation.approved"] = actions.decide(
        user("exec_vice"), actions.review(user("wsb_clerk"), delegation(), "同意。"), True
    )
    return s


def test_every_act_is_offered_exactly_when_the_action_does_it(user, article, guest, delegation, frozen) -> None:
    states = _states(user, article, guest, delegation)
    # a delegation back home (the return is dated after the departure)
    frozen.move_to("2026-07-09 10:00 +0800")
    approved = states.pop("delegation.approved")
    returned = actions.record_return(user("fgw_clerk"), approved, D(2026, 7, 8))
    found = {name: disagreements(user, r) for name, r in states.items()}
    found["delegation.returned"] = disagreements(user, returned)
    assert {k: v for k, v in found.items() if v} == {}


def test_every_act_is_allowed_to_someone_somewhere(user, article, guest, delegation, frozen) -> None:
    """The agreement test above is not vacuous: each act is allowed at least once."""
    states = _states(user, article, guest, delegation)
    allowed: set[str] = set()
    for r in states.values():
        for username in PEOPLE:
            allowed |= selectors.allowed_actions(user(username), fresh(r))
    frozen.move_to("2026-07-09 10:00 +0800")
    returned = actions.record_return(user("fgw_clerk"), states["delegation.approved"], D(2026, 7, 8))
    allowed |= selectors.allowed_actions(user("fgw_clerk"), fresh(returned))
    assert allowed == set(CALLS)


def test_the_page_and_the_api_offer_what_the_rules_allow(user, guest, client_as) -> None:
    r = guest()
    page = client_as("wsb_clerk").get(f"/approvals/{r.pk}/").content.decode()
    assert "/act/review/" in page
    assert "/act/decide/" not in page
    governor = {a["name"]: a for a in Api(client_as("governor")).get(f"/approvals/{r.pk}").json()["actions"]}
    assert not governor["decide"]["allowed"]
    assert governor["decide"]["code"] == "approvals.decide.wrong_state"
    assert "（《工作规则》第六十条）" in governor["decide"]["explanation"]
