"""请示报告 through the API (arts. 16, 46, 55)."""

from __future__ import annotations

import pytest

from tests.api.conftest import Api
from tests.reporting.conftest import person

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.mark.article(55)
def test_an_incident_and_its_timeline(client_as) -> None:
    body = {
        "unit": "akto",
        "kind": "emergency",
        "severity": "major",
        "title": "阿克陶县地震",
        "occurred_at": "2026-11-03T08:40:00+08:00",
    }
    assert Api(client_as("fgw_clerk")).post("/reporting/incidents", body).status_code == 403
    akto = Api(client_as("akto_head"))
    incident = akto.post("/reporting/incidents", body).json()
    assert incident["phone_due"] == "2026-11-03T01:10:00Z"  # 09:10 in Kizilsu: 30 minutes of clock time
    assert incident["written_due"] == "2026-11-03T01:40:00Z"
    url = f"/reporting/incidents/{incident['id']}/reports"
    assert akto.post(url, {"stage": "final", "content": "终报。"}).status_code == 403
    done = akto.post(url, {"stage": "written", "content": "书面初报。"}).json()
    assert [e["stage"] for e in done["timeline"]] == ["written"]
    acts = {a["name"]: a["allowed"] for a in done["actions"]}
    assert acts == {"phone": False, "written": False, "follow_up": True, "final": True}


@pytest.mark.article(16)
def test_the_upward_register(client_as, issued_upward) -> None:
    office = Api(client_as("clerk_wendian"))
    body = {"recipient": "party-committee", "category": "situation", "form": "report", "title": "汛情"}
    assert Api(client_as("fgw_head")).post("/reporting/upward", body).status_code == 403
    report = office.post("/reporting/upward", body).json()
    doc = issued_upward(to="party-committee")
    linked = office.post(f"/reporting/upward/{report['id']}/documents", {"document_id": doc.pk}).json()
    assert linked["state"] == "reported"
    assert linked["documents"] == [doc.pk]
    assert office.post(f"/reporting/upward/{report['id']}/reply", {"reply": "已阅。"}).status_code == 403


@pytest.mark.article(46)
def test_npc_attendance(client_as) -> None:
    office = Api(client_as("clerk_wendian"))
    body = {"session": "州人大常委会会议", "session_date": "2026-11-20", "attendee_id": person("fgw_head").pk}
    refused = office.post("/reporting/npc", body)
    assert refused.status_code == 403
    assert "第四十六条" in refused.json()["decisions"][0]["explanation"]
    body["attendee_id"] = person("vice_ayigul").pk
    assert office.post("/reporting/npc", body).json()["state"] == "assigned"


@pytest.mark.article(34)
def test_public_concerns_and_the_unpublished_list(client_as) -> None:
    fgw = Api(client_as("fgw_head"))
    body = {"source": "media", "title": "报道供水中断", "unit": "fgw", "received_on": "2026-11-02", "major": True}
    assert Api(client_as("jyj_head")).post("/reporting/concerns", body).status_code == 403
    c = fgw.post("/reporting/concerns", body).json()
    done = fgw.post(f"/reporting/concerns/{c['id']}/result", {"result": "已恢复供水并追责。"}).json()
    assert done["publication_id"]
    assert done["published"] is False
    listed = fgw.get("/reporting/concerns", unpublished="true").json()
    assert [x["id"] for x in listed["items"]] == [c["id"]]
