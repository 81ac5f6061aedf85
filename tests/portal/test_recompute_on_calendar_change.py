"""The calendar changes under open disclosure deadlines (arts. 27, 28, 63): a queued item's day to
publish (20 working days) and an application's day to answer (20 working days, plus an approved
extension and the consultation days not counted) move with it; timers move; the staff are told."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine

from tests.portal.conftest import D
from zhengwu.notices.models import Notice
from zhengwu.portal import actions
from zhengwu.portal.models import Application, PublicationItem
from zhengwu.timers.models import Timer, TimerState
from zhengwu.workdays.actions import set_day
from zhengwu.workdays.arith import BEIJING
from zhengwu.workdays.services import calendar, deadline_close

pytestmark = [pytest.mark.article(63), pytest.mark.usefixtures("late_december")]

DUE = D(2027, 1, 26)  # 20 working days after Monday 2026-12-28 (元旦 by law)
HOLIDAY = D(2027, 1, 5)


@pytest.fixture
def late_december() -> Iterator[time_machine.Traveller]:
    with time_machine.travel("2026-12-28 10:00 +0800", tick=False) as traveller:
        yield traveller


def _apply() -> Application:
    return actions.submit_application("李四", "13900000000", "2026年州本级政府采购项目清单")


def moved_notices(username: str) -> list[str]:
    return list(
        Notice.objects.filter(recipient__username=username, title__startswith="期限变更").values_list(
            "title", flat=True
        )
    )


@pytest.mark.article(28)
def test_a_queued_item_moves_with_a_new_holiday(user, queued) -> None:
    item = queued(counted_from=D(2026, 12, 28))
    assert item.due_on == DUE
    set_day(user("admin"), HOLIDAY, "holiday", "测试假日", "通知")
    item.refresh_from_db()
    assert item.due_on == D(2027, 1, 27)
    (title,) = moved_notices("clerk_gongkai")
    assert "2027-01-26" in title
    assert "2027-01-27" in title
    assert "公开期限" in title


@pytest.mark.article(28)
def test_an_item_dated_otherwise_does_not_move(user, queued) -> None:
    item = queued(counted_from=D(2026, 12, 28))
    PublicationItem.objects.filter(pk=item.pk).update(due_on=D(2027, 1, 20))  # not what the rule gives
    set_day(user("admin"), HOLIDAY, "holiday", "测试假日", "通知")
    item.refresh_from_db()
    assert item.due_on == D(2027, 1, 20)
    assert not moved_notices("clerk_gongkai")


@pytest.mark.article(27)
def test_an_application_moves_with_its_timers(user) -> None:
    app = _apply()
    assert app.due_on == DUE
    set_day(user("admin"), HOLIDAY, "holiday", "测试假日", "通知")
    app.refresh_from_db()
    assert app.due_on == D(2027, 1, 27)
    overdue = Timer.objects.get(key=f"portal:application:{app.pk}:overdue")
    assert (overdue.state, overdue.fire_at) == (TimerState.PENDING, deadline_close(D(2027, 1, 27)))
    remind = Timer.objects.get(key=f"portal:application:{app.pk}:remind")
    assert remind.fire_at == dt.datetime(2027, 1, 22, 10, 0, tzinfo=BEIJING)  # 3 working days before
    assert any("2027-01-26" in t and "2027-01-27" in t and app.number in t for t in moved_notices("office_director"))


@pytest.mark.article(27)
def test_an_extended_application_keeps_its_extension(user) -> None:
    app = _apply()
    actions.extend_application(user("office_director"), app, "需调取档案")
    before = app.due_on
    assert before == calendar().add_working_days(D(2026, 12, 28), 40)
    set_day(user("admin"), HOLIDAY, "holiday", "测试假日", "通知")
    app.refresh_from_db()
    assert app.due_on == calendar().add_working_days(before, 1)
    assert Timer.objects.get(key=f"portal:application:{app.pk}:overdue").fire_at == deadline_close(app.due_on)


@pytest.mark.article(27)
def test_a_fired_reminder_stays_fired(user) -> None:
    app = _apply()
    Timer.objects.filter(key=f"portal:application:{app.pk}:remind").update(state=TimerState.FIRED)
    set_day(user("admin"), HOLIDAY, "holiday", "测试假日", "通知")
    assert Timer.objects.get(key=f"portal:application:{app.pk}:remind").state == TimerState.FIRED


@pytest.mark.article(27)
def test_a_day_after_the_due_moves_nothing(user, queued) -> None:
    app = _apply()
    item = queued(counted_from=D(2026, 12, 28))
    set_day(user("admin"), D(2027, 1, 27), "holiday", "测试假日", "通知")
    app.refresh_from_db()
    item.refresh_from_db()
    assert (app.due_on, item.due_on) == (DUE, DUE)
    assert not moved_notices("clerk_gongkai")
