"""Template helpers of the staff shell."""

from __future__ import annotations

import datetime as dt

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import pgettext

from zhengwu.core.i18n import from_data, localize
from zhengwu.core.numerals import chinese_numeral
from zhengwu.workdays import dues

register = template.Library()


@register.filter
def article_label(number: int) -> str:
    """An article number in Chinese: 58 → 第 + 五十八 + 条."""
    try:
        return f"第{chinese_numeral(int(number))}条"
    except (TypeError, ValueError):
        return ""


@register.filter
def localized(value: object) -> str:
    """A sentence kept in the database (:func:`zhengwu.core.i18n.to_data`) in the page's language."""
    return localize(from_data(value))


@register.filter
def short_hash(value: str, length: int = 12) -> str:
    return (value or "")[: int(length)]


# ---------------------------------------------------------------- deadlines in a provisional year


def provisional_text(value: object) -> str:
    """The sentence a deadline in a provisional year carries (「暂按法定节假日推算，待公布2027年放假安排后
    自动重算」, in English when the page is), or "" when its year's schedule is official."""
    return dues.note(value, english=(translation.get_language() or "").startswith("en"))


@register.filter(expects_localtime=True)
def provisional_mark(value: object) -> str:
    """``{{ task.due|provisional_mark }}``: the small 「暂定」 badge of a deadline in a provisional year
    (its sentence as title and accessible name), or nothing.  For a date inside a sentence."""
    note = provisional_text(value)
    if not note:
        return ""
    label = pgettext("due date", "暂定")
    spoken = note if note.startswith(label) else f"{label}：{note}"  # the English sentence names itself
    return format_html(
        '<span class="due-provisional" role="note" title="{}" aria-label="{}">{}</span>', note, spoken, label
    )


@register.filter(expects_localtime=True)
def due_date(value: object, fmt: str = "Y-m-d") -> str:
    """``{{ task.due|due_date }}`` (or ``|due_date:"Y-m-d H:i"``): the deadline, and its 「暂定」 badge
    when its year's holiday schedule is not yet published (art. 63).  Nothing for no date."""
    if not isinstance(value, dt.date):
        return ""
    mark = provisional_mark(value)
    text = date_filter(value, fmt)
    return format_html("{} {}", text, mark) if mark else text
