"""A department's prefecture-wide meeting (art. 44)."""

from __future__ import annotations

import pytest

from tests.meetings.conftest import D, unit
from zhengwu.core.decisions import Refused
from zhengwu.meetings import actions
from zhengwu.meetings.models import PrefectureMeetingRequest, RequestState

pytestmark = pytest.mark.article(44)


def _new(user, **kw):
    kw.setdefault("title", "全州发展改革工作会议")
    kw.setdefault("venue", "州发展改革委会议室")
    return actions.create_request(user("fgw_head"), unit=unit("fgw"), date=D(2026, 12, 15), budget="5000", **kw)


def test_consent_request_approve(user, frozen):
    req = _new(user)
    assert req.video_conference
    assert float(req.budget) == 5000
    with pytest.raises(Refused):
        actions.submit_request(user("fgw_head"), req)  # the 分管 leader has not consented
    with pytest.raises(Refused):
        actions.consent_request(user("vice_ayigul"), req)
    actions.consent_request(user("vice_liu"), req)
    actions.submit_request(user("fgw_head"), req)
    with pytest.raises(Refused):
        actions.decide_request(user("vice_liu"), req, True)
    req = actions.decide_request(user("governor"), req, True)
    assert req.state == RequestState.APPROVED


def _approved(user, req):
    actions.consent_request(user("vice_liu"), req)
    actions.submit_request(user("fgw_head"), req)
    return actions.decide_request(user("governor"), req, True, grant_exception=bool(req.exception_reason))


def test_a_second_one_in_a_year_needs_a_recorded_exception(user, frozen):
    _approved(user, _new(user))
    second = _new(user, title="第二次全州会议")
    actions.consent_request(user("vice_liu"), second)
    with pytest.raises(Refused) as exc:
        actions.submit_request(user("fgw_head"), second)
    assert exc.value.decisions[0].code == "meetings.wide.quota"
    third = _new(user, title="第三次全州会议", exception_reason="自治区部署的紧急工作")
    actions.consent_request(user("vice_liu"), third)
    actions.submit_request(user("fgw_head"), third)
    with pytest.raises(Refused):
        actions.decide_request(user("governor"), third, True)  # approving without granting the exception
    third = PrefectureMeetingRequest.objects.get(pk=third.pk)
    assert third.state == RequestState.SUBMITTED
    third = actions.decide_request(user("governor"), third, True, grant_exception=True)
    assert third.exception_approved
    assert third.state == RequestState.APPROVED


def test_venue_rules(user, frozen):
    with pytest.raises(Refused):
        _new(user, high_end_hotel=True)
    with pytest.raises(Refused):
        _new(user, scenic_area=True)
    with pytest.raises(Refused) as exc:
        _new(user, city="乌恰县")
    assert exc.value.decisions[0].code == "meetings.wide.outside"
    req = _new(user, city="乌恰县", outside_reason="现场观摩")
    assert req.outside_atushi


def test_county_heads_need_approval(user, frozen):
    req = _new(user, invites_county_heads=True)
    actions.consent_request(user("vice_liu"), req)
    actions.submit_request(user("fgw_head"), req)
    with pytest.raises(Refused):
        actions.decide_request(user("governor"), req, True)
    req = actions.decide_request(
        user("governor"), PrefectureMeetingRequest.objects.get(pk=req.pk), True, approve_county_heads=True
    )
    assert req.county_heads_approved


def test_not_in_the_governments_or_offices_name(user, frozen):
    with pytest.raises(Refused) as exc:
        actions.create_request(
            user("clerk_huiwu"), unit=unit("office"), title="全州会", date=D(2026, 12, 15), venue="会议室"
        )
    assert exc.value.decisions[0].code == "meetings.wide.name"
