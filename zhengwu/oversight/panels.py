"""复议、诉讼、审计 on the platform's pages: compliance lines (answers, defences and decisions near
or past their deadlines) and the workbench panel (my unit's open cases)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.utils import timezone

from zhengwu.core.actions import rulebook_of
from zhengwu.core.compliance import ComplianceLine, Status, register
from zhengwu.org.rules import ADMINISTRATOR
from zhengwu.org.services import positions_of
from zhengwu.oversight import rules
from zhengwu.oversight.actions import LIMIT_LABELS, open_limits, url_of
from zhengwu.oversight.models import Case, CaseState
from zhengwu.petitions.limits import LimitStatus, limit_status
from zhengwu.web import workbench_registry


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


@workbench_registry.register(37, "oversight")
def panel(request: HttpRequest) -> workbench_registry.Section | None:
    user = request.user
    if not isinstance(user, AbstractBaseUser) or not user.is_authenticated:
        return None
    units = {p.unit_id for p in positions_of(user) if p.kind != ADMINISTRATOR}
    cases = list(
        Case.objects.filter(unit_concerned_id__in=units)
        .exclude(state=CaseState.CLOSED)
        .select_related("unit_concerned")
        .order_by("answer_due", "rectify_due", "id")[:20]
    )
    if not cases:
        return None
    return workbench_registry.Section(
        key="oversight",
        title="复议诉讼审计",
        template="web/oversight/_workbench.html",
        context={"cases": cases, "today": timezone.localdate()},
        count=len(cases),
    )
