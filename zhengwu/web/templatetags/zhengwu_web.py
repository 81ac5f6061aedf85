"""Template helpers of the staff shell."""

from __future__ import annotations

from django import template

from zhengwu.core.numerals import chinese_numeral

register = template.Library()


@register.filter
def article_label(number: int) -> str:
    """58 → 第五十八条."""
    try:
        return f"第{chinese_numeral(int(number))}条"
    except (TypeError, ValueError):
        return ""


@register.filter
def short_hash(value: str, length: int = 12) -> str:
    return (value or "")[: int(length)]
