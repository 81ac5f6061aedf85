"""``available_actions`` and the actions agree (issue 14): for every act on a petition, in every
state a petition passes through, for people on both sides of each rule (the 信访局, the handling
unit, the leader a letter was routed to, another leader, an outsider, the administrator), the act is
allowed in :func:`zhengwu.petitions.selectors.available_actions` exactly when the action does not
refuse.  Each action is tried in a savepoint that is rolled back, on a fresh copy of the petition."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests import support
from tests.api.conftest import Api
from zhengwu.org.models import Person
from zhengwu.petitions import actions, selectors
from zhengwu.petitions.models import Petition

pytestmark = [pytest.mark.usefixtures("frozen"), pytest.mark.article(35)]


def refuses(call: Callable[[Any, Petition], Any], actor: Any, pk: int) -> bool:
    """Whether the action refuses, on a fresh copy of the petition; whatever it wrote is rolled back."""
    return support.refuses(call, actor, Petition.objects.get(pk=pk))


CALLS: dict[str, Callable[[Any, Petition], Any]] = {
    "read": lambda u, p: actions.read_letter(u, p),
    "instruct": lambda u, p: actions.instruct(u, p, "请认真核查，依法处理。"),
    "decide_acceptance": lambda u, p: actions.decide_acceptance(u, p, True, "书面告知"),
    "route": lambda u, p: actions.route_important(u, p, Person.objects.get(user__username="vice_liu")),
    "extend": lambda u, p: actions.extend(u, p, 30, "情况复杂。", "书面告知"),
    "conclude": lambda u, p: actions.conclude(u, p, "已答复。", "书面答复"),
    "request_review": lambda u, p: actions.request_review(u, p, selectors.review_stage(p), "州人民政府"),
    "decide_review": lambda u, p: actions.decide_review(u, p, "维持原处理意见。"),
}

PEOPLE = ["xfj_head", "jyj_head", "vice_ayigul", "vice_liu", "fgw_clerk", "admin"]


def _handling(letter, user, **kwargs: Any) -> Petition:
    p = letter(**kwargs)
    actions.decide_acceptance(user("xfj_head"), p, True, "书面告知")
    return p


def _read(letter, user) -> Petition:
    p = letter(important=True)
    actions.read_letter(user("vice_ayigul"), p)
    return p


def _instructed(letter, user) -> Petition:
    p = _read(letter, user)
    actions.instruct(user("vice_ayigul"), p, "请教育局认真核查。")
    return p


def _important_handling(letter, user) -> Petition:
    p = _handling(letter, user, important=True)
    actions.read_letter(user("vice_ayigul"), p)
    return p


def _extended(letter, user) -> Petition:
    p = _handling(letter, user)
    actions.extend(user("vice_ayigul"), p, 10, "需实地核查。", "书面告知")
    return p


def _not_accepted(letter, user) -> Petition:
    p = letter()
    actions.decide_acceptance(user("xfj_head"), p, False, "书面告知", reason="不属于行政机关职权范围。")
    return p


def _concluded(letter, user) -> Petition:
    p = _handling(letter, user)
    actions.conclude(user("jyj_head"), p, "已答复。", "书面答复")
    return p


def _reviewing(letter, user) -> Petition:
    p = _concluded(letter, user)
    actions.request_review(user("xfj_head"), p, "review", "州人民政府")
    return p


def _reviewed(letter, user) -> Petition:
    p = _reviewing(letter, user)
    actions.decide_review(user("xfj_head"), p, "维持。")
    return p


def _rereviewing(letter, user) -> Petition:
    p = _reviewed(letter, user)
    actions.request_review(user("xfj_head"), p, "rereview", "自治区信访局")
    return p


def _final(letter, user) -> Petition:
    p = _rereviewing(letter, user)
    actions.decide_review(user("xfj_head"), p, "复核维持。")
    return p


STATES: dict[str, Callable[[Any, Any], Petition]] = {
    "registered": lambda letter, user: letter(),
    "important": lambda letter, user: letter(important=True),
    "important_read": _read,
    "instructed": _instructed,
    "handling": _handling,
    "important_handling": _important_handling,
    "extended": _extended,
    "not_accepted": _not_accepted,
    "concluded": _concluded,
    "reviewing": _reviewing,
    "reviewed": _reviewed,
    "rereviewing": _rereviewing,
    "final": _final,
}


def disagreements(user, p: Petition) -> list[tuple[str, str, str, str]]:
    out = []
    for username in PEOPLE:
        actor = user(username)
        offered = selectors.available_actions(actor, Petition.objects.get(pk=p.pk))
        assert list(offered) == list(CALLS)
        for name, call in CALLS.items():
            refused = refuses(call, actor, p.pk)
            if offered[name].allowed == refused:
                out.append((username, name, offered[name].explanation, "refused" if refused else "done"))
    return out


@pytest.mark.parametrize("state", list(STATES))
def test_a_petitions_acts_are_offered_exactly_when_the_action_does_them(letter, user, state) -> None:
    p = STATES[state](letter, user)
    assert disagreements(user, p) == []


def test_every_act_is_allowed_to_someone_somewhere(letter, user) -> None:
    """The agreement test above is not vacuous: each act is allowed at least once in it."""
    allowed: set[str] = set()
    for build in STATES.values():
        p = build(letter, user)
        for username in PEOPLE:
            allowed |= selectors.allowed_actions(user(username), p)
    assert allowed == set(CALLS)


def test_an_unread_important_letter_cannot_be_concluded_and_the_page_says_nothing_of_it(
    letter, user, client_as
) -> None:
    p = _important_handling(letter, user)
    conclude = selectors.available_actions(user("jyj_head"), p)["conclude"]
    assert (conclude.allowed, conclude.code) == (False, "petitions.awaiting_instruction")
    assert "《工作规则》第三十五条" in conclude.explanation
    page = client_as("jyj_head").get(f"/petitions/{p.pk}/").content.decode()
    assert "/act/conclude/" not in page
    actions.instruct(user("vice_ayigul"), p, "请核查。")
    assert "/act/conclude/" in client_as("jyj_head").get(f"/petitions/{p.pk}/").content.decode()


def test_the_api_lists_the_callers_acts(letter, client_as) -> None:
    p = letter()
    bureau = {a["name"]: a for a in Api(client_as("xfj_head")).get(f"/petitions/{p.pk}").json()["actions"]}
    assert Api(client_as("fgw_clerk")).get(f"/petitions/{p.pk}").status_code == 404  # no need to know
    outsider = {a["name"]: a for a in Api(client_as("governor")).get(f"/petitions/{p.pk}").json()["actions"]}
    assert list(bureau) == list(selectors.ACTS)
    assert bureau["decide_acceptance"]["allowed"]
    assert not outsider["decide_acceptance"]["allowed"]
    assert outsider["decide_acceptance"]["code"] == "petitions.not_bureau_staff"
