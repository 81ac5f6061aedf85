"""Security events in the audit trail: logins, logouts, failed logins (the password, an account made
to wait, a wrong second factor), lockouts, refusals, server errors.

Each is a record of the same chain as every action (``auth.*``, ``security.*``), so it is sealed,
anchored and verified like them, and it stays when django-axes resets its own counters after a
successful login.  A refusal is recorded after the action's transaction has rolled back (the
request's :class:`SecurityAuditMiddleware` collects every :class:`Refused` raised while it ran,
whether a view caught it or an error handler answered it); a 403 without a ``Refused`` (a
permission check) and a 5xx answer are recorded too, the traceback of a server error going to the
log (``django.request``, ``zhengwu.api``).  Writing the record never fails the request: if the
database cannot take it, the event is logged instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from zhengwu.audit import services
from zhengwu.core.client_ip import client_ip
from zhengwu.core.decisions import Refused, refusals_seen

logger = logging.getLogger("zhengwu.audit")

LOGIN, LOGOUT, LOGIN_FAILED, LOCKED_OUT = "auth.login", "auth.logout", "auth.login_failed", "auth.locked_out"
LOGIN_DELAYED, SECOND_FACTOR_FAILED = "auth.login_delayed", "auth.second_factor_failed"
REFUSED, FORBIDDEN, SERVER_ERROR = "security.refused", "security.forbidden", "security.server_error"
ANONYMOUS = "未登录用户"


def _address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return str(getattr(request, "axes_ip_address", "") or client_ip(request))


def _where(request: HttpRequest | None) -> dict[str, Any]:
    if request is None or not getattr(request, "method", None):
        return {}
    return {"method": request.method, "path": request.path[:300], "ip": _address(request)}


def _user(request: HttpRequest) -> AbstractBaseUser | None:
    user = getattr(request, "user", None)
    return user if isinstance(user, AbstractBaseUser) and user.is_authenticated else None


def _safely(write: Callable[[], object], event: str) -> None:
    try:
        with transaction.atomic():
            write()
    except Exception:
        logger.exception("audit: could not record %s", event)


def logged_in(sender: object, request: HttpRequest | None, user: AbstractBaseUser, **kwargs: Any) -> None:
    _safely(
        lambda: services.record(actor=user, action=LOGIN, summary="登录", details=_where(request)),
        LOGIN,
    )


def logged_out(sender: object, request: HttpRequest | None, user: AbstractBaseUser | None, **kwargs: Any) -> None:
    _safely(
        lambda: services.record(
            actor=user, action=LOGOUT, summary="退出登录", details=_where(request), actor_name=ANONYMOUS
        ),
        LOGOUT,
    )


def login_failed(
    sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    _safely(
        lambda: services.record(
            actor=None,
            actor_name=ANONYMOUS,
            action=LOGIN_FAILED,
            summary=f"登录失败：账号「{username}」",
            details={**_where(request), "username": username},
        ),
        LOGIN_FAILED,
    )


def locked_out(sender: object, request: HttpRequest | None, username: str, ip_address: str, **kwargs: Any) -> None:
    _safely(
        lambda: services.record(
            actor=None,
            actor_name=ANONYMOUS,
            action=LOCKED_OUT,
            summary=f"登录失败次数过多，账号「{username}」自地址{ip_address}被锁定",
            details={**_where(request), "username": str(username)[:150], "ip": str(ip_address)},
        ),
        LOCKED_OUT,
    )


def login_delayed(request: HttpRequest, username: str, seconds: int) -> None:
    """An attempt refused unseen because the account must wait after repeated failures."""
    _safely(
        lambda: services.record(
            actor=None,
            actor_name=ANONYMOUS,
            action=LOGIN_DELAYED,
            summary=f"登录过于频繁：账号「{username[:150]}」须等待{seconds}秒后再试",
            details={**_where(request), "username": username[:150], "wait_seconds": seconds},
        ),
        LOGIN_DELAYED,
    )


def second_factor_failed(request: HttpRequest, user: AbstractBaseUser) -> None:
    """A wrong TOTP or recovery code after a correct password."""
    _safely(
        lambda: services.record(
            actor=user,
            action=SECOND_FACTOR_FAILED,
            summary=f"动态口令错误：账号「{user.get_username()}」",
            details=_where(request),
        ),
        SECOND_FACTOR_FAILED,
    )


def connect() -> None:
    """Connect the receivers (``AuditConfig.ready``)."""
    from axes.signals import user_locked_out
    from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

    user_logged_in.connect(logged_in, dispatch_uid="zhengwu.audit.login")
    user_logged_out.connect(logged_out, dispatch_uid="zhengwu.audit.logout")
    user_login_failed.connect(login_failed, dispatch_uid="zhengwu.audit.login_failed")
    user_locked_out.connect(locked_out, dispatch_uid="zhengwu.audit.locked_out")


class SecurityAuditMiddleware:
    """Records the refusals, permission refusals and server errors of each request (see above)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with refusals_seen() as seen:
            response = self.get_response(request)
        self.audit(request, response, list(dict.fromkeys(seen)))
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        request._zhengwu_exception = exception  # type: ignore[attr-defined]

    def audit(self, request: HttpRequest, response: HttpResponse, seen: list[Refused]) -> None:
        user, where = _user(request), {**_where(request), "status": response.status_code}
        for refusal in seen:
            refusing = [d for d in refusal.decisions if not d.allowed] or list(refusal.decisions)
            _safely(
                lambda refusal=refusal, refusing=refusing: services.record(  # type: ignore[misc]
                    actor=user,
                    actor_name="" if user else ANONYMOUS,
                    action=REFUSED,
                    summary="拒绝：" + "；".join(refusal.explanations),
                    citation=refusing[0].citation if refusing else None,
                    details={**where, "codes": [d.code for d in refusing]},
                ),
                REFUSED,
            )
        if response.status_code == 403 and not seen:
            _safely(
                lambda: services.record(
                    actor=user,
                    actor_name="" if user else ANONYMOUS,
                    action=FORBIDDEN,
                    summary=f"无权访问：{request.method} {request.path}"[:500],
                    details=where,
                ),
                FORBIDDEN,
            )
        if response.status_code >= 500:
            exc = getattr(request, "_zhengwu_exception", None)
            kind = type(exc).__name__ if exc is not None else ""
            _safely(
                lambda: services.record(
                    actor=user,
                    actor_name="" if user else ANONYMOUS,
                    action=SERVER_ERROR,
                    summary=f"服务器错误（HTTP {response.status_code}）：{request.method} {request.path}"[:500],
                    details={**where, "exception": kind},
                ),
                SERVER_ERROR,
            )
