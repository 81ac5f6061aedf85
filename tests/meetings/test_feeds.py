"""iCalendar feeds per person (secret key in the address) and per meeting type; updates and cancellations
reach the feed; parsed back with the icalendar package."""

from __future__ import annotations

import icalendar
import pytest
from django.test import Client

from tests.meetings.conftest import D, person
from zhengwu.meetings import actions, services


def _events(body: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(body)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


@pytest.mark.article(39)
def test_person_feed_with_update_and_cancellation(user, executive):
    key = services.feed_key(person("vice_liu"))
    client = Client()
    r = client.get(f"/meetings/feeds/person/{key}.ics")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("text/calendar")
    ev = _events(r.content)[f"meeting-{executive.pk}@zhengwu"]
    assert ev.decoded("dtstart").date() == D(2026, 11, 12)
    seq = int(ev["sequence"])
    actions.reschedule(user("clerk_huiwu"), executive, date=D(2026, 11, 13))
    ev = _events(client.get(f"/meetings/feeds/person/{key}.ics").content)[f"meeting-{executive.pk}@zhengwu"]
    assert int(ev["sequence"]) > seq
    assert ev.decoded("dtstart").date() == D(2026, 11, 13)
    actions.cancel_meeting(user("clerk_huiwu"), executive, "另行安排")
    ev = _events(client.get(f"/meetings/feeds/person/{key}.ics").content)[f"meeting-{executive.pk}@zhengwu"]
    assert str(ev["status"]) == "CANCELLED"


def test_a_wrong_key_is_not_found(db):
    assert Client().get("/meetings/feeds/person/nope.ics").status_code == 404


def test_kind_feed_needs_login(user, executive, client_as):
    assert Client().get("/meetings/feeds/executive.ics").status_code in {302, 403}
    body = client_as("fgw_head").get("/meetings/feeds/executive.ics").content
    assert f"meeting-{executive.pk}@zhengwu" in _events(body)


def test_kind_feed_with_a_persons_key(user, executive):
    key = services.feed_key(person("fgw_head"))
    body = Client().get(f"/meetings/feeds/person/{key}/executive.ics").content
    assert f"meeting-{executive.pk}@zhengwu" in _events(body)
    assert Client().get("/meetings/feeds/person/wrong/executive.ics").status_code == 404
