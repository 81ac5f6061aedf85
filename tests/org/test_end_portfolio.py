"""The administrator ends a portfolio (art. 7): the unit has no 分管 leader after it."""

from __future__ import annotations

import pytest

from tests.org.conftest import D
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.org.admin_actions import end_portfolio
from zhengwu.org.models import Portfolio
from zhengwu.org.services import who_holds


def _portfolio() -> Portfolio:
    return Portfolio.objects.get(leader__appointments__person__user__username="vice_ayigul")


@pytest.mark.article(7)
def test_after_the_end_nobody_leads_the_units(user) -> None:
    end_portfolio(user("admin"), _portfolio(), D(2026, 6, 30))
    assert who_holds("portfolio:xfj", D(2026, 6, 30)).person_name == "阿依古丽·吐尔逊"
    assert who_holds("portfolio:xfj", D(2026, 7, 1)) is None


@pytest.mark.article(7)
def test_the_leader_may_not_end_it(user) -> None:
    with pytest.raises(Refused):
        end_portfolio(user("vice_ayigul"), _portfolio(), D(2026, 6, 30))
    assert _portfolio().end is None


def test_an_end_before_the_start_is_bad_input(user) -> None:
    with pytest.raises(InvalidInput) as invalid:
        end_portfolio(user("admin"), _portfolio(), D(2022, 1, 1))
    assert invalid.value.field == "end"
