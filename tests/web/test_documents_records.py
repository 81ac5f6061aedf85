"""The registers, archiving, filing and cancelled numbers through the pages (arts. 49, 52, 53, 61): the
office's staff and the government's leaders read the registers and export them, a department does
not; the office archives an issued document and verifies its package; the issuing department files
its 「经同意」 document, another department cannot; the office cancels a number taken by mistake."""

from __future__ import annotations

from urllib.parse import quote

import pytest
import time_machine
from django.db import transaction

from tests.documents.test_outgoing_flow import BODY, awaiting_signature, instructed_request
from zhengwu.audit.models import AuditRecord
from zhengwu.documents.actions.filing import on_issued
from zhengwu.documents.actions.outgoing import draft_outgoing, issue, record_signing_step, review, sign
from zhengwu.documents.actions.outgoing import submit_for_review as send_for_review
from zhengwu.documents.models import ArchivePackage, Document, FilingObligation, FilingState, IssuedNumber
from zhengwu.documents.numbering import take_number
from zhengwu.documents.rules.records import may_handle_records, may_read_registers
from zhengwu.org.models import Unit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = "2026-12-01 09:00 +0800"


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def archive_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    return tmp_path


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def issued_reply(user) -> Document:
    """The government's 批复 to the 发展改革委's 请示: reviewed, signed by the governor, issued."""
    reply = awaiting_signature(user, instructed_request(user))
    record_signing_step(user("vice_liu"), reply, "同意，请州长签发。")
    sign(user("governor"), reply)
    return issue(user("clerk_wendian"), reply)


def agreed_notice(user) -> tuple[Document, FilingObligation]:
    """A 发展改革委 notice marked 「经自治州人民政府同意」, issued (copied to the 财政局, so its head sees it)."""
    doc = draft_outgoing(
        user("fgw_clerk"),
        unit("fgw"),
        "tongzhi",
        "关于印发《重大项目前期工作管理办法》的通知",
        BODY,
        [unit("atushi")],
        [unit("czj")],
        signing_facts={"agreed_by_government": True},
    )
    send_for_review(user("fgw_clerk"), doc)
    review(user("fgw_deputy"), doc, True, "")
    sign(user("vice_liu"), doc)
    issue(user("fgw_clerk"), doc)
    obligation = on_issued(user("fgw_clerk"), doc)
    assert obligation is not None
    return doc, obligation


# ---------------------------------------------------------------- the rule


@pytest.mark.article(61)
def test_the_register_rule_admits_office_staff_and_leaders_only(kizilsu) -> None:
    from zhengwu.org.rules import PositionFact

    office, fgw, gov = 2, 7, 1
    cite = kizilsu.cite("confidentiality")
    clerk = PositionFact(1, "clerk", "文电科科员", office, "office")
    governor = PositionFact(2, "governor", "州长", gov, "government")
    dept = PositionFact(3, "clerk", "科员", fgw, "department")
    admin = PositionFact(4, "administrator", "系统管理员", office, "office")
    assert may_read_registers([clerk], office, cite).allowed
    assert may_read_registers([governor], office, cite).allowed
    refused = may_read_registers([dept], office, cite)
    assert not refused.allowed
    assert refused.explanation.endswith("（《工作规则》第六十一条）")
    assert not may_read_registers([admin], office, cite).allowed
    assert may_handle_records([clerk], office, None, "作废发文字号").allowed
    assert not may_handle_records([governor], office, None, "作废发文字号").allowed


# ---------------------------------------------------------------- registers


@pytest.mark.article(52, 61)
def test_office_staff_and_the_governor_read_the_registers_a_department_may_not(user, client_as) -> None:
    request = instructed_request(user)
    for who in ("clerk_wendian", "office_director", "governor"):
        page = client_as(who).get("/documents/registers/incoming/")
        assert page.status_code == 200, who
        assert request.title in page.content.decode()
    refused = client_as("fgw_clerk").get("/documents/registers/incoming/")
    assert refused.status_code == 403
    text = refused.content.decode()
    assert "仅限州人民政府办公室工作人员和州人民政府领导查阅" in text
    assert "第六十一条" in text
    assert request.title not in text
    assert client_as("fgw_clerk").get("/documents/registers/outgoing/?format=csv").status_code == 403


@pytest.mark.article(52)
def test_the_outgoing_register_filters_and_pages(user, client_as) -> None:
    reply = issued_reply(user)
    c = client_as("clerk_wendian")
    page = c.get("/documents/registers/outgoing/", {"year": "2026", "issuer": "gov", "state": "issued"})
    body = page.content.decode()
    assert page.status_code == 200
    assert reply.number in body
    assert reply.title in body
    assert "2026-12-01" in body  # dates as YYYY-MM-DD
    assert "format=csv" in body
    assert "issuer=gov" in body
    assert reply.title not in c.get("/documents/registers/outgoing/", {"q": "不存在的标题"}).content.decode()
    assert reply.title not in c.get("/documents/registers/outgoing/", {"year": "2025"}).content.decode()
    assert c.get("/documents/registers/nonsense/").status_code == 404


def test_bad_filters_re_render_with_the_message(client_as) -> None:
    c = client_as("clerk_wendian")
    bad = c.get("/documents/registers/incoming/", {"year": "abc"})
    assert bad.status_code == 400
    assert "年份“abc”不是数字" in bad.content.decode()
    assert 'value="abc"' in bad.content.decode()  # the form keeps what was typed
    reversed_ = c.get("/documents/registers/incoming/", {"from": "2026-12-05", "to": "2026-12-01"})
    assert reversed_.status_code == 400
    assert "起始日期晚于截止日期" in reversed_.content.decode()
    assert "无法识别的文种" in c.get("/documents/registers/incoming/", {"doc_type": "memo"}).content.decode()
    assert "请选择 csv 或 xlsx" in c.get("/documents/registers/incoming/", {"format": "pdf"}).content.decode()


@pytest.mark.article(52)
def test_the_registers_export_as_csv_and_xlsx_with_a_chinese_filename(user, client_as) -> None:
    request = instructed_request(user)
    c = client_as("governor")
    csv = c.get("/documents/registers/incoming/", {"year": "2026", "format": "csv"})
    assert csv.status_code == 200
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert f"filename*=utf-8''{quote('收文登记簿-2026.csv')}" in csv["Content-Disposition"]
    text = csv.content.decode("utf-8-sig")
    assert text.startswith("收文日期,来文单位,文种")
    assert request.title in text
    assert "请示" in text
    xlsx = c.get("/documents/registers/outgoing/", {"format": "xlsx"})
    assert xlsx["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert f"filename*=utf-8''{quote('发文登记簿.xlsx')}" in xlsx["Content-Disposition"]
    assert xlsx.content[:2] == b"PK"


# ---------------------------------------------------------------- archive


@pytest.mark.article(53)
def test_the_office_archives_an_issued_document_and_verifies_the_package(user, client_as, archive_storage) -> None:
    reply = issued_reply(user)
    office = client_as("clerk_wendian")
    page = office.get(f"/documents/{reply.pk}/").content.decode()
    assert f"/documents/{reply.pk}/archive/" in page
    assert "定期30年" in page

    bad = office.post(f"/documents/{reply.pk}/archive/", {"retention": "forever"})
    assert bad.status_code == 400
    assert "请选择保管期限" in bad.content.decode()
    assert not ArchivePackage.objects.exists()

    done = office.post(f"/documents/{reply.pk}/archive/", {"retention": "30y"})
    assert done.status_code == 302
    assert done["Location"] == f"/documents/{reply.pk}/"
    package = ArchivePackage.objects.get(document=reply)
    assert package.retention == "30y"
    page = office.get(f"/documents/{reply.pk}/").content.decode()
    assert package.manifest_sm3[:16] in page
    assert "已归档，不能再修改" in page
    assert f"/documents/{reply.pk}/archive/verify/" in page

    checked = office.post(f"/documents/{reply.pk}/archive/verify/")
    assert checked.status_code == 200
    assert "归档包完整，校验一致。" in checked.content.decode()

    again = office.post(f"/documents/{reply.pk}/archive/", {"retention": "10y"})
    assert again.status_code == 403
    assert "不能重复归档（《工作规则》第五十三条）" in again.content.decode()


@pytest.mark.article(53)
def test_a_department_may_not_archive_nor_an_incomplete_document_be_archived(user, client_as, archive_storage) -> None:
    reply = issued_reply(user)
    dept = client_as("fgw_clerk")  # the reply was delivered to the 发展改革委: its clerk sees it
    assert f"/documents/{reply.pk}/archive/" not in dept.get(f"/documents/{reply.pk}/").content.decode()
    refused = dept.post(f"/documents/{reply.pk}/archive/", {"retention": "30y"})
    assert refused.status_code == 403
    assert "您无权归档（《工作规则》第五十三条）" in refused.content.decode()
    early = awaiting_signature(user, instructed_request(user))
    incomplete = client_as("clerk_wendian").post(f"/documents/{early.pk}/archive/", {"retention": "30y"})
    assert incomplete.status_code == 403
    assert "尚未办理完毕" in incomplete.content.decode()
    assert not ArchivePackage.objects.exists()


# ---------------------------------------------------------------- filing


@pytest.mark.article(49)
def test_the_issuing_department_files_its_agreed_document_another_may_not(user, client_as) -> None:
    doc, obligation = agreed_notice(user)
    fgw = client_as("fgw_clerk")
    page = fgw.get(f"/documents/{doc.pk}/").content.decode()
    assert "应于2026-12-31前向州人民政府办公室报备" in page
    assert "待报备" in page
    assert f"/documents/{doc.pk}/filing/" in page

    czj = client_as("czj_head")
    assert f"/documents/{doc.pk}/filing/" not in czj.get(f"/documents/{doc.pk}/").content.decode()
    refused = czj.post(f"/documents/{doc.pk}/filing/", {"note": "代为报备"})
    assert refused.status_code == 403
    assert "只能由该单位的工作人员办理（《工作规则》第四十九条）" in refused.content.decode()
    obligation.refresh_from_db()
    assert obligation.state == FilingState.PENDING

    done = fgw.post(f"/documents/{doc.pk}/filing/", {"note": "已报送电子件。"})
    assert done.status_code == 302
    obligation.refresh_from_db()
    assert (obligation.state, obligation.note, obligation.filed_late) == (FilingState.FILED, "已报送电子件。", False)
    assert "已报备" in fgw.get(f"/documents/{doc.pk}/").content.decode()
    twice = fgw.post(f"/documents/{doc.pk}/filing/", {"note": ""})
    assert twice.status_code == 403
    assert "无需重复报备" in twice.content.decode()


@pytest.mark.article(49)
def test_the_office_lists_overdue_filings(user, client_as, frozen) -> None:
    doc, _ = agreed_notice(user)
    office = client_as("clerk_wendian")
    assert doc.title not in office.get("/documents/filings/overdue/").content.decode()
    frozen.move_to("2027-01-04 10:00 +0800")
    office = client_as("clerk_wendian")  # a new session: the old one has expired
    page = office.get("/documents/filings/overdue/")
    assert page.status_code == 200
    assert doc.title in page.content.decode()
    assert "2026-12-31" in page.content.decode()
    refused = client_as("fgw_clerk").get("/documents/filings/overdue/")
    assert refused.status_code == 403
    assert "第四十九条" in refused.content.decode()
    assert "逾期未报备" in client_as("fgw_clerk").get(f"/documents/{doc.pk}/").content.decode()


def test_a_document_without_a_filing_obligation_is_not_filed(user, client_as) -> None:
    reply = issued_reply(user)
    bad = client_as("clerk_wendian").post(f"/documents/{reply.pk}/filing/", {"note": ""})
    assert bad.status_code == 400
    assert "本件不需要向州人民政府办公室报备" in bad.content.decode()


# ---------------------------------------------------------------- cancelled numbers


def reserved_number() -> IssuedNumber:
    with transaction.atomic():
        return take_number("克政发", 2026)


@pytest.mark.article(52)
def test_the_office_cancels_a_number_taken_by_mistake_with_its_reason(client_as) -> None:
    issued = reserved_number()
    office = client_as("clerk_wendian")
    page = office.get("/documents/numbers/cancelled/").content.decode()
    assert "克政发〔2026〕1号" in page
    assert "没有作废的发文字号" in page

    blank = office.post("/documents/numbers/cancelled/", {"number": issued.pk, "reason": "  "})
    assert blank.status_code == 400
    assert "作废发文字号须写明原因" in blank.content.decode()
    assert IssuedNumber.objects.get(pk=issued.pk).cancelled_at is None

    done = office.post("/documents/numbers/cancelled/", {"number": issued.pk, "reason": "误取，文件未印发。"})
    assert done.status_code == 302
    issued.refresh_from_db()
    assert issued.cancel_reason == "误取，文件未印发。"
    record = AuditRecord.objects.get(action="documents.number.cancel")
    assert record.article == 52
    assert "作废发文字号克政发〔2026〕1号" in record.summary
    listed = office.get("/documents/numbers/cancelled/").content.decode()
    assert "误取，文件未印发。" in listed

    again = office.post("/documents/numbers/cancelled/", {"number": issued.pk, "reason": "再次作废"})
    assert again.status_code == 400
    assert "已经作废" in again.content.decode()


@pytest.mark.article(52)
def test_a_department_and_a_leader_may_not_cancel_numbers(client_as) -> None:
    issued = reserved_number()
    refused = client_as("fgw_clerk").post("/documents/numbers/cancelled/", {"number": issued.pk, "reason": "误取"})
    assert refused.status_code == 403
    assert "第六十一条" in refused.content.decode()
    governor = client_as("governor")
    assert 'id="cancel-number"' not in governor.get("/documents/numbers/cancelled/").content.decode()
    leader = governor.post("/documents/numbers/cancelled/", {"number": issued.pk, "reason": "误取"})
    assert leader.status_code == 403
    assert "只有州人民政府办公室的工作人员可以作废发文字号" in leader.content.decode()
    issued.refresh_from_db()
    assert issued.cancelled_at is None
    assert not AuditRecord.objects.filter(action="documents.number.cancel").exists()


@pytest.mark.article(52)
def test_cancelling_an_issued_documents_number_withdraws_it_from_the_inbox(client_as, user) -> None:
    from zhengwu.documents.models import Delivery, DocState

    reply = issued_reply(user)
    issued = IssuedNumber.objects.get(document=reply)
    office = client_as("clerk_wendian")
    form = office.get("/documents/numbers/cancelled/").content.decode()
    assert f"克政发〔2026〕1号《{reply.title}》" in form  # the number names the document it went to
    assert 'id="withdraw-help"' in form
    assert reply.title in client_as("fgw_clerk").get("/documents/?tab=inbox").content.decode()

    refused = client_as("fgw_clerk").post("/documents/numbers/cancelled/", {"number": issued.pk, "reason": "误取"})
    assert refused.status_code == 403
    reply.refresh_from_db()
    assert reply.state == DocState.ISSUED

    done = office.post("/documents/numbers/cancelled/", {"number": issued.pk, "reason": "文号误取。"})
    assert done.status_code == 302
    reply.refresh_from_db()
    assert (reply.state, reply.number) == (DocState.SIGNED, "")
    inbox = client_as("fgw_clerk").get("/documents/?tab=inbox").content.decode()
    assert reply.title not in inbox
    assert "暂无收文" in inbox
    assert client_as("fgw_clerk").get(f"/documents/{reply.pk}/").status_code == 404
    page = office.get(f"/documents/{reply.pk}/").content.decode()
    assert "已撤回" in page
    assert "文号误取。" in page
    assert "登记编号并印发" in page  # it can be issued again
    listed = office.get("/documents/numbers/cancelled/").content.decode()
    assert "克政发〔2026〕1号" in listed
    assert "文号误取。" in listed
    assert Delivery.objects.filter(document=reply, withdrawn_at__isnull=True).count() == 0


@pytest.mark.article(52, 53)
def test_an_archived_documents_number_is_not_cancelled_on_the_page(client_as, user, archive_storage) -> None:
    from zhengwu.documents.actions.archive import archive as archive_document

    reply = issued_reply(user)
    archive_document(user("clerk_wendian"), reply, "permanent")
    issued = IssuedNumber.objects.get(document=reply)
    refused = client_as("clerk_wendian").post(
        "/documents/numbers/cancelled/", {"number": issued.pk, "reason": "文号误取。"}
    )
    assert refused.status_code == 403
    assert "已归档，档案只读，不能作废其发文字号" in refused.content.decode()
    issued.refresh_from_db()
    assert issued.cancelled_at is None
