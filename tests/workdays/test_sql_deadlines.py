"""Bulk deadlines in SQL (``working_day_deadline``) agree with the pure arithmetic, row for row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models.functions import ExtractDay

from zhengwu.workdays import actions, services
from zhengwu.workdays.arith import UnknownYearError
from zhengwu.workdays.models import CalendarDay
from zhengwu.workdays.services import working_day_deadline

pytestmark = pytest.mark.article(63)


def test_sql_deadline_equals_pure_arithmetic_for_every_day_of_2026(db) -> None:
    cal = services.calendar()
    rows = list(
        CalendarDay.objects.filter(date__year=2026)
        .annotate(due=working_day_deadline("date", 7))
        .values_list("date", "due")
    )
    assert len(rows) == 365
    checked = 0
    for day, due in rows:
        try:
            expected = cal.add_working_days(day, 7)
        except UnknownYearError:
            assert due is None, day
            continue
        assert due == expected, day
        checked += 1
    assert checked > 300
    # the last days of 2026: 7 working days later is in 2027, stored as provisional (statutory days)
    assert dict(rows)[dt.date(2026, 12, 31)] == dt.date(2027, 1, 12)
    assert dict(rows)[dt.date(2026, 2, 12)] == dt.date(2026, 2, 28)


def test_sql_deadline_with_n_from_a_field_of_the_row(db) -> None:
    cal = services.calendar()
    rows = (
        CalendarDay.objects.filter(date__year=2025)
        .annotate(k=ExtractDay("date"))
        .annotate(due=working_day_deadline("date", "k"))
        .values_list("date", "k", "due")
    )
    for day, k, due in rows:
        assert k == day.day
        assert due == cal.add_working_days(day, k), day


def test_sql_deadline_in_one_query(db, django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        dues = list(
            CalendarDay.objects.filter(date__year=2025)
            .annotate(due=working_day_deadline("date", 30))
            .values_list("due", flat=True)
        )
    assert len(dues) == 365
    assert all(d is not None for d in dues)


def test_sql_deadline_follows_an_entered_year(user) -> None:
    actions.set_year(user("admin"), 2027, {dt.date(2027, 1, 1): "元旦"}, {}, "通知")
    due = (
        CalendarDay.objects.filter(date=dt.date(2026, 12, 30))
        .annotate(due=working_day_deadline("date", 5))
        .values_list("due", flat=True)
        .get()
    )
    assert due == dt.date(2027, 1, 7) == services.add_working_days(dt.date(2026, 12, 30), 5)
