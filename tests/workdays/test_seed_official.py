"""Loading the official schedules (``seed_official``): always audited, and replacing a year keeps
what an administrator entered unless told to discard it (art. 63: time limits run on this calendar)."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.audit.models import AuditRecord
from zhengwu.audit.services import action_records
from zhengwu.core.decisions import Refused
from zhengwu.workdays import actions, services
from zhengwu.workdays.models import CalendarDay, CalendarSource, CalendarYear

D = dt.date
pytestmark = pytest.mark.article(63)


@pytest.fixture
def local_days(user) -> None:
    """诺鲁孜节 on a Friday and a make-up Saturday, entered by the administrator."""
    admin = user("admin")
    actions.set_day(admin, D(2026, 4, 17), "holiday", "诺鲁孜节", "州政府通知")
    actions.set_day(admin, D(2026, 4, 18), "makeup", "诺鲁孜节调休", "州政府通知")


def _seed_records():
    return AuditRecord.objects.filter(action="calendar.seed", object_id="2026")


def test_replacing_keeps_the_administrators_days_and_is_audited_by_the_system(local_days) -> None:
    before = _seed_records().count()
    result = actions.seed_official(None, [2026], replace=True)
    assert result.years == [2026]
    assert [(d.date, d.kind, d.official) for d in result.kept] == [
        (D(2026, 4, 17), "holiday", "workday"),
        (D(2026, 4, 18), "makeup", "weekend"),
    ]
    assert result.overwritten == []
    holiday = CalendarDay.objects.get(date=D(2026, 4, 17))
    assert (holiday.kind, holiday.name, holiday.source) == ("holiday", "诺鲁孜节", CalendarSource.ADMIN)
    assert CalendarDay.objects.get(date=D(2026, 4, 18)).is_working
    assert CalendarDay.objects.get(date=D(2026, 2, 14)).source == CalendarSource.OFFICIAL
    assert services.add_working_days(D(2026, 4, 16), 1) == D(2026, 4, 18)  # the make-up Saturday

    assert _seed_records().count() == before + 1
    record = _seed_records().last()
    assert record is not None
    assert record.actor_id is None
    assert record.actor_name == "系统"
    assert record.article == 63
    assert "按官方安排重新载入2026年" in record.summary
    assert "保留管理员录入的2天：2026-04-17 节假日（诺鲁孜节），官方安排为工作日" in record.summary
    assert "2026-04-18 调休上班日（诺鲁孜节调休），官方安排为周末休息日" in record.summary
    assert record.details["kept"] == ["2026-04-17", "2026-04-18"]
    assert CalendarYear.objects.get(year=2026).source == CalendarSource.OFFICIAL


def test_discard_local_overwrites_them_and_says_so(local_days, user) -> None:
    result = actions.seed_official(user("admin"), [2026], replace=True, discard_local=True)
    assert [d.date for d in result.overwritten] == [D(2026, 4, 17), D(2026, 4, 18)]
    assert result.kept == []
    assert CalendarDay.objects.get(date=D(2026, 4, 17)).kind == "workday"
    assert CalendarDay.objects.get(date=D(2026, 4, 18)).kind == "weekend"
    assert not CalendarDay.objects.filter(date__year=2026, source=CalendarSource.ADMIN).exists()
    assert services.add_working_days(D(2026, 4, 16), 1) == D(2026, 4, 17)
    record = _seed_records().last()
    assert record is not None
    assert record.actor_id == user("admin").pk
    assert "覆盖管理员录入的2天" in record.summary


def test_an_administrators_day_that_agrees_with_the_official_one_is_not_reported(user) -> None:
    actions.set_day(user("admin"), D(2026, 2, 14), "makeup", "春节调休", "通知")  # officially a make-up day too
    result = actions.seed_official(None, [2026], replace=True)
    assert (result.kept, result.overwritten) == ([], [])


def test_nothing_to_load_writes_nothing(db) -> None:
    before = action_records().count()
    result = actions.seed_official(None, [2026])
    assert not result
    assert result.years == []
    assert action_records().count() == before


def test_only_an_administrator_seeds(user) -> None:
    before = action_records().count()
    with pytest.raises(Refused):
        actions.seed_official(user("clerk_wendian"), [2026], replace=True)
    assert action_records().count() == before


def test_set_day_is_summarised_in_chinese(user) -> None:
    actions.set_day(user("admin"), D(2026, 4, 18), "makeup", "", "通知")
    record = AuditRecord.objects.filter(action="calendar.day.set").last()
    assert record is not None
    assert record.summary == "将2026-04-18设为调休上班日（本地）"
    actions.set_day(user("admin"), D(2026, 4, 17), "holiday", "诺鲁孜节", "通知")
    last = AuditRecord.objects.filter(action="calendar.day.set").last()
    assert last is not None
    assert last.summary == "将2026-04-17设为节假日（诺鲁孜节）（本地）"


def test_years_before_the_regions_rules_are_not_provisional(db) -> None:
    """Xinjiang's 令第174号 applies from 2012: 2011 has nothing to wait for; 2024, whose notice was not
    found, is estimated and provisional; 2025, whose notice ships, is official."""
    assert not CalendarYear.objects.get(year=2011).provisional
    assert CalendarYear.objects.get(year=2024).provisional
    assert not CalendarYear.objects.get(year=2025).provisional
    assert CalendarDay.objects.get(date=D(2024, 4, 10)).layer == "xinjiang"  # 肉孜节, estimated
