"""The working-day calendar (art. 63): computations, years, and the administrator's edits."""

from __future__ import annotations

import pytest

from zhengwu.audit.models import AuditRecord
from zhengwu.audit.services import action_records
from zhengwu.workdays.models import CalendarDay, CalendarYear

OFFICIAL = {"provisional": False, "provisional_note": None}
pytestmark = pytest.mark.article(63)


def test_add_working_days_over_the_spring_festival(api_as):
    response = api_as("fgw_clerk").get("/calendar/add-working-days", date="2026-02-12", n=7)
    assert response.json() == {"date": "2026-02-28", **OFFICIAL}  # 2/14 and 2/28 are make-up days; 2/15–2/23 off


def test_working_days_between(api_as):
    response = api_as("fgw_clerk").get("/calendar/working-days-between", a="2026-02-12", b="2026-02-28")
    assert response.json() == {"count": 7, **OFFICIAL}


def test_calendar_days_roll_forward_past_a_holiday(api_as):
    response = api_as("fgw_clerk").get("/calendar/add-days", date="2026-09-01", n=30)
    assert response.json() == {"date": "2026-10-08", **OFFICIAL}


def test_add_months(api_as):
    response = api_as("fgw_clerk").get("/calendar/add-months", date="2025-11-30", n=3)
    assert response.json() == {"date": "2026-02-28", **OFFICIAL}  # no 2/30: the month's last day, a make-up working day


def test_add_months_rolls_past_a_weekend(api_as):
    response = api_as("fgw_clerk").get("/calendar/add-months", date="2026-03-04", n=1)
    assert response.json() == {"date": "2026-04-07", **OFFICIAL}  # 4/4–4/6 is the Qingming holiday


def test_unknown_year_is_409_naming_it(api_as):
    response = api_as("fgw_clerk").get("/calendar/add-working-days", date="2003-12-30", n=5)
    assert response.status_code == 409
    body = response.json()
    assert body["year"] == 2003
    assert "2003年的工作日安排尚未录入" in body["detail"]


def test_a_provisional_year_is_computed_and_marked(api_as):
    response = api_as("fgw_clerk").get("/calendar/add-working-days", date="2026-12-28", n=7)
    assert response.status_code == 200
    assert response.json() == {
        "date": "2027-01-07",
        "provisional": True,
        "provisional_note": "暂按法定节假日推算，待公布2027年放假安排后自动重算",
    }
    year = api_as("fgw_clerk").get("/calendar/years/2027").json()
    assert (year["year"], year["provisional"], year["source"]) == (2027, True, "provisional")
    assert {ly["layer"]: ly["source"] for ly in year["layers"]} == {
        "national": "provisional",
        "xinjiang": "provisional",
    }
    assert "2027-02-05" in {d["date"] for d in year["holidays"]}  # 除夕, by law


def test_the_xinjiang_layer_counts(api_as):
    response = api_as("fgw_clerk").get("/calendar/add-working-days", date="2025-03-27", n=3)
    assert response.json()["date"] == "2025-04-02"  # 3-28 (1); 3-29..3-31 肉孜节; 4-1 (2), 4-2 (3)
    days = {d["date"]: d for d in api_as("fgw_clerk").get("/calendar/years/2025").json()["holidays"]}
    assert (days["2025-03-31"]["name"], days["2025-03-31"]["layer"]) == ("肉孜节", "xinjiang")


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
    before = CalendarYear.objects.count(), CalendarDay.objects.count(), action_records().count()
    response = api_as("clerk_wendian").put("/calendar/years/2027", YEAR_2027)
    assert response.status_code == 403
    decision = response.json()["decisions"][0]
    assert decision["code"] == "admin.required"
    assert decision["citation"]["article"] == 63
    assert (
        response.json()["detail"]
        == "只有系统管理员可以修改组织机构、工作日历、规则版本和参数（《工作规则》第六十三条）"
    )
    assert (CalendarYear.objects.count(), CalendarDay.objects.count(), action_records().count()) == before


def test_admin_enters_a_year_and_deadlines_reach_into_it(api_as):
    response = api_as("admin").put("/calendar/years/2027", YEAR_2027)
    assert response.status_code == 200
    body = response.json()
    assert {ly["layer"]: ly["source"] for ly in body["layers"]}["national"] == "admin"
    assert body["provisional"]  # the 自治区's notice for 2027 has not come
    assert len([d for d in body["holidays"] if d["layer"] == "national"]) == 8
    assert [d["date"] for d in body["makeup_days"]] == ["2027-02-14"]
    assert AuditRecord.objects.filter(action="calendar.year.set", object_id="2027").exists()
    after = api_as("fgw_clerk").get("/calendar/add-working-days", date="2026-12-30", n=5)
    assert after.json()["date"] == "2027-01-07"  # 12/31, 1/4, 1/5, 1/6, 1/7 (1/1 off)


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
    before = CalendarYear.objects.count(), CalendarDay.objects.count(), action_records().count()
    response = api_as("admin").put("/calendar/years/2027", payload)
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert fragment in response.json()["detail"]
    assert (CalendarYear.objects.count(), CalendarDay.objects.count(), action_records().count()) == before


def test_admin_marks_a_local_holiday(api_as):
    response = api_as("admin").put(
        "/calendar/days/2026-04-17", {"kind": "holiday", "name": "诺鲁孜节", "note": "州政府通知"}
    )
    assert response.status_code == 200
    assert response.json() == {
        "date": "2026-04-17",
        "kind": "holiday",
        "name": "诺鲁孜节",
        "is_working": False,
        "source": "admin",
        "layer": "local",
    }
    moved = api_as("fgw_clerk").get("/calendar/add-working-days", date="2026-04-16", n=1)
    assert moved.json() == {"date": "2026-04-20", **OFFICIAL}


def test_clerk_cannot_mark_a_day(api_as):
    response = api_as("clerk_wendian").put("/calendar/days/2026-04-17", {"kind": "holiday", "note": "x"})
    assert response.status_code == 403
    assert response.json()["decisions"][0]["citation"]["label"] == "《工作规则》第六十三条"
    assert CalendarDay.objects.get(date="2026-04-17").kind == "workday"


def test_bad_day_kind_is_422(api_as):
    response = api_as("admin").put("/calendar/days/2026-04-17", {"kind": "festival", "note": "x"})
    assert response.status_code == 422
    assert response.json()["field"] == "kind"
    assert CalendarDay.objects.get(date="2026-04-17").kind == "workday"
