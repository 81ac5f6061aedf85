"""The API calls the same actions: refusals 403 with articles, bad input 422."""

from __future__ import annotations

import json

import pytest

from tests.meetings.conftest import MEETING_DAY, D, away


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.mark.article(40)
def test_agenda_pipeline_over_the_api(client_as, frozen):
    office, gov = client_as("clerk_huiwu"), client_as("governor")
    r = _post(office, "/api/meetings", {"kind": "executive", "title": "常务会议", "date": str(MEETING_DAY)})
    assert r.status_code == 201, r.content
    mid = r.json()["id"]
    r = _post(client_as("jyj_head"), "/api/meetings/topics", {"unit": "jyj", "title": "教育议题", "summary": "请审议"})
    assert r.status_code == 201
    tid = r.json()["id"]
    r = _post(client_as("fgw_head"), "/api/meetings/topics", {"unit": "fgw", "title": "发改议题"})
    fid = r.json()["id"]
    assert (
        _post(
            client_as("vice_ayigul"),
            f"/api/meetings/topics/{tid}/review",
            {"consensus": "一致", "coordination_done": True},
        ).status_code
        == 200
    )
    assert (
        _post(
            client_as("vice_liu"),
            f"/api/meetings/topics/{fid}/review",
            {"consensus": "一致", "coordination_done": True},
        ).status_code
        == 200
    )
    away("vice_liu", D(2026, 11, 12), D(2026, 11, 13))
    r = _post(office, f"/api/meetings/topics/{fid}/collect", {"meeting_id": mid})
    assert r.status_code == 403
    assert "第四十条" in json.dumps(r.json(), ensure_ascii=False)
    assert _post(office, f"/api/meetings/topics/{tid}/collect", {"meeting_id": mid}).status_code == 200
    r = gov.post(f"/api/meetings/{mid}/confirm-agenda")
    assert r.status_code == 200
    assert r.json()["state"] == "agenda_confirmed"
    assert client_as("fgw_head").get(f"/api/meetings/{mid}").json()["topics"][0]["title"] == "教育议题"
    assert len(office.get("/api/meetings/cadence").json()) == 3


def test_bad_input_is_422(client_as, frozen):
    r = _post(client_as("clerk_huiwu"), "/api/meetings", {"kind": "executive", "title": " ", "date": str(MEETING_DAY)})
    assert r.status_code == 422


@pytest.mark.article(44)
def test_wide_over_the_api(client_as, frozen):
    r = _post(
        client_as("fgw_head"),
        "/api/meetings/wide",
        {"unit": "fgw", "title": "全州会", "date": "2026-12-15", "venue": "会议室", "scenic_area": True},
    )
    assert r.status_code == 403
    r = _post(
        client_as("fgw_head"),
        "/api/meetings/wide",
        {"unit": "fgw", "title": "全州会", "date": "2026-12-15", "venue": "会议室"},
    )
    assert r.status_code == 201
    assert client_as("fgw_head").get("/api/meetings/wide").status_code == 200


@pytest.mark.article(41)
@pytest.mark.article(42)
def test_attendance_and_minutes_over_the_api(client_as, confirmed, frozen):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.meetings.conftest import person

    topic = confirmed.topics.get()
    r = client_as("jyj_head").post(
        f"/api/meetings/topics/{topic.pk}/papers",
        {"name": "材料", "file": SimpleUploadedFile("a.pdf", b"%PDF-1.7 abc")},
    )
    assert r.status_code == 201
    assert r.json()["papers"][0]["sm3"]
    inv = confirmed.invitations.get(person=person("jyj_head"))
    r = _post(client_as("jyj_head"), f"/api/meetings/invitations/{inv.pk}/leave", {"reason": "出差"})
    assert r.status_code == 200
    assert r.json()["leave_state"] == "requested"
    r = _post(
        client_as("fgw_head"),
        f"/api/meetings/{confirmed.pk}/staff",
        {"unit": "fgw", "person_id": person("fgw_clerk").pk},
    )
    assert r.status_code == 403
    frozen.move_to("2026-11-12 15:00 +0800")
    office = client_as("clerk_huiwu")
    assert office.post(f"/api/meetings/{confirmed.pk}/hold").status_code == 200
    r = office.put(
        f"/api/meetings/{confirmed.pk}/minutes", json.dumps({"text": "纪要"}), content_type="application/json"
    )
    assert r.status_code == 200
    r = _post(office, f"/api/meetings/{confirmed.pk}/decisions", {"text": "印发方案", "document_title": "印发方案"})
    assert r.status_code == 201
    assert r.json()["decisions"][0]["follow_ups"][0]["due"] == "2026-11-23"
    assert client_as("secretary_general").post(f"/api/meetings/{confirmed.pk}/sign-minutes").status_code == 403
    r = client_as("governor").post(f"/api/meetings/{confirmed.pk}/sign-minutes")
    assert r.status_code == 200
    assert r.json()["state"] == "minutes_signed"


@pytest.mark.article(37)
@pytest.mark.article(42)
def test_a_step_from_the_wrong_state_is_409_with_its_article(client_as, executive):
    office = client_as("clerk_huiwu")
    r = office.put(
        f"/api/meetings/{executive.pk}/minutes", json.dumps({"text": "纪要"}), content_type="application/json"
    )
    assert r.status_code == 409, r.content
    [d] = r.json()["decisions"]
    assert d["code"] == "meetings.minutes.draft.wrong_state"
    assert d["message"] == "本次会议当前为“筹备中”，会议召开后、纪要签发前方可起草纪要。"
    assert d["citation"]["article"] == 42


@pytest.mark.article(37)
def test_a_business_refusal_not_about_state_is_403(client_as, confirmed):
    r = client_as("clerk_huiwu").post(f"/api/meetings/{confirmed.pk}/hold")
    assert r.status_code == 403, r.content
    assert r.json()["decisions"][0]["citation"]["article"] == 37
