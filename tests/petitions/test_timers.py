"""Reminders before each limit and an overdue mark after it (art. 35)."""

from __future__ import annotations

import pytest

from tests.petitions.conftest import D
from zhengwu.audit.models import AuditRecord
from zhengwu.notices.models import Notice
from zhengwu.petitions.actions import decide_acceptance
from zhengwu.petitions.models import Petition
from zhengwu.timers.services import sweep

pytestmark = pytest.mark.article(35)


def test_the_acceptance_limit_reminds_then_marks_overdue(letter, frozen) -> None:
    petition = letter()  # acceptance due 2026-02-24 (after 春节)
    frozen.move_to("2026-02-13 09:30 +0800")
    sweep()
    assert not Notice.objects.filter(title__contains="受理告知期限将至").exists()
    frozen.move_to("2026-02-14 10:30 +0800")  # 02-21 is in 春节: the make-up working day 02-14 before it
    sweep()
    assert Notice.objects.filter(recipient__username="xfj_head", title__contains="受理告知期限将至").exists()
    frozen.move_to("2026-02-24 23:00 +0800")
    sweep()
    assert Petition.objects.get(pk=petition.pk).overdue_limits == []
    frozen.move_to("2026-02-25 00:05 +0800")
    sweep()
    assert Petition.objects.get(pk=petition.pk).overdue_limits == ["accept"]
    assert AuditRecord.objects.filter(action="petitions.overdue", object_id=str(petition.pk)).count() == 1
    assert Notice.objects.filter(recipient__username="xfj_head", title__contains="受理告知已逾期").exists()


def test_a_decision_in_time_stops_the_acceptance_timers(letter, user, frozen) -> None:
    petition = letter()
    decide_acceptance(user("xfj_head"), petition, True, "书面告知")
    frozen.move_to("2026-02-25 09:00 +0800")
    sweep()
    assert Petition.objects.get(pk=petition.pk).overdue_limits == []
    assert petition.handle_due == D(2026, 4, 7)
