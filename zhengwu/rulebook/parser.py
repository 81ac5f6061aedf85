"""Import a published Chinese government "work rules" text (工作规则) into chapters and articles.

Pure standard library: no Django here, so the importer can be tested and reused on its own.

Input and output
================
The input is the text of the rules as a disclosure page published it: page chrome (breadcrumbs,
a metadata block with 索引号 / 文号 / 成文日期 / 发布日期, the covering 通知), then the title of
the rules, then the rules proper, then more chrome (``文件下载:…``, ``解读文章``).  The rules proper
start at the first chapter heading (``第一章``), or at the first ``第一条`` (then the first ``一、``)
when there are no chapters; they end before the first line that looks like page chrome.  The
preamble is only mined for metadata (see :data:`METADATA_KEYS`) and for the title, which is the
last plausible title line before the rules proper.

Paragraphs are separated by blank lines.  Inside a block of consecutive lines, a line that opens
with a chapter heading, an article marker, an item marker ``(一)`` or chrome starts a new
paragraph; other lines are joined to the previous one (hard-wrapped Chinese text has no spaces).

Reconstruction algorithm
========================
Published texts are damaged: numerals lose characters (``二十、`` for 二十四), lose everything but
the ``、``, lose the ``、`` (``四十提请…``), or vanish altogether.  The importer rebuilds the
numbering and says where it did.

1. **Classify** every paragraph of the rules proper as

   * a *chapter heading* ``第X章 标题`` (X possibly lost, the title possibly lost);
   * a *full marker*: a numeral followed by ``、`` (``二十八、``) or ``第X条``;
   * a *lone marker*: ``、`` (or ``第条``) with the numeral lost;
   * a *bare numeral*: a numeral followed directly by text (``五十做好…``) -- unless the numeral is
     the start of a word or a counted phrase (``一般``, ``十分``, ``三个``), then it is plain text;
   * an *item* ``(一)…`` / ``1.…`` (always inside an article);
   * a *plain* paragraph.

   The rules use one article style, that of the first full marker: in ``第X条`` rules, ``一、``
   paragraphs are items and bare numerals plain text; in ``一、`` rules, a paragraph opening with
   第X条 is plain text.

2. **Compatibility.**  A numeral shown in the text *fits* article number *n* exactly when it is
   the Chinese numeral of *n*, and *fits as a truncation* when it is a prefix of it (二十 of
   二十四, 五十 of 五十三).  A lone marker fits anything.  A full marker that fits exactly is a
   *certain anchor*.

3. **Chapters.**  The first paragraph after a chapter heading always starts an article (a chapter
   cannot open with a continuation); such a paragraph without a numeral is numbered by position.
   A first chapter whose title was lost is given the title 总则.

4. **Gaps.**  Between two certain anchors (and the last article) the number of article starts must
   equal the gap in the numbering.  Steps 2-4 are solved together as a minimum-cost alignment of
   the paragraphs to the sequence 1, 2, …, N (dynamic programming over "paragraph i, current
   article k"): every paragraph either continues article k or starts article k+1, so any choice
   of starts between two anchors is numbered consecutively and must land on the next anchor.
   The costs (in points):

   ============================================  =========================  ==================
   paragraph                                     start of article k+1       continuation
   ============================================  =========================  ==================
   full marker, numeral of k+1 (certain anchor)  0                          20 (demoted)
   full marker, truncation of k+1 (``二十、``)    1                          20 (demoted)
   full marker that does not fit                 10 (out of order)          20 (demoted)
   lone marker ``、`` / ``第条``                   0.5                        4 (demoted)
   bare numeral, exact / truncation              0.5 / 1.5                  1
   plain paragraph                               3 + continuation score     0
   item ``(一)``                                  30                         0
   first paragraph after a chapter heading       as above                   impossible
   ============================================  =========================  ==================

   So a gap short of starts is filled by *promoting* the plain paragraphs that read least like
   continuations; a gap with too many starts *demotes* the weakest markers first (bare
   numerals, then lone markers, then full ones).  A marker showing a number beyond k+1
   may start that number directly (a jump: 6 points plus 3 per skipped number, flat when the
   rules open past article 1); the skipped numbers are reported as missing.  Ties between
   equally scored promotion candidates go to the earliest one.

   **Continuation score** of a plain paragraph (0 or more; higher means "reads more like a
   continuation", so it is promoted later):

   * +3 when it opens with a dependent clause: it starts with 对/对于/其中/同时/凡/此外/另外/但/
     如/若/除/因/为此/必要时/特殊情况, or its first clause (up to the first comma, semicolon,
     colon or full stop) ends with 期间/时/后/前/的/外/中 (``州长外出期间，…``, ``凡…的，``);
   * +1 for every two characters it shares at its start with the opening paragraph of the
     article it would continue (the nearest preceding marked or chapter-opening paragraph),
     at most +4: repeating the subject (``自治州人民政府…`` after ``自治州人民政府…``) continues it;
   * +3 when the paragraph before it ends with a colon (it belongs to an enumeration).

5. **Reporting.**  Every article whose number is not shown exactly by a full marker is listed in
   :attr:`ParsedRulebook.reconstructed` with what the text showed (``、``, ``二十、``, ``四十``, or
   ``(no numeral)``) and why; a reconstructed chapter title likewise.  Every choice among
   alternatives (which paragraph was promoted, and the candidates that were not), every demoted
   marker, numbering that is out of order or jumps, damaged chapter headings and dropped trailing
   chrome go to :attr:`ParsedRulebook.warnings`.  The parser never raises on damaged input; it
   raises :class:`RulebookParseError` only when the text has no recognisable chapter or article.

Body text is kept as published (paragraphs stripped of surrounding whitespace, joined with
``"\\n"``); only the article marker itself is removed from an article's first paragraph.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import Any

from zhengwu.core.i18n import Joined, Msg, _
from zhengwu.core.numerals import chinese_numeral, parse_chinese_numeral

__all__ = [
    "METADATA_KEYS",
    "ParsedArticle",
    "ParsedChapter",
    "ParsedRulebook",
    "Reconstruction",
    "RulebookParseError",
    "chinese_numeral",
    "parse_chinese_numeral",
    "parse_rulebook",
    "to_plain_text",
]


class RulebookParseError(ValueError):
    """The text contains no recognisable chapter (第X章) or article (第X条, X、) at all."""


# ---------------------------------------------------------------------------------------------
# Chinese numerals
# ---------------------------------------------------------------------------------------------


def _numeral_value(s: str) -> int | None:
    try:
        return parse_chinese_numeral(s)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Public result types
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedArticle:
    number: int
    chapter: int | None
    text: str
    shown_as: str  # the marker as it appeared ("二十、", "第十七条", "、", "四十"; "" when none)


@dataclass(frozen=True)
class ParsedChapter:
    number: int
    title: str
    articles: tuple[int, ...]


@dataclass(frozen=True)
class Reconstruction:
    kind: str  # "article_number" | "chapter_title"
    number: int
    shown_as: str
    reason: str


@dataclass(frozen=True)
class ParsedRulebook:
    title: str
    metadata: dict[str, str]
    chapters: tuple[ParsedChapter, ...]
    articles: tuple[ParsedArticle, ...]
    reconstructed: tuple[Reconstruction, ...]
    warnings: tuple[str, ...]

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "metadata": dict(self.metadata),
            "chapters": [{"number": c.number, "title": c.title, "articles": list(c.articles)} for c in self.chapters],
            "articles": [{"number": a.number, "chapter": a.chapter, "text": a.text} for a in self.articles],
            "reconstructed": [
                {"kind": r.kind, "number": r.number, "shown_as": r.shown_as, "reason": r.reason}
                for r in self.reconstructed
            ],
            "warnings": list(self.warnings),
        }


# ---------------------------------------------------------------------------------------------
# Patterns (generic to the genre, nothing specific to one document)
# ---------------------------------------------------------------------------------------------

_NUM = "零〇一二两三四五六七八九十百"
_HEADING_RE = re.compile(rf"^第([{_NUM}]*)章\s*(.*)$", re.S)
_TIAO_RE = re.compile(rf"^第([{_NUM}]*)条\s*(.*)$", re.S)
_DUN_RE = re.compile(rf"^([{_NUM}]*)([、．])\s*(.*)$", re.S)
_BARE_RE = re.compile(rf"^([{_NUM}]+)([^\s{_NUM}、．.].*)$", re.S)
_ITEM_RE = re.compile(rf"^(?:[（(]\s*(?:[{_NUM}]+|\d+)\s*[)）]|\d+\s*[.．、])")
_CHROME_RE = re.compile(
    r"^(?:文件下载|附件下载|下载附件|相关附件|解读文章|相关解读|相关链接|相关文件|相关阅读|相关新闻|打印本页"
    r"|关闭窗口|【\s*打印|【\s*关闭|\[\s*打印|分享到|扫一扫|责任编辑|上一篇|下一篇|信息来源|来源[:：])"
)
# A numeral followed by one of these is a word or a counted phrase (一般, 十分, 三个, 五年), not a marker.
_WORD_AFTER_NUMERAL = frozenset(
    "个项次年月日天批级类种条章节是般分些切律定致旦体起方道同样直向带把线号季周岁名位件家所座篇份则届期层点股元万千亿倍半"
)
_HEADING_TITLE_MAX = 30
_FIRST_CHAPTER_TITLE = "总则"

METADATA_KEYS = ("文号", "索引号", "成文日期", "发布日期")
_SPACED = r"\s*".join
_DATE = r"\s*[:：]?\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})"
_METADATA_PATTERNS: dict[str, re.Pattern[str]] = {
    "索引号": re.compile(_SPACED("索引号") + r"\s*[:：]?\s*([0-9A-Za-z][0-9A-Za-z/\-]*)"),
    "文号": re.compile(r"(?<!发)" + _SPACED("文号") + r"\s*[:：]?\s*([^\s:：]*\d[^\s:：]*号)"),
    "成文日期": re.compile(_SPACED("成文日期") + _DATE),
    "发布日期": re.compile(_SPACED("发布日期") + _DATE),
}
_DOC_NUMBER_RE = re.compile(r"([\u4e00-\u9fff]{1,12}[〔［\[]\d{4}[〕］\]]\d+号)")
_ENCLOSED_TITLE_RE = re.compile(r"《([^《》]{2,60})》")

# fmt: off
_DEPENDENT_OPENERS = (
    "对于", "对", "其中", "同时", "凡", "此外", "另外", "但", "如", "若", "除", "因", "为此", "必要时",
    "特殊情况",
)
# fmt: on
_DEPENDENT_CLAUSE_ENDINGS = ("期间", "时", "后", "前", "的", "外", "中")
_CLAUSE_END_RE = re.compile(r"[，,；;：:。]")

# Costs of the alignment (step 4), in millionths so that position (< 1000) can break ties.
_UNIT = 1_000_000
_TIE_BREAK_MAX = 999  # added per promotion by position: the earliest of equals wins
_COST_EXACT = 0
_COST_LONE = 5 * _UNIT // 10
_COST_BARE_EXACT = 5 * _UNIT // 10
_COST_TRUNCATED = 1 * _UNIT
_COST_BARE_TRUNCATED = 15 * _UNIT // 10
_COST_PROMOTE = 3 * _UNIT
_COST_SCORE_POINT = 1 * _UNIT
_COST_MISFIT = 10 * _UNIT
_COST_JUMP = 6 * _UNIT
_COST_JUMP_PER_NUMBER = 3 * _UNIT
_COST_ITEM_START = 30 * _UNIT
_DEMOTE_COST = {"full": 20 * _UNIT, "lone": 4 * _UNIT, "bare": 1 * _UNIT}
_INF = 10**15


# ---------------------------------------------------------------------------------------------
# Paragraphs
# ---------------------------------------------------------------------------------------------


class _Kind(Enum):
    HEADING = "heading"
    FULL = "full"
    LONE = "lone"
    BARE = "bare"
    ITEM = "item"
    PLAIN = "plain"


@dataclass(frozen=True)
class _Para:
    line: int  # index of the paragraph's first line in the input
    text: str  # the paragraph, stripped
    kind: _Kind
    numeral: str = ""  # the numeral as shown ("" when none)
    marker: str = ""  # the marker as shown ("二十、", "第十七条", "、", "四十")
    body: str = ""  # text after the marker (for a heading: its title)

    @cached_property
    def value(self) -> int | None:
        return _numeral_value(self.numeral) if self.numeral else None


def _classify(text: str, line: int) -> _Para:
    heading = _HEADING_RE.match(text)
    if heading and _looks_like_title(heading.group(2)):
        return _Para(line, text, _Kind.HEADING, heading.group(1), text, heading.group(2).strip())
    tiao = _TIAO_RE.match(text)
    if tiao:
        kind = _Kind.FULL if tiao.group(1) else _Kind.LONE
        return _Para(line, text, kind, tiao.group(1), f"第{tiao.group(1)}条", tiao.group(2).strip())
    dun = _DUN_RE.match(text)
    if dun and (dun.group(1) or dun.group(2) == "、"):
        kind = _Kind.FULL if dun.group(1) else _Kind.LONE
        return _Para(line, text, kind, dun.group(1), dun.group(1) + dun.group(2), dun.group(3).strip())
    if _ITEM_RE.match(text):
        return _Para(line, text, _Kind.ITEM)
    bare = _BARE_RE.match(text)
    if bare and bare.group(2)[0] not in _WORD_AFTER_NUMERAL and _numeral_value(bare.group(1)):
        return _Para(line, text, _Kind.BARE, bare.group(1), bare.group(1), bare.group(2).strip())
    return _Para(line, text, _Kind.PLAIN)


def _looks_like_title(title: str) -> bool:
    stripped = title.strip()
    return len(stripped) <= _HEADING_TITLE_MAX and not any(p in stripped for p in "。，,；;：:")


def _opens_paragraph(text: str) -> bool:
    if _CHROME_RE.match(text):
        return True
    return _classify(text, 0).kind not in (_Kind.PLAIN, _Kind.BARE)


def _split_paragraphs(lines: Sequence[str]) -> list[tuple[int, str]]:
    """(first line index, text) of each paragraph: blank lines separate paragraphs."""
    paragraphs: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for index, raw in enumerate(lines):
        text = raw.strip()
        if current and (not text or _opens_paragraph(text)):
            paragraphs.append((start, "".join(current)))
            current = []
        if text:
            if not current:
                start = index
            current.append(text)
    if current:
        paragraphs.append((start, "".join(current)))
    return paragraphs


# ---------------------------------------------------------------------------------------------
# Locating the rules proper; preamble metadata
# ---------------------------------------------------------------------------------------------


def _body_start(paras: Sequence[_Para]) -> int:
    tests = (
        lambda p: p.kind is _Kind.HEADING,
        lambda p: p.marker.startswith("第") and p.value == 1,
        lambda p: p.marker.endswith(("、", "．")) and p.value == 1,
        lambda p: p.kind is _Kind.FULL,
    )
    for test in tests:
        for index, para in enumerate(paras):
            if test(para):
                return index
    raise RulebookParseError(
        _("未找到章或条：规则正文应有“第一章 总则”这样的章标题，和（或）以“第一条 ……”或“一、……”编号的条款。")
    )


def _harmonise_style(body: Sequence[_Para]) -> list[_Para]:
    """Keep the article style of the first full marker; the other style's markers are items or plain text.

    In 第X条 rules, ``一、`` paragraphs are enumerations inside an article; in ``一、`` rules, a
    paragraph opening with 第X条 is a reference, and bare numerals only arise in ``一、`` rules.
    """
    first = next((p for p in body if p.kind is _Kind.FULL), None)
    tiao_style = first is not None and _is_tiao(first)
    return [_restyle(p, tiao_style=tiao_style) for p in body]


def _is_tiao(para: _Para) -> bool:
    return para.marker.startswith("第")


def _restyle(para: _Para, *, tiao_style: bool) -> _Para:
    if para.kind not in (_Kind.FULL, _Kind.LONE, _Kind.BARE) or _is_tiao(para) == tiao_style:
        return para
    kind = _Kind.ITEM if para.kind is _Kind.FULL and tiao_style else _Kind.PLAIN
    return _Para(para.line, para.text, kind)


def _body_end(paras: Sequence[_Para], start: int) -> int:
    for index in range(start + 1, len(paras)):
        if _CHROME_RE.match(paras[index].text):
            return index
    return len(paras)


def _extract_metadata(preamble: Sequence[str]) -> dict[str, str]:
    text = "\n".join(preamble)
    found: dict[str, str] = {}
    for key in METADATA_KEYS:
        match = _METADATA_PATTERNS[key].search(text)
        if match is None:
            continue
        groups = match.groups()
        found[key] = groups[0] if len(groups) == 1 else "{}-{:0>2}-{:0>2}".format(*groups)
    if "文号" not in found:
        number = _DOC_NUMBER_RE.search(text)
        if number:
            found["文号"] = number.group(1)
    return found


def _extract_title(preamble: Sequence[str]) -> str:
    for raw in reversed(preamble):
        line = raw.strip()
        if line and _is_title_line(line):
            return line
    for raw in preamble:
        enclosed = _ENCLOSED_TITLE_RE.search(raw)
        if enclosed:
            return enclosed.group(1)
    return ""


def _is_title_line(line: str) -> bool:
    if len(line) > 60 or line[0] in "(（【[《<" or line[-1] in "。：:，,;；":
        return False
    if any(ch.isdigit() for ch in line) or _CHROME_RE.match(line):
        return False
    return any("\u4e00" <= ch <= "\u9fff" for ch in line)


# ---------------------------------------------------------------------------------------------
# Chapters
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Chapter:
    number: int
    title: str
    heading: _Para


def _number_chapters(
    headings: Sequence[_Para], warnings: list[Msg], reconstructed: list[tuple[int, Reconstruction]]
) -> list[_Chapter]:
    chapters: list[_Chapter] = []
    for heading in headings:
        expected = chapters[-1].number + 1 if chapters else 1
        number = _chapter_number(heading, expected, warnings)
        title = heading.body
        if not title and number == 1:
            title = _FIRST_CHAPTER_TITLE
            reason = _("第1章的标题没有章名；工作规则的第一章总是“{title}”。", title=_FIRST_CHAPTER_TITLE)
            reconstructed.append((heading.line, Reconstruction("chapter_title", 1, heading.text, reason)))
        elif not title:
            warnings.append(_("第{number}章：标题“{heading}”没有章名，留空。", number=number, heading=heading.text))
        chapters.append(_Chapter(number, title, heading))
    return chapters


def _chapter_number(heading: _Para, expected: int, warnings: list[Msg]) -> int:
    shown, value = heading.numeral, heading.value
    if value == expected:
        return expected
    if not shown or _fits(shown, expected) == "truncated":
        shows = _("没有序号") if not shown else _("只有“{shown}”", shown=shown)
        warnings.append(
            _(
                "第{number}章：标题“{heading}”{shows}，按位置编为第{number}章。",
                number=expected,
                heading=heading.text,
                shows=shows,
            )
        )
        return expected
    if value is not None and value > expected:
        warnings.append(
            _(
                "第{value}章：章的编号从第{before}章跳到第{value}章（“{heading}”），缺第{first}至{last}章。",
                value=value,
                before=expected - 1,
                heading=heading.text,
                first=expected,
                last=value - 1,
            )
        )
        return value
    warnings.append(
        _(
            "第{number}章：标题“{heading}”顺序不对（应为第{number}章），按位置编为第{number}章。",
            number=expected,
            heading=heading.text,
        )
    )
    return expected


# ---------------------------------------------------------------------------------------------
# Alignment (steps 2-4)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Slot:
    """A non-heading paragraph of the rules proper, with what the alignment needs to know."""

    position: int
    para: _Para
    chapter: int | None
    forced: bool  # first paragraph after a chapter heading (or of the rules proper)
    score: int  # continuation score (plain paragraphs)
    score_reasons: tuple[Msg, ...]


def _fits(shown: str, number: int) -> str | None:
    """'exact' / 'truncated' when the shown numeral is / begins the numeral of *number*, else None."""
    if number < 1 or number > 999:
        return None
    target = chinese_numeral(number)
    if shown == target:
        return "exact"
    if target.startswith(shown):
        return "truncated"
    return None


def _start_cost(slot: _Slot, number: int) -> int:
    para = slot.para
    if para.kind is _Kind.FULL:
        fit = _fits(para.numeral, number)
        return _COST_EXACT if fit == "exact" else _COST_TRUNCATED if fit else _COST_MISFIT
    if para.kind is _Kind.LONE:
        return _COST_LONE
    if para.kind is _Kind.BARE and _fits(para.numeral, number):
        return _COST_BARE_EXACT if _fits(para.numeral, number) == "exact" else _COST_BARE_TRUNCATED
    if para.kind is _Kind.ITEM:
        return _COST_ITEM_START
    return _COST_PROMOTE + _COST_SCORE_POINT * slot.score + min(slot.position, _TIE_BREAK_MAX)


def _continue_cost(slot: _Slot) -> int:
    if slot.forced:
        return _INF
    return _DEMOTE_COST.get(slot.para.kind.value, 0)


def _align(slots: Sequence[_Slot]) -> list[int | None]:
    """Article number started by each slot (None: continuation), by minimum-cost alignment."""
    values = [s.para.value or 0 for s in slots if s.para.kind in (_Kind.FULL, _Kind.BARE)]
    size = max([len(slots), *values]) + 2
    cost = [0] + [_INF] * (size - 1)
    back: list[list[tuple[int, bool]]] = []
    for slot in slots:
        new_cost = [_INF] * size
        step: list[tuple[int, bool]] = [(-1, False)] * size
        for k, base in enumerate(cost):
            if base < _INF:
                for target, is_start, extra in _transitions(slot, k, size):
                    if base + extra < new_cost[target]:
                        new_cost[target], step[target] = base + extra, (k, is_start)
        back.append(step)
        cost = new_cost
    return _backtrack(back, min(range(size), key=lambda k: cost[k]))


def _transitions(slot: _Slot, k: int, size: int) -> Iterable[tuple[int, bool, int]]:
    if k > 0:
        yield k, False, _continue_cost(slot)
    if k + 1 < size:
        yield k + 1, True, _start_cost(slot, k + 1)
    value = slot.para.value
    if slot.para.kind in (_Kind.FULL, _Kind.BARE) and value is not None and k + 1 < value < size:
        per_number = _COST_JUMP_PER_NUMBER if k else 0  # rules that open past article 1: one flat cost
        yield value, True, _start_cost(slot, value) + _COST_JUMP + per_number * (value - k - 1)


def _backtrack(back: Sequence[Sequence[tuple[int, bool]]], final: int) -> list[int | None]:
    numbers: list[int | None] = [None] * len(back)
    k = final
    for index in range(len(back) - 1, -1, -1):
        previous, is_start = back[index][k]
        numbers[index] = k if is_start else None
        k = previous
    return numbers


# ---------------------------------------------------------------------------------------------
# Continuation score (step 4)
# ---------------------------------------------------------------------------------------------


def _continuation_score(text: str, opening: str, previous: str) -> tuple[int, tuple[Msg, ...]]:
    score = 0
    reasons: list[Msg] = []
    if _opens_with_dependent_clause(text):
        score += 3
        reasons.append(_("以从属分句开头"))
    shared = _common_prefix_length(text, opening)
    if shared >= 2:
        score += min(4, shared // 2)
        reasons.append(_("重复前一条的开头“{opening}”", opening=opening[:shared]))
    if previous.endswith((":", "：")):
        score += 3
        reasons.append(_("前一段以冒号结尾"))
    return score, tuple(reasons)


def _opens_with_dependent_clause(text: str) -> bool:
    if text.startswith(_DEPENDENT_OPENERS):
        return True
    parts = _CLAUSE_END_RE.split(text, maxsplit=1)
    return len(parts) == 2 and parts[0].endswith(_DEPENDENT_CLAUSE_ENDINGS)


def _common_prefix_length(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length


def _make_slots(paras: Sequence[_Para], chapters: Sequence[_Chapter]) -> list[_Slot]:
    chapter_of = {c.heading.line: c.number for c in chapters}
    slots: list[_Slot] = []
    chapter: int | None = None
    forced, opening, previous = True, "", ""
    for para in paras:
        if para.kind is _Kind.HEADING:
            chapter, forced = chapter_of[para.line], True
            continue
        score, reasons = _continuation_score(para.text, opening, previous) if not forced else (0, ())
        slots.append(_Slot(len(slots), para, chapter, forced, score, reasons))
        if forced or para.kind in (_Kind.FULL, _Kind.LONE, _Kind.BARE):
            opening = para.body or para.text
        forced, previous = False, para.text
    return slots


# ---------------------------------------------------------------------------------------------
# Building the result and the reports (step 5)
# ---------------------------------------------------------------------------------------------


def _snippet(text: str, length: int = 16) -> str:
    return text if len(text) <= length else text[:length] + "…"


def _start_text(para: _Para, number: int) -> tuple[str, str]:
    """(article text of the first paragraph, marker as shown) for a paragraph starting *number*."""
    if para.kind in (_Kind.FULL, _Kind.LONE):
        return para.body, para.marker
    if para.kind is _Kind.BARE and _fits(para.numeral, number):
        return para.body, para.marker
    return para.text, ""


def _build_articles(slots: Sequence[_Slot], numbers: Sequence[int | None]) -> list[ParsedArticle]:
    articles: list[ParsedArticle] = []
    texts: list[str] = []
    for slot, number in zip(slots, numbers, strict=True):
        if number is None:
            texts.append(slot.para.text)
            continue
        if articles:
            articles[-1] = _with_text(articles[-1], texts)
        first, shown = _start_text(slot.para, number)
        articles.append(ParsedArticle(number, slot.chapter, "", shown))
        texts = [first] if first else []
    if articles:
        articles[-1] = _with_text(articles[-1], texts)
    return articles


def _with_text(article: ParsedArticle, texts: Sequence[str]) -> ParsedArticle:
    return ParsedArticle(article.number, article.chapter, "\n".join(texts), article.shown_as)


class _Reporter:
    """Turns an alignment into reconstructions and warnings."""

    def __init__(self, slots: Sequence[_Slot], numbers: Sequence[int | None]) -> None:
        self.slots = slots
        self.numbers = numbers
        self.starts = [i for i, n in enumerate(numbers) if n is not None]
        self.anchors = [i for i in self.starts if self._is_anchor(i)]
        if self.starts and self.starts[-1] not in self.anchors:
            self.anchors.append(self.starts[-1])
        self.reconstructed: list[tuple[int, Reconstruction]] = []
        self.warnings: list[Msg] = []

    def _is_anchor(self, index: int) -> bool:
        para, number = self.slots[index].para, self.numbers[index]
        return para.kind is _Kind.FULL and number is not None and _fits(para.numeral, number) == "exact"

    def run(self) -> None:
        previous = 0
        for index, number in enumerate(self.numbers):
            if number is None:
                self._report_continuation(index, previous)
                continue
            slot = self.slots[index]
            self._report_jump(previous, number, slot.para)
            reason = self._start_reason(slot, number)
            if reason is not None:
                marker = _start_text(slot.para, number)[1] or _("（无序号）")
                self.reconstructed.append((slot.para.line, Reconstruction("article_number", number, marker, reason)))
            previous = number
        self._report_promotions()

    def _report_jump(self, previous: int, number: int, para: _Para) -> None:
        if number == previous + 1:
            return
        if previous == 0:
            self.warnings.append(
                _(
                    "第1至{last}条：未找到；规则从第{number}条（“{marker}”）开始。",
                    last=number - 1,
                    number=number,
                    marker=para.marker,
                )
            )
            return
        self.warnings.append(
            _(
                "第{first}至{last}条：未找到；条的编号从第{previous}条跳到第{number}条（“{marker}”）。",
                first=previous + 1,
                last=number - 1,
                previous=previous,
                number=number,
                marker=para.marker,
            )
        )

    def _start_reason(self, slot: _Slot, number: int) -> Msg | None:
        para = slot.para
        fit = _fits(para.numeral, number) if para.numeral else None
        if para.kind is _Kind.FULL:
            return self._full_marker_reason(para, number, fit)
        if para.kind is _Kind.LONE:
            return _("序号丢失（只剩“{marker}”），按位置编号", marker=para.marker)
        if para.kind is _Kind.BARE and fit == "exact":
            return _("序号{numeral}后紧接正文（丢了“、”），与第{number}条相符", numeral=para.numeral, number=number)
        if para.kind is _Kind.BARE and fit:
            return _(
                "序号{numeral}残缺且后紧接正文（丢了“、”），是{chinese}（{number}）的开头",
                numeral=para.numeral,
                chinese=chinese_numeral(number),
                number=number,
            )
        if slot.forced:
            chapter = _("第{number}章", number=slot.chapter) if slot.chapter is not None else _("规则全文")
            return _("没有序号；{chapter}的第一段总是一条的开始", chapter=chapter)
        return self._promotion_reason(slot)

    def _full_marker_reason(self, para: _Para, number: int, fit: str | None) -> Msg | None:
        if fit == "exact":
            return None
        if fit == "truncated":
            return _(
                "序号{numeral}残缺：是{chinese}（{number}）的开头",
                numeral=para.numeral,
                chinese=chinese_numeral(number),
                number=number,
            )
        self.warnings.append(
            _(
                "第{number}条：原文为“{marker}”，与前后条不衔接（顺序不对），按位置编为第{number}条。",
                number=number,
                marker=para.marker,
            )
        )
        return _("序号{numeral}与所在位置不符，按位置编号", numeral=para.numeral)

    def _promotion_reason(self, slot: _Slot) -> Msg:
        before, after = self._gap_around(slot.position)
        return _(
            "没有序号；为填补{before}与{after}之间的空缺，升为一条的开始（接续分{score}，该处最低）",
            before=self._describe(before),
            after=self._describe(after, after=True),
            score=slot.score,
        )

    def _describe(self, index: int | None, *, after: bool = False) -> Msg:
        if index is None:
            return _("规则末尾") if after else _("规则开头")
        para = self.slots[index].para
        return _("第{number}条（“{marker}”）", number=self.numbers[index], marker=para.marker or _snippet(para.text, 8))

    def _gap_around(self, position: int) -> tuple[int | None, int | None]:
        before = max((a for a in self.anchors if a < position), default=None)
        after = min((a for a in self.anchors if a > position), default=None)
        return before, after

    def _is_promotion(self, index: int) -> bool:
        slot = self.slots[index]
        if self.numbers[index] is None or slot.forced:
            return False
        if slot.para.kind is _Kind.BARE:
            return _fits(slot.para.numeral, self.numbers[index] or 0) is None
        return slot.para.kind in (_Kind.PLAIN, _Kind.ITEM)

    def _report_continuation(self, index: int, current: int) -> None:
        para = self.slots[index].para
        demoted = para.kind in (_Kind.FULL, _Kind.LONE)
        demoted = demoted or (para.kind is _Kind.BARE and _fits(para.numeral, current + 1) is not None)
        if demoted:
            before, after = self._gap_around(index)
            self.warnings.append(
                _(
                    "第{number}条：标为“{marker}”的段落（“{snippet}”）读作第{number}条的接续："
                    "{before}与{after}之间条的开头多于编号。",
                    number=current,
                    marker=para.marker,
                    snippet=_snippet(para.text),
                    before=self._describe(before),
                    after=self._describe(after, after=True),
                )
            )

    def _report_promotions(self) -> None:
        gaps: dict[tuple[int | None, int | None], list[int]] = {}
        for index in range(len(self.slots)):
            if self._is_promotion(index):
                gaps.setdefault(self._gap_around(index), []).append(index)
        for (before, after), promoted in gaps.items():
            self.warnings.append(self._gap_warning(before, after, promoted))

    def _gap_warning(self, before: int | None, after: int | None, promoted: Sequence[int]) -> Msg:
        low = 0 if before is None else self.numbers[before] or 0
        high = (self.numbers[self.starts[-1]] or 0) + 1 if after is None else self.numbers[after] or 0
        lo_i = -1 if before is None else before
        hi_i = len(self.slots) if after is None else after
        found = sum(1 for i in self.starts if lo_i < i < hi_i) - len(promoted)
        chosen = Joined(
            _("；"),
            [
                _(
                    "“{snippet}”作第{number}条（{score}分）",
                    snippet=_snippet(self.slots[i].para.text),
                    number=self.numbers[i],
                    score=self.slots[i].score,
                )
                for i in promoted
            ],
        )
        others = [
            i
            for i in range(lo_i + 1, hi_i)
            if self.numbers[i] is None and self.slots[i].para.kind in (_Kind.PLAIN, _Kind.BARE)
        ]
        rejected = Joined(_("；"), [self._describe_candidate(i) for i in sorted(others, key=self._candidate_key)])
        numbers = ", ".join(str(self.numbers[i]) for i in promoted)
        return _(
            "第{numbers}条：{before}与{after}之间原文有{found}个条的开头，却有{count}个编号，"
            "故将最不像接续的段落升为条的开始：{chosen}。其余候选仍作接续：{rejected}。",
            numbers=numbers,
            before=self._describe(before),
            after=self._describe(after, after=True),
            found=found,
            count=high - low - 1,
            chosen=chosen,
            rejected=rejected if rejected.parts else _("无其他候选"),
        )

    def _candidate_key(self, index: int) -> tuple[int, int]:
        return self.slots[index].score, index

    def _describe_candidate(self, index: int) -> Msg:
        slot = self.slots[index]
        why = Joined(_("，"), slot.score_reasons) if slot.score_reasons else _("无接续迹象")
        return _("“{snippet}”（{score}分：{why}）", snippet=_snippet(slot.para.text), score=slot.score, why=why)


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# The published copy as plain text: HTML of a government site, Markdown, or plain text
# ---------------------------------------------------------------------------------------------

_HTML_RE = re.compile(r"<\s*/?\s*(?:html|body|head|p|div|br|h[1-6]|span|table|tr|td|li|ul|ol|section|article)\b", re.I)
_HTML_DROP_RE = re.compile(r"<!--.*?-->|<\s*(script|style|head)\b.*?<\s*/\s*\1\s*>", re.I | re.S)
_HTML_BREAK_RE = re.compile(r"<\s*br\s*/?\s*>", re.I)
_HTML_BLOCK_RE = re.compile(
    r"<\s*/?\s*(?:p|div|h[1-6]|li|ul|ol|tr|table|section|article|blockquote|title|header|footer|pre)\b[^>]*>", re.I
)
_HTML_TAG_RE = re.compile(r"<[^>]*>")
_MD_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}(?:\s+|(?=[^#\s]))(.*?)(?:\s+#+)?\s*$")
_MD_RULE_RE = re.compile(r"^\s{0,3}(?:[-*_=]\s*){3,}$")
_MD_QUOTE_RE = re.compile(r"^\s{0,3}>\s?")
_MD_BULLET_RE = re.compile(r"^\s{0,3}[-*+]\s+")
_MD_EMPHASIS_RE = re.compile(r"(\*\*|__)(.+?)\1")
_MD_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")


def _html_to_text(text: str) -> str:
    """Tags stripped, entities decoded, each block element (``<p>``, ``<div>``, ``<h2>`` …) a
    paragraph of its own and ``<br>`` a line break; whitespace inside a block is the markup's."""
    text = _HTML_DROP_RE.sub("", text)
    text = re.sub(r"\s*\n\s*", "", text)  # source line breaks are not text in HTML
    text = _HTML_BREAK_RE.sub("\n", text)
    text = _HTML_BLOCK_RE.sub("\n\n", text)
    text = _HTML_TAG_RE.sub("", text)
    text = html.unescape(text).replace("\xa0", " ")
    return "\n".join(line.strip() for line in text.split("\n"))


def _markdown_line(line: str) -> str:
    heading = _MD_HEADING_RE.match(line)
    if heading:
        line = heading.group(1)
    elif _MD_RULE_RE.match(line):
        return ""
    line = _MD_QUOTE_RE.sub("", line)
    line = _MD_BULLET_RE.sub("", line)
    line = _MD_LINK_RE.sub(r"\1", line)
    line = _MD_EMPHASIS_RE.sub(r"\2", line)
    line = _MD_ESCAPE_RE.sub(r"\1", line)
    return line.rstrip()


def _is_markdown(lines: Sequence[str]) -> bool:
    return any(_MD_HEADING_RE.match(line) and line.lstrip().startswith("#") for line in lines) or any(
        _MD_EMPHASIS_RE.search(line) for line in lines
    )


def to_plain_text(text: str) -> tuple[str, Msg | None]:
    """The published copy as the parser reads it, and what it was (``None``: plain text already).

    The HTML of a government site loses its tags and entities, keeping its paragraph breaks; a
    Markdown copy loses its heading marks (``## 第一章 总则``), emphasis, quotes, bullets and links.
    Plain text is returned as it is (line endings unified)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _HTML_RE.search(text):
        return _html_to_text(text), _("网页（HTML）")
    lines = text.split("\n")
    if _is_markdown(lines):
        return "\n".join(_markdown_line(line) for line in lines), _("Markdown 文本")
    return text, None


def parse_rulebook(text: str) -> ParsedRulebook:
    """Parse the published text of a work-rules document; see the module docstring."""
    if not text or not text.strip():
        raise RulebookParseError(
            _("正文为空：应为一份工作规则，有“第一章 总则”这样的章标题，和（或）以“第一条 ……”或“一、……”编号的条款。")
        )
    plain, source_format = to_plain_text(text)
    lines = plain.split("\n")
    paras = [_classify(t, line) for line, t in _split_paragraphs(lines)]
    start = _body_start(paras)
    end = _body_end(paras, start)
    warnings: list[Msg] = []
    reconstructed: list[tuple[int, Reconstruction]] = []
    body = _harmonise_style(paras[start:end])
    chapters = _number_chapters([p for p in body if p.kind is _Kind.HEADING], warnings, reconstructed)
    slots = _make_slots(body, chapters)
    numbers = _align(slots)
    articles = _build_articles(slots, numbers)
    reporter = _Reporter(slots, numbers)
    reporter.run()
    if end < len(paras):
        last = _("第{number}条", number=articles[-1].number) if articles else _("规则全文")
        reporter.warnings.append(
            _(
                "删去{last}之后的{count}段网页附带文字，从“{snippet}”开始。",
                last=last,
                count=len(paras) - end,
                snippet=_snippet(paras[end].text, 24),
            )
        )
    preamble = lines[: paras[start].line]
    if source_format:
        warnings.insert(0, _("原文为{source_format}，已去掉其中的标记后读取。", source_format=source_format))
    return ParsedRulebook(
        title=_extract_title(preamble),
        metadata=_extract_metadata(preamble),
        chapters=tuple(_parsed_chapters(chapters, articles)),
        articles=tuple(articles),
        reconstructed=tuple(r for _, r in sorted(reconstructed + reporter.reconstructed, key=lambda x: x[0])),
        warnings=tuple(warnings + reporter.warnings),
    )


def _parsed_chapters(chapters: Sequence[_Chapter], articles: Sequence[ParsedArticle]) -> list[ParsedChapter]:
    return [
        ParsedChapter(c.number, c.title, tuple(a.number for a in articles if a.chapter == c.number)) for c in chapters
    ]
