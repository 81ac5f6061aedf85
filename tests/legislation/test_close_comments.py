"""The comment period closes by itself at 24:00 of its last day (timer), or by the unit after it."""

from __future__ import annotations

import pytest

from zhengwu.core.decisions import Refused
from zhengwu.legislation.actions.comments import close_comments
from zhengwu.timers import services as timers

pytestmark = pytest.mark.article(21)


def test_the_timer_closes_the_period(user, opened, frozen) -> None:
    frozen.move_to("2026-10-13 23:59 +0800")
    timers.sweep()
    opened.refresh_from_db()
    assert opened.state == "consulting"
    frozen.move_to("2026-10-14 00:01 +0800")
    timers.sweep()
    opened.refresh_from_db()
    assert opened.state == "answering"
    assert opened.transitions.last().actor_name == "系统"


def test_not_before_the_end(user, opened) -> None:
    with pytest.raises(Refused) as refused:
        close_comments(user("fgw_clerk"), opened)
    assert refused.value.explanations == ["征求意见期至2026-10-13，期满前不能提前结束（《工作规则》第二十一条）"]
