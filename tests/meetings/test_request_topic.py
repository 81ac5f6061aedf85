"""A unit requests an agenda topic in writing (art. 40); the API other areas use (``subject=``)."""

from __future__ import annotations

import pytest

from tests.meetings.conftest import unit
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.meetings import actions
from zhengwu.meetings.models import Topic, TopicState
from zhengwu.notices.models import Notice

pytestmark = pytest.mark.article(40)


def test_a_department_requests_a_topic_and_its_portfolio_leader_is_told(user, frozen):
    t = actions.request_topic(
        user("fgw_clerk"), unit=unit("fgw"), title="关于重大项目的议题", summary="请审议。", touches_funds=True
    )
    assert t.state == TopicState.REQUESTED
    assert t.touches_funds
    assert Notice.objects.filter(recipient__username="vice_liu", title__contains="议题待审核").exists()


def test_another_units_staff_may_not_request_for_it(user, frozen):
    with pytest.raises(Refused):
        actions.request_topic(user("jyj_head"), unit=unit("fgw"), title="越权议题")
    assert not Topic.objects.filter(title="越权议题").exists()


def test_a_title_is_needed(user, frozen):
    with pytest.raises(InvalidInput):
        actions.request_topic(user("fgw_clerk"), unit=unit("fgw"), title="  ")


def test_a_topic_may_be_about_another_areas_matter(user, frozen):
    subject = unit("sfj")  # any model instance serves as the subject
    t = actions.request_topic(user("sfj_clerk"), unit=unit("sfj"), title="审议规范性文件草案", subject=subject)
    t.refresh_from_db()
    assert t.subject == subject
