"""The calendar changes under an open 报备 obligation (arts. 49, 63): a 30-day period that ends on a
day that becomes a holiday ends on the next working day; its timers move, the department is told."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine

from tests.documents.conftest import D, unit
from zhengwu.audit.models import AuditRecord
from zhengwu.documents.actions.filing import on_issued
from zhengwu.documents.actions.outgoing import draft_outgoing, issue, review, sign, submit_for_review
from zhengwu.documents.models import FilingObligation
from zhengwu.notices.models import Notice
from zhengwu.timers.models import Timer, TimerState
from zhengwu.workdays.actions import set_day
from zhengwu.workdays.arith import BEIJING
from zhengwu.workdays.services import deadline_close

pytestmark = [pytest.mark.article(49), pytest.mark.article(63)]

NOW = "2026-12-28 10:00 +0800"
DUE = D(2027, 1, 27)  # 30 days after Monday 2026-12-28: a Wednesday
BODY = "各县（市）人民政府：\n经自治州人民政府同意，现将《产业园区管理办法》印发给你们，请认真贯彻执行。"


@pytest.fixture
def obligation(user) -> Iterator[FilingObligation]:
    with time_machine.travel(NOW, tick=False):
        doc = draft_outgoing(
            user("fgw_clerk"),
            unit("fgw"),
            "tongzhi",
            "关于印发《产业园区管理办法》的通知",
            BODY,
            [unit("atushi")],
            signing_facts={"agreed_by_government": True},
        )
        submit_for_review(user("fgw_clerk"), doc)
        review(user("fgw_deputy"), doc, True, "")
        sign(user("vice_liu"), doc)
        issue(user("fgw_clerk"), doc)
        row = on_issued(user("fgw_clerk"), doc)
        assert row is not None
        yield row


def moved_notices(username: str) -> list[Notice]:
    return list(Notice.objects.filter(recipient__username=username, title__startswith="期限变更"))


def test_a_holiday_on_the_last_day_moves_the_filing_due(user, obligation) -> None:
    assert obligation.due == DUE
    set_day(user("admin"), DUE, "holiday", "测试假日", "通知")
    obligation.refresh_from_db()
    assert obligation.due == D(2027, 1, 28)
    assert Timer.objects.get(key=f"filing:{obligation.pk}:overdue").fire_at == deadline_close(D(2027, 1, 28))
    assert Timer.objects.get(key=f"filing:{obligation.pk}:remind").fire_at == dt.datetime(
        2027, 1, 25, 10, 0, tzinfo=BEIJING
    )
    (notice,) = moved_notices("fgw_head")
    assert "2027-01-27" in notice.title
    assert "2027-01-28" in notice.title
    assert "报备期限" in notice.title
    assert moved_notices("fgw_clerk")
    assert AuditRecord.objects.filter(action="calendar.day.set").latest("id").details["recomputed"] == 1


def test_a_fired_reminder_stays_fired(user, obligation) -> None:
    Timer.objects.filter(key=f"filing:{obligation.pk}:remind").update(state=TimerState.FIRED)
    set_day(user("admin"), DUE, "holiday", "测试假日", "通知")
    assert Timer.objects.get(key=f"filing:{obligation.pk}:remind").state == TimerState.FIRED
    assert Timer.objects.get(key=f"filing:{obligation.pk}:overdue").fire_at == deadline_close(D(2027, 1, 28))


def test_a_due_that_is_not_the_rules_does_not_move(user, obligation) -> None:
    FilingObligation.objects.filter(pk=obligation.pk).update(due=D(2027, 1, 26))  # set by hand
    set_day(user("admin"), D(2027, 1, 26), "holiday", "测试假日", "通知")
    obligation.refresh_from_db()
    assert obligation.due == D(2027, 1, 26)
    assert not moved_notices("fgw_head")


def test_a_day_after_the_due_moves_nothing(user, obligation) -> None:
    set_day(user("admin"), D(2027, 1, 28), "holiday", "测试假日", "通知")
    obligation.refresh_from_db()
    assert obligation.due == DUE
    assert not moved_notices("fgw_head")
