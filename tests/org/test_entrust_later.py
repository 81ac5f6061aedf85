"""Entrusting an acting holder after the absence was reported (art. 6; a unit head's deputy, art. 49)."""

from __future__ import annotations

import pytest

from tests.org.conftest import D, counts, notified
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Refused
from zhengwu.core.transitions import StateConflict
from zhengwu.org.actions import entrust, report_absence, report_return
from zhengwu.org.services import acting_candidates, who_holds

START, END = D(2026, 12, 2), D(2026, 12, 4)


@pytest.mark.article(6)
def test_governor_entrusts_later_before_leaving(user, person, position, frozen) -> None:
    absence = report_absence(user("governor"), person("governor"), START, END, "北京", "visit")
    arrangement = entrust(user("governor"), absence, position("exec_vice"))
    assert (arrangement.start, arrangement.end) == (START, END)
    assert who_holds("governor", D(2026, 12, 3)).person_name == "张建华"
    record = AuditRecord.objects.get(action="org.acting.entrust", object_id=str(arrangement.pk))
    assert record.article == 6
    assert record.details["later"] is False
    assert "exec_vice" in notified("受委托主持工作")


@pytest.mark.article(6)
def test_entrusted_while_away_it_runs_from_today_not_backdated(user, person, position, frozen) -> None:
    absence = report_absence(user("governor"), person("governor"), START, END, "北京", "visit")
    frozen.move_to("2026-12-03 10:00 +0800")
    arrangement = entrust(user("governor"), absence, position("exec_vice"))
    assert (arrangement.start, arrangement.end) == (D(2026, 12, 3), END)
    on_the_2nd = who_holds("governor", D(2026, 12, 2))
    assert on_the_2nd.person_name == "买买提·艾力"
    assert on_the_2nd.away
    assert who_holds("governor", D(2026, 12, 3)).person_name == "张建华"


@pytest.mark.article(49)
def test_unit_head_names_the_deputy_who_then_holds_the_head_authority(user, person, position, frozen) -> None:
    absence = report_absence(user("fgw_head"), person("fgw_head"), START, END, "乌鲁木齐", "trip")
    assert [p.pk for p in acting_candidates(absence.position)] == [position("fgw_deputy").pk]
    arrangement = entrust(user("fgw_head"), absence, position("fgw_deputy"))
    assert arrangement.article == 49
    holder = who_holds("head:fgw", D(2026, 12, 3))
    assert holder.person_name == "马丽"
    assert holder.acting_for.person_name == "周强"
    assert "fgw_deputy" in notified("受委托主持工作")


@pytest.mark.article(49)
def test_a_clerk_may_not_act_for_the_head_and_the_office_may_not_name_the_deputy(
    user, person, position, frozen
) -> None:
    absence = report_absence(user("fgw_head"), person("fgw_head"), START, END, "乌鲁木齐", "trip")
    before = counts()
    with pytest.raises(Refused) as by_head:
        entrust(user("fgw_head"), absence, position("fgw_clerk"))
    assert by_head.value.explanations == ["代理主要负责人的应为本单位副职（《工作规则》第四十九条）"]
    with pytest.raises(Refused) as by_office:
        entrust(user("office_director"), absence, position("fgw_deputy"))
    assert by_office.value.explanations == ["只有单位主要负责人本人可以指定代理人（《工作规则》第四十九条）"]
    assert counts() == before


@pytest.mark.article(6)
def test_one_arrangement_at_a_time(user, person, position, frozen) -> None:
    absence = report_absence(
        user("governor"), person("governor"), START, END, "北京", "visit", entrust_to=position("exec_vice")
    )
    before = counts()
    with pytest.raises(Refused, match="已有代理安排") as refused:
        entrust(user("governor"), absence, position("exec_vice"))
    assert refused.value.explanations == [
        "这次外出已有代理安排（常务副州长，2026-12-02至2026-12-04），请先撤销再另行委托（《工作规则》第六条）"
    ]
    assert counts() == before


@pytest.mark.article(6)
def test_no_arrangement_after_the_return(user, person, position, frozen) -> None:
    absence = report_absence(user("governor"), person("governor"), START, END, "北京", "visit")
    frozen.move_to("2026-12-03 10:00 +0800")
    report_return(user("governor"), absence, D(2026, 12, 3))
    with pytest.raises(StateConflict) as conflict:
        entrust(user("governor"), absence, position("exec_vice"))
    assert conflict.value.explanations == ["本外出报告当前为“已销假”，销假前方可安排代理（《工作规则》第六条）"]
