"""Minutes: drafted by the office, signed by the right person (arts. 42, 43); topic meetings on major
matters reviewed by the 州长 first; roll call feeds the attendance list (art. 41)."""

from __future__ import annotations

import pytest

from tests.meetings.conftest import MEETING_DAY, person, unit
from zhengwu.core.decisions import Refused
from zhengwu.meetings import actions
from zhengwu.meetings.models import MeetingState


@pytest.mark.article(42)
def test_the_governor_signs_executive_minutes(user, held):
    with pytest.raises(Refused):
        actions.draft_minutes(user("jyj_head"), held, "纪要")
    actions.draft_minutes(user("clerk_huiwu"), held, "会议研究了教育事项。")
    with pytest.raises(Refused) as exc:
        actions.sign_minutes(user("secretary_general"), held)
    assert exc.value.decisions[0].citation.article == 42
    m = actions.sign_minutes(user("governor"), held)
    assert m.state == MeetingState.MINUTES_SIGNED
    assert m.minutes_signed_by == person("governor")


@pytest.mark.article(42)
def test_minutes_must_be_drafted_before_signing(user, held):
    with pytest.raises(Refused) as exc:
        actions.sign_minutes(user("governor"), held)
    [d] = exc.value.decisions
    assert d.code == "meetings.minutes.undrafted"
    assert d.citation.article == 42


@pytest.mark.article(43)
def test_topic_meeting_minutes_signed_by_the_presiding_leader_after_the_governors_review(user, frozen):
    m = actions.create_meeting(user("vice_liu"), kind="topic", title="专题会", date=MEETING_DAY, unit=unit("fgw"))
    frozen.move_to("2026-11-12 15:00 +0800")
    actions.hold(user("clerk_huiwu"), m)
    actions.draft_minutes(user("clerk_huiwu"), m, "纪要。", major_matters=True)
    with pytest.raises(Refused) as exc:
        actions.sign_minutes(user("vice_liu"), m)
    assert exc.value.decisions[0].code == "meetings.major_review"
    actions.review_major(user("governor"), m)
    with pytest.raises(Refused):
        actions.sign_minutes(user("vice_ayigul"), m)
    m = actions.sign_minutes(user("vice_liu"), m)
    assert m.minutes_signed_by == person("vice_liu")


@pytest.mark.article(43)
def test_governors_office_meeting_minutes_signed_by_the_governor(user, frozen):
    m = actions.create_meeting(user("clerk_huiwu"), kind="office", title="州长办公会议", date=MEETING_DAY)
    frozen.move_to("2026-11-12 15:00 +0800")
    actions.hold(user("clerk_huiwu"), m)
    actions.draft_minutes(user("clerk_huiwu"), m, "纪要。")
    with pytest.raises(Refused):
        actions.sign_minutes(user("exec_vice"), m)
    actions.sign_minutes(user("governor"), m)


@pytest.mark.article(41)
def test_roll_call(user, held):
    invs = list(held.invitations.all())
    actions.roll_call(user("clerk_huiwu"), held, {i.pk: i.person.user.username != "vice_liu" for i in invs})
    assert held.invitations.get(person=person("vice_liu")).present is False
    assert held.invitations.get(person=person("governor")).present is True


def test_a_meeting_is_not_held_before_its_day(user, confirmed):
    with pytest.raises(Refused) as exc:
        actions.hold(user("clerk_huiwu"), confirmed)
    assert exc.value.decisions[0].code == "meetings.hold.early"
    assert exc.value.decisions[0].citation.article == 37
