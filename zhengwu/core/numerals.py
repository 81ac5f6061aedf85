"""Chinese numerals as used in article numbers (第五十八条)."""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 101 → 一百零一 (1..999)."""
    if not 0 < n < 1000:
        raise ValueError(f"article numbers run from 1 to 999, not {n}")
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    out = ""
    if hundreds:
        out += DIGITS[hundreds] + "百"
        if rest and tens == 0:
            return out + "零" + DIGITS[units]
    if tens:
        out += ("" if tens == 1 and not hundreds else DIGITS[tens]) + "十"
    if units:
        out += DIGITS[units]
    return out
