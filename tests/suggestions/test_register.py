"""登记 by the office's 督查 clerk (art. 31)."""

from __future__ import annotations

import pytest

from tests.suggestions.conftest import D
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.suggestions.actions import register
from zhengwu.suggestions.models import State, Suggestion

pytestmark = pytest.mark.article(31)


def test_the_supervision_clerk_registers(registered) -> None:
    s = registered()
    assert (s.state, s.kind, s.lead_unit) == (State.REGISTERED, "suggestion", None)


def test_others_may_not_register(user, frozen) -> None:
    for who in ("clerk_wendian", "jyj_head"):
        with pytest.raises(Refused):
            register(
                user(who),
                kind="proposal",
                number="1",
                title="提案",
                text="内容",
                proposers="委员",
                session="州政协会议",
                received_on=D(2025, 11, 1),
            )
    assert not Suggestion.objects.filter(is_demo=False).exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "motion"}, "kind"),
        ({"title": " "}, "title"),
        ({"number": "x" * 41}, "number"),
        ({"proposers": ""}, "proposers"),
    ],
)
def test_bad_input_changes_nothing(registered, kwargs, field) -> None:
    with pytest.raises(InvalidInput) as bad:
        registered(**kwargs)
    assert bad.value.field == field
    assert not Suggestion.objects.filter(is_demo=False).exists()


def test_the_same_number_in_the_same_session_is_registered_once(registered) -> None:
    registered()
    with pytest.raises(InvalidInput) as bad:
        registered()
    assert bad.value.field == "number"
