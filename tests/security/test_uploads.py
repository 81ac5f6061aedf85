"""Uploads are accepted by their content (issue 11: "A Windows executable renamed .pdf, .html, and a
DOCX that inflates to 200 MiB are all stored").  Both upload paths (a document's 附件, a meeting's
papers) go through ``zhengwu/core/uploads.py``."""

from __future__ import annotations

import io
import zipfile

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.security.conftest import SUBMISSION
from zhengwu.core import uploads
from zhengwu.core.decisions import InvalidInput
from zhengwu.documents.models import Attachment

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 64
HTML = b"<!doctype html><html><script>alert(1)</script></html>"


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
OFD = zipped({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<ofd:Document/>"})


def check(name: str, content: bytes, **kwargs) -> uploads.Kind:
    return uploads.check_upload(SimpleUploadedFile(name, content), **kwargs)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("请示.pdf", PDF, uploads.PDF),
        ("图.png", PNG, uploads.PNG),
        ("照片.JPG", JPEG, uploads.JPEG),
        ("旧稿.doc", OLE2, uploads.OLE2),
        ("测算表.xls", OLE2, uploads.OLE2),
        ("正文.docx", DOCX, uploads.DOCX),
        ("测算表.xlsx", XLSX, uploads.XLSX),
        ("版式.ofd", OFD, uploads.OFD),
    ],
)
def test_accepted_kinds(name, content, kind):
    assert check(name, content) == kind


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("请示.pdf", EXE, "可执行程序"),
        ("setup.exe", EXE, "可执行程序"),
        ("a.pdf", ELF, "可执行程序"),
        ("page.html", HTML, "网页"),
        ("page.pdf", HTML, "网页"),
        ("run.pdf", b"#!/bin/sh\nrm -rf /\n", "脚本"),
        ("说明.txt", "纯文本".encode(), "无法识别"),
        ("包.zip", zipped({"a.txt": b"x"}), "ZIP文件，这里不接受"),
    ],
)
def test_refused_by_content(name, content, says):
    with pytest.raises(InvalidInput) as refused:
        check(name, content)
    assert refused.value.field == "file"
    assert says in refused.value.message
    assert "可以上传的文件" in refused.value.message


def test_a_zip_is_accepted_only_where_a_dossier_allows_it():
    assert check("卷宗.zip", zipped({"a.pdf": PDF}), kinds=(*uploads.KINDS, uploads.ZIP)) == uploads.ZIP


@pytest.mark.parametrize(
    ("name", "content"), [("请示.docx", PDF), ("正文.pdf", DOCX), ("图.jpg", PNG), ("无扩展名", PDF)]
)
def test_the_extension_must_agree_with_the_content(name, content):
    with pytest.raises(InvalidInput) as refused:
        check(name, content)
    assert "两者不符" in refused.value.message


def test_a_docx_that_inflates_beyond_the_bound_is_refused(settings):
    settings.ZHENGWU_UPLOAD_MAX_INFLATED_BYTES = 200 * 1024 * 1024
    bomb = zipped(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w:document/>",
            "word/media/x.bin": bytes(201 * 2**20),
        }
    )
    assert len(bomb) < 1024 * 1024  # small on the wire
    with pytest.raises(InvalidInput) as refused:
        check("正文.docx", bomb)
    assert "解压后超过200 MB" in refused.value.message


def test_the_bound_is_counted_while_inflating_not_taken_from_the_header():
    lying = bytearray(zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": bytes(4096)}))
    # Make the central directory claim the big member is 10 bytes: the real inflated size still counts.
    entry = lying.rfind(b"PK\x01\x02")
    while entry != -1:
        name_length = int.from_bytes(lying[entry + 28 : entry + 30], "little")
        if bytes(lying[entry + 46 : entry + 46 + name_length]) == b"word/document.xml":
            lying[entry + 24 : entry + 28] = (10).to_bytes(4, "little")
        entry = lying.rfind(b"PK\x01\x02", 0, entry)
    with pytest.raises(InvalidInput):
        check("正文.docx", bytes(lying), max_inflated=1000)


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("cod\u202egpj.exe.pdf", "U+202E"),
        ("a\x00b.pdf", "控制字符"),
        ("x" * 250 + ".pdf", "文件名过长"),
        ("..", "不是单纯的文件名"),
        ("   ", "没有文件名"),
    ],
)
def test_bad_file_names_are_refused_clearly(name, says):
    problem = uploads.check_name(name)
    assert says in problem


def test_a_renamed_executable_is_not_stored_through_the_api(api_as, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path}},
    }
    doc_id = api_as("fgw_clerk").post("/documents/submissions", SUBMISSION).json()["id"]
    client = api_as("fgw_clerk").client
    refused = client.post(
        f"/api/documents/{doc_id}/attachments", {"name": "说明", "file": SimpleUploadedFile("说明.pdf", EXE)}
    )
    assert refused.status_code == 422
    assert refused.json()["field"] == "file"
    assert "可执行程序" in refused.json()["detail"]
    assert not Attachment.objects.filter(document_id=doc_id).exists()
    accepted = client.post(
        f"/api/documents/{doc_id}/attachments", {"name": "说明", "file": SimpleUploadedFile("说明.pdf", PDF)}
    )
    assert accepted.status_code == 201


def test_a_meeting_paper_is_checked_too(user, settings, tmp_path):
    from tests.meetings.conftest import NOW, unit
    from zhengwu.meetings import actions
    from zhengwu.meetings.models import Paper

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path}},
    }
    with time_machine.travel(NOW):
        topic = actions.request_topic(
            user("jyj_head"), unit=unit("jyj"), summary="书面申请。", title="关于教育有关事项的议题"
        )
        with pytest.raises(InvalidInput) as refused:
            actions.add_paper(user("jyj_head"), topic, "汇报材料", SimpleUploadedFile("汇报.pdf", EXE))
        assert "可执行程序" in refused.value.message
        assert not Paper.objects.filter(topic=topic).exists()
