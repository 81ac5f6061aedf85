"""Every API response that carries a deadline says whether it is provisional (art. 63): a sibling
boolean ``<field>_provisional`` and ``provisional_note`` 「暂按法定节假日推算，待公布2027年放假安排后
自动重算」 when the deadline falls in a year whose holiday schedule is not yet published."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator

import pytest
import time_machine
from pydantic import BaseModel

from zhengwu.apis import cases, documents_records, documents_schemas, legislation, meetings, portal, supervision
from zhengwu.apis.schemas import ProvisionalDues, provisional_flag
from zhengwu.core import compliance
from zhengwu.documents.actions.countersign import request_countersign
from zhengwu.documents.actions.intake import create_submission
from zhengwu.org.models import Unit
from zhengwu.supervision import actions as supervision_actions
from zhengwu.workdays.services import provisional_note

pytestmark = [pytest.mark.django_db, pytest.mark.article(63)]

NOTE = provisional_note(2027)


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


@pytest.fixture
def late() -> Iterator[time_machine.Traveller]:
    with time_machine.travel("2026-12-28 10:00 +0800", tick=False) as traveller:
        yield traveller


@pytest.fixture
def early() -> Iterator[time_machine.Traveller]:
    with time_machine.travel("2026-12-01 09:00 +0800", tick=False) as traveller:
        yield traveller


def countersigned(user) -> int:
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
    return doc.pk


def test_a_countersign_due_in_2027_is_flagged_on_the_document_and_the_todos(api_as, user, late):
    pk = countersigned(user)
    body = api_as("fgw_head").get(f"/documents/{pk}").json()
    (task,) = body["countersigns"]
    assert task["due"].startswith("2027-")
    assert task["due_provisional"] is True
    assert task["provisional_note"] == NOTE
    assert task["extension_until"] is None
    assert task["extension_until_provisional"] is False
    todos = api_as("czj_head").get("/documents/todos").json()
    mine = [t for t in todos["items"] if t["document"]["id"] == pk]
    assert mine
    assert all(t["due_provisional"] and t["provisional_note"] == NOTE for t in mine)


def test_a_countersign_due_in_2026_is_not_flagged(api_as, user, early):
    pk = countersigned(user)
    (task,) = api_as("fgw_head").get(f"/documents/{pk}").json()["countersigns"]
    assert task["due"] == "2026-12-10"
    assert task["due_provisional"] is False
    assert task["provisional_note"] == ""


def test_a_supervision_item_and_its_reports(api_as, user, late):
    item = supervision_actions.open_item(
        user("clerk_ducha"),
        title="推进物流园区建设（期限标注）",
        lead_unit=unit("fgw"),
        co_units=[],
        due=dt.date(2027, 1, 29),
        origin="manual",
        report_every="weekly",
    )
    body = api_as("clerk_ducha").get(f"/supervision/items/{item.pk}").json()
    assert body["due_provisional"] is True
    assert body["provisional_note"] == NOTE
    assert body["reports"]
    for r in body["reports"]:
        assert r["due_provisional"] is (r["due"] >= "2027-01-01")


def test_compliance_lines(api_as, monkeypatch, early):
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
    lines = {x["due"]: x for x in api_as("governor").get("/supervision/compliance").json() if x["area"] == "测试"}
    assert lines["2026-12-31"]["due_provisional"] is False
    assert lines["2026-12-31"]["provisional_note"] == ""
    assert lines["2027-01-07"]["due_provisional"] is True
    assert lines["2027-01-07"]["provisional_note"] == NOTE


def test_an_instant_is_flagged_by_its_last_day(db):
    """A comment period closing at 24:00 of 2026-12-31 (stored as 2027-01-01 00:00) ends in 2026."""

    class Out(ProvisionalDues):
        closes: dt.datetime | None
        closes_provisional: bool = provisional_flag()

    beijing = dt.timezone(dt.timedelta(hours=8))
    assert Out(closes=dt.datetime(2027, 1, 1, tzinfo=beijing)).closes_provisional is False
    assert Out(closes=dt.datetime(2027, 1, 8, tzinfo=beijing)).closes_provisional is True
    assert Out(closes=None).model_dump() == {"provisional_note": "", "closes": None, "closes_provisional": False}


def test_a_flag_must_name_a_deadline_field():
    with pytest.raises(TypeError):

        class Out(ProvisionalDues):
            due_provisional: bool = provisional_flag()


DEADLINES: dict[type[BaseModel], tuple[str, ...]] = {
    cases.ReviewOut: ("due",),
    cases.PetitionOut: ("accept_due", "handle_due"),
    cases.CoOpinionOut: ("due",),
    cases.SuggestionOut: ("due", "co_due"),
    cases.CaseOut: ("answer_due", "decision_due", "rectify_due"),
    documents_schemas.CountersignTaskOut: ("due", "extension_until"),
    documents_schemas.TodoOut: ("due",),
    documents_records.FilingOut: ("due",),
    legislation.FilingOut: ("due",),
    legislation.ConsultationOut: ("due",),
    legislation.DraftOut: ("comment_closes",),
    legislation.DraftDetailOut: ("comment_closes", "evaluation_due"),
    meetings.FollowUpOut: ("due",),
    portal.ItemOut: ("due_on",),
    portal.ApplicationOut: ("due_on",),
    supervision.ReportOut: ("due",),
    supervision.RectificationOut: ("due",),
    supervision.ItemOut: ("due",),
    supervision.LineOut: ("due",),
}


@pytest.mark.parametrize("schema", DEADLINES, ids=lambda s: f"{s.__module__.rsplit('.', 1)[-1]}.{s.__name__}")
def test_every_deadline_of_the_api_has_its_flag(schema):
    assert issubclass(schema, ProvisionalDues)
    for name in DEADLINES[schema]:
        assert f"{name}_provisional" in schema.model_fields
    assert "provisional_note" in schema.model_fields


def test_the_flags_are_described_in_the_openapi_document(anonymous):
    spec = anonymous.get("/openapi.json").json()
    task = spec["components"]["schemas"]["CountersignTaskOut"]["properties"]
    assert task["due_provisional"]["type"] == "boolean"
    assert "暂按法定节假日推算" in task["due_provisional"]["description"]
    assert "provisional_note" in task


def test_no_response_schema_carries_a_deadline_without_its_flag(anonymous):
    """A guard for schemas to come: a date named like a deadline in a response needs ``<name>_provisional``
    (the calendar's own answers say it once, in ``provisional``)."""
    spec = anonymous.get("/openapi.json").json()
    missing = []
    for name, schema in spec["components"]["schemas"].items():
        props = schema.get("properties", {})
        if name.endswith("In") or "provisional" in props:
            continue
        for prop, p in props.items():
            dated = '"format": "date' in json.dumps(p)
            if dated and re.search(r"due|closes|deadline|until", prop) and f"{prop}_provisional" not in props:
                missing.append(f"{name}.{prop}")
    assert missing == []
