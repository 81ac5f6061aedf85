"""附件 through the API (art. 52, paperless flow): multipart upload by the drafting unit's staff,
the list with size and SM3, download with the Chinese name in ``filename*=``, removal; refusals
403 with the article, a document the caller may not see 404, an empty or oversized file 422."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from urllib.parse import quote

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from zhengwu.documents.models import Attachment

CONTENT = b"%PDF-1.7\n% " + "一、项目概况\n二、经费测算\n".encode()  # accepted by content (core/uploads.py)
NAME = "项目情况说明"


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel("2026-12-01 09:00 +0800", tick=False):
        yield


@pytest.fixture(autouse=True)
def attachment_storage(settings, tmp_path):
    """The default storage in a temporary folder (attachments go through Django's storage API)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    return tmp_path


@pytest.fixture
def draft_id(api_as) -> int:
    """The 发展改革委's draft 请示."""
    response = api_as("fgw_clerk").post(
        "/documents/submissions",
        {
            "doc_type": "qingshi",
            "title": "关于申请安排公路改建项目前期工作经费的请示",
            "body": "州人民政府：……妥否，请批示。",
            "request_items": ["安排前期工作经费"],
        },
    )
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def upload(client_as, username: str, doc_id: int, content: bytes = CONTENT, name: str = NAME):
    return client_as(username).post(
        f"/api/documents/{doc_id}/attachments", {"name": name, "file": SimpleUploadedFile("shuoming.pdf", content)}
    )


@pytest.mark.article(52)
def test_the_drafting_units_clerk_uploads_and_lists(client_as, api_as, draft_id):
    created = upload(client_as, "fgw_clerk", draft_id)
    assert created.status_code == 201, created.json()
    body = created.json()
    digest = hashlib.new("sm3", CONTENT).hexdigest()
    assert (body["position"], body["name"], body["size"], body["sm3"], body["uploaded_by"]) == (
        1,
        NAME,
        len(CONTENT),
        digest,
        "孙磊",
    )
    assert body["url"] == f"/api/documents/{draft_id}/attachments/{body['id']}/file"
    listed = api_as("fgw_head").get(f"/documents/{draft_id}/attachments")
    assert listed.status_code == 200
    assert [a["id"] for a in listed.json()] == [body["id"]]


def test_someone_who_may_see_it_downloads_it(client_as, api_as, draft_id):
    aid = upload(client_as, "fgw_clerk", draft_id).json()["id"]
    response = api_as("fgw_head").get(f"/documents/{draft_id}/attachments/{aid}/file")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT
    assert f"filename*=UTF-8''{quote(NAME + '.pdf')}" in response["Content-Disposition"]
    assert api_as("fgw_head").get(f"/documents/{draft_id}/attachments/999999/file").status_code == 404


@pytest.mark.article(52)
def test_a_unit_that_may_not_see_the_draft_gets_404(client_as, api_as, draft_id):
    aid = upload(client_as, "fgw_clerk", draft_id).json()["id"]
    czj = api_as("czj_head")
    assert upload(client_as, "czj_head", draft_id).status_code == 404
    assert czj.get(f"/documents/{draft_id}/attachments").status_code == 404
    assert czj.get(f"/documents/{draft_id}/attachments/{aid}/file").status_code == 404
    assert czj.delete(f"/documents/{draft_id}/attachments/{aid}").status_code == 404
    assert Attachment.objects.filter(document_id=draft_id).count() == 1


@pytest.mark.article(52)
def test_a_countersigning_unit_downloads_but_may_not_upload_or_remove(client_as, api_as, draft_id):
    aid = upload(client_as, "fgw_clerk", draft_id).json()["id"]
    asked = api_as("fgw_head").post(f"/documents/{draft_id}/countersign", {"units": ["czj"]})
    assert asked.status_code == 201, asked.json()
    czj = api_as("czj_head")
    assert czj.get(f"/documents/{draft_id}/attachments/{aid}/file").status_code == 200

    refused = upload(client_as, "czj_head", draft_id)
    assert refused.status_code == 403
    assert "第五十二条" in refused.json()["detail"]
    assert 52 in [d["citation"]["article"] for d in refused.json()["decisions"]]
    removed = czj.delete(f"/documents/{draft_id}/attachments/{aid}")
    assert removed.status_code == 403
    assert "第五十二条" in removed.json()["detail"]
    assert Attachment.objects.filter(document_id=draft_id).count() == 1


@pytest.mark.article(52)
def test_an_empty_file_or_one_over_the_limit_is_422(client_as, draft_id, settings):
    empty = upload(client_as, "fgw_clerk", draft_id, content=b"")
    assert (empty.status_code, empty.json()["field"]) == (422, "file")
    assert "附件文件是空的" in empty.json()["detail"]
    settings.ZHENGWU_ATTACHMENT_MAX_BYTES = 1024 * 1024
    too_big = upload(client_as, "fgw_clerk", draft_id, content=b"x" * (1024 * 1024 + 1))
    assert (too_big.status_code, too_big.json()["field"]) == (422, "file")
    assert "附件不能超过1 MB" in too_big.json()["detail"]
    assert not Attachment.objects.filter(document_id=draft_id).exists()


@pytest.mark.article(52)
def test_the_clerk_removes_an_attachment(client_as, api_as, draft_id):
    aid = upload(client_as, "fgw_clerk", draft_id).json()["id"]
    assert api_as("fgw_clerk").delete(f"/documents/{draft_id}/attachments/{aid}").status_code == 204
    assert api_as("fgw_clerk").get(f"/documents/{draft_id}/attachments").json() == []
    assert api_as("fgw_clerk").delete(f"/documents/{draft_id}/attachments/{aid}").status_code == 404
