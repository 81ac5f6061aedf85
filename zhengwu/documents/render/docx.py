"""An issued document laid out per GB/T 9704-2012, as DOCX (python-docx), for editing in Word/WPS.

Same :class:`~zhengwu.documents.render.gbt9704.Layout` and constants as the PDF renderer: A4, margins
37/26/35/28 mm, a document grid of 22 lines × 28 characters (line pitch 225/22 mm, ``charSpace`` so
28 characters of 3号 fill 156 mm), exact line spacing of one grid line for the body, the red issuer
mark (a joint document's: a borderless table, the names one under another, lead body first, and
「文件」 in the next cell, centred on them), the 发文字号 (with 签发人 on upward documents) whose
paragraph carries the red rule as a bottom border 4 mm under the characters, title, 主送, body
headings, 附件说明, signature(s) and date, 附注,
版记 as a table floating at the bottom of the last page's text area between thick rules, and page
numbers 「— N —」 in different odd (right) and even (left) footers.

Fonts are *named* in the file, not embedded: by default the official names (仿宋_GB2312,
方正小标宋简体, 黑体, 楷体_GB2312, 宋体), which Word/WPS on a government workstation has and which
LibreOffice on Debian substitutes (with fonts-noto-cjk, by Noto Serif/Sans CJK SC).  Pass
``fonts=NOTO_FONTS`` to name the Debian fonts instead.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from zhengwu.documents.render import gbt9704 as g
from zhengwu.documents.render.gbt9704 import Layout, Paragraph, heading_split

__all__ = ["NOTO_FONTS", "OFFICIAL_FONTS", "DocxFonts", "render_docx"]


@dataclass(frozen=True)
class DocxFonts:
    """The font names written for each typeface role; ``xbs_bold`` when the 小标宋 stand-in needs bold."""

    fangsong: str
    song: str
    hei: str
    kai: str
    xbs: str
    xbs_bold: bool = False


OFFICIAL_FONTS = DocxFonts("仿宋_GB2312", "宋体", "黑体", "楷体_GB2312", "方正小标宋简体")
NOTO_FONTS = DocxFonts(
    "Noto Serif CJK SC", "Noto Serif CJK SC", "Noto Sans CJK SC", "Noto Serif CJK SC", "Noto Serif CJK SC", True
)

RED = RGBColor(0xFF, 0x00, 0x00)
CHAR_PT = g.CHAR_PITCH / g.PT  # one body character, 15.79 pt
PITCH_PT = g.LINE_PITCH / g.PT  # one grid line, 28.99 pt
FOLIO_CHAR_PT = g.FOLIO_PT  # one 4号 character


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def _width_chars(text: str) -> float:
    """Width in body characters: ideographs and full-width forms 1, ASCII ½."""
    return sum(0.5 if ord(c) < 0x2000 else 1.0 for c in text)


def _font(run, name: str, size_pt: float, *, bold: bool = False, color: RGBColor | None = None) -> None:  # type: ignore[no-untyped-def]
    run.font.name = name
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _spacing(paragraph, *, line_pt: float = PITCH_PT, before_pt: float = 0.0) -> None:  # type: ignore[no-untyped-def]
    pf = paragraph.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(round(line_pt, 2))
    pf.space_before = Pt(round(before_pt, 2))
    pf.space_after = Pt(0)


def _indent_chars(paragraph, *, first_line: float = 0, left: float = 0, hanging: float = 0) -> None:  # type: ignore[no-untyped-def]
    """Indents in characters (``w:firstLineChars`` etc., as Word writes them) with twips as a fallback."""
    pf = paragraph.paragraph_format
    if left:
        pf.left_indent = Pt(left * CHAR_PT)
    if first_line:
        pf.first_line_indent = Pt(first_line * CHAR_PT)
    if hanging:
        pf.first_line_indent = Pt(-hanging * CHAR_PT)
    ind = paragraph._p.get_or_add_pPr().find(qn("w:ind"))
    if ind is None:
        return
    if left:
        ind.set(qn("w:leftChars"), str(round(left * 100)))
    if first_line:
        ind.set(qn("w:firstLineChars"), str(round(first_line * 100)))
    if hanging:
        ind.set(qn("w:hangingChars"), str(round(hanging * 100)))


def _text(doc, text: str, font: str, *, size: float = g.BODY_PT, align=None, before_pt: float = 0.0):  # type: ignore[no-untyped-def]
    p = doc.add_paragraph()
    _spacing(p, before_pt=before_pt)
    if align is not None:
        p.alignment = align
    if text:
        _font(p.add_run(text), font, size)
    return p


def _border(paragraph, side: str, *, eighths: int, color: str, space_pt: int = 0) -> None:  # type: ignore[no-untyped-def]
    ppr = paragraph._p.get_or_add_pPr()
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is None:
        bdr = OxmlElement("w:pBdr")
        # w:pBdr comes after w:pStyle/keepNext/…/numPr and before w:shd/w:tabs/w:spacing/w:ind/w:jc
        later = (ppr.find(qn(t)) for t in ("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc"))
        anchor = next((e for e in later if e is not None), None)
        if anchor is not None:
            anchor.addprevious(bdr)
        else:
            ppr.append(bdr)
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), str(eighths))
    edge.set(qn("w:space"), str(space_pt))
    edge.set(qn("w:color"), color)
    bdr.append(edge)


def _page_number(footer, fonts: DocxFonts, *, odd: bool) -> None:  # type: ignore[no-untyped-def]
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    _spacing(p, line_pt=g.FOLIO_PT)
    pf = p.paragraph_format
    if odd:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        pf.right_indent = Pt(FOLIO_CHAR_PT)
    else:
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        pf.left_indent = Pt(FOLIO_CHAR_PT)
    _font(p.add_run("— "), fonts.song, g.FOLIO_PT)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = p.add_run("1")
    _font(run, fonts.song, g.FOLIO_PT)
    run._element.addprevious(field)
    field.append(run._element)
    _font(p.add_run(" —"), fonts.song, g.FOLIO_PT)


def _page_setup(doc, fonts: DocxFonts) -> None:  # type: ignore[no-untyped-def]
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width = Mm(g.PAGE_WIDTH)
    section.page_height = Mm(g.PAGE_HEIGHT)
    section.top_margin = Mm(g.MARGIN_TOP)
    section.bottom_margin = Mm(g.MARGIN_BOTTOM)
    section.left_margin = Mm(g.MARGIN_LEFT)
    section.right_margin = Mm(g.MARGIN_RIGHT)
    section.gutter = Mm(0)
    section.header_distance = Mm(15)
    # the page number's line (4号, exactly one em high) starts 7 mm below the text area
    section.footer_distance = Mm(g.MARGIN_BOTTOM - g.FOLIO_DROP - g.FOLIO_PT * g.PT)
    # document grid: 22 lines of 28 characters
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(int(g.LINE_PITCH / 25.4 * 1440)))  # 579 twips
    grid.set(qn("w:charSpace"), str(round((CHAR_PT - g.BODY_PT) * 4096)))  # −853: 15.79 pt per character
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, fonts, odd=True)
    _page_number(section.even_page_footer, fonts, odd=False)
    normal = doc.styles["Normal"]
    normal.font.name = fonts.fangsong
    normal.font.size = Pt(g.BODY_PT)
    rpr = normal.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), fonts.fangsong)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.widow_control = False


def _head(doc, layout: Layout, fonts: DocxFonts) -> None:  # type: ignore[no-untyped-def]
    lines = 0
    for text, font in (
        (layout.copy_number_text, fonts.fangsong),
        (layout.secret_text, fonts.hei),
        (layout.urgency, fonts.hei),
    ):
        if text:
            _text(doc, text, font)
            lines += 1
    drop_pt = g.MARK_DROP / g.PT - lines * PITCH_PT
    if layout.joint:
        _joint_mark(doc, layout, fonts, drop_pt)
    else:
        size_pt = g.mark_size_mm(layout.issuer_mark) / g.PT
        mark = doc.add_paragraph()
        _spacing(mark, line_pt=size_pt, before_pt=drop_pt)
        mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(mark.add_run(layout.issuer_mark), fonts.xbs, size_pt, bold=fonts.xbs_bold, color=RED)

    before = 2 * PITCH_PT
    if not layout.upward:
        number = _text(doc, layout.number, fonts.fangsong, align=WD_ALIGN_PARAGRAPH.CENTER, before_pt=before)
    else:
        rows = layout.signer_rows
        label = "签发人："
        widest = max(_width_chars(label + "　".join(r)) for r in rows)
        column = g.CHARS_PER_LINE - 1 - widest  # where 「签发人：」 starts
        number = None
        for i, row in enumerate(rows):
            last = i == len(rows) - 1
            p = doc.add_paragraph()
            _spacing(p, before_pt=before if i == 0 else 0)
            stops = p.paragraph_format.tab_stops
            if last:
                stops.add_tab_stop(Pt(CHAR_PT), WD_TAB_ALIGNMENT.LEFT)
                _font(p.add_run("\t" + layout.number), fonts.fangsong, g.BODY_PT)
            start = column if i == 0 else column + _width_chars(label)
            stops.add_tab_stop(Pt(start * CHAR_PT), WD_TAB_ALIGNMENT.LEFT)
            if i == 0:
                _font(p.add_run("\t" + label), fonts.fangsong, g.BODY_PT)
            else:
                _font(p.add_run("\t"), fonts.fangsong, g.BODY_PT)
            _font(p.add_run("　".join(row)), fonts.kai, g.BODY_PT)
            number = p
        assert number is not None
    # the red rule: the number paragraph's bottom border, 4 mm (≈ 11 pt) under the characters
    half_leading_pt = (PITCH_PT - g.BODY_PT) / 2
    _border(
        number,
        "bottom",
        eighths=round(g.RED_RULE_WEIGHT / g.PT * 8),
        color="FF0000",
        space_pt=max(0, round(g.RED_RULE_GAP / g.PT - half_leading_pt)),
    )


def _zero_cell_margins(tbl_pr) -> None:  # type: ignore[no-untyped-def]
    """No padding inside a layout table's cells: its text sits where GB/T 9704 puts it."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), "0")
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    tbl_pr.append(margins)


def _no_borders(table) -> None:  # type: ignore[no-untyped-def]
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    tbl_pr.append(borders)
    _zero_cell_margins(tbl_pr)


def _joint_mark(doc, layout: Layout, fonts: DocxFonts, drop_pt: float) -> None:  # type: ignore[no-untyped-def]
    """联合行文的发文机关标志 (GB/T 9704 §7.2.3): the names one under another, lead first, each spread
    to the same width, and 「文件」 to their right, vertically centred on them."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

    size_mm = g.joint_mark_size_mm(layout.joint_issuers, layout.mark_word)
    size_pt = size_mm / g.PT
    spacer = doc.add_paragraph()  # a table has no space-before: the 35 mm drop is this paragraph's height
    _spacing(spacer, line_pt=max(1.0, drop_pt))
    longest = max(len(n) for n in layout.joint_issuers)
    names_mm = longest * size_mm
    word_mm = (len(layout.mark_word) + g.JOINT_WORD_GAP) * size_mm if layout.mark_word else 0.0
    table = doc.add_table(rows=1, cols=2 if layout.mark_word else 1)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    names, *rest = table.rows[0].cells
    names.width = Mm(names_mm + 1)
    names.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for i, name in enumerate(layout.joint_issuers):
        p = names.paragraphs[0] if i == 0 else names.add_paragraph()
        _spacing(p, line_pt=size_pt, before_pt=g.JOINT_GAP * size_pt if i else 0.0)
        p.alignment = WD_ALIGN_PARAGRAPH.DISTRIBUTE
        _font(p.add_run(name), fonts.xbs, size_pt, bold=fonts.xbs_bold, color=RED)
    if rest:
        word = rest[0]
        word.width = Mm(word_mm + 1)
        word.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        p = word.paragraphs[0]
        _spacing(p, line_pt=size_pt)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _font(p.add_run(layout.mark_word), fonts.xbs, size_pt, bold=fonts.xbs_bold, color=RED)


def _body_paragraph(doc, p: Paragraph, fonts: DocxFonts) -> None:  # type: ignore[no-untyped-def]
    para = doc.add_paragraph()
    _spacing(para)
    para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _indent_chars(para, first_line=2)
    head, rest = heading_split(p)
    if head:
        _font(para.add_run(head), fonts.hei if p.level == 1 else fonts.kai, g.BODY_PT)
    if rest:
        _font(para.add_run(rest), fonts.fangsong, g.BODY_PT)


def _attachments(doc, layout: Layout, fonts: DocxFonts) -> None:  # type: ignore[no-untyped-def]
    names = [a.strip() for a in layout.attachments]
    for i, name in enumerate(names):
        numbered = f"{i + 1}.{name}" if len(names) > 1 else name
        p = doc.add_paragraph()
        _spacing(p, before_pt=PITCH_PT if i == 0 else 0)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        number_width = 1 if len(names) > 1 else 0  # 「1.」 is about one character wide
        _indent_chars(p, left=2 + 3 + number_width, hanging=3 + number_width if i == 0 else number_width)
        _font(p.add_run(("附件：" if i == 0 else "") + numbered), fonts.fangsong, g.BODY_PT)


def _signoff(doc, layout: Layout, fonts: DocxFonts) -> None:  # type: ignore[no-untyped-def]
    """The 署名 (every issuing body's, one under another, the lead body first) and the date."""
    date = layout.date_text
    d = _width_chars(date)
    widths = [_width_chars(sig) for sig in layout.signatures]
    lines: list[tuple[str, float]] = []
    if layout.sealed:
        date_right = 4.0
        lines = [(sig, max(0.0, date_right + (d - s) / 2)) for sig, s in zip(layout.signatures, widths, strict=True)]
    else:
        start = g.CHARS_PER_LINE - 2 - max(max(widths), d + 2)  # the names start where the longest does
        lines = [(sig, g.CHARS_PER_LINE - (start + s)) for sig, s in zip(layout.signatures, widths, strict=True)]
        date_right = g.CHARS_PER_LINE - (start + 2 + d)
    lines.append((date, date_right))
    for i, (text, right) in enumerate(lines):
        p = _text(doc, text, fonts.fangsong, align=WD_ALIGN_PARAGRAPH.RIGHT, before_pt=PITCH_PT if i == 0 else 0)
        p.paragraph_format.right_indent = Pt(right * CHAR_PT)
        p.paragraph_format.keep_with_next = i < len(lines) - 1
    if layout.note_text:
        note = _text(doc, layout.note_text, fonts.fangsong)
        _indent_chars(note, first_line=2)


def _table_borders(table, *, thick: int, thin: int) -> None:  # type: ignore[no-untyped-def]
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side, size in (("top", thick), ("left", 0), ("bottom", thick), ("right", 0), ("insideH", thin), ("insideV", 0)):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single" if size else "nil")
        if size:
            edge.set(qn("w:sz"), str(size))
            edge.set(qn("w:space"), "0")
            edge.set(qn("w:color"), "000000")
        borders.append(edge)
    tbl_pr.append(borders)
    _zero_cell_margins(tbl_pr)
    # float at the bottom of the text area of the page it lands on (the last page)
    pos = OxmlElement("w:tblpPr")
    pos.set(qn("w:vertAnchor"), "margin")
    pos.set(qn("w:horzAnchor"), "margin")
    pos.set(qn("w:tblpXSpec"), "center")
    pos.set(qn("w:tblpYSpec"), "bottom")
    style = tbl_pr.find(qn("w:tblStyle"))
    (style.addnext(pos) if style is not None else tbl_pr.insert(0, pos))
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(_twips(g.TEXT_WIDTH)))
    width.set(qn("w:type"), "dxa")
    old = tbl_pr.find(qn("w:tblW"))
    if old is not None:
        tbl_pr.remove(old)
    tbl_pr.append(width)


def _banji(doc, layout: Layout, fonts: DocxFonts) -> None:  # type: ignore[no-untyped-def]
    if not layout.has_banji:
        return
    rows = 2 if layout.copy_to_text else 1
    table = doc.add_table(rows=rows, cols=1)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _table_borders(table, thick=round(g.THICK_RULE / g.PT * 8), thin=round(g.THIN_RULE / g.PT * 8))
    for row in table.rows:
        row.cells[0].width = Mm(g.TEXT_WIDTH)
    if layout.copy_to_text:
        p = table.rows[0].cells[0].paragraphs[0]
        _spacing(p)
        p.paragraph_format.left_indent = Pt(4 * FOLIO_CHAR_PT)
        p.paragraph_format.first_line_indent = Pt(-3 * FOLIO_CHAR_PT)
        p.paragraph_format.right_indent = Pt(FOLIO_CHAR_PT)
        _font(p.add_run(layout.copy_to_text), fonts.fangsong, g.FOLIO_PT)
    p = table.rows[-1].cells[0].paragraphs[0]
    _spacing(p)
    p.paragraph_format.left_indent = Pt(FOLIO_CHAR_PT)
    p.paragraph_format.tab_stops.add_tab_stop(Mm(g.TEXT_WIDTH) - Pt(FOLIO_CHAR_PT), WD_TAB_ALIGNMENT.RIGHT)
    _font(p.add_run(f"{layout.printer or ''}\t{layout.print_date_text or ''}"), fonts.fangsong, g.FOLIO_PT)
    # Word needs a paragraph after a table; keep it one point high so it never makes a page
    tail = doc.add_paragraph()
    _spacing(tail, line_pt=1)


def render_docx(layout: Layout, fonts: DocxFonts = OFFICIAL_FONTS) -> bytes:
    """The document as DOCX bytes, laid out per GB/T 9704-2012."""
    doc = Document()
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):  # the default template's empty paragraph
        body.remove(p)
    _page_setup(doc, fonts)
    _head(doc, layout, fonts)
    title = doc.add_paragraph()
    _spacing(title, before_pt=2 * PITCH_PT)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(layout.title), fonts.xbs, g.TITLE_PT, bold=fonts.xbs_bold)
    if layout.main_recipients:
        _text(doc, layout.main_recipients, fonts.fangsong, before_pt=PITCH_PT)
    for p in layout.paragraphs:
        _body_paragraph(doc, p, fonts)
    if layout.attachments:
        _attachments(doc, layout, fonts)
    _signoff(doc, layout, fonts)
    _banji(doc, layout, fonts)
    doc.core_properties.title = layout.title
    doc.core_properties.author = layout.signature
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
