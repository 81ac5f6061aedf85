"""``available_actions`` and the actions agree (issue 14): for every act on an item of the
publication queue and on an application for disclosure, in every state they pass through, for
people on both sides of each rule, the act is offered by :mod:`zhengwu.portal.selectors` exactly
when the action does not refuse.  Each action is tried in a savepoint that is rolled back, on a
fresh copy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.portal.conftest import unit
from tests.support import refuses
from zhengwu.org.models import Unit
from zhengwu.portal import actions, selectors
from zhengwu.portal.models import Application, PublicationItem

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


PEOPLE = ["clerk_gongkai", "office_director", "secretary_general", "clerk_wendian", "fgw_clerk", "admin"]

ITEM_CALLS: dict[str, Callable[[Any, PublicationItem], Any]] = {
    "publish": lambda u, i: actions.publish(u, i, "城乡建设"),
    "withhold": lambda u, i: actions.withhold(u, i, "third_party", "涉及个人隐私。"),
    "interpret": lambda u, i: actions.interpret(u, i, "一图读懂", "解读内容。"),
}

APPLICATION_CALLS: dict[str, Callable[[Any, Application], Any]] = {
    "resume": lambda u, a: actions.end_consultation(u, a),
    "reply": lambda u, a: actions.reply_application(u, a, "disclosed", "见附件。"),
    "consult": lambda u, a: actions.start_consultation(u, a, "某建筑公司"),
    "extend": lambda u, a: actions.extend_application(u, a, "需调取档案。"),
}


def _queued(queued, user) -> PublicationItem:
    return queued()


def _without_org_code(queued, user) -> PublicationItem:
    Unit.objects.filter(code="jyj").update(org_code="")
    return queued(unit_code="jyj", title="关于做好寒假安全工作的通知")


def _published(queued, user) -> PublicationItem:
    return actions.publish(user("clerk_gongkai"), queued())


def _withheld(queued, user) -> PublicationItem:
    return actions.withhold(user("clerk_gongkai"), queued(), "third_party", "涉及个人隐私。")


def _interpretation(queued, user) -> PublicationItem:
    return actions.interpret(user("clerk_gongkai"), _published(queued, user), "政策解读", "解读内容。")


ITEMS: dict[str, Callable[[Any, Any], PublicationItem]] = {
    "queued": _queued,
    "without_org_code": _without_org_code,
    "published": _published,
    "withheld": _withheld,
    "interpretation": _interpretation,
}


def _received(user) -> Application:
    return actions.submit_application("张三", "13800000000", "2026年州本级部门预算中教育经费的安排情况")


def _consulting(user) -> Application:
    return actions.start_consultation(user("clerk_gongkai"), _received(user), "某建筑公司")


def _extended(user) -> Application:
    return actions.extend_application(user("office_director"), _received(user), "需调取档案。")


def _answered(user) -> Application:
    return actions.reply_application(user("clerk_gongkai"), _received(user), "disclosed", "见附件。")


APPLICATIONS: dict[str, Callable[[Any], Application]] = {
    "received": _received,
    "consulting": _consulting,
    "extended": _extended,
    "answered": _answered,
}


@pytest.mark.article(30)
@pytest.mark.parametrize("state", list(ITEMS))
def test_an_items_acts_are_offered_exactly_when_the_action_does_them(queued, user, state) -> None:
    pk = ITEMS[state](queued, user).pk
    out = []
    for username in PEOPLE:
        actor = user(username)
        offered = selectors.available_actions(actor, PublicationItem.objects.get(pk=pk))
        assert set(offered) == set(ITEM_CALLS)
        for name, call in ITEM_CALLS.items():
            refused = refuses(call, actor, PublicationItem.objects.get(pk=pk))
            if offered[name].allowed == refused:
                out.append((username, name, offered[name].explanation, "refused" if refused else "done"))
    assert out == []


@pytest.mark.article(27)
@pytest.mark.parametrize("state", list(APPLICATIONS))
def test_an_applications_acts_are_offered_exactly_when_the_action_does_them(user, state) -> None:
    pk = APPLICATIONS[state](user).pk
    out = []
    for username in PEOPLE:
        actor = user(username)
        offered = selectors.application_actions(actor, Application.objects.get(pk=pk))
        assert set(offered) == set(APPLICATION_CALLS)
        for name, call in APPLICATION_CALLS.items():
            refused = refuses(call, actor, Application.objects.get(pk=pk))
            if offered[name].allowed == refused:
                out.append((username, name, offered[name].explanation, "refused" if refused else "done"))
    assert out == []


def test_every_act_is_allowed_to_someone_somewhere_and_refused_to_someone(queued, user) -> None:
    """The agreement tests above are not vacuous."""
    seen: dict[bool, set[str]] = {True: set(), False: set()}
    for build in ITEMS.values():
        item = build(queued, user)
        for username in PEOPLE:
            for name, d in selectors.available_actions(user(username), item).items():
                seen[d.allowed].add(name)
    for build_app in APPLICATIONS.values():
        app = build_app(user)
        for username in PEOPLE:
            for name, d in selectors.application_actions(user(username), app).items():
                seen[d.allowed].add(name)
    assert {*ITEM_CALLS, *APPLICATION_CALLS} <= seen[True]
    assert {*ITEM_CALLS, *APPLICATION_CALLS} <= seen[False]


@pytest.mark.article(27)
def test_the_application_page_offers_the_extension_only_to_the_leadership(user, client_as) -> None:
    app = _received(user)
    clerk = client_as("clerk_gongkai").get(f"/portal/applications/{app.pk}/").content.decode()
    director = client_as("office_director").get(f"/portal/applications/{app.pk}/").content.decode()
    assert "/extend/" not in clerk
    assert "/extend/" in director
    assert "/reply/" in clerk
    assert "/resume/" not in clerk


def test_the_queue_says_why_an_item_cannot_be_published(queued, user, client_as) -> None:
    item = _without_org_code(queued, user)
    page = client_as("clerk_gongkai").get("/portal/queue/").content.decode()
    row = page[page.index(f'id="item-{item.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "/publish/" not in row
    assert "组织机构代码" in row
    assert unit("fgw").org_code


def test_the_api_lists_what_the_caller_may_do(user, client_as) -> None:
    app = _received(user)
    body = client_as("clerk_gongkai").get(f"/api/portal/applications/{app.pk}").json()
    offered = {a["name"]: a for a in body["actions"]}
    assert set(offered) == set(APPLICATION_CALLS)
    assert offered["reply"]["allowed"]
    assert not offered["extend"]["allowed"]
    assert offered["extend"]["code"] == "portal.may_not_extend"
