"""附件 on the document page (art. 52, paperless flow): the drafting unit's staff upload and remove
files while the text may change; those who may see the document download them (the Chinese name
in ``filename*=``); others are refused with the article, or get 404 if they may not see it."""

from __future__ import annotations

import hashlib
from urllib.parse import quote

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from zhengwu.audit.models import AuditRecord
from zhengwu.documents.actions.countersign import request_countersign
from zhengwu.documents.actions.intake import create_submission
from zhengwu.documents.models import Attachment, Document
from zhengwu.org.models import Unit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen", "attachment_storage")]

NOW = "2026-12-01 09:00 +0800"
CONTENT = b"%PDF-1.7\n% " + "项目,金额（万元）\n公路改建前期,120\n".encode()  # accepted by content (core/uploads.py)
NAME = "项目前期工作经费测算表"


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def attachment_storage(settings, tmp_path):
    """The default storage in a temporary folder (attachments go through Django's storage API)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    return tmp_path


def draft(user) -> Document:
    return create_submission(
        user("fgw_clerk"),
        Unit.objects.get(code="fgw"),
        "qingshi",
        "关于安排公路改建项目前期工作经费的请示",
        "州人民政府：\n……妥否，请批示。",
        ["安排前期工作经费"],
        [Unit.objects.get(code="gov")],
        [],
    )


def upload(client, doc: Document, content: bytes = CONTENT, name: str = NAME, filename: str = "cesuan.pdf"):
    return client.post(
        f"/documents/{doc.pk}/attachments/",
        {"name": name, "file": SimpleUploadedFile(filename, content, content_type="application/pdf")},
    )


@pytest.mark.article(52)
def test_the_drafting_units_clerk_uploads_and_the_page_lists_it(client_as, user, attachment_storage):
    doc = draft(user)
    clerk = client_as("fgw_clerk")
    page = clerk.get(f"/documents/{doc.pk}/").content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert "上传附件" in page

    response = upload(clerk, doc)
    assert response.status_code == 302
    assert response["Location"] == f"/documents/{doc.pk}/#h-att"
    attachment = Attachment.objects.get(document=doc)
    digest = hashlib.new("sm3", CONTENT).hexdigest()
    assert (attachment.position, attachment.name, attachment.size, attachment.sm3) == (1, NAME, len(CONTENT), digest)
    assert (attachment_storage / attachment.file.name).read_bytes() == CONTENT
    assert AuditRecord.objects.filter(action="documents.attachment.add").count() == 1

    page = clerk.get(f"/documents/{doc.pk}/").content.decode()
    assert NAME in page
    assert digest[:16] in page
    assert f"/documents/{doc.pk}/attachments/{attachment.pk}/" in page
    assert f"/documents/{doc.pk}/attachments/{attachment.pk}/remove/" in page


def test_someone_who_may_see_the_document_downloads_it(client_as, user):
    doc = draft(user)
    upload(client_as("fgw_clerk"), doc)
    attachment = Attachment.objects.get(document=doc)
    response = client_as("fgw_head").get(f"/documents/{doc.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT
    assert f"filename*=UTF-8''{quote(NAME + '.pdf')}" in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment;")
    # another document's attachment id is not this document's
    other = draft(user)
    assert client_as("fgw_head").get(f"/documents/{other.pk}/attachments/{attachment.pk}/").status_code == 404


@pytest.mark.article(52)
def test_a_unit_that_may_not_see_the_draft_gets_404(client_as, user):
    doc = draft(user)
    upload(client_as("fgw_clerk"), doc)
    attachment = Attachment.objects.get(document=doc)
    czj = client_as("czj_head")
    assert upload(czj, doc).status_code == 404
    assert czj.get(f"/documents/{doc.pk}/attachments/{attachment.pk}/").status_code == 404
    assert czj.post(f"/documents/{doc.pk}/attachments/{attachment.pk}/remove/").status_code == 404
    assert Attachment.objects.filter(document=doc).count() == 1


@pytest.mark.article(52)
def test_a_countersigning_unit_sees_and_downloads_but_may_not_upload(client_as, user):
    doc = draft(user)
    upload(client_as("fgw_clerk"), doc)
    request_countersign(user("fgw_head"), doc, [Unit.objects.get(code="czj")])
    attachment = Attachment.objects.get(document=doc)
    czj = client_as("czj_head")
    page = czj.get(f"/documents/{doc.pk}/").content.decode()
    assert NAME in page
    assert "上传附件" not in page  # only offered to the drafting unit's staff
    assert czj.get(f"/documents/{doc.pk}/attachments/{attachment.pk}/").status_code == 200

    refused = upload(czj, doc)
    assert refused.status_code == 403
    assert "第五十二条" in refused.content.decode()
    refused = czj.post(f"/documents/{doc.pk}/attachments/{attachment.pk}/remove/")
    assert refused.status_code == 403
    assert "第五十二条" in refused.content.decode()
    assert Attachment.objects.filter(document=doc).count() == 1


@pytest.mark.article(52)
def test_an_empty_file_or_one_over_the_limit_is_refused_with_the_message(client_as, user, settings):
    doc = draft(user)
    clerk = client_as("fgw_clerk")
    empty = upload(clerk, doc, content=b"")
    assert empty.status_code == 400
    assert "附件文件是空的" in empty.content.decode()

    settings.ZHENGWU_ATTACHMENT_MAX_BYTES = 1024 * 1024
    too_big = upload(clerk, doc, content=b"x" * (1024 * 1024 + 1))
    assert too_big.status_code == 400
    assert "附件不能超过1 MB" in too_big.content.decode()

    no_file = clerk.post(f"/documents/{doc.pk}/attachments/", {"name": NAME})
    assert no_file.status_code == 400
    assert "请选择要上传的附件文件" in no_file.content.decode()
    assert not Attachment.objects.filter(document=doc).exists()


@pytest.mark.article(52)
def test_the_clerk_removes_an_attachment_and_get_is_not_allowed(client_as, user, attachment_storage):
    doc = draft(user)
    clerk = client_as("fgw_clerk")
    upload(clerk, doc)
    attachment = Attachment.objects.get(document=doc)
    assert clerk.get(f"/documents/{doc.pk}/attachments/{attachment.pk}/remove/").status_code == 405
    assert clerk.get(f"/documents/{doc.pk}/attachments/").status_code == 405
    response = clerk.post(f"/documents/{doc.pk}/attachments/{attachment.pk}/remove/")
    assert response.status_code == 302
    assert not Attachment.objects.filter(document=doc).exists()
    assert (attachment_storage / attachment.file.name).exists()  # the file itself is kept
    page = clerk.get(f"/documents/{doc.pk}/").content.decode()
    assert f"/documents/{doc.pk}/attachments/{attachment.pk}/" not in page
    assert "删除附件1" in page  # the timeline, from the audit trail
