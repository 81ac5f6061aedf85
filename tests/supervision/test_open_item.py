"""open_item (arts. 26, 54): who opens, what is written, art. 26 duplicates, links."""

from __future__ import annotations

import pytest

from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.supervision import actions
from zhengwu.supervision.models import ItemSource, ItemState, ProgressReport, SupervisionItem
from zhengwu.workdays import services

from .conftest import D, notified, pending_timers, unit

pytestmark = [pytest.mark.django_db, pytest.mark.article(54)]


@pytest.mark.article(63)
def test_the_supervision_clerk_opens_an_item_for_two_units(open_item, autumn) -> None:
    item = open_item(every="monthly", due=D(2026, 11, 30))
    assert item.state == ItemState.OPEN
    assert item.opened_on == D(2026, 9, 1)
    assert list(item.co_units.values_list("code", flat=True)) == ["czj"]
    reports = list(ProgressReport.objects.filter(item=item).order_by("period", "unit__sort_order"))
    # 10-01 falls in 国庆 (to 10-07): the 8th; 11-01 is a Sunday: the 2nd; 12-01 is past the final deadline
    assert [(r.period, r.unit.code, r.due) for r in reports] == [
        (1, "fgw", D(2026, 10, 8)),
        (1, "czj", D(2026, 10, 8)),
        (2, "fgw", D(2026, 11, 2)),
        (2, "czj", D(2026, 11, 2)),
    ]
    assert {"fgw_head", "czj_head"} <= notified("督办事项")
    rec = AuditRecord.objects.filter(action="supervision.open").latest("seq")
    assert rec.article == 54
    assert "牵头单位" in rec.summary
    assert any(k.endswith(":overdue") for k in pending_timers(item))


@pytest.mark.parametrize("username", ["clerk_ducha", "clerk_huiwu", "office_director", "vice_liu", "secretary_general"])
def test_office_and_leaders_may_open(open_item, frozen, username) -> None:
    assert open_item(title=f"{username}交办的专项工作部署落实", by=username).pk


@pytest.mark.article(26)
@pytest.mark.parametrize("username", ["fgw_clerk", "fgw_head", "czj_head"])
def test_others_may_not_open(open_item, frozen, username) -> None:
    before = SupervisionItem.objects.count()
    with pytest.raises(Refused) as exc:
        open_item(title="不应立项的事项测试一", by=username)
    assert "无权立项" in str(exc.value)
    assert SupervisionItem.objects.count() == before


@pytest.mark.article(26)
def test_a_unit_may_follow_its_own_finding(open_item, frozen) -> None:
    assert open_item(title="审计发现问题整改：专项资金拨付滞后", lead="czj", co=(), by="czj_head", origin="finding").pk


@pytest.mark.article(63)
def test_report_dates_in_a_provisional_year_are_scheduled(open_item, frozen) -> None:
    """2027 has no notice yet: its report dates are counted on the statutory holidays, never refused."""
    item = open_item(title="跨年度按月报告的事项", every="monthly", due=D(2027, 3, 31))
    assert item.pk
    assert services.calendar().is_provisional(D(2027, 3, 31))
    assert open_item(title="推进冬季供暖保障工作", lead="jyj", co=(), due=D(2027, 3, 31)).pk


def test_bad_input_changes_nothing(open_item, frozen) -> None:
    before = SupervisionItem.objects.count()
    with pytest.raises(InvalidInput) as exc:
        open_item(title="  ")
    assert exc.value.field == "title"
    with pytest.raises(InvalidInput) as exc:
        open_item(title="期限早于今天的事项", due=D(2026, 11, 30))
    assert exc.value.field == "due"
    with pytest.raises(InvalidInput):
        open_item(title="牵头单位也是协办单位", co=("fgw",))
    assert SupervisionItem.objects.count() == before


@pytest.mark.article(26)
def test_a_similar_open_item_is_offered_for_linking(open_item, frozen) -> None:
    first = open_item(title="加快推进克州物流园区建设")
    with pytest.raises(Refused) as exc:
        open_item(title="加快推进克州物流园区建设工作", lead="czj", co=("fgw",))
    assert exc.value.decisions[0].code == "supervision.similar"
    assert exc.value.decisions[0].citation.article == 26
    found = actions.candidates("加快推进克州物流园区建设工作", unit("czj"), [unit("fgw")])
    assert [c.item_id for c in found] == [first.pk]
    # no units in common: not the same matter
    assert open_item(title="加快推进克州物流园区建设工作", lead="jyj", co=()).pk != first.pk


@pytest.mark.article(26)
def test_a_new_item_despite_a_similar_one_needs_a_reason(open_item, frozen) -> None:
    open_item(title="做好冬季供暖保障工作")
    item = open_item(title="做好冬季供暖保障工作", co=(), new_despite="上级另行交办，考核口径不同")
    assert item.new_despite == "上级另行交办，考核口径不同"
    assert "另行立项理由" in item.events.get(kind="open").reason


@pytest.mark.article(26)
def test_the_same_source_is_linked_not_supervised_twice(open_item, frozen, make_document) -> None:
    doc = make_document(title="关于物流园区用地问题的请示")
    first = open_item(title="关于某来文的批示落实", origin="instruction", source=doc)
    with pytest.raises(Refused) as exc:
        open_item(title="完全不同的标题以免相似", origin="instruction", source=doc, new_despite="理由也不行")
    assert exc.value.decisions[0].code == "supervision.same_source"
    linked = open_item(title="完全不同的标题以免相似", origin="meeting_decision", source=doc, link_to=first)
    assert linked.pk == first.pk
    rows = list(ItemSource.objects.filter(item=first).order_by("id"))
    assert [r.linked for r in rows] == [False, True]
    assert rows[1].origin == "meeting_decision"
    assert first.events.filter(kind="link").exists()


@pytest.mark.article(26)
def test_a_closed_item_is_not_linked(open_item, frozen, user) -> None:
    item = open_item(title="已办结事项的关联测试", co=())
    actions.report_done(user("fgw_head"), item, "已办结。")
    actions.verify(user("clerk_ducha"), item)
    with pytest.raises(Refused):
        open_item(title="任意", link_to=item)
