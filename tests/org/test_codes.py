"""Check characters of 组织机构代码 (GB 11714-1997) and 统一社会信用代码 (GB 32100-2015)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from zhengwu.org.codes import credit_code_check_char, org_code_check_char, org_code_problem
from zhengwu.org.demo import FORMER_ORG_CODES, UNITS
from zhengwu.org.models import validate_org_code


@pytest.mark.parametrize(
    ("body", "check"),
    [
        ("01047834", "X"),  # sum 166, 166 mod 11 = 1, 11 - 1 = 10 → X
        ("01047835", "8"),
        ("01047842", "X"),
        ("01047840", "3"),
        ("00000000", "0"),  # sum 0 → 11 → 0
        ("D2143569", "X"),  # letters count 10 (A) … 35 (Z)
    ],
)
def test_org_code_check_character(body, check) -> None:
    assert org_code_check_char(body) == check


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000600037341L", "911100001011016602"])
def test_published_credit_codes_are_valid(code) -> None:
    assert org_code_problem(code) is None
    assert credit_code_check_char(code[:17]) == code[17]


def test_credit_code_check_zero_when_sum_is_a_multiple_of_31() -> None:
    assert credit_code_check_char("0" * 17) == "0"


@pytest.mark.parametrize(
    ("code", "says"),
    [
        ("01047835X", "第9位应为“8”"),
        ("0104783-X", "格式不对"),
        ("01047834x", "格式不对"),
        ("91350100M000100Y44", "第18位应为“3”"),
        ("91350100M000100YO3", "不允许的字符“O”"),
        ("1234", "当前“1234”为4位"),
    ],
)
def test_bad_codes_say_what_is_wrong(code, says) -> None:
    problem = org_code_problem(code)
    assert problem is not None
    assert says in problem


def test_the_model_validator_uses_the_check() -> None:
    validate_org_code("010478358")
    with pytest.raises(ValidationError, match="校验码不对"):
        validate_org_code("01047835X")


def test_every_demo_code_is_valid_and_the_former_ones_were_not() -> None:
    codes = [u[6] for u in UNITS if u[6]]
    assert len(codes) == 13
    assert all(org_code_problem(c) is None for c in codes)
    assert set(FORMER_ORG_CODES.values()) <= set(codes)
    assert all(org_code_problem(c) is not None for c in FORMER_ORG_CODES)
    assert [c[:8] for c in FORMER_ORG_CODES] == [c[:8] for c in FORMER_ORG_CODES.values()]  # same bodies
