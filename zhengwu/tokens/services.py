"""Creating, revoking and checking API access tokens.

Creating and revoking are actions: they ask the rules, write, and audit in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, User
from django.db import transaction
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.decisions import InvalidInput, require
from zhengwu.core.i18n import _
from zhengwu.core.transitions import require_checks
from zhengwu.rulebook.services import rulebook_view
from zhengwu.tokens import rules, selectors
from zhengwu.tokens.models import ApiToken, TokenScope

PREFIX_LENGTH = 8


def token_hash(secret: str) -> str:
    """SM3 (GB/T 32905) of the secret, hex."""
    return hashlib.new("sm3", secret.encode()).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


@transaction.atomic
def create_token(
    owner: User,
    name: str,
    *,
    scope: str = TokenScope.READ,
    by_operator: bool = False,
    via_token: bool = False,
) -> NewToken:
    """Create a token for ``owner``: by the owner (page or API), or by an operator on the command
    line (``by_operator``; the audit record names the system).  ``scope``: read-only unless
    ``"read_write"``.  The secret is returned once."""
    require(rules.may_create(via_token, rulebook_view(timezone.localdate())))
    if scope not in TokenScope.values:
        raise InvalidInput(_("令牌权限范围只能是只读（read）或读写（read_write）。"), field="scope")
    name = name.strip()
    if not name:
        raise InvalidInput(_("请填写令牌名称（例如调用系统的名称）。"), field="name")
    if len(name) > rules.MAX_NAME_LENGTH:
        raise InvalidInput(
            _("令牌名称不能超过{MAX_NAME_LENGTH}个字。", MAX_NAME_LENGTH=rules.MAX_NAME_LENGTH), field="name"
        )
    secret = secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=owner,
        name=name,
        prefix=secret[:PREFIX_LENGTH],
        token_hash=token_hash(secret),
        created_at=now,
        expires_at=now + lifetime(),
        scope=scope,
    )
    actor = None if by_operator else owner
    audit.record(
        actor=actor,
        action="tokens.create",
        target=token,
        summary=f"为{owner.get_username()}创建{token.get_scope_display()}访问令牌“{name}”（前缀 {token.prefix}）",
        actor_name="" if actor is not None else "系统（命令行）",
        details={
            "owner": owner.get_username(),
            "prefix": token.prefix,
            "expires_at": str(token.expires_at),
            "scope": scope,
        },
    )
    return NewToken(token, secret)


def lifetime() -> dt.timedelta:
    """How long a new token is valid (``settings.ZHENGWU_TOKEN_LIFETIME_DAYS``, 90 by default)."""
    return dt.timedelta(days=getattr(settings, "ZHENGWU_TOKEN_LIFETIME_DAYS", 90))


REVOKE_REASONS = {"password": "修改密码", "reset": "重置密码", "deactivate": "停用账号", "security": "安全管理员决定"}


def revoke_all(owner: AbstractBaseUser, actor: AbstractBaseUser | None, reason: str) -> int:
    """Revoke every live token of ``owner`` (called inside the action that changes the password
    or the account); one audit record says how many.  Returns that number."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("revoke_all must run inside the action's transaction")
    live = ApiToken.objects.select_for_update().filter(user_id=owner.pk, revoked_at__isnull=True)
    prefixes = list(live.values_list("prefix", flat=True))
    if not prefixes:
        return 0
    live.update(revoked_at=timezone.now())
    audit.record(
        actor=actor,
        action="tokens.revoke_all",
        target=owner,
        summary=f"因{REVOKE_REASONS.get(reason, reason)}撤销{owner.get_username()}的全部访问令牌（{len(prefixes)}个）",
        details={"owner": owner.get_username(), "prefixes": prefixes, "reason": reason},
        actor_name="" if actor is not None else "系统",
    )
    return len(prefixes)


@transaction.atomic
def revoke_token(actor: AbstractBaseUser | None, token: ApiToken) -> ApiToken:
    """Revoke a token: from now on it is refused (401)."""
    token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    require_checks(*selectors.revoke_checks(actor, token))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(
        actor=actor,
        action="tokens.revoke",
        target=token,
        summary=f"撤销{token.user.get_username()}的访问令牌“{token.name}”（前缀 {token.prefix}）",
        actor_name="" if actor is not None else "系统（命令行）",
        details={"owner": token.user.get_username(), "prefix": token.prefix},
    )
    return token


def find(secret: str) -> ApiToken | None:
    """The token with this secret (revoked or not), or None."""
    if not secret:
        return None
    return ApiToken.objects.select_related("user").filter(token_hash=token_hash(secret)).first()


def touch(token: ApiToken) -> None:
    """Record the use (at most once a minute, so that reads do not turn into writes)."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
