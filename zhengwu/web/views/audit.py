"""审计记录: the whole hash-chained log, for administrators, the 秘书长 and the 办公室主任."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from zhengwu.audit.services import object_types, verify
from zhengwu.org.selectors import records_visible_to
from zhengwu.web.errors import render_refusal
from zhengwu.web.forms import AuditFilterForm
from zhengwu.web.helpers import actor, may_read_audit

PAGE_SIZE = 50


def _forbidden(request: HttpRequest) -> HttpResponse | None:
    decision = may_read_audit(request)
    if decision.allowed:
        return None
    return render_refusal(request, [decision.explanation], 403)


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    forbidden = _forbidden(request)
    if forbidden is not None:
        return forbidden
    form = AuditFilterForm(request.GET or None)
    visible = records_visible_to(actor(request))
    records = visible.order_by("-seq").defer("details", "seal")
    if form.is_valid():
        action = form.cleaned_data["action"].strip()
        obj = form.cleaned_data["object"].strip()
        if action:
            records = records.filter(action=action)
        if obj:
            object_type, _, object_id = obj.partition(":")
            records = records.filter(object_type__in=object_types(object_type.strip()))
            if object_id.strip():
                records = records.filter(object_id=object_id.strip())
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "web/audit/log.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "actions": visible.order_by("action").values_list("action", flat=True).distinct(),
        },
    )


@login_required
@require_POST
def audit_verify(request: HttpRequest) -> HttpResponse:
    forbidden = _forbidden(request)
    if forbidden is not None:
        return forbidden
    return render(request, "web/audit/_verify.html", {"result": verify()})
