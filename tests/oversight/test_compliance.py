"""The compliance view's lines for reconsideration and suit deadlines (arts. 32, 33)."""

from __future__ import annotations

import pytest

from tests.oversight.conftest import D, unit
from zhengwu.core import compliance
from zhengwu.oversight.actions import register_reconsideration

pytestmark = [pytest.mark.article(33), pytest.mark.usefixtures("frozen")]


def test_the_answer_and_decision_deadlines(user) -> None:
    register_reconsideration(
        user("sfj_clerk"),
        case_number="克政复〔2026〕7号",
        title="不服行政处罚",
        organ="州人民政府",
        respondent=unit("zrzyj"),
        received_on=D(2026, 2, 9),
    )

    def mine(today):
        return [(x.title.split("：")[0], x.status) for x in compliance.lines(today) if "克政复〔2026〕7号" in x.title]

    assert mine(D(2026, 2, 12)) == []
    assert mine(D(2026, 2, 22)) == [("克政复〔2026〕7号（答复（答辩））", compliance.Status.AT_RISK)]
    assert mine(D(2026, 4, 9)) == [
        ("克政复〔2026〕7号（答复（答辩））", compliance.Status.OVERDUE),
        ("克政复〔2026〕7号（复议决定）", compliance.Status.AT_RISK),
    ]
