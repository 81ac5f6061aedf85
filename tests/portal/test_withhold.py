"""Withholding (art. 27; 条例第十四至十六条): a queued item is not published only with its
exemption and a reason, by the office's disclosure staff."""

from __future__ import annotations

import pytest

from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Refused
from zhengwu.portal import actions
from zhengwu.portal.models import ItemState

pytestmark = [pytest.mark.article(27), pytest.mark.usefixtures("frozen")]


def test_withhold_with_exemption_and_reason(queued, user) -> None:
    item = queued(title="州政府办公室内部工作流程")
    actions.withhold(user("clerk_gongkai"), item, "internal", "属于内部工作流程，不对外产生效力")
    item.refresh_from_db()
    assert item.state == ItemState.WITHHELD
    assert item.index_number is None
    assert item.withheld_exemption == "internal"
    record = AuditRecord.objects.filter(action="portal.withhold").latest("pk")
    assert "第十六条" in record.summary


@pytest.mark.parametrize(
    ("exemption", "reason", "message"),
    [
        ("", "理由", "依据"),
        ("bogus", "理由", "依据"),
        ("internal", "  ", "理由"),
    ],
)
def test_refused_without_exemption_or_reason(queued, user, exemption, reason, message) -> None:
    item = queued()
    with pytest.raises(Refused, match=message):
        actions.withhold(user("clerk_gongkai"), item, exemption, reason)
    item.refresh_from_db()
    assert item.state == ItemState.QUEUED


def test_department_staff_may_not_withhold(queued, user) -> None:
    item = queued()
    with pytest.raises(Refused):
        actions.withhold(user("fgw_head"), item, "internal", "内部事务")
    item.refresh_from_db()
    assert item.state == ItemState.QUEUED


def test_published_item_cannot_be_withheld(queued, user) -> None:
    item = queued()
    actions.publish(user("clerk_gongkai"), item)
    with pytest.raises(Refused, match="已发布"):
        actions.withhold(user("clerk_gongkai"), item, "internal", "内部事务")
