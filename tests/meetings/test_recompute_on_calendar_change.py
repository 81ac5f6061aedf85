"""The calendar changes under a meeting's open follow-ups (arts. 28, 42, 63): the document to issue
within 7 working days and the publication within 20 move with a new holiday; its timer moves; the
office is told.  A task's deadline set in the minutes stays."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine

from tests.meetings.conftest import D, unit
from zhengwu.meetings import actions
from zhengwu.meetings.models import FollowUp, FollowUpKind, Meeting
from zhengwu.notices.models import Notice
from zhengwu.timers.models import Timer, TimerState
from zhengwu.workdays.actions import set_day
from zhengwu.workdays.services import deadline_close

pytestmark = pytest.mark.article(63)

HOLIDAY = D(2027, 1, 5)


@pytest.fixture
def held(user) -> Iterator[Meeting]:
    """An executive meeting held on Monday 2026-12-28 (2027 still provisional)."""
    with time_machine.travel("2026-12-21 09:00 +0800", tick=False) as traveller:
        m = actions.create_meeting(
            user("clerk_huiwu"),
            kind="executive",
            title="州人民政府第二十次常务会议",
            date=D(2026, 12, 28),
            place="第一会议室",
        )
        topic = actions.request_topic(
            user("jyj_head"), unit=unit("jyj"), summary="书面申请。", title="关于教育园区建设的议题"
        )
        topic = actions.review_topic(user("vice_ayigul"), topic, "已协调一致。", True)
        actions.collect_topic(user("clerk_huiwu"), topic, m)
        m = actions.confirm_agenda(user("governor"), m)
        traveller.move_to("2026-12-28 15:00 +0800")
        yield actions.hold(user("clerk_huiwu"), m)


def moved_notices(username: str) -> list[str]:
    return list(
        Notice.objects.filter(recipient__username=username, title__startswith="期限变更").values_list(
            "title", flat=True
        )
    )


@pytest.mark.article(42)
def test_the_document_due_moves_with_its_timer(user, held) -> None:
    d = actions.add_decision(
        user("clerk_huiwu"), held, "原则通过，由州政府印发。", document_title="印发教育园区建设方案"
    )
    fu = d.follow_ups.get(kind=FollowUpKind.DOCUMENT)
    assert fu.due == D(2027, 1, 7)  # 7 working days after Monday 12-28 (元旦 by law)
    set_day(user("admin"), HOLIDAY, "holiday", "测试假日", "通知")
    fu.refresh_from_db()
    assert fu.due == D(2027, 1, 8)
    timer = Timer.objects.get(key=f"meetings.followup.{fu.pk}.due")
    assert (timer.state, timer.fire_at) == (TimerState.PENDING, deadline_close(D(2027, 1, 8)))
    (title,) = moved_notices("clerk_huiwu")
    assert "2027-01-07" in title
    assert "2027-01-08" in title
    assert "印发教育园区建设方案" in title
    assert moved_notices("governor")


@pytest.mark.article(42)
def test_a_fired_timer_stays_fired_and_its_due_stays(user, held) -> None:
    d = actions.add_decision(user("clerk_huiwu"), held, "另行印发。", document_title="印发实施细则")
    fu = d.follow_ups.get(kind=FollowUpKind.DOCUMENT)
    Timer.objects.filter(key=f"meetings.followup.{fu.pk}.due").update(state=TimerState.FIRED)
    set_day(user("admin"), HOLIDAY, "holiday", "测试假日", "通知")
    fu.refresh_from_db()
    assert fu.due == D(2027, 1, 7)
    assert Timer.objects.get(key=f"meetings.followup.{fu.pk}.due").state == TimerState.FIRED


@pytest.mark.article(28)
def test_the_publication_due_moves_and_a_task_deadline_stays(user, held) -> None:
    d = actions.add_decision(
        user("clerk_huiwu"),
        held,
        "抓好落实。",
        task_title="制定实施方案",
        task_unit=unit("jyj"),
        task_due=D(2027, 1, 6),
    )
    actions.draft_minutes(user("clerk_huiwu"), held, "纪要。")
    actions.sign_minutes(user("governor"), held)
    publication = FollowUp.objects.get(decision=d, kind=FollowUpKind.PUBLICATION)
    assert publication.due == D(2027, 1, 26)
    set_day(user("admin"), HOLIDAY, "holiday", "测试假日", "通知")
    publication.refresh_from_db()
    assert publication.due == D(2027, 1, 27)
    assert publication.publication is not None
    assert publication.publication.due_on == D(2027, 1, 27)
    assert FollowUp.objects.get(decision=d, kind=FollowUpKind.TASK).due == D(2027, 1, 6)


@pytest.mark.article(42)
def test_a_day_after_the_due_moves_nothing(user, held) -> None:
    d = actions.add_decision(user("clerk_huiwu"), held, "另行印发。", document_title="印发实施细则")
    set_day(user("admin"), D(2027, 1, 8), "holiday", "测试假日", "通知")
    assert d.follow_ups.get(kind=FollowUpKind.DOCUMENT).due == D(2027, 1, 7)
    assert not moved_notices("clerk_huiwu")
