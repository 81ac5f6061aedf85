"""The calendar changes under an open 会签 (arts. 50, 63): the year's official schedule arrives, and a
deadline counted on the provisional year moves — the task, its timers, and the units are told."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine

from tests.documents.conftest import D, unit
from zhengwu.audit.models import AuditRecord
from zhengwu.documents.actions.countersign import request_countersign
from zhengwu.documents.models import CountersignTask
from zhengwu.notices.models import Notice
from zhengwu.timers.models import Timer, TimerState
from zhengwu.workdays.actions import set_day, set_year
from zhengwu.workdays.arith import BEIJING
from zhengwu.workdays.services import deadline_close

pytestmark = [pytest.mark.article(50), pytest.mark.article(63)]

NOW = "2026-12-28 10:00 +0800"  # a Monday; 2027 has no official schedule yet (provisional)
SCHEDULE = {D(2027, 1, 1): "元旦", D(2027, 1, 4): "元旦（测试）"}
NOTE = "国办发明电〔2026〕X号"


@pytest.fixture
def late_december() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def task(user, make_request, late_december) -> CountersignTask:
    doc = make_request("fgw", title="关于申请新建产业园区配套道路的请示", created_by=user("fgw_clerk"))
    (task,) = request_countersign(user("fgw_clerk"), doc, [unit("czj")])
    return task


def test_the_official_schedule_moves_a_provisional_deadline(user, task) -> None:
    assert task.due == D(2027, 1, 7)  # 12-29, 12-30, 12-31, (元旦 by law), 1-4 … 1-7: 7 working days
    set_year(user("admin"), 2027, SCHEDULE, {}, NOTE)
    task.refresh_from_db()
    assert task.due == D(2027, 1, 8)  # 1-4 is a holiday too
    assert Timer.objects.get(key=f"countersign:{task.pk}:due").fire_at == deadline_close(D(2027, 1, 8))
    remind = Timer.objects.get(key=f"countersign:{task.pk}:remind")
    assert (remind.state, remind.fire_at) == (TimerState.PENDING, dt.datetime(2027, 1, 7, 10, 0, tzinfo=BEIJING))
    notice = Notice.objects.get(recipient__username="czj_head", title__startswith="期限变更")
    assert "2027-01-07" in notice.title
    assert "2027-01-08" in notice.title
    assert "2027-01-07" in notice.body
    assert "2027-01-08" in notice.body
    assert Notice.objects.filter(recipient__username="fgw_head", title__startswith="期限变更").exists()
    record = AuditRecord.objects.filter(action="calendar.year.set").latest("id")
    assert record.details["recomputed"] >= 1
    assert any(
        m["old"] == "2027-01-07" and m["new"] == "2027-01-08" and m["source"] == "documents.countersign"
        for m in record.details["moved"]
    )


def test_a_fired_reminder_stays_fired(user, task) -> None:
    Timer.objects.filter(key=f"countersign:{task.pk}:remind").update(state=TimerState.FIRED)
    set_year(user("admin"), 2027, SCHEDULE, {}, NOTE)
    assert Timer.objects.get(key=f"countersign:{task.pk}:remind").state == TimerState.FIRED
    assert Timer.objects.get(key=f"countersign:{task.pk}:due").state == TimerState.PENDING


def test_a_date_the_lead_unit_set_does_not_move(user, make_request, late_december) -> None:
    doc = make_request("fgw", title="关于调整项目资金的请示", created_by=user("fgw_head"))
    (task,) = request_countersign(user("fgw_head"), doc, [unit("czj")], due=D(2027, 1, 6))
    set_day(user("admin"), D(2027, 1, 5), "holiday", "测试假日", "通知")
    task.refresh_from_db()
    assert task.due == D(2027, 1, 6)
    assert Timer.objects.get(key=f"countersign:{task.pk}:due").fire_at == deadline_close(D(2027, 1, 6))
    assert not Notice.objects.filter(title__startswith="期限变更").exists()


def test_a_day_after_the_deadline_moves_nothing(user, task) -> None:
    set_day(user("admin"), D(2027, 1, 11), "holiday", "测试假日", "通知")
    task.refresh_from_db()
    assert task.due == D(2027, 1, 7)
    assert not Notice.objects.filter(title__startswith="期限变更").exists()
    assert AuditRecord.objects.filter(action="calendar.day.set").latest("id").details["recomputed"] == 0
