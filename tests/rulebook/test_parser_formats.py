"""The importer reads a published copy whatever its form (art. 68: versions come from the texts
published): plain text, Markdown (``## 第一章 总则``) and the HTML of a government site (tags and
entities stripped, paragraph breaks kept), with and without damaged numbering."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.rulebook import samples
from zhengwu.core.i18n import localize
from zhengwu.rulebook.parser import parse_rulebook, to_plain_text

FORMATS = {"plain": samples.PLAIN, "markdown": samples.MARKDOWN, "html": samples.HTML}


@pytest.mark.article(68)
@pytest.mark.parametrize("form", sorted(FORMATS))
@pytest.mark.parametrize("damage", [False, True])
def test_each_form_gives_the_same_chapters_and_articles(form: str, damage: bool) -> None:
    text = FORMATS[form]
    parsed = parse_rulebook(samples.damaged(text) if damage else text)
    assert parsed.title == samples.TITLE
    assert [(c.number, c.title) for c in parsed.chapters] == samples.CHAPTERS
    assert [c.articles for c in parsed.chapters] == [(1, 2), (3, 4)]
    assert {a.number: a.text for a in parsed.articles} == samples.ARTICLES  # no heading glued on
    assert [r.number for r in parsed.reconstructed] == ([3] if damage else [])


@pytest.mark.article(68)
def test_the_form_read_is_reported_in_chinese_and_english() -> None:
    assert to_plain_text(samples.PLAIN)[1] is None
    markdown = parse_rulebook(samples.MARKDOWN).warnings[0]
    assert markdown == "原文为Markdown 文本，已去掉其中的标记后读取。"
    with translation.override("en"):
        assert localize(markdown) == "the copy is Markdown text; its markup was removed before reading"
    assert parse_rulebook(samples.HTML).warnings[0] == "原文为网页（HTML），已去掉其中的标记后读取。"


@pytest.mark.article(68)
def test_html_keeps_paragraph_breaks_and_decodes_entities() -> None:
    plain, _form = to_plain_text(samples.HTML)
    assert "首页 > 政府信息公开 > 规章文件" in plain
    assert "第一条 为规范政府工作，制定本规则。" in plain.split("\n")
    assert "<" not in plain
    assert "&nbsp;" not in plain
    assert "text-indent" not in plain
