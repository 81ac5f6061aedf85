"""Lines of the compliance view (art. 63) for 公文:

- 会签: countersign tasks still pending past their due day, or due within the reminder window;
- 报备: 「经自治州人民政府同意」 documents not filed within 30 days (and those about to be).

The window is ``supervision.remind_days`` working days (the rulebook in force today), as for every line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse

from zhengwu.core.compliance import ComplianceLine, register
from zhengwu.documents.models import CountersignState, CountersignTask, FilingObligation, FilingState
from zhengwu.rulebook.services import rulebook_of, rulebook_view
from zhengwu.workdays import windows

REMIND_DAYS = "supervision.remind_days"


@register("documents.countersign")
def countersigns(today: dt.date) -> Iterator[ComplianceLine]:
    last = windows.horizon(today, rulebook_view(today).param(REMIND_DAYS).as_int)
    tasks = (
        CountersignTask.objects.filter(state=CountersignState.PENDING, due__lte=last)
        .select_related("unit", "document__rulebook_version")
        .order_by("due", "id")
    )
    for t in tasks:
        yield ComplianceLine(
            area="会签",
            title=f"《{t.document.title}》",
            owner=t.unit.short_name or t.unit.name,
            due=t.due,
            status=windows.status(t.due, today),
            citation=rulebook_of(t.document).cite("countersign.reply"),
            url=reverse("web:document", args=[t.document_id]),
            detail=windows.lateness(t.due, today),
        )


@register("documents.filing")
def filings(today: dt.date) -> Iterator[ComplianceLine]:
    last = windows.horizon(today, rulebook_view(today).param(REMIND_DAYS).as_int)
    pending = (
        FilingObligation.objects.filter(state=FilingState.PENDING, due__lte=last)
        .select_related("unit", "document__rulebook_version")
        .order_by("due", "id")
    )
    for f in pending:
        yield ComplianceLine(
            area="报备",
            title=f"《{f.document.title}》（经州人民政府同意）",
            owner=f.unit.short_name or f.unit.name,
            due=f.due,
            status=windows.status(f.due, today),
            citation=rulebook_of(f.document).param_citation("filing.agreed_document_days"),
            url=reverse("web:document_filing", args=[f.document_id]),
            detail=windows.lateness(f.due, today),
        )
