"""The calendar in the database and the administrator's edits to it (art. 63: time limits run on it)."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.audit.models import AuditRecord
from zhengwu.audit.services import action_records
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.workdays import actions, services
from zhengwu.workdays.arith import UnknownYearError, parse_date_spec
from zhengwu.workdays.models import CalendarDay, CalendarSource, CalendarYear, LayerYear

D = dt.date
pytestmark = pytest.mark.article(63)

HOLIDAYS_2027 = {d: "假日" for d in parse_date_spec("2027-01-01, 2027-02-05..2027-02-11, 2027-10-01..2027-10-07")}
MAKEUP_2027 = {D(2027, 2, 14): "春节调休上班", D(2027, 2, 20): "春节调休上班"}


@pytest.mark.parametrize(
    ("day", "kind", "working"),
    [
        (D(2025, 1, 1), "holiday", False),
        (D(2025, 1, 26), "makeup", True),
        (D(2025, 2, 4), "holiday", False),
        (D(2025, 2, 8), "makeup", True),
        (D(2025, 10, 8), "holiday", False),
        (D(2025, 10, 11), "makeup", True),
        (D(2026, 1, 2), "holiday", False),
        (D(2026, 1, 4), "makeup", True),
        (D(2026, 2, 14), "makeup", True),
        (D(2026, 2, 23), "holiday", False),
        (D(2026, 2, 24), "workday", True),
        (D(2026, 2, 28), "makeup", True),
        (D(2026, 5, 9), "makeup", True),
        (D(2026, 6, 19), "holiday", False),
        (D(2026, 9, 20), "makeup", True),
        (D(2026, 9, 25), "holiday", False),
        (D(2026, 10, 7), "holiday", False),
        (D(2026, 10, 10), "makeup", True),
        (D(2026, 3, 28), "weekend", False),
        (D(2026, 3, 23), "workday", True),
    ],
)
def test_seeded_calendar_agrees_with_the_official_tables(db, day, kind, working) -> None:
    row = CalendarDay.objects.get(date=day)
    assert (row.kind, row.is_working) == (kind, working)
    assert row.source == CalendarSource.OFFICIAL


def test_work_index_counts_working_days(db) -> None:
    a, b = CalendarDay.objects.get(date=D(2026, 2, 12)), CalendarDay.objects.get(date=D(2026, 2, 28))
    assert b.work_index - a.work_index == 7
    assert services.add_working_days(D(2026, 2, 12), 7) == D(2026, 2, 28)
    assert services.working_days_between(D(2026, 2, 12), D(2026, 2, 28)) == 7


def test_2027_is_provisional_until_entered(db) -> None:
    """No notice for 2027 yet: deadlines are counted on the statutory holidays, never refused."""
    assert services.add_working_days(D(2026, 12, 30), 5) == D(2027, 1, 7)  # 1-1 is 元旦 by law
    year = CalendarYear.objects.get(year=2027)
    assert year.provisional
    assert year.source == CalendarSource.PROVISIONAL
    assert CalendarDay.objects.get(date=D(2027, 2, 5)).kind == "holiday"  # 除夕, 春节 by law
    assert services.calendar().is_provisional(D(2027, 1, 7))
    assert not services.calendar().is_provisional(D(2026, 12, 31))


def test_a_year_before_the_first_is_unknown(db) -> None:
    with pytest.raises(UnknownYearError) as error:
        services.add_working_days(D(2003, 12, 30), 5)
    assert error.value.year == 2003


def test_admin_enters_2027(user) -> None:
    admin = user("admin")
    year = actions.set_year(admin, 2027, HOLIDAYS_2027, MAKEUP_2027, "国办发明电〔2026〕X号")
    national = LayerYear.objects.get(layer="national", year=2027)
    assert (national.source, national.updated_by) == (CalendarSource.ADMIN, admin)
    assert year.provisional  # the 自治区's notice has not come yet
    assert year.updated_by == admin
    assert CalendarDay.objects.filter(date__year=2027).count() == 365
    assert CalendarDay.objects.get(date=D(2027, 2, 8)).kind == "holiday"
    assert CalendarDay.objects.get(date=D(2027, 2, 14)).kind == "makeup"
    assert CalendarDay.objects.get(date=D(2027, 1, 2)).kind == "weekend"
    # work_index runs on across the year boundary
    last_2026 = CalendarDay.objects.get(date=D(2026, 12, 31))
    assert last_2026.is_working
    assert CalendarDay.objects.get(date=D(2027, 1, 1)).work_index == last_2026.work_index  # a holiday
    assert CalendarDay.objects.get(date=D(2027, 1, 4)).work_index == last_2026.work_index + 1
    # 12-31 (1), 1-4 .. 1-7 (2..5)
    assert services.add_working_days(D(2026, 12, 30), 5) == D(2027, 1, 7)
    assert services.add_working_days(D(2027, 2, 4), 2) == D(2027, 2, 14)
    record = AuditRecord.objects.get(action="calendar.year.set", object_id="2027")
    assert record.article == 63
    assert record.details["makeup_days"] == {"2027-02-14": "春节调休上班", "2027-02-20": "春节调休上班"}
    assert services.missing_next_year(D(2026, 11, 27)) == 2027  # still waiting for the 自治区
    actions.set_year(admin, 2027, {D(2027, 3, 9): "肉孜节"}, {}, "新政办明电〔2026〕X号", layer="xinjiang")
    assert not CalendarYear.objects.get(year=2027).provisional
    assert services.missing_next_year(D(2026, 11, 27)) is None
    assert not services.calendar().is_provisional(D(2027, 1, 7))


def test_clerk_may_not_enter_a_year(user) -> None:
    before = (CalendarDay.objects.count(), action_records().count())
    with pytest.raises(Refused) as refused:
        actions.set_year(user("clerk_wendian"), 2027, HOLIDAYS_2027, MAKEUP_2027, "通知")
    assert refused.value.decisions[0].code == "admin.required"
    assert (CalendarDay.objects.count(), action_records().count()) == before
    assert LayerYear.objects.get(layer="national", year=2027).provisional


def test_years_must_be_contiguous(user) -> None:
    with pytest.raises(InvalidInput) as error:
        actions.set_year(user("admin"), 2002, {}, {}, "通知")
    assert "请先录入2003年" in error.value.message
    assert error.value.field == "year"
    assert not CalendarYear.objects.filter(year=2002).exists()


def test_a_later_year_fills_the_years_between_as_provisional(user) -> None:
    actions.set_year(user("admin"), 2030, {D(2030, 1, 1): "元旦"}, {}, "通知")
    assert set(CalendarYear.objects.filter(year__gte=2027).values_list("year", "provisional")) == {
        (2027, True),
        (2028, True),
        (2029, True),
        (2030, True),
    }
    assert LayerYear.objects.get(layer="national", year=2029).provisional
    assert not LayerYear.objects.get(layer="national", year=2030).provisional


def test_makeup_day_on_a_weekday_is_invalid(user) -> None:
    with pytest.raises(InvalidInput) as error:
        actions.set_year(user("admin"), 2027, HOLIDAYS_2027, {D(2027, 2, 15): "调休"}, "通知")
    assert "2027-02-15" in error.value.message
    assert LayerYear.objects.get(layer="national", year=2027).provisional


def test_note_is_required(user) -> None:
    with pytest.raises(InvalidInput) as error:
        actions.set_year(user("admin"), 2027, HOLIDAYS_2027, MAKEUP_2027, "  ")
    assert error.value.field == "note"


def test_local_holiday_shifts_deadlines(user) -> None:
    assert services.add_working_days(D(2026, 4, 16), 1) == D(2026, 4, 17)
    assert services.add_working_days(D(2026, 4, 13), 7) == D(2026, 4, 22)
    row = actions.set_day(user("admin"), D(2026, 4, 17), "holiday", "诺鲁孜节", "州政府通知")
    assert (row.kind, row.is_working, row.name, row.layer) == ("holiday", False, "诺鲁孜节", "local")
    assert row.source == CalendarSource.ADMIN
    assert services.add_working_days(D(2026, 4, 16), 1) == D(2026, 4, 20)
    assert services.add_working_days(D(2026, 4, 13), 7) == D(2026, 4, 23)
    assert services.working_days_between(D(2026, 4, 13), D(2026, 12, 31)) == (
        CalendarDay.objects.get(date=D(2026, 12, 31)).work_index
        - CalendarDay.objects.get(date=D(2026, 4, 13)).work_index
    )
    record = AuditRecord.objects.filter(action="calendar.day.set").last()
    assert record is not None
    assert record.article == 63
    assert record.details["old"] == ["workday", ""]
    assert record.details["new"] == ["holiday", "诺鲁孜节"]


def test_set_day_checks_its_input(user) -> None:
    admin = user("admin")
    with pytest.raises(InvalidInput):
        actions.set_day(admin, D(2026, 4, 17), "makeup", "", "通知")  # a Friday
    with pytest.raises(InvalidInput):
        actions.set_day(admin, D(2026, 4, 18), "workday", "", "通知")  # a Saturday
    with pytest.raises(InvalidInput):
        actions.set_day(admin, D(2026, 4, 17), "party", "", "通知")
    with pytest.raises(InvalidInput, match="2003年的工作日安排尚未录入"):
        actions.set_day(admin, D(2003, 3, 20), "holiday", "", "通知")
    with pytest.raises(InvalidInput, match="不在本政府的日历层中"):
        actions.set_day(admin, D(2026, 4, 17), "holiday", "", "通知", layer="guangxi")
    with pytest.raises(Refused):
        actions.set_day(user("clerk_wendian"), D(2026, 4, 17), "holiday", "诺鲁孜节", "通知")
    assert CalendarDay.objects.get(date=D(2026, 4, 17)).kind == "workday"


def test_weekend_made_a_makeup_day(user) -> None:
    actions.set_day(user("admin"), D(2026, 4, 18), "makeup", "调休", "州政府通知")
    assert services.add_working_days(D(2026, 4, 17), 1) == D(2026, 4, 18)


def test_missing_next_year(db) -> None:
    assert services.missing_next_year(D(2026, 11, 27)) == 2027
    assert services.missing_next_year(D(2026, 10, 1)) is None
    assert services.missing_next_year(D(2025, 11, 27)) is None


class _Rollback(Exception):
    pass


def test_calendar_cache_does_not_outlive_a_rolled_back_edit(user) -> None:
    import time_machine
    from django.db import transaction

    def edit_then_roll_back() -> None:
        with transaction.atomic():
            actions.set_day(user("admin"), D(2026, 4, 17), "holiday", "诺鲁孜节", "通知")
            assert services.add_working_days(D(2026, 4, 16), 1) == D(2026, 4, 20)
            raise _Rollback

    # a clock earlier than the calendar's last change (time travel), so updated_at cannot move on
    with time_machine.travel("2026-03-01 09:00 +0800", tick=False):
        with pytest.raises(_Rollback):
            edit_then_roll_back()
        actions.set_day(user("admin"), D(2026, 4, 20), "holiday", "地方节日", "通知")
        assert services.add_working_days(D(2026, 4, 16), 1) == D(2026, 4, 17)
        assert services.add_working_days(D(2026, 4, 17), 1) == D(2026, 4, 21)
