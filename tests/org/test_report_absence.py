"""Reporting an absence from the prefecture (离州外出报告, art. 58)."""

from __future__ import annotations

import pytest

from tests.org.conftest import D, counts, notified
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.org.actions import report_absence
from zhengwu.org.models import Absence, AbsenceState
from zhengwu.timers.models import Timer, TimerState
from zhengwu.workdays.services import deadline_close

pytestmark = pytest.mark.usefixtures("frozen")

START, END = D(2026, 12, 2), D(2026, 12, 4)
NO_PERMISSION = "外出和销假由本人报告，或由政府办公室代为登记；您无权为他人登记（《工作规则》第五十八条）"
LEADERS_BUT_LIU = {"governor", "exec_vice", "vice_ayigul", "secretary_general"}


@pytest.mark.article(58)
def test_vice_governor_reports_own_absence(user, person) -> None:
    liu = person("vice_liu")
    absence = report_absence(user("vice_liu"), liu, START, END, "乌鲁木齐", "trip", "参加自治区会议")

    assert absence.state == AbsenceState.REPORTED
    assert absence.reported_to is not None
    assert absence.reported_to.user.username == "governor"
    assert absence.position.kind == "vice_governor"

    record = AuditRecord.objects.filter(action="org.absence.report", object_id=str(absence.pk)).get()
    assert record.article == 58
    assert record.citation == "《工作规则》第五十八条"
    assert record.actor_name == "刘振东"
    assert record.details["late"] is False

    assert notified("报告离州外出") == {"governor"}
    assert notified("通报：") == {"exec_vice", "vice_ayigul", "secretary_general"}
    everyone = notified("刘振东")
    assert everyone == LEADERS_BUT_LIU
    assert not everyone & {"fgw_clerk", "fgw_head", "clerk_wendian", "vice_liu"}

    timer = Timer.objects.get(key=f"absence:{absence.pk}:return")
    assert timer.state == TimerState.PENDING
    assert timer.fire_at == deadline_close(END)


@pytest.mark.article(58)
def test_department_clerk_may_not_report_for_a_vice_governor(user, person) -> None:
    before = counts()
    with pytest.raises(Refused) as refused:
        report_absence(user("fgw_clerk"), person("vice_liu"), START, END, "乌鲁木齐", "trip")
    assert refused.value.explanations == [NO_PERMISSION]
    assert counts() == before


@pytest.mark.article(58)
def test_office_clerk_reports_for_a_department_head_via_the_office(user, person) -> None:
    absence = report_absence(user("clerk_wendian"), person("fgw_head"), START, END, "北京", "study")
    assert absence.reported_by.username == "clerk_wendian"
    record = AuditRecord.objects.get(action="org.absence.report", object_id=str(absence.pk))
    assert record.details["route"] == "leave.route.unit_head"
    assert record.actor_name == "李娜"
    # reported to the office's leaders; the office informs the governor and fgw's 分管 leader
    assert notified("报告离州外出") == {"office_director", "secretary_general"}
    assert notified("通报：") == {"governor", "vice_liu"}
    assert not notified("周强") & {"fgw_clerk", "fgw_head", "exec_vice", "vice_ayigul"}


@pytest.mark.article(58)
def test_a_clerks_own_absence_is_not_reported_here(user, person) -> None:
    before = counts()
    with pytest.raises(Refused) as refused:
        report_absence(user("fgw_clerk"), person("fgw_clerk"), START, END, "喀什", "leave")
    [decision] = refused.value.decisions
    assert decision.code == "leave.not_covered"
    assert decision.citation is not None
    assert decision.citation.article == 58
    assert counts() == before


@pytest.mark.parametrize(
    ("destination", "purpose", "start", "end", "field"),
    [
        ("  ", "trip", START, END, "destination"),
        ("乌鲁木齐", "holiday-ish", START, END, "purpose"),
    ],
)
def test_bad_input_writes_nothing(user, person, destination, purpose, start, end, field) -> None:
    before = counts()
    with pytest.raises(InvalidInput) as error:
        report_absence(user("vice_liu"), person("vice_liu"), start, end, destination, purpose)
    assert error.value.field == field
    assert counts() == before


@pytest.mark.article(58)
def test_return_before_departure_is_bad_input_and_changes_nothing(user, person) -> None:
    before = counts()
    with pytest.raises(InvalidInput) as bad:
        report_absence(user("vice_liu"), person("vice_liu"), END, START, "乌鲁木齐", "trip")
    assert bad.value.message == "预计返回日期不能早于离州日期，请更正。"
    assert bad.value.field == "end"
    assert counts() == before


@pytest.mark.article(58)
def test_late_report_is_allowed_and_marked_late(user, person) -> None:
    absence = report_absence(user("vice_liu"), person("vice_liu"), D(2026, 11, 29), END, "喀什", "trip")
    record = AuditRecord.objects.get(action="org.absence.report", object_id=str(absence.pk))
    assert record.details["late"] is True


@pytest.mark.article(58)
def test_overlapping_open_absence_is_refused(user, person) -> None:
    report_absence(user("vice_liu"), person("vice_liu"), START, END, "乌鲁木齐", "trip")
    before = counts()
    with pytest.raises(Refused, match="未销假") as refused:
        report_absence(user("vice_liu"), person("vice_liu"), D(2026, 12, 4), D(2026, 12, 8), "北京", "trip")
    assert refused.value.decisions[0].citation.article == 58
    assert counts() == before
    # a later, non-overlapping absence is fine
    report_absence(user("vice_liu"), person("vice_liu"), D(2026, 12, 9), D(2026, 12, 10), "北京", "trip")
    assert Absence.objects.filter(person=person("vice_liu")).count() == 2
