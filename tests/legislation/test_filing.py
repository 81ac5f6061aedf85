"""Filing (备案, art. 22): the government's document with the 自治区人民政府 and the 州人大常委会 within
30 days (parameter), reminded, recorded overdue once, on the compliance view until filed."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.audit.models import AuditRecord
from zhengwu.core import compliance
from zhengwu.core.decisions import Refused
from zhengwu.core.transitions import StateConflict
from zhengwu.legislation.actions.after import file_filing
from zhengwu.timers import services as timers

pytestmark = pytest.mark.article(22)


def test_filed_on_time_cancels_the_timers(user, published) -> None:
    xj = published.filings.get(recipient__code="xj-gov")
    with pytest.raises(Refused):
        file_filing(user("fgw_clerk"), xj)  # the office or the 司法局 files the government's
    file_filing(user("sfj_clerk"), xj, reference="克政报〔2026〕9号")
    xj.refresh_from_db()
    assert (xj.state, xj.filed_late) == ("filed", False)
    with pytest.raises(StateConflict) as conflict:
        file_filing(user("sfj_clerk"), xj)
    assert conflict.value.explanations == ["本备案当前为“已备案”，不能报送备案（《工作规则》第二十二条）"]
    lines = [line for line in compliance.lines(dt.date(2026, 11, 12)) if line.area == "规范性文件备案"]
    assert [line.title.split("报")[-1] for line in lines] == ["州人大常委会备案"]
    assert lines[0].status == compliance.Status.AT_RISK
    assert lines[0].citation.article == 22


def test_reminded_then_overdue_once(user, published, frozen) -> None:
    frozen.move_to("2026-11-10 10:01 +0800")
    timers.sweep()
    assert AuditRecord.objects.filter(action="legislation.filing.remind").count() == 2
    frozen.move_to("2026-11-14 00:01 +0800")
    timers.sweep()
    timers.sweep()
    assert AuditRecord.objects.filter(action="legislation.filing.overdue").count() == 2
    lines = [line for line in compliance.lines(dt.date(2026, 11, 14)) if line.area == "规范性文件备案"]
    assert {line.status for line in lines} == {compliance.Status.OVERDUE}
    npc = published.filings.get(recipient__code="npc-standing")
    file_filing(user("clerk_wendian"), npc)
    npc.refresh_from_db()
    assert npc.filed_late
