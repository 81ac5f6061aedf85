"""Legality review by the 司法局 (arts. 20, 22): mandatory after comment; the checker flags the fine;
returned, revised, reviewed again and passed."""

from __future__ import annotations

import pytest

from tests.legislation.conftest import REVISED
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.legislation.actions.drafting import revise_draft
from zhengwu.legislation.actions.review import review, submit_for_review
from zhengwu.legislation.selectors import flags_of

pytestmark = pytest.mark.article(22)


@pytest.mark.article(21)
def test_comment_cannot_be_skipped_unless_secret(user, new_draft) -> None:
    draft = new_draft()
    with pytest.raises(Refused) as refused:
        submit_for_review(user("fgw_head"), draft)
    assert "不能跳过征求意见" in refused.value.explanations[0]
    secret = new_draft(secret=True, secret_reason="涉及国家秘密")
    submit_for_review(user("fgw_head"), secret)
    assert secret.state == "reviewing"


def test_a_fine_is_flagged_returned_revised_and_passed(user, answered) -> None:
    with pytest.raises(Refused):
        submit_for_review(user("fgw_clerk"), answered)  # the leaders send it
    submit_for_review(user("fgw_head"), answered)
    [flag] = flags_of(answered)
    assert (flag.article, flag.ground, flag.term) == (4, "行政处罚", "罚款")
    with pytest.raises(Refused):
        review(user("fgw_head"), answered, passed=True, reasons="同意")  # not the 司法局
    with pytest.raises(InvalidInput):
        review(user("sfj_clerk"), answered, passed=True, reasons="")  # flagged: reasons needed
    row = review(user("sfj_clerk"), answered, passed=False, reasons="第四条设定罚款，规范性文件不得设定行政处罚。")
    assert (answered.state, row.flags[0]["ground"]) == ("returned", "行政处罚")
    with pytest.raises(Refused) as refused:
        submit_for_review(user("fgw_head"), answered)  # not revised yet
    assert "修改（形成新的版本）" in refused.value.explanations[-1]
    revise_draft(user("fgw_clerk"), answered, body=REVISED, note="删除罚款")
    submit_for_review(user("fgw_head"), answered)
    assert flags_of(answered) == []
    review(user("sfj_head"), answered, passed=True, reasons="")
    assert answered.state == "passed"
    assert [r.passed for r in answered.reviews.order_by("created_at")] == [False, True]
