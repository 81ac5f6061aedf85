"""记录发表 (art. 57): only what was approved in advance, never dated before its approval."""

from __future__ import annotations

import pytest

from tests.approvals.conftest import TODAY, D, fresh
from zhengwu.approvals import actions
from zhengwu.approvals.models import State
from zhengwu.audit.services import action_records
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.core.transitions import StateConflict

pytestmark = pytest.mark.article(57)


def test_an_approved_article_is_recorded_as_published(article, user) -> None:
    r = actions.decide(user("governor"), article(), True)
    r = actions.record_publication(user("jyj_head"), r, TODAY, "克孜勒苏日报")
    assert (r.state, r.published_on, r.published_where) == (State.PUBLISHED, TODAY, "克孜勒苏日报")
    rec = action_records().filter(action="approvals.publish", object_id=str(r.pk)).get()
    assert (rec.article, rec.details["rulebook_version"]["label"]) == (57, "2023")


def test_a_publication_without_prior_approval_is_refused_citing_article_57(article, user) -> None:
    r = article()
    with pytest.raises(StateConflict) as conflict:
        actions.record_publication(user("jyj_head"), r, TODAY, "克孜勒苏日报")
    d = conflict.value.decisions[0]
    assert (d.code, d.citation.article, d.citation.provision) == (
        "approvals.publish.wrong_state",
        57,
        "approvals.prior_approval",
    )
    assert "（《工作规则》第五十七条）" in d.explanation
    assert fresh(r).state == State.SUBMITTED
    assert not action_records().filter(action="approvals.publish").exists()


def test_a_refused_request_is_never_published(article, user) -> None:
    r = actions.decide(user("governor"), article(), False, "不宜发表。")
    with pytest.raises(StateConflict):
        actions.record_publication(user("jyj_head"), r, TODAY)


def test_a_publication_dated_before_the_approval_is_refused(article, user, frozen) -> None:
    r = actions.decide(user("governor"), article(), True)
    frozen.move_to("2026-06-20 10:00 +0800")
    with pytest.raises(Refused) as refused:
        actions.record_publication(user("jyj_head"), r, D(2026, 6, 12))
    d = refused.value.decisions[0]
    assert (d.code, d.citation.article) == ("approvals.published_before_approval", 57)
    assert fresh(r).state == State.APPROVED


def test_someone_else_may_not_record_it(article, user) -> None:
    r = actions.decide(user("governor"), article(), True)
    with pytest.raises(Refused) as refused:
        actions.record_publication(user("fgw_clerk"), r, TODAY)
    assert refused.value.decisions[0].code == "approvals.not_own"


def test_a_future_date_is_bad_input(article, user) -> None:
    r = actions.decide(user("governor"), article(), True)
    with pytest.raises(InvalidInput) as bad:
        actions.record_publication(user("jyj_head"), r, D(2026, 7, 1))
    assert bad.value.field == "published_on"
