"""The issued document's DOCX, opened with python-docx and checked against GB/T 9704-2012 (BRIEF §4)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from zhengwu.documents.render import Layout, render_docx
from zhengwu.documents.render.docx import NOTO_FONTS

NUMBER = "克政发〔2026〕12号"
MARK = "克孜勒苏柯尔克孜自治州人民政府文件"
EMU_TOL = Mm(1)


def layout(**kw) -> Layout:
    values = dict(
        issuer_mark=MARK,
        number=NUMBER,
        title="克孜勒苏柯尔克孜自治州人民政府关于进一步规范公文格式的通知",
        main_recipients="各县（市）人民政府，自治州人民政府各部门：",
        body=["一、总体要求", "（一）加强组织领导。各单位要高度重视。", "各单位要认真贯彻落实。" * 20],
        attachments=["公文格式样式"],
        signature="克孜勒苏柯尔克孜自治州人民政府",
        date=dt.date(2026, 12, 1),
        copy_to=["自治区人民政府办公厅"],
        printer="克孜勒苏柯尔克孜自治州人民政府办公室",
        print_date=dt.date(2026, 12, 1),
    )
    values.update(kw)
    return Layout(**values)


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


def paragraph(doc, text):
    return next(p for p in doc.paragraphs if text in p.text)


def east_asia(run) -> str:
    return run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


@pytest.fixture(scope="module")
def doc():
    return open_docx(render_docx(layout()))


def test_page_is_a4_with_the_standard_margins(doc):
    (section,) = doc.sections
    for actual, mm in (
        (section.page_width, 210),
        (section.page_height, 297),
        (section.top_margin, 37),
        (section.left_margin, 28),
        (section.right_margin, 26),
        (section.bottom_margin, 35),
    ):
        assert abs(actual - Mm(mm)) <= EMU_TOL
    assert abs(section.page_width - section.left_margin - section.right_margin - Mm(156)) <= EMU_TOL
    assert abs(section.page_height - section.top_margin - section.bottom_margin - Mm(225)) <= EMU_TOL


def test_the_document_grid_is_22_lines_of_28_characters(doc):
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    line_pitch_mm = int(grid.get(qn("w:linePitch"))) / 1440 * 25.4
    assert 22 * line_pitch_mm <= 225 < 23 * line_pitch_mm
    char_pt = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    assert 28 * char_pt * 25.4 / 72 == pytest.approx(156, abs=0.2)


def test_the_number_paragraph_carries_the_red_rule(doc):
    number = paragraph(doc, NUMBER)
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    bottom = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert bottom.get(qn("w:val")) == "single"
    assert bottom.get(qn("w:color")).upper() == "FF0000"
    assert int(bottom.get(qn("w:sz"))) > 0
    assert number.paragraph_format.left_indent in (None, 0)  # the rule spans the text width


def test_fonts_sizes_and_the_red_mark(doc):
    mark = paragraph(doc, MARK)
    assert mark.alignment == WD_ALIGN_PARAGRAPH.CENTER
    (run,) = mark.runs
    assert str(run.font.color.rgb) == "FF0000"
    assert east_asia(run) == "方正小标宋简体"
    assert run.font.size.pt * 25.4 / 72 * len(MARK) <= 156
    title = paragraph(doc, "关于进一步规范公文格式的通知")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.runs[0].font.size.pt == 22
    assert east_asia(title.runs[0]) == "方正小标宋简体"
    assert east_asia(paragraph(doc, NUMBER).runs[0]) == "仿宋_GB2312"
    heading = paragraph(doc, "一、总体要求")
    assert east_asia(heading.runs[0]) == "黑体"
    second = paragraph(doc, "（一）加强组织领导。")
    assert [east_asia(r) for r in second.runs] == ["楷体_GB2312", "仿宋_GB2312"]
    body = paragraph(doc, "各单位要认真贯彻落实。")
    assert body.runs[0].font.size.pt == 16
    assert body._p.pPr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
    assert paragraph(doc, "2026年12月1日").text == "2026年12月1日"
    noto = open_docx(render_docx(layout(), fonts=NOTO_FONTS))
    assert east_asia(paragraph(noto, "各单位要认真贯彻落实。").runs[0]) == "Noto Serif CJK SC"


def test_page_numbers_in_different_odd_and_even_footers(doc):
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert even.alignment == WD_ALIGN_PARAGRAPH.LEFT
    for p in (odd, even):
        assert "".join(t.text for t in p._p.iter(qn("w:t"))) == "— 1 —"  # with the field's cached result
        field = p._p.find(qn("w:fldSimple"))
        assert field.get(qn("w:instr")).strip() == "PAGE"
        assert all(r.font.size.pt == 14 for r in p.runs)
        assert east_asia(p.runs[0]) == "宋体"
    # the page number's line begins 7 mm below the text area
    assert abs(section.footer_distance + Mm(7) + Mm(14 * 25.4 / 72) - Mm(35)) <= EMU_TOL


def test_banji_is_a_table_at_the_foot_of_the_text_area(doc):
    (table,) = doc.tables
    assert "抄送：自治区人民政府办公厅。" in table.cell(0, 0).text
    assert table.cell(1, 0).text == "克孜勒苏柯尔克孜自治州人民政府办公室\t2026年12月1日印发"
    pos = table._tbl.tblPr.find(qn("w:tblpPr"))
    assert (pos.get(qn("w:vertAnchor")), pos.get(qn("w:tblpYSpec"))) == ("margin", "bottom")
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    top, inside = borders.find(qn("w:top")), borders.find(qn("w:insideH"))
    assert int(top.get(qn("w:sz"))) > int(inside.get(qn("w:sz")))


def test_upward_document_number_left_and_signer_right_on_one_line():
    doc = open_docx(render_docx(layout(signers=["张三"])))
    line = paragraph(doc, NUMBER)
    assert line.text == f"\t{NUMBER}\t签发人：张三"
    stops = [s.position for s in line.paragraph_format.tab_stops]
    assert stops[0] < Mm(10) < Mm(100) < stops[-1]
    assert line._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:color")) == "FF0000"


JOINT = ["克孜勒苏柯尔克孜自治州人民政府", "克孜勒苏柯尔克孜自治州发展和改革委员会", "州财政局"]


def test_a_joint_mark_is_a_table_of_the_names_lead_first_and_the_word_beside_them():
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

    doc = open_docx(render_docx(layout(joint_issuers=JOINT, co_signatures=JOINT[1:])))
    mark, _ = doc.tables  # the mark first, the 版记 last
    names, word = mark.rows[0].cells
    assert [p.text for p in names.paragraphs] == JOINT
    assert word.text == "文件"
    assert word.vertical_alignment == WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for p in (*names.paragraphs, *word.paragraphs):
        (run,) = p.runs
        assert str(run.font.color.rgb) == "FF0000"
        assert east_asia(run) == "方正小标宋简体"
    assert {p.alignment for p in names.paragraphs} == {WD_ALIGN_PARAGRAPH.DISTRIBUTE}  # one width
    size_mm = names.paragraphs[0].runs[0].font.size.pt * 25.4 / 72
    assert size_mm * (max(map(len, JOINT)) + 2) <= 156
    borders = mark._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    # the drop of 35 mm: the paragraphs above the table
    body = doc.element.body
    above = body.index(mark._tbl)
    spacer = doc.paragraphs[above - 1] if above else None
    assert spacer is not None
    assert abs(spacer.paragraph_format.line_spacing.pt * 25.4 / 72 - 35) < 1
    # every issuing body signs, the lead body first, then the date
    texts = [p.text for p in doc.paragraphs]
    at = texts.index(JOINT[0])
    assert texts[at : at + 4] == [*JOINT, "2026年12月1日"]
    rights = [doc.paragraphs[at + i].paragraph_format.right_indent for i in range(3)]
    assert rights[1] == min(rights)  # the longest name is the one nearest the right edge


def test_copy_number_and_classification_are_the_first_paragraphs():
    doc = open_docx(render_docx(layout(copy_number=7, classification="秘密", period="1年", urgency="特急")))
    assert [p.text for p in doc.paragraphs[:4]] == ["000007", "秘密★1年", "特急", MARK]
    assert east_asia(doc.paragraphs[1].runs[0]) == "黑体"
