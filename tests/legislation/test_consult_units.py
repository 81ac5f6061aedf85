"""Units whose powers the draft touches are consulted and reply (art. 22); legality review waits."""

from __future__ import annotations

import pytest

from tests.legislation.conftest import unit
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.legislation.actions.drafting import consult_units, reply_consultation
from zhengwu.legislation.actions.review import submit_for_review

pytestmark = pytest.mark.article(22)


def test_consulted_units_reply_before_review(user, answered) -> None:
    [task] = consult_units(user("fgw_clerk"), answered, [unit("czj")])
    assert task.due.isoformat() == "2026-10-23"  # 7 working days from 10-14
    with pytest.raises(Refused) as refused:
        submit_for_review(user("fgw_head"), answered)
    assert "尚待州财政局回复意见" in refused.value.explanations[0]
    with pytest.raises(Refused):
        reply_consultation(user("fgw_clerk"), task, agrees=True, reply="")  # not the consulted unit
    with pytest.raises(InvalidInput):
        reply_consultation(user("czj_head"), task, agrees=False, reply="")
    reply_consultation(user("czj_head"), task, agrees=True, reply="无意见。")
    submit_for_review(user("fgw_head"), answered)
    assert answered.state == "reviewing"


def test_the_same_unit_is_consulted_once(user, new_draft) -> None:
    draft = new_draft()
    consult_units(user("fgw_clerk"), draft, [unit("czj")])
    with pytest.raises(Refused) as refused:
        consult_units(user("fgw_clerk"), draft, [unit("czj")])
    assert refused.value.explanations == ["已向所选部门征求过意见（《工作规则》第二十二条）"]
    with pytest.raises(InvalidInput):
        consult_units(user("fgw_clerk"), draft, [unit("fgw")])  # not itself
