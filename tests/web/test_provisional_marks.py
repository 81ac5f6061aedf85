"""A deadline in a year whose holiday schedule is not yet published is marked 「暂定」 wherever a page
shows it, with the sentence 「暂按法定节假日推算，待公布2027年放假安排后自动重算」 as its title and
accessible name (art. 63); a deadline in an official year is not.  In the test database 2026 is
official and 2027 provisional."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.template import Context, Template
from django.utils import translation

from zhengwu.core import compliance
from zhengwu.documents.actions.countersign import request_countersign
from zhengwu.documents.actions.intake import create_submission
from zhengwu.documents.models import Document
from zhengwu.org.models import Unit
from zhengwu.supervision import actions as supervision
from zhengwu.supervision.models import SupervisionItem
from zhengwu.workdays.services import is_provisional, provisional_note, provisional_note_en

pytestmark = [pytest.mark.django_db, pytest.mark.article(63)]

BEIJING = ZoneInfo("Asia/Shanghai")
LATE = "2026-12-28 10:00 +0800"  # a Monday: 7 working days on is in 2027
EARLY = "2026-12-01 09:00 +0800"  # a Tuesday: 7 working days on is 2026-12-10
NOTE = provisional_note(2027)
BADGE = 'class="due-provisional"'


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


@pytest.fixture
def late() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(LATE, tick=False) as traveller:
        yield traveller


@pytest.fixture
def early() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(EARLY, tick=False) as traveller:
        yield traveller


def countersigned(user) -> Document:
    """A 发展改革委 请示 sent for countersign to the 财政局, due in 7 working days."""
    doc = create_submission(
        user("fgw_clerk"),
        unit("fgw"),
        "qingshi",
        "关于申请安排重大项目前期工作经费的请示",
        "州人民政府：……妥否，请批示。",
        ["安排前期工作经费"],
        [unit("gov")],
        [],
    )
    request_countersign(user("fgw_clerk"), doc, [unit("czj")])
    return doc


def opened(user, due: dt.date, every: str = "") -> SupervisionItem:
    return supervision.open_item(
        user("clerk_ducha"),
        title="推进物流园区建设（期限标注）",
        lead_unit=unit("fgw"),
        co_units=[],
        due=due,
        origin="manual",
        report_every=every,
    )


def test_the_sentence_is_the_workdays_one():
    assert NOTE == "暂按法定节假日推算，待公布2027年放假安排后自动重算"


def test_a_countersign_due_in_2027_is_marked_on_the_document_page_and_the_todos(user, client_as, late):
    doc = countersigned(user)
    task = doc.countersigns.get()
    assert task.due.year == 2027
    assert is_provisional(task.due)
    page = client_as("fgw_head").get(f"/documents/{doc.pk}/").content.decode()
    assert task.due.isoformat() in page
    assert BADGE in page
    assert "暂定" in page
    assert NOTE in page
    todos = client_as("czj_head").get("/documents/").content.decode()
    assert task.due.isoformat() in todos
    assert NOTE in todos


def test_a_countersign_due_in_2026_is_not_marked(user, client_as, early):
    doc = countersigned(user)
    task = doc.countersigns.get()
    assert task.due == dt.date(2026, 12, 10)
    assert not is_provisional(task.due)
    page = client_as("fgw_head").get(f"/documents/{doc.pk}/").content.decode()
    assert "2026-12-10" in page
    assert BADGE not in page
    assert "自动重算" not in page


def test_supervision_dues_in_2027_are_marked_on_the_list_and_the_item(user, client_as, late):
    item = opened(user, dt.date(2027, 1, 29), every="weekly")
    page = client_as("clerk_ducha").get(f"/supervision/{item.pk}/").content.decode()
    assert "2027-01-29" in page
    assert BADGE in page
    assert NOTE in page
    assert page.count(BADGE) >= 1 + item.reports.filter(due__year=2027).count()
    listing = client_as("clerk_ducha").get("/supervision/").content.decode()
    assert "2027-01-29" in listing
    assert NOTE in listing


def test_a_supervision_due_in_2026_is_not_marked(user, client_as, early):
    item = opened(user, dt.date(2026, 12, 30))
    page = client_as("clerk_ducha").get(f"/supervision/{item.pk}/").content.decode()
    assert "2026-12-30" in page
    assert BADGE not in page
    assert NOTE not in page


def test_the_compliance_view_marks_its_provisional_lines(client_as, monkeypatch, early):
    def provider(today: dt.date) -> Iterator[compliance.ComplianceLine]:
        for due in (dt.date(2026, 12, 31), dt.date(2027, 1, 7)):
            yield compliance.ComplianceLine(
                area="测试",
                title=f"期限{due.isoformat()}",
                owner="州发展改革委",
                due=due,
                status=compliance.Status.AT_RISK,
                citation=None,
            )

    monkeypatch.setitem(compliance._providers, "tests.provisional", provider)
    page = client_as("governor").get("/compliance/?area=测试").content.decode()
    assert "2026-12-31" in page
    assert "2027-01-07" in page
    assert page.count(BADGE) == 1
    assert NOTE in page


def render(source: str, **context: object) -> str:
    return Template("{% load zhengwu_web %}" + source).render(Context(context))


def test_the_filter_marks_only_a_provisional_date(db):
    assert render("{{ d|due_date }}", d=dt.date(2026, 12, 31)) == "2026-12-31"
    marked = render("{{ d|due_date }}", d=dt.date(2027, 1, 7))
    assert marked.startswith("2027-01-07 <span")
    assert f'title="{NOTE}"' in marked
    assert f'aria-label="暂定：{NOTE}"' in marked
    assert 'role="note"' in marked
    assert render("{{ d|due_date|default:'—' }}", d=None) == "—"
    assert render("{{ d|provisional_mark }}", d=dt.date(2026, 12, 31)) == ""


def test_an_instant_closing_at_midnight_is_marked_by_its_last_day(db):
    """A comment period closing at 24:00 of 2026-12-31 (stored as 2027-01-01 00:00) ends in 2026."""
    closes = dt.datetime(2027, 1, 1, tzinfo=BEIJING)
    assert render('{{ d|due_date:"Y-m-d H:i" }}', d=closes) == "2027-01-01 00:00"
    assert NOTE in render('{{ d|due_date:"Y-m-d H:i" }}', d=dt.datetime(2027, 1, 8, tzinfo=BEIJING))


def test_the_mark_speaks_english_on_an_english_page(db):
    with translation.override("en"):
        marked = render("{{ d|due_date }}", d=dt.date(2027, 1, 7))
    assert ">Provisional</span>" in marked
    assert provisional_note_en(2027) in marked
