"""Who attends a session of the 州人大常委会 (art. 46)."""

from __future__ import annotations

import pytest

from tests.reporting.conftest import D, person
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Refused
from zhengwu.org.models import Absence, AbsencePurpose
from zhengwu.reporting import actions
from zhengwu.reporting.models import NpcAttendance

pytestmark = [pytest.mark.article(46), pytest.mark.usefixtures("frozen")]

SESSION = "州十五届人大常委会第二十次会议"
DAY = D(2026, 11, 20)


def test_the_office_assigns_a_vice_governor(user):
    a = actions.assign_npc_attendance(
        user("clerk_wendian"), session=SESSION, session_date=DAY, attendee=person("vice_liu")
    )
    assert a.state == "assigned"
    assert a.attendee_position
    assert AuditRecord.objects.get(action="reporting.npc.assign").article == 46


def test_the_secretary_general_only_on_the_governors_entrustment_in_a_special_case(user):
    with pytest.raises(Refused) as exc:
        actions.assign_npc_attendance(
            user("clerk_wendian"),
            session=SESSION,
            session_date=DAY,
            attendee=person("secretary_general"),
            entrusted=True,
        )
    assert exc.value.decisions[0].code == "reports.npc.entrustment"
    assert exc.value.decisions[0].citation.article == 46
    with pytest.raises(Refused):
        actions.assign_npc_attendance(
            user("governor"), session=SESSION, session_date=DAY, attendee=person("secretary_general"), entrusted=True
        )
    assert not NpcAttendance.objects.exists()
    a = actions.assign_npc_attendance(
        user("governor"),
        session=SESSION,
        session_date=DAY,
        attendee=person("secretary_general"),
        entrusted=True,
        reason="分管副州长均在外地招商",
    )
    assert a.entrusted


def test_a_department_head_is_not_assigned_nor_may_a_department_assign(user):
    with pytest.raises(Refused):
        actions.assign_npc_attendance(
            user("clerk_wendian"), session=SESSION, session_date=DAY, attendee=person("fgw_head")
        )
    with pytest.raises(Refused):
        actions.assign_npc_attendance(user("fgw_head"), session=SESSION, session_date=DAY, attendee=person("vice_liu"))
    assert not NpcAttendance.objects.exists()


def test_not_a_leader_away_from_the_prefecture_that_day(user):
    p = person("vice_ayigul")
    Absence.objects.create(
        person=p,
        position=p.appointments.first().position,
        start=D(2026, 11, 19),
        end=D(2026, 11, 21),
        destination="北京",
        purpose=AbsencePurpose.TRIP,
        reported_by=p.user,
        reported_at="2026-11-02T09:00:00+08:00",
    )
    with pytest.raises(Refused) as exc:
        actions.assign_npc_attendance(user("clerk_wendian"), session=SESSION, session_date=DAY, attendee=p)
    assert exc.value.decisions[0].code == "reports.npc.away"
