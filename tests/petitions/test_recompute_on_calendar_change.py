"""The calendar changes under an open petition (arts. 35, 63): the limit it is running — 受理告知 within
15 days, 办结 within 60 (plus an approved extension of days), 复查 within 30 — ends on the next working
day when its last day becomes a holiday; timers move; the 信访局 and the handling unit are told."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine

from tests.petitions.conftest import PETITIONER, D, unit
from zhengwu.notices.models import Notice
from zhengwu.petitions.actions import conclude, decide_acceptance, extend, register, request_review
from zhengwu.petitions.models import Petition
from zhengwu.timers.models import Timer, TimerState
from zhengwu.workdays.actions import set_day
from zhengwu.workdays.services import deadline_close

pytestmark = [pytest.mark.article(35), pytest.mark.article(63)]

ACCEPT_DUE = D(2027, 1, 12)  # 15 days after Monday 2026-12-28


@pytest.fixture
def petition(user) -> Iterator[Petition]:
    with time_machine.travel("2026-12-28 10:00 +0800", tick=False):
        yield register(
            user("xfj_head"),
            channel="letter",
            received_on=D(2026, 12, 28),
            summary="反映某小区供暖不达标问题。",
            unit_concerned=unit("jyj"),
            petitioner=PETITIONER,
        )


def moved_notices(username: str) -> list[str]:
    return list(
        Notice.objects.filter(recipient__username=username, title__startswith="期限变更").values_list(
            "title", flat=True
        )
    )


def test_the_acceptance_limit_moves_with_its_timer(user, petition) -> None:
    assert petition.accept_due == ACCEPT_DUE
    set_day(user("admin"), ACCEPT_DUE, "holiday", "测试假日", "通知")
    petition.refresh_from_db()
    assert petition.accept_due == D(2027, 1, 13)
    timer = Timer.objects.get(key=f"petitions.{petition.pk}.accept.overdue")
    assert (timer.state, timer.fire_at) == (TimerState.PENDING, deadline_close(D(2027, 1, 13)))
    (title,) = moved_notices("xfj_head")
    assert f"信访件{petition.number}的受理告知期限" in title
    assert "2027-01-12" in title
    assert "2027-01-13" in title


def test_an_extended_handling_limit_is_counted_again(user, petition) -> None:
    decide_acceptance(user("xfj_head"), petition, True, "书面告知", decided_on=D(2026, 12, 28))
    assert petition.handle_due == D(2027, 2, 26)  # 60 days
    extend(user("vice_ayigul"), petition, 30, "涉及多个部门。", "书面告知")
    assert petition.handle_due == D(2027, 3, 29)  # 30 more days: Sunday 03-28, so Monday
    set_day(user("admin"), D(2027, 2, 26), "holiday", "测试假日", "通知")
    petition.refresh_from_db()
    # the 60 days now end on Monday 03-01, and the 30 approved days run from there
    assert petition.handle_due == D(2027, 3, 31)
    assert Timer.objects.get(key=f"petitions.{petition.pk}.handle.overdue").fire_at == deadline_close(D(2027, 3, 31))
    assert any("办结期限" in t for t in moved_notices("jyj_head"))
    assert moved_notices("xfj_head")


def test_a_review_limit_moves(user, petition) -> None:
    decide_acceptance(user("xfj_head"), petition, True, "书面告知", decided_on=D(2026, 12, 28))
    conclude(user("jyj_head"), petition, "已督促整改。", "书面答复", concluded_on=D(2026, 12, 28))
    review = request_review(user("xfj_head"), petition, "review", "州信访局", requested_on=D(2026, 12, 28))
    assert review.due == D(2027, 1, 27)
    set_day(user("admin"), D(2027, 1, 27), "holiday", "测试假日", "通知")
    review.refresh_from_db()
    assert review.due == D(2027, 1, 28)
    assert Timer.objects.get(key=f"petitions.{petition.pk}.review.overdue").fire_at == deadline_close(D(2027, 1, 28))


def test_a_fired_reminder_stays_fired(user, petition) -> None:
    Timer.objects.filter(key=f"petitions.{petition.pk}.accept.remind").update(state=TimerState.FIRED)
    set_day(user("admin"), ACCEPT_DUE, "holiday", "测试假日", "通知")
    assert Timer.objects.get(key=f"petitions.{petition.pk}.accept.remind").state == TimerState.FIRED


def test_a_limit_recorded_overdue_does_not_move(user, petition) -> None:
    Petition.objects.filter(pk=petition.pk).update(overdue_limits=["accept"])
    set_day(user("admin"), ACCEPT_DUE, "holiday", "测试假日", "通知")
    petition.refresh_from_db()
    assert petition.accept_due == ACCEPT_DUE


def test_a_day_after_the_limit_moves_nothing(user, petition) -> None:
    set_day(user("admin"), D(2027, 1, 13), "holiday", "测试假日", "通知")
    petition.refresh_from_db()
    assert petition.accept_due == ACCEPT_DUE
    assert not moved_notices("xfj_head")
