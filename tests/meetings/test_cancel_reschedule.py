"""Cancelling and rescheduling: recorded transitions; topics go back to the board (art. 37)."""

from __future__ import annotations

import pytest

from tests.meetings.conftest import D
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.core.transitions import StateConflict
from zhengwu.meetings import actions
from zhengwu.meetings.models import MeetingState, TopicState

pytestmark = pytest.mark.article(37)


def test_cancel_returns_topics(user, confirmed):
    m = actions.cancel_meeting(user("clerk_huiwu"), confirmed, "州长另有公务")
    assert m.state == MeetingState.CANCELLED
    assert confirmed.transitions.last().reason == "州长另有公务"
    t = m.topics.model.objects.get(title__contains="教育局")
    assert t.state == TopicState.REVIEWED
    assert t.meeting is None


def test_cancel_needs_a_reason_and_the_office(user, executive):
    with pytest.raises(InvalidInput):
        actions.cancel_meeting(user("clerk_huiwu"), executive, "")
    with pytest.raises(Refused):
        actions.cancel_meeting(user("fgw_head"), executive, "不开了")


def test_held_meetings_cannot_be_cancelled(user, held):
    with pytest.raises(Refused):
        actions.cancel_meeting(user("clerk_huiwu"), held, "x")
    with pytest.raises(StateConflict) as exc:
        actions.reschedule(user("clerk_huiwu"), held, date=D(2026, 11, 20))
    [d] = exc.value.decisions
    assert d.code == "meetings.reschedule.wrong_state"
    assert d.message == "本次会议当前为“已召开”，会议召开或取消前方可调整时间。"
    assert d.citation.article == 37
