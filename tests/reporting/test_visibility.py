"""Need to know for 请示报告 (arts. 16, 34, 46, 55; issue 11): a record is seen by the unit it
concerns, that unit's 分管 leader, the government office and the 州长 and 常务副州长 (and, for a
session of the 州人大常委会, the leader assigned); anybody else gets 404 on it, as for a record that
does not exist, and never sees it listed."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.api.conftest import Api
from tests.reporting.conftest import person, unit
from zhengwu.reporting import actions, selectors

pytestmark = pytest.mark.usefixtures("frozen")

TODAY = dt.date(2026, 11, 3)  # the frozen day


def _sees(client_as, who: str, web: str, api: str, listing: str, pk: int, title: str) -> bool:
    """What ``who`` is shown of the record, asserting the pages and the API agree."""
    client = client_as(who)
    page = client.get(f"/reporting/{web}/{pk}/").status_code
    one = Api(client).get(f"/reporting/{api}/{pk}").status_code
    listed = title in client.get("/reporting/").content.decode()
    in_api = pk in {item["id"] for item in Api(client).get(f"/reporting/{listing}", limit=100).json()["items"]}
    seen = (page, one, listed, in_api)
    assert seen in {(200, 200, True, True), (404, 404, False, False)}, f"{who}: {seen}"
    return seen[0] == 200


@pytest.mark.article(55)
def test_an_incident_is_seen_by_its_unit_its_leader_the_office_and_the_principals(client_as, make_incident) -> None:
    i = make_incident(unit=unit("fgw"), actor="fgw_head", title="知情范围测试事故")  # 副州长 刘's 分管
    for who in ("fgw_head", "fgw_clerk", "vice_liu", "governor", "exec_vice", "clerk_wendian"):
        assert _sees(client_as, who, "incidents", "incidents", "incidents", i.pk, i.title), who
    for who in ("jyj_head", "vice_ayigul", "akto_head", "czj_head"):
        assert not _sees(client_as, who, "incidents", "incidents", "incidents", i.pk, i.title), who
    written = {"content": "书面初报。", "reported_at": "2026-11-03T08:50"}
    assert client_as("jyj_head").post(f"/reporting/incidents/{i.pk}/act/written/", written).status_code == 404


@pytest.mark.article(16)
def test_the_upward_register_is_the_office_s_and_the_principals(client_as, make_upward) -> None:
    r = make_upward(title="关于知情范围测试的请示")
    for who in ("clerk_wendian", "secretary_general", "governor", "exec_vice"):
        assert _sees(client_as, who, "upward", "upward", "upward", r.pk, r.title), who
    for who in ("fgw_head", "vice_liu", "vice_ayigul", "atushi_head"):
        assert not _sees(client_as, who, "upward", "upward", "upward", r.pk, r.title), who
    reply = Api(client_as("fgw_head")).post(f"/reporting/upward/{r.pk}/reply", {"reply": "同意。"})
    assert reply.status_code == 404


@pytest.mark.article(46)
def test_an_npc_attendance_is_seen_by_the_leader_assigned(client_as, user) -> None:
    a = actions.assign_npc_attendance(
        user("clerk_wendian"),
        session="州人大常委会知情范围测试会议",
        session_date=TODAY + dt.timedelta(days=17),
        attendee=person("vice_liu"),
    )
    for who in ("vice_liu", "clerk_wendian", "governor", "exec_vice"):
        assert _sees(client_as, who, "npc", "npc", "npc", a.pk, a.session), who
    for who in ("vice_ayigul", "fgw_head", "jyj_head"):
        assert not _sees(client_as, who, "npc", "npc", "npc", a.pk, a.session), who
    assert Api(client_as("vice_ayigul")).post(f"/reporting/npc/{a.pk}/attended").status_code == 404


@pytest.mark.article(34)
def test_a_public_concern_is_seen_by_the_unit_investigating_and_its_leader(client_as, user) -> None:
    c = actions.register_concern(
        user("jyj_head"),
        source="media",
        title="知情范围测试问题",
        unit=unit("jyj"),
        received_on=TODAY - dt.timedelta(days=1),
        major=True,
    )
    for who in ("jyj_head", "vice_ayigul", "clerk_gongkai", "governor", "exec_vice"):
        assert _sees(client_as, who, "concerns", "concerns", "concerns", c.pk, c.title), who
    for who in ("fgw_head", "vice_liu", "akto_head"):
        assert not _sees(client_as, who, "concerns", "concerns", "concerns", c.pk, c.title), who
    actions.record_result(user("jyj_head"), c, "已整改。", major=True)
    outsider = Api(client_as("fgw_head")).get("/reporting/concerns", unpublished="true").json()["items"]
    assert c.pk not in {x["id"] for x in outsider}
    office = Api(client_as("clerk_gongkai")).get("/reporting/concerns", unpublished="true").json()["items"]
    assert c.pk in {x["id"] for x in office}


def test_administrators_see_no_record(user, make_incident, make_upward) -> None:
    i = make_incident()
    make_upward()
    assert selectors.incidents_visible_to(user("clerk_wendian")).filter(pk=i.pk).exists()
    for who in ("admin", "audit_admin"):
        admin = user(who)
        assert not selectors.incidents_visible_to(admin).exists(), who
        assert not selectors.upward_visible_to(admin).exists(), who
        assert not selectors.npc_visible_to(admin).exists(), who
        assert not selectors.concerns_visible_to(admin).exists(), who
