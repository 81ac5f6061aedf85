"""Papers: drafted by the reporting unit (SM3 kept), checked by the office, 批印 by the 州长, distributed to
every attendee before the meeting; late papers are flagged (art. 40, parameter meeting.papers_lead_days)."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zhengwu.core.decisions import Refused
from zhengwu.meetings import actions
from zhengwu.notices.models import Notice

pytestmark = pytest.mark.article(40)


def _paper(user, meeting):
    topic = meeting.topics.get()
    return actions.add_paper(
        user("jyj_head"), topic, "汇报材料", SimpleUploadedFile("a.pdf", "%PDF-1.7 材料正文".encode())
    )


def test_the_whole_chain_on_time(user, confirmed):
    p = _paper(user, confirmed)
    assert p.sm3 == hashlib.new("sm3", "%PDF-1.7 材料正文".encode()).hexdigest()
    with pytest.raises(Refused) as exc:
        actions.approve_print(user("governor"), p)  # not yet checked by the office
    assert exc.value.decisions[0].code == "meetings.print.unchecked"
    assert exc.value.decisions[0].citation.article == 40
    actions.check_paper(user("clerk_huiwu"), p)
    with pytest.raises(Refused):
        actions.approve_print(user("exec_vice"), p)
    actions.approve_print(user("governor"), p)
    [sent] = actions.distribute_papers(user("clerk_huiwu"), confirmed)
    assert sent.distributed_at is not None
    assert not sent.late
    assert Notice.objects.filter(recipient__username="vice_liu", title__contains="会议材料").exists()


def test_papers_distributed_on_the_meeting_day_are_flagged_late(user, confirmed, frozen):
    p = _paper(user, confirmed)
    actions.check_paper(user("clerk_huiwu"), p)
    actions.approve_print(user("governor"), p)
    frozen.move_to("2026-11-12 08:00 +0800")  # the lead time is one working day: due by 11-11
    [sent] = actions.distribute_papers(user("clerk_huiwu"), confirmed)
    assert sent.late


def test_unapproved_papers_are_not_distributed(user, confirmed):
    _paper(user, confirmed)
    with pytest.raises(Refused) as exc:
        actions.distribute_papers(user("clerk_huiwu"), confirmed)
    [d] = exc.value.decisions
    assert d.message == "以下材料尚未经州长批印：汇报材料。"
    assert d.citation.article == 40


def test_another_unit_may_not_add_papers(user, confirmed):
    with pytest.raises(Refused):
        actions.add_paper(user("fgw_head"), confirmed.topics.get(), "x", SimpleUploadedFile("a.pdf", b"%PDF-1.7 x"))
