"""Incident reports (art. 55) on the compliance view: first reports by phone or in writing not in
by their clock-time limit (overdue), or still running (at risk)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.utils import timezone

from zhengwu.core.compliance import ComplianceLine, Status, register
from zhengwu.reporting import rules, selectors
from zhengwu.reporting.actions import LIMIT_LABELS, incident_url
from zhengwu.reporting.models import Incident, IncidentState
from zhengwu.rulebook.services import rulebook_of


def _minutes(delta: dt.timedelta) -> int:
    return int(delta.total_seconds() // 60)


@register("reporting.incidents")
def compliance_lines(today: dt.date) -> Iterator[ComplianceLine]:
    """Clock time: a limit is overdue the minute it passes (on ``today``'s view, as of now, or at
    the end of ``today`` for a day already past)."""
    now = timezone.now()
    end_of_today = timezone.make_aware(dt.datetime.combine(today, dt.time.max))
    moment = min(now, end_of_today)
    rows = Incident.objects.exclude(state=IncidentState.CLOSED).select_related("unit", "rulebook_version")
    for incident in rows:
        limits = selectors.open_limits(incident)
        if not limits:
            continue
        rb = rulebook_of(incident)
        for limit, due in limits.items():
            overdue = moment > due
            unit = incident.unit
            yield ComplianceLine(
                area="突发事件信息报告",
                title=f"{incident.title}（{LIMIT_LABELS[limit]}）",
                owner=unit.short_name or unit.name,
                due=timezone.localdate(due),
                status=Status.OVERDUE if overdue else Status.AT_RISK,
                citation=rb.cite(rules.INCIDENTS),
                url=incident_url(incident),
                detail=(
                    f"超时{_minutes(moment - due)}分钟（自然时间）"
                    if overdue
                    else f"{timezone.localtime(due):%H:%M}前（自然时间）"
                ),
            )
