"""The 请示报告 pages (arts. 16, 46, 55)."""

from __future__ import annotations

import pytest

from tests.reporting.conftest import person
from zhengwu.reporting.models import Incident, NpcAttendance, PublicConcern, UpwardReport

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.mark.article(55)
def test_register_an_incident_and_report_it(client_as) -> None:
    form = {
        "unit": "wuqia",
        "kind": "accident",
        "severity": "general",
        "title": "乌恰县某矿山事故",
        "occurred_at": "2026-11-03T08:10",
    }
    assert client_as("fgw_clerk").post("/reporting/incidents/new/", form).status_code == 403
    assert client_as("wuqia_head").post("/reporting/incidents/new/", form).status_code == 302
    incident = Incident.objects.get(title="乌恰县某矿山事故")
    page = client_as("wuqia_head").get(f"/reporting/incidents/{incident.pk}/").content.decode()
    assert "10:10" in page  # two hours of clock time
    assert "/act/written/" in page
    assert "/act/final/" not in page  # not before the written first report
    assert client_as("fgw_clerk").get(f"/reporting/incidents/{incident.pk}/").status_code == 404  # need to know
    done = client_as("wuqia_head").post(
        f"/reporting/incidents/{incident.pk}/act/written/", {"content": "书面初报。", "reported_at": "2026-11-03T08:50"}
    )
    assert done.status_code == 302
    assert "乌恰县某矿山事故" in client_as("clerk_wendian").get("/reporting/").content.decode()
    assert "乌恰县某矿山事故" not in client_as("fgw_clerk").get("/reporting/").content.decode()


@pytest.mark.article(16)
def test_register_and_link_an_upward_matter(client_as, issued_upward) -> None:
    form = {"recipient": "xj-gov", "category": "decision", "form": "request", "title": "关于调整行政区划的请示"}
    assert client_as("clerk_wendian").post("/reporting/upward/new/", form).status_code == 302
    report = UpwardReport.objects.get(title="关于调整行政区划的请示")
    doc = issued_upward()
    assert (
        client_as("fgw_head").post(f"/reporting/upward/{report.pk}/act/link/", {"document": doc.number}).status_code
        == 404  # not the office's: the register is not theirs to see
    )
    assert (
        client_as("clerk_wendian")
        .post(f"/reporting/upward/{report.pk}/act/link/", {"document": doc.number})
        .status_code
        == 302
    )
    page = client_as("clerk_wendian").get(f"/reporting/upward/{report.pk}/").content.decode()
    assert doc.number in page
    assert "/act/reply/" in page


@pytest.mark.article(46)
def test_assign_a_leader_to_an_npc_session(client_as) -> None:
    form = {
        "session": "州人大常委会第二十次会议",
        "session_date": "2026-11-20",
        "attendee": str(person("secretary_general").pk),
    }
    refused = client_as("clerk_wendian").post("/reporting/npc/new/", form)
    assert refused.status_code == 403
    assert "第四十六条" in refused.content.decode()
    form["attendee"] = str(person("vice_liu").pk)
    assert client_as("clerk_wendian").post("/reporting/npc/new/", form).status_code == 302
    a = NpcAttendance.objects.get()
    page = client_as("clerk_wendian").get(f"/reporting/npc/{a.pk}/").content.decode()
    assert "/act/attend/" not in page  # not before the session


@pytest.mark.article(34)
def test_a_major_problem_handled_is_listed_until_its_result_is_published(client_as) -> None:
    form = {
        "source": "public",
        "title": "群众反映学校食堂卫生问题",
        "unit": "jyj",
        "received_on": "2026-11-02",
        "major": "1",
    }
    assert client_as("fgw_head").post("/reporting/concerns/new/", form).status_code == 403
    assert client_as("jyj_head").post("/reporting/concerns/new/", form).status_code == 302
    c = PublicConcern.objects.get()
    assert client_as("fgw_head").get(f"/reporting/concerns/{c.pk}/").status_code == 404  # need to know
    done = client_as("jyj_head").post(f"/reporting/concerns/{c.pk}/act/result/", {"result": "已整改。", "major": "1"})
    assert done.status_code == 302
    assert "群众反映学校食堂卫生问题" not in client_as("fgw_head").get("/reporting/").content.decode()
    index = client_as("clerk_gongkai").get("/reporting/").content.decode()
    unpublished = index.split('id="unpublished"')[1].split("</ul>")[0]
    assert "群众反映学校食堂卫生问题" in unpublished


@pytest.mark.article(55)
def test_the_workbench_shows_an_awaited_first_report_to_its_unit_and_the_office(client_as, make_incident) -> None:
    incident = make_incident()
    assert incident.title in client_as("atushi_head").get("/").content.decode()
    assert incident.title in client_as("clerk_wendian").get("/").content.decode()
    assert incident.title not in client_as("fgw_head").get("/").content.decode()
