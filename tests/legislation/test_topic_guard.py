"""No agenda topic for a draft the legality review has not passed (arts. 20, 22, 24): the guard
registered with the meetings area refuses it; once passed, the draft goes on the agenda."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.legislation.conftest import REVISED, unit
from zhengwu.core.decisions import Refused
from zhengwu.legislation.actions.adoption import request_topic
from zhengwu.legislation.actions.drafting import revise_draft
from zhengwu.legislation.actions.review import review, submit_for_review
from zhengwu.meetings.actions.agenda import collect_topic, review_topic
from zhengwu.meetings.actions.agenda import request_topic as meetings_request_topic
from zhengwu.meetings.actions.meetings import create_meeting

pytestmark = [pytest.mark.article(22), pytest.mark.article(24)]


def test_the_guard_refuses_an_unreviewed_draft_and_lets_a_passed_one_through(user, answered) -> None:
    topic = meetings_request_topic(user("fgw_clerk"), unit=unit("fgw"), title="审议价格监测管理办法", subject=answered)
    review_topic(user("vice_liu"), topic, "同意提请常务会议审议。", True)
    meeting = create_meeting(
        user("clerk_huiwu"), kind="executive", title="州人民政府第三十次常务会议", date=dt.date(2026, 10, 20)
    )
    with pytest.raises(Refused) as refused:
        collect_topic(user("clerk_huiwu"), topic, meeting)
    assert any("未经司法局合法性审查通过" in e and "第二十二条" in e for e in refused.value.explanations)

    revise_draft(user("fgw_clerk"), answered, body=REVISED)
    submit_for_review(user("fgw_head"), answered)
    review(user("sfj_clerk"), answered, passed=True, reasons="")
    collect_topic(user("clerk_huiwu"), topic, meeting)
    assert topic.state == "collected"


@pytest.mark.article(20)
def test_request_topic_needs_the_pass(user, answered, passed) -> None:
    topic = request_topic(user("fgw_clerk"), passed)
    assert topic.subject == passed  # type: ignore[attr-defined]
    passed.refresh_from_db()
    assert passed.topic_id == topic.pk  # type: ignore[attr-defined]


@pytest.mark.article(20)
def test_request_topic_refused_before_review(user, answered) -> None:
    with pytest.raises(Refused) as refused:
        request_topic(user("fgw_clerk"), answered)
    assert "不能提请会议审议" in refused.value.explanations[0]
