"""Contested matters (art. 21): third-party evaluation, then the 司法局 lists each side's reasons and
its proposal; until then the draft does not go to the meeting."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.legislation.actions.adoption import record_deliberation
from zhengwu.legislation.actions.drafting import list_positions, raise_dispute, record_third_party_evaluation

pytestmark = pytest.mark.article(21)


def test_a_dispute_is_listed_by_the_sfj_before_deliberation(user, passed) -> None:
    dispute = raise_dispute(user("fgw_clerk"), passed, matter="监测点补助标准", parties="州发展改革委、州财政局")
    with pytest.raises(Refused) as refused:
        record_deliberation(user("clerk_huiwu"), passed, meeting_ref="常务会议", held_on=dt.date(2026, 10, 14))
    assert "尚待司法局列明各方理据" in refused.value.explanations[-1]
    with pytest.raises(Refused):
        record_third_party_evaluation(user("fgw_clerk"), dispute, evaluator="某研究院", conclusion="x")
    record_third_party_evaluation(user("sfj_clerk"), dispute, evaluator="新疆某大学法学院", conclusion="建议按月补助。")
    with pytest.raises(InvalidInput):
        list_positions(user("sfj_head"), dispute, reasons="", proposal="按月")
    list_positions(user("sfj_head"), dispute, reasons="发改委：按次；财政局：按月。", proposal="按月补助。")
    record_deliberation(user("clerk_huiwu"), passed, meeting_ref="常务会议", held_on=dt.date(2026, 10, 14))
    assert passed.state == "deliberated"
