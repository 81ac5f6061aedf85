"""The meeting pages: calendar with cadence, meeting page, topic board, wide requests; refusals shown with articles."""

from __future__ import annotations

import pytest

from tests.meetings.conftest import D, away


def test_calendar_and_meeting_pages(client_as, confirmed):
    c = client_as("vice_liu")
    r = c.get("/meetings/?month=2026-11")
    assert r.status_code == 200
    assert confirmed.title in r.content.decode()
    assert "会议频次" in r.content.decode()
    r = c.get(f"/meetings/{confirmed.pk}/")
    assert r.status_code == 200
    assert "教育局" in r.content.decode()
    assert client_as("jyj_head").get("/meetings/topics/").status_code == 200
    assert client_as("fgw_head").get("/meetings/wide/").status_code == 200
    assert client_as("clerk_huiwu").get("/meetings/new/").status_code == 200
    assert client_as("governor").get("/").status_code == 200


@pytest.mark.article(40)
def test_refusal_is_shown_with_its_article(client_as, executive, make_topic):
    t = make_topic("fgw", reviewed=True)
    away("vice_liu", D(2026, 11, 12), D(2026, 11, 12))
    r = client_as("clerk_huiwu").post(f"/meetings/{executive.pk}/act/collect/", {"topic": t.pk}, follow=True)
    assert "第四十条" in r.content.decode()


def test_request_topic_through_the_page(client_as, frozen):
    r = client_as("jyj_head").post(
        "/meetings/topics/new/", {"unit": "jyj", "title": "页面申请的议题", "kind": "executive"}, follow=True
    )
    assert "页面申请的议题" in r.content.decode()


@pytest.mark.article(41)
def test_roll_call_feeds_the_minutes_attendance_list(client_as, held):
    from tests.meetings.conftest import person

    c = client_as("clerk_huiwu")
    present = [i.pk for i in held.invitations.exclude(person=person("vice_liu"))]
    c.post(f"/meetings/{held.pk}/act/roll_call/", {"present": present})
    body = c.get(f"/meetings/{held.pk}/").content.decode()
    assert "缺席：刘振东" in body


def test_workbench_shows_invitations(client_as, executive):
    body = client_as("vice_liu").get("/").content.decode()
    assert executive.title in body
