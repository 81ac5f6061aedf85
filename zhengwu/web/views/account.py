"""本人账号: change one's own password (also the page a reset sends the account to), one's sessions
(sign out the others), and the idle warning's "stay signed in"."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengwu.core.decisions import InvalidInput
from zhengwu.identity import actions
from zhengwu.identity.services import (
    MUST_CHANGE,
    SESSION_RECORD,
    live_sessions,
    password_change_due,
    session_seen,
)
from zhengwu.web.helpers import actor, explain


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label=gettext_lazy("当前密码"),
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password = forms.CharField(
        label=gettext_lazy("新密码"),
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password2 = forms.CharField(
        label=gettext_lazy("再次输入新密码"),
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    errors: list[str] = []
    status = 200
    user = actor(request)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.change_password(
                user,
                d["old_password"],
                d["new_password"],
                d["new_password2"],
                keep_session=request.session.get(SESSION_RECORD),
            )
        except InvalidInput as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.localized_message)
            errors, status = explain(exc), 400
        else:
            user.refresh_from_db()
            update_session_auth_hash(request, user)  # type: ignore[arg-type]
            request.session[MUST_CHANGE] = False  # this session stays; the others end
            session_seen(request, timezone.now())  # its key changed
            target = request.POST.get("next") or ""
            if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
                target = ""
            return redirect(target or "web:workbench")
    return render(
        request,
        "web/account/password.html",
        {
            "form": form,
            "errors": errors,
            "forced": password_change_due(user),
            "history": actions.history_length(),
            "next": request.GET.get("next") or request.POST.get("next") or "",
            "help": _(
                "至少10个字符，包含小写字母、大写字母、数字、其他符号中的至少3类，不能包含登录账号，不能是常见密码。"
            ),
        },
        status=status,
    )


@login_required
def sessions(request: HttpRequest) -> HttpResponse:
    """本人的登录会话: started, last seen, address, browser; sign out the others."""
    user = actor(request)
    current = request.session.get(SESSION_RECORD)
    if request.method == "POST":
        ended = actions.end_other_sessions(user, current)
        messages.success(request, _("已退出其他%(n)d个登录会话。") % {"n": ended})
        return redirect("web:sessions")
    return render(request, "web/account/sessions.html", {"sessions": live_sessions(user), "current": current})


@login_required
def keepalive(request: HttpRequest) -> HttpResponse:
    """The idle warning's 「继续使用」: any signed-in request renews the idle clock
    (:class:`zhengwu.web.account_middleware.IdleTimeoutMiddleware`); this one only answers."""
    return HttpResponse(status=204)
