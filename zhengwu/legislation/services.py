"""Reading legislation for others: the agenda-topic guard (arts. 20, 22), the compliance lines
(filings and post-evaluations due or late, the catalogue), the workbench panel, the public list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any, cast

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from zhengwu.core import compliance
from zhengwu.core.decisions import Decision
from zhengwu.legislation import rules, selectors
from zhengwu.legislation.models import (
    CatalogueRelease,
    DraftState,
    EvaluationState,
    Filing,
    FilingState,
    NormativeDraft,
    PublicComment,
    RegulationEvaluation,
)
from zhengwu.legislation.selectors import current_version, passed_version
from zhengwu.org.rules import ADMINISTRATORS
from zhengwu.org.services import positions_of
from zhengwu.rulebook.services import rulebook_of, rulebook_view
from zhengwu.workdays.arith import UnknownYearError
from zhengwu.workdays.services import calendar

AT_RISK_DAYS = 5


def topic_refusals(topic: Any) -> Iterable[Decision]:
    """A topic whose subject is a draft not yet passed by the legality review is refused (arts. 20, 22)."""
    subject = getattr(topic, "subject", None)
    if not isinstance(subject, NormativeDraft):
        return []
    d = NormativeDraft.objects.select_related("rulebook_version").get(pk=subject.pk)
    decision = rules.review_gate(passed_version(d), current_version(d).number, "提请会议审议", d.kind, rulebook_of(d))
    return [decision] if not decision.allowed else []


def open_for_comment() -> QuerySet[NormativeDraft]:
    return (
        NormativeDraft.objects.filter(state=DraftState.CONSULTING, comment_closes__gt=timezone.now())
        .select_related("drafting_unit")
        .order_by("comment_closes", "id")
    )


def _status(due: dt.date, today: dt.date) -> compliance.Status | None:
    if due < today:
        return compliance.Status.OVERDUE
    if (due - today).days <= AT_RISK_DAYS:
        return compliance.Status.AT_RISK
    return None


def compliance_lines(today: dt.date) -> Iterator[compliance.ComplianceLine]:
    for f in Filing.objects.filter(state=FilingState.PENDING).select_related(
        "recipient", "draft__issuer", "draft__drafting_unit", "draft__rulebook_version"
    ):
        status = _status(f.due, today)
        if status is None:
            continue
        d = f.draft
        unit = d.drafting_unit
        owner = "州政府办公室、州司法局" if d.issuer.kind == "government" else (unit.short_name or unit.name)
        yield compliance.ComplianceLine(
            area="规范性文件备案",
            title=f"{d.doc_number}《{d.title}》报{f.recipient.short_name or f.recipient.name}备案",
            owner=owner,
            due=f.due,
            status=status,
            citation=rulebook_of(d).cite(rules.FILING),
            url=f"/legislation/{d.pk}/",
            detail=f"逾期{(today - f.due).days}日"
            if status == compliance.Status.OVERDUE
            else f"剩余{(f.due - today).days}日",
        )
    for e in RegulationEvaluation.objects.filter(state=EvaluationState.PENDING).select_related(
        "draft__drafting_unit", "draft__rulebook_version"
    ):
        status = _status(e.due, today)
        if status is None:
            continue
        d = e.draft
        yield compliance.ComplianceLine(
            area="规章后评估",
            title=f"{d.doc_number}《{d.title}》实施后评估",
            owner=d.drafting_unit.short_name or d.drafting_unit.name,
            due=e.due,
            status=status,
            citation=rulebook_of(d).cite(rules.POST_EVALUATION),
            url=f"/legislation/{d.pk}/",
        )
    if NormativeDraft.objects.filter(state=DraftState.PUBLISHED).exists():
        last = CatalogueRelease.objects.order_by("-released_on").first()
        rb = rulebook_view(today)
        try:
            decision = rules.catalogue_due(last.released_on if last else None, today, rb, calendar())
        except UnknownYearError:
            return
        if not decision.allowed:
            due = decision.facts["due"]
            assert isinstance(due, dt.date)
            yield compliance.ComplianceLine(
                area="规范性文件目录",
                title="司法局公布规范性文件目录",
                owner="州司法局",
                due=due,
                status=compliance.Status.OVERDUE,
                citation=decision.citation,
                url="/legislation/catalogue/",
                detail=decision.message,
            )


def workbench_context(request: HttpRequest) -> dict[str, Any] | None:
    """What this person has to do: drafts to review (司法局), comments to answer, filings due."""
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    positions = positions_of(user)
    unit_ids = {p.unit_id for p in positions if p.kind not in ADMINISTRATORS}
    if not unit_ids:
        return None
    me = cast(AbstractBaseUser, user)
    # the same checks the actions ask (zhengwu.legislation.selectors): what this person may do now
    to_review = [
        d
        for d in NormativeDraft.objects.filter(state=DraftState.REVIEWING).select_related(
            "drafting_unit", "issuer", "rulebook_version"
        )
        if "review" in selectors.allowed_actions(me, d)
    ]
    to_answer = [
        d
        for d in NormativeDraft.objects.filter(
            state=DraftState.ANSWERING, drafting_unit_id__in=unit_ids
        ).select_related("drafting_unit", "issuer", "rulebook_version")
        if "answer" in selectors.allowed_actions(me, d)
    ]
    unanswered = {d.pk: PublicComment.objects.filter(draft=d, outcome="").count() for d in to_answer}
    filings = [
        f
        for f in Filing.objects.filter(state=FilingState.PENDING).select_related(
            "draft__issuer", "draft__drafting_unit", "draft__rulebook_version", "recipient"
        )
        if "file" in selectors.allowed_actions(me, f)
    ]
    if not (to_review or to_answer or filings):
        return None
    return {
        "to_review": to_review,
        "to_answer": [(d, unanswered[d.pk]) for d in to_answer],
        "filings": filings,
        "count": len(to_review) + len(to_answer) + len(filings),
    }
