"""The result of a matter raised by the public or the media (art. 34): a major problem's result is
queued for publication, and listed until it is published."""

from __future__ import annotations

import pytest

from tests.reporting.conftest import D, unit
from zhengwu.core.decisions import Refused
from zhengwu.core.transitions import StateConflict
from zhengwu.portal import actions as portal
from zhengwu.portal.models import PublicationItem
from zhengwu.reporting import actions, selectors

pytestmark = [pytest.mark.article(34), pytest.mark.usefixtures("frozen")]


def _concern(user, major: bool):
    return actions.register_concern(
        user("fgw_head"),
        source="media",
        title="媒体报道某项目拖欠农民工工资",
        unit=unit("fgw"),
        received_on=D(2026, 11, 2),
        major=major,
    )


def test_a_major_problems_result_is_published_and_listed_until_it_is(user):
    c = _concern(user, major=True)
    actions.record_result(user("fgw_head"), c, "已督促支付全部工资，对责任单位约谈。")
    c.refresh_from_db()
    assert c.state == "handled"
    item = c.publication
    assert item is not None
    assert item.state == "queued"
    assert item.provision == "reports.public_supervision"
    assert selectors.unpublished_results() == [c]
    portal.publish(user("clerk_gongkai"), item)
    assert selectors.unpublished_results() == []
    with pytest.raises(StateConflict):
        actions.record_result(user("fgw_head"), c, "再次处理。")


def test_the_result_of_another_matter_is_not_queued_unless_it_is_found_major(user):
    c = _concern(user, major=False)
    actions.record_result(user("fgw_head"), c, "已核实并整改。")
    c.refresh_from_db()
    assert c.publication is None
    assert selectors.unpublished_results() == []
    other = _concern(user, major=False)
    actions.record_result(user("fgw_head"), other, "经核实问题属实，已处理。", major=True)
    other.refresh_from_db()
    assert other.major
    assert other.publication is not None


def test_another_unit_may_not_record_the_result(user):
    c = _concern(user, major=True)
    with pytest.raises(Refused):
        actions.record_result(user("jyj_head"), c, "处理。")
    c.refresh_from_db()
    assert c.state == "open"
    assert not PublicationItem.objects.filter(provision="reports.public_supervision").exists()
