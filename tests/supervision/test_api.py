"""The supervision API: the same actions as the pages; 403 with articles, 422, 404 for others' items."""

from __future__ import annotations

import pytest

from tests.api.conftest import Api
from zhengwu.supervision.models import SupervisionItem

pytestmark = [pytest.mark.django_db, pytest.mark.article(54)]


@pytest.fixture
def api_as(client_as):
    return lambda username: Api(client_as(username))


ITEM = {
    "title": "接口立项的督办事项",
    "lead_unit": "fgw",
    "co_units": ["czj"],
    "due": "2026-11-30",
    "origin": "superior",
    "report_every": "monthly",
}


def test_the_whole_flow_through_the_api(api_as, autumn) -> None:
    office, fgw, czj = api_as("clerk_ducha"), api_as("fgw_clerk"), api_as("czj_head")
    r = office.post("/supervision/items", ITEM)
    assert r.status_code == 201, r.content
    item = r.json()
    assert [(x["unit"], x["due"]) for x in item["reports"]][:2] == [("fgw", "2026-10-08"), ("czj", "2026-10-08")]
    first_fgw = next(x for x in item["reports"] if x["unit"] == "fgw" and x["period"] == 1)
    assert fgw.post(f"/supervision/reports/{first_fgw['id']}", {"text": "按时报告。"}).status_code == 200
    assert czj.post(f"/supervision/reports/{first_fgw['id']}", {"text": "代报。"}).status_code == 403
    assert fgw.post(f"/supervision/items/{item['id']}/report-done", {"text": "完成。"}).json()["state"] == "reported"
    r = office.post(f"/supervision/items/{item['id']}/reopen", {"reason": ""})
    assert r.status_code == 422
    assert office.post(f"/supervision/items/{item['id']}/reopen", {"reason": "材料不全。"}).json()["reopen_count"] == 1
    r = office.post(f"/supervision/items/{item['id']}/rectifications", {"requirement": "补材料。", "due": "2026-09-10"})
    assert r.status_code == 201
    rect = r.json()["rectifications"][0]
    assert fgw.post(f"/supervision/rectifications/{rect['id']}/done", {"text": "已补。"}).status_code == 200
    fgw.post(f"/supervision/items/{item['id']}/report-done", {"text": "完成。"})
    r = fgw.post(f"/supervision/items/{item['id']}/verify", {"text": ""})
    assert r.status_code == 403
    assert r.json()["decisions"][0]["citation"]["article"] == 26
    assert office.post(f"/supervision/items/{item['id']}/verify", {"text": "属实。"}).json()["status"] == "done_on_time"
    r = office.post(
        f"/supervision/items/{item['id']}/evaluations", {"evaluator": "评估中心", "rating": "good", "findings": "好。"}
    )
    assert r.status_code == 201
    assert office.get(f"/supervision/items/{item['id']}").json()["events"][-1]["kind"] == "evaluate"


@pytest.mark.article(26)
def test_duplicates_and_links_through_the_api(api_as, autumn) -> None:
    office = api_as("clerk_ducha")
    first = office.post("/supervision/items", {**ITEM, "report_every": ""}).json()
    r = office.post("/supervision/items", {**ITEM, "report_every": "", "lead_unit": "czj", "co_units": ["fgw"]})
    assert r.status_code == 403
    found = office.get("/supervision/candidates", title=ITEM["title"], lead_unit="czj", co_units="fgw").json()
    assert [c["item_id"] for c in found] == [first["id"]]
    r = office.post("/supervision/items", {**ITEM, "link_to": first["id"], "origin": "instruction"})
    assert r.status_code == 200
    assert r.json()["id"] == first["id"]
    assert [s["linked"] for s in r.json()["sources"]] == [False, True]


def test_visibility(api_as, autumn) -> None:
    item = api_as("clerk_ducha").post("/supervision/items", {**ITEM, "report_every": ""}).json()
    assert api_as("czj_head").get(f"/supervision/items/{item['id']}").status_code == 200  # a co-unit
    assert api_as("jyj_head").get(f"/supervision/items/{item['id']}").status_code == 404
    assert item["id"] not in [i["id"] for i in api_as("jyj_head").get("/supervision/items").json()]
    assert SupervisionItem.objects.filter(pk=item["id"]).exists()


@pytest.mark.article(36)
def test_dashboard_and_compliance_for_leaders_and_the_office(api_as, autumn) -> None:
    api_as("clerk_ducha").post("/supervision/items", {**ITEM, "report_every": "", "due": "2026-09-03"})
    r = api_as("vice_liu").get("/supervision/dashboard")
    assert r.status_code == 200
    fgw_row = next(x for x in r.json()["by_unit"] if x["name"] == "州发展改革委")
    assert fgw_row["in_progress"] >= 1
    assert any(x["name"].startswith("刘振东") for x in r.json()["by_leader"])
    assert api_as("fgw_head").get("/supervision/dashboard").status_code == 403
    lines = api_as("vice_liu").get("/supervision/compliance").json()
    assert any(x["area"] == "督办" and x["status"] == "at_risk" and x["citation"] for x in lines)
    assert api_as("fgw_clerk").get("/supervision/compliance").status_code == 403


@pytest.mark.article(26)
def test_circular_through_the_api(api_as, autumn) -> None:
    api_as("clerk_ducha").post("/supervision/items", {**ITEM, "report_every": ""})
    r = api_as("clerk_ducha").post("/supervision/circulars", {"since": "2026-09-01"})
    assert r.status_code == 201
    assert r.json()["rows"][0]["unit"] == "州发展改革委"
    assert api_as("fgw_head").post("/supervision/circulars", {}).status_code == 403
