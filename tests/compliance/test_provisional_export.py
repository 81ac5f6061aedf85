"""The compliance export prints a deadline in a provisional year as 「2027-01-04（暂定）」 (art. 63);
the page shows the 「暂定」 badge (tests/web/test_provisional_marks.py)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import pytest
import time_machine

from zhengwu.workdays import dues
from zhengwu.workdays.services import provisional_note

pytestmark = [pytest.mark.django_db, pytest.mark.article(63)]


@pytest.fixture
def late() -> Iterator[time_machine.Traveller]:
    """2026-12-30, a Wednesday: 2027-01-04 (provisional) is two working days ahead."""
    with time_machine.travel("2026-12-30 10:00 +0800", tick=False) as traveller:
        yield traveller


def test_the_xlsx_marks_a_provisional_deadline_and_only_it(client_as, open_item, late) -> None:
    from openpyxl import load_workbook

    open_item(title="清理拖欠中小企业账款", co=(), due=dt.date(2026, 12, 31))
    open_item(title="冬季供暖保障检查", lead="jyj", co=(), due=dt.date(2027, 1, 4))
    r = client_as("vice_liu").get("/compliance/?format=xlsx")
    assert r.status_code == 200
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    by_title = {row[2]: row for row in rows[1:] if row[2]}
    assert by_title["清理拖欠中小企业账款"][4] == "2026-12-31"
    assert by_title["冬季供暖保障检查"][4] == "2027-01-04（暂定）"
    page = client_as("vice_liu").get("/compliance/").content.decode()
    assert page.count('class="due-provisional"') == 1
    assert provisional_note(2027) in page


def test_plain_text_of_a_deadline(db) -> None:
    assert dues.plain(dt.date(2026, 12, 31)) == "2026-12-31"
    assert dues.plain(dt.date(2027, 1, 7)) == "2027-01-07（暂定）"
    assert dues.plain(None) == ""
    beijing = dt.timezone(dt.timedelta(hours=8))
    assert dues.plain(dt.datetime(2027, 1, 1, tzinfo=beijing), "%Y-%m-%d %H:%M") == "2027-01-01 00:00"  # 24:00 of 12-31
    assert dues.note(dt.date(2027, 1, 7)) == provisional_note(2027)
    assert dues.note(dt.date(2026, 12, 31)) == ""
