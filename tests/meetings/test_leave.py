"""Leave and deputies (art. 41): a unit head asks the chair or the office, a leader asks the 州长; once
approved a deputy of the same unit may stand in."""

from __future__ import annotations

import pytest

from tests.meetings.conftest import person
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.meetings import actions
from zhengwu.meetings.models import Invitation, LeaveState

pytestmark = pytest.mark.article(41)


@pytest.fixture
def fgw_invited(user, executive):
    [inv] = actions.invite_sitting_in(user("clerk_huiwu"), executive, [person("fgw_head")])
    return inv


def test_a_unit_head_asks_the_office_and_names_a_deputy(user, fgw_invited):
    inv = actions.request_leave(user("fgw_head"), fgw_invited, "赴乌鲁木齐参加培训")
    assert inv.leave_state == LeaveState.REQUESTED
    with pytest.raises(Refused):
        actions.decide_leave(user("jyj_head"), inv, True)
    with pytest.raises(Refused):
        actions.name_deputy(user("fgw_head"), inv, person("fgw_deputy"))  # not yet approved
    actions.decide_leave(user("clerk_huiwu"), inv, True)
    inv = actions.name_deputy(user("fgw_head"), inv, person("fgw_deputy"))
    assert inv.deputy == person("fgw_deputy")


def test_a_deputy_from_another_unit_is_refused(user, fgw_invited):
    actions.request_leave(user("fgw_head"), fgw_invited, "出差")
    actions.decide_leave(user("governor"), Invitation.objects.get(pk=fgw_invited.pk), True)  # the chair
    with pytest.raises(Refused):
        actions.name_deputy(user("fgw_head"), Invitation.objects.get(pk=fgw_invited.pk), person("jyj_head"))


def test_a_vice_governor_asks_the_governor(user, executive):
    inv = executive.invitations.get(person=person("vice_liu"))
    actions.request_leave(user("vice_liu"), inv, "到北京汇报工作")
    with pytest.raises(Refused):
        actions.decide_leave(user("clerk_huiwu"), inv, True)
    inv = actions.decide_leave(user("governor"), inv, False)
    assert inv.leave_state == LeaveState.REFUSED


def test_only_for_oneself_and_with_a_reason(user, fgw_invited):
    with pytest.raises(Refused):
        actions.request_leave(user("fgw_deputy"), fgw_invited, "代请")
    with pytest.raises(InvalidInput):
        actions.request_leave(user("fgw_head"), fgw_invited, "")
