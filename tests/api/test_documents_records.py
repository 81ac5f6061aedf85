"""The registers, archives, filings and cancelled numbers through the API (arts. 49, 52, 53, 61)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
import time_machine
from django.db import transaction

from tests.web.test_documents_records import agreed_notice, issued_reply
from zhengwu.audit.models import AuditRecord
from zhengwu.documents.models import ArchivePackage, FilingState, IssuedNumber
from zhengwu.documents.numbering import take_number


@pytest.fixture(autouse=True)
def today() -> Iterator[time_machine.Traveller]:
    with time_machine.travel("2026-12-01 09:00 +0800", tick=False) as traveller:
        yield traveller


@pytest.fixture
def archive_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    return tmp_path


@pytest.mark.article(52, 61)
def test_registers_as_json_for_the_office_and_the_governor_not_a_department(user, api_as) -> None:
    reply = issued_reply(user)
    for who in ("clerk_wendian", "governor"):
        page = api_as(who).get("/documents/registers/outgoing", year="2026", issuer="gov", limit=10)
        assert page.status_code == 200, who
        data = page.json()
        assert data["count"] == 1
        assert data["items"][0]["number"] == reply.number
        assert data["items"][0]["issued_on"] == "2026-12-01"
        assert {"key": "number", "header": "发文字号"} in data["columns"]
    refused = api_as("fgw_clerk").get("/documents/registers/incoming")
    assert refused.status_code == 403
    assert "第六十一条" in refused.json()["detail"]
    bad = api_as("clerk_wendian").get("/documents/registers/incoming", **{"from": "2026-13-01"})
    assert bad.status_code == 422
    assert "不是有效日期" in bad.json()["detail"]
    assert api_as("clerk_wendian").get("/documents/registers/other").status_code == 404


@pytest.mark.article(52)
def test_register_export_csv_and_xlsx(user, api_as) -> None:
    reply = issued_reply(user)
    c = api_as("office_director")
    csv = c.get("/documents/registers/outgoing/export", format="csv", year="2026")
    assert csv.status_code == 200
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert f"filename*=utf-8''{quote('发文登记簿-2026.csv')}" in csv["Content-Disposition"]
    assert reply.number in csv.content.decode("utf-8-sig")
    xlsx = c.get("/documents/registers/incoming/export", format="xlsx")
    assert xlsx["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert xlsx.content[:2] == b"PK"
    assert c.get("/documents/registers/incoming/export", format="pdf").status_code == 422
    assert api_as("fgw_clerk").get("/documents/registers/incoming/export").status_code == 403


@pytest.mark.article(53)
def test_archive_facts_and_verification(user, api_as, archive_storage) -> None:
    reply = issued_reply(user)
    office = api_as("clerk_wendian")
    assert office.get(f"/documents/{reply.pk}/archive").status_code == 404
    refused = api_as("fgw_clerk").post(f"/documents/{reply.pk}/archive", {"retention": "30y"})
    assert refused.status_code == 403
    assert "第五十三条" in refused.json()["detail"]
    bad = office.post(f"/documents/{reply.pk}/archive", {"retention": "forever"})
    assert bad.status_code == 422
    assert bad.json()["field"] == "retention"
    assert not ArchivePackage.objects.exists()

    made = office.post(f"/documents/{reply.pk}/archive", {"retention": "permanent"})
    assert made.status_code == 201
    facts = made.json()
    assert (facts["retention"], facts["retention_label"], facts["destroy_after"]) == ("permanent", "永久", None)
    assert facts["created_by"] == "李娜"
    assert office.get(f"/documents/{reply.pk}/archive").json()["manifest_sm3"] == facts["manifest_sm3"]
    checked = api_as("fgw_clerk").post(f"/documents/{reply.pk}/archive/verify")
    assert checked.status_code == 200
    assert checked.json() == {"ok": True, "message": "归档包完整，校验一致。", "differing": [], "problems": []}
    assert office.post(f"/documents/{reply.pk}/archive", {"retention": "10y"}).status_code == 403


@pytest.mark.article(49)
def test_filing_by_the_issuing_department_and_the_overdue_list(user, api_as, today) -> None:
    doc, obligation = agreed_notice(user)
    refused = api_as("czj_head").post(f"/documents/{doc.pk}/filing", {"note": "代为报备"})
    assert refused.status_code == 403
    assert "第四十九条" in refused.json()["detail"]
    obligation.refresh_from_db()
    assert obligation.state == FilingState.PENDING

    today.move_to("2027-01-04 10:00 +0800")
    overdue = api_as("clerk_wendian").get("/documents/filings/overdue")
    assert overdue.status_code == 200
    item = overdue.json()["items"][0]
    assert (item["document_id"], item["due"], item["overdue"]) == (doc.pk, "2026-12-31", True)
    assert api_as("fgw_clerk").get("/documents/filings/overdue").status_code == 403

    filed = api_as("fgw_clerk").post(f"/documents/{doc.pk}/filing", {"note": "补报。"})
    assert filed.status_code == 200
    assert (filed.json()["state"], filed.json()["filed_late"]) == ("filed", True)
    assert api_as("clerk_wendian").get("/documents/filings/overdue").json()["count"] == 0


@pytest.mark.article(52)
def test_cancel_a_number_and_list_the_cancelled(api_as) -> None:
    with transaction.atomic():
        issued = take_number("克政发", 2026)
    refused = api_as("fgw_clerk").post(f"/numbers/{issued.pk}/cancel", {"reason": "误取"})
    assert refused.status_code == 403
    assert api_as("governor").post(f"/numbers/{issued.pk}/cancel", {"reason": "误取"}).status_code == 403
    blank = api_as("clerk_wendian").post(f"/numbers/{issued.pk}/cancel", {"reason": " "})
    assert blank.status_code == 422
    assert blank.json()["field"] == "reason"
    assert IssuedNumber.objects.get(pk=issued.pk).cancelled_at is None
    assert not AuditRecord.objects.filter(action="documents.number.cancel").exists()

    done = api_as("clerk_wendian").post(f"/numbers/{issued.pk}/cancel", {"reason": "误取，文件未印发。"})
    assert done.status_code == 200
    assert (done.json()["number"], done.json()["cancel_reason"]) == ("克政发〔2026〕1号", "误取，文件未印发。")
    assert AuditRecord.objects.get(action="documents.number.cancel").article == 52
    again = api_as("clerk_wendian").post(f"/numbers/{issued.pk}/cancel", {"reason": "再次"})
    assert again.status_code == 409  # a state conflict, with its article
    [decision] = again.json()["decisions"]
    assert decision["message"] == "发文字号克政发〔2026〕1号当前为“已作废”，不能作废。"
    assert decision["citation"]["article"] == 52
    listed = api_as("governor").get("/numbers/cancelled").json()
    assert listed["count"] == 1
    assert listed["items"][0]["id"] == issued.pk
    assert api_as("fgw_clerk").get("/numbers/cancelled").status_code == 403
    assert api_as("clerk_wendian").post("/numbers/999999/cancel", {"reason": "误取"}).status_code == 404


@pytest.mark.article(52)
def test_cancelling_an_issued_documents_number_through_the_api_withdraws_its_issue(user, api_as) -> None:
    reply = issued_reply(user)
    issued = IssuedNumber.objects.get(document=reply)
    assert api_as("fgw_clerk").get("/documents/inbox").json()["count"] == 1
    assert api_as("fgw_clerk").post(f"/numbers/{issued.pk}/cancel", {"reason": "文号误取。"}).status_code == 403
    assert api_as("fgw_clerk").get("/documents/inbox").json()["count"] == 1

    done = api_as("clerk_wendian").post(f"/numbers/{issued.pk}/cancel", {"reason": "文号误取。"})
    assert done.status_code == 200
    assert (done.json()["number"], done.json()["document_id"]) == ("克政发〔2026〕1号", reply.pk)
    assert api_as("fgw_clerk").get("/documents/inbox").json()["count"] == 0
    detail = api_as("clerk_wendian").get(f"/documents/{reply.pk}").json()
    assert (detail["state"], detail["number"]) == ("signed", "")
    assert {d["withdrawn_reason"] for d in detail["deliveries"]} == {"文号误取。"}
    assert all(d["withdrawn_at"] for d in detail["deliveries"])
    reissued = api_as("clerk_wendian").post(f"/documents/{reply.pk}/issue", {})
    assert reissued.status_code == 200
    assert api_as("clerk_wendian").get(f"/documents/{reply.pk}").json()["number"] == "克政发〔2026〕2号"
    assert api_as("fgw_clerk").get("/documents/inbox").json()["count"] == 1


@pytest.mark.article(52, 53)
def test_an_archived_documents_number_is_refused_through_the_api(user, api_as, archive_storage) -> None:
    from zhengwu.documents.actions.archive import archive

    reply = issued_reply(user)
    archive(user("clerk_wendian"), reply, "permanent")
    issued = IssuedNumber.objects.get(document=reply)
    refused = api_as("clerk_wendian").post(f"/numbers/{issued.pk}/cancel", {"reason": "文号误取。"})
    assert refused.status_code == 403
    assert "已归档，档案只读，不能作废其发文字号" in refused.json()["detail"]
