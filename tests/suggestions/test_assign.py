"""交办: the answer due 3 months after assignment, co-units' opinions 30 days before (art. 31)."""

from __future__ import annotations

import pytest

from tests.suggestions.conftest import D, unit
from zhengwu.core.decisions import Refused
from zhengwu.notices.models import Notice
from zhengwu.suggestions.actions import assign
from zhengwu.suggestions.models import State
from zhengwu.timers.models import Timer

pytestmark = pytest.mark.article(31)


def test_assigned_across_the_spring_festival(assigned) -> None:
    s = assigned
    assert (s.state, s.assigned_on, s.due, s.co_due) == (
        State.HANDLING,
        D(2025, 11, 20),
        D(2026, 2, 24),
        D(2026, 1, 23),
    )
    assert [(o.unit.code, o.due) for o in s.co_opinions.all()] == [("czj", D(2026, 1, 23))]
    assert Notice.objects.filter(recipient__username="jyj_head", title__contains="交办（主办）").exists()
    assert Notice.objects.filter(recipient__username="czj_head", title__contains="交办（协办）").exists()
    assert Timer.objects.filter(key=f"suggestions.{s.pk}.answer.overdue", state="pending").exists()


def test_only_the_office_assigns_and_the_lead_is_not_a_co_unit(user, registered) -> None:
    s = registered()
    with pytest.raises(Refused):
        assign(user("jyj_head"), s, unit("jyj"))
    with pytest.raises(Refused):
        assign(user("clerk_ducha"), s, unit("jyj"), [unit("jyj")])
    assign(user("office_director"), s, unit("jyj"))
    assert s.co_due is None
    with pytest.raises(Refused):
        assign(user("clerk_ducha"), s, unit("fgw"))  # already assigned
