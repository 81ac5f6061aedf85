"""Naming an article of the rulebook in force *by provision*, for pages, forms, to-dos and the API.

Rules cite provisions through a :class:`~zhengwu.core.rulebook_view.RulebookView`; the code around
them (templates, form help texts, to-do lines, views) names its articles the same way, so no
article number is typed anywhere outside the rulebook data::

    article("countersign.reply")              # 《工作规则》第…条, art. 50 in Kizilsu (English: 工作规则, art. 50)
    article("countersign.reply", short=True)  # 第…条 alone (English: art. 50)
    cite("countersign.reply")                 # （第…条）, to follow a sentence (English: " (art. 50)")
    cite_lazy("countersign.reply")            # the same, resolved when shown (form help texts)

When the rulebook in force maps no article to the provision (or no rulebook is in force) each of
these answers "" — the sentence is shown without its article, the page never fails.  Templates use
the same through ``{% load rulebook %}{% article "countersign.reply" %}``.
"""

from __future__ import annotations

import datetime as dt

from django.utils.functional import lazy
from django.utils.translation import get_language

from zhengwu.core.decisions import Citation


def _english() -> bool:
    return (get_language() or "").startswith("en")


def citation(provision: str, day: dt.date | None = None) -> Citation | None:
    """The citation of ``provision`` in the rulebook in force on ``day`` (today), or None when that
    rulebook maps no article to it or no rulebook is in force."""
    from zhengwu.rulebook.services import rulebook_view  # services imports models: not at import time

    try:
        return rulebook_view(day).find(provision)
    except LookupError:  # NoRulebookInForce
        return None


def label_of(c: Citation, *, short: bool = False) -> str:
    """《工作规则》第…条, or 第…条 alone when ``short`` (in English 「工作规则, art. 50」 / 「art. 50」)."""
    if _english():
        return f"art. {c.article}" if short else c.label_en
    return c.short_label if short else c.label


def article(provision: str, *, short: bool = False, day: dt.date | None = None) -> str:
    """The article that carries ``provision`` in the rulebook in force, as a label; "" when none."""
    c = citation(provision, day)
    return label_of(c, short=short) if c is not None else ""


def cite(provision: str, *, short: bool = True, day: dt.date | None = None) -> str:
    """The article in brackets, to follow a sentence: （第…条） (「 (art. 50)」); "" when none."""
    text = article(provision, short=short, day=day)
    if not text:
        return ""
    return f" ({text})" if _english() else f"（{text}）"


def article_range(first: str, last: str, *, day: dt.date | None = None) -> str:
    """《工作规则》第…条至第…条 (arts. 48-53): the articles from the one carrying ``first`` to the one
    carrying ``last``; just one of them when the other is unmapped or both are the same; "" for none."""
    a, b = citation(first, day), citation(last, day)
    if a is None or b is None or a.article == b.article:
        one = a or b
        return label_of(one) if one is not None else ""
    if _english():
        return f"{a.label_en}–{b.article}"
    return f"{a.label}至{label_of(b, short=True)}"


article_lazy = lazy(article, str)
cite_lazy = lazy(cite, str)
