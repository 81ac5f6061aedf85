"""Leaving the prefecture (art. 58): who reports for whom, where it goes, the 州长's entrustment
(art. 6), the return, and who sees what.  Today is 2026-06-01 throughout."""

from __future__ import annotations

import pytest
import time_machine

from zhengwu.audit.services import action_records
from zhengwu.notices.models import Notice
from zhengwu.org.models import Absence, ActingArrangement, Person

pytestmark = pytest.mark.usefixtures("june_2026")


def _person(username: str) -> Person:
    return Person.objects.get(user__username=username)


def _trip(**extra):
    return {
        "start": "2026-06-10",
        "end": "2026-06-12",
        "destination": "乌鲁木齐",
        "purpose": "trip",
        "reason": "参加自治区会议",
        **extra,
    }


def _counts():
    return (
        Absence.objects.count(),
        ActingArrangement.objects.count(),
        action_records().count(),
        Notice.objects.count(),
    )


@pytest.mark.article(58)
def test_vice_governor_reports_own_absence_to_the_governor(api_as):
    response = api_as("vice_liu").post("/absences", _trip())
    assert response.status_code == 201
    body = response.json()
    assert body["person"]["name"] == "刘振东"
    assert body["state"] == "reported"
    assert body["reported_to"]["name"] == "买买提·艾力"
    assert [(r["action"], r["article"]) for r in body["history"]] == [("org.absence.report", 58)]
    governor_notices = Notice.objects.filter(recipient__username="governor", url=f"/absences/{body['id']}/")
    assert governor_notices.count() == 1


@pytest.mark.article(58)
def test_department_clerk_cannot_report_for_a_vice_governor(api_as):
    before = _counts()
    response = api_as("fgw_clerk").post("/absences", _trip(person_id=_person("vice_liu").pk))
    assert response.status_code == 403
    body = response.json()
    assert "（《工作规则》第五十八条）" in body["detail"]
    decision = body["decisions"][0]
    assert decision["code"] == "leave.not_permitted"
    assert decision["citation"] == {
        "rulebook": "kizilsu-work-rules",
        "article": 58,
        "provision": "leave.report",
        "label": "《工作规则》第五十八条",
    }
    assert _counts() == before


@pytest.mark.article(58)
def test_the_office_reports_for_someone(api_as):
    response = api_as("clerk_wendian").post("/absences", _trip(person_id=_person("vice_liu").pk))
    assert response.status_code == 201
    assert response.json()["person"]["name"] == "刘振东"
    assert response.json()["reported_by"] == "李娜"


@pytest.mark.article(6, 58)
def test_governor_entrusts_the_executive_vice_governor(api_as):
    response = api_as("governor").post("/absences", _trip(entrust=True))
    assert response.status_code == 201
    body = response.json()
    assert [(a["acting"], a["article"]) for a in body["acting"]] == [("常务副州长", 6)]
    assert [r["action"] for r in body["history"]] == ["org.absence.report", "org.acting.entrust"]

    holder = api_as("fgw_clerk").get("/org/authority", authority="governor", date="2026-06-11").json()
    assert holder["person"]["name"] == "张建华"
    assert holder["acting_for"]["person"]["name"] == "买买提·艾力"
    assert holder["basis"]["citation"]["article"] == 6
    after = api_as("fgw_clerk").get("/org/authority", authority="governor", date="2026-06-13").json()
    assert after["person"]["name"] == "买买提·艾力"


@pytest.mark.article(6)
def test_only_the_governor_entrusts_and_nothing_is_left_half_done(api_as):
    before = _counts()
    response = api_as("clerk_wendian").post("/absences", _trip(person_id=_person("governor").pk, entrust=True))
    assert response.status_code == 403
    assert response.json()["decisions"][0]["citation"]["article"] == 6
    assert _counts() == before  # the absence written before the entrustment was refused is rolled back


@pytest.mark.parametrize(
    ("change", "field", "detail"),
    [
        ({"destination": "  "}, "destination", "请填写前往地点。"),
        ({"purpose": "holiday"}, "purpose", "请选择外出事由类别。"),
        ({"person_id": 999999}, "person_id", "没有编号为999999的人员。"),
    ],
)
def test_bad_input_is_422_and_nothing_changes(api_as, change, field, detail):
    before = _counts()
    response = api_as("vice_liu").post("/absences", _trip(**change))
    assert response.status_code == 422
    assert response.json() == {"detail": detail, "field": field}
    assert _counts() == before


def test_malformed_date_stays_ninjas_422(api_as):
    response = api_as("vice_liu").post("/absences", _trip(start="2026-13-01"))
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], list)


def test_who_sees_which_reports(api_as):
    report = api_as("vice_liu").post("/absences", _trip()).json()
    assert report["id"] in [a["id"] for a in api_as("vice_liu").get("/absences").json()["items"]]
    assert report["id"] in [a["id"] for a in api_as("clerk_wendian").get("/absences").json()["items"]]
    assert report["id"] not in [a["id"] for a in api_as("fgw_clerk").get("/absences").json()["items"]]
    assert api_as("governor").get(f"/absences/{report['id']}").status_code == 200  # reported to
    assert api_as("exec_vice").get(f"/absences/{report['id']}").status_code == 200  # informed by the office
    assert api_as("fgw_clerk").get(f"/absences/{report['id']}").status_code == 404


@pytest.mark.article(58)
def test_return_is_recorded(api_as):
    report = api_as("vice_liu").post("/absences", _trip()).json()
    with time_machine.travel("2026-06-13 10:00 +0800", tick=False):
        refused = api_as("governor").post(f"/absences/{report['id']}/return", {"returned_on": "2026-06-12"})
        assert refused.status_code == 403  # sees it (it was reported to him) but records only his own
        assert refused.json()["decisions"][0]["citation"]["article"] == 58
        future = api_as("vice_liu").post(f"/absences/{report['id']}/return", {"returned_on": "2026-06-20"})
        assert future.status_code == 422
        assert future.json()["field"] == "returned_on"
        response = api_as("vice_liu").post(f"/absences/{report['id']}/return", {"returned_on": "2026-06-12"})
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "returned"
    assert body["returned_on"] == "2026-06-12"
    assert [r["action"] for r in body["history"]] == ["org.absence.report", "org.absence.return"]


def test_listing_does_not_query_per_row(api_as, django_assert_max_num_queries):
    office = api_as("clerk_wendian")
    for username, start in [
        ("vice_liu", "2026-06-10"),
        ("vice_ayigul", "2026-06-15"),
        ("fgw_head", "2026-06-20"),
    ]:
        trip = _trip(person_id=_person(username).pk, start=start, end=start)
        assert office.post("/absences", trip).status_code == 201
    api_as("governor").post("/absences", _trip(start="2026-06-24", end="2026-06-25", entrust=True))
    with django_assert_max_num_queries(12):
        body = office.get("/absences").json()
    assert body["count"] == 4


# ------------------------------------------------------------------ acting arrangements later (arts. 6, 49)


def _report(api_as, username: str) -> int:
    response = api_as(username).post("/absences", _trip())
    assert response.status_code == 201
    return response.json()["id"]


@pytest.mark.article(6)
def test_governor_entrusts_later_and_revokes(api_as):
    absence_id = _report(api_as, "governor")
    refused = api_as("exec_vice").post(f"/absences/{absence_id}/acting", {})
    assert refused.status_code == 403
    assert refused.json()["decisions"][0]["citation"]["article"] == 6
    response = api_as("governor").post(f"/absences/{absence_id}/acting", {})
    assert response.status_code == 201
    acting = response.json()["acting"]
    assert [(a["acting"], a["start"], a["end"]) for a in acting] == [("常务副州长", "2026-06-10", "2026-06-12")]
    holder = api_as("fgw_clerk").get("/org/authority", authority="governor", date="2026-06-11").json()
    assert holder["person"]["name"] == "张建华"
    again = api_as("governor").post(f"/absences/{absence_id}/acting", {})
    assert again.status_code == 403
    assert again.json()["decisions"][0]["code"] == "acting.already_arranged"
    assert again.json()["decisions"][0]["citation"]["article"] == 6
    revoke = f"/absences/{absence_id}/acting/{acting[0]['id']}/revoke"
    assert api_as("exec_vice").post(revoke).status_code == 403
    revoked = api_as("governor").post(revoke)
    assert revoked.status_code == 200
    assert revoked.json()["acting"][0]["revoked_at"] is not None
    assert [r["action"] for r in revoked.json()["history"]][-2:] == ["org.acting.entrust", "org.acting.revoke"]
    holder = api_as("fgw_clerk").get("/org/authority", authority="governor", date="2026-06-11").json()
    assert holder["person"]["name"] == "买买提·艾力"
    assert holder["away"] is True


@pytest.mark.article(49)
def test_unit_head_names_the_deputy(api_as):
    absence_id = _report(api_as, "fgw_head")
    clerk = Person.objects.get(user__username="fgw_clerk").appointments.get().position_id
    not_deputy = api_as("fgw_head").post(f"/absences/{absence_id}/acting", {"acting_position_id": clerk})
    assert not_deputy.status_code == 403
    assert not_deputy.json()["decisions"][0]["citation"]["article"] == 49
    response = api_as("fgw_head").post(f"/absences/{absence_id}/acting", {})  # the deputy by default
    assert response.status_code == 201
    assert response.json()["acting"][0]["acting"] == "副主任"
    holder = api_as("fgw_clerk").get("/org/authority", authority="head:fgw", date="2026-06-11").json()
    assert holder["person"]["name"] == "马丽"


def test_unknown_arrangement_is_404(api_as):
    absence_id = _report(api_as, "governor")
    assert api_as("governor").post(f"/absences/{absence_id}/acting/999999/revoke").status_code == 404
