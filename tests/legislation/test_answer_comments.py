"""Answering each comment and publishing the answers (art. 21)."""

from __future__ import annotations

import pytest

from tests.legislation.conftest import AFTER_COMMENT
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.legislation.actions.comments import answer_comment, close_comments, publish_answers, submit_comment
from zhengwu.portal.models import ItemKind
from zhengwu.portal.services import queued_for

pytestmark = pytest.mark.article(21)


def test_every_comment_is_answered_then_the_answers_are_published(user, opened, frozen) -> None:
    first = submit_comment(opened, article=3, text="建议明确报送频次。")
    second = submit_comment(opened, article=4, text="罚款过重。", name="张三")
    frozen.move_to(AFTER_COMMENT)
    close_comments(user("fgw_clerk"), opened)
    with pytest.raises(InvalidInput):
        answer_comment(user("fgw_clerk"), second, outcome="not_adopted", reason="")  # a reason is needed
    with pytest.raises(Refused):
        answer_comment(user("czj_head"), first, outcome="adopted", reason="")
    answer_comment(user("fgw_clerk"), first, outcome="adopted", reason="")
    with pytest.raises(Refused) as refused:
        publish_answers(user("fgw_head"), opened)
    assert "尚有1条意见未逐条反馈" in refused.value.explanations[0]
    answer_comment(user("fgw_clerk"), second, outcome="partly", reason="改为督促改正。")
    with pytest.raises(Refused):
        publish_answers(user("fgw_clerk"), opened)  # the leaders publish
    publish_answers(user("fgw_head"), opened)
    assert opened.state == "answered"
    item = queued_for(first.version, ItemKind.COMMENT_ANSWERS)
    assert item is not None
    assert "第4条：罚款过重。" in item.body
    assert "部分采纳。改为督促改正。" in item.body
    assert "张三" not in item.body  # no personal data published
