"""建议提案 on the compliance view: answers and co-unit opinions near or past their limits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from zhengwu.cases.limits import LimitStatus, limit_status
from zhengwu.core.compliance import ComplianceLine, Status, register
from zhengwu.rulebook.services import rulebook_of
from zhengwu.suggestions.actions import url_of
from zhengwu.suggestions.models import CoUnitOpinion, State, Suggestion
from zhengwu.suggestions.selectors import unit_name


def _detail(due: dt.date, today: dt.date) -> str:
    return f"逾期{(today - due).days}日" if today > due else f"{due.isoformat()}到期"


def _status(status: LimitStatus) -> Status:
    return Status.OVERDUE if status == LimitStatus.OVERDUE else Status.AT_RISK


@register("suggestions")
def compliance_lines(today: dt.date) -> Iterator[ComplianceLine]:
    handling = Suggestion.objects.filter(state=State.HANDLING, due__isnull=False).select_related(
        "lead_unit", "answer_document", "rulebook_version"
    )
    for s in handling:
        rb = rulebook_of(s)
        assert s.due is not None
        status = limit_status(s.due, today, rb.param("suggestions.remind_days").as_int)
        if s.answered or status == LimitStatus.OK:
            continue
        yield ComplianceLine(
            area="建议提案",
            title=f"{s.get_kind_display()}第{s.number}号：{s.title}",
            owner=unit_name(s.lead_unit),
            due=s.due,
            status=_status(status),
            citation=rb.param_citation("suggestions.answer_months"),
            url=url_of(s),
            detail=_detail(s.due, today),
        )
    opinions = CoUnitOpinion.objects.filter(sent_at__isnull=True, suggestion__state=State.HANDLING).select_related(
        "unit", "suggestion__rulebook_version", "suggestion__answer_document"
    )
    for o in opinions:
        s = o.suggestion
        if o.round != s.round or s.answered:
            continue
        rb = rulebook_of(s)
        status = limit_status(o.due, today, rb.param("suggestions.remind_days").as_int)
        if status == LimitStatus.OK:
            continue
        yield ComplianceLine(
            area="建议提案",
            title=f"协办意见：{s.get_kind_display()}第{s.number}号：{s.title}",
            owner=unit_name(o.unit),
            due=o.due,
            status=_status(status),
            citation=rb.param_citation("suggestions.co_unit_days_before"),
            url=url_of(s),
            detail=_detail(o.due, today),
        )
