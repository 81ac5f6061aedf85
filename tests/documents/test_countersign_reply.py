"""Replying to a 会签 (art. 50): by the unit's head or acting head; agree, comments, or reasons; once."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.documents.conftest import counts, notified, unit
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Refused
from zhengwu.documents.actions.countersign import (
    reply,
    request_countersign,
)
from zhengwu.documents.models import CountersignState
from zhengwu.documents.selectors import countersign_status
from zhengwu.org.actions import report_absence
from zhengwu.org.models import Person, Position
from zhengwu.timers.models import Timer, TimerState

pytestmark = pytest.mark.article(50)
ART50 = "（《工作规则》第五十条）"


def test_head_agrees_and_the_silence_timer_is_cancelled(user, countersigning) -> None:
    _, tasks = countersigning
    task = reply(user("czj_head"), tasks["czj"], CountersignState.AGREED)
    assert task.state == CountersignState.AGREED
    assert task.replied_by == user("czj_head")
    assert task.replied_at is not None
    assert Timer.objects.get(key=f"countersign:{task.pk}:due").state == TimerState.CANCELLED
    assert Timer.objects.get(key=f"countersign:{tasks['sfj'].pk}:due").state == TimerState.PENDING
    record = AuditRecord.objects.get(action="documents.countersign.reply", object_id=str(task.pk))
    assert (record.article, record.actor_name, record.details["state"]) == (50, "吴刚", "agreed")
    assert notified("州财政局已回复会签意见") == {"fgw_head", "fgw_clerk"}


def test_both_reply_and_the_request_may_go_up(user, countersigning) -> None:
    doc, tasks = countersigning
    reply(user("czj_head"), tasks["czj"], CountersignState.AGREED)
    assert not countersign_status(doc).allowed
    reply(user("sfj_head"), tasks["sfj"], CountersignState.AGREED_WITH_COMMENTS, "第二条应写明资金来源。")
    tasks["sfj"].refresh_from_db()
    assert tasks["sfj"].reply == "第二条应写明资金来源。"
    status = countersign_status(doc)
    assert status.allowed
    assert status.code == "countersign.complete"


@pytest.mark.parametrize(
    ("username", "code", "state", "text", "expected"),
    [
        ("sfj_clerk", "sfj", CountersignState.AGREED, "", "会签应由州司法局负责人（热合曼·阿不都（局长））办理"),
        ("jyj_head", "czj", CountersignState.AGREED, "", "会签应由州财政局负责人（吴刚（局长））办理"),
        ("sfj_head", "czj", CountersignState.AGREED, "", "会签应由州财政局负责人"),  # asked, but for its own task
        ("fgw_head", "czj", CountersignState.AGREED, "", "会签应由州财政局负责人"),  # the lead unit
        ("czj_head", "czj", CountersignState.AGREED_WITH_COMMENTS, "", "原则同意的，请写明修改意见"),
        ("czj_head", "czj", CountersignState.DISAGREED, " ", "不同意的，请写明理由和依据"),
        ("czj_head", "czj", CountersignState.SILENT_CONSENT, "", "会签意见应为"),
    ],
)
def test_refusals_change_nothing(user, countersigning, username, code, state, text, expected) -> None:
    _, tasks = countersigning
    before = counts()
    with pytest.raises(Refused) as refused:
        reply(user(username), tasks[code], state, text)
    assert refused.value.explanations[0].startswith(expected), refused.value.explanations
    assert all(e.endswith(ART50) for e in refused.value.explanations)
    assert counts() == before
    tasks[code].refresh_from_db()
    assert tasks[code].state == CountersignState.PENDING


def test_replying_twice_is_refused(user, countersigning) -> None:
    _, tasks = countersigning
    reply(user("czj_head"), tasks["czj"], CountersignState.AGREED)
    before = counts()
    with pytest.raises(Refused, match=r"州财政局已于.*回复（同意），不能重复回复"):
        reply(user("czj_head"), tasks["czj"], CountersignState.DISAGREED, "改变主意")
    assert counts() == before


def test_acting_head_replies_while_the_head_is_away(user, make_request, frozen) -> None:
    """The 财政局 asks the 发展改革委; its head is away and has named the deputy to act (arts. 58, 49)."""
    doc = make_request("czj", title="关于调整专项资金管理办法的请示")
    (task,) = request_countersign(user("czj_head"), doc, [unit("fgw")])
    today = timezone.localdate()
    report_absence(
        user("fgw_head"),
        Person.objects.get(user__username="fgw_head"),
        today,
        today,
        "乌鲁木齐",
        "trip",
        entrust_to=Position.objects.get(appointments__person__user__username="fgw_deputy"),
    )
    before = counts()
    with pytest.raises(Refused, match="马丽"):
        reply(user("fgw_clerk"), task, CountersignState.AGREED)
    assert counts() == before
    reply(user("fgw_deputy"), task, CountersignState.AGREED)
    record = AuditRecord.objects.get(action="documents.countersign.reply", object_id=str(task.pk))
    assert (record.actor_name, record.acting_for) == ("马丽", "主任")
