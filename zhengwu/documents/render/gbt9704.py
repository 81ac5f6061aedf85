"""An issued document laid out per GB/T 9704-2012 《党政机关公文格式》, rendered to PDF.

The input is a plain frozen :class:`Layout` — no Django model, no database — so the renderer can be
called from anywhere (a view, the archiver, a test) with whatever the caller assembled.

Geometry (GB/T 9704-2012 §5.2 and §7), all from the constants below, shared with :mod:`.docx`:

* A4 (210 × 297 mm); 天头 (top margin) 37 mm, 订口 (left, binding margin) 28 mm, 版心 (text area)
  156 × 225 mm, hence right margin 26 mm and bottom margin 35 mm.
* Body 3号 (16 pt) 仿宋, 22 lines of 28 characters: the line pitch is 225/22 mm and the tracking
  (letter-spacing) is 156/28 mm − 16 pt, slightly negative, so 28 full-width characters fill 156 mm.
* 版头: 份号 / 密级和保密期限 / 紧急程度 on the first lines of the text area, top left; the red
  发文机关标志 centred, its top 35 mm below the text area's top edge — for a joint document
  (联合行文, §7.2.3) the issuing bodies' names one under another, the lead body first, with 「文件」
  to their right, centred on them vertically; the 发文字号 centred two lines
  below it — or, on an upward document (one with 签发人), the number on the left (one character in)
  and 「签发人：」 with the names (two per line) on the right (one character in), the number on the
  line of the last names; the red rule, as wide as the text area, 4 mm below the number.
* 主体: title 2号 小标宋, two lines below the rule, centred; 主送机关 one line below it, flush left;
  paragraphs indented two characters; headings 一、 in 黑体, （一） in 楷体, 1. and （1） in 仿宋;
  附件说明 one line below the body, two characters in, later attachment names aligned with the first;
  signature and date (unsealed: signature two characters from the right, the date on the next line,
  starting two characters right of the signature's start and never closer than two characters to the
  right edge; sealed: date four characters from the right, signature centred on the date) — a joint
  document's signatures one under another, the lead body first (§7.3.5); 附注 two characters in, in
  parentheses, on the line after the date.
* 版记 in 4号 仿宋 between a thick rule (0.35 mm) above and a thick rule on the text area's bottom
  edge, with a thin rule (0.25 mm) between 抄送 and 印发机关/印发日期, placed at the foot of the last
  page (rendered as a CSS footnote, which WeasyPrint places at the bottom of the page area).
* 页码 「— 1 —」 in 4号 宋体, the line's top 7 mm below the text area's bottom edge, one character in
  from the right on odd pages and from the left on even pages (the first page is odd).

Fonts — substitution.  The standard's typefaces (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312,
宋体) are proprietary and not in Debian.  Every font-family list therefore starts with the official
names (and their common Windows/macOS aliases), so an installation that has the real fonts uses them,
and ends with Debian's ``fonts-noto-cjk`` (installed by ``scripts/system-deps.sh``):

* 仿宋, 宋体, 楷体 → Noto Serif CJK SC (Regular) — Noto has no 仿宋 or 楷体 design; the serif face keeps
  the metrics (full-width ideographs on a 1 em grid), so line and character counts are unchanged;
* 小标宋 → Noto Serif CJK SC Bold, through an ``@font-face`` with ``local()`` sources so the real
  方正小标宋简体 is used at its own (regular) weight when present, never synthetically emboldened;
* 黑体 → Noto Sans CJK SC (Regular).

Nothing is fetched from the network: the stylesheet is read from this package and WeasyPrint's URL
fetcher refuses everything except ``data:`` URLs, ``file:`` URLs inside this package and the local font
files fontconfig resolves for ``@font-face`` ``local()`` (under the system font directories).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import unquote, urlparse

PACKAGE_DIR = Path(__file__).resolve().parent
CSS_TEMPLATE = PACKAGE_DIR / "templates" / "gbt9704.css"

# ── Geometry (millimetres unless the name says pt) ───────────────────────────────────────────────
PAGE_WIDTH = 210.0
PAGE_HEIGHT = 297.0
MARGIN_TOP = 37.0  # 天头
MARGIN_LEFT = 28.0  # 订口
TEXT_WIDTH = 156.0  # 版心宽
TEXT_HEIGHT = 225.0  # 版心高
MARGIN_RIGHT = PAGE_WIDTH - MARGIN_LEFT - TEXT_WIDTH  # 26
MARGIN_BOTTOM = PAGE_HEIGHT - MARGIN_TOP - TEXT_HEIGHT  # 35
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
PT = 25.4 / 72  # one point in mm
BODY_PT = 16.0  # 3号
TITLE_PT = 22.0  # 2号
FOLIO_PT = 14.0  # 4号 (页码, 版记)
# A hair under the exact values so that float rounding never pushes the 22nd line or the
# 28th character over the edge.
LINE_PITCH = 10.227  # 225 / 22 = 10.2272…
CHAR_PITCH = TEXT_WIDTH / CHARS_PER_LINE  # 5.5714…
# Pango positions glyphs on a 1/1024 pt grid and rounds the advance up a little: keep a 0.01 pt reserve.
TRACKING = round(CHAR_PITCH - (BODY_PT + 0.01) * PT, 4)  # ≈ −0.0766 mm
MARK_DROP = 35.0  # 发文机关标志 top below the text area's top
MARK_MAX_CHAR = 15.0  # widest glyph for a short issuer name
RED_RULE_GAP = 4.0  # red rule below the 发文字号
RED_RULE_WEIGHT = 0.5
FOLIO_DROP = 7.0  # page number line's top below the text area's bottom
THICK_RULE = 0.35
THIN_RULE = 0.25
RED = "#FF0000"
# Where Pango puts a CJK em box in its line box: the Noto CJK fonts' ascent/descent (1.16/0.288 em) put the
# ideographic em box (0.88 em above the baseline, 0.12 below) this far below the centre of the line box.
EM_SHIFT = 0.0525

FANGSONG = '"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", serif'
SONG = '"宋体", "SimSun", "STSong", "Noto Serif CJK SC", serif'
HEI = '"黑体", "SimHei", "STHeiti", "Noto Sans CJK SC", sans-serif'
KAI = '"楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", "Noto Serif CJK SC", serif'
XBS = '"方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", serif'
XBS_LOCAL = (
    'local("方正小标宋简体"), local("FZXiaoBiaoSong-B05S"), local("方正小标宋_GBK"), '
    'local("Noto Serif CJK SC Bold"), local("NotoSerifCJKsc-Bold")'
)

URGENCIES = ("特急", "加急")
CLASSIFICATIONS = ("绝密", "机密", "秘密")  # 国家秘密的密级 (GB/T 9704 §7.2.2), printed with ★保密期限
INTERNAL_LEVEL = "工作秘密"  # not a 密级 of state secrets: printed in the same place, without a period
MARK_WORD = "文件"
JOINT_GAP = 0.2  # the space between two names of a joint issuer mark, in ems of the mark
JOINT_WORD_GAP = 0.5  # between the names and 「文件」, in ems


# ── Input ────────────────────────────────────────────────────────────────────────────────────────
@dataclass(frozen=True)
class Paragraph:
    """One body paragraph; ``level`` 0 is plain text, 1–4 are the headings 一、 （一） 1. （1）."""

    text: str
    level: int = 0

    def __post_init__(self) -> None:
        if self.level not in (0, 1, 2, 3, 4):
            raise ValueError(f"heading level must be 0–4, not {self.level}")


_HEADING_PATTERNS = (
    (1, re.compile(r"^[一二三四五六七八九十]+、")),
    (2, re.compile(r"^[（(][一二三四五六七八九十]+[）)]")),
    (3, re.compile(r"^\d+[.．](?!\d)")),
    (4, re.compile(r"^[（(]\d+[）)]")),
)


def heading_level(text: str) -> int:
    """The heading level GB/T 9704 §7.3.3 gives a paragraph by its ordinal, 0 if it has none."""
    for level, pattern in _HEADING_PATTERNS:
        if pattern.match(text):
            return level
    return 0


_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0}


def _cn_number(s: str) -> int:
    """十二 → 12, 二十一 → 21, 三十 → 30, 五 → 5."""
    if "十" in s:
        tens, _, units = s.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
    return _CN_DIGITS[s]


_CN_DATE = re.compile(r"^([〇○Ｏ零一二三四五六七八九]{4})年([一二三四五六七八九十]+)月([一二三四五六七八九十]+)日$")


def format_date(value: dt.date | str) -> str:
    """成文日期 in Arabic numerals, year in full, no leading zeros (GB/T 9704 §7.3.5.1): 2026年12月1日.

    A string is passed through, except that a date in Chinese numerals (二〇二六年十二月一日) and
    ISO dates (2026-12-01) are converted.
    """
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    text = value.strip()
    if m := _CN_DATE.match(text):
        year = "".join(str(_CN_DIGITS[c]) for c in m[1])
        return f"{year}年{_cn_number(m[2])}月{_cn_number(m[3])}日"
    if m := re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text):
        return f"{int(m[1])}年{int(m[2])}月{int(m[3])}日"
    return text


def _tuple(value: Iterable[Any] | str | None) -> tuple[Any, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value else ()
    return tuple(value)


@dataclass(frozen=True)
class Layout:
    """Everything printed on an issued document, as plain values (GB/T 9704 §7; 条例 art. 9).

    Lists may be given as lists; they are stored as tuples.  ``body`` items are strings (their heading
    level is read from the ordinal, see :func:`heading_level`) or :class:`Paragraph`.  Dates may be
    :class:`datetime.date` or text.  A document with ``signers`` is an upward document (上行文).
    """

    issuer_mark: str  # 发文机关标志, e.g. 克孜勒苏柯尔克孜自治州人民政府文件
    number: str  # 发文字号, e.g. 克政发〔2026〕12号; blank when the document has none in this system
    title: str
    body: Sequence[str | Paragraph]
    signature: str  # 发文机关署名
    date: dt.date | str  # 成文日期
    main_recipients: str = ""  # 主送机关, ending in a full-width colon
    copy_number: int | str | None = None  # 份号
    classification: str | None = None  # 密级
    period: str | None = None  # 保密期限, e.g. 1年
    urgency: str | None = None  # 紧急程度
    signers: Sequence[str] = ()  # 签发人 (upward documents)
    attachments: Sequence[str] = ()  # 附件说明: the attachments' names
    note: str | None = None  # 附注
    copy_to: Sequence[str] = ()  # 抄送机关
    printer: str | None = None  # 印发机关
    print_date: dt.date | str | None = None  # 印发日期
    sealed: bool = False  # 加盖印章的公文 (date four characters in, signature centred on it)
    # 联合行文 (GB/T 9704 §7.2.3, §7.3.5): every issuing body's name, the lead body first; the mark
    # shows them one under another with ``mark_word`` to their right.  ``issuer_mark`` is then the
    # lead body's mark (for one-line uses such as a file name).
    joint_issuers: Sequence[str] = ()
    mark_word: str = MARK_WORD
    co_signatures: Sequence[str] = ()  # the other issuing bodies' 署名, below the lead body's ``signature``

    def __post_init__(self) -> None:
        for name in ("body", "signers", "attachments", "copy_to", "joint_issuers", "co_signatures"):
            object.__setattr__(self, name, _tuple(getattr(self, name)))
        if self.urgency is not None and self.urgency not in URGENCIES:
            raise ValueError(f"紧急程度 must be one of {URGENCIES}, not {self.urgency!r}")
        if self.classification is not None and self.classification not in (*CLASSIFICATIONS, INTERNAL_LEVEL):
            raise ValueError(f"密级 must be one of {(*CLASSIFICATIONS, INTERNAL_LEVEL)}, not {self.classification!r}")
        if self.period and self.classification not in CLASSIFICATIONS:
            raise ValueError("a 保密期限 needs a 密级 (绝密, 机密 or 秘密)")
        if len(self.joint_issuers) == 1:
            raise ValueError("a joint issuer mark names at least two issuing bodies")
        for required in ("issuer_mark", "title", "signature"):
            if not str(getattr(self, required)).strip():
                raise ValueError(f"{required} is required")

    @property
    def upward(self) -> bool:
        return bool(self.signers)

    @property
    def joint(self) -> bool:
        return len(self.joint_issuers) > 1

    @property
    def signatures(self) -> tuple[str, ...]:
        """Every 发文机关署名, the lead body's first."""
        return (self.signature, *self.co_signatures)

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(p if isinstance(p, Paragraph) else Paragraph(p, heading_level(p)) for p in self.body)

    @property
    def copy_number_text(self) -> str | None:
        if self.copy_number is None or self.copy_number == "":
            return None
        if isinstance(self.copy_number, int):
            return f"{self.copy_number:06d}"
        return str(self.copy_number)

    @property
    def secret_text(self) -> str | None:
        if not self.classification:
            return None
        return f"{self.classification}★{self.period}" if self.period else self.classification

    @property
    def date_text(self) -> str:
        return format_date(self.date)

    @property
    def print_date_text(self) -> str | None:
        return f"{format_date(self.print_date)}印发" if self.print_date else None

    @property
    def note_text(self) -> str | None:
        if not self.note:
            return None
        note = self.note.strip()
        return note if note.startswith(("（", "(")) else f"（{note}）"

    @property
    def copy_to_text(self) -> str | None:
        if not self.copy_to:
            return None
        return "抄送：" + "，".join(s.strip().rstrip("，,。.") for s in self.copy_to) + "。"

    @property
    def signer_rows(self) -> tuple[tuple[str, ...], ...]:
        """签发人 names two to a line (GB/T 9704 §7.2.5)."""
        names = self.signers
        return tuple(tuple(names[i : i + 2]) for i in range(0, len(names), 2))

    @property
    def has_banji(self) -> bool:
        return bool(self.copy_to or self.printer or self.print_date)


def heading_split(p: Paragraph) -> tuple[str, str]:
    """A level-1 or level-2 paragraph's heading part (its typeface) and the body text after it.

    「（一）加强领导。各县（市）要……」 → the heading is up to and including the first 。; a paragraph
    that is only a heading is all heading.
    """
    if p.level in (1, 2):
        head, sep, rest = p.text.partition("。")
        if sep and rest:
            return head + sep, rest
        return p.text, ""
    return "", p.text


def mark_size_mm(mark: str) -> float:
    """The issuer mark's glyph size: as large as fits the text width, at most 15 mm a character."""
    return min(TEXT_WIDTH / max(len(mark), 1) * 0.985, MARK_MAX_CHAR)


def joint_mark_size_mm(names: Sequence[str], word: str = MARK_WORD) -> float:
    """A joint mark's glyph size: the longest name, the gap and 「文件」 fit the text width."""
    longest = max((len(n) for n in names), default=1)
    width = longest + (len(word) + JOINT_WORD_GAP if word else 0)
    return min(TEXT_WIDTH / max(width, 1) * 0.985, MARK_MAX_CHAR)


# ── HTML ────────────────────────────────────────────────────────────────────────────────────────
def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _stylesheet() -> str:
    # from the bottom of the number's line box up to the bottom of its characters' em box
    under_number = LINE_PITCH / 2 - (0.5 + EM_SHIFT) * BODY_PT * PT
    values = {
        "top": MARGIN_TOP,
        "right": MARGIN_RIGHT,
        "bottom": MARGIN_BOTTOM,
        "left": MARGIN_LEFT,
        "body_pt": BODY_PT,
        "title_pt": TITLE_PT,
        "folio_pt": FOLIO_PT,
        "folio_char": round(FOLIO_PT * PT, 4),
        "folio_drop": round(FOLIO_DROP - EM_SHIFT * FOLIO_PT * PT, 4),
        "em_shift": EM_SHIFT,
        "pitch": LINE_PITCH,
        "tracking": TRACKING,
        "char": round(CHAR_PITCH, 4),
        "indent": round(2 * CHAR_PITCH, 4),
        "indent2": round(4 * CHAR_PITCH, 4),
        "attach_width": round(TEXT_WIDTH - 2 * CHAR_PITCH, 4),
        "mark_drop": MARK_DROP,
        "joint_gap": JOINT_GAP,
        "joint_word_gap": JOINT_WORD_GAP,
        # two blank lines between the mark and the number's line
        "number_gap": round(2 * LINE_PITCH, 4),
        # the rule's centre line 4 mm below the bottom of the number's characters
        "red_rule_gap": round(RED_RULE_GAP - under_number - RED_RULE_WEIGHT / 2, 4),
        "red_rule": RED_RULE_WEIGHT,
        # two blank lines between the rule and the title
        "title_gap": round(2 * LINE_PITCH, 4),
        "thick_rule": THICK_RULE,
        "thin_rule": THIN_RULE,
        "copy_to_label": round(3 * FOLIO_PT * PT, 4),
        "copy_to_hang": round(4 * FOLIO_PT * PT, 4),
        "red": RED,
        "fangsong": FANGSONG,
        "song": SONG,
        "hei": HEI,
        "kai": KAI,
        "xbs": XBS,
        "xbs_src": XBS_LOCAL,
    }
    return Template(CSS_TEMPLATE.read_text(encoding="utf-8")).substitute(values)


def _head(layout: Layout) -> list[str]:
    out = ['<div class="head">']
    if text := layout.copy_number_text:
        out.append(f'<div class="copy-number">{_e(text)}</div>')
    if text := layout.secret_text:
        out.append(f'<div class="secret">{_e(text)}</div>')
    if layout.urgency:
        out.append(f'<div class="urgency">{_e(layout.urgency)}</div>')
    out.append("</div>")
    if layout.joint:
        size = joint_mark_size_mm(layout.joint_issuers, layout.mark_word)
        longest = max(len(n) for n in layout.joint_issuers)
        names = "".join(
            f'<div class="name" style="{_spread(len(n), longest, size)}">{_e(n)}</div>' for n in layout.joint_issuers
        )
        word = f'<div class="word">{_e(layout.mark_word)}</div>' if layout.mark_word else ""
        out.append(
            f'<div class="mark joint" style="font-size: {size:.3f}mm"><div class="names">{names}</div>{word}</div>'
        )
    else:
        size = mark_size_mm(layout.issuer_mark)
        out.append(f'<div class="mark" style="font-size: {size:.3f}mm">{_e(layout.issuer_mark)}</div>')
    if layout.upward:
        rows = []
        label = "签发人："
        for i, row in enumerate(layout.signer_rows):
            names = "　".join(f'<span class="kai">{_e(n)}</span>' for n in row)
            lead = f"<span>{label}</span>" if i == 0 else f'<span class="hidden">{label}</span>'
            rows.append(f'<div class="row">{lead}{names}</div>')
        skip = (len(rows) - 1) * LINE_PITCH
        out.append(
            '<div class="upward">'
            f'<div class="signers">{"".join(rows)}</div>'
            f'<div class="num" style="padding-top: {skip:.4f}mm">{_e(layout.number)}</div>'
            "</div>"
        )
    else:
        out.append(f'<div class="number">{_e(layout.number)}</div>')
    out.append('<div class="red-rule"></div>')
    return out


def _spread(chars: int, longest: int, size_mm: float) -> str:
    """Letter-spacing that spreads a name of ``chars`` characters to the width of the longest (the
    names of a joint mark are set to one width); the spacing after the last character is taken back."""
    if chars <= 1 or chars >= longest:
        return ""
    spacing = (longest - chars) * size_mm / (chars - 1)
    return f"letter-spacing: {spacing:.4f}mm; margin-right: -{spacing:.4f}mm"


def _paragraph(p: Paragraph) -> str:
    head, rest = heading_split(p)
    if not head:
        return f'<p class="p{p.level}">{_e(rest)}</p>'
    cls = "l1" if p.level == 1 else "l2"
    return f'<p class="p{p.level}"><span class="{cls}">{_e(head)}</span>{_e(rest)}</p>'


def _attachments(layout: Layout) -> list[str]:
    if not layout.attachments:
        return []
    names = [a.strip() for a in layout.attachments]
    if len(names) == 1:
        items = f'<div class="item"><span class="name">{_e(names[0])}</span></div>'
    else:
        items = "".join(
            f'<div class="item"><span class="no">{i}.</span><span class="name">{_e(n)}</span></div>'
            for i, n in enumerate(names, 1)
        )
    return [f'<div class="attachments"><span class="label">附件：</span><div class="items">{items}</div></div>']


def _banji(layout: Layout) -> str:
    if not layout.has_banji:
        return ""
    parts = ['<div class="banji"><div class="thick"></div>']
    if text := layout.copy_to_text:
        parts.append(f'<div class="copy-to">{_e(text)}</div>')
        parts.append('<div class="thin"></div>')
    who = _e(layout.printer or "")
    when = _e(layout.print_date_text or "")
    parts.append(f'<div class="printed"><span class="when">{when}</span><span class="who">{who}</span></div>')
    parts.append('<div class="thick"></div></div>')
    return "".join(parts)


def to_html(layout: Layout) -> str:
    """The document as HTML for :func:`render_pdf` (styled by ``templates/gbt9704.css``)."""
    out = ['<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">']
    out.append(f"<title>{_e(layout.title)}</title>")
    out.append("</head><body>")
    out.extend(_head(layout))
    out.append(f'<div class="title">{_e(layout.title)}</div>')
    if layout.main_recipients:
        out.append(f'<div class="recipients">{_e(layout.main_recipients)}</div>')
    out.append('<div class="body">')
    out.extend(_paragraph(p) for p in layout.paragraphs)
    out.append("</div>")
    out.extend(_attachments(layout))
    sealed = " sealed" if layout.sealed else ""
    banji = _banji(layout)
    note = f'<p class="note">{_e(layout.note_text)}</p>' if layout.note_text else ""
    signatures = "".join(f'<div class="signature">{_e(s)}</div>' for s in layout.signatures)
    out.append(
        f'<div class="signoff{sealed}"><div class="box">{signatures}'
        f'<div class="date">{_e(layout.date_text)}</div>'
        "</div></div>"
    )
    if note:
        out.append(note.replace("</p>", banji + "</p>"))
    else:
        out.append(f'<div class="end">{banji}</div>')
    out.append("</body></html>")
    return "".join(out)


# ── PDF ─────────────────────────────────────────────────────────────────────────────────────────
class ForbiddenURL(ValueError):
    """WeasyPrint asked for a resource outside this package."""


FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".fonts",
    Path.home() / ".local/share/fonts",
)


def check_url(url: str) -> None:
    """Allow ``data:`` URLs and ``file:`` URLs inside this package; refuse everything else.

    The one other thing WeasyPrint reads through its fetcher is the font file that fontconfig found
    for the ``@font-face`` ``local()`` source (小标宋): files under the system font directories.
    """
    scheme = urlparse(url).scheme.lower()
    if scheme == "data":
        return
    if scheme == "file":
        path = Path(unquote(urlparse(url).path)).resolve()
        if path.is_relative_to(PACKAGE_DIR) or any(path.is_relative_to(d.resolve()) for d in FONT_DIRS):
            return
    raise ForbiddenURL(f"not fetching {url!r}: rendering uses no resources outside zhengwu/documents/render")


def _url_fetcher() -> Any:
    from weasyprint import urls

    fetcher_class = getattr(urls, "URLFetcher", None)
    if fetcher_class is not None:  # WeasyPrint ≥ 68: a URLFetcher subclass

        class PackageOnlyFetcher(fetcher_class):  # type: ignore[misc,valid-type]
            def fetch(self, url: str, headers: Any = None) -> Any:
                check_url(url)
                return super().fetch(url, headers)

        return PackageOnlyFetcher(allowed_protocols=("data", "file"), fail_on_errors=True)

    def fetch(url: str, timeout: int = 10, ssl_context: Any = None) -> Any:  # WeasyPrint < 68
        check_url(url)
        return urls.default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)

    return fetch


def render_pdf(layout: Layout) -> bytes:
    """The document as PDF bytes, laid out per GB/T 9704-2012."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = _url_fetcher()
    fonts = FontConfiguration()
    base = PACKAGE_DIR.as_uri() + "/"
    css = CSS(string=_stylesheet(), base_url=base, url_fetcher=fetcher, font_config=fonts)
    document = HTML(string=to_html(layout), base_url=base, url_fetcher=fetcher)
    pdf = document.write_pdf(stylesheets=[css], font_config=fonts)
    assert isinstance(pdf, bytes)
    return pdf
