"""依申请公开 (art. 27): a member of the public applies; the office answers within 20 working days,
extendable by 20 with the leadership's approval; consulting a third party pauses the clock; the
reply types; reminders and the overdue record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine

from tests.portal.conftest import D
from zhengwu.audit.models import AuditRecord
from zhengwu.core import compliance
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.notices.models import Notice
from zhengwu.portal import actions
from zhengwu.portal.models import Application, ApplicationState
from zhengwu.portal.services import register_report
from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer, TimerState
from zhengwu.workdays.services import deadline_close

pytestmark = [pytest.mark.article(27), pytest.mark.usefixtures("received")]

DUE = D(2026, 11, 30)  # received Monday 2026-11-02; 20 working days later


@pytest.fixture
def received() -> Iterator[time_machine.Traveller]:
    with time_machine.travel("2026-11-02 09:00 +0800") as traveller:
        yield traveller


def _apply() -> Application:
    return actions.submit_application("张三", "13800000000", "2026年州本级部门预算中教育经费的安排情况")


def test_submission_is_registered_with_its_due_day_and_timers(db, user) -> None:
    app = _apply()
    assert app.number.startswith("依申请〔2026〕")
    assert app.due_on == DUE
    assert Timer.objects.get(key=f"portal:application:{app.pk}:overdue").fire_at == deadline_close(DUE)
    assert Timer.objects.filter(key=f"portal:application:{app.pk}:remind", state=TimerState.PENDING).exists()
    assert Notice.objects.filter(recipient=user("clerk_gongkai"), title__contains=app.number).exists()
    assert Notice.objects.filter(recipient=user("office_director"), title__contains=app.number).exists()
    assert not Notice.objects.filter(recipient=user("clerk_wendian"), title__contains=app.number).exists()


@pytest.mark.parametrize(
    ("name", "contact", "description", "field"),
    [
        ("", "13800000000", "某文件", "applicant_name"),
        ("张三", "  ", "某文件", "contact"),
        ("张三", "13800000000", "文件", "description"),
    ],
)
def test_incomplete_applications_change_nothing(db, name, contact, description, field) -> None:
    before = Application.objects.count()
    with pytest.raises(InvalidInput) as exc:
        actions.submit_application(name, contact, description)
    assert exc.value.field == field
    assert Application.objects.count() == before


def test_extension_needs_the_leadership(db, user) -> None:
    app = _apply()
    with pytest.raises(Refused, match="同意"):
        actions.extend_application(user("clerk_gongkai"), app, "需调取档案")
    actions.extend_application(user("office_director"), app, "需调取档案")
    app.refresh_from_db()
    assert app.extended
    assert app.extension_approved_by == user("office_director")
    assert app.due_on == D(2026, 12, 28)  # 20 more working days
    with pytest.raises(Refused, match="只能延长一次"):
        actions.extend_application(user("secretary_general"), app, "再延")


def test_consultation_pauses_the_clock(db, user) -> None:
    app = _apply()
    actions.start_consultation(user("clerk_gongkai"), app, "某建筑公司")
    assert app.state == ApplicationState.CONSULTING
    assert Timer.objects.get(key=f"portal:application:{app.pk}:overdue").state == TimerState.CANCELLED
    with pytest.raises(Refused, match="征求第三方意见"):
        actions.reply_application(user("clerk_gongkai"), app, "disclosed", "见附件")
    with time_machine.travel("2026-11-09 10:00 +0800"):  # five working days later
        actions.end_consultation(user("clerk_gongkai"), app)
    app.refresh_from_db()
    assert app.paused_days == 5
    assert app.state == ApplicationState.RECEIVED
    assert app.due_on == D(2026, 12, 7)  # 11-30 moved by five working days
    timer = Timer.objects.get(key=f"portal:application:{app.pk}:overdue")
    assert timer.state == TimerState.PENDING
    assert timer.fire_at == deadline_close(app.due_on)


def test_reply_with_exemption(db, user) -> None:
    app = _apply()
    with pytest.raises(Refused, match="依据"):
        actions.reply_application(user("clerk_gongkai"), app, "refused", "不予公开")
    with pytest.raises(Refused):
        actions.reply_application(user("fgw_clerk"), app, "disclosed", "见附件")
    actions.reply_application(user("clerk_gongkai"), app, "partly", "涉及个人信息部分已删除。", "third_party")
    app.refresh_from_db()
    assert app.state == ApplicationState.ANSWERED
    assert app.reply_type == "partly"
    assert not app.answered_late
    assert Timer.objects.get(key=f"portal:application:{app.pk}:overdue").state == TimerState.CANCELLED
    assert AuditRecord.objects.filter(action="portal.application.reply", object_id=str(app.pk)).exists()


def test_overdue_is_recorded_once_and_shown(db, user, received) -> None:
    app = _apply()
    received.move_to(dt.datetime(2026, 12, 1, 0, 5, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    timers.sweep()
    timers.sweep()
    assert AuditRecord.objects.filter(action="portal.application.overdue", object_id=str(app.pk)).count() == 1
    lines = [line for line in compliance.lines(D(2026, 12, 1)) if line.area == "依申请公开"]
    assert any(app.number in line.title for line in lines)
    actions.reply_application(user("clerk_gongkai"), app, "disclosed", "见附件。")
    app.refresh_from_db()
    assert app.answered_late


def test_register_report(db, user) -> None:
    before = register_report(2026)
    a, b = _apply(), _apply()
    actions.reply_application(user("clerk_gongkai"), a, "unavailable", "本机关未制作。")
    after = register_report(2026)
    assert after.received == before.received + 2
    assert after.answered == before.answered + 1
    assert after.by_type["unavailable"] == before.by_type["unavailable"] + 1
    assert after.carried_over == before.carried_over + 1
    assert b.state == ApplicationState.RECEIVED
