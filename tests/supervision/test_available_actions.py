"""``available_actions`` and the actions agree (issue 14): for every act on a supervision item, its
progress reports and its rectifications, in every state an item passes through, for people on both
sides of each rule, the act is offered in :mod:`zhengwu.supervision.selectors` exactly when the
action does not refuse.  Each action is tried in a savepoint that is rolled back, on a fresh copy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.support import refuses
from zhengwu.supervision import actions, selectors
from zhengwu.supervision.models import ProgressReport, Rectification, SupervisionItem

from .conftest import D, unit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


ITEM_CALLS: dict[str, Callable[[Any, SupervisionItem], Any]] = {
    "report_done": lambda u, i: actions.report_done(u, i, "园区道路已开工。"),
    "verify": lambda u, i: actions.verify(u, i, "核查属实。"),
    "reopen": lambda u, i: actions.reopen(u, i, "请补充材料。"),
    "rectify": lambda u, i: actions.order_rectification(u, i, "补充用地预审批复。", D(2026, 12, 20)),
    "evaluate": lambda u, i: actions.record_evaluation(u, i, "州社科院", "good", "进度属实。"),
}

GENERAL_CALLS: dict[str, Callable[[Any], Any]] = {
    "open": lambda u: actions.open_item(
        u, title="完善冷链物流配送体系", lead_unit=unit("wsb"), due=D(2027, 3, 31), origin="manual"
    ),
    "draft_circular": lambda u: actions.draft_circular(u),
}

PEOPLE = [
    "clerk_ducha",
    "office_director",
    "clerk_wendian",
    "fgw_head",
    "fgw_clerk",
    "czj_head",
    "vice_liu",
    "admin",
]


TITLES = iter(f"推进物流园区建设（第{n}批）" for n in range(1000))


def _open(open_item, user) -> SupervisionItem:
    return open_item(title=next(TITLES), every="weekly", new_despite="分批督办。")


def _reported(open_item, user) -> SupervisionItem:
    item = _open(open_item, user)
    actions.report_done(user("fgw_head"), item, "已完成。")
    return item


def _rectifying(open_item, user) -> SupervisionItem:
    item = _reported(open_item, user)
    actions.order_rectification(user("clerk_ducha"), item, "补充用地预审批复。", D(2026, 12, 15))
    return item


def _rectified(open_item, user) -> SupervisionItem:
    item = _rectifying(open_item, user)
    actions.complete_rectification(user("fgw_clerk"), item.rectifications.get(), "已补充。")
    return item


def _progressed(open_item, user) -> SupervisionItem:
    item = _open(open_item, user)
    for report in item.reports.filter(period=1):
        actions.submit_progress(user("fgw_clerk" if report.unit.code == "fgw" else "czj_head"), report, "按计划推进。")
    return item


def _closed(open_item, user) -> SupervisionItem:
    item = _reported(open_item, user)
    actions.verify(user("clerk_ducha"), item, "核查属实。")
    return item


def _reopened(open_item, user) -> SupervisionItem:
    item = _closed(open_item, user)
    actions.reopen(user("clerk_ducha"), item, "群众反映仍未完成。")
    return item


STATES: dict[str, Callable[[Any, Any], SupervisionItem]] = {
    "open": _open,
    "progressed": _progressed,
    "reported": _reported,
    "rectifying": _rectifying,
    "rectified": _rectified,
    "closed": _closed,
    "reopened": _reopened,
}


def disagreements(user, item: SupervisionItem) -> list[tuple[str, str, str, str, str]]:
    out = []
    pk = item.pk
    for username in PEOPLE:
        actor = user(username)
        offered = selectors.available_actions(actor, SupervisionItem.objects.get(pk=pk))
        assert set(offered) == set(ITEM_CALLS)
        for name, call in ITEM_CALLS.items():
            refused = refuses(call, actor, SupervisionItem.objects.get(pk=pk))
            if offered[name].allowed == refused:
                out.append((username, name, str(pk), offered[name].explanation, "refused" if refused else "done"))
        for report in ProgressReport.objects.filter(item_id=pk, period__lte=2).select_related("item", "unit"):
            allowed = selectors.report_actions(actor, report)["submit_progress"].allowed
            refused = refuses(actions.submit_progress, actor, ProgressReport.objects.get(pk=report.pk), "进展")
            if allowed == refused:
                out.append((username, "submit_progress", f"report {report.pk}", "", str(refused)))
        for rect in Rectification.objects.filter(item_id=pk).select_related("item__lead_unit"):
            allowed = selectors.rectification_actions(actor, rect)["complete_rectification"].allowed
            refused = refuses(actions.complete_rectification, actor, Rectification.objects.get(pk=rect.pk), "完成")
            if allowed == refused:
                out.append((username, "complete_rectification", f"rect {rect.pk}", "", str(refused)))
        general = selectors.general_actions(actor)
        for name, general_call in GENERAL_CALLS.items():
            refused = refuses(general_call, actor)
            if general[name].allowed == refused:
                out.append((username, name, "", general[name].explanation, "refused" if refused else "done"))
    return out


@pytest.mark.article(26)
@pytest.mark.parametrize("state", list(STATES))
def test_an_items_acts_are_offered_exactly_when_the_action_does_them(open_item, user, state) -> None:
    item = STATES[state](open_item, user)
    assert disagreements(user, item) == []


def test_every_act_is_allowed_to_someone_somewhere_and_refused_to_someone(open_item, user) -> None:
    """The agreement test above is not vacuous: each act is allowed and refused at least once."""
    seen: dict[bool, set[str]] = {True: set(), False: set()}
    for build in STATES.values():
        item = build(open_item, user)
        for username in PEOPLE:
            actor = user(username)
            for name, d in selectors.available_actions(actor, item).items():
                seen[d.allowed].add(name)
            for name, d in selectors.general_actions(actor).items():
                seen[d.allowed].add(name)
            for report in item.reports.select_related("item", "unit"):
                seen[selectors.report_actions(actor, report)["submit_progress"].allowed].add("submit_progress")
            for rect in item.rectifications.select_related("item__lead_unit"):
                d = selectors.rectification_actions(actor, rect)["complete_rectification"]
                seen[d.allowed].add("complete_rectification")
    expected = {*ITEM_CALLS, *GENERAL_CALLS, "submit_progress", "complete_rectification"}
    assert expected <= seen[True]
    assert expected <= seen[False]


@pytest.mark.article(26)
def test_a_refused_act_says_why_with_its_article(open_item, user) -> None:
    item = _rectifying(open_item, user)
    report_done = selectors.available_actions(user("fgw_head"), item)["report_done"]
    assert not report_done.allowed
    assert report_done.code == "supervision.rectification_open"
    assert "（《工作规则》第" in report_done.explanation
    verify = selectors.available_actions(user("fgw_head"), item)["verify"]
    assert verify.code == "supervision.not_supervisor"


@pytest.mark.article(26)
def test_the_page_offers_what_the_selectors_allow(open_item, user, client_as) -> None:
    """The lead unit's head is offered 报办结 on an open item, not while a rectification is open; the
    office is offered 核查 only on a reported item, and 退回重办 not on an open one."""
    item = _open(open_item, user)
    page = client_as("fgw_head").get(item.get_absolute_url()).content.decode()
    assert 'id="act-report-done"' in page
    assert 'id="office-acts"' not in page
    office = client_as("clerk_ducha").get(item.get_absolute_url()).content.decode()
    assert 'id="act-verify"' not in office
    assert 'id="act-reopen"' not in office
    assert 'id="act-rectify"' in office
    actions.report_done(user("fgw_head"), item, "已完成。")
    assert 'id="act-verify"' in client_as("clerk_ducha").get(item.get_absolute_url()).content.decode()
    actions.order_rectification(user("clerk_ducha"), item, "补充用地预审批复。", D(2026, 12, 15))
    page = client_as("fgw_head").get(item.get_absolute_url()).content.decode()
    assert 'id="act-report-done"' not in page
    assert "报告整改完成" in page


def test_the_api_lists_what_the_caller_may_do(open_item, user, client_as) -> None:
    item = _reported(open_item, user)
    body = client_as("clerk_ducha").get(f"/api/supervision/items/{item.pk}").json()
    offered = {a["name"]: a for a in body["actions"]}
    assert set(offered) == set(ITEM_CALLS)
    assert offered["verify"]["allowed"]
    assert not offered["report_done"]["allowed"]
    assert offered["report_done"]["code"] == "supervision.not_unit_staff"
    assert "第" in offered["report_done"]["explanation"]
    head = client_as("fgw_head").get(f"/api/supervision/items/{item.pk}").json()
    assert {a["name"] for a in head["actions"] if a["allowed"]} == set()
    assert all(a["name"] == "submit_progress" for r in head["reports"] for a in r["actions"])
