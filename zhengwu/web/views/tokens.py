"""本人的访问令牌: list one's own API tokens, create one (the secret is shown once), revoke one."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zhengwu.core.decisions import InvalidInput
from zhengwu.tokens import selectors, services
from zhengwu.tokens.models import ApiToken, TokenScope
from zhengwu.web.helpers import actor, explain


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("名称（调用系统）"), max_length=60, required=False)
    scope = forms.ChoiceField(label=gettext_lazy("权限范围"), choices=TokenScope.choices, initial=TokenScope.READ)


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    form = TokenForm(request.POST or None)
    errors: list[str] = []
    status = 200
    new = None
    if request.method == "POST" and form.is_valid():
        try:
            new = services.create_token(user, form.cleaned_data["name"], scope=form.cleaned_data["scope"])  # type: ignore[arg-type]
        except InvalidInput as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.localized_message)
            errors, status = explain(exc), 400
        else:
            form = TokenForm()
    tokens = list(ApiToken.objects.filter(user_id=user.pk))
    rows = [(t, selectors.acts_allowed(user, t)) for t in tokens]
    return render(
        request, "web/account/tokens.html", {"form": form, "errors": errors, "rows": rows, "new": new}, status=status
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    token = ApiToken.objects.filter(pk=pk, user_id=user.pk).first()
    if token is None:
        raise Http404
    services.revoke_token(user, token)
    return redirect("web:tokens")
