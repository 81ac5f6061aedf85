"""Bad input never gives a server error: bounded page numbers and offsets, the same length limits on
SQLite as on PostgreSQL, and a JSON answer with a Chinese ``detail`` for a body that is not JSON, a body
that is too large and a request Django finds suspicious (issue 11: "Inputs that give 500")."""

from __future__ import annotations

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.test import Client

from tests.security.conftest import SUBMISSION
from zhengwu.core.decisions import InvalidInput
from zhengwu.documents.actions.intake import create_submission
from zhengwu.documents.models import Document
from zhengwu.org.models import Unit
from zhengwu.portal import catalogue

pytestmark = pytest.mark.django_db


def json_error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["detail"]
    return body


@pytest.mark.parametrize("page", ["99999999999999999999", "0", "-1", str(catalogue.MAX_PAGE + 1)])
def test_a_page_out_of_bounds_is_422_not_500(page):
    response = Client(raise_request_exception=False).get("/api/portal/items", {"page": page})
    json_error(response, 422)


def test_the_last_page_still_answers():
    response = Client().get("/api/portal/items", {"page": catalogue.MAX_PAGE})
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_the_catalogue_clamps_a_huge_page_itself():
    results = catalogue.find(catalogue.Filters.from_params({}), 10**20)
    assert results.page == catalogue.MAX_PAGE
    assert results.items == []


def test_the_public_list_page_takes_a_huge_page_number():
    assert Client(raise_request_exception=False).get("/public/items/", {"page": "9" * 20}).status_code == 200


def test_a_huge_offset_is_422_not_500(api_as):
    api = api_as("clerk_wendian")
    api.client.raise_request_exception = False
    json_error(api.get("/documents", offset=10**20), 422)


def test_a_301_character_title_is_refused_by_the_api_with_its_field(api_as):
    before = Document.objects.count()
    response = api_as("fgw_clerk").post("/documents/submissions", {**SUBMISSION, "title": "关" * 301})
    assert response.status_code == 422
    assert "title" in str(response.json()["detail"])
    assert Document.objects.count() == before


def test_a_301_character_title_is_refused_before_the_database_on_every_path(user):
    """SQLite would store it; PostgreSQL would fail with a DataError (a server error)."""
    with pytest.raises(InvalidInput) as refused:
        create_submission(
            user("fgw_clerk"),
            Unit.objects.get(code="fgw"),
            "qingshi",
            "关" * 301,
            "州人民政府：……",
            ["一项"],
            [Unit.objects.get(code="gov")],
            [],
        )
    assert refused.value.field == "title"
    assert "最多300个字符，现为301个" in refused.value.message


def test_300_characters_are_accepted(user):
    doc = create_submission(
        user("fgw_clerk"),
        Unit.objects.get(code="fgw"),
        "qingshi",
        "关" * 300,
        "州人民政府：……",
        ["一项"],
        [Unit.objects.get(code="gov")],
        [],
    )
    assert len(doc.title) == 300


def test_a_body_that_is_not_json_is_400_in_chinese(api_as):
    api = api_as("fgw_clerk")
    response = api.client.post("/api/documents/submissions", "{not json", content_type="application/json")
    assert "JSON" in json_error(response, 400)["detail"]


def test_a_body_over_the_limit_is_413_json(api_as, settings):
    api = api_as("fgw_clerk")
    api.client.raise_request_exception = False
    big = '{"title": "' + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10) + '"}'
    response = api.client.post("/api/documents/submissions", big, content_type="application/json")
    assert "请求内容过大" in json_error(response, 413)["detail"]


def test_a_form_with_too_many_fields_is_400_json_saying_nothing_was_changed(client_as, settings):
    """Django rejects it while reading the form (``TooManyFieldsSent``, a ``SuspiciousOperation``)."""
    client = client_as("fgw_clerk")
    client.raise_request_exception = False
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    doc_id = client.post("/api/documents/submissions", SUBMISSION, content_type="application/json").json()["id"]
    response = client.post(f"/api/documents/{doc_id}/attachments", {f"f{i}": "x" for i in range(20)})
    assert "请求格式不合规定" in json_error(response, 400)["detail"]


def test_a_suspicious_request_is_400_json(api_as, monkeypatch):
    def bad_name(*args, **kwargs):
        raise SuspiciousFileOperation("Detected path traversal attempt")

    monkeypatch.setattr("zhengwu.apis.documents._fresh", bad_name)
    api = api_as("fgw_clerk")
    api.client.raise_request_exception = False
    response = api.post("/documents/submissions", SUBMISSION)
    assert "文件名" in json_error(response, 400)["detail"]


def test_an_id_too_large_for_the_database_is_not_a_500(api_as):
    api = api_as("fgw_clerk")
    api.client.raise_request_exception = False
    response = api.get("/documents/99999999999999999999")
    assert response.status_code in (404, 422)
    assert response["Content-Type"].startswith("application/json")
