"""催办: the working day before a countersign deadline, a unit that has not replied is reminded (art. 50)."""

from __future__ import annotations

import pytest

from tests.documents.conftest import notified
from zhengwu.audit.models import AuditRecord
from zhengwu.documents.actions.countersign import decide_extension, reply, request_extension
from zhengwu.documents.models import CountersignState
from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer, TimerState

pytestmark = pytest.mark.article(50)


def test_a_silent_unit_is_reminded_when_the_office_opens_the_working_day_before(user, countersigning, frozen) -> None:
    _, tasks = countersigning  # due 2026-12-10, a Thursday
    reply(user("sfj_head"), tasks["sfj"], CountersignState.AGREED)
    frozen.move_to("2026-12-09 09:59 +0800")
    assert timers.sweep().fired == 0
    frozen.move_to("2026-12-09 10:00 +0800")  # Kizilsu's offices open at 10:00 (作息时间)
    assert timers.sweep().fired == 1
    assert notified("催办") == {"czj_head"}
    record = AuditRecord.objects.get(action="documents.countersign.remind")
    assert (record.article, record.actor_name) == (50, "系统")
    assert Timer.objects.get(key=f"countersign:{tasks['sfj'].pk}:remind").state == TimerState.CANCELLED


def test_an_extension_moves_the_reminder_with_the_deadline(user, countersigning, frozen) -> None:
    _, tasks = countersigning
    request_extension(user("czj_head"), tasks["czj"], tasks["czj"].due.replace(day=17), "需征求县市意见")
    decide_extension(user("fgw_head"), tasks["czj"], True)
    reminder = Timer.objects.get(key=f"countersign:{tasks['czj'].pk}:remind")
    assert reminder.fire_at.isoformat().startswith("2026-12-16T02:00")  # 10:00 Beijing, the day before 12-17
