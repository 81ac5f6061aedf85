"""The 分管 leader reviews and coordinates a topic, recording the consensus (art. 40)."""

from __future__ import annotations

import pytest

from tests.meetings.conftest import person
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.meetings import actions
from zhengwu.meetings.models import TopicState

pytestmark = pytest.mark.article(40)


def test_the_portfolio_leader_reviews(user, make_topic):
    t = make_topic("fgw")
    actions.review_topic(user("vice_liu"), t, "与财政局协商一致。", True)
    t.refresh_from_db()
    assert t.state == TopicState.REVIEWED
    assert t.reviewed_by == person("vice_liu")
    assert t.coordination_done


def test_another_vice_governor_may_not_review(user, make_topic):
    t = make_topic("fgw")
    with pytest.raises(Refused) as exc:
        actions.review_topic(user("vice_ayigul"), t, "同意。", True)
    assert exc.value.decisions[0].citation.article == 40


def test_the_consensus_must_be_written(user, make_topic):
    with pytest.raises(InvalidInput):
        actions.review_topic(user("vice_liu"), make_topic("fgw"), "", True)
