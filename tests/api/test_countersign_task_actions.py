"""Each countersign task in a document's API detail lists what the caller may do on it now (issue
14): the same decisions as the page, :func:`zhengwu.documents.selectors.available_task_actions`."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.documents.conftest import countersigning, frozen, make_document, make_request  # noqa: F401  (fixtures)
from zhengwu.documents import selectors
from zhengwu.documents.actions import countersign as cs
from zhengwu.documents.models import CountersignTask

pytestmark = [pytest.mark.django_db, pytest.mark.article(50)]


def test_the_api_lists_each_tasks_acts_as_the_page_offers_them(user, countersigning, api_as) -> None:  # noqa: F811
    doc, tasks = countersigning
    cs.request_extension(user("czj_head"), tasks["czj"], dt.date(2026, 12, 17), "需报请上级部门核实资金来源。")
    for username in ("czj_head", "sfj_head", "fgw_head", "fgw_clerk"):
        listed = api_as(username).get(f"/documents/{doc.pk}").json()["countersigns"]
        for row in listed:
            task = CountersignTask.objects.get(pk=row["id"])
            expected = selectors.available_task_actions(user(username), task)
            assert {a["name"]: a["allowed"] for a in row["actions"]} == {n: d.allowed for n, d in expected.items()}
    by_unit = {
        row["unit"]["code"]: row for row in api_as("fgw_head").get(f"/documents/{doc.pk}").json()["countersigns"]
    }
    decide = {a["name"]: a for a in by_unit["czj"]["actions"]}["decide_extension"]
    assert decide["allowed"]
    answered = api_as("czj_head").post(f"/countersigns/{tasks['sfj'].pk}/reply", {"state": "agreed", "text": ""})
    assert answered.status_code == 403  # not the 司法局's head
