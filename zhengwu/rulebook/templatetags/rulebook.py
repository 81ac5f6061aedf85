"""``{% load rulebook %}``: pages name the articles of the rulebook in force by provision.

- ``{% article "countersign.reply" %}`` → 《工作规则》第…条 (art. 50 in Kizilsu); ``short=True`` → 第…条;
- ``{% cite "countersign.reply" %}`` → （第…条）, to follow a sentence (``short=False``: with the
  rulebook's title);
- ``{% article_range "intake.rules" "archive.dossier" %}`` → 《工作规则》第…条至第…条 (arts. 48-53);
- each takes ``as name`` to use the text inside ``{% blocktranslate %}``.

A provision the rulebook in force does not map renders as nothing (see :mod:`zhengwu.rulebook.citing`).
"""

from __future__ import annotations

from django import template

from zhengwu.rulebook import citing

register = template.Library()


@register.simple_tag(name="article")
def article_tag(provision: str, short: bool = False) -> str:
    return citing.article(provision, short=short)


@register.simple_tag(name="cite")
def cite_tag(provision: str, short: bool = True) -> str:
    return citing.cite(provision, short=short)


@register.simple_tag(name="article_range")
def article_range_tag(first: str, last: str) -> str:
    return citing.article_range(first, last)
