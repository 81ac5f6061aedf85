"""复议、诉讼、审计 on the compliance view: answers, defences and decisions near or past their deadlines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from zhengwu.cases.limits import LimitStatus, limit_status
from zhengwu.core.compliance import ComplianceLine, Status, register
from zhengwu.oversight import rules
from zhengwu.oversight.actions import LIMIT_LABELS, open_limits, url_of
from zhengwu.oversight.models import Case, CaseState
from zhengwu.rulebook.services import rulebook_of


@register("oversight")
def compliance_lines(today: dt.date) -> Iterator[ComplianceLine]:
    for case in Case.objects.exclude(state=CaseState.CLOSED).select_related("unit_concerned", "rulebook_version"):
        rb = rulebook_of(case)
        for limit, due in open_limits(case).items():
            status = limit_status(due, today, rb.param("oversight.remind_days").as_int)
            if status == LimitStatus.OK:
                continue
            unit = case.unit_concerned
            yield ComplianceLine(
                area=str(case.get_kind_display()),
                title=f"{case.case_number}（{LIMIT_LABELS[limit]}）：{case.title}",
                owner=unit.short_name or unit.name,
                due=due,
                status=Status.OVERDUE if status == LimitStatus.OVERDUE else Status.AT_RISK,
                citation=rb.cite(rules.provision_of(case.kind)),
                url=url_of(case),
                detail=f"逾期{(today - due).days}日" if today > due else f"{due.isoformat()}到期",
            )
