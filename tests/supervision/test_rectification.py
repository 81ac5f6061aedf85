"""order_rectification / complete_rectification (art. 26, 督促整改): its own deadline and timers."""

from __future__ import annotations

import pytest

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.supervision import actions
from zhengwu.supervision.models import ItemState
from zhengwu.timers.models import Timer

from .conftest import D, notified

pytestmark = [pytest.mark.django_db, pytest.mark.article(26)]


def test_ordered_by_the_office_with_its_own_deadline(open_item, frozen, user) -> None:
    item = open_item(title="督促整改测试事项")
    actions.report_done(user("fgw_head"), item, "已完成。")
    rect = actions.order_rectification(user("clerk_ducha"), item, "补充验收材料。", D(2026, 12, 8))
    assert item.state == ItemState.OPEN  # back from 待核查
    assert "fgw_head" in notified("督促整改：督促整改测试事项")
    assert Timer.objects.filter(key=f"supervision:rect:{rect.pk}:overdue", state="pending").exists()
    actions.complete_rectification(user("fgw_clerk"), rect, "已补充。")
    rect.refresh_from_db()
    assert rect.done_at is not None
    assert not rect.late
    assert not Timer.objects.filter(key=f"supervision:rect:{rect.pk}:overdue", state="pending").exists()
    with pytest.raises(Refused):
        actions.complete_rectification(user("fgw_clerk"), rect, "再次。")


def test_bad_input_and_permissions(open_item, frozen, user) -> None:
    item = open_item(title="督促整改权限测试")
    with pytest.raises(Refused):
        actions.order_rectification(user("vice_liu"), item, "整改。", D(2026, 12, 8))
    with pytest.raises(InvalidInput):
        actions.order_rectification(user("clerk_ducha"), item, "整改。", D(2026, 12, 1))
    with pytest.raises(InvalidInput):
        actions.order_rectification(user("clerk_ducha"), item, "", D(2026, 12, 8))
    rect = actions.order_rectification(user("clerk_ducha"), item, "整改。", D(2026, 12, 8))
    with pytest.raises(Refused):
        actions.complete_rectification(user("czj_head"), rect, "协办单位代报。")


@pytest.mark.article(63)
def test_overdue_rectification_escalates(open_item, frozen, user) -> None:
    from zhengwu.timers import services as timers

    item = open_item(title="整改逾期测试事项")
    actions.order_rectification(user("clerk_ducha"), item, "整改。", D(2026, 12, 3))
    frozen.move_to("2026-12-04 00:05 +0800")
    timers.sweep()
    assert "fgw_head" in notified("逾期：“整改逾期测试事项”整改")
