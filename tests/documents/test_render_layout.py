"""The layout of a document as stored (``actions.outgoing.layout_for``), read back from the PDF and
the DOCX: each recipient's copy carries its own 份号, the file copy none (or the next number when
the document is classified), 密级 and 保密期限 head the first page, a joint document shows every
issuing body, and a submission is laid out as its unit sent it (mark, title, body, 签发人)."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from django.utils import timezone

from tests.documents.conftest import unit
from zhengwu.documents.actions.outgoing import layout_for
from zhengwu.documents.models import Delivery, Direction, DocState, DocType, Document, Flow
from zhengwu.documents.render import render_docx, render_pdf
from zhengwu.org.models import Person

pytestmark = pytest.mark.usefixtures("frozen")

GOV_MARK = "克孜勒苏柯尔克孜自治州人民政府文件"
NUMBER = "克政发〔2026〕30号"


def first_lines(layout) -> list[str]:
    with pdfplumber.open(io.BytesIO(render_pdf(layout))) as document:
        return document.pages[0].extract_text().splitlines()


@pytest.fixture
def issued(make_document):
    """An issued notice of the government to three units: copies 1–3."""

    def make(**overrides) -> Document:
        fields = dict(
            flow=Flow.OUTGOING,
            doc_type=DocType.NOTICE,
            direction=Direction.DOWNWARD,
            issuer_code="gov",
            state=DocState.ISSUED,
            number=NUMBER,
            title="关于加强项目管理的通知",
            signer=Person.objects.get(user__username="governor"),
            signed_at=timezone.now(),
            issued_at=timezone.now(),
            main_recipient_codes=["fgw", "czj", "sfj"],
            body="各有关单位：\n正文。",
        )
        fields.update(overrides)
        doc = make_document(**fields)
        for n, code in enumerate(["fgw", "czj", "sfj"], start=1):
            Delivery.objects.create(document=doc, unit=unit(code), copy_number=n, delivered_at=timezone.now())
        return doc

    return make


@pytest.mark.article(52)
def test_each_recipient_copy_carries_its_copy_number_and_the_file_copy_none(issued) -> None:
    doc = issued()
    second = doc.deliveries.get(unit__code="czj")
    assert first_lines(layout_for(doc, second))[:2] == ["000002", GOV_MARK]
    assert layout_for(doc, second).copy_number == 2
    assert first_lines(layout_for(doc))[0] == GOV_MARK  # the file copy of an unclassified document
    other = issued(number="克政发〔2026〕31号")
    with pytest.raises(ValueError, match="is not a copy of document"):
        layout_for(doc, other.deliveries.first())


@pytest.mark.article(61)
def test_classification_and_period_are_printed_and_every_copy_of_a_secret_one_numbered(issued) -> None:
    doc = issued(classification="secret", secrecy_period="1年")
    assert first_lines(layout_for(doc, doc.deliveries.get(unit__code="fgw")))[:3] == ["000001", "秘密★1年", GOV_MARK]
    # 涉密公文应当标注份号: the file copy is copy n + 1, after the three delivered
    assert first_lines(layout_for(doc))[:3] == ["000004", "秘密★1年", GOV_MARK]
    docx = render_docx(layout_for(doc))
    from docx import Document as Docx

    assert [p.text for p in Docx(io.BytesIO(docx)).paragraphs[:2]] == ["000004", "秘密★1年"]
    internal = issued(number="克政发〔2026〕32号", classification="internal", secrecy_period="1年")
    assert first_lines(layout_for(internal))[:2] == ["工作秘密", GOV_MARK]  # no period, no file-copy number
    draft = issued(number="", state=DocState.AWAITING_SIGNATURE, issued_at=None, classification="secret")
    assert first_lines(layout_for(draft))[:2] == ["秘密", GOV_MARK]  # a preview has no 份号


@pytest.mark.article(50, 52)
def test_a_joint_document_shows_every_issuing_body_lead_first(make_document) -> None:
    doc = make_document(
        flow=Flow.OUTGOING,
        doc_type=DocType.NOTICE,
        direction=Direction.DOWNWARD,
        issuer_code="fgw",
        state=DocState.AWAITING_SIGNATURE,
        title="关于联合开展项目检查的通知",
        main_recipient_codes=["atushi"],
    )
    doc.co_issuers.set([unit("sfj"), unit("czj")])
    layout = layout_for(doc)
    names = [unit(c).name for c in ("fgw", "czj", "sfj")]  # the lead body, then the organization's order
    assert list(layout.joint_issuers) == names
    assert list(layout.signatures) == names
    with pdfplumber.open(io.BytesIO(render_pdf(layout))) as document:
        lines = [line.replace(" ", "") for line in document.pages[0].extract_text().splitlines()]
        last = document.pages[-1].extract_text()
    assert lines[:3] == [names[0], f"{names[1]}文件", names[2]]  # 「文件」 beside the middle of three
    for name in names:
        assert name in last


@pytest.mark.article(49, 52)
def test_a_submission_is_laid_out_as_its_unit_sent_it(make_request) -> None:
    doc = make_request(
        "fgw",
        title="关于申请安排前期工作经费的请示",
        state=DocState.ANSWERED,
        signer=Person.objects.get(user__username="fgw_head"),
        signed_at=timezone.now(),
        body="州人民政府：\n……妥否，请批示。",
    )
    layout = layout_for(doc)
    assert (layout.number, layout.signers, layout.copy_number) == ("", ("周强",), None)
    with pdfplumber.open(io.BytesIO(render_pdf(layout))) as document:
        text = "\n".join(p.extract_text() for p in document.pages)
    for expected in (
        "克孜勒苏柯尔克孜自治州发展和改革委员会文件",
        "签发人：周强",
        "关于申请安排前期工作经费的请示",
        "州人民政府：",
        "……妥否，请批示。",
    ):
        assert expected in text
