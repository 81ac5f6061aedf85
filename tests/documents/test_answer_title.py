"""The title prefilled on an answer (GB/T 9704-2012 7.3.2: organ + 关于 + 事由 + 文种)."""

from __future__ import annotations

import pytest

from zhengwu.documents.rules.titles import answer_title


@pytest.mark.parametrize(
    ("title", "is_request", "expected"),
    [
        ("州发展改革委关于申请2026年重点项目前期工作经费的请示", True, "关于申请2026年重点项目前期工作经费的批复"),
        ("关于申请设立州级自然保护区的请示", True, "关于申请设立州级自然保护区的批复"),
        ("州财政局关于商请核定2026年度预算的函", False, "关于商请核定2026年度预算的复函"),
        ("申请经费", True, "关于申请经费的批复"),  # a title that does not read as organ + 关于 + 事由 + 文种
    ],
)
def test_the_answer_keeps_the_subject_and_drops_the_other_sides_organ_and_kind(
    title: str, is_request: bool, expected: str
) -> None:
    assert answer_title(title, is_request) == expected
