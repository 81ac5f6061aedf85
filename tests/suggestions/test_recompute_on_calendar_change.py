"""The calendar changes under an open suggestion (arts. 31, 63): the 3-month answer limit (rolled off a
rest day) and the co-units' limit 30 days before it move with a new holiday; timers move; the heads
are told.  An extension the office approved is its chosen date and stays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine

from tests.suggestions.conftest import D, unit
from zhengwu.notices.models import Notice
from zhengwu.suggestions.actions import assign, extend, register
from zhengwu.suggestions.models import CoUnitOpinion, Suggestion
from zhengwu.timers.models import Timer, TimerState
from zhengwu.workdays.actions import set_day
from zhengwu.workdays.arith import BEIJING
from zhengwu.workdays.services import deadline_close

pytestmark = [pytest.mark.article(31), pytest.mark.article(63)]

DUE = D(2027, 3, 29)  # 3 months after Monday 2026-12-28 is Sunday 03-28: the next working day
CO_DUE = D(2027, 2, 26)  # 30 days before is Saturday 02-27: the working day before


@pytest.fixture
def suggestion(user) -> Iterator[Suggestion]:
    """Assigned on Monday 2026-12-28 to the 教育局, with the 财政局 as co-unit."""
    with time_machine.travel("2026-12-28 10:00 +0800", tick=False):
        s = register(
            user("clerk_ducha"),
            kind="suggestion",
            number="21",
            title="关于改善乡村学校供暖的建议",
            text="建议加大投入。",
            proposers="代表丙",
            session="州十五届人大五次会议",
            received_on=D(2026, 12, 20),
        )
        yield assign(user("clerk_ducha"), s, unit("jyj"), [unit("czj")])


def moved_notices(username: str) -> list[str]:
    return list(
        Notice.objects.filter(recipient__username=username, title__startswith="期限变更").values_list(
            "title", flat=True
        )
    )


def test_the_answer_limit_moves_with_its_timers(user, suggestion) -> None:
    assert (suggestion.due, suggestion.co_due) == (DUE, CO_DUE)
    set_day(user("admin"), DUE, "holiday", "测试假日", "通知")
    suggestion.refresh_from_db()
    assert (suggestion.due, suggestion.co_due) == (D(2027, 3, 30), CO_DUE)
    key = f"suggestions.{suggestion.pk}.answer"
    assert Timer.objects.get(key=f"{key}.overdue").fire_at == deadline_close(D(2027, 3, 30))
    # 15 days before 03-30 is Monday 03-15 (before: 03-14, a Sunday, gave Friday 03-12)
    assert Timer.objects.get(key=f"{key}.remind").fire_at == dt.datetime(2027, 3, 15, 10, 0, tzinfo=BEIJING)
    (title,) = moved_notices("jyj_head")
    assert "2027-03-29" in title
    assert "2027-03-30" in title
    assert "办复期限" in title
    assert not moved_notices("czj_head")


def test_the_co_units_limit_moves(user, suggestion) -> None:
    set_day(user("admin"), CO_DUE, "holiday", "测试假日", "通知")
    suggestion.refresh_from_db()
    assert (suggestion.due, suggestion.co_due) == (DUE, D(2027, 2, 25))
    opinion = CoUnitOpinion.objects.get(suggestion=suggestion)
    assert opinion.due == D(2027, 2, 25)
    key = f"suggestions.{suggestion.pk}.co.{opinion.pk}"
    assert Timer.objects.get(key=f"{key}.overdue").fire_at == deadline_close(D(2027, 2, 25))
    (title,) = moved_notices("czj_head")
    assert "2027-02-26" in title
    assert "2027-02-25" in title
    assert "协办意见期限" in title


def test_a_fired_reminder_stays_fired(user, suggestion) -> None:
    key = f"suggestions.{suggestion.pk}.answer"
    Timer.objects.filter(key=f"{key}.remind").update(state=TimerState.FIRED)
    set_day(user("admin"), DUE, "holiday", "测试假日", "通知")
    assert Timer.objects.get(key=f"{key}.remind").state == TimerState.FIRED
    assert Timer.objects.get(key=f"{key}.overdue").state == TimerState.PENDING


def test_an_extended_limit_stays(user, suggestion) -> None:
    with time_machine.travel("2027-03-01 10:00 +0800", tick=False):
        extend(user("clerk_ducha"), suggestion, D(2027, 4, 15), "需调研")
        set_day(user("admin"), D(2027, 4, 15), "holiday", "测试假日", "通知")
    suggestion.refresh_from_db()
    assert suggestion.due == D(2027, 4, 15)
    assert not moved_notices("jyj_head")


def test_a_day_after_the_limit_moves_nothing(user, suggestion) -> None:
    set_day(user("admin"), D(2027, 3, 30), "holiday", "测试假日", "通知")
    suggestion.refresh_from_db()
    assert (suggestion.due, suggestion.co_due) == (DUE, CO_DUE)
    assert not moved_notices("jyj_head")
