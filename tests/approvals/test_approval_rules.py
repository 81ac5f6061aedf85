"""The pure rules of the requests approved in advance (arts. 57, 59, 60), on the Kizilsu rulebook's data."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from zhengwu.approvals import rules
from zhengwu.core.rulebook_view import Parameter
from zhengwu.core.transitions import check_step
from zhengwu.org.rules import PositionFact
from zhengwu.workdays.arith import WorkCalendar, build_year

D = dt.date
OFFICE, WSB, JYJ = 2, 6, 8


def pos(kind: str, unit_id: int) -> PositionFact:
    return PositionFact(id=unit_id * 100, kind=kind, title=kind, unit_id=unit_id, unit_kind="department")


@pytest.mark.article(57)
class TestPublications:
    @pytest.mark.parametrize(
        ("kind", "approver"),
        [
            ("book", "party_committee"),
            ("congratulation", "party_committee"),
            ("inscription", "party_committee"),
            ("speech", "governor"),
            ("signed_article", "governor"),
        ],
    )
    def test_each_kind_goes_to_the_approver_the_rulebook_names(self, kizilsu, kind, approver):
        code, basis = rules.approver_of(kind, kizilsu)
        assert (code, basis.allowed) == (approver, True)
        assert basis.citation.article == 57
        assert basis.citation.provision == f"approvals.approver.{kind}"

    def test_an_approver_the_system_does_not_know_is_refused_with_the_parameters_article(self, kizilsu):
        params = dict(kizilsu.parameters)
        params["approvals.approver.speech"] = dataclasses.replace(params["approvals.approver.speech"], value="mayor")
        rb = dataclasses.replace(kizilsu, parameters=params)
        code, basis = rules.approver_of("speech", rb)
        assert (code, basis.allowed, basis.code) == ("mayor", False, "approvals.unknown_approver")
        assert basis.citation.article == 57

    def test_another_rulebook_may_name_another_approver(self, kizilsu):
        params = dict(kizilsu.parameters)
        params["approvals.approver.book"] = Parameter("approvals.approver.book", "governor", "approver", 57)
        assert rules.approver_of("book", dataclasses.replace(kizilsu, parameters=params))[0] == "governor"

    def test_members_of_the_government_ask_clerks_do_not(self, kizilsu):
        assert rules.may_request("speech", [pos("unit_head", JYJ)], JYJ, kizilsu).allowed
        assert rules.may_request("book", [pos("vice_governor", 1)], 1, kizilsu).allowed
        refused = rules.may_request("signed_article", [pos("clerk", JYJ)], JYJ, kizilsu)
        assert (refused.allowed, refused.code, refused.citation.article) == (False, "approvals.not_member", 57)

    def test_only_the_governor_decides_what_goes_to_the_governor(self, kizilsu):
        holders = rules.Holders(governor=1, executive=2)
        assert rules.may_decide("speech", "governor", 1, holders, kizilsu).allowed
        refused = rules.may_decide("speech", "governor", 2, holders, kizilsu)
        assert (refused.allowed, refused.code, refused.citation.article) == (False, "approvals.not_approver", 57)

    def test_the_governors_stand_in_decides_while_presiding(self, kizilsu):
        """While the 州长 is away and has entrusted it, the 常务副州长 holds the 州长's authority (art. 6)."""
        holders = rules.Holders(governor=2, executive=2)
        assert rules.may_decide("signed_article", "governor", 2, holders, kizilsu).allowed

    def test_a_special_case_for_the_party_committee_is_referred_not_decided(self, kizilsu):
        refused = rules.may_decide("inscription", "party_committee", 1, rules.Holders(1, 2), kizilsu)
        assert (refused.allowed, refused.code, refused.citation.article) == (False, "approvals.party_committee", 57)
        assert rules.may_refer("inscription", "party_committee", [pos("clerk", OFFICE)], OFFICE, kizilsu).allowed
        assert not rules.may_refer("inscription", "party_committee", [pos("unit_head", JYJ)], OFFICE, kizilsu).allowed
        assert not rules.may_refer("speech", "governor", [pos("clerk", OFFICE)], OFFICE, kizilsu).allowed

    def test_nothing_is_published_before_it_is_approved(self, kizilsu):
        never = rules.check_publication(None, D(2026, 6, 15), kizilsu)
        early = rules.check_publication(D(2026, 6, 10), D(2026, 6, 9), kizilsu)
        for refused, code in ((never, "approvals.not_approved"), (early, "approvals.published_before_approval")):
            assert (refused.allowed, refused.code) == (False, code)
            assert (refused.citation.article, refused.citation.provision) == (57, "approvals.prior_approval")
        assert rules.check_publication(D(2026, 6, 10), D(2026, 6, 10), kizilsu).allowed

    def test_publishing_is_a_step_taken_only_after_approval(self, kizilsu):
        d = check_step(rules.PUBLISH, "submitted", "已报送，待审核审批", kizilsu)
        assert (d.allowed, d.code, d.citation.article) == (False, "approvals.publish.wrong_state", 57)
        assert "经批准后方可记录发表" in d.message
        assert check_step(rules.PUBLISH, "approved", "已批准", kizilsu).allowed


@pytest.mark.article(60)
class TestForeignGuests:
    def test_the_governor_or_the_executive_vice_governor_approves(self, kizilsu):
        code, basis = rules.approver_of("foreign_meeting", kizilsu)
        assert code == "governor_or_executive"
        assert basis.citation.article == 60
        holders = rules.Holders(governor=1, executive=2)
        for person in (1, 2):
            assert rules.may_decide("foreign_meeting", code, person, holders, kizilsu).allowed
        refused = rules.may_decide("foreign_meeting", code, 3, holders, kizilsu)
        assert (refused.allowed, refused.citation.article) == (False, 60)

    def test_an_important_guest_goes_to_the_party_committee(self, kizilsu):
        code, basis = rules.approver_of("foreign_meeting", kizilsu, important=True)
        assert (code, basis.citation.article) == ("party_committee", 60)
        assert rules.after_approval("foreign_meeting", True, True) == "referred"
        assert rules.after_approval("foreign_meeting", False, True) == "approved"
        assert rules.after_approval("foreign_meeting", True, False) == "refused"

    def test_the_foreign_affairs_office_reviews(self, kizilsu):
        assert rules.may_review("foreign_meeting", [pos("clerk", WSB)], {WSB}, kizilsu).allowed
        refused = rules.may_review("foreign_meeting", [pos("unit_head", JYJ)], {WSB}, kizilsu)
        assert (refused.allowed, refused.code, refused.citation.article) == (False, "approvals.not_foreign_affairs", 60)
        assert not rules.may_review("speech", [pos("clerk", WSB)], {WSB}, kizilsu).allowed

    def test_the_approval_comes_after_the_review(self, kizilsu):
        d = check_step(rules.DECIDE_REVIEWED, "submitted", "已报送", kizilsu)
        assert (d.allowed, d.citation.article) == (False, 60)
        assert "外事办审核后方可审批" in d.message

    def test_a_meeting_is_approved_in_advance(self, kizilsu):
        late = rules.check_in_advance("foreign_meeting", D(2026, 6, 14), D(2026, 6, 15), kizilsu)
        assert (late.allowed, late.code, late.citation.article) == (False, "approvals.too_late", 60)
        assert rules.check_in_advance("foreign_meeting", D(2026, 6, 15), D(2026, 6, 15), kizilsu).allowed

    def test_the_committees_answer_is_recorded_by_the_office_or_the_foreign_affairs_office(self, kizilsu):
        for who in (pos("clerk", WSB), pos("office_director", OFFICE)):
            assert rules.may_record_answer("foreign_meeting", [who], OFFICE, {WSB}, kizilsu).allowed
        refused = rules.may_record_answer("foreign_meeting", [pos("unit_head", JYJ)], OFFICE, {WSB}, kizilsu)
        assert (refused.allowed, refused.citation.provision, refused.citation.article) == (
            False,
            "approvals.important_guests",
            60,
        )


@pytest.mark.article(59)
class TestDelegations:
    def test_a_delegation_is_reviewed_then_approved_by_the_governor_or_the_executive(self, kizilsu):
        code, basis = rules.approver_of("delegation", kizilsu)
        assert (code, basis.citation.article) == ("governor_or_executive", 59)
        assert rules.may_review("delegation", [pos("clerk", WSB)], {WSB}, kizilsu).citation.article == 59

    def test_a_departure_is_approved_before_it(self, kizilsu):
        late = rules.check_in_advance("delegation", D(2026, 6, 1), D(2026, 6, 15), kizilsu)
        assert (late.allowed, late.citation.article) == (False, 59)

    def test_the_report_is_due_in_working_days_after_the_return(self, kizilsu):
        """10 working days from Friday 2026-09-18: Sunday 09-20 is a make-up working day, 中秋
        (09-25..27) and 国庆 (10-01..07) are skipped."""
        holidays = {D(2026, 9, 25) + dt.timedelta(days=i): "中秋节" for i in range(3)}
        holidays |= {D(2026, 10, 1) + dt.timedelta(days=i): "国庆节" for i in range(7)}
        cal = WorkCalendar(build_year(2026, holidays, {D(2026, 9, 20): "调休上班", D(2026, 10, 10): "调休上班"}))
        assert kizilsu.param("approvals.delegation_report_days").value == 10
        assert rules.report_due(D(2026, 9, 18), kizilsu, cal) == D(2026, 10, 9)

    def test_the_return_cannot_be_in_the_future_or_before_the_departure(self, kizilsu):
        assert not rules.check_return(D(2026, 6, 1), D(2026, 6, 16), D(2026, 6, 15), kizilsu).allowed
        refused = rules.check_return(D(2026, 6, 10), D(2026, 6, 9), D(2026, 6, 15), kizilsu)
        assert (refused.allowed, refused.citation.article) == (False, 59)
        assert rules.check_return(D(2026, 6, 1), D(2026, 6, 8), D(2026, 6, 15), kizilsu).allowed

    def test_a_late_report_is_accepted_and_marked_late(self, kizilsu):
        late = rules.report_timing(D(2026, 6, 10), D(2026, 6, 11), kizilsu)
        assert (late.allowed, late.facts["late"], late.citation.article) == (True, True, 59)
        assert rules.report_timing(D(2026, 6, 10), D(2026, 6, 10), kizilsu).facts["late"] is False

    def test_only_a_delegation_returns_and_reports(self, kizilsu):
        refused = rules.check_kind("speech", {"delegation"}, "报送出访报告", kizilsu, rules.DELEGATION_REPORT)
        assert (refused.allowed, refused.citation.article) == (False, 59)
