"""建议提案 on the platform's pages: compliance lines (answers and co-unit opinions near or past
their limits) and the workbench panel (what my unit must answer; co-unit opinions my unit owes;
for the office, answers awaiting the proposer's satisfaction or a publication decision)."""

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
from zhengwu.petitions.limits import LimitStatus, limit_status
from zhengwu.suggestions import rules
from zhengwu.suggestions.actions import is_supervisor, unit_name, url_of
from zhengwu.suggestions.models import CoUnitOpinion, State, Suggestion
from zhengwu.web import workbench_registry


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


@workbench_registry.register(36, "suggestions")
def panel(request: HttpRequest) -> workbench_registry.Section | None:
    user = request.user
    if not isinstance(user, AbstractBaseUser) or not user.is_authenticated:
        return None
    units = {p.unit_id for p in positions_of(user) if p.kind != ADMINISTRATOR}
    to_answer = [
        s
        for s in Suggestion.objects.filter(state=State.HANDLING, lead_unit_id__in=units)
        .select_related("lead_unit", "answer_document")
        .order_by("due", "id")[:20]
        if not s.answered
    ]
    co_due = [
        o
        for o in CoUnitOpinion.objects.filter(unit_id__in=units, sent_at__isnull=True, suggestion__state=State.HANDLING)
        .select_related("suggestion", "unit")
        .order_by("due", "id")[:20]
        if o.round == o.suggestion.round
    ]
    office: list[Suggestion] = []
    if is_supervisor(user):
        office = [
            s
            for s in Suggestion.objects.filter(state__in=[State.REGISTERED, State.HANDLING])
            .select_related("lead_unit", "answer_document")
            .order_by("received_on", "id")[:50]
            if s.state == State.REGISTERED
            or (s.answered and (not s.publication_decided or not s.feedback.filter(round=s.round).exists()))
        ]
    count = len(to_answer) + len(co_due) + len(office)
    if not count:
        return None
    return workbench_registry.Section(
        key="suggestions",
        title="建议提案",
        template="web/suggestions/_workbench.html",
        context={
            "to_answer": to_answer,
            "co_due": co_due,
            "office": office,
            "today": timezone.localdate(),
            "provision": rules.TIME_LIMIT,
        },
        count=count,
    )
