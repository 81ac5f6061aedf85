"""Check characters of a unit's codes: pure functions, no Django.

- 组织机构代码 (GB 11714-1997): 8 body characters (digits or capital letters) and a check
  character: weights 3, 7, 9, 10, 5, 8, 4, 2 over the body (a letter counts as 10 for A … 35 for
  Z); ``C = 11 - (sum mod 11)``, written ``X`` for 10 and ``0`` for 11.
- 统一社会信用代码 (GB 32100-2015): 17 body characters from ``0-9A-Z`` without ``I O Z S V``
  (31 characters, valued 0…30 in that order) and a check character of the same set: weights
  ``3**i mod 31`` (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28);
  ``C = 31 - (sum mod 31)``, ``0`` for 31.

:func:`org_code_problem` answers with the sentence to show, or ``None`` when the code is valid.
"""

from __future__ import annotations

ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ORG_CODE_BODY = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, Z, S, V
CREDIT_CODE_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


def org_code_check_char(body: str) -> str:
    """The GB 11714-1997 check character of an 8-character body (``01047834`` → ``X``)."""
    if len(body) != 8 or any(c not in ORG_CODE_BODY for c in body):
        raise ValueError(f"organization code body must be 8 characters of 0-9A-Z, got {body!r}")
    total = sum(ORG_CODE_BODY.index(c) * w for c, w in zip(body, ORG_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def credit_code_check_char(body: str) -> str:
    """The GB 32100-2015 check character of a 17-character body."""
    if len(body) != 17 or any(c not in CREDIT_CODE_CHARS for c in body):
        raise ValueError(f"credit code body must be 17 characters of {CREDIT_CODE_CHARS}, got {body!r}")
    total = sum(CREDIT_CODE_CHARS.index(c) * w for c, w in zip(body, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def org_code_problem(value: str) -> str | None:
    """What is wrong with a 组织机构代码 (9 characters) or 统一社会信用代码 (18), in Chinese;
    ``None`` when it is valid."""
    if len(value) == 9:
        body, check = value[:8], value[8]
        if any(c not in ORG_CODE_BODY for c in body) or check not in "0123456789X":
            return f"组织机构代码“{value}”格式不对：前8位应为数字或大写字母，第9位校验码应为数字或X（GB 11714-1997）。"
        expected = org_code_check_char(body)
        if check != expected:
            return f"组织机构代码“{value}”校验码不对：按 GB 11714-1997 计算，第9位应为“{expected}”，请核对代码。"
        return None
    if len(value) == 18:
        bad = sorted({c for c in value if c not in CREDIT_CODE_CHARS})
        if bad:
            return (
                f"统一社会信用代码“{value}”含有不允许的字符“{''.join(bad)}”：只能使用数字和"
                "除 I、O、Z、S、V 以外的大写字母（GB 32100-2015）。"
            )
        expected = credit_code_check_char(value[:17])
        if value[17] != expected:
            return f"统一社会信用代码“{value}”校验码不对：按 GB 32100-2015 计算，第18位应为“{expected}”，请核对代码。"
        return None
    return f"组织机构代码应为9位，或统一社会信用代码应为18位，当前“{value}”为{len(value)}位。"
