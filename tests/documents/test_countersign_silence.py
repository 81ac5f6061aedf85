"""No reply by the deadline = no objection (art. 50), recorded by the worker at that moment, once."""

from __future__ import annotations

import pytest
from django.db import transaction

from tests.documents.conftest import D, counts, notified
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Refused
from zhengwu.documents.actions.countersign import (
    _countersign_due,
    reply,
)
from zhengwu.documents.models import CountersignState
from zhengwu.documents.selectors import countersign_status
from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer, TimerState
from zhengwu.workdays.services import deadline_close

pytestmark = pytest.mark.article(50)
DUE = D(2026, 12, 10)
SILENCE = "逾期未回复，视为无不同意见"


def silence_records() -> int:
    return AuditRecord.objects.filter(action="documents.countersign.silence").count()


def test_silence_is_recorded_at_the_deadline_and_not_before(user, countersigning, frozen) -> None:
    doc, tasks = countersigning
    reply(user("sfj_head"), tasks["sfj"], CountersignState.AGREED)

    frozen.move_to("2026-12-10 23:59:59 +0800")  # the last day is not over
    assert timers.sweep().fired == 1  # only the 催办 to the 财政局 (the 司法局 has replied)
    assert notified("催办") == {"czj_head"}
    tasks["czj"].refresh_from_db()
    assert tasks["czj"].state == CountersignState.PENDING
    assert silence_records() == 0

    frozen.move_to("2026-12-11 08:30 +0800")  # the worker was down overnight; it records as of 24:00
    result = timers.sweep()
    assert (result.fired, result.failed) == (1, 0)
    task = tasks["czj"]
    task.refresh_from_db()
    assert task.state == CountersignState.SILENT_CONSENT
    assert task.reply == SILENCE
    assert task.replied_at == deadline_close(DUE)
    assert task.replied_by is None
    record = AuditRecord.objects.get(action="documents.countersign.silence", object_id=str(task.pk))
    assert record.actor_id is None
    assert record.actor_name == "系统"
    assert record.article == 50
    assert record.citation == "《工作规则》第五十条"
    assert SILENCE in record.summary
    assert record.details["at"] == deadline_close(DUE).isoformat()
    assert notified("州财政局逾期未回复会签意见") == {"fgw_head"}
    assert countersign_status(doc).allowed


def test_sweeping_twice_records_once(countersigning, frozen) -> None:
    frozen.move_to(deadline_close(DUE).isoformat())
    assert timers.sweep().fired == 4  # two reminders, two deadlines
    assert silence_records() == 2
    before = counts()
    assert timers.sweep().fired == 0
    assert counts() == before
    assert silence_records() == 2


def test_handler_is_idempotent_if_fired_again(countersigning, frozen) -> None:
    _, tasks = countersigning
    frozen.move_to(deadline_close(DUE).isoformat())
    timers.sweep()
    timer = Timer.objects.get(key=f"countersign:{tasks['czj'].pk}:due")
    before = counts()
    with transaction.atomic():
        _countersign_due([timer])  # a second delivery changes nothing
    assert counts() == before


def test_a_reply_before_the_deadline_cancels_the_silence(user, countersigning, frozen) -> None:
    _, tasks = countersigning
    frozen.move_to("2026-12-10 17:00 +0800")
    reply(user("czj_head"), tasks["czj"], CountersignState.DISAGREED, "资金渠道不明")
    frozen.move_to("2026-12-11 00:00 +0800")
    assert timers.sweep().fired == 2  # only the 司法局's reminder and deadline
    assert Timer.objects.get(key=f"countersign:{tasks['czj'].pk}:due").state == TimerState.CANCELLED
    tasks["czj"].refresh_from_db()
    assert tasks["czj"].state == CountersignState.DISAGREED
    assert tasks["czj"].reply == "资金渠道不明"


def test_handler_leaves_a_replied_task_alone_even_if_its_timer_still_fires(user, countersigning, frozen) -> None:
    """Belt and braces: a timer that was somehow not cancelled does nothing to an answered task."""
    _, tasks = countersigning
    reply(user("czj_head"), tasks["czj"], CountersignState.AGREED)
    Timer.objects.filter(key=f"countersign:{tasks['czj'].pk}:due").update(state=TimerState.PENDING)
    frozen.move_to(deadline_close(DUE).isoformat())
    assert timers.sweep().fired == 3  # the stray deadline, and the 司法局's reminder and deadline
    tasks["czj"].refresh_from_db()
    assert tasks["czj"].state == CountersignState.AGREED
    assert silence_records() == 1


def test_a_reply_after_the_deadline_is_refused_even_before_the_worker_runs(user, countersigning, frozen) -> None:
    doc, tasks = countersigning
    frozen.move_to("2026-12-11 00:00:01 +0800")
    before = counts()
    with pytest.raises(Refused) as refused:
        reply(user("czj_head"), tasks["czj"], CountersignState.DISAGREED, "来不及了")
    assert refused.value.explanations == [
        "州财政局的会签期限2026-12-10已过，逾期未回复视为无不同意见，不能再回复或申请延期（《工作规则》第五十条）"
    ]
    assert counts() == before
    assert countersign_status(doc).allowed  # silence is consent from the deadline, recorded or not yet
    timers.sweep()
    tasks["czj"].refresh_from_db()
    assert tasks["czj"].state == CountersignState.SILENT_CONSENT
    with pytest.raises(Refused, match="已过"):
        reply(user("czj_head"), tasks["czj"], CountersignState.AGREED)
