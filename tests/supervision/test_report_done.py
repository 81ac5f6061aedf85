"""report_done (art. 54): the lead unit reports the item done; the office is told."""

from __future__ import annotations

import pytest

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.supervision import actions
from zhengwu.supervision.models import ItemState

from .conftest import D, notified, pending_timers

pytestmark = [pytest.mark.django_db, pytest.mark.article(54)]


def test_the_lead_unit_reports_done(open_item, frozen, user) -> None:
    item = open_item(title="报办结测试事项")
    actions.report_done(user("fgw_deputy"), item, "项目已开工。")
    assert item.state == ItemState.REPORTED
    assert item.report_text == "项目已开工。"
    assert "clerk_ducha" in notified("待核查：报办结测试事项")
    assert not any(k.startswith(f"supervision:item:{item.pk}:") for k in pending_timers(item))
    ev = item.events.get(kind="report_done")
    assert (ev.from_state, ev.to_state) == ("open", "reported")
    assert ev.actor_id == user("fgw_deputy").pk
    assert ev.citation


@pytest.mark.parametrize("username", ["czj_head", "clerk_ducha"])
def test_a_co_unit_or_the_office_may_not(open_item, frozen, user, username) -> None:
    item = open_item(title="报办结权限测试事项")
    with pytest.raises(Refused):
        actions.report_done(user(username), item, "完成。")
    item.refresh_from_db()
    assert item.state == ItemState.OPEN


def test_not_twice_and_not_empty(open_item, frozen, user) -> None:
    item = open_item(title="报办结状态测试事项")
    with pytest.raises(InvalidInput):
        actions.report_done(user("fgw_head"), item, "")
    actions.report_done(user("fgw_head"), item, "完成。")
    with pytest.raises(Refused):
        actions.report_done(user("fgw_head"), item, "再次。")


@pytest.mark.article(26)
def test_open_rectification_blocks_report(open_item, frozen, user) -> None:
    item = open_item(title="整改未完成不得报办结")
    rect = actions.order_rectification(user("clerk_ducha"), item, "补齐用地手续。", D(2026, 12, 10))
    with pytest.raises(Refused) as exc:
        actions.report_done(user("fgw_head"), item, "完成。")
    assert "督促整改未完成" in str(exc.value)
    actions.complete_rectification(user("fgw_clerk"), rect, "手续已补齐。")
    actions.report_done(user("fgw_head"), item, "完成。")
    assert item.state == ItemState.REPORTED
