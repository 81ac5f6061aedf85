"""The working-day calendar (art. 63): computations, years, and the administrator's edits."""

from __future__ import annotations

import pytest

from zhengwu.audit.models import AuditRecord
from zhengwu.workdays.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.article(63)


def test_add_working_days_over_the_spring_festival(api_as):
    response = api_as("fgw_clerk").get("/calendar/add-working-days", date="2026-02-12", n=7)
    assert response.json() == {"date": "2026-02-28"}  # 2/14 and 2/28 are make-up days; 2/15–2/23 off


def test_working_days_between(api_as):
    response = api_as("fgw_clerk").get("/calendar/working-days-between", a="2026-02-12", b="2026-02-28")
    assert response.json() == {"count": 7}


def test_calendar_days_roll_forward_past_a_holiday(api_as):
    response = api_as("fgw_clerk").get("/calendar/add-days", date="2026-09-01", n=30)
    assert response.json() == {"date": "2026-10-08"}


def test_add_months(api_as):
    response = api_as("fgw_clerk").get("/calendar/add-months", date="2025-11-30", n=3)
    assert response.json() == {"date": "2026-02-28"}  # no 2/30: the month's last day, a make-up working day


def test_add_months_rolls_past_a_weekend(api_as):
    response = api_as("fgw_clerk").get("/calendar/add-months", date="2026-03-04", n=1)
    assert response.json() == {"date": "2026-04-07"}  # 4/4–4/6 is the Qingming holiday


def test_unknown_year_is_409_naming_it(api_as):
    response = api_as("fgw_clerk").get("/calendar/add-working-days", date="2026-12-30", n=5)
    assert response.status_code == 409
    body = response.json()
    assert body["year"] == 2027
    assert "2027年的工作日安排尚未录入" in body["detail"]
    assert api_as("fgw_clerk").get("/calendar/years/2027").json()["year"] == 2027


def test_negative_calendar_period_is_422(api_as):
    response = api_as("fgw_clerk").get("/calendar/add-days", date="2026-09-01", n=-1)
    assert response.status_code == 422
    assert response.json() == {"detail": "期间天数不能为负数：-1", "field": "n"}


def test_years_with_their_source(api_as):
    years = api_as("fgw_clerk").get("/calendar/years").json()
    assert {(y["year"], y["source"]) for y in years} >= {(2025, "official"), (2026, "official")}


def test_a_year_lists_holidays_and_makeup_days(api_as):
    body = api_as("fgw_clerk").get("/calendar/years/2026").json()
    holidays = {d["date"] for d in body["holidays"]}
    assert {"2026-01-01", "2026-02-15", "2026-02-23", "2026-10-07"} <= holidays
    assert [d["date"] for d in body["makeup_days"]] == [
        "2026-01-04",
        "2026-02-14",
        "2026-02-28",
        "2026-05-09",
        "2026-09-20",
        "2026-10-10",
    ]


YEAR_2027 = {
    "holidays": "2027-01-01, 2027-02-05..2027-02-11",
    "makeup": "2027-02-14",
    "note": "国办发明电〔2026〕X号",
}


def test_office_clerk_cannot_enter_a_year(api_as):
    before = CalendarYear.objects.count(), CalendarDay.objects.count(), AuditRecord.objects.count()
    response = api_as("clerk_wendian").put("/calendar/years/2027", YEAR_2027)
    assert response.status_code == 403
    decision = response.json()["decisions"][0]
    assert decision["code"] == "admin.required"
    assert decision["citation"]["article"] == 63
    assert (
        response.json()["detail"]
        == "只有系统管理员可以修改组织机构、工作日历、规则版本和参数（《工作规则》第六十三条）"
    )
    assert (CalendarYear.objects.count(), CalendarDay.objects.count(), AuditRecord.objects.count()) == before


def test_admin_enters_a_year_and_deadlines_reach_into_it(api_as):
    response = api_as("admin").put("/calendar/years/2027", YEAR_2027)
    assert response.status_code == 200
    body = response.json()
    assert body["source"] == "admin"
    assert len(body["holidays"]) == 8
    assert [d["date"] for d in body["makeup_days"]] == ["2027-02-14"]
    assert AuditRecord.objects.filter(action="calendar.year.set", object_id="2027").exists()
    after = api_as("fgw_clerk").get("/calendar/add-working-days", date="2026-12-30", n=5)
    assert after.json() == {"date": "2027-01-07"}  # 12/31, 1/4, 1/5, 1/6, 1/7 (1/1 off)


@pytest.mark.parametrize(
    ("payload", "field", "fragment"),
    [
        ({**YEAR_2027, "holidays": "2027-02-30"}, "holidays", "不存在的日期“2027-02-30”"),
        ({**YEAR_2027, "makeup": "2027-02-15"}, "holidays", "不是周六或周日"),
        ({**YEAR_2027, "note": " "}, "note", "请注明依据"),
        ({**YEAR_2027, "holidays": "2027/01/01"}, "holidays", "日期应写作 YYYY-MM-DD"),
    ],
)
def test_bad_schedule_is_422_and_nothing_changes(api_as, payload, field, fragment):
    before = CalendarYear.objects.count(), CalendarDay.objects.count(), AuditRecord.objects.count()
    response = api_as("admin").put("/calendar/years/2027", payload)
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert fragment in response.json()["detail"]
    assert (CalendarYear.objects.count(), CalendarDay.objects.count(), AuditRecord.objects.count()) == before


def test_admin_marks_a_local_holiday(api_as):
    response = api_as("admin").put(
        "/calendar/days/2026-03-20", {"kind": "holiday", "name": "诺鲁孜节", "note": "州政府通知"}
    )
    assert response.status_code == 200
    assert response.json() == {
        "date": "2026-03-20",
        "kind": "holiday",
        "name": "诺鲁孜节",
        "is_working": False,
        "source": "admin",
    }
    moved = api_as("fgw_clerk").get("/calendar/add-working-days", date="2026-03-19", n=1)
    assert moved.json() == {"date": "2026-03-23"}


def test_clerk_cannot_mark_a_day(api_as):
    response = api_as("clerk_wendian").put("/calendar/days/2026-03-20", {"kind": "holiday", "note": "x"})
    assert response.status_code == 403
    assert response.json()["decisions"][0]["citation"]["label"] == "《工作规则》第六十三条"
    assert CalendarDay.objects.get(date="2026-03-20").kind == "workday"


def test_bad_day_kind_is_422(api_as):
    response = api_as("admin").put("/calendar/days/2026-03-20", {"kind": "festival", "note": "x"})
    assert response.status_code == 422
    assert response.json()["field"] == "kind"
    assert CalendarDay.objects.get(date="2026-03-20").kind == "workday"
