"""政务公开 on the compliance view: late publications and applications (art. 28 /
条例第二十六条、第三十三条)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from zhengwu.core import compliance
from zhengwu.core.compliance import ComplianceLine, Status
from zhengwu.portal import rules
from zhengwu.portal.models import Application, ApplicationState, ItemState, PublicationItem
from zhengwu.rulebook.services import rulebook_view
from zhengwu.workdays.services import UnknownYearError, calendar

AT_RISK_DAYS = 3


def horizon(today: dt.date) -> dt.date:
    try:
        return calendar().add_working_days(today, AT_RISK_DAYS)
    except UnknownYearError:
        return today


@compliance.register("portal.publication")
def late_publications(today: dt.date) -> Iterator[ComplianceLine]:
    """Items still queued on or after their due day (20 working days after the information was formed)."""
    rb = rulebook_view(today)
    citation = rb.cite(rules.PROACTIVE)
    items = PublicationItem.objects.filter(state=ItemState.QUEUED, due_on__lte=horizon(today)).order_by("due_on")
    for item in items[:500]:
        late = item.due_on < today
        yield ComplianceLine(
            area="政务公开",
            title=item.title,
            owner=item.issuer_name or "州政府办公室",
            due=item.due_on,
            status=Status.OVERDUE if late else Status.AT_RISK,
            citation=citation,
            url=f"/portal/queue/#item-{item.pk}",
            detail=f"逾期{calendar().working_days_between(item.due_on, today)}个工作日" if late else "临近公开期限",
        )


@compliance.register("portal.applications")
def late_applications(today: dt.date) -> Iterator[ComplianceLine]:
    rb = rulebook_view(today)
    citation = rb.param_citation(rules.APPLICATION_DAYS)
    apps = Application.objects.filter(state=ApplicationState.RECEIVED, due_on__lte=horizon(today)).order_by("due_on")
    for app in apps[:500]:
        late = app.due_on < today
        yield ComplianceLine(
            area="依申请公开",
            title=f"{app.number}：{app.description[:40]}",
            owner="州政府办公室",
            due=app.due_on,
            status=Status.OVERDUE if late else Status.AT_RISK,
            citation=citation,
            url=f"/portal/applications/{app.pk}/",
            detail="逾期未答复" if late else "临近答复期限",
        )
