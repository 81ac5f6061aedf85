"""信访 on the compliance view: petitions near or past their acceptance, handling, 复查 and 复核
limits, and important letters awaiting a leader's instruction (arts. 36, 63)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from zhengwu.cases.limits import LimitStatus, limit_status
from zhengwu.core.compliance import ComplianceLine, Status, register
from zhengwu.petitions import rules
from zhengwu.petitions.actions import LIMIT_LABELS, url_of
from zhengwu.petitions.models import Petition, State
from zhengwu.petitions.selectors import open_limits
from zhengwu.rulebook.services import rulebook_of

OPEN_STATES = (State.REGISTERED, State.HANDLING, State.REVIEWING, State.REREVIEWING)


def _detail(due: dt.date, today: dt.date) -> str:
    return f"逾期{(today - due).days}日" if today > due else f"{due.isoformat()}到期"


@register("petitions")
def compliance_lines(today: dt.date) -> Iterator[ComplianceLine]:
    for p in (
        Petition.objects.filter(state__in=OPEN_STATES)
        .select_related("unit_concerned", "handling_unit", "rulebook_version")
        .prefetch_related("reviews")
    ):
        rb = rulebook_of(p)
        for limit, due in open_limits(p).items():
            status = limit_status(due, today, rb.param("petitions.remind_days").as_int)
            if status == LimitStatus.OK:
                continue
            owner = p.handling_unit if limit == "handle" and p.handling_unit else None
            yield ComplianceLine(
                area="信访",
                title=f"{p.number}（{LIMIT_LABELS[limit]}）：{p.summary[:40]}",
                owner=(owner.short_name or owner.name) if owner else "州信访局",
                due=due,
                status=Status.OVERDUE if status == LimitStatus.OVERDUE else Status.AT_RISK,
                citation=rb.cite(rules.TIME_LIMITS),
                url=url_of(p),
                detail=_detail(due, today),
            )
    for p in (
        Petition.objects.filter(important=True, instructed_at__isnull=True, leader__isnull=False)
        .exclude(state__in=(State.NOT_ACCEPTED, State.FINAL))
        .select_related("leader", "rulebook_version")
    ):
        rb = rulebook_of(p)
        yield ComplianceLine(
            area="信访",
            title=f"{p.number}（重要来信待领导批示）：{p.summary[:40]}",
            owner=p.leader.name if p.leader else "",
            due=p.accept_due,
            status=Status.OVERDUE if today > p.accept_due else Status.AT_RISK,
            citation=rb.cite(rules.IMPORTANT),
            url=url_of(p),
            detail="待阅批",
        )
