"""A step taken from the wrong state is refused with art. 35, as a state conflict (issue 14)."""

from __future__ import annotations

import pytest

from zhengwu.core.transitions import StateConflict, check_step
from zhengwu.petitions import rules
from zhengwu.petitions.actions import conclude, decide_acceptance

pytestmark = pytest.mark.article(35)


def test_acceptance_is_decided_once_and_a_case_is_concluded_after_it(letter, user) -> None:
    petition = letter()
    with pytest.raises(StateConflict) as not_yet:
        conclude(user("xfj_head"), petition, "已整改。", "书面答复")
    assert not_yet.value.explanations == ["本件当前为“已登记，待决定是否受理”，不能办结（《工作规则》第三十五条）"]
    decide_acceptance(user("xfj_head"), petition, True, "书面告知")
    with pytest.raises(StateConflict) as twice:
        decide_acceptance(user("xfj_head"), petition, True, "书面告知")
    assert twice.value.explanations == ["本件当前为“已受理，办理中”，不能决定是否受理（《工作规则》第三十五条）"]


def test_each_step_names_the_states_it_is_taken_from(kizilsu) -> None:
    assert check_step(rules.ROUTE_IMPORTANT, rules.HANDLING_STATE, "办理中", kizilsu).allowed
    assert not check_step(rules.ROUTE_IMPORTANT, rules.CONCLUDED, "已办结", kizilsu).allowed
    assert check_step(rules.REVIEW_OPINION, rules.REREVIEWING, "复核中", kizilsu).allowed
    refused = check_step(rules.REVIEW_OPINION, rules.FINAL, "终结", kizilsu)
    assert (refused.allowed, refused.citation.article) == (False, 35)
