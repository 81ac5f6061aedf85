"""Who is calling: a signed-in session (CSRF-protected for unsafe methods) or a bearer token.

The token is tried first: a request that carries ``Authorization: Bearer …`` is judged by its
token alone (an unknown or revoked token is a 401, never a fall-back to the session), and a
request without one goes to the session, whose CSRF check then applies.  A read-only token's
state-changing call (anything but GET, HEAD, OPTIONS) is refused with 403 (``tokens.read_only``).
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from zhengwu.apis.errors import NOT_AUTHENTICATED, TokenRejected
from zhengwu.core.decisions import require
from zhengwu.rulebook.services import rulebook_view
from zhengwu.tokens import rules as token_rules
from zhengwu.tokens import services as tokens
from zhengwu.tokens.models import ApiToken


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = tokens.find(token.strip())
        if found is None:
            raise TokenRejected("访问令牌无效：没有这个令牌。请检查令牌是否完整，或请账号本人重新创建。")
        if found.revoked_at is not None:
            raise TokenRejected("访问令牌已被撤销，不能再使用。请账号本人重新创建。")
        if found.expired:
            raise TokenRejected("访问令牌已过有效期，不能再使用。请账号本人重新创建。")
        if not found.user.is_active:
            raise TokenRejected("该访问令牌所属的账号已停用。")
        # a read-only token is refused (403, cited) any call that changes something
        require(token_rules.check_scope(found.scope, request.method or "", rulebook_view(timezone.localdate())))
        tokens.touch(found)
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found.user


bearer = BearerToken()
AUTH = [bearer, django_auth]


def current_user(request: HttpRequest) -> User:
    """The authenticated user (every endpoint is behind :data:`AUTH`)."""
    user = getattr(request, "auth", None)
    if user is None or not getattr(user, "is_authenticated", False):
        raise TokenRejected(NOT_AUTHENTICATED)
    return cast(User, user)


def current_token(request: HttpRequest) -> ApiToken | None:
    """The token the request was authenticated with, if any."""
    token = getattr(request, "api_token", None)
    return token if isinstance(token, ApiToken) else None
