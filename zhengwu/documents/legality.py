"""The legality review's reading of a normative document's text (arts. 20, 22, 25): its articles,
the sentences that appear to create powers a normative document may not create, and what a
reviewer must write down.  Pure: no Django.

It sits with the documents because a normative document may reach signature by either road: as
a draft of the legislation workflow, or drafted straight in the documents flow as a published
instrument; both ask the same review (:mod:`zhengwu.legislation.rules` re-exports it)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from zhengwu.core.decisions import Citation, Decision
from zhengwu.core.i18n import _
from zhengwu.core.numerals import parse_chinese_numeral
from zhengwu.core.rulebook_view import RulebookView

LEGALITY_REVIEW = "normative.legality_review"
NO_NEW_POWERS = "normative.no_new_powers"
# Art. 25 (major matters; "normative documents may not set 机构编制 and in principle not funding"):
# the rulebook maps it through the meetings area's provision for the steps of a major matter.
MAJOR_MATTER = "normative.no_staffing_funding"

ARTICLE_RE = re.compile(r"^\s*第([零〇一二两三四五六七八九十百千]+)条[\s　]*", re.MULTILINE)


@dataclass(frozen=True)
class Article:
    number: int
    label: str  # the article as the text names it (第…条)
    text: str


def parse_articles(text: str) -> list[Article]:
    """The articles of a text, in order: each line that starts with 第N条 opens one.  Text before
    the first article (a preamble) is not an article.  Numbers that do not parse are skipped."""
    matches = list(ARTICLE_RE.finditer(text))
    found: list[Article] = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        try:
            number = parse_chinese_numeral(m.group(1))
        except (ValueError, KeyError):
            continue
        found.append(Article(number, f"第{m.group(1)}条", text[m.end() : end].strip()))
    return found


SENTENCE_RE = re.compile(r"[^。；！？\n]+[。；！？]?")


@dataclass(frozen=True)
class Flag:
    article: int  # 0: outside any article
    sentence: str
    ground: str  # 行政许可 / 行政处罚 / 行政强制 / 减损权利或增加义务 / 机构编制 / 经费
    term: str
    citation: Citation

    @property
    def explanation(self) -> str:
        where = f"第{self.article}条" if self.article else "正文"
        return f"{where}“{self.sentence}”含“{self.term}”，似设定{self.ground}（{self.citation.label}）"

    def as_dict(self) -> dict[str, object]:
        return {
            "article": self.article,
            "sentence": self.sentence,
            "ground": self.ground,
            "term": self.term,
            "citation": self.citation.label,
            "explanation": self.explanation,
        }


# ground → (provision, patterns).  A pattern is a regular expression over one sentence.
GROUNDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "行政处罚",
        NO_NEW_POWERS,
        (
            "罚款",
            "没收",
            "吊销",
            "暂扣",
            "责令停产停业",
            "责令关闭",
            "行政拘留",
            "降低资质等级",
            "限制开展生产经营活动",
            "通报批评",
            r"处[以]?警告",
        ),
    ),
    ("行政强制", NO_NEW_POWERS, ("查封", "扣押", "冻结", "强制执行", "强制拆除", "强制清除", "划拨存款")),
    (
        "行政许可",
        NO_NEW_POWERS,
        (
            "许可证",
            "行政许可",
            r"经.{0,12}(批准|审批|许可)后?方可",
            r"未经.{0,12}(批准|审批|许可)",
            r"须.{0,8}(审批|批准)",
            "准予.{0,6}许可",
        ),
    ),
    (
        "减损权利或增加义务",
        NO_NEW_POWERS,
        (
            "应当缴纳",
            "须缴纳",
            "缴存",
            "收取.{0,6}费",
            "保证金",
            r"(公民|法人|企业|经营者|个人|群众|居民).{0,10}(不得|禁止|必须|应当)",
            "限制.{0,6}(权利|资格)",
            "取消.{0,6}资格",
        ),
    ),
    ("机构编制", MAJOR_MATTER, ("编制", "增设.{0,6}机构", "内设机构", "领导职数", "机构规格")),
    ("经费", MAJOR_MATTER, ("经费", "专项资金", r"列入.{0,8}预算", r"财政.{0,6}(安排|保障|补助)")),
)


def check_text(text: str, rb: RulebookView) -> list[Flag]:
    """Sentences that appear to do what a normative document may not (art. 22: create 行政许可,
    行政处罚 or 行政强制, reduce rights or add obligations) or should not (art. 25: set 机构编制;
    in principle not funding).  Each flag names its article, sentence and ground; the reviewer
    decides — the check only points."""
    articles = parse_articles(text)
    parts = [(a.number, a.text) for a in articles] or [(0, text)]
    flags: list[Flag] = []
    for number, part in parts:
        for m in SENTENCE_RE.finditer(part):
            sentence = m.group(0).strip()
            if not sentence:
                continue
            for ground, provision, patterns in GROUNDS:
                for pattern in patterns:
                    hit = re.search(pattern, sentence)
                    if hit:
                        flags.append(Flag(number, sentence, ground, hit.group(0), rb.cite(provision)))
                        break
    return flags


def check_review(passed: bool, reasons: str, flags: int, rb: RulebookView) -> Decision:
    """The reviewer records why; passing a draft the check flagged needs the reviewer's reasons."""
    citation = rb.cite(LEGALITY_REVIEW)
    if not reasons.strip() and (not passed or flags):
        what = (
            _("退回修改的，应当写明不合法或需修改之处。")
            if not passed
            else _("自动提示有疑点的，审查通过应当说明理由。")
        )
        return Decision.refuse("review.reasons", what, citation)
    return Decision.allow("review.recorded", _("审查意见已记录。"), citation)
