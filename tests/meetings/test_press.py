"""Press releases on meeting decisions: the 秘书长 approves; when escalated, the 州长 or 常务副州长 (art. 45)."""

from __future__ import annotations

import pytest

from tests.meetings.conftest import person
from zhengwu.core.decisions import Refused
from zhengwu.meetings import actions

pytestmark = pytest.mark.article(45)


def test_secretary_general_approves(user, held):
    actions.draft_press(user("clerk_huiwu"), held, "州政府召开常务会议……")
    with pytest.raises(Refused) as exc:
        actions.approve_press(user("office_director"), held)
    assert exc.value.decisions[0].citation.article == 45
    m = actions.approve_press(user("secretary_general"), held)
    assert m.press_approved_by == person("secretary_general")


def test_escalated_needs_governor_or_executive_vice(user, held):
    actions.draft_press(user("clerk_huiwu"), held, "新闻稿", escalated=True)
    with pytest.raises(Refused):
        actions.approve_press(user("secretary_general"), held)
    m = actions.approve_press(user("exec_vice"), held)
    assert m.press_approved_by == person("exec_vice")
