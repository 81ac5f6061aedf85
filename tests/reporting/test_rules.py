"""The pure rules of 请示报告, each marked with its article."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.org.rules import PositionFact
from zhengwu.reporting import rules

T0 = dt.datetime(2026, 11, 7, 23, 40, tzinfo=dt.timezone(dt.timedelta(hours=8)))  # a Saturday night


@pytest.mark.article(55)
def test_major_events_are_reported_by_phone_in_30_minutes_and_in_writing_in_an_hour_of_clock_time(kizilsu):
    """Clock time: a Saturday night's event is due on Sunday 00:10 and 00:40, not on a working day."""
    dues = rules.limits("emergency", "major", T0, kizilsu)
    assert dues == {"phone": T0 + dt.timedelta(minutes=30), "written": T0 + dt.timedelta(hours=1)}
    assert kizilsu.param("reports.major_phone_minutes").unit == "minutes"
    assert kizilsu.param_citation("reports.major_written_hours").article == 55


@pytest.mark.article(55)
def test_an_accident_goes_up_each_level_within_two_hours_and_a_minor_emergency_has_no_clock_limit(kizilsu):
    assert rules.limits("accident", "general", T0, kizilsu) == {"written": T0 + dt.timedelta(hours=2)}
    assert rules.limits("accident", "major", T0, kizilsu)["written"] == T0 + dt.timedelta(hours=1)
    assert rules.limits("emergency", "larger", T0, kizilsu) == {}


@pytest.mark.article(55)
def test_a_written_first_report_answers_both_limits_and_late_reports_are_marked(kizilsu):
    dues = rules.limits("emergency", "major", T0, kizilsu)
    assert rules.open_limits(dues, ["phone"]) == {"written": dues["written"]}
    assert rules.open_limits(dues, ["written"]) == {}
    assert rules.late_for("written", T0 + dt.timedelta(minutes=45), dues)  # past the phone limit
    assert not rules.late_for("phone", T0 + dt.timedelta(minutes=29), dues)
    assert not rules.late_for("follow_up", T0 + dt.timedelta(days=2), dues)


@pytest.mark.article(55)
def test_the_timeline_runs_first_report_follow_ups_final(kizilsu):
    assert rules.check_stage("phone", [], kizilsu).allowed
    assert not rules.check_stage("phone", ["written"], kizilsu).allowed
    assert not rules.check_stage("written", ["phone", "written"], kizilsu).allowed
    refused = rules.check_stage("follow_up", ["phone"], kizilsu)
    assert not refused.allowed
    assert refused.citation.article == 55
    assert rules.check_stage("final", ["phone", "written", "follow_up"], kizilsu).allowed


@pytest.mark.article(55)
def test_the_unit_and_the_office_keep_an_incident(kizilsu):
    clerk = PositionFact(1, "clerk", "科员", unit_id=7, unit_kind="office")
    admin = PositionFact(2, "administrator", "系统管理员", unit_id=7, unit_kind="office")
    assert rules.may_keep([clerk], 3, 7, kizilsu).allowed
    assert not rules.may_keep([admin], 3, 7, kizilsu).allowed
    assert not rules.may_keep([clerk], 3, None, kizilsu).allowed


@pytest.mark.article(16)
def test_matters_go_up_to_the_autonomous_region_government_or_the_prefecture_party_committee(kizilsu):
    assert rules.check_recipient("xj-gov", kizilsu).allowed
    assert rules.check_recipient("party-committee", kizilsu).allowed
    refused = rules.check_recipient("npc-standing", kizilsu)
    assert not refused.allowed
    assert refused.citation.article == 16
    assert not rules.may_keep_register(False, kizilsu).allowed


@pytest.mark.article(16)
def test_the_carrier_is_an_issued_government_document_addressed_to_the_recipient(kizilsu):
    assert rules.check_carrier("outgoing", "issued", {5}, 5, kizilsu).allowed
    assert rules.check_carrier("submission", "issued", {5}, 5, kizilsu).code == "reports.upward.not_outgoing"
    assert rules.check_carrier("outgoing", "signed", {5}, 5, kizilsu).code == "reports.upward.not_issued"
    assert rules.check_carrier("outgoing", "issued", {6}, 5, kizilsu).code == "reports.upward.not_addressed"
    assert not rules.check_request("report", kizilsu).allowed


@pytest.mark.article(46)
@pytest.mark.parametrize(
    ("kinds", "entrusted", "reason", "governor", "allowed"),
    [
        ({"vice_governor"}, False, "", False, True),
        ({"executive_vice_governor"}, False, "", False, True),
        ({"secretary_general"}, False, "", True, False),  # not entrusted
        ({"secretary_general"}, True, "副州长均离州", False, False),  # the office cannot entrust
        ({"secretary_general"}, True, "", True, False),  # no special case stated
        ({"secretary_general"}, True, "副州长均离州", True, True),
        ({"unit_head"}, True, "特殊情况", True, False),
        ({"governor"}, False, "", True, False),
    ],
)
def test_who_may_attend_the_npc_standing_committee(kizilsu, kinds, entrusted, reason, governor, allowed):
    decision = rules.check_attendee(kinds, entrusted, reason, governor, kizilsu)
    assert decision.allowed is allowed
    assert decision.citation.article == 46


@pytest.mark.article(46)
def test_the_assigned_leader_is_in_the_prefecture_and_attendance_is_recorded_after_the_session(kizilsu):
    day = dt.date(2026, 11, 20)
    assert not rules.check_not_away(True, "刘某", day, kizilsu).allowed
    assert rules.check_not_away(False, "刘某", day, kizilsu).allowed
    assert not rules.check_session_held(day, day - dt.timedelta(days=1), kizilsu).allowed
    assert rules.check_session_held(day, day, kizilsu).allowed
    assert not rules.may_assign(False, False, kizilsu).allowed


@pytest.mark.article(55)
def test_each_time_limit_keeps_the_words_of_its_national_source(kizilsu, client_as):
    """The rulebook data carries each limit's source text (``note``), and the parameters page shows it."""
    from zhengwu.rulebook import annotations

    params = annotations.load().parameters
    assert "力争30分钟内向国务院总值班室电话报告、1小时内书面报告" in params["reports.major_phone_minutes"].note
    assert "每级上报的时间不得超过2小时" in params["reports.accident_level_hours"].note
    page = client_as("admin").get("/rules/parameters/").content.decode()
    assert "国务院应急管理办公室《关于切实加强突发事件信息报告工作的通知》（2015年7月31日）" in page


@pytest.mark.article(34)
def test_a_major_problems_result_is_published(kizilsu):
    assert rules.publication_required(True, kizilsu).code == "reports.concern.publish"
    assert rules.publication_required(False, kizilsu).code == "reports.concern.no_publication"
    assert rules.unpublished(True, "handled", "queued")
    assert rules.unpublished(True, "handled", None)
    assert not rules.unpublished(True, "handled", "published")
    assert not rules.unpublished(True, "handled", "withheld")  # decided, with its exemption
    assert not rules.unpublished(False, "handled", None)
    assert not rules.unpublished(True, "open", None)
    clerk = PositionFact(1, "clerk", "科员", unit_id=7, unit_kind="office")
    refused = rules.may_handle([clerk], 3, None, kizilsu)
    assert not refused.allowed
    assert refused.citation.article == 34
