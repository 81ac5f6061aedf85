"""Reminders before the co-unit and answer limits, and an overdue record after them (art. 31)."""

from __future__ import annotations

import pytest

from tests.suggestions.conftest import answer, unit
from zhengwu.audit.models import AuditRecord
from zhengwu.notices.models import Notice
from zhengwu.suggestions.actions import send_opinion
from zhengwu.timers.services import sweep

pytestmark = pytest.mark.article(31)


def test_co_unit_reminded_then_overdue_and_the_lead_unit_after(user, assigned, frozen) -> None:
    frozen.move_to("2026-01-09 09:30 +0800")  # 15 days before 01-23 is 01-08, a Thursday
    sweep()
    assert Notice.objects.filter(recipient__username="czj_head", title__contains="协办意见期限将至").exists()
    frozen.move_to("2026-01-24 00:10 +0800")
    sweep()
    overdue = AuditRecord.objects.filter(action="suggestions.overdue", object_id=str(assigned.pk))
    assert [r.summary.split("（")[0] for r in overdue] == ["州财政局协办意见逾期"]
    send_opinion(user("czj_head"), assigned, unit("czj"), "同意。")
    frozen.move_to("2026-02-10 09:30 +0800")
    sweep()
    assert Notice.objects.filter(recipient__username="jyj_head", title__contains="办复期限将至").exists()
    answer(user, assigned)
    frozen.move_to("2026-02-25 00:10 +0800")
    sweep()
    assert overdue.count() == 1  # answered in time: no overdue record for the lead unit
