"""Staff brought to an executive meeting: the main reporting unit one, others none (art. 41)."""

from __future__ import annotations

import pytest

from tests.meetings.conftest import MEETING_DAY, person, unit
from zhengwu.core.decisions import Refused
from zhengwu.meetings import actions
from zhengwu.meetings.models import Role

pytestmark = pytest.mark.article(41)


def test_main_reporting_unit_brings_one(user, confirmed):
    from django.contrib.auth import get_user_model

    from zhengwu.org.models import Appointment, Person, Position

    inv = actions.register_staff(user("jyj_head"), confirmed, unit("jyj"), person("clerk_wendian"))
    assert inv.role == Role.STAFF
    # a second one is refused, citing art. 41
    u = get_user_model().objects.create(username="jyj_clerk2")
    p = Person.objects.create(user=u, name="王二")
    pos = Position.objects.create(unit=unit("jyj"), kind="clerk", title="科员")
    Appointment.objects.create(person=p, position=pos, start="2023-01-01")
    with pytest.raises(Refused) as exc:
        actions.register_staff(user("jyj_head"), confirmed, unit("jyj"), p)
    assert exc.value.decisions[0].citation.article == 41


def test_other_units_bring_none(user, confirmed):
    with pytest.raises(Refused) as exc:
        actions.register_staff(user("fgw_head"), confirmed, unit("fgw"), person("fgw_clerk"))
    assert "非主要汇报单位" in exc.value.decisions[0].message


def test_a_topic_meeting_is_not_limited(user, frozen):
    m = actions.create_meeting(user("vice_liu"), kind="topic", title="专题会", date=MEETING_DAY, unit=unit("fgw"))
    actions.register_staff(user("fgw_head"), m, unit("fgw"), person("fgw_clerk"))
    actions.register_staff(user("fgw_head"), m, unit("fgw"), person("fgw_deputy"))
