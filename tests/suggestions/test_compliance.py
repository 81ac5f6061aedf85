"""The compliance view's 建议提案 lines: answers and co-unit opinions near or past their limits (art. 31)."""

from __future__ import annotations

import pytest

from tests.suggestions.conftest import D, answer
from zhengwu.core import compliance

pytestmark = pytest.mark.article(31)


def mine(today) -> list[tuple[str, str, compliance.Status]]:
    return [
        (x.title.split("：")[0], x.owner, x.status)
        for x in compliance.lines(today)
        if x.area == "建议提案" and "寄宿制" in x.title
    ]


def test_co_unit_then_lead_unit_limits(user, assigned) -> None:
    assert mine(D(2025, 12, 1)) == []
    assert mine(D(2026, 1, 10)) == [("协办意见", "州财政局", compliance.Status.AT_RISK)]
    assert ("协办意见", "州财政局", compliance.Status.OVERDUE) in mine(D(2026, 2, 10))
    assert ("人大代表建议第12号", "州教育局", compliance.Status.AT_RISK) in mine(D(2026, 2, 10))
    assert ("人大代表建议第12号", "州教育局", compliance.Status.OVERDUE) in mine(D(2026, 2, 25))
    answer(user, assigned)
    assert mine(D(2026, 2, 25)) == []  # answered: nothing left at risk
