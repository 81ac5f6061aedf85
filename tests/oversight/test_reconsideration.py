"""行政复议 (art. 33): registered, answered in time, decided."""

from __future__ import annotations

import pytest

from tests.oversight.conftest import D, unit
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.core.transitions import StateConflict
from zhengwu.oversight.actions import record_answer, record_outcome, register_reconsideration
from zhengwu.oversight.models import Case, CaseState
from zhengwu.timers.models import Timer

pytestmark = [pytest.mark.article(33), pytest.mark.usefixtures("frozen")]


def register(user, who: str = "sfj_clerk", **kwargs) -> Case:
    args = {
        "case_number": "克政复〔2026〕3号",
        "title": "不服土地登记行为",
        "organ": "州人民政府",
        "respondent": unit("zrzyj"),
        "received_on": D(2026, 2, 9),
        "applicant": "申请人甲",
    }
    args.update(kwargs)
    return register_reconsideration(user(who), **args)


def test_registered_with_its_deadlines_across_the_spring_festival(user) -> None:
    case = register(user)
    assert (case.answer_due, case.decision_due) == (D(2026, 2, 24), D(2026, 4, 10))
    keys = set(Timer.objects.filter(state="pending").values_list("key", flat=True))
    assert {f"oversight.{case.pk}.answer.overdue", f"oversight.{case.pk}.decision.overdue"} <= keys


def test_who_registers_and_bad_input(user) -> None:
    with pytest.raises(Refused):
        register(user, "fgw_clerk")
    with pytest.raises(InvalidInput):
        register(user, title=" ")
    with pytest.raises(InvalidInput):
        register(user, received_on=D(2026, 2, 11))
    assert not Case.objects.filter(is_demo=False).exists()


def test_answered_then_decided(user) -> None:
    case = register(user)
    with pytest.raises(Refused):
        record_answer(user("fgw_clerk"), case)
    record_answer(user("zrzyj_head"), case)
    assert (case.state, case.answered_on) == (CaseState.ANSWERED, D(2026, 2, 10))
    with pytest.raises(StateConflict) as twice:
        record_answer(user("zrzyj_head"), case)
    assert twice.value.explanations == ["本事项当前为“已答复（答辩）”，不能记录答复（答辩）（《工作规则》第三十三条）"]
    assert not Timer.objects.filter(key=f"oversight.{case.pk}.answer.overdue", state="pending").exists()
    record_outcome(user("sfj_clerk"), case, "维持原登记行为。")
    assert case.state == CaseState.CLOSED
    with pytest.raises(StateConflict) as closed:
        record_outcome(user("sfj_clerk"), case, "再结一次。")
    assert closed.value.explanations == ["本事项当前为“已结案”，不能结案（《工作规则》第三十三条）"]
    assert not Timer.objects.filter(key__startswith=f"oversight.{case.pk}.", state="pending").exists()
