"""Two checks on every signed-in request, after Django's authentication:

- :class:`IdleTimeoutMiddleware`: a session not used for ``settings.ZHENGWU_SESSION_IDLE_MINUTES``
  ends, and so does one signed in longer than ``settings.ZHENGWU_SESSION_MAX_HOURS`` however busy
  (the cookie's age alone would slide with every save); the page goes to the login form, the API
  answers 401.
- :class:`PasswordChangeMiddleware`: after an administrator's reset, or once the password is older
  than its expiry, the account must choose its own password before anything else; pages are sent
  to the change form, the API answers 403 with a JSON sentence saying so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.identity.services import (
    EXPIRED,
    LAST_SEEN,
    MUST_CHANGE,
    STARTED,
    on_logout,
    password_change_due,
    session_limits,
    session_seen,
)

#: The stored time is refreshed at most this often, so that reading pages does not write each time.
REFRESH_SECONDS = 30
#: Reachable while a password change is due.
PASSWORD_CHANGE_OPEN = ("/static/", "/i18n/", "/public/", "/api/account/password", "/api/account/logout")


def _moment(value: object) -> dt.datetime | None:
    return dt.datetime.fromtimestamp(value, tz=dt.UTC) if isinstance(value, int | float) else None


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = timezone.now()
            last, started = _moment(request.session.get(LAST_SEEN)), _moment(request.session.get(STARTED))
            idle, absolute = session_limits()
            if last is not None and now - last > idle:
                return self._end(request, _("登录已因长时间未操作而结束，请重新登录。"), "session_idle")
            if started is not None and now - started > absolute:
                return self._end(request, _("登录已超过最长时限，请重新登录。"), "session_expired")
            if last is None or (now - last).total_seconds() >= REFRESH_SECONDS:
                request.session[LAST_SEEN] = now.timestamp()
                session_seen(request, now)
        return self.get_response(request)

    @staticmethod
    def _end(request: HttpRequest, detail: str, code: str) -> HttpResponse:
        on_logout(request, code)
        logout(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": detail, "code": code}, status=401)
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)


class PasswordChangeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not self._open(request.path) and self._due(request, user):
            if request.path.startswith("/api/"):
                if request.session.get(MUST_CHANGE) == EXPIRED:
                    detail = _("您的密码已过有效期，请先修改密码（POST /api/account/password）后再使用其他功能。")
                else:
                    detail = _("管理员重置了您的密码，请先修改密码（POST /api/account/password）后再使用其他功能。")
                return JsonResponse({"detail": detail, "code": "password_change_required"}, status=403)
            return redirect(f"{reverse('web:password_change')}?next={request.get_full_path()}")
        return self.get_response(request)

    @staticmethod
    def _due(request: HttpRequest, user: Any) -> bool:
        """Read from the session (set at sign-in: a reset changes the password, which ends the
        account's sessions, so the flag cannot turn on during one; an expiry is found at the next
        sign-in); asked once if missing.  The value says why (``"reset"``, ``"expired"``)."""
        if MUST_CHANGE not in request.session:
            request.session[MUST_CHANGE] = password_change_due(user)
        return bool(request.session[MUST_CHANGE])

    @staticmethod
    def _open(path: str) -> bool:
        own = (reverse("web:password_change"), reverse("web:logout"), reverse("web:login"))
        return path in own or path.startswith(PASSWORD_CHANGE_OPEN)
