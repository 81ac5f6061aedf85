"""复查 and 复核: asked within 30 days of the answer, answered within 30 days each (art. 35;
《信访工作条例》arts. 35–36)."""

from __future__ import annotations

import pytest

from tests.petitions.conftest import D
from zhengwu.core.decisions import Refused
from zhengwu.petitions.actions import conclude, decide_acceptance, decide_review, request_review
from zhengwu.petitions.models import State

pytestmark = pytest.mark.article(35)


def test_review_then_rereview_across_national_day(letter, user, frozen) -> None:
    frozen.move_to("2026-08-03 09:00 +0800")
    petition = letter(received_on=D(2026, 8, 3))
    decide_acceptance(user("xfj_head"), petition, True, "书面告知")
    assert petition.handle_due == D(2026, 10, 8)  # 10-02 falls in 国庆
    frozen.move_to("2026-08-20 09:00 +0800")
    with pytest.raises(Refused):
        request_review(user("xfj_head"), petition, "review", "州信访局")  # not concluded yet
    conclude(user("jyj_head"), petition, "已答复。", "书面答复")
    frozen.move_to("2026-09-05 09:00 +0800")
    with pytest.raises(Refused):
        request_review(user("jyj_head"), petition, "review", "州教育局")  # the bureau registers it
    review = request_review(user("xfj_head"), petition, "review", "州人民政府")
    assert (petition.state, review.due) == (State.REVIEWING, D(2026, 10, 8))
    decide_review(user("xfj_head"), petition, "维持原处理意见。")
    assert petition.state == State.REVIEWED
    frozen.move_to("2026-10-12 09:00 +0800")  # 37 days after the 复查 opinion
    with pytest.raises(Refused) as late:
        request_review(user("xfj_head"), petition, "rereview", "自治区信访局")
    assert "最迟2026-10-08" in late.value.explanations[-1]
    frozen.move_to("2026-10-08 09:00 +0800")
    rereview = request_review(user("xfj_head"), petition, "rereview", "自治区信访局")
    assert rereview.due == D(2026, 11, 9)  # 11-07 is a Saturday
    decide_review(user("xfj_head"), petition, "复核维持。")
    assert petition.state == State.FINAL
