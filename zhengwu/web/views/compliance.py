"""合规总览 (art. 63): what is overdue or at risk across the platform, for leaders and the office."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header

from zhengwu.core import compliance
from zhengwu.rulebook.services import rulebook_view
from zhengwu.supervision import rules
from zhengwu.supervision.exports import XLSX_CONTENT_TYPE, to_xlsx
from zhengwu.supervision.services import actor_fact
from zhengwu.web.errors import render_refusal
from zhengwu.web.helpers import actor
from zhengwu.workdays import dues

HEADER = ("状态", "类别", "事项", "责任单位", "期限", "情况", "依据")


@login_required
def compliance_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    decision = rules.may_see_compliance(actor_fact(actor(request), today), rulebook_view(today))
    if not decision.allowed:
        return render_refusal(request, [decision.explanation], 403)
    lines = compliance.lines(today)
    area = request.GET.get("area", "")
    areas = sorted({line.area for line in lines})
    if area:
        lines = [line for line in lines if line.area == area]
    if request.GET.get("format") == "xlsx":
        rows = [
            [
                line.status_label,
                line.area,
                line.title,
                line.owner,
                dues.plain(line.due),
                line.detail,
                line.citation.label if line.citation else "",
            ]
            for line in lines
        ]
        response = HttpResponse(to_xlsx("合规总览", HEADER, rows), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, f"合规总览-{today.isoformat()}.xlsx") or ""
        return response
    overdue = sum(1 for line in lines if line.status == compliance.Status.OVERDUE)
    return render(
        request,
        "web/compliance/index.html",
        {
            "lines": lines,
            "today": today,
            "areas": areas,
            "area": area,
            "overdue": overdue,
            "at_risk": len(lines) - overdue,
            "citation": decision.citation,
        },
    )
