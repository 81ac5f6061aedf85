"""``available_actions`` and the actions agree (issue 14): for every act on a case, in every state
and of every kind, for people on both sides of each rule (the unit concerned, the 司法局, the
government office, another unit, the administrator), the act is allowed in
:func:`zhengwu.oversight.selectors.available_actions` exactly when the action does not refuse.  Each
action is tried in a savepoint that is rolled back, on a fresh copy of the case."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests import support
from tests.api.conftest import Api
from tests.oversight.conftest import D, unit
from zhengwu.oversight import actions, selectors
from zhengwu.oversight.models import Case

pytestmark = [pytest.mark.usefixtures("frozen"), pytest.mark.article(33)]


def refuses(call: Callable[[Any, Case], Any], actor: Any, pk: int) -> bool:
    """Whether the action refuses, on a fresh copy; whatever it wrote is rolled back."""
    return support.refuses(call, actor, Case.objects.select_related("unit_concerned").get(pk=pk))


CALLS: dict[str, Callable[[Any, Case], Any]] = {
    "answer": lambda u, c: actions.record_answer(u, c),
    "outcome": lambda u, c: actions.record_outcome(u, c, "维持原行政行为。"),
}

PEOPLE = ["zrzyj_head", "sfj_clerk", "clerk_ducha", "fgw_clerk", "admin"]


def _reconsideration(user) -> Case:
    return actions.register_reconsideration(
        user("sfj_clerk"),
        case_number="克政复〔2026〕3号",
        title="不服土地登记行为",
        organ="州人民政府",
        respondent=unit("zrzyj"),
        received_on=D(2026, 2, 9),
        applicant="申请人甲",
    )


def _answered(user) -> Case:
    case = _reconsideration(user)
    actions.record_answer(user("sfj_clerk"), case)
    return case


def _closed(user) -> Case:
    case = _answered(user)
    actions.record_outcome(user("sfj_clerk"), case, "维持。")
    return case


def _suit(user) -> Case:
    return actions.register_suit(
        user("zrzyj_head"),
        case_number="（2026）新30行初5号",
        title="诉土地登记",
        court="克孜勒苏中级人民法院",
        defendant=unit("zrzyj"),
        served_on=D(2026, 2, 5),
    )


def _finding(user) -> Case:
    return actions.register_finding(
        user("clerk_ducha"),
        case_number="克审〔2026〕2号",
        title="专项资金未按进度拨付",
        organ="州审计局",
        unit=unit("zrzyj"),
        issued_on=D(2026, 2, 2),
        rectify_due=D(2026, 5, 29),
        requirement="限期拨付到位并报送整改报告。",
    )


STATES: dict[str, Callable[[Any], Case]] = {
    "reconsideration": _reconsideration,
    "answered": _answered,
    "closed": _closed,
    "suit": _suit,
    "finding": _finding,
}


OFFERED_TO_SOMEONE: dict[str, set[str]] = {
    "reconsideration": {"answer", "outcome"},
    "answered": {"outcome"},
    "closed": set(),
    "suit": {"answer", "outcome"},
    "finding": {"outcome"},  # a finding has no answer
}


@pytest.mark.parametrize("state", list(STATES))
def test_a_cases_acts_are_offered_exactly_when_the_action_does_them(user, state) -> None:
    case = STATES[state](user)
    out = []
    allowed: set[str] = set()
    for username in PEOPLE:
        actor = user(username)
        offered = selectors.available_actions(actor, Case.objects.get(pk=case.pk))
        assert list(offered) == list(CALLS)
        allowed |= {n for n, d in offered.items() if d.allowed}
        for name, call in CALLS.items():
            refused = refuses(call, actor, case.pk)
            if offered[name].allowed == refused:
                out.append((username, name, offered[name].explanation, "refused" if refused else "done"))
    assert out == []
    assert allowed == OFFERED_TO_SOMEONE[state]  # not vacuous: each act is allowed where it should be


def test_the_page_and_the_api_offer_only_what_the_rules_allow(user, client_as) -> None:
    case = _reconsideration(user)
    assert "/act/answer/" in client_as("zrzyj_head").get(f"/oversight/{case.pk}/").content.decode()
    assert client_as("fgw_clerk").get(f"/oversight/{case.pk}/").status_code == 404  # no need to know
    leader = client_as("vice_liu").get(f"/oversight/{case.pk}/").content.decode()  # 分管 of the unit: reads
    assert "/act/answer/" not in leader
    assert "/act/outcome/" not in leader
    acts = {a["name"]: a for a in Api(client_as("vice_liu")).get(f"/oversight/cases/{case.pk}").json()["actions"]}
    assert acts["outcome"]["code"] == "oversight.not_keeper"
    assert "（《工作规则》第三十三条）" in acts["outcome"]["explanation"]
