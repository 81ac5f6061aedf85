"""Access tokens are access control: their refusals cite art. 61 (issue 14)."""

from __future__ import annotations

import pytest

from zhengwu.core.rulebook_view import RulebookView
from zhengwu.tokens import rules

pytestmark = pytest.mark.article(61)


def test_a_token_does_not_create_a_token(kizilsu: RulebookView) -> None:
    refused = rules.may_create(True, kizilsu)
    assert refused.explanation == "不能用访问令牌创建新的访问令牌，请登录后创建（《工作规则》第六十一条）"
    assert rules.may_create(False, kizilsu).allowed


def test_only_the_owner_or_an_administrator_revokes_and_only_once(kizilsu: RulebookView) -> None:
    assert not rules.may_revoke(2, 1, False, kizilsu).allowed
    assert rules.may_revoke(2, 1, False, kizilsu).citation.article == 61
    assert rules.may_revoke(1, 1, False, kizilsu).allowed
    assert rules.may_revoke(2, 1, True, kizilsu).allowed
    revoked = rules.check_not_revoked("2026-06-15 10:00", kizilsu)
    assert revoked.explanation == "该访问令牌已于2026-06-15 10:00撤销（《工作规则》第六十一条）"
    assert rules.check_not_revoked("", kizilsu).allowed
