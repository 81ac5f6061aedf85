"""Deliberation (art. 24): recorded by the office for the executive meeting, only after the pass."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.legislation.actions.adoption import record_deliberation

pytestmark = [pytest.mark.article(24), pytest.mark.article(22)]


def test_the_office_records_the_executive_meetings_deliberation(user, passed) -> None:
    with pytest.raises(Refused):
        record_deliberation(user("fgw_head"), passed, meeting_ref="常务会议", held_on=dt.date(2026, 10, 14))
    with pytest.raises(InvalidInput):
        record_deliberation(user("clerk_huiwu"), passed, meeting_ref="常务会议", held_on=dt.date(2026, 10, 20))
    record_deliberation(
        user("clerk_huiwu"), passed, meeting_ref="州人民政府第三十次常务会议", held_on=dt.date(2026, 10, 14)
    )
    assert (passed.state, passed.meeting_ref) == ("deliberated", "州人民政府第三十次常务会议")


def test_not_before_the_review_passed(user, answered) -> None:
    with pytest.raises(Refused):
        record_deliberation(user("clerk_huiwu"), answered, meeting_ref="常务会议", held_on=dt.date(2026, 10, 14))
