"""The calendar in the database and the administrator's edits to it (art. 63: time limits run on it)."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.workdays import actions, services
from zhengwu.workdays.arith import UnknownYearError, parse_date_spec
from zhengwu.workdays.models import CalendarDay, CalendarSource, CalendarYear

D = dt.date
pytestmark = pytest.mark.article(63)

HOLIDAYS_2027 = {
    d: "假日" for d in parse_date_spec("2027-01-01, 2027-02-05..2027-02-11, 2027-10-01..2027-10-07")
}
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
        (D(2026, 3, 21), "weekend", False),
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


def test_2027_is_unknown_until_entered(db) -> None:
    with pytest.raises(UnknownYearError) as error:
        services.add_working_days(D(2026, 12, 30), 5)
    assert error.value.year == 2027


def test_admin_enters_2027(user) -> None:
    admin = user("admin")
    year = actions.set_year(admin, 2027, HOLIDAYS_2027, MAKEUP_2027, "国办发明电〔2026〕X号")
    assert year.source == CalendarSource.ADMIN
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
    assert services.missing_next_year(D(2026, 11, 27)) is None


def test_clerk_may_not_enter_a_year(user) -> None:
    before = (CalendarDay.objects.count(), AuditRecord.objects.count())
    with pytest.raises(Refused) as refused:
        actions.set_year(user("clerk_wendian"), 2027, HOLIDAYS_2027, MAKEUP_2027, "通知")
    assert refused.value.decisions[0].code == "admin.required"
    assert (CalendarDay.objects.count(), AuditRecord.objects.count()) == before
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_years_must_be_contiguous(user) -> None:
    with pytest.raises(InvalidInput) as error:
        actions.set_year(user("admin"), 2028, {}, {}, "通知")
    assert "请先录入2027年" in error.value.message
    assert error.value.field == "year"
    assert not CalendarYear.objects.filter(year=2028).exists()


def test_makeup_day_on_a_weekday_is_invalid(user) -> None:
    with pytest.raises(InvalidInput) as error:
        actions.set_year(user("admin"), 2027, HOLIDAYS_2027, {D(2027, 2, 15): "调休"}, "通知")
    assert "2027-02-15" in error.value.message
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_note_is_required(user) -> None:
    with pytest.raises(InvalidInput) as error:
        actions.set_year(user("admin"), 2027, HOLIDAYS_2027, MAKEUP_2027, "  ")
    assert error.value.field == "note"


def test_local_holiday_shifts_deadlines(user) -> None:
    assert services.add_working_days(D(2026, 3, 19), 1) == D(2026, 3, 20)
    assert services.add_working_days(D(2026, 3, 16), 7) == D(2026, 3, 25)
    row = actions.set_day(user("admin"), D(2026, 3, 20), "holiday", "诺鲁孜节", "州政府通知")
    assert (row.kind, row.is_working, row.name) == ("holiday", False, "诺鲁孜节")
    assert row.source == CalendarSource.ADMIN
    assert services.add_working_days(D(2026, 3, 19), 1) == D(2026, 3, 23)
    assert services.add_working_days(D(2026, 3, 16), 7) == D(2026, 3, 26)
    assert services.working_days_between(D(2026, 3, 16), D(2026, 12, 31)) == (
        CalendarDay.objects.get(date=D(2026, 12, 31)).work_index
        - CalendarDay.objects.get(date=D(2026, 3, 16)).work_index
    )
    record = AuditRecord.objects.filter(action="calendar.day.set").last()
    assert record is not None
    assert record.article == 63
    assert record.details["old"] == ["workday", ""]
    assert record.details["new"] == ["holiday", "诺鲁孜节"]


def test_set_day_checks_its_input(user) -> None:
    admin = user("admin")
    with pytest.raises(InvalidInput):
        actions.set_day(admin, D(2026, 3, 20), "makeup", "", "通知")  # a Friday
    with pytest.raises(InvalidInput):
        actions.set_day(admin, D(2026, 3, 21), "workday", "", "通知")  # a Saturday
    with pytest.raises(InvalidInput):
        actions.set_day(admin, D(2026, 3, 20), "party", "", "通知")
    with pytest.raises(InvalidInput, match="2027年的工作日安排尚未录入"):
        actions.set_day(admin, D(2027, 3, 20), "holiday", "", "通知")
    with pytest.raises(Refused):
        actions.set_day(user("clerk_wendian"), D(2026, 3, 20), "holiday", "诺鲁孜节", "通知")
    assert CalendarDay.objects.get(date=D(2026, 3, 20)).kind == "workday"


def test_weekend_made_a_makeup_day(user) -> None:
    actions.set_day(user("admin"), D(2026, 3, 21), "makeup", "调休", "州政府通知")
    assert services.add_working_days(D(2026, 3, 20), 1) == D(2026, 3, 21)


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
            actions.set_day(user("admin"), D(2026, 3, 20), "holiday", "诺鲁孜节", "通知")
            assert services.add_working_days(D(2026, 3, 19), 1) == D(2026, 3, 23)
            raise _Rollback

    # a clock earlier than the calendar's last change (time travel), so updated_at cannot move on
    with time_machine.travel("2026-03-01 09:00 +0800", tick=False):
        with pytest.raises(_Rollback):
            edit_then_roll_back()
        actions.set_day(user("admin"), D(2026, 3, 23), "holiday", "地方节日", "通知")
        assert services.add_working_days(D(2026, 3, 19), 1) == D(2026, 3, 20)
        assert services.add_working_days(D(2026, 3, 20), 1) == D(2026, 3, 24)
