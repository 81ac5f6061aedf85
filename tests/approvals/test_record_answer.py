"""记录州党委审批结果 (arts. 57, 60)."""

from __future__ import annotations

import pytest

from tests.approvals.conftest import TODAY, fresh
from zhengwu.approvals import actions
from zhengwu.approvals.models import State
from zhengwu.audit.services import action_records
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.core.transitions import StateConflict


def referred_guest(user, guest):
    r = guest(important=True)
    actions.review(user("wsb_clerk"), r, "建议州长会见。")
    return actions.decide(user("governor"), r, True)


@pytest.mark.article(60)
def test_the_foreign_affairs_office_records_the_committees_approval(user, guest) -> None:
    r = actions.record_answer(user("wsb_clerk"), referred_guest(user, guest), True, "同意会见。")
    assert (r.state, r.approved_on, r.committee_answer) == (State.APPROVED, TODAY, "同意会见。")
    rec = action_records().filter(action="approvals.answer", object_id=str(r.pk)).get()
    assert (rec.article, rec.details["approve"]) == (60, True)


@pytest.mark.article(60)
def test_an_important_guest_is_not_approved_before_the_committee_answers(user, guest) -> None:
    """The 州长's approval alone does not approve an important guest's meeting."""
    r = referred_guest(user, guest)
    assert r.state == State.REFERRED
    with pytest.raises(StateConflict):
        actions.decide(user("governor"), r, True)


@pytest.mark.article(60)
def test_a_unit_without_a_part_in_it_may_not_record_the_answer(user, guest) -> None:
    r = referred_guest(user, guest)
    with pytest.raises(Refused) as refused:
        actions.record_answer(user("jyj_head"), r, True, "同意")
    assert (refused.value.decisions[0].code, refused.value.decisions[0].citation.article) == (
        "approvals.not_recorder",
        60,
    )
    assert fresh(r).state == State.REFERRED


@pytest.mark.article(57)
def test_the_office_records_the_committees_refusal_of_a_book(user, article) -> None:
    r = article(kind="book", title="讲话选编", counterpart="出版社")
    actions.refer(user("clerk_wendian"), r)
    with pytest.raises(InvalidInput) as bad:
        actions.record_answer(user("clerk_wendian"), r, False, "")
    assert bad.value.field == "answer"
    r = actions.record_answer(user("clerk_wendian"), r, False, "不同意公开出版。")
    assert (r.state, r.approved_on) == (State.REFUSED, None)
    assert action_records().filter(action="approvals.answer", object_id=str(r.pk)).get().article == 57


@pytest.mark.article(57)
def test_no_answer_before_the_referral(user, article) -> None:
    with pytest.raises(StateConflict) as conflict:
        actions.record_answer(user("clerk_wendian"), article(kind="inscription", title="题词"), True, "同意")
    assert conflict.value.decisions[0].citation.article == 57
