"""Incident reports on the compliance view (art. 55): in clock time, overdue the minute a limit passes."""

from __future__ import annotations

import pytest

from tests.reporting.conftest import D
from zhengwu.core import compliance
from zhengwu.reporting import actions

pytestmark = [pytest.mark.article(55), pytest.mark.usefixtures("frozen")]


def mine(title: str) -> list[tuple[str, str]]:
    return [(x.title, x.status) for x in compliance.lines(D(2026, 11, 3)) if title in x.title]


def test_a_first_report_not_in_is_overdue_on_the_compliance_view(user, make_incident, frozen):
    incident = make_incident()
    assert set(mine(incident.title)) == {
        (f"{incident.title}（电话初报）", compliance.Status.AT_RISK),
        (f"{incident.title}（书面初报）", compliance.Status.AT_RISK),
    }
    frozen.move_to("2026-11-03 09:01 +0800")
    lines = [x for x in compliance.lines(D(2026, 11, 3)) if incident.title in x.title]
    assert [(x.title, x.status, x.citation.article) for x in lines] == [
        (f"{incident.title}（电话初报）", compliance.Status.OVERDUE, 55),
        (f"{incident.title}（书面初报）", compliance.Status.AT_RISK, 55),
    ]
    assert "分钟" in lines[0].detail
    actions.record_report(user("atushi_head"), incident, stage="written", content="书面报告。")
    assert mine(incident.title) == []


def test_the_compliance_page_lists_it(client_as, make_incident, frozen):
    incident = make_incident()
    frozen.move_to("2026-11-03 09:45 +0800")
    page = client_as("office_director").get("/compliance/").content.decode()
    assert incident.title in page
