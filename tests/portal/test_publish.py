"""Publishing (arts. 28, 29): the 索引号 is given once, per body per year, never changed; only the
office's 信息公开 staff or its leadership publish; late publication is recorded as late."""

from __future__ import annotations

import pytest

from tests.portal.conftest import D, unit
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Refused
from zhengwu.portal import actions
from zhengwu.portal.models import IndexCounter, ItemState, PublicationItem
from zhengwu.portal.rules import parse_index_number

pytestmark = [pytest.mark.article(29), pytest.mark.usefixtures("frozen")]


def test_clerk_gongkai_publishes_with_an_index_number(queued, user) -> None:
    item = queued(title="关于做好冬季供暖工作的通知")
    actions.publish(user("clerk_gongkai"), item)
    item.refresh_from_db()
    assert item.state == ItemState.PUBLISHED
    assert item.published_at is not None
    org, year, serial = parse_index_number(item.index_number)
    assert org == unit("fgw").org_code == "010478403"
    assert year == 2026
    assert serial >= 1
    assert "供暖" in item.search_text.split()
    record = AuditRecord.objects.filter(action="portal.publish").latest("pk")
    assert item.index_number in record.summary


def test_serials_follow_each_other_per_body_and_year(queued, user) -> None:
    a, b, c = queued(title="一"), queued(title="二"), queued(title="三", unit_code="czj")
    for item in (a, b, c):
        actions.publish(user("office_director"), item)
    sa, sb, sc = (parse_index_number(i.index_number) for i in (a, b, c))
    assert sb[2] == sa[2] + 1
    assert sc[0] == "010478411"
    assert IndexCounter.objects.get(org_code="010478403", year=2026).last == sb[2]


def test_number_never_changes_and_item_is_not_published_twice(queued, user) -> None:
    item = queued()
    actions.publish(user("clerk_gongkai"), item)
    number = item.index_number
    with pytest.raises(Refused, match="已发布"):
        actions.publish(user("clerk_gongkai"), item)
    item.refresh_from_db()
    assert item.index_number == number


def test_skips_a_serial_already_taken_by_an_imported_item(queued, user) -> None:
    counter, _ = IndexCounter.objects.get_or_create(org_code="010478403", year=2026)
    taken = f"010478403/2026-{counter.last + 1:05d}"
    PublicationItem.objects.create(
        kind="imported",
        state=ItemState.PUBLISHED,
        title="已导入",
        counted_from=D(2026, 1, 5),
        due_on=D(2026, 2, 2),
        provision="portal.publish",
        index_number=taken,
    )
    item = queued()
    actions.publish(user("clerk_gongkai"), item)
    assert item.index_number != taken


@pytest.mark.parametrize("username", ["clerk_wendian", "fgw_clerk", "vice_liu"])
def test_others_may_not_publish(queued, user, username) -> None:
    item = queued()
    with pytest.raises(Refused, match="信息公开"):
        actions.publish(user(username), item)
    item.refresh_from_db()
    assert item.state == ItemState.QUEUED
    assert item.index_number is None


@pytest.mark.article(28)
def test_late_publication_is_recorded_as_late(queued, user) -> None:
    item = queued(counted_from=D(2026, 10, 9))  # 20 working days, 10-10 (Sat) a make-up day: 11-05
    assert item.due_on == D(2026, 11, 5)
    actions.publish(user("clerk_gongkai"), item)
    record = AuditRecord.objects.filter(action="portal.publish").latest("pk")
    assert "逾期公开" in record.summary
    assert record.details["late"] is True


def test_category_given_at_publication_when_the_queue_had_none(queued, user) -> None:
    item = queued(category="")
    actions.publish(user("clerk_gongkai"), item, category="城乡建设")
    item.refresh_from_db()
    assert item.category == "城乡建设"
