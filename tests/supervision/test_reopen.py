"""reopen (art. 26): the office sends a reported or closed item back, with a reason."""

from __future__ import annotations

import pytest

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.supervision import actions
from zhengwu.supervision.models import ItemState

from .conftest import D, notified, pending_timers

pytestmark = [pytest.mark.django_db, pytest.mark.article(26)]


def test_reopened_with_a_reason_and_the_deadline_watched_again(open_item, frozen, user) -> None:
    item = open_item(title="退回重办测试事项", due=D(2026, 12, 15))
    actions.report_done(user("fgw_head"), item, "已完成。")
    with pytest.raises(InvalidInput):
        actions.reopen(user("clerk_ducha"), item, " ")
    actions.reopen(user("clerk_ducha"), item, "核查发现未完成用地报批。")
    assert item.state == ItemState.OPEN
    assert item.reopen_count == 1
    assert item.reported_at is None
    assert f"supervision:item:{item.pk}:overdue" in pending_timers(item)
    assert "fgw_head" in notified("退回重办：退回重办测试事项")
    ev = item.events.get(kind="reopen")
    assert ev.reason == "核查发现未完成用地报批。"
    assert ev.citation.startswith("《")


@pytest.mark.article(63)
def test_reopened_after_the_deadline_is_overdue_at_once(open_item, frozen, user) -> None:
    item = open_item(title="逾期后退回的事项", co=(), due=D(2026, 12, 3))
    actions.report_done(user("fgw_head"), item, "已完成。")
    frozen.move_to("2026-12-07 10:00 +0800")
    actions.reopen(user("clerk_ducha"), item, "不符合要求。")
    from zhengwu.timers import services as timers

    timers.sweep()
    item.refresh_from_db()
    assert item.escalation == 1
    assert item.overdue_at is not None


def test_a_closed_item_reopened_watches_its_coming_reports_again(open_item, autumn, user) -> None:
    item = open_item(title="办结后退回的按月报告事项", co=(), every="monthly", due=D(2026, 11, 30))
    actions.report_done(user("fgw_head"), item, "已完成。")
    actions.verify(user("clerk_ducha"), item)
    assert not pending_timers(item)
    actions.reopen(user("clerk_ducha"), item, "复查发现问题反弹。")
    keys = pending_timers(item)
    assert f"supervision:item:{item.pk}:overdue" in keys
    assert sum(k.startswith("supervision:report:") and k.endswith(":overdue") for k in keys) == 2


def test_only_the_office_reopens(open_item, frozen, user) -> None:
    item = open_item(title="退回权限测试事项")
    actions.report_done(user("fgw_head"), item, "已完成。")
    with pytest.raises(Refused):
        actions.reopen(user("fgw_head"), item, "自己退回。")
