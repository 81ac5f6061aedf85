"""外事办审核，提出安排意见 (arts. 59, 60)."""

from __future__ import annotations

import pytest

from tests.approvals.conftest import fresh
from zhengwu.approvals import actions
from zhengwu.approvals.models import State
from zhengwu.audit.services import action_records
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.core.transitions import StateConflict
from zhengwu.notices.models import Notice


@pytest.mark.article(60)
def test_the_foreign_affairs_office_reviews_and_the_request_goes_to_the_approvers(guest, user) -> None:
    r = actions.review(user("wsb_clerk"), guest(), "建议由常务副州长会见，地点州政府会见厅。")
    assert (r.state, r.review_opinion) == (State.REVIEWED, "建议由常务副州长会见，地点州政府会见厅。")
    assert action_records().filter(action="approvals.review", object_id=str(r.pk)).get().article == 60
    for who in ("governor", "exec_vice"):
        told = Notice.objects.filter(recipient=user(who), url=f"/approvals/{r.pk}/", title__startswith="待审批")
        assert told.exists()


@pytest.mark.article(60)
def test_another_unit_may_not_review(guest, user) -> None:
    r = guest()
    with pytest.raises(Refused) as refused:
        actions.review(user("jyj_head"), r, "同意")
    assert (refused.value.decisions[0].code, refused.value.decisions[0].citation.article) == (
        "approvals.not_foreign_affairs",
        60,
    )
    assert fresh(r).state == State.SUBMITTED


@pytest.mark.article(59)
def test_a_delegation_is_reviewed_once(delegation, user) -> None:
    r = actions.review(user("wsb_head"), delegation(), "同意")
    with pytest.raises(StateConflict) as conflict:
        actions.review(user("wsb_head"), r, "再次审核")
    assert conflict.value.decisions[0].citation.article == 59
    assert fresh(r).review_opinion == "同意"


@pytest.mark.article(57)
def test_a_publication_is_not_reviewed_by_the_foreign_affairs_office(article, user) -> None:
    with pytest.raises(Refused) as refused:
        actions.review(user("wsb_clerk"), article(), "同意")
    assert (refused.value.decisions[0].code, refused.value.decisions[0].citation.article) == (
        "approvals.not_reviewed",
        57,
    )


def test_an_opinion_is_required(guest, user) -> None:
    r = guest()
    with pytest.raises(InvalidInput) as bad:
        actions.review(user("wsb_clerk"), r, " ")
    assert bad.value.field == "opinion"
    assert fresh(r).state == State.SUBMITTED
