"""The supervision pages: thin views over the same actions; refusals shown with their articles."""

from __future__ import annotations

import io

import pytest

from zhengwu.documents.actions.common import add_opinion
from zhengwu.documents.models import DocState, OpinionKind
from zhengwu.supervision.models import ItemState, ProgressReport, SupervisionItem

pytestmark = [pytest.mark.django_db, pytest.mark.article(54)]

NEW = {
    "title": "页面立项的督办事项",
    "lead": "fgw",
    "co": ["czj"],
    "due": "2026-11-30",
    "origin": "manual",
    "report_every": "monthly",
}


def test_new_item_page_opens_an_item(client_as, autumn) -> None:
    c = client_as("clerk_ducha")
    assert c.get("/supervision/new/").status_code == 200
    r = c.post("/supervision/new/", NEW)
    assert r.status_code == 302
    page = c.get(r["Location"]).content.decode()
    assert "州发展改革委" in page
    assert "2026-10-08" in page


@pytest.mark.article(26)
def test_the_page_offers_the_similar_item_and_links_it(client_as, autumn) -> None:
    c = client_as("clerk_ducha")
    c.post("/supervision/new/", NEW)
    first = SupervisionItem.objects.get(title="页面立项的督办事项")
    r = c.post("/supervision/new/", {**NEW, "lead": "czj", "co": ["fgw"]})
    assert r.status_code == 403
    page = r.content.decode()
    assert "第二十六条" in page
    assert f'name="link_to" value="{first.pk}"' in page
    r = c.post("/supervision/new/", {**NEW, "lead": "czj", "co": ["fgw"], "origin": "superior", "link_to": first.pk})
    assert r.status_code == 302
    assert first.sources.filter(linked=True, origin="superior").exists()
    r = c.post("/supervision/new/", {**NEW, "lead": "czj", "co": ["fgw"], "new_despite": "考核口径不同"})
    assert r.status_code == 302
    assert SupervisionItem.objects.filter(title="页面立项的督办事项").count() == 2


def test_refusals_and_bad_input_are_shown(client_as, autumn) -> None:
    r = client_as("fgw_head").post("/supervision/new/", NEW)
    assert r.status_code == 403
    assert "无权立项" in r.content.decode()
    r = client_as("clerk_ducha").post("/supervision/new/", {**NEW, "due": "明天"})
    assert r.status_code == 422


@pytest.mark.article(26)
def test_from_a_leaders_instruction(client_as, make_document, user, autumn) -> None:
    doc = make_document(title="关于申请物流园区建设资金的请示", main_recipient_codes=["gov"], state=DocState.INSTRUCTED)
    add_opinion(doc, user("vice_liu"), OpinionKind.INSTRUCTION, "请发改委牵头、财政局配合，月底前拿出方案。")
    c = client_as("clerk_ducha")
    page = c.get(f"/supervision/new/?document={doc.pk}")
    assert f"/supervision/new/?document={doc.pk}" in c.get(f"/documents/{doc.pk}/").content.decode()
    assert "月底前拿出方案" in page.content.decode()
    r = c.post(
        "/supervision/new/",
        {**NEW, "title": doc.title, "origin": "instruction", "document": doc.pk, "report_every": ""},
    )
    assert r.status_code == 302
    item = SupervisionItem.objects.get(title=doc.title)
    source = item.sources.get()
    assert source.url == f"/documents/{doc.pk}/"
    assert f'href="/documents/{doc.pk}/"' in c.get(item.get_absolute_url()).content.decode()


def test_the_item_page_and_its_actions(client_as, autumn) -> None:
    client_as("clerk_ducha").post("/supervision/new/", NEW)
    item = SupervisionItem.objects.get(title="页面立项的督办事项")
    report = ProgressReport.objects.get(item=item, unit__code="fgw", period=1)
    fgw = client_as("fgw_clerk")
    assert fgw.post(f"/supervision/reports/{report.pk}/", {"text": "进展顺利。"}).status_code == 302
    assert fgw.post(f"/supervision/{item.pk}/act/report_done/", {"text": "完成。"}).status_code == 302
    r = fgw.post(f"/supervision/{item.pk}/act/verify/", {})
    assert r.status_code == 403
    assert "督查" in r.content.decode()
    office = client_as("clerk_ducha")
    assert office.post(f"/supervision/{item.pk}/act/reopen/", {"reason": "补充材料。"}).status_code == 302
    fgw.post(f"/supervision/{item.pk}/act/report_done/", {"text": "已补充。"})
    assert office.post(f"/supervision/{item.pk}/act/verify/", {"note": "属实。"}).status_code == 302
    item.refresh_from_db()
    assert item.state == ItemState.CLOSED
    page = office.get(item.get_absolute_url()).content.decode()
    assert "退回重办" in page
    assert "核查办结" in page
    assert client_as("jyj_head").get(item.get_absolute_url()).status_code == 404


@pytest.mark.article(36)
def test_dashboard_and_circulars_pages(client_as, autumn) -> None:
    from openpyxl import load_workbook

    client_as("clerk_ducha").post("/supervision/new/", NEW)
    r = client_as("vice_liu").get("/supervision/dashboard/")
    assert r.status_code == 200
    assert "刘振东" in r.content.decode()
    assert client_as("fgw_head").get("/supervision/dashboard/").status_code == 403
    x = client_as("vice_liu").get("/supervision/dashboard/?format=xlsx")
    rows = list(load_workbook(io.BytesIO(x.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "单位"
    office = client_as("clerk_ducha")
    r = office.post("/supervision/circulars/", {"since": "2026-09-01", "as_of": "2026-09-01"})
    assert r.status_code == 302
    assert r["Location"].startswith("/documents/")
    from zhengwu.supervision.models import Circular

    circular = Circular.objects.latest("id")
    x = office.get(f"/supervision/circulars/{circular.pk}/xlsx")
    rows = list(load_workbook(io.BytesIO(x.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == "州发展改革委"


def test_workbench_panel(client_as, autumn) -> None:
    client_as("clerk_ducha").post("/supervision/new/", {**NEW, "title": "工作台面板测试事项"})
    page = client_as("czj_head").get("/").content.decode()
    assert "工作台面板测试事项" in page
    assert "待报送的进展报告" in page
    item = SupervisionItem.objects.get(title="工作台面板测试事项")
    client_as("fgw_head").post(f"/supervision/{item.pk}/act/report_done/", {"text": "完成。"})
    assert "待核查复核" in client_as("clerk_ducha").get("/").content.decode()
