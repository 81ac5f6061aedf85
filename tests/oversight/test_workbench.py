"""The 复议诉讼审计 panel of the workbench: the cases that wait on its reader."""

from __future__ import annotations

import pytest

from zhengwu.oversight import actions
from zhengwu.oversight.models import CaseState

from .conftest import D, unit

pytestmark = [pytest.mark.usefixtures("frozen"), pytest.mark.article(33)]


def test_the_keeper_and_the_unit_concerned_see_an_open_case_others_do_not(client_as, user) -> None:
    case = actions.register_reconsideration(
        user("sfj_clerk"),
        case_number="克政复〔2026〕7号",
        title="不服土地登记行为",
        organ="州人民政府",
        respondent=unit("zrzyj"),
        received_on=D(2026, 2, 9),
        applicant="申请人甲",
    )
    # the 司法局 keeps the register for another unit: its clerk records the answer and the outcome
    assert "克政复〔2026〕7号" in client_as("sfj_clerk").get("/").content.decode()
    assert "克政复〔2026〕7号" in client_as("zrzyj_head").get("/").content.decode()
    assert "克政复〔2026〕7号" not in client_as("fgw_clerk").get("/").content.decode()
    actions.record_outcome(user("sfj_clerk"), case, "维持。")
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED
    assert "克政复〔2026〕7号" not in client_as("sfj_clerk").get("/").content.decode()
