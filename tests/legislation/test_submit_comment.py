"""Comments from the public (art. 21): on an article, while open, text required, name optional."""

from __future__ import annotations

import pytest

from tests.legislation.conftest import AFTER_COMMENT
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.legislation.actions.comments import submit_comment

pytestmark = pytest.mark.article(21)


def test_a_comment_on_the_third_article(opened) -> None:
    c = submit_comment(opened, article=3, text="建议明确报送频次。")
    assert (c.article, c.name, c.contact, c.version.number) == (3, "", "", 1)


def test_what_is_refused(opened, frozen) -> None:
    with pytest.raises(InvalidInput):
        submit_comment(opened, article=3, text="  ")
    with pytest.raises(Refused):
        submit_comment(opened, article=9, text="没有第九条。")
    frozen.move_to(AFTER_COMMENT)
    with pytest.raises(Refused) as refused:
        submit_comment(opened, article=3, text="晚了。")
    assert "不在公开征求意见期内" in refused.value.explanations[0]
    assert opened.comments.count() == 0


def test_a_draft_not_open_takes_no_comment(new_draft) -> None:
    with pytest.raises(Refused):
        submit_comment(new_draft(), article=1, text="意见")
