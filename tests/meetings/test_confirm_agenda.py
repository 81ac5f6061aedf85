"""The 州长 confirms the agenda (art. 40); topics are checked again; reporting units' heads are invited."""

from __future__ import annotations

import pytest

from tests.meetings.conftest import D, away, person
from zhengwu.core.decisions import Refused
from zhengwu.meetings import actions
from zhengwu.meetings.models import MeetingState, Role, TopicState

pytestmark = pytest.mark.article(40)


def test_the_governor_confirms(user, executive, make_topic):
    t = actions.collect_topic(user("clerk_huiwu"), make_topic("jyj", reviewed=True), executive)
    m = actions.confirm_agenda(user("governor"), executive)
    t.refresh_from_db()
    assert m.state == MeetingState.AGENDA_CONFIRMED
    assert t.state == TopicState.CONFIRMED
    assert m.invitations.filter(person=person("jyj_head"), role=Role.REPORTER).exists()
    tr = m.transitions.get()
    assert tr.by.username == "governor"
    assert tr.article == 40
    assert tr.from_state == "planned"


def test_a_vice_governor_may_not_confirm(user, executive, make_topic):
    actions.collect_topic(user("clerk_huiwu"), make_topic("jyj", reviewed=True), executive)
    with pytest.raises(Refused):
        actions.confirm_agenda(user("vice_ayigul"), executive)


def test_an_absence_reported_after_collection_blocks_confirmation(user, executive, make_topic):
    actions.collect_topic(user("clerk_huiwu"), make_topic("jyj", reviewed=True), executive)
    away("vice_ayigul", D(2026, 11, 12), D(2026, 11, 12))
    with pytest.raises(Refused) as exc:
        actions.confirm_agenda(user("governor"), executive)
    assert exc.value.decisions[0].code == "meetings.leader_absent"
    executive.refresh_from_db()
    assert executive.state == MeetingState.PLANNED


def test_the_executive_vice_governor_confirms_when_entrusted(user, executive, make_topic):
    from zhengwu.org.actions import report_absence
    from zhengwu.org.services import executive_vice_governor_position

    actions.collect_topic(user("clerk_huiwu"), make_topic("jyj", reviewed=True), executive)
    report_absence(
        user("governor"),
        person("governor"),
        D(2026, 11, 3),
        D(2026, 11, 6),
        "北京",
        "trip",
        entrust_to=executive_vice_governor_position(),
    )
    with pytest.raises(Refused):
        actions.confirm_agenda(user("vice_liu"), executive)
    m = actions.confirm_agenda(user("exec_vice"), executive)
    assert m.state == MeetingState.AGENDA_CONFIRMED
