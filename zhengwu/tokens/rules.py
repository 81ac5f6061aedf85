"""Pure rules for access tokens: who may create and revoke them.  No Django.

A token is a key to the system: its rules are access control, cited to the article on
confidentiality and the control of access (art. 61 in the Kizilsu rules).
"""

from __future__ import annotations

from zhengwu.core.decisions import Decision
from zhengwu.core.i18n import _
from zhengwu.core.rulebook_view import RulebookView

ACCESS = "confidentiality"

MAX_NAME_LENGTH = 60


def may_create(via_token: bool, rb: RulebookView) -> Decision:
    """A token is created by a person signed in (web session) or by an operator on the command
    line, never by another token: a leaked token must not be able to outlive its revocation."""
    if via_token:
        return Decision.refuse(
            "tokens.via_token",
            _("不能用访问令牌创建新的访问令牌，请登录后创建。"),
            rb.cite(ACCESS),
        )
    return Decision.allow("tokens.create", _("本人创建访问令牌。"))


def may_revoke(actor_id: int | None, owner_id: int, actor_is_admin: bool, rb: RulebookView) -> Decision:
    """The owner revokes their own token; the security administrator (or the command line) any."""
    if actor_id is None or actor_id == owner_id:
        return Decision.allow("tokens.revoke.own", _("本人撤销访问令牌。"))
    if actor_is_admin:
        return Decision.allow("tokens.revoke.admin", _("安全管理员撤销访问令牌。"))
    return Decision.refuse(
        "tokens.revoke.not_owner",
        _("只能撤销本人的访问令牌；他人的令牌由安全管理员撤销。"),
        rb.cite(ACCESS),
    )


def check_not_revoked(revoked_at: str, rb: RulebookView) -> Decision:
    """A token is revoked once; ``revoked_at`` says when it was, empty if it is still valid."""
    if revoked_at:
        return Decision.refuse(
            "tokens.revoked", _("该访问令牌已于{revoked_at}撤销。", revoked_at=revoked_at), rb.cite(ACCESS)
        )
    return Decision.allow("tokens.valid", _("访问令牌有效。"))


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def check_scope(scope: str, method: str, rb: RulebookView) -> Decision:
    """A read-only token reads (GET, HEAD, OPTIONS); any call that changes something needs a
    read-write token (``scope``: ``"read"`` or ``"read_write"``)."""
    if scope == "read" and method.upper() not in SAFE_METHODS:
        return Decision.refuse(
            "tokens.read_only",
            _("该访问令牌为只读令牌，不能进行修改类操作（{method}）；请使用读写令牌。", method=method.upper()),
            rb.cite(ACCESS),
        )
    return Decision.allow("tokens.scope", _("访问令牌的权限范围允许这项操作。"))
