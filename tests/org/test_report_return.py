"""销假: recording the return (art. 58), and the reminder when nobody does."""

from __future__ import annotations

import pytest

from tests.org.conftest import D, counts, notified
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.notices.models import Notice
from zhengwu.org.actions import report_absence, report_return
from zhengwu.org.models import AbsenceState
from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer, TimerState
from zhengwu.workdays.services import deadline_close

START, END = D(2026, 12, 2), D(2026, 12, 4)


@pytest.fixture
def liu_away(user, person, frozen):
    return report_absence(user("vice_liu"), person("vice_liu"), START, END, "乌鲁木齐", "trip")


@pytest.mark.article(58)
def test_return_cancels_the_timer_and_tells_the_same_people(user, liu_away, frozen) -> None:
    frozen.move_to("2026-12-04 20:00 +0800")
    absence = report_return(user("vice_liu"), liu_away, D(2026, 12, 4))
    assert absence.state == AbsenceState.RETURNED
    assert absence.returned_on == D(2026, 12, 4)
    assert Timer.objects.get(key=f"absence:{absence.pk}:return").state == TimerState.CANCELLED
    record = AuditRecord.objects.get(action="org.absence.return", object_id=str(absence.pk))
    assert record.article == 58
    assert notified("已返回") == {"governor", "exec_vice", "vice_ayigul", "secretary_general"}


@pytest.mark.article(58)
def test_department_clerk_may_not_record_a_vice_governors_return(user, liu_away, frozen) -> None:
    frozen.move_to("2026-12-04 20:00 +0800")
    before = counts()
    with pytest.raises(Refused) as refused:
        report_return(user("fgw_clerk"), liu_away, D(2026, 12, 4))
    assert refused.value.explanations[0].endswith("（《工作规则》第五十八条）")
    assert counts() == before
    liu_away.refresh_from_db()
    assert liu_away.state == AbsenceState.REPORTED


@pytest.mark.article(58)
def test_office_may_record_the_return(user, liu_away, frozen) -> None:
    frozen.move_to("2026-12-04 20:00 +0800")
    assert report_return(user("clerk_wendian"), liu_away, D(2026, 12, 4)).state == AbsenceState.RETURNED


@pytest.mark.article(58)
def test_return_dates_checked_and_twice_refused(user, liu_away, frozen) -> None:
    with pytest.raises(InvalidInput):
        report_return(user("vice_liu"), liu_away, D(2026, 12, 1))  # before departure
    with pytest.raises(InvalidInput):
        report_return(user("vice_liu"), liu_away, D(2026, 12, 3))  # in the future (today is 12-01)
    frozen.move_to("2026-12-04 20:00 +0800")
    report_return(user("vice_liu"), liu_away, D(2026, 12, 4))
    with pytest.raises(Refused, match="已销假"):
        report_return(user("vice_liu"), liu_away, D(2026, 12, 4))


@pytest.mark.article(58, 63)
def test_return_reminder_fires_exactly_once_after_the_expected_return_day(liu_away, frozen) -> None:
    due = deadline_close(END)
    assert timers.sweep().fired == 0  # not yet
    frozen.move_to("2026-12-04 23:59 +0800")
    assert timers.sweep().fired == 0  # still within the expected return day

    frozen.move_to(due.isoformat())
    before_audit = AuditRecord.objects.filter(action="org.absence.return_reminder").count()
    result = timers.sweep()
    assert result.fired == 1
    assert result.failed == 0
    timer = Timer.objects.get(key=f"absence:{liu_away.pk}:return")
    assert timer.state == TimerState.FIRED
    assert timer.attempts == 1
    assert notified("销假提醒") == {"vice_liu", "office_director", "secretary_general"}
    reminder = AuditRecord.objects.filter(action="org.absence.return_reminder")
    assert reminder.count() == before_audit + 1
    assert reminder.last().article == 58

    notices = Notice.objects.count()
    frozen.move_to("2026-12-06 09:00 +0800")
    assert timers.sweep().fired == 0
    assert Notice.objects.count() == notices
    assert AuditRecord.objects.filter(action="org.absence.return_reminder").count() == before_audit + 1


@pytest.mark.article(58)
def test_no_reminder_after_the_return_was_recorded(user, liu_away, frozen) -> None:
    frozen.move_to("2026-12-04 20:00 +0800")
    report_return(user("vice_liu"), liu_away, D(2026, 12, 4))
    frozen.move_to("2026-12-07 09:00 +0800")
    assert timers.sweep().fired == 0
    assert notified("销假提醒") == set()
