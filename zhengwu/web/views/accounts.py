"""账号管理 (the account administrator): login lockouts and delays, lifted here; dormant accounts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhengwu.core.decisions import InvalidInput
from zhengwu.core.transitions import require_checks
from zhengwu.identity import actions, selectors
from zhengwu.identity.services import delayed_accounts, login_wait
from zhengwu.web.helpers import actor


@login_required
def lockouts(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    require_checks(*selectors.unlock_checks(user))
    accounts = [(t, login_wait(t.user.get_username())) for t in delayed_accounts()]
    return render(
        request,
        "web/accounts/lockouts.html",
        {"addresses": selectors.locked_addresses(), "accounts": accounts},
    )


@login_required
@require_POST
def unlock(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    try:
        actions.unlock(user, ip_address=request.POST.get("ip_address", ""), username=request.POST.get("username", ""))
    except InvalidInput as exc:
        messages.error(request, exc.localized_message)
    else:
        messages.success(request, _("已解除登录限制。"))
    return redirect("web:lockouts")


@login_required
def dormant(request: HttpRequest) -> HttpResponse:
    """长期未使用的账号: ``?days=`` (90 by default)."""
    user = actor(request)
    require_checks(*selectors.dormant_report_checks(user))
    try:
        days = max(1, min(3650, int(request.GET.get("days", "90"))))
    except ValueError:
        days = 90
    return render(request, "web/accounts/dormant.html", {"days": days, "accounts": selectors.dormant_accounts(days)})
