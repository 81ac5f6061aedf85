"""审计（检查）发现的问题 (art. 32): the rectification is followed as a supervision item."""

from __future__ import annotations

import pytest

from tests.oversight.conftest import D, unit
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.oversight.actions import record_outcome, register_finding
from zhengwu.oversight.models import Case, CaseState
from zhengwu.supervision.models import SupervisionItem

pytestmark = [pytest.mark.article(32), pytest.mark.usefixtures("frozen")]


def test_a_finding_becomes_a_supervision_item(user) -> None:
    case = register_finding(
        user("clerk_ducha"),
        case_number="克审〔2026〕2号",
        title="专项资金未按进度拨付",
        organ="州审计局",
        unit=unit("czj"),
        issued_on=D(2026, 2, 2),
        rectify_due=D(2026, 5, 29),
        requirement="限期拨付到位并报送整改报告。",
        co_units=[unit("jyj")],
    )
    assert case.state == CaseState.RECTIFYING
    item = SupervisionItem.objects.get(pk=case.followup_id)
    assert (item.origin, item.lead_unit.code, item.due) == ("finding", "czj", D(2026, 5, 29))
    assert [u.code for u in item.co_units.all()] == ["jyj"]
    record_outcome(user("czj_head"), case, "已整改到位。")
    assert case.state == CaseState.CLOSED


def test_a_finding_needs_its_deadline_and_requirement(user) -> None:
    args = {
        "case_number": "克审〔2026〕3号",
        "title": "问题",
        "organ": "州审计局",
        "unit": unit("czj"),
        "issued_on": D(2026, 2, 2),
        "requirement": "整改。",
    }
    with pytest.raises(Refused):
        register_finding(user("clerk_ducha"), rectify_due=None, **args)
    with pytest.raises(Refused):
        register_finding(user("clerk_ducha"), rectify_due=D(2026, 2, 9), **args)
    with pytest.raises(InvalidInput):
        register_finding(user("clerk_ducha"), rectify_due=D(2026, 5, 1), **(args | {"requirement": " "}))
    with pytest.raises(Refused):
        register_finding(user("fgw_clerk"), rectify_due=D(2026, 5, 1), **args)
    assert not Case.objects.filter(is_demo=False).exists()
    assert not SupervisionItem.objects.filter(origin="finding").exists()
