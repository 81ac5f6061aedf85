"""索引号 (art. 29): organization code / year-serial, five digits, parsed back; refused without a code."""

from __future__ import annotations

import pytest

from zhengwu.portal import rules

pytestmark = pytest.mark.article(29)


def test_format_matches_the_published_example() -> None:
    assert rules.index_number("01047834X", 2023, 3544) == "01047834X/2023-03544"
    assert rules.index_number("010478417", 2026, 1) == "010478417/2026-00001"


def test_parse_round_trips_and_rejects_other_shapes() -> None:
    assert rules.parse_index_number("01047834X/2023-03544") == ("01047834X", 2023, 3544)
    assert rules.parse_index_number("01047834X/2023-3544") is None
    assert rules.parse_index_number("克政发〔2023〕43号") is None


def test_serial_out_of_range_and_missing_code_are_errors() -> None:
    with pytest.raises(ValueError, match="五位"):
        rules.index_number("01047834X", 2026, 100000)
    with pytest.raises(ValueError, match="组织机构代码"):
        rules.index_number("", 2026, 1)


def test_body_without_org_code_is_refused(kizilsu) -> None:
    refused = rules.check_index_body("", "某临时机构", kizilsu)
    assert not refused.allowed
    assert "组织机构代码" in refused.message
    assert refused.citation is not None
    assert refused.citation.article == 29
    assert rules.check_index_body("01047834X", "州人民政府", kizilsu).allowed
