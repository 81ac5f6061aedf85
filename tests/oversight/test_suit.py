"""行政诉讼 (art. 32): the defence due 15 days after service; overdue marked."""

from __future__ import annotations

import pytest

from tests.oversight.conftest import D, unit
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Refused
from zhengwu.oversight.actions import record_answer, register_suit
from zhengwu.oversight.models import Case
from zhengwu.timers.services import sweep

pytestmark = pytest.mark.article(32)


def test_the_defence_is_due_15_days_after_service_and_marked_overdue(user, frozen) -> None:
    case = register_suit(
        user("fgw_clerk"),
        case_number="（2026）新30行初5号",
        title="诉信息公开答复",
        court="克孜勒苏中级人民法院",
        defendant=unit("fgw"),
        served_on=D(2026, 2, 5),
    )
    assert case.answer_due == D(2026, 2, 24)
    with pytest.raises(Refused):
        register_suit(
            user("jyj_head"), case_number="x", title="诉", court="法院", defendant=unit("fgw"), served_on=D(2026, 2, 5)
        )
    frozen.move_to("2026-02-25 00:10 +0800")
    sweep()
    assert Case.objects.get(pk=case.pk).overdue_limits == ["answer"]
    assert AuditRecord.objects.filter(action="oversight.overdue", object_id=str(case.pk)).count() == 1
    record_answer(user("fgw_clerk"), case)
    assert case.answered_on == D(2026, 2, 25)
    assert AuditRecord.objects.get(action="oversight.answer", object_id=str(case.pk)).details["late"] is True
