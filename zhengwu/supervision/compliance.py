"""Lines of the compliance view (art. 63) for supervision: items, periodic reports and rectification
orders overdue or due within the window of ``supervision.remind_days`` working days (the rulebook in
force today).  The documents' lines are the documents app's (``zhengwu/documents/compliance.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from zhengwu.core.compliance import ComplianceLine, register
from zhengwu.rulebook.services import rulebook_of, rulebook_view
from zhengwu.supervision.models import ItemState, ProgressReport, Rectification, SupervisionItem
from zhengwu.supervision.services import unit_name
from zhengwu.workdays import windows

REMIND_DAYS = "supervision.remind_days"


@register("supervision.items")
def supervision(today: dt.date) -> Iterator[ComplianceLine]:
    last = windows.horizon(today, rulebook_view(today).param(REMIND_DAYS).as_int)
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
            status=windows.status(i.due, today),
            citation=rb.cite("supervision.overdue" if i.due < today else "time_limits"),
            url=i.get_absolute_url(),
            detail=windows.lateness(i.due, today),
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
            status=windows.status(r.due, today),
            citation=rb.cite("supervision.overdue" if r.due < today else "time_limits"),
            url=r.item.get_absolute_url(),
            detail=windows.lateness(r.due, today),
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
            status=windows.status(x.due, today),
            citation=rulebook_of(x.item).cite("supervision.overdue" if x.due < today else "supervision.duties"),
            url=x.item.get_absolute_url(),
            detail=windows.lateness(x.due, today),
        )
