"""The report after the return (art. 59): reminded, marked overdue at 24:00 of its last working
day, and shown on the compliance view until it is sent."""

from __future__ import annotations

import pytest

from tests.approvals.conftest import D, approved_delegation
from zhengwu.approvals import actions
from zhengwu.audit.models import AuditRecord
from zhengwu.core import compliance
from zhengwu.notices.models import Notice
from zhengwu.timers.services import sweep

pytestmark = pytest.mark.article(59)


@pytest.fixture
def returned(user, delegation, frozen):
    r = approved_delegation(user, delegation)
    frozen.move_to("2026-07-09 10:00 +0800")
    return actions.record_return(user("fgw_clerk"), r, D(2026, 7, 8))  # due 2026-07-22


def lines(today, r) -> list[compliance.Status]:
    return [x.status for x in compliance.lines(today) if x.url == f"/approvals/{r.pk}/"]


def test_reminded_then_overdue(user, returned, frozen) -> None:
    frozen.move_to("2026-07-20 09:30 +0800")
    sweep()
    assert Notice.objects.filter(recipient__username="fgw_head", title__contains="出访报告期限将至").exists()
    frozen.move_to("2026-07-22 23:00 +0800")
    sweep()
    overdue = AuditRecord.objects.filter(action="approvals.overdue", object_id=str(returned.pk))
    assert not overdue.exists()
    frozen.move_to("2026-07-23 00:10 +0800")
    sweep()
    assert overdue.get().article == 59
    returned.refresh_from_db()
    assert returned.overdue
    assert Notice.objects.filter(recipient__username="wsb_head", title__contains="出访报告已逾期").exists()


def test_the_compliance_view_shows_it_until_the_report_is_sent(user, returned) -> None:
    assert lines(D(2026, 7, 10), returned) == []
    assert lines(D(2026, 7, 20), returned) == [compliance.Status.AT_RISK]
    [line] = [x for x in compliance.lines(D(2026, 7, 25)) if x.url == f"/approvals/{returned.pk}/"]
    assert (line.status, line.owner, line.citation.article, line.area) == (
        compliance.Status.OVERDUE,
        "州发展改革委",
        59,
        "出访报告",
    )
    actions.submit_report(user("fgw_clerk"), returned, "出访报告")
    assert lines(D(2026, 7, 25), returned) == []


def test_a_report_sent_in_time_is_never_overdue(user, returned, frozen) -> None:
    actions.submit_report(user("fgw_clerk"), returned, "出访报告")
    frozen.move_to("2026-07-23 00:10 +0800")
    sweep()
    assert not AuditRecord.objects.filter(action="approvals.overdue", object_id=str(returned.pk)).exists()
