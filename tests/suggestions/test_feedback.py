"""满意度: recorded by the office; 不满意 → handled again with a new deadline (art. 31)."""

from __future__ import annotations

import pytest

from tests.suggestions.conftest import D, answer
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.suggestions.actions import record_feedback
from zhengwu.suggestions.models import State

pytestmark = pytest.mark.article(31)


def test_unsatisfied_is_handled_again_then_satisfied_closes(user, assigned, frozen) -> None:
    with pytest.raises(Refused) as early:
        record_feedback(user("clerk_ducha"), assigned, "satisfied")
    assert "答复函印发后才能记录满意度" in early.value.explanations[-1]
    frozen.move_to("2026-09-03 10:00 +0800")
    first = answer(user, assigned)
    with pytest.raises(Refused):
        record_feedback(user("jyj_head"), assigned, "satisfied")  # the office records it
    with pytest.raises(InvalidInput):
        record_feedback(user("clerk_ducha"), assigned, "unsatisfied", " ")
    record_feedback(user("clerk_ducha"), assigned, "unsatisfied", "未明确建设时间表。")
    assigned.refresh_from_db()
    assert (assigned.round, assigned.answer_document, assigned.due) == (2, None, D(2026, 10, 8))  # 10-03 in 国庆
    assert assigned.state == State.HANDLING
    assert not assigned.answered
    second = answer(user, assigned, "代表：经重新研究，现补充答复如下……")
    assert second.pk != first.pk
    record_feedback(user("clerk_ducha"), assigned, "basically")
    assert assigned.state == State.CLOSED
    assert [f.satisfaction for f in assigned.feedback.all()] == ["unsatisfied", "basically"]
