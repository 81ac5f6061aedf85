"""The work-rules importer (zhengwu.rulebook.parser): chapters, articles, reconstruction of lost numerals.

No Django and no database: the parser is pure Python.  The expected chapter/article layout of the
Kizilsu rules comes from ARTICLES.md and was checked paragraph by paragraph against the published text.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from django.utils import translation

from zhengwu.core.i18n import localize
from zhengwu.rulebook.parser import (
    ParsedArticle,
    ParsedRulebook,
    RulebookParseError,
    chinese_numeral,
    parse_chinese_numeral,
    parse_rulebook,
)

_PACKAGED = Path(__file__).resolve().parents[2] / "zhengwu/rulebook/data/kizilsu-work-rules-2023.txt"
_SHARED = Path("/work/shared/rules/kizilsu-work-rules-2023.txt")
_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "county-rules-tiao.txt"


def en(value: object) -> str:
    """What an English reader is shown (the parser writes Chinese, translated by the catalogue)."""
    with translation.override("en"):
        return localize(value)


def en_all(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(en(v) for v in values)


@cache
def _kizilsu() -> ParsedRulebook:
    source = _PACKAGED if _PACKAGED.exists() else _SHARED
    return parse_rulebook(source.read_text(encoding="utf-8"))


@cache
def _county() -> ParsedRulebook:
    return parse_rulebook(_FIXTURE.read_text(encoding="utf-8"))


def _doc(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


def _article(parsed: ParsedRulebook, number: int) -> ParsedArticle:
    (article,) = [a for a in parsed.articles if a.number == number]
    return article


# ---------------------------------------------------------------------------------------------
# Kizilsu: 克孜勒苏柯尔克孜自治州人民政府工作规则 (克政发〔2023〕43号), as published, damage and all
# ---------------------------------------------------------------------------------------------


@pytest.mark.article(68)
def test_kizilsu_has_12_chapters_and_68_articles_in_order() -> None:
    parsed = _kizilsu()
    assert [c.number for c in parsed.chapters] == list(range(1, 13))
    assert [a.number for a in parsed.articles] == list(range(1, 69))


@pytest.mark.article(68)
@pytest.mark.parametrize(
    ("chapter", "title", "first", "last"),
    [
        (1, "总则", 1, 3),
        (2, "组成人员职责", 4, 8),
        (3, "全面正确履行政府职能", 9, 15),
        (4, "工作原则", 16, 18),
        (5, "坚持依法行政", 19, 23),
        (6, "实行科学民主决策", 24, 26),
        (7, "推进政务公开", 27, 30),
        (8, "健全监督制度", 31, 36),
        (9, "会议制度", 37, 47),
        (10, "公文处理", 48, 53),
        (11, "工作纪律", 54, 61),
        (12, "廉政和自身建设", 62, 68),
    ],
)
def test_kizilsu_chapter_ranges(chapter: int, title: str, first: int, last: int) -> None:
    parsed = _kizilsu()
    (found,) = [c for c in parsed.chapters if c.number == chapter]
    assert found.title == title
    assert found.articles == tuple(range(first, last + 1))
    assert {a.chapter for a in parsed.articles if first <= a.number <= last} == {chapter}


@pytest.mark.article(68)
@pytest.mark.parametrize(
    ("number", "start"),
    [
        (1, "为进一步提高行政效能"),
        (3, "自治州人民政府工作人员要提高政治站位"),  # "、" only
        (6, "自治州人民政府实行州长负责制"),
        (9, "自治州人民政府及各部门要牢牢扭住社会稳定"),
        (10, "加强经济形势研判"),  # no numeral at all
        (11, "依法严格市场监管"),
        (16, "坚持党的领导。"),  # no numeral, first paragraph of 第四章
        (20, "自治州人民政府根据经济社会发展需要"),  # 二十、 meaning 20
        (22, "自治州人民政府各部门起草立法草案"),  # 二十、 meaning 22
        (26, "自治州人民政府在作出重大决策前"),
        (27, "自治州人民政府及各部门要把公开透明"),
        (37, "自治州人民政府实行政府全体会议、常务会议和专题会议制度"),  # 三十、 meaning 37
        (40, "提请自治州人民政府全体会议和常务会议讨论的议题"),  # 四十 without 、
        (42, "自治州人民政府全体会议和常务会议纪要"),
        (43, "自治州人民政府根据需要召开州长办公会议"),  # 四十 without 、, meaning 43
        (53, "做好文件归档工作"),  # 五十 without 、, meaning 53
        (54, "自治州人民政府组成人员要自觉对标对表"),
        (59, "自治州人民政府及各部门要严格执行财经纪律"),  # 五十九 without 、
        (68, "本规则自发布之日起施行。"),
    ],
)
def test_kizilsu_article_boundaries_where_numerals_were_lost(number: int, start: str) -> None:
    assert _article(_kizilsu(), number).text.startswith(start)


@pytest.mark.article(68)
@pytest.mark.parametrize(
    ("number", "inside"),
    [
        (6, "州长外出期间,受州长委托"),
        (8, "自治州人民政府各部门要各司其职"),
        (20, "提请自治州人民政府讨论的地方性法规和政府规章草案"),
        (22, "各部门规范性文件应当依法及时报自治州人民政府备案"),
        (26, "自治州人民政府办公室要加强对全州政府系统督查工作的指导"),
        (38, "(五)讨论其他需要自治州人民政府全体会议讨论的重大事项。"),
        (39, "(八)研究其他需提请常务会议讨论、决定、通报的重要事项。"),
        (40, "自治州人民政府全体会议和常务会议文件由议题汇报部门牵头"),
        (43, "(六)研究处理自治人民政府日常工作中的具体业务事项。"),
        (44, "治州人民政府各部门召开的全州性会议"),
        (66, "为担当者担当,为负责者负责"),
    ],
)
def test_kizilsu_continuation_paragraphs_stay_in_their_article(number: int, inside: str) -> None:
    parsed = _kizilsu()
    assert inside in _article(parsed, number).text
    assert [a.number for a in parsed.articles if inside in a.text] == [number]


@pytest.mark.article(68)
def test_kizilsu_paragraphs_are_joined_with_newlines_and_markers_removed() -> None:
    article_6 = _article(_kizilsu(), 6).text.split("\n")
    assert len(article_6) == 2
    assert article_6[1] == "州长外出期间,受州长委托,由负责常务工作的副州长主持政府工作。"
    assert _article(_kizilsu(), 9).text.count("\n") == 0
    for article in _kizilsu().articles:
        assert article.text == article.text.strip()
        assert not article.text.startswith("、")


@pytest.mark.article(68)
def test_kizilsu_markers_as_shown() -> None:
    shown = {a.number: a.shown_as for a in _kizilsu().articles}
    assert shown[1] == "一、"
    assert shown[3] == "、"
    assert shown[10] == ""
    assert shown[24] == "二十、"
    assert shown[28] == "二十八、"
    assert shown[40] == "四十"
    assert shown[53] == "五十"
    assert shown[59] == "五十九"


@pytest.mark.article(68)
def test_kizilsu_last_article_ends_before_the_page_chrome() -> None:
    parsed = _kizilsu()
    last = parsed.articles[-1]
    assert last.number == 68
    assert last.text.endswith("停止执行。")
    assert "\n" not in last.text
    assert not any("文件下载" in a.text or "解读文章" in a.text for a in parsed.articles)
    assert any("文件下载" in w and "68" in w for w in parsed.warnings)


@pytest.mark.article(68)
def test_kizilsu_preamble_is_not_article_text() -> None:
    first = _kizilsu().articles[0]
    assert "索引号" not in first.text
    assert "此件公开发布" not in first.text
    assert "各县(市)人民政府" not in first.text


@pytest.mark.article(68)
def test_kizilsu_title_and_metadata() -> None:
    parsed = _kizilsu()
    assert parsed.title == "克孜勒苏柯尔克孜自治州人民政府工作规则"
    assert parsed.metadata == {
        "文号": "克政发〔2023〕43号",
        "索引号": "01047834X/2023-03544",
        "成文日期": "2023-11-05",
        "发布日期": "2023-11-13",
    }


@pytest.mark.article(68)
def test_kizilsu_reconstructions() -> None:
    parsed = _kizilsu()
    chapter_titles = [r for r in parsed.reconstructed if r.kind == "chapter_title"]
    assert [(r.number, r.shown_as.strip()) for r in chapter_titles] == [(1, "第一章")]
    assert "总则" in en(chapter_titles[0].reason)
    articles = {r.number: r for r in parsed.reconstructed if r.kind == "article_number"}
    assert en(articles[10].shown_as) == "(no numeral)"
    assert "promoted" in en(articles[10].reason)
    assert en(articles[16].shown_as) == "(no numeral)"
    assert "chapter 4" in en(articles[16].reason)
    assert articles[3].shown_as == "、"
    assert articles[24].shown_as == "二十、"
    assert "二十四" in articles[24].reason
    assert articles[40].shown_as == "四十"
    assert articles[53].shown_as == "五十"
    assert articles[59].shown_as == "五十九"
    lone = {3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 19}
    truncated = {22, 23, 24, 25, 26, 27, 32, 33, 34, 35, 36, 37, 42, 44, 45, 46, 48, 52, 56}
    truncated |= {62, 63, 64, 65, 66}
    bare = {40, 43, 53, 54, 55, 57, 58, 59}
    assert set(articles) == lone | truncated | bare | {10, 16}
    certain = {1, 2, 17, 18, 20, 21, 28, 29, 30, 31, 38, 39, 41, 47, 49, 50, 51, 60, 61, 67, 68}
    assert certain.isdisjoint(articles)
    assert len(certain | set(articles)) == 68


@pytest.mark.article(68)
def test_kizilsu_warnings_explain_the_choice_of_article_10() -> None:
    parsed = _kizilsu()
    (choice,) = [w for w in en_all(parsed.warnings) if w.startswith("Article 10")]
    assert "加强经济形势研判" in choice
    assert "州长外出期间" in choice
    assert "自治州人民政府各部门要各司其职" in choice
    assert len(parsed.warnings) == 2  # the choice of article 10 and the dropped page chrome


@pytest.mark.article(68)
def test_kizilsu_to_json_dict_shape() -> None:
    data = _kizilsu().to_json_dict()
    assert list(data) == ["title", "metadata", "chapters", "articles", "reconstructed", "warnings"]
    assert data["title"] == "克孜勒苏柯尔克孜自治州人民政府工作规则"
    assert data["metadata"]["文号"] == "克政发〔2023〕43号"
    assert data["chapters"][0] == {"number": 1, "title": "总则", "articles": [1, 2, 3]}
    assert all(set(c) == {"number", "title", "articles"} for c in data["chapters"])
    assert all(set(a) == {"number", "chapter", "text"} for a in data["articles"])
    assert data["articles"][9]["number"] == 10
    assert data["articles"][9]["chapter"] == 3
    assert all(set(r) == {"kind", "number", "shown_as", "reason"} for r in data["reconstructed"])
    assert {r["kind"] for r in data["reconstructed"]} == {"article_number", "chapter_title"}
    assert isinstance(data["warnings"], list)
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


# ---------------------------------------------------------------------------------------------
# A 第X条-style fixture: a fictional county's rules with one damaged chapter heading and article
# ---------------------------------------------------------------------------------------------


@pytest.mark.article(68)
def test_county_chapters_and_articles() -> None:
    parsed = _county()
    assert parsed.title == "青禾县人民政府工作规则"
    assert [(c.number, c.title, c.articles) for c in parsed.chapters] == [
        (1, "总则", (1, 2)),
        (2, "组成人员职责", (3, 4, 5)),
        (3, "会议制度", (6, 7, 8, 9, 10)),
        (4, "公文处理", (11, 12, 13, 14, 15)),
    ]
    assert [a.number for a in parsed.articles] == list(range(1, 16))
    assert _article(parsed, 1).text.startswith("为进一步提高行政效能")
    assert _article(parsed, 1).shown_as == "第一条"
    assert _article(parsed, 15).text == "本规则自印发之日起施行。"


@pytest.mark.article(68)
def test_county_metadata() -> None:
    assert _county().metadata == {
        "文号": "青政发〔2024〕7号",
        "索引号": "11330999MB1234567X/2024-00017",
        "成文日期": "2024-03-18",
        "发布日期": "2024-03-25",
    }


@pytest.mark.article(68)
def test_county_continuations_and_items() -> None:
    parsed = _county()
    assert _article(parsed, 4).text.split("\n") == [
        "县政府实行县长负责制。县长领导县政府的全面工作，副县长协助县长工作。",
        "县长外出期间，由常务副县长主持县政府日常工作。",
    ]
    seven = _article(parsed, 7).text.split("\n")
    assert len(seven) == 5
    assert seven[1].startswith("（一）")
    assert seven[-1].startswith("常务会议一般每月召开两次")


@pytest.mark.article(68)
def test_county_damage_is_reported() -> None:
    parsed = _county()
    thirteen = _article(parsed, 13)
    assert thirteen.shown_as == "第十条"
    assert thirteen.text.startswith("部门之间征求意见的公文")
    assert [(r.kind, r.number, r.shown_as) for r in parsed.reconstructed] == [("article_number", 13, "第十条")]
    assert "十三" in parsed.reconstructed[0].reason
    assert any(w.startswith("Chapter 3") and "no numeral" in w for w in en_all(parsed.warnings))
    assert any("附件下载" in w for w in parsed.warnings)
    assert not any("附件下载" in a.text or "打印本页" in a.text for a in parsed.articles)


# ---------------------------------------------------------------------------------------------
# Chinese numerals
# ---------------------------------------------------------------------------------------------

_NUMERALS = [
    (1, "一"),
    (10, "十"),
    (11, "十一"),
    (20, "二十"),
    (21, "二十一"),
    (68, "六十八"),
    (100, "一百"),
    (101, "一百零一"),
    (110, "一百一十"),
]


@pytest.mark.article(68)
@pytest.mark.parametrize(("number", "numeral"), _NUMERALS)
def test_chinese_numeral(number: int, numeral: str) -> None:
    assert chinese_numeral(number) == numeral


@pytest.mark.article(68)
@pytest.mark.parametrize(("number", "numeral"), _NUMERALS)
def test_parse_chinese_numeral(number: int, numeral: str) -> None:
    assert parse_chinese_numeral(numeral) == number


@pytest.mark.article(68)
def test_numerals_round_trip() -> None:
    assert all(parse_chinese_numeral(chinese_numeral(n)) == n for n in range(1, 1000))


@pytest.mark.article(68)
@pytest.mark.parametrize("number", [0, 1000, -3])
def test_chinese_numeral_out_of_range(number: int) -> None:
    with pytest.raises(ValueError, match=r"1\.\.999"):
        chinese_numeral(number)


@pytest.mark.article(68)
@pytest.mark.parametrize("text", ["", "零", "十十", "二二", "百", "一百零", "abc"])
def test_parse_chinese_numeral_rejects_garbage(text: str) -> None:
    with pytest.raises(ValueError, match="Chinese numeral"):
        parse_chinese_numeral(text)


# ---------------------------------------------------------------------------------------------
# Edge cases
# ---------------------------------------------------------------------------------------------


@pytest.mark.article(68)
@pytest.mark.parametrize("text", ["", "   \n\u3000\n"])
def test_empty_text_is_an_error(text: str) -> None:
    with pytest.raises(RulebookParseError, match=r"正文为空.*第一章"):
        parse_rulebook(text)


@pytest.mark.article(68)
def test_text_without_chapters_or_articles_is_an_error() -> None:
    with pytest.raises(RulebookParseError, match=r"未找到章或条.*第一条"):
        parse_rulebook("首页 > 通知\n\n这是一段没有条文的说明文字。\n")


@pytest.mark.article(68)
def test_articles_without_chapters() -> None:
    parsed = parse_rulebook(_doc("某某办法", "第一条　甲事项。", "第二条　乙事项。", "补充说明。", "第三条　丙事项。"))
    assert parsed.title == "某某办法"
    assert parsed.chapters == ()
    assert [(a.number, a.chapter, a.text) for a in parsed.articles] == [
        (1, None, "甲事项。"),
        (2, None, "乙事项。\n补充说明。"),
        (3, None, "丙事项。"),
    ]
    assert parsed.reconstructed == ()
    assert parsed.warnings == ()


@pytest.mark.article(68)
def test_a_numeral_that_starts_a_word_is_not_an_article() -> None:
    parsed = parse_rulebook(_doc("规则", "一、甲。", "二、乙。", "十分重要的是丙。", "一般情况下丁。", "三、戊。"))
    assert [a.number for a in parsed.articles] == [1, 2, 3]
    assert _article(parsed, 2).text == "乙。\n十分重要的是丙。\n一般情况下丁。"
    assert parsed.warnings == ()


@pytest.mark.article(68)
def test_enumerations_inside_tiao_articles_are_not_articles() -> None:
    parsed = parse_rulebook("规则\n\n第一条　甲：\n\n一、乙；\n\n二、丙。\n\n第二条　丁。\n")
    assert [a.number for a in parsed.articles] == [1, 2]
    assert _article(parsed, 1).text == "甲：\n一、乙；\n二、丙。"


@pytest.mark.article(68)
def test_too_many_starts_demotes_the_weakest_markers_and_warns() -> None:
    parsed = parse_rulebook("规则\n\n一、甲。\n\n、乙。\n\n四十丙。\n\n三、丁。\n")
    assert [a.number for a in parsed.articles] == [1, 2, 3]
    assert _article(parsed, 2).text == "乙。\n四十丙。"
    assert parsed.warnings == ()  # 四十 fits neither 2 nor 3: plain text, no choice was made
    parsed = parse_rulebook("规则\n\n一、甲。\n\n、乙。\n\n、丙。\n\n三、丁。\n")
    assert [a.number for a in parsed.articles] == [1, 2, 3]
    assert _article(parsed, 1).text == "甲。\n、乙。"  # equally weak: the first one yields
    assert _article(parsed, 2).text == "丙。"
    assert len(parsed.warnings) == 1
    assert en(parsed.warnings[0]).startswith("Article 1: the paragraph marked '、'")
    assert "continuation" in en(parsed.warnings[0])


@pytest.mark.article(68)
def test_missing_articles_are_reported_not_invented() -> None:
    parsed = parse_rulebook("规则\n\n第一条　甲。\n\n第二条　乙。\n\n第五条　丙。\n\n第六条　丁。\n")
    assert [a.number for a in parsed.articles] == [1, 2, 5, 6]
    assert en_all(parsed.warnings) == (
        "Articles 3..4: not found; the numbering jumps from article 2 to article 5 ('第五条').",
    )


@pytest.mark.article(68)
def test_out_of_order_numeral_is_renumbered_and_warned() -> None:
    parsed = parse_rulebook("规则\n\n第一条　甲。\n\n第二条　乙。\n\n第二条　丙。\n\n第四条　丁。\n")
    shown = [(a.number, a.shown_as) for a in parsed.articles]
    assert shown == [(1, "第一条"), (2, "第二条"), (3, "第二条"), (4, "第四条")]
    assert [r.number for r in parsed.reconstructed] == [3]
    assert any(w.startswith("Article 3") and "out of order" in w for w in en_all(parsed.warnings))


@pytest.mark.article(68)
def test_hard_wrapped_lines_are_joined() -> None:
    parsed = parse_rulebook("规则\n第一章 总则\n第一条 为了规范\n工作，制定本规则。\n第二条 乙。\n")
    assert [a.text for a in parsed.articles] == ["为了规范工作，制定本规则。", "乙。"]
    assert parsed.chapters[0].title == "总则"
    assert parsed.reconstructed == ()
