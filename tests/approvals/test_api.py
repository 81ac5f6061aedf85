"""The approvals API (arts. 57, 59, 60): the same actions as the pages; refusals 403 with their
article, a step from the wrong state 409, bad input 422."""

from __future__ import annotations

import pytest

from tests.api.conftest import Api

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.mark.article(60)
def test_a_foreign_guest_through_the_api(client_as) -> None:
    clerk = Api(client_as("wsb_clerk"))
    r = clerk.post(
        "/approvals",
        {"kind": "foreign_meeting", "title": "会见代表团", "counterpart": "奥什州", "planned_on": "2026-06-30"},
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert (body["state"], body["approver"], body["unit"]) == ("submitted", "governor_or_executive", "wsb")
    pk = body["id"]
    early = Api(client_as("exec_vice")).post(f"/approvals/{pk}/decision", {"approve": True})
    assert early.status_code == 409
    assert early.json()["decisions"][0]["citation"]["article"] == 60
    assert clerk.post(f"/approvals/{pk}/review", {"opinion": "建议会见。"}).status_code == 200
    outsider = Api(client_as("vice_ayigul")).post(f"/approvals/{pk}/decision", {"approve": True})
    assert outsider.status_code == 403
    assert outsider.json()["decisions"][0]["code"] == "approvals.not_approver"
    done = Api(client_as("exec_vice")).post(f"/approvals/{pk}/decision", {"approve": True, "note": "同意"})
    assert (done.status_code, done.json()["state"]) == (200, "approved")


@pytest.mark.article(57)
def test_a_publication_without_approval_is_refused_through_the_api(client_as) -> None:
    head = Api(client_as("jyj_head"))
    pk = head.post("/approvals", {"kind": "signed_article", "title": "署名文章", "counterpart": "日报"}).json()["id"]
    refused = head.post(f"/approvals/{pk}/publication", {"published_on": "2026-06-15"})
    assert refused.status_code == 409
    assert refused.json()["decisions"][0]["citation"]["article"] == 57
    listed = head.get("/approvals", group="publications").json()
    assert pk in [x["id"] for x in listed["items"]]


def test_bad_input_is_422(client_as) -> None:
    r = Api(client_as("fgw_clerk")).post("/approvals", {"kind": "delegation", "title": "出访", "counterpart": "某国"})
    assert r.status_code == 422
    assert Api(client_as("fgw_clerk")).get("/approvals", group="nothing").status_code == 422
