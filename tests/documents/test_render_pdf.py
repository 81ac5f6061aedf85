"""The issued document's PDF, measured from the PDF itself against GB/T 9704-2012 (BRIEF §4).

Positions are in PDF points from the top-left.  A character's vertical extent is its ideographic em
box: ``baseline − 0.88 em`` to ``baseline + 0.12 em`` (the Noto CJK design), the baseline read from
the text matrix — pdfplumber's own ``top`` uses the font descriptor's descent, which is not the em box.
Tolerance ±1 mm unless stated.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
from collections import defaultdict

import pdfplumber
import pytest

from zhengwu.documents.render import Layout, Paragraph, render_pdf
from zhengwu.documents.render.gbt9704 import ForbiddenURL, check_url, format_date, heading_level

MM = 72 / 25.4
TOL = 1 * MM
A4 = (595.28, 841.89)
LEFT, TOP = 28 * MM, 37 * MM
RIGHT, BOTTOM = (28 + 156) * MM, (37 + 225) * MM
PAGE_CENTRE = A4[0] / 2

SENTENCE = "各县（市）人民政府和自治州人民政府各部门要高度重视公文格式工作，严格执行国家标准，确保公文规范统一。"
MARK = "克孜勒苏柯尔克孜自治州人民政府文件"
NUMBER = "克政发〔2026〕12号"


def layout(**kw) -> Layout:
    values = dict(
        issuer_mark=MARK,
        number=NUMBER,
        title="克孜勒苏柯尔克孜自治州人民政府关于进一步规范公文格式的通知",
        main_recipients="各县（市）人民政府，自治州人民政府各部门：",
        body=[
            "为进一步规范公文处理工作，结合自治州实际，现就有关事项通知如下。",
            "一、总体要求",
            SENTENCE * 8,
            Paragraph("（一）加强组织领导。" + SENTENCE * 6, 2),
            "1.严格审核把关。" + SENTENCE * 6,
            "（1）规范格式要素。" + SENTENCE * 6,
        ],
        attachments=["公文格式样式", "公文处理工作流程图"],
        signature="克孜勒苏柯尔克孜自治州人民政府",
        date=dt.date(2026, 12, 1),
        note="此件公开发布",
        copy_to=["自治区人民政府办公厅", "州委办公室"],
        printer="克孜勒苏柯尔克孜自治州人民政府办公室",
        print_date=dt.date(2026, 12, 1),
    )
    values.update(kw)
    return Layout(**values)


def em_box(char) -> tuple[float, float]:
    """(top, bottom) of a character's ideographic em box."""
    baseline = char["page_height"] - char["matrix"][5] if "page_height" in char else None
    assert baseline is not None
    return baseline - 0.88 * char["size"], baseline + 0.12 * char["size"]


def chars_of(page) -> list[dict]:
    out = []
    for c in page.chars:
        if c["text"].strip():
            out.append({**c, "page_height": float(page.height)})
    return out


def lines_of(chars) -> list[list[dict]]:
    by_baseline: dict[float, list[dict]] = defaultdict(list)
    for c in chars:
        by_baseline[round(c["matrix"][5], 1)].append(c)
    return [sorted(cs, key=lambda c: c["x0"]) for _, cs in sorted(by_baseline.items(), reverse=True)]


def is_red(colour) -> bool:
    return isinstance(colour, tuple | list) and len(colour) == 3 and colour[0] > 0.8 and max(colour[1:]) < 0.2


def body_chars(page) -> list[dict]:
    """The text area's characters: everything but the page number below it."""
    return [c for c in chars_of(page) if em_box(c)[0] < BOTTOM + 2 * MM]


def folio(page) -> list[dict]:
    return [c for c in chars_of(page) if em_box(c)[0] > BOTTOM + 2 * MM]


@pytest.fixture(scope="module")
def pdf():
    data = render_pdf(layout())
    with pdfplumber.open(io.BytesIO(data)) as document:
        yield document


@pytest.fixture(scope="module")
def upward_pdf():
    data = render_pdf(layout(signers=["张三", "李四", "王五"]))
    with pdfplumber.open(io.BytesIO(data)) as document:
        yield document


@pytest.mark.article(52)
def test_the_document_is_produced_electronically_as_a_pdf():
    data = render_pdf(layout())
    assert data.startswith(b"%PDF-")
    with pdfplumber.open(io.BytesIO(data)) as document:
        text = "".join(p.extract_text() for p in document.pages)
    assert MARK in text
    assert NUMBER in text
    assert "2026年12月1日" in text


def test_pages_are_a4_and_the_body_runs_to_at_least_three(pdf):
    assert len(pdf.pages) >= 3
    for page in pdf.pages:
        assert page.width == pytest.approx(A4[0], abs=0.5)
        assert page.height == pytest.approx(A4[1], abs=0.5)


def test_every_character_of_the_text_area_is_inside_it(pdf):
    for page in pdf.pages:
        chars = body_chars(page)
        assert chars
        for c in chars:
            top, bottom = em_box(c)
            assert c["x0"] >= LEFT - TOL, c["text"]
            assert c["x1"] <= RIGHT + TOL, c["text"]
            assert top >= TOP - TOL, c["text"]
            assert bottom <= BOTTOM + TOL, c["text"]


def test_a_full_page_holds_22_lines_of_up_to_28_characters(pdf):
    # page 2 is all body text
    lines = lines_of(body_chars(pdf.pages[1]))
    assert len(lines) == 22
    pitch = [em_box(b[0])[0] - em_box(a[0])[0] for a, b in itertools.pairwise(lines)]
    assert all(p == pytest.approx(225 / 22 * MM, abs=0.1) for p in pitch)
    counts = [len(line) for line in lines]
    assert max(counts) == 28
    assert counts.count(28) >= 5
    for page in pdf.pages:
        assert len(lines_of(body_chars(page))) <= 22
    # a full line of ideographs fills the 156 mm text width
    full = next(line for line in lines if len(line) == 28)
    assert full[0]["x0"] == pytest.approx(LEFT, abs=TOL)
    assert full[-1]["x1"] == pytest.approx(RIGHT, abs=TOL)
    assert full[1]["x0"] - full[0]["x0"] == pytest.approx(156 / 28 * MM, abs=0.05)


def test_body_is_16pt_in_the_fangsong_role(pdf):
    lines = lines_of(body_chars(pdf.pages[1]))
    for c in lines[3]:
        assert c["size"] == pytest.approx(16, abs=0.01)
        assert "Serif-CJK" in c["fontname"] or "FangSong" in c["fontname"] or "GB2312" in c["fontname"]


def test_the_issuer_mark_is_red_centred_and_35mm_below_the_text_area(pdf):
    page = pdf.pages[0]
    mark = next(line for line in lines_of(chars_of(page)) if "".join(c["text"] for c in line) == MARK)
    assert all(is_red(c["non_stroking_color"]) for c in mark)
    middle = (mark[0]["x0"] + mark[-1]["x1"]) / 2
    assert middle == pytest.approx(PAGE_CENTRE, abs=2 * MM)
    assert em_box(mark[0])[0] == pytest.approx((37 + 35) * MM, abs=TOL)
    assert mark[0]["x0"] >= LEFT - TOL
    assert mark[-1]["x1"] <= RIGHT + TOL


def red_rules(page):
    shapes = [*page.rects, *page.lines]
    return [s for s in shapes if is_red(s.get("non_stroking_color")) or is_red(s.get("stroking_color"))]


def test_the_number_is_centred_two_lines_below_the_mark_and_the_red_rule_4mm_under_it(pdf):
    page = pdf.pages[0]
    lines = lines_of(chars_of(page))
    texts = ["".join(c["text"] for c in line) for line in lines]
    mark, number = lines[texts.index(MARK)], lines[texts.index(NUMBER)]
    assert (number[0]["x0"] + number[-1]["x1"]) / 2 == pytest.approx(LEFT + 78 * MM, abs=TOL)
    gap = em_box(number[0])[0] - em_box(mark[0])[1]
    assert 2 * 225 / 22 * MM <= gap <= 3 * 225 / 22 * MM  # two blank lines
    (rule,) = red_rules(page)
    rule_y = (rule["top"] + rule["bottom"]) / 2
    assert rule_y - em_box(number[0])[1] == pytest.approx(4 * MM, abs=TOL)
    assert rule["x0"] == pytest.approx(LEFT, abs=TOL)
    assert rule["x1"] == pytest.approx(RIGHT, abs=TOL)
    assert rule["bottom"] - rule["top"] < 1.5 * MM


def test_the_title_is_22pt_centred_below_the_rule(pdf):
    page = pdf.pages[0]
    (rule,) = red_rules(page)
    title = [c for c in chars_of(page) if c["size"] == pytest.approx(22, abs=0.01)]
    assert "".join(c["text"] for c in title).startswith("克孜勒苏")
    first = lines_of(title)[0]
    assert (first[0]["x0"] + first[-1]["x1"]) / 2 == pytest.approx(LEFT + 78 * MM, abs=TOL)
    assert em_box(first[0])[0] > rule["bottom"] + 225 / 22 * MM
    assert not any(is_red(c["non_stroking_color"]) for c in title)


def test_page_numbers_alternate_sides_7mm_below_the_text_area(pdf):
    assert len(pdf.pages) >= 3
    for index, page in enumerate(pdf.pages):
        number = index + 1
        chars = folio(page)
        assert "".join(c["text"] for c in chars) == f"—{number}—"
        assert all(c["size"] == pytest.approx(14, abs=0.01) for c in chars)
        assert em_box(chars[0])[0] == pytest.approx(BOTTOM + 7 * MM, abs=TOL)
        middle = (chars[0]["x0"] + chars[-1]["x1"]) / 2
        if number % 2:  # odd pages, the first included: right, one character in
            assert middle > PAGE_CENTRE
            assert chars[-1]["x1"] == pytest.approx(RIGHT - 14, abs=TOL)
        else:
            assert middle < PAGE_CENTRE
            assert chars[0]["x0"] == pytest.approx(LEFT + 14, abs=TOL)
    spaced = pdf.pages[0].extract_text().splitlines()[-1]
    assert spaced == "— 1 —"


def test_the_banji_sits_between_rules_at_the_foot_of_the_last_page(pdf):
    page = pdf.pages[-1]
    text = page.extract_text()
    assert "抄送：自治区人民政府办公厅，州委办公室。" in text
    assert "2026年12月1日印发" in text
    rules = sorted((r for r in page.rects if r["width"] > 150 * MM), key=lambda r: r["top"])
    assert len(rules) == 3
    assert [r["bottom"] - r["top"] for r in rules] == pytest.approx([0.35 * MM, 0.25 * MM, 0.35 * MM], abs=0.1)
    assert rules[-1]["bottom"] == pytest.approx(BOTTOM, abs=TOL)
    for r in rules:
        assert r["x0"] == pytest.approx(LEFT, abs=TOL)
        assert r["x1"] == pytest.approx(RIGHT, abs=TOL)
    printed = [c for c in chars_of(page) if rules[1]["bottom"] < em_box(c)[0] < rules[2]["top"]]
    assert min(c["x0"] for c in printed) == pytest.approx(LEFT + 14, abs=TOL)  # 印发机关 one character in
    assert max(c["x1"] for c in printed) == pytest.approx(RIGHT - 14, abs=TOL)  # 印发日期 one character in


def test_signature_and_date_unsealed(pdf):
    page = next(p for p in pdf.pages if "2026年12月1日\n" in p.extract_text() + "\n")
    lines = lines_of(body_chars(page))
    texts = ["".join(c["text"] for c in line) for line in lines]
    sig = lines[texts.index("克孜勒苏柯尔克孜自治州人民政府")]
    date = lines[texts.index("2026年12月1日")]
    char = 156 / 28 * MM
    assert sig[-1]["x1"] == pytest.approx(RIGHT - 2 * char, abs=TOL)  # 右空二字
    assert date[0]["x0"] == pytest.approx(sig[0]["x0"] + 2 * char, abs=TOL)  # 首字右移二字
    assert em_box(date[0])[0] - em_box(sig[0])[0] == pytest.approx(225 / 22 * MM, abs=0.1)
    note = lines[texts.index("（此件公开发布）")]
    assert note[0]["x0"] == pytest.approx(LEFT + 2 * char, abs=TOL)


def test_an_upward_document_puts_the_number_left_and_the_signers_right_on_one_baseline(upward_pdf):
    page = upward_pdf.pages[0]
    lines = lines_of(chars_of(page))
    texts = ["".join(c["text"] for c in line) for line in lines]
    assert "签发人：张三李四" in texts
    last = lines[texts.index("王五" + NUMBER)] if "王五" + NUMBER in texts else lines[texts.index(NUMBER + "王五")]
    number = [c for c in last if c["text"] not in "王五"]
    names = [c for c in last if c["text"] in "王五"]
    assert {round(c["matrix"][5], 2) for c in last} == {round(last[0]["matrix"][5], 2)}  # same baseline
    char = 156 / 28 * MM
    assert number[0]["x0"] == pytest.approx(LEFT + char, abs=TOL)  # 居左空一字
    assert number[-1]["x1"] < PAGE_CENTRE
    first_row = lines[texts.index("签发人：张三李四")]
    assert first_row[-1]["x1"] == pytest.approx(RIGHT - char, abs=TOL)  # 居右空一字
    assert names[0]["x0"] == pytest.approx(first_row[4]["x0"], abs=0.5)  # aligned with the first name
    (rule,) = red_rules(page)
    assert (rule["top"] + rule["bottom"]) / 2 - em_box(number[0])[1] == pytest.approx(4 * MM, abs=TOL)
    mark = lines[texts.index(MARK)]
    assert em_box(mark[0])[0] == pytest.approx((37 + 35) * MM, abs=TOL)


def test_head_elements_sit_top_left_in_order():
    data = render_pdf(layout(copy_number=1, classification="秘密", period="1年", urgency="特急"))
    with pdfplumber.open(io.BytesIO(data)) as document:
        lines = lines_of(chars_of(document.pages[0]))
    texts = ["".join(c["text"] for c in line) for line in lines]
    assert texts[:4] == ["000001", "秘密★1年", "特急", MARK]
    for line in lines[:3]:
        assert line[0]["x0"] == pytest.approx(LEFT, abs=TOL)
    assert em_box(lines[0][0])[0] >= TOP - TOL
    assert em_box(lines[2][0])[1] < (37 + 35) * MM


def test_nothing_is_fetched_from_outside():
    check_url("data:text/plain,x")
    for url in ("https://example.com/x.css", "http://localhost/", "file:///etc/passwd", "ftp://x/y"):
        with pytest.raises(ForbiddenURL):
            check_url(url)
    # markup in the text is text, not markup
    data = render_pdf(layout(title='<img src="http://example.com/x.png">通知'))
    with pdfplumber.open(io.BytesIO(data)) as document:
        assert "<img" in document.pages[0].extract_text()


def test_dates_and_headings():
    assert format_date(dt.date(2026, 1, 5)) == "2026年1月5日"
    assert format_date("二〇二六年十二月一日") == "2026年12月1日"
    assert format_date("2026-03-09") == "2026年3月9日"
    assert [heading_level(t) for t in ("一、总体", "（二）要求", "3.措施", "（4）细则", "2026年")] == [1, 2, 3, 4, 0]
    with pytest.raises(ValueError, match="紧急程度"):
        layout(urgency="急")


# ── 联合行文 (GB/T 9704 §7.2.3, §7.3.5), 份号, 密级, a document without a number ────────────────────

JOINT = ["克孜勒苏柯尔克孜自治州人民政府", "克孜勒苏柯尔克孜自治州发展和改革委员会", "州财政局"]


@pytest.fixture(scope="module")
def joint_pdf():
    data = render_pdf(layout(joint_issuers=JOINT, co_signatures=JOINT[1:]))
    with pdfplumber.open(io.BytesIO(data)) as document:
        yield document


def text_of(line) -> str:
    return "".join(c["text"] for c in line)


def test_a_joint_mark_shows_every_issuing_body_lead_first_with_the_word_centred_on_them(joint_pdf):
    page = joint_pdf.pages[0]
    red = [c for c in chars_of(page) if is_red(c["non_stroking_color"])]
    word = [c for c in red if c["text"] in "文件" and c["x0"] > LEFT + 100 * MM]
    names = lines_of([c for c in red if c not in word])
    assert [text_of(line) for line in names] == JOINT  # the lead body first, one under another
    assert text_of(sorted(word, key=lambda c: c["x0"])) == "文件"
    size = names[0][0]["size"]
    assert all(c["size"] == pytest.approx(size, abs=0.01) for c in red)
    # the first name's characters start 35 mm below the text area's top
    assert em_box(names[0][0])[0] == pytest.approx((37 + 35) * MM, abs=TOL)
    # the names are set to one width: same left and right edges
    assert {round(line[0]["x0"] / MM) for line in names} == {round(names[0][0]["x0"] / MM)}
    for line in names:
        assert line[-1]["x1"] == pytest.approx(names[1][-1]["x1"], abs=TOL)
    # 「文件」 to their right, centred on them vertically
    assert min(c["x0"] for c in word) > max(line[-1]["x1"] for line in names)
    top, bottom = em_box(names[0][0])[0], em_box(names[-1][0])[1]
    word_top, word_bottom = em_box(word[0])
    assert (word_top + word_bottom) / 2 == pytest.approx((top + bottom) / 2, abs=TOL)
    # the whole mark inside the text area and centred on it
    left, right = names[0][0]["x0"], max(c["x1"] for c in word)
    assert left >= LEFT - TOL
    assert right <= RIGHT + TOL
    assert (left + right) / 2 == pytest.approx(PAGE_CENTRE, abs=2 * MM)
    # the number two lines below the mark, the red rule 4 mm under it
    number = next(line for line in lines_of(chars_of(page)) if text_of(line) == NUMBER)
    assert em_box(number[0])[0] - bottom >= 2 * 225 / 22 * MM
    (rule,) = red_rules(page)
    assert (rule["top"] + rule["bottom"]) / 2 - em_box(number[0])[1] == pytest.approx(4 * MM, abs=TOL)


def test_a_joint_document_is_signed_by_every_issuing_body_lead_first(joint_pdf):
    page = joint_pdf.pages[-1]
    lines = lines_of(body_chars(page))
    texts = [text_of(line) for line in lines]
    at = texts.index(JOINT[0])
    assert texts[at : at + 4] == [*JOINT, "2026年12月1日"]
    signatures = lines[at : at + 3]
    assert {round(line[0]["x0"], 1) for line in signatures} == {round(signatures[0][0]["x0"], 1)}  # aligned
    char = 156 / 28 * MM
    assert max(line[-1]["x1"] for line in signatures) == pytest.approx(RIGHT - 2 * char, abs=TOL)
    for upper, lower in itertools.pairwise(lines[at : at + 4]):
        assert em_box(lower[0])[0] - em_box(upper[0])[0] == pytest.approx(225 / 22 * MM, abs=0.1)


def test_copy_number_classification_and_period_head_the_first_page():
    data = render_pdf(layout(copy_number=12, classification="机密", period="5年"))
    with pdfplumber.open(io.BytesIO(data)) as document:
        lines = lines_of(chars_of(document.pages[0]))
    assert [text_of(line) for line in lines[:3]] == ["000012", "机密★5年", MARK]
    assert TOP <= em_box(lines[0][0])[0] < em_box(lines[0][0])[1] <= TOP + 225 / 22 * MM  # on the first line
    assert em_box(lines[1][0])[0] - em_box(lines[0][0])[0] == pytest.approx(225 / 22 * MM, abs=0.1)
    data = render_pdf(layout(classification="工作秘密"))
    with pdfplumber.open(io.BytesIO(data)) as document:
        assert [text_of(line) for line in lines_of(chars_of(document.pages[0]))[:2]] == ["工作秘密", MARK]
    with pytest.raises(ValueError, match="保密期限"):
        layout(classification="工作秘密", period="1年")
    with pytest.raises(ValueError, match="at least two"):
        layout(joint_issuers=["克孜勒苏柯尔克孜自治州人民政府"])


def test_an_upward_document_without_a_number_keeps_the_signer_and_the_rule():
    data = render_pdf(layout(number="", signers=["周强"]))
    with pdfplumber.open(io.BytesIO(data)) as document:
        page = document.pages[0]
        lines = lines_of(chars_of(page))
        texts = [text_of(line) for line in lines]
        assert "签发人：周强" in texts
        assert not any("〔" in t for t in texts)
        signer = lines[texts.index("签发人：周强")]
        (rule,) = red_rules(page)
        assert (rule["top"] + rule["bottom"]) / 2 - em_box(signer[0])[1] == pytest.approx(4 * MM, abs=TOL)
