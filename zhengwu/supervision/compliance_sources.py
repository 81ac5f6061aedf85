"""Lines of the compliance view (art. 63) for the documents app and for supervision items.

- 会签: countersign tasks still pending past their due day, or due within the reminder window;
- 报备: 「经自治州人民政府同意」 documents not filed within 30 days (and those about to be);
- 督办: items, periodic reports and rectification orders overdue or due within the window.

The window is ``supervision.remind_days`` working days (the rulebook in force today).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse

from zhengwu.core.actions import rulebook_of
from zhengwu.core.compliance import ComplianceLine, Status, register
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.documents.models import CountersignState, CountersignTask, FilingObligation, FilingState
from zhengwu.rulebook.services import rulebook_view
from zhengwu.supervision.models import ItemState, ProgressReport, Rectification, SupervisionItem
from zhengwu.supervision.services import unit_name
from zhengwu.workdays.services import UnknownYearError, calendar


def horizon(today: dt.date, rb: RulebookView | None = None) -> dt.date:
    """The last day counted as 「临近期限」: ``supervision.remind_days`` working days ahead."""
    rb = rb or rulebook_view(today)
    try:
        return calendar().add_working_days(today, rb.param("supervision.remind_days").as_int)
    except UnknownYearError:
        return today + dt.timedelta(days=rb.param("supervision.remind_days").as_int)


def _status(due: dt.date, today: dt.date) -> Status:
    return Status.OVERDUE if due < today else Status.AT_RISK


def _late(due: dt.date, today: dt.date) -> str:
    if due >= today:
        return f"{due.isoformat()}到期"
    try:
        n = calendar().working_days_between(due, today)
    except UnknownYearError:
        return f"逾期{(today - due).days}日"
    return f"逾期{n}个工作日"


@register("documents.countersign")
def countersigns(today: dt.date) -> Iterator[ComplianceLine]:
    last = horizon(today)
    tasks = (
        CountersignTask.objects.filter(state=CountersignState.PENDING, due__lte=last)
        .select_related("unit", "document__rulebook_version")
        .order_by("due", "id")
    )
    for t in tasks:
        yield ComplianceLine(
            area="会签",
            title=f"《{t.document.title}》",
            owner=unit_name(t.unit),
            due=t.due,
            status=_status(t.due, today),
            citation=rulebook_of(t.document).cite("countersign.reply"),
            url=reverse("web:document", args=[t.document_id]),
            detail=_late(t.due, today),
        )


@register("documents.filing")
def filings(today: dt.date) -> Iterator[ComplianceLine]:
    last = horizon(today)
    pending = (
        FilingObligation.objects.filter(state=FilingState.PENDING, due__lte=last)
        .select_related("unit", "document__rulebook_version")
        .order_by("due", "id")
    )
    for f in pending:
        yield ComplianceLine(
            area="报备",
            title=f"《{f.document.title}》（经州人民政府同意）",
            owner=unit_name(f.unit),
            due=f.due,
            status=_status(f.due, today),
            citation=rulebook_of(f.document).param_citation("filing.agreed_document_days"),
            url=reverse("web:document_filing", args=[f.document_id]),
            detail=_late(f.due, today),
        )


@register("supervision.items")
def supervision(today: dt.date) -> Iterator[ComplianceLine]:
    last = horizon(today)
    items = (
        SupervisionItem.objects.filter(state=ItemState.OPEN, due__lte=last)
        .select_related("lead_unit", "rulebook_version")
        .order_by("due", "id")
    )
    for i in items:
        rb = rulebook_of(i)
        yield ComplianceLine(
            area="督办",
            title=i.title,
            owner=unit_name(i.lead_unit),
            due=i.due,
            status=_status(i.due, today),
            citation=rb.cite("supervision.overdue" if i.due < today else "time_limits"),
            url=i.get_absolute_url(),
            detail=_late(i.due, today),
        )
    reports = (
        ProgressReport.objects.filter(submitted_at__isnull=True, due__lte=last)
        .exclude(item__state=ItemState.CLOSED)
        .select_related("unit", "item__rulebook_version")
        .order_by("due", "id")
    )
    for r in reports:
        rb = rulebook_of(r.item)
        yield ComplianceLine(
            area="督办报告",
            title=f"{r.item.title}（第{r.period}期进展）",
            owner=unit_name(r.unit),
            due=r.due,
            status=_status(r.due, today),
            citation=rb.cite("supervision.overdue" if r.due < today else "time_limits"),
            url=r.item.get_absolute_url(),
            detail=_late(r.due, today),
        )
    rects = (
        Rectification.objects.filter(done_at__isnull=True, due__lte=last)
        .select_related("item__lead_unit", "item__rulebook_version")
        .order_by("due", "id")
    )
    for x in rects:
        yield ComplianceLine(
            area="督促整改",
            title=f"{x.item.title}：{x.requirement[:40]}",
            owner=unit_name(x.item.lead_unit),
            due=x.due,
            status=_status(x.due, today),
            citation=rulebook_of(x.item).cite("supervision.overdue" if x.due < today else "supervision.duties"),
            url=x.item.get_absolute_url(),
            detail=_late(x.due, today),
        )


__all__ = ["countersigns", "filings", "horizon", "supervision"]
