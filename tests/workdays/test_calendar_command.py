"""``zhengwu calendar``: deadlines from the command line; unknown years named with the remedy."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zhengwu.audit.models import AuditRecord
from zhengwu.workdays.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.article(63)


def run(*args: str) -> str:
    out = StringIO()
    call_command("calendar", *args, stdout=out)
    return out.getvalue().strip()


def test_add_working_days(db) -> None:
    assert run("add-working-days", "2026-02-12", "7") == "2026-02-28"


def test_working_days_between(db) -> None:
    assert run("working-days-between", "2026-02-12", "2026-02-28") == "7"


def test_add_days_rolls_past_the_national_day_holiday(db) -> None:
    assert run("add-days", "2026-09-01", "30") == "2026-10-08"


def test_add_months_to_the_end_of_february(db) -> None:
    assert run("add-months", "2025-11-30", "3") == "2026-02-28"  # a Saturday, but a make-up working day
    assert run("add-months", "2026-01-31", "1") == "2026-02-28"
    assert run("add-days", "2026-02-13", "1") == "2026-02-14"  # make-up day: no roll-forward
    assert run("add-days", "2026-02-13", "2") == "2026-02-24"  # 春节 → the first working day after


def test_show_lists_holidays_and_makeup_days(db) -> None:
    out = run("show", "2026")
    assert "2026-02-14  makeup" in out
    assert "2026-10-07  holiday" in out


def test_unknown_year_names_it_and_says_how_to_add_it(db) -> None:
    with pytest.raises(CommandError) as error:
        run("add-working-days", "2003-03-01", "3")
    message = str(error.value)
    assert "2003年的工作日安排尚未录入" in message
    assert "zhengwu calendar set-year 2003" in message


def test_a_provisional_year_is_computed_and_marked(db) -> None:
    out, err = StringIO(), StringIO()
    call_command("calendar", "add-working-days", "2026-12-28", "7", stdout=out, stderr=err)
    assert out.getvalue().strip() == "2027-01-07"
    assert "暂按法定节假日推算，待公布2027年放假安排后自动重算" in err.getvalue()


def test_set_year_as_admin(db) -> None:
    out = run(
        "set-year",
        "2027",
        "--holidays",
        "2027-01-01, 2027-02-05..2027-02-11",
        "--makeup",
        "2027-02-14",
        "--note",
        "国办发明电",
        "--as-user",
        "admin",
    )
    assert "2027年工作日安排已保存" in out
    assert CalendarYear.objects.get(year=2027).updated_by.username == "admin"
    assert run("add-working-days", "2026-12-30", "5") == "2027-01-07"


def test_set_year_as_clerk_is_refused(db) -> None:
    with pytest.raises(CommandError, match="只有系统管理员"):
        run("set-year", "2027", "--holidays", "2027-01-01", "--note", "通知", "--as-user", "clerk_wendian")
    assert CalendarYear.objects.get(year=2027).updated_by is None  # still the provisional estimate


def test_bad_date_spec_is_a_command_error(db) -> None:
    with pytest.raises(CommandError, match="不存在的日期"):
        run("set-year", "2027", "--holidays", "2027-13-01", "--note", "通知", "--as-user", "admin")


def test_seed_replace_keeps_local_days_unless_discarded(db) -> None:
    run("set-day", "2026-04-17", "holiday", "--name", "诺鲁孜节", "--note", "州政府通知", "--as-user", "admin")
    before = AuditRecord.objects.filter(action="calendar.seed").count()
    out = run("seed", "--years", "2026", "--replace")
    assert "载入年份：2026" in out
    assert "保留管理员录入的1天（与官方安排不同）：" in out
    assert "2026-04-17 节假日（诺鲁孜节），官方安排为工作日" in out
    assert "--discard-local" in out
    assert CalendarDay.objects.get(date="2026-04-17").kind == "holiday"
    record = AuditRecord.objects.filter(action="calendar.seed").last()
    assert AuditRecord.objects.filter(action="calendar.seed").count() == before + 1
    assert record is not None
    assert record.actor_name == "系统"

    out = run("seed", "--years", "2026", "--replace", "--discard-local")
    assert "已按官方安排覆盖管理员录入的1天：" in out
    assert CalendarDay.objects.get(date="2026-04-17").kind == "workday"
    with pytest.raises(CommandError, match="--discard-local 只与 --replace 一起使用"):
        run("seed", "--years", "2026", "--discard-local")


def test_set_day_prints_the_chinese_kind(db) -> None:
    out = run("set-day", "2026-04-18", "makeup", "--note", "通知", "--as-user", "admin")
    assert out == "2026-04-18已设为调休上班日。"


def test_years_says_which_are_official_and_which_provisional(db) -> None:
    out = run("years")
    assert "2025  官方  全国：官方" in out
    assert "新疆维吾尔自治区：官方（新疆维吾尔自治区人民政府办公厅关于2025年节假日放假和冬夏季作息时间安排的通知" in out
    assert "2027  暂定  全国：暂定（推算）；新疆维吾尔自治区：暂定（推算）" in out


def test_set_year_of_the_xinjiang_layer(db) -> None:
    run(
        "set-year",
        "2027",
        "--layer",
        "xinjiang",
        "--holidays",
        "2027-03-09",
        "--note",
        "新政办明电",
        "--as-user",
        "admin",
    )
    assert "2027-03-09  holiday  节假日（新疆维吾尔自治区）" not in run("show", "2027")  # unnamed: listed by date
    assert CalendarDay.objects.get(date="2027-03-09").layer == "xinjiang"
    assert "新疆维吾尔自治区：管理员录入" in run("years")
