"""报州党委审批 (art. 57): the office reports a special case under the relevant rules."""

from __future__ import annotations

import pytest

from tests.approvals.conftest import fresh
from zhengwu.approvals import actions
from zhengwu.approvals.models import State
from zhengwu.audit.services import action_records
from zhengwu.core.decisions import Refused
from zhengwu.core.transitions import StateConflict

pytestmark = pytest.mark.article(57)


def test_the_office_refers_an_inscription_to_the_party_committee(article, user) -> None:
    r = actions.refer(user("clerk_wendian"), article(kind="inscription", title="题词"), "特殊情况，报请审批。")
    assert (r.state, r.referred_at is not None) == (State.REFERRED, True)
    assert action_records().filter(action="approvals.refer", object_id=str(r.pk)).get().article == 57
    with pytest.raises(StateConflict):
        actions.refer(user("clerk_wendian"), r)


def test_only_the_office_refers(article, user) -> None:
    r = article(kind="congratulation", title="贺信", counterpart="某协会")
    with pytest.raises(Refused) as refused:
        actions.refer(user("jyj_head"), r)
    assert refused.value.decisions[0].code == "approvals.not_office"
    assert fresh(r).state == State.SUBMITTED


def test_what_the_governor_approves_is_not_referred(article, user) -> None:
    r = article()
    with pytest.raises(Refused) as refused:
        actions.refer(user("clerk_wendian"), r)
    assert (refused.value.decisions[0].code, refused.value.decisions[0].citation.article) == (
        "approvals.not_party_committee",
        57,
    )


@pytest.mark.article(60)
def test_an_important_guest_is_referred_by_the_decision_not_by_the_office(guest, user) -> None:
    r = actions.review(user("wsb_clerk"), guest(important=True), "建议州长会见。")
    with pytest.raises(Refused) as refused:
        actions.refer(user("clerk_wendian"), r)
    assert (refused.value.decisions[0].code, refused.value.decisions[0].citation.article) == (
        "approvals.referred_by_decision",
        60,
    )
    assert fresh(r).state == State.REVIEWED
