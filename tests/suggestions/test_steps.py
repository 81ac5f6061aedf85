"""A suggestion's step taken from the wrong state is a state conflict citing art. 31 (issue 14)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.suggestions.conftest import unit
from zhengwu.core.transitions import StateConflict
from zhengwu.suggestions.actions import assign, extend

pytestmark = pytest.mark.article(31)


def test_assigned_once_and_extended_only_while_handled(user, registered) -> None:
    suggestion = registered()
    with pytest.raises(StateConflict) as early:
        extend(user("clerk_ducha"), suggestion, dt.date(2026, 12, 31), "涉及面广。")
    assert early.value.explanations == ["本件当前为“已登记，待交办”，不能延期（《工作规则》第三十一条）"]
    assign(user("clerk_ducha"), suggestion, unit("jyj"), [])
    with pytest.raises(StateConflict) as twice:
        assign(user("clerk_ducha"), suggestion, unit("jyj"), [])
    assert twice.value.explanations == ["本件当前为“办理中”，不能交办（《工作规则》第三十一条）"]
