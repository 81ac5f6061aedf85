"""Recording that the assigned leader attended (art. 46)."""

from __future__ import annotations

import pytest

from tests.reporting.conftest import D, person
from zhengwu.core.decisions import Refused
from zhengwu.core.transitions import StateConflict
from zhengwu.reporting import actions

pytestmark = [pytest.mark.article(46), pytest.mark.usefixtures("frozen")]


def test_recorded_by_the_office_on_or_after_the_session_day(user, frozen):
    a = actions.assign_npc_attendance(
        user("clerk_wendian"), session="州人大常委会会议", session_date=D(2026, 11, 5), attendee=person("exec_vice")
    )
    with pytest.raises(Refused) as exc:
        actions.record_npc_attendance(user("clerk_wendian"), a)
    assert exc.value.decisions[0].code == "reports.npc.early"
    frozen.move_to("2026-11-05 16:00 +0800")
    with pytest.raises(Refused):
        actions.record_npc_attendance(user("fgw_head"), a)
    actions.record_npc_attendance(user("clerk_wendian"), a)
    a.refresh_from_db()
    assert a.state == "attended"
    with pytest.raises(StateConflict):
        actions.record_npc_attendance(user("clerk_wendian"), a)
