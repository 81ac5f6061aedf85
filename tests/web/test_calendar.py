"""工作日历 (art. 63): the year grid, the deadline calculator, the administrator's forms."""

from __future__ import annotations

import pytest

from zhengwu.audit.services import action_records
from zhengwu.workdays.models import CalendarDay, LayerYear
from zhengwu.workdays.services import covered_years

pytestmark = [pytest.mark.django_db, pytest.mark.article(63)]


def test_year_grid_marks_holidays_and_makeup_days(client_as):
    body = client_as("fgw_clerk").get("/calendar/", {"year": 2026}).content.decode()
    assert "工作日历 · 2026" in body
    assert 'class="day holiday"' in body
    assert 'class="day makeup"' in body
    assert 'class="day weekend"' in body
    assert "国庆" in body or "国庆节" in body
    assert "2026-10-10" in body  # a make-up working day, named in the list


def test_a_year_without_a_notice_is_shown_provisional_with_its_statutory_days(client_as):
    year = max(covered_years()) + 1  # not even stored: estimated on demand
    body = client_as("fgw_clerk").get("/calendar/", {"year": year}).content.decode()
    assert "暂定" in body
    assert f"{year}年尚有日历层未公布放假安排" in body
    assert f'title="{year}-01-01 元旦（全国）"' in body
    assert "新疆维吾尔自治区" in body  # the 自治区's layer, estimated (肉孜节, 古尔邦节)


def test_the_layer_of_each_day_is_shown(client_as):
    body = client_as("fgw_clerk").get("/calendar/", {"year": 2025}).content.decode()
    assert 'title="2025-03-31 肉孜节（新疆维吾尔自治区）"' in body
    assert 'title="2025-10-01 国庆节（全国）"' in body
    assert "新疆维吾尔自治区人民政府办公厅关于2025年节假日放假和冬夏季作息时间安排的通知" in body


def test_a_year_before_the_first_is_said_plainly(client_as):
    year = min(covered_years()) - 1
    body = client_as("fgw_clerk").get("/calendar/", {"year": year}).content.decode()
    assert f"{year}年早于日历的第一年" in body
    assert f"zhengwu calendar set-year {year}" in body


def test_add_working_days_across_the_national_day_holiday(client_as):
    params = {"start": "2026-09-30", "n": 1}
    response = client_as("fgw_clerk").get("/calendar/add/", params, HTTP_HX_REQUEST="true")
    assert "<strong>2026-10-08</strong>" in response.content.decode()


def test_working_days_between(client_as):
    response = client_as("fgw_clerk").get("/calendar/between/", {"a": "2026-09-30", "b": "2026-10-10"})
    assert "<strong>3</strong>" in response.content.decode()  # 10/8, 10/9 and the make-up 10/10


def test_a_provisional_year_in_the_calculator(client_as):
    year = max(covered_years()) + 1
    response = client_as("fgw_clerk").get("/calendar/add/", {"start": f"{year}-03-02", "n": 7})
    body = response.content.decode()
    assert "<strong>" in body
    assert f"暂按法定节假日推算，待公布{year}年放假安排后自动重算" in body


def test_unknown_year_in_the_calculator(client_as):
    year = min(covered_years()) - 1
    response = client_as("fgw_clerk").get("/calendar/add/", {"start": f"{year}-03-02", "n": 7})
    assert f"{year}年的工作日安排尚未录入，无法计算期限" in response.content.decode()


def _year_post(year: int) -> dict:
    return {
        "year": year,
        "holidays": f"元旦：{year}-01-01\n春节：{year}-02-05..{year}-02-12",
        "makeup": f"春节调休：{year}-02-14",
        "note": "国务院办公厅通知",
    }


def test_only_admins_see_the_forms(client_as):
    assert "录入年度安排" in client_as("admin").get("/calendar/").content.decode()
    assert "录入年度安排" not in client_as("clerk_wendian").get("/calendar/").content.decode()


def test_admin_sets_a_year(client_as):
    year = 2027  # provisional until now
    response = client_as("admin").post("/calendar/year/", _year_post(year))
    assert response.status_code == 302
    assert LayerYear.objects.get(layer="national", year=year).source == "admin"
    day = CalendarDay.objects.get(date=f"{year}-02-05")
    assert day.kind == "holiday"
    assert day.name == "春节"
    page = client_as("admin").get("/calendar/", {"year": year}).content.decode()
    assert f"录入{year}年全国放假安排" in page  # the year's audit history


def test_clerk_cannot_set_a_year(client_as):
    year = 2027
    before = action_records().count()
    response = client_as("clerk_wendian").post("/calendar/year/", _year_post(year))
    assert response.status_code == 403
    body = response.content.decode()
    assert "只有系统管理员可以修改组织机构、工作日历" in body
    assert "第六十三条" in body
    assert LayerYear.objects.get(layer="national", year=year).provisional
    assert action_records().count() == before


def test_admin_sets_a_local_holiday_and_clerk_cannot(client_as):
    data = {"date": "2026-12-15", "kind": "holiday", "name": "地方节日", "note": "州政府通知"}
    refused = client_as("clerk_wendian").post("/calendar/day/", data)
    assert refused.status_code == 403
    assert "第六十三条" in refused.content.decode()
    assert CalendarDay.objects.get(date="2026-12-15").kind == "workday"
    assert client_as("admin").post("/calendar/day/", data).status_code == 302
    assert CalendarDay.objects.get(date="2026-12-15").kind == "holiday"


def test_bad_date_spec_is_explained(client_as):
    year = max(covered_years()) + 1
    response = client_as("admin").post("/calendar/year/", {**_year_post(year), "holidays": "2027-13-01"})
    assert response.status_code == 400
    assert "不存在的日期" in response.content.decode() or "无法识别的日期" in response.content.decode()


def test_the_office_hours_of_the_year_are_shown(client_as):
    body = client_as("fgw_clerk").get("/calendar/", {"year": 2026}).content.decode()
    assert "夏季（5月1日起）10:00—13:30、16:30—20:00" in body
    assert "冬季（10月1日起）10:00—14:00、16:00—19:30" in body
