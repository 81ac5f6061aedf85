"""record_evaluation (art. 26, 第三方评估)."""

from __future__ import annotations

import pytest

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.supervision import actions

pytestmark = [pytest.mark.django_db, pytest.mark.article(26)]


def test_the_office_records_an_evaluation(open_item, frozen, user) -> None:
    item = open_item(title="第三方评估测试事项")
    ev = actions.record_evaluation(user("clerk_ducha"), item, "新疆大学评估中心", "fair", "进度基本符合要求。")
    assert ev.get_rating_display() == "较好"
    assert item.events.filter(kind="evaluate").exists()


def test_others_and_bad_input(open_item, frozen, user) -> None:
    item = open_item(title="第三方评估权限测试")
    with pytest.raises(Refused):
        actions.record_evaluation(user("fgw_head"), item, "某机构", "good", "好。")
    with pytest.raises(InvalidInput):
        actions.record_evaluation(user("clerk_ducha"), item, "某机构", "excellent", "好。")
    with pytest.raises(InvalidInput):
        actions.record_evaluation(user("clerk_ducha"), item, "", "good", "好。")
    assert not item.evaluations.exists()
