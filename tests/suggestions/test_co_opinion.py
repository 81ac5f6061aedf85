"""协办意见: the co-unit sends its opinion to the lead unit (art. 31)."""

from __future__ import annotations

import pytest

from tests.suggestions.conftest import unit
from zhengwu.core.decisions import Refused
from zhengwu.notices.models import Notice
from zhengwu.suggestions.actions import send_opinion
from zhengwu.timers.models import Timer

pytestmark = pytest.mark.article(31)


def test_the_co_unit_sends_its_opinion(user, assigned) -> None:
    with pytest.raises(Refused):
        send_opinion(user("jyj_head"), assigned, unit("czj"), "同意。")  # not the 财政局
    with pytest.raises(Refused) as refused:
        send_opinion(user("fgw_clerk"), assigned, unit("fgw"), "同意。")  # not a co-unit
    assert refused.value.decisions[0].code == "suggestions.not_co_unit"
    assert refused.value.decisions[0].citation.article == 31
    opinion = send_opinion(user("czj_head"), assigned, unit("czj"), "财政局将统筹安排资金。")
    assert opinion.sent_at is not None
    assert Notice.objects.filter(recipient__username="jyj_head", title__contains="协办意见").exists()
    assert not Timer.objects.filter(key=f"suggestions.{assigned.pk}.co.{opinion.pk}.overdue", state="pending").exists()
    with pytest.raises(Refused) as refused:
        send_opinion(user("czj_head"), assigned, unit("czj"), "再送一次。")
    assert refused.value.explanations == ["协办意见已送主办单位（《工作规则》第三十一条）"]
