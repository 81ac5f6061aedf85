"""The 复议诉讼审计 pages."""

from __future__ import annotations

import pytest

from zhengwu.oversight.models import Case

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.mark.article(33)
def test_register_answer_and_close_a_reconsideration(client_as) -> None:
    form = {
        "kind": "reconsideration",
        "case_number": "克政复〔2026〕9号",
        "title": "不服行政处罚",
        "organ": "州人民政府",
        "unit": "zrzyj",
        "received_on": "2026-02-09",
        "counterparty": "申请人",
    }
    assert client_as("fgw_clerk").post("/oversight/new/", form).status_code == 403
    assert client_as("sfj_clerk").post("/oversight/new/", form).status_code == 302
    case = Case.objects.get(case_number="克政复〔2026〕9号")
    page = client_as("zrzyj_head").get(f"/oversight/{case.pk}/").content.decode()
    assert "2026-02-24" in page
    assert "2026-04-10" in page
    assert client_as("zrzyj_head").post(f"/oversight/{case.pk}/act/answer/", {"on": "2026-02-10"}).status_code == 302
    assert client_as("zrzyj_head").post(f"/oversight/{case.pk}/act/outcome/", {"outcome": "维持。"}).status_code == 302
    assert "克政复〔2026〕9号" in client_as("zrzyj_head").get("/oversight/").content.decode()
    assert "克政复〔2026〕9号" not in client_as("fgw_clerk").get("/oversight/").content.decode()  # need to know


@pytest.mark.article(32)
def test_a_finding_through_the_page(client_as) -> None:
    form = {
        "kind": "finding",
        "case_number": "克审〔2026〕5号",
        "title": "项目资金闲置",
        "organ": "州审计局",
        "unit": "czj",
        "received_on": "2026-02-02",
        "rectify_due": "2026-05-29",
        "requirement": "盘活资金。",
    }
    assert client_as("clerk_ducha").post("/oversight/new/", form).status_code == 302
    case = Case.objects.get(case_number="克审〔2026〕5号")
    assert case.followup_id
    assert "整改已列入督办事项" in client_as("czj_head").get(f"/oversight/{case.pk}/").content.decode()
    assert client_as("czj_head").get("/oversight/new/?kind=suit").status_code == 200
    bad = client_as("clerk_ducha").post("/oversight/new/", form | {"rectify_due": ""})
    assert bad.status_code == 403
