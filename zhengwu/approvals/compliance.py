"""Outbound delegations on the compliance view: reports after the return near or past their deadline (art. 59)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from zhengwu.approvals import rules
from zhengwu.approvals.actions import url_of
from zhengwu.approvals.models import ApprovalRequest, State
from zhengwu.cases.limits import LimitStatus, limit_status
from zhengwu.core.compliance import ComplianceLine, Status, register
from zhengwu.rulebook.services import rulebook_of


@register("approvals.delegation_report")
def compliance_lines(today: dt.date) -> Iterator[ComplianceLine]:
    rows = ApprovalRequest.objects.filter(state=State.RETURNED, report_due__isnull=False).select_related(
        "unit", "rulebook_version"
    )
    for r in rows:
        assert r.report_due is not None
        rb = rulebook_of(r)
        status = limit_status(r.report_due, today, rb.param("approvals.delegation_remind_days").as_int)
        if status == LimitStatus.OK:
            continue
        yield ComplianceLine(
            area="出访报告",
            title=f"{r.title}（{r.counterpart}）",
            owner=r.unit.short_name or r.unit.name,
            due=r.report_due,
            status=Status.OVERDUE if status == LimitStatus.OVERDUE else Status.AT_RISK,
            citation=rb.cite(rules.DELEGATION_REPORT),
            url=url_of(r),
            detail=f"逾期{(today - r.report_due).days}日"
            if today > r.report_due
            else f"{r.report_due.isoformat()}到期",
        )
