"""作息时间: the office hours of the season, from the prefecture's notice over the 自治区's, and a
meeting set outside them is flagged (art. 63: the calendar the government works on)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from zhengwu.meetings.models import Meeting
from zhengwu.workdays import services

pytestmark = pytest.mark.article(63)
D = dt.date
T = dt.time


@pytest.mark.parametrize(
    ("day", "season", "label"),
    [
        (D(2023, 6, 1), "summer", "10:00—13:30、16:30—20:00"),  # 克政办明电〔2022〕35号
        (D(2023, 12, 1), "winter", "10:00—14:00、16:00—19:30"),
        (D(2026, 3, 1), "winter", "10:00—14:00、16:00—19:30"),  # no later notice: the seasons repeat
        (D(2026, 5, 1), "summer", "10:00—13:30、16:30—20:00"),
    ],
)
def test_the_season_in_force(day, season, label) -> None:
    hours = services.office_hours(day)
    assert hours is not None
    assert (hours.season, hours.label()) == (season, label)


def test_a_government_without_a_local_notice_uses_the_regions(settings) -> None:
    settings.ZHENGWU_LOCAL_CALENDAR_DATA = "no-such-file"
    hours = services.office_hours(D(2023, 6, 1))
    assert hours is not None
    assert hours.label() == "10:00—14:00、16:00—20:00"  # the 自治区's summer hours


def test_outside_office_hours_is_said() -> None:
    assert services.outside_office_hours(D(2026, 6, 1), T(9, 0)) == (
        "09:00不在夏季作息时间（10:00—13:30、16:30—20:00，北京时间）内，请确认会议时间。"
    )
    assert services.outside_office_hours(D(2026, 6, 1), T(10, 0)) == ""
    assert services.outside_office_hours(D(2026, 6, 1), T(14, 0)) != ""  # the midday break


def test_the_meeting_page_warns_of_a_meeting_outside_office_hours(client_as, db) -> None:
    m = Meeting.objects.order_by("pk").first()
    assert m is not None
    with time_machine.travel("2026-06-15 10:00 +0800", tick=False):
        Meeting.objects.filter(pk=m.pk).update(start_time=T(8, 30))
        body = client_as("clerk_huiwu").get(f"/meetings/{m.pk}/").content.decode()
        assert "08:30不在" in body
        Meeting.objects.filter(pk=m.pk).update(start_time=T(10, 30))
        body = client_as("clerk_huiwu").get(f"/meetings/{m.pk}/").content.decode()
        assert "不在夏季作息时间" not in body
        assert "不在冬季作息时间" not in body
