"""The second factor (GB/T 22239-2019 8.1.4.1 d): after the password, a TOTP code or a recovery code.

The login view below is the staff login (``login.py``) with one change: when the account has a
second factor, or must have one, a correct password does not sign in yet; it opens a short pending
step (5 minutes, 5 tries) on ``/login/second-factor/``, which asks the code, or enrols the
authenticator first when the account must use one and has none.  Signed-in users enrol an optional
one on ``/account/two-factor/``.
"""

from __future__ import annotations

import time
from typing import Any

from django import forms
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengwu.audit import security
from zhengwu.core.decisions import InvalidInput
from zhengwu.identity import actions
from zhengwu.identity.services import login_wait, second_factor_due, second_factor_enrolled, second_factor_required
from zhengwu.web.helpers import actor
from zhengwu.web.views.login import StaffLoginView

PENDING = "zhengwu_second_factor"
PENDING_SECONDS = 300
MAX_TRIES = 5


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("动态口令或恢复码"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class TwoFactorLoginView(StaffLoginView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """An account that failed repeatedly waits before its next attempt is even checked
        (:func:`zhengwu.identity.services.login_wait`); the refusal is audited."""
        username = str(request.POST.get("username", ""))[:150]
        wait = login_wait(username) if username else 0
        if wait:
            security.login_delayed(request, username, wait)
            form = self.get_form_class()(request, initial={"username": username})  # the password is not tried
            context = self.get_context_data(form=form, delay_seconds=wait)
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if not second_factor_due(user):
            return super().form_valid(form)
        self.request.session.cycle_key()
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": getattr(user, "backend", ""),
            "at": time.time(),
            "next": self.get_success_url(),
            "tries": 0,
        }
        return redirect("web:second_factor")


def _pending(request: HttpRequest) -> tuple[Any, dict[str, Any]] | None:
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict) or time.time() - float(pending.get("at", 0)) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    user = get_user_model().objects.filter(pk=int(pending.get("user") or 0), is_active=True).first()
    return (user, pending) if user is not None else None


def _finish(request: HttpRequest, user: Any, pending: dict[str, Any]) -> HttpResponseBase:
    request.session.pop(PENDING, None)
    login(request, user, backend=pending.get("backend") or None)
    return redirect(pending.get("next") or "web:workbench")


def second_factor(request: HttpRequest) -> HttpResponseBase:
    found = _pending(request)
    if found is None:
        return redirect("web:login")
    user, pending = found
    enrolled = second_factor_enrolled(user)
    if not enrolled and request.method != "POST":
        enrolment = actions.start_enrolment(user)
    elif not enrolled:
        enrolment = actions.enrolment_of(user)
    else:
        enrolment = None
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            if enrolled:
                actions.verify_second_factor(user, form.cleaned_data["code"])
                return _finish(request, user, pending)
            codes = actions.confirm_enrolment(user, form.cleaned_data["code"])
        except InvalidInput as exc:
            security.second_factor_failed(request, user)
            pending["tries"] = int(pending.get("tries", 0)) + 1
            if pending["tries"] >= MAX_TRIES:
                request.session.pop(PENDING, None)
                return redirect("web:login")
            request.session[PENDING] = pending
            form.add_error("code", exc.localized_message)
            status = 400
        else:
            response = _finish(request, user, pending)
            return render(request, "web/account/recovery_codes.html", {"codes": codes, "next": response["Location"]})
    return render(
        request,
        "web/account/second_factor.html",
        {"form": form, "enrolment": enrolment, "username": user.get_username()},
        status=status,
    )


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """本人: the second factor's state; enrol one (optional accounts too)."""
    user = actor(request)
    enrolled = second_factor_enrolled(user)
    form = CodeForm(request.POST or None)
    status = 200
    enrolment = None
    if not enrolled:
        if request.method == "POST" and form.is_valid():
            try:
                codes = actions.confirm_enrolment(user, form.cleaned_data["code"])
            except InvalidInput as exc:
                form.add_error("code", exc.localized_message)
                status = 400
            else:
                return render(request, "web/account/recovery_codes.html", {"codes": codes, "next": "/"})
            enrolment = actions.enrolment_of(user)
        else:
            enrolment = actions.start_enrolment(user)
    return render(
        request,
        "web/account/two_factor.html",
        {
            "form": form,
            "enrolment": enrolment,
            "enrolled": enrolled,
            "required": second_factor_required(user),
            "title": _("动态口令（双因素认证）"),
        },
        status=status,
    )
