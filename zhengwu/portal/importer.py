"""Importing an item already published elsewhere: a disclosure page's text with its metadata block.

The block (as the Kizilsu rules page shows it) names, with spaces inside the labels::

    索  引  号 01047834X/2023-03544 主题分类 州政府
    名        称 关于印发《…》的通知
    成文日期 2023-11-05 10:54 发布日期 2023-11-13 10:49
    文        号 克政发〔2023〕43号 有  效  性 有效
    发文单位 克州人民政府 发布机构 克州人民政府

followed by the body.  :func:`parse` reads it (pure: no database) and names every field it cannot
find or understand; :func:`import_published` stores the item (kind 导入, already published, its
索引号 kept) or changes nothing.

The body's article numerals may be damaged (「二十、」 standing for 二十二, 「、」 alone): the
rulebook parser (:func:`zhengwu.rulebook.parser.parse_rulebook`) numbers the articles by their
order, and the import reports each place where it restored a numeral (:attr:`Parsed.repairs`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.decisions import InvalidInput
from zhengwu.core.i18n import _
from zhengwu.core.numerals import chinese_numeral
from zhengwu.org.models import Unit
from zhengwu.portal import rules
from zhengwu.portal.actions import reserve_index_number
from zhengwu.portal.models import ItemKind, ItemState, PublicationItem, Validity
from zhengwu.portal.search import segment
from zhengwu.rulebook.parser import RulebookParseError, parse_rulebook
from zhengwu.rulebook.services import rulebook_view
from zhengwu.workdays.arith import BEIJING

LABELS = {
    "index_number": "索引号",
    "category": "主题分类",
    "title": "名称",
    "written": "成文日期",
    "published": "发布日期",
    "doc_number": "文号",
    "validity": "有效性",
    "issuer": "发文单位",
    "publisher": "发布机构",
}
REQUIRED = ("index_number", "title", "written", "published", "issuer")
VALIDITY_WORDS = {label: value for value, label in Validity.choices if value}
_SP = r"[ \t\u3000\xa0]*"


def _label(text: str) -> str:
    return _SP.join(re.escape(ch) for ch in text)


FIELD_RE = re.compile(
    "(?:"
    + "|".join(f"(?P<{key}>{_label(label)})" for key, label in LABELS.items())
    + r")[ \t\u3000\xa0]*[:：]?[ \t\u3000\xa0]+"
)
TRAILING_CHROME = ("文件下载", "解读文章", "相关解读", "【打印】", "【关闭】")
DATETIME_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$")


@dataclass(frozen=True)
class Parsed:
    index_number: str
    title: str
    category: str
    written_on: dt.date
    published_at: dt.datetime
    doc_number: str
    validity: str
    issuer: str
    publisher: str
    body: str
    repairs: list[str] = field(default_factory=list)


def _fields(block: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in block:
        matches = list(FIELD_RE.finditer(line))
        for i, m in enumerate(matches):
            key = m.lastgroup
            end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
            if key:
                found[key] = line[m.end() : end].strip()
    return found


def _datetime(text: str) -> dt.datetime | None:
    m = DATETIME_RE.match(text.strip())
    if m is None:
        return None
    y, mo, d, h, mi = m.groups()
    try:
        return dt.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), tzinfo=BEIJING)
    except ValueError:
        return None


def _reconstructions(body: str) -> list[str]:
    """Where the body is a set of rules with damaged article numerals, the numbers the rulebook
    parser restored (by the articles' order), each said in a sentence; the body is kept as published."""
    try:
        parsed = parse_rulebook(body)
    except RulebookParseError:
        return []
    return [
        f"第{chinese_numeral(r.number)}条：原文作「{r.shown_as}」，按条文顺序重建编号"
        for r in parsed.reconstructed
        if r.kind == "article_number"
    ]


def parse(text: str) -> Parsed:
    """Read a published page's text, or raise :class:`InvalidInput` naming what is missing."""
    lines = text.replace("\r\n", "\n").replace("\xa0", " ").split("\n")
    start = next((i for i, line in enumerate(lines) if FIELD_RE.match(line.strip())), None)
    if start is None:
        raise InvalidInput(
            _(
                "无法识别的公开页面：找不到元数据块（索引号、主题分类"
                "、名称、成文日期、发布日期、文号、有效性、发文单位）。"
            ),
            field="file",
        )
    end = start
    while end < len(lines) and lines[end].strip() and FIELD_RE.match(lines[end].strip()):
        end += 1
    found = _fields([line.strip() for line in lines[start:end]])
    missing = [LABELS[k] for k in REQUIRED if not found.get(k)]
    if missing:
        raise InvalidInput(_("元数据不完整，缺少：{join}。未导入任何内容。", join="、".join(missing)), field="file")
    problems = []
    if rules.parse_index_number(found["index_number"]) is None:
        problems.append(
            f"索引号「{found['index_number']}」格式不对（应为“组织机构代码/年份-五位顺序号”，如01047834X/2023-03544）"
        )
    written, published = _datetime(found["written"]), _datetime(found["published"])
    if written is None:
        problems.append(f"成文日期「{found['written']}」无法识别（应为YYYY-MM-DD）")
    if published is None:
        problems.append(f"发布日期「{found['published']}」无法识别（应为YYYY-MM-DD HH:MM）")
    validity_text = found.get("validity", "")
    if validity_text and validity_text not in VALIDITY_WORDS:
        problems.append(f"有效性「{validity_text}」无法识别（应为{'、'.join(VALIDITY_WORDS)}之一）")
    body_lines = lines[end:]
    while body_lines and (not body_lines[-1].strip() or body_lines[-1].strip().startswith(TRAILING_CHROME)):
        body_lines.pop()  # the page's own links after the text (文件下载、解读文章)
    body = "\n".join(line.rstrip() for line in body_lines).strip()
    if not body:
        problems.append("缺少正文")
    if problems:
        raise InvalidInput("；".join(problems) + "。未导入任何内容。", field="file")
    assert written is not None
    assert published is not None
    repairs = _reconstructions(body)
    return Parsed(
        index_number=found["index_number"],
        title=found["title"],
        category=found.get("category", ""),
        written_on=written.date(),
        published_at=published,
        doc_number=found.get("doc_number", ""),
        validity=VALIDITY_WORDS.get(validity_text, ""),
        issuer=found["issuer"],
        publisher=found.get("publisher", ""),
        body=body,
        repairs=repairs,
    )


def _unit_named(name: str) -> Unit | None:
    return (
        Unit.objects.filter(name=name).first()
        or Unit.objects.filter(short_name=name).first()
        or Unit.objects.filter(org_code=name).first()
    )


@transaction.atomic
def import_published(actor: AbstractBaseUser | None, text: str) -> tuple[PublicationItem, bool, Parsed]:
    """Store an item published elsewhere, keeping its 索引号.  Returns (item, created, parsed);
    importing the same 索引号 again changes nothing."""
    parsed = parse(text)
    existing = PublicationItem.objects.filter(index_number=parsed.index_number).first()
    if existing is not None:
        return existing, False, parsed
    org = rules.parse_index_number(parsed.index_number)
    assert org is not None
    unit = Unit.objects.filter(org_code=org[0]).first() or _unit_named(parsed.issuer)
    published_on = timezone.localtime(parsed.published_at).date()
    item = PublicationItem.objects.create(
        kind=ItemKind.IMPORTED,
        state=ItemState.PUBLISHED,
        title=parsed.title[:300],
        body=parsed.body,
        issuing_unit=unit,
        issuer_name=parsed.issuer[:200],
        doc_number=parsed.doc_number[:80],
        written_on=parsed.written_on,
        category=parsed.category[:60],
        genre="通知" if "通知" in parsed.title else "",
        validity=parsed.validity,
        counted_from=parsed.written_on,
        due_on=published_on,
        provision=rules.PUBLISH,
        published_at=parsed.published_at,
        index_number=parsed.index_number,
        search_text=segment(f"{parsed.title}\n{parsed.doc_number}\n{parsed.body}"),
        queued_by_id=actor.pk if actor is not None else None,
    )
    reserve_index_number(parsed.index_number)
    rb = rulebook_view(timezone.localdate())
    audit.record(
        actor=actor,
        action="portal.import",
        target=item,
        citation=rb.cite(rules.PUBLISH),
        summary=f"导入已公开信息《{item.title}》，索引号{item.index_number}",
        details={"index_number": item.index_number, "repairs": parsed.repairs},
    )
    return item, True, parsed
