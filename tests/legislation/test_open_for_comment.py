"""Opening a draft for public comment (arts. 21, 24): leaders decide, the period is a parameter, the
draft for comment is queued on the portal, and a secret draft is not published."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.core.decisions import Refused
from zhengwu.legislation.actions.comments import open_for_comment
from zhengwu.portal.models import ItemKind
from zhengwu.portal.services import queued_for
from zhengwu.timers.models import Timer
from zhengwu.workdays.arith import deadline_close

pytestmark = pytest.mark.article(21)


def test_the_draft_is_published_for_comment_until_the_periods_end(user, new_draft) -> None:
    draft = new_draft()
    with pytest.raises(Refused):
        open_for_comment(user("fgw_clerk"), draft)  # a clerk does not decide
    open_for_comment(user("fgw_head"), draft)
    assert draft.state == "consulting"
    assert draft.comment_closes == deadline_close(dt.date(2026, 10, 13))  # 24:00 Beijing of 10-13
    item = queued_for(draft.versions.get(), ItemKind.DRAFT_FOR_COMMENT)
    assert item is not None
    assert item.title.endswith("（征求意见稿）")
    assert "第四条" in item.body
    assert Timer.objects.get(key=f"legislation:{draft.pk}:comment_close").state == "pending"
    assert draft.transitions.get().article == 21


@pytest.mark.article(24)
def test_a_major_decision_stays_open_at_least_thirty_days(user, new_draft) -> None:
    draft = new_draft(major=True)
    with pytest.raises(Refused):
        open_for_comment(user("fgw_head"), draft, days=15)
    open_for_comment(user("fgw_head"), draft)
    assert draft.comment_closes == deadline_close(dt.date(2026, 10, 28))


def test_a_secret_draft_is_not_published(user, new_draft) -> None:
    draft = new_draft(secret=True, secret_reason="涉及国家秘密")
    with pytest.raises(Refused) as refused:
        open_for_comment(user("fgw_head"), draft)
    assert refused.value.explanations == [
        "本草案依法需要保密（涉及国家秘密），不公开征求意见（《工作规则》第二十一条）"
    ]
    assert queued_for(draft.versions.get()) is None
