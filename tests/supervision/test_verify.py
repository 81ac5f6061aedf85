"""verify (art. 26, 核查复核): the office's 督查 clerk or leadership closes a reported item."""

from __future__ import annotations

import pytest

from zhengwu.core.decisions import Refused
from zhengwu.supervision import actions
from zhengwu.supervision.models import ItemState

from .conftest import D, notified

pytestmark = [pytest.mark.django_db, pytest.mark.article(26)]


@pytest.fixture
def reported(open_item, frozen, user):
    item = open_item(title="核查复核测试事项", due=D(2026, 12, 15))
    actions.report_done(user("fgw_head"), item, "已完成。")
    return item


@pytest.mark.parametrize("username", ["clerk_ducha", "office_director", "deputy_sg"])
def test_the_office_verifies(reported, user, username) -> None:
    actions.verify(user(username), reported, "实地核查属实。")
    assert reported.state == ItemState.CLOSED
    assert reported.done_on == D(2026, 12, 1)
    assert "fgw_head" in notified("已核查办结：核查复核测试事项")


@pytest.mark.parametrize("username", ["clerk_wendian", "fgw_head", "czj_head"])
def test_others_may_not(reported, user, username) -> None:
    with pytest.raises(Refused):
        actions.verify(user(username), reported)
    reported.refresh_from_db()
    assert reported.state == ItemState.REPORTED


def test_an_open_item_is_not_verified(open_item, frozen, user) -> None:
    item = open_item(title="未报办结不得核查")
    with pytest.raises(Refused) as exc:
        actions.verify(user("clerk_ducha"), item)
    assert "不能核查办结" in str(exc.value)
