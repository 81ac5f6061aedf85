"""Reading documents through the API: who sees which (art. 61: only those a document is addressed,
routed or distributed to), filters, paging, the detail, the OpenAPI description."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel("2026-12-01 09:00 +0800", tick=False):
        yield


def _draft(api_as, username="fgw_clerk", doc_type="qingshi", title="关于公路改建项目的请示", **extra) -> int:
    response = api_as(username).post(
        "/documents/submissions",
        {
            "doc_type": doc_type,
            "title": title,
            "body": "州人民政府：……",
            "request_items": ["事项"],
            **extra,
        },
    )
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def _ids(api, **params) -> list[int]:
    return [d["id"] for d in api.get("/documents", **params).json()["items"]]


@pytest.mark.article(61)
def test_a_draft_is_seen_by_its_unit_only(api_as):
    doc_id = _draft(api_as)
    assert doc_id in _ids(api_as("fgw_clerk"))
    assert doc_id in _ids(api_as("fgw_head"))
    for outsider in ("czj_head", "clerk_wendian", "vice_liu", "governor", "admin"):
        assert doc_id not in _ids(api_as(outsider)), outsider
        assert api_as(outsider).get(f"/documents/{doc_id}").status_code == 404, outsider


@pytest.mark.article(61)
def test_once_submitted_the_office_sees_it_and_leaders_once_it_is_routed_to_them(api_as):
    doc_id = _draft(api_as)
    api_as("fgw_head").post(f"/documents/{doc_id}/sign-and-submit")
    assert doc_id in _ids(api_as("clerk_wendian"))
    assert doc_id not in _ids(api_as("vice_liu"))
    api_as("clerk_wendian").post(f"/documents/{doc_id}/receive")
    api_as("clerk_wendian").post(f"/documents/{doc_id}/check")
    api_as("office_director").post(f"/documents/{doc_id}/office-opinion", {"text": "拟请刘副州长阅示。"})
    assert doc_id in _ids(api_as("vice_liu"))
    assert doc_id not in _ids(api_as("vice_ayigul"))
    assert api_as("czj_head").get(f"/documents/{doc_id}").status_code == 404


def test_filters_and_paging(api_as):
    first = _draft(api_as, title="关于甲项目的请示")
    second = _draft(api_as, doc_type="baogao", title="关于乙工作情况的报告", request_items=[])
    czj = _draft(api_as, username="czj_head", title="关于丙资金的请示")
    clerk = api_as("fgw_clerk")
    assert _ids(clerk) == [second, first]  # newest first; the 财政局's is not visible
    assert _ids(clerk, doc_type="baogao") == [second]
    assert _ids(clerk, q="甲项目") == [first]
    assert _ids(clerk, flow="outgoing") == []
    assert _ids(clerk, state="draft", issuer="fgw") == [second, first]
    page = clerk.get("/documents", limit=1, offset=1).json()
    assert (page["count"], [d["id"] for d in page["items"]]) == (2, [first])
    assert _ids(api_as("czj_head")) == [czj]
    assert clerk.get("/documents", limit=0).status_code == 422


def test_the_detail_carries_the_whole_record(api_as):
    doc_id = _draft(api_as)
    api_as("fgw_clerk").post(f"/documents/{doc_id}/countersign", {"units": ["czj"]})
    body = api_as("fgw_clerk").get(f"/documents/{doc_id}").json()
    assert body["doc_type_label"] == "请示"
    assert body["state_label"] == "会签中"
    assert body["created_by"] == "孙磊"
    assert body["rulebook"]
    assert [v["number"] for v in body["versions"]] == [1]
    assert [t["unit"]["name"] for t in body["countersigns"]] == ["州财政局"]
    assert [r["action"] for r in body["history"]] == ["documents.intake.create", "documents.countersign.request"]
    assert body["opinions"] == []
    assert body["deliveries"] == []
    assert body["signing"] is None


def test_listing_and_detail_do_not_query_per_row(api_as, django_assert_max_num_queries):
    for n in range(5):
        _draft(api_as, title=f"关于第{n}个项目的请示")
    clerk = api_as("fgw_clerk")
    with django_assert_max_num_queries(12):
        assert clerk.get("/documents").json()["count"] == 5
    doc_id = _draft(api_as)
    clerk.post(f"/documents/{doc_id}/countersign", {"units": ["czj", "sfj", "jyj"]})
    with django_assert_max_num_queries(40):  # a fixed cost for the acts the clerk may take now, none per row
        assert len(clerk.get(f"/documents/{doc_id}").json()["countersigns"]) == 3


def test_anonymous_callers_get_401(anonymous):
    assert anonymous.get("/documents").status_code == 401
    assert anonymous.post("/documents/submissions", {}).status_code == 401


def test_openapi_lists_the_documents_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path, method in [
        ("/api/documents", "get"),
        ("/api/documents/inbox", "get"),
        ("/api/documents/{document_id}", "get"),
        ("/api/documents/submissions", "post"),
        ("/api/documents/{document_id}/body", "put"),
        ("/api/documents/{document_id}/check", "post"),
        ("/api/countersigns/{task_id}/reply", "post"),
        ("/api/documents/outgoing", "post"),
        ("/api/documents/{document_id}/signing", "get"),
        ("/api/documents/{document_id}/pdf", "get"),
        ("/api/deliveries/{delivery_id}/receive", "post"),
    ]:
        assert method in paths[path], (method, path)
        assert paths[path][method]["tags"] == ["documents"]
    assert "application/pdf" in paths["/api/documents/{document_id}/pdf"]["get"]["responses"]["200"]["content"]
    assert {"403", "422"} <= set(paths["/api/documents/{document_id}/sign"]["post"]["responses"])


# ---------------------------------------------------------------- the issued document, each copy; the to-dos


def _awaiting_signature(api_as) -> int:
    request_id = _draft(api_as)
    api_as("fgw_head").post(f"/documents/{request_id}/sign-and-submit")
    created = api_as("clerk_wendian").post(
        "/documents/outgoing",
        {
            "issuer": "gov",
            "doc_type": "pifu",
            "title": "关于同意公路改建项目的批复",
            "body": "州发展改革委：\n你委请示收悉。经研究，同意。",
            "main_recipients": ["fgw"],
            "copy_recipients": ["czj"],
            "replies_to": request_id,
            "signing_facts": {"important": True},
        },
    )
    assert created.status_code == 201, created.json()
    doc_id = created.json()["id"]
    api_as("clerk_wendian").post(f"/documents/{doc_id}/submit-for-review")
    api_as("office_director").post(f"/documents/{doc_id}/review", {"approve": True, "opinion": "文种、格式无误。"})
    return doc_id


def _issued(api_as) -> int:
    doc_id = _awaiting_signature(api_as)
    api_as("vice_liu").post(f"/documents/{doc_id}/signing-step", {"text": "同意。"})
    assert api_as("governor").post(f"/documents/{doc_id}/sign").status_code == 200
    assert api_as("clerk_wendian").post(f"/documents/{doc_id}/issue", {}).status_code == 200
    return doc_id


def _first_line(pdf: bytes) -> str:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return document.pages[0].extract_text().splitlines()[0]


@pytest.mark.article(52)
def test_each_recipient_downloads_its_own_copy_number_as_pdf_and_docx(api_as):
    import io

    from docx import Document as Docx

    doc_id = _issued(api_as)
    detail = api_as("clerk_wendian").get(f"/documents/{doc_id}").json()
    deliveries = {d["unit"]["code"]: d for d in detail["deliveries"]}
    assert (deliveries["fgw"]["copy_number"], deliveries["czj"]["copy_number"]) == (1, 2)
    fgw = api_as("fgw_head").get(f"/documents/{doc_id}/pdf")
    assert fgw.status_code == 200
    assert _first_line(fgw.content) == "000001"
    assert "-000001.pdf" in fgw["Content-Disposition"]
    czj = api_as("czj_head").get(f"/documents/{doc_id}/pdf", delivery=deliveries["czj"]["id"])
    assert _first_line(czj.content) == "000002"
    # the office's file copy of an unclassified document carries no 份号
    assert _first_line(api_as("clerk_wendian").get(f"/documents/{doc_id}/pdf").content) == (
        "克孜勒苏柯尔克孜自治州人民政府文件"
    )
    # another unit's copy is not the caller's to print
    assert api_as("fgw_head").get(f"/documents/{doc_id}/pdf", delivery=deliveries["czj"]["id"]).status_code == 422

    docx = api_as("fgw_clerk").get(f"/documents/{doc_id}/docx")
    assert docx.status_code == 200
    assert docx["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "attachment" in docx["Content-Disposition"]
    paragraphs = [p.text for p in Docx(io.BytesIO(docx.content)).paragraphs]
    assert paragraphs[:2] == ["000001", "克孜勒苏柯尔克孜自治州人民政府文件"]
    assert api_as("jyj_head").get(f"/documents/{doc_id}/docx").status_code == 404


@pytest.mark.article(49, 50)
def test_the_todo_list_is_the_pages_list(api_as):
    asked = _draft(api_as, title="关于甲项目的请示")
    api_as("fgw_clerk").post(f"/documents/{asked}/countersign", {"units": ["czj"]})
    awaiting = _awaiting_signature(api_as)

    czj = api_as("czj_head").get("/documents/todos")
    assert czj.status_code == 200
    items = czj.json()["items"]
    assert [(t["document"]["id"], t["due"]) for t in items if t["kind"] == "countersign"] == [(asked, "2026-12-10")]

    liu = api_as("vice_liu").get("/documents/todos").json()
    assert [(t["kind"], t["what"]) for t in liu["items"] if t["document"]["id"] == awaiting] == [
        ("signing_step", "签发前审核")
    ]
    governor = api_as("governor").get("/documents/todos").json()
    [todo] = [t for t in governor["items"] if t["document"]["id"] == awaiting]
    # the governor signs, but not before 刘振东's review: the list says what it waits for
    assert (todo["kind"], todo["what"]) == ("sign_waiting", "待签发（尚不能签发）")
    assert "尚待刘振东（副州长）审核，暂不能签发" in todo["note"]
    assert governor["count"] == len(governor["items"])
    api_as("vice_liu").post(f"/documents/{awaiting}/signing-step", {"text": "同意。"})
    assert not [
        t for t in api_as("vice_liu").get("/documents/todos").json()["items"] if t["document"]["id"] == awaiting
    ]  # his step is done
    [todo] = [t for t in api_as("governor").get("/documents/todos").json()["items"] if t["document"]["id"] == awaiting]
    assert (todo["kind"], todo["what"]) == ("sign", "待签发")  # 待签发 for me (art. 49)
    assert "签发人：买买提·艾力（州长）" in todo["note"]
    assert not [
        t
        for t in api_as("jyj_head").get("/documents/todos").json()["items"]
        if t["document"]["id"] in (asked, awaiting)
    ]
    assert api_as("fgw_clerk").get("/documents/todos").json()["items"][0]["kind"] == "draft"


def test_openapi_lists_the_new_documents_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path, method in [
        ("/api/documents/todos", "get"),
        ("/api/documents/{document_id}/docx", "get"),
        ("/api/documents/{document_id}/office-return", "post"),
    ]:
        assert method in paths[path], (method, path)
    docx = paths["/api/documents/{document_id}/docx"]["get"]["responses"]["200"]["content"]
    assert "application/vnd.openxmlformats-officedocument.wordprocessingml.document" in docx
