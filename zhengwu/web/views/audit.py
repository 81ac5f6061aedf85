"""审计记录: the whole hash-chained log, for the audit administrator, the 秘书长 and the 办公室主任
(:mod:`zhengwu.org.audit_trail`); the system and security administrators are refused (三权分立)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhengwu.audit.models import AuditRecord
from zhengwu.audit.services import object_types
from zhengwu.org import audit_trail
from zhengwu.org.selectors import records_visible_to
from zhengwu.web.forms import AuditFilterForm
from zhengwu.web.helpers import actor

PAGE_SIZE = 50


def _filtered(records: QuerySet[AuditRecord], data: QueryDict) -> tuple[AuditFilterForm, QuerySet[AuditRecord]]:
    form = AuditFilterForm(data or None)
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
    return form, records


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    audit_trail.require_reader(actor(request))  # a refusal is a 403 page, and a record of its own
    visible = records_visible_to(actor(request))  # need to know: an area may withhold some records
    form, records = _filtered(visible.order_by("-seq").defer("details", "seal"), request.GET)
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
    return render(request, "web/audit/_verify.html", {"result": audit_trail.verify_trail(actor(request))})


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """A cell: the details as JSON, times in Beijing time (ISO 8601), and text that a spreadsheet
    would run as a formula behind a ``'`` (as the document registers do)."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat()
    text = str(value)
    return "'" + text if isinstance(value, str) and text.startswith(_FORMULA_START) else text


@login_required
@require_POST
def audit_export(request: HttpRequest) -> HttpResponse:
    """The records the filters select, as CSV (UTF-8 with a byte-order mark, so that a spreadsheet
    reads the Chinese), hash and seal included; the export is recorded in the trail."""
    form, rows = _filtered(records_visible_to(actor(request)), request.POST)
    filters = {k: str(v) for k, v in (form.cleaned_data if form.is_valid() else {}).items()}
    records = audit_trail.export(actor(request), rows, filters)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{timezone.localdate():%Y%m%d}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(audit_trail.EXPORT_FIELDS)
    for record in records:
        row = audit_trail.export_row(record)
        writer.writerow([_cell(row[name]) for name in audit_trail.EXPORT_FIELDS])
    return response
