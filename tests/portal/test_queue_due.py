"""The publication queue (art. 28; 条例第二十六条): due 20 working days after the information was
formed, across 国庆 and 春节; what is late shows on the compliance view."""

from __future__ import annotations

import pytest

from tests.portal.conftest import D
from zhengwu.core import compliance
from zhengwu.core.compliance import Status
from zhengwu.portal import rules
from zhengwu.portal.services import publication_due
from zhengwu.workdays.services import calendar

pytestmark = [pytest.mark.article(28), pytest.mark.usefixtures("frozen")]


def test_due_across_national_day(db) -> None:
    # 2026-09-30 (Wed) + 20 working days: 10-01..07 off, 10-10 (Sat) a make-up working day
    assert publication_due(D(2026, 9, 30)) == D(2026, 11, 3)


def test_due_across_spring_festival(db) -> None:
    # 2026-02-10 + 20 working days: 02-14 (Sat) and 02-28 (Sat) are make-up days, 02-15..23 off
    assert publication_due(D(2026, 2, 10)) == D(2026, 3, 16)


def test_status_late_at_risk_ok(db) -> None:
    cal = calendar()
    assert rules.publication_status(D(2026, 11, 30), D(2026, 12, 1), cal) == "overdue"
    assert rules.publication_status(D(2026, 12, 3), D(2026, 12, 1), cal) == "at_risk"
    assert rules.publication_status(D(2026, 12, 31), D(2026, 12, 1), cal) == "ok"


def test_late_items_are_compliance_lines(queued) -> None:
    late = queued(title="逾期未公开的会议决定", counted_from=D(2026, 10, 9))
    fresh = queued(title="刚形成的信息", counted_from=D(2026, 12, 1))
    found = {line.title: line for line in compliance.lines(D(2026, 12, 1)) if line.area == "政务公开"}
    assert found[late.title].status == Status.OVERDUE
    assert found[late.title].citation is not None
    assert found[late.title].citation.article == 28
    assert fresh.title not in found
