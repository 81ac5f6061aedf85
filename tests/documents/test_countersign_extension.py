"""More time to reply (art. 50: 特殊情况不能按期回复的，应主动与主办部门沟通并商定回复时限)."""

from __future__ import annotations

import pytest

from tests.documents.conftest import D, counts, notified
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Refused
from zhengwu.documents.actions.countersign import decide_extension, reply, request_extension
from zhengwu.documents.models import CountersignState, ExtensionState
from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer, TimerState
from zhengwu.workdays.services import deadline_close

pytestmark = pytest.mark.article(50)
ART50 = "（《工作规则》第五十条）"


@pytest.fixture
def asked(user, countersigning):
    """The 财政局 has asked to reply by 2026-12-17 instead of 12-10."""
    doc, tasks = countersigning
    task = request_extension(user("czj_head"), tasks["czj"], D(2026, 12, 17), "需提交局党组会议研究")
    return doc, task


def test_request_is_recorded_and_the_lead_head_told(asked) -> None:
    _, task = asked
    assert task.extension_state == ExtensionState.REQUESTED
    assert task.extension_until == D(2026, 12, 17)
    assert task.due == D(2026, 12, 10)  # unchanged until the lead unit agrees
    record = AuditRecord.objects.get(action="documents.countersign.extension_request", object_id=str(task.pk))
    assert record.article == 50
    assert record.details["reason"] == "需提交局党组会议研究"
    assert notified("延期申请：州财政局") == {"fgw_head"}


def test_grant_moves_the_deadline_and_its_timer(user, asked, frozen) -> None:
    _, task = asked
    task = decide_extension(user("fgw_head"), task, grant=True)
    assert task.due == D(2026, 12, 17)
    assert task.extension_state == ExtensionState.GRANTED
    timer = Timer.objects.get(key=f"countersign:{task.pk}:due")
    assert (timer.fire_at, timer.state) == (deadline_close(D(2026, 12, 17)), TimerState.PENDING)
    assert notified("州发展改革委同意延期") == {"czj_head"}

    frozen.move_to(deadline_close(D(2026, 12, 10)).isoformat())
    timers.sweep()  # the 司法局 is silent; the 财政局 is not yet
    task.refresh_from_db()
    assert task.state == CountersignState.PENDING
    reply(user("czj_head"), task, CountersignState.AGREED)  # the new date holds
    frozen.move_to(deadline_close(D(2026, 12, 17)).isoformat())
    assert timers.sweep().fired == 0
    task.refresh_from_db()
    assert task.state == CountersignState.AGREED


def test_granted_deadline_passes_in_silence(user, asked, frozen) -> None:
    _, task = asked
    decide_extension(user("fgw_head"), task, grant=True)
    frozen.move_to(deadline_close(D(2026, 12, 17)).isoformat())
    timers.sweep()
    task.refresh_from_db()
    assert task.state == CountersignState.SILENT_CONSENT
    assert task.replied_at == deadline_close(D(2026, 12, 17))


def test_refusal_keeps_the_deadline(user, asked, frozen) -> None:
    _, task = asked
    task = decide_extension(user("fgw_head"), task, grant=False)
    assert (task.due, task.extension_state) == (D(2026, 12, 10), ExtensionState.REFUSED)
    assert Timer.objects.get(key=f"countersign:{task.pk}:due").fire_at == deadline_close(D(2026, 12, 10))
    assert notified("州发展改革委不同意延期") == {"czj_head"}
    assert AuditRecord.objects.filter(action="documents.countersign.extension_refuse").count() == 1
    frozen.move_to(deadline_close(D(2026, 12, 10)).isoformat())
    timers.sweep()
    task.refresh_from_db()
    assert task.state == CountersignState.SILENT_CONSENT


@pytest.mark.parametrize(
    ("username", "until", "reason", "expected"),
    [
        ("sfj_head", D(2026, 12, 17), "理由", "申请延期应由州财政局负责人"),  # another asked unit's head
        ("fgw_clerk", D(2026, 12, 17), "理由", "申请延期应由州财政局负责人"),
        ("czj_head", D(2026, 12, 17), "", "申请延期应说明不能按期回复的特殊情况"),
        ("czj_head", D(2026, 12, 9), "理由", "申请的回复期限2026-12-09应晚于现有期限2026-12-10"),
    ],
)
def test_request_refusals_change_nothing(user, countersigning, username, until, reason, expected) -> None:
    _, tasks = countersigning
    before = counts()
    with pytest.raises(Refused) as refused:
        request_extension(user(username), tasks["czj"], until, reason)
    assert refused.value.explanations[0].startswith(expected), refused.value.explanations
    assert refused.value.explanations[0].endswith(ART50)
    assert counts() == before
    tasks["czj"].refresh_from_db()
    assert tasks["czj"].extension_state == ExtensionState.NONE


def test_request_after_the_deadline_is_refused(user, countersigning, frozen) -> None:
    _, tasks = countersigning
    frozen.move_to("2026-12-11 09:00 +0800")
    before = counts()
    with pytest.raises(Refused, match="会签期限2026-12-10已过"):
        request_extension(user("czj_head"), tasks["czj"], D(2026, 12, 17), "理由")
    assert counts() == before


@pytest.mark.parametrize("username", ["czj_head", "fgw_clerk", "fgw_deputy", "jyj_head"])
def test_only_the_lead_head_decides(user, asked, username) -> None:
    _, task = asked
    before = counts()
    with pytest.raises(Refused) as refused:
        decide_extension(user(username), task, grant=True)
    assert refused.value.explanations[0].startswith("答复延期申请应由州发展改革委负责人（周强（主任））办理")
    assert counts() == before
    task.refresh_from_db()
    assert (task.due, task.extension_state) == (D(2026, 12, 10), ExtensionState.REQUESTED)


def test_deciding_after_the_deadline_or_twice_is_refused(user, asked, frozen) -> None:
    _, task = asked
    decide_extension(user("fgw_head"), task, grant=False)
    with pytest.raises(Refused, match="没有待答复的延期申请"):
        decide_extension(user("fgw_head"), task, grant=True)
    request_extension(user("czj_head"), task, D(2026, 12, 15), "再次申请")
    frozen.move_to(deadline_close(D(2026, 12, 10)).isoformat())
    before = counts()
    with pytest.raises(Refused, match="已过"):
        decide_extension(user("fgw_head"), task, grant=True)
    assert counts() == before


def test_asking_twice_while_waiting_is_refused(user, asked) -> None:
    _, task = asked
    with pytest.raises(Refused, match="已申请延期至2026-12-17，请等待主办单位答复"):
        request_extension(user("czj_head"), task, D(2026, 12, 18), "理由")
