"""审批 by the approver the rulebook names (arts. 57, 59, 60); an important guest goes on to the 州党委."""

from __future__ import annotations

import pytest

from tests.approvals.conftest import TODAY, D, fresh
from zhengwu.approvals import actions
from zhengwu.approvals.models import State
from zhengwu.audit.services import action_records
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.core.transitions import StateConflict
from zhengwu.notices.models import Notice
from zhengwu.org.actions import report_absence
from zhengwu.org.models import Person, Position


@pytest.mark.article(57)
def test_the_governor_approves_a_signed_article(article, user) -> None:
    r = actions.decide(user("governor"), article(), True, "同意发表。")
    assert (r.state, r.approved_on, r.decided_as) == (State.APPROVED, TODAY, "")
    rec = action_records().filter(action="approvals.decide", object_id=str(r.pk)).get()
    assert (rec.article, rec.acting_for) == (57, "")
    assert Notice.objects.filter(recipient=user("jyj_head"), url=f"/approvals/{r.pk}/").exists()


@pytest.mark.article(57)
def test_the_executive_vice_governor_may_not_approve_what_goes_to_the_governor(article, user) -> None:
    r = article()
    with pytest.raises(Refused) as refused:
        actions.decide(user("exec_vice"), r, True)
    assert (refused.value.decisions[0].code, refused.value.decisions[0].citation.article) == (
        "approvals.not_approver",
        57,
    )
    assert fresh(r).state == State.SUBMITTED


@pytest.mark.article(6, 57)
def test_while_the_governor_is_away_and_has_entrusted_it_the_executive_approves_as_acting(article, user) -> None:
    governor = Person.objects.get(user__username="governor")
    executive = Position.objects.get(appointments__person__user__username="exec_vice")
    report_absence(user("governor"), governor, TODAY, D(2026, 6, 18), "北京", "trip", entrust_to=executive)
    r = actions.decide(user("exec_vice"), article(), True)
    assert r.state == State.APPROVED
    assert "代州长" in r.decided_as
    rec = action_records().filter(action="approvals.decide", object_id=str(r.pk)).get()
    assert "代州长" in rec.acting_for


@pytest.mark.article(57)
def test_a_special_case_for_the_party_committee_is_not_decided_by_the_governor(article, user) -> None:
    r = article(kind="book", title="讲话选编", counterpart="新疆人民出版社")
    with pytest.raises(Refused) as refused:
        actions.decide(user("governor"), r, True)
    assert (refused.value.decisions[0].code, refused.value.decisions[0].citation.article) == (
        "approvals.party_committee",
        57,
    )


@pytest.mark.article(60)
def test_a_guest_is_approved_by_the_executive_vice_governor_after_the_review(guest, user) -> None:
    r = guest()
    with pytest.raises(StateConflict) as conflict:
        actions.decide(user("exec_vice"), r, True)
    assert conflict.value.decisions[0].citation.article == 60
    actions.review(user("wsb_clerk"), r, "建议会见。")
    r = actions.decide(user("exec_vice"), r, True)
    assert r.state == State.APPROVED


@pytest.mark.article(60)
def test_a_vice_governor_may_not_approve_a_guest(guest, user) -> None:
    r = guest()
    actions.review(user("wsb_clerk"), r, "建议会见。")
    with pytest.raises(Refused) as refused:
        actions.decide(user("vice_ayigul"), r, True)
    assert refused.value.decisions[0].citation.article == 60
    assert fresh(r).state == State.REVIEWED


@pytest.mark.article(60)
def test_an_important_guest_approved_by_the_governor_is_referred_to_the_party_committee(guest, user) -> None:
    r = guest(important=True)
    actions.review(user("wsb_clerk"), r, "建议州长会见。")
    r = actions.decide(user("governor"), r, True, "同意，报州党委。")
    assert (r.state, r.approved_on) == (State.REFERRED, None)
    assert r.referred_at is not None
    rec = action_records().filter(action="approvals.refer", object_id=str(r.pk)).get()
    assert (rec.article, rec.citation) == (60, "《工作规则》第六十条")
    told = Notice.objects.filter(recipient=user("wsb_clerk"), url=f"/approvals/{r.pk}/", title__contains="州党委")
    assert told.exists()


@pytest.mark.article(60)
def test_a_refusal_needs_its_reason_and_is_recorded(guest, user) -> None:
    r = guest()
    actions.review(user("wsb_clerk"), r, "建议会见。")
    with pytest.raises(InvalidInput) as bad:
        actions.decide(user("governor"), r, False)
    assert bad.value.field == "note"
    r = actions.decide(user("governor"), r, False, "日程冲突。")
    assert r.state == State.REFUSED
    assert action_records().filter(action="approvals.decide", object_id=str(r.pk)).get().article == 60


@pytest.mark.article(59)
def test_a_delegation_is_approved_before_it_leaves(delegation, user, frozen) -> None:
    r = delegation()
    actions.review(user("wsb_clerk"), r, "同意")
    frozen.move_to("2026-07-02 10:00 +0800")
    with pytest.raises(Refused) as refused:
        actions.decide(user("governor"), r, True)
    assert (refused.value.decisions[0].code, refused.value.decisions[0].citation.article) == ("approvals.too_late", 59)
    assert fresh(r).state == State.REVIEWED
