"""Chinese numerals as used in article numbers (58 ↔ 五十八): 1..999 both ways."""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"
_DIGIT_VALUES = {ch: i for i, ch in enumerate(_DIGITS)} | {"〇": 0, "两": 2}
_NONZERO = "一二两三四五六七八九"
_NUMERAL_RE = re.compile(rf"(?:([{_NONZERO}])百)?([零〇])?(?:([{_NONZERO}])?(十))?([{_NONZERO}])?")


def chinese_numeral(n: int) -> str:
    """Write 1..999 as a Chinese numeral: 1 → 一, 10 → 十, 21 → 二十一, 101 → 一百零一, 110 → 一百一十."""
    if not 0 < n < 1000:
        raise ValueError(f"chinese_numeral() handles 1..999, not {n}")
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    out = f"{_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    elif hundreds and units:
        out += "零"
    if units:
        out += _DIGITS[units]
    return out


def parse_chinese_numeral(s: str) -> int:
    """Read a Chinese numeral of 1..999 (一, 十, 十一, 二十, 一百零一, 一百一十; 〇 and 两 accepted)."""
    match = _NUMERAL_RE.fullmatch(s.strip())
    if match is None or not any(match.groups()):
        raise ValueError(f"not a Chinese numeral: {s!r}")
    hundreds, zero, tens_digit, ten, units = match.groups()
    if zero and (not hundreds or not units):
        raise ValueError(f"misplaced 零 in Chinese numeral: {s!r}")
    if ten and not tens_digit and hundreds is None:
        tens = 1
    else:
        tens = _DIGIT_VALUES[tens_digit] if tens_digit else (1 if ten else 0)
    total = 100 * (_DIGIT_VALUES[hundreds] if hundreds else 0) + 10 * tens
    total += _DIGIT_VALUES[units] if units else 0
    if not 0 < total < 1000:
        raise ValueError(f"not a Chinese numeral of 1..999: {s!r}")
    return total
