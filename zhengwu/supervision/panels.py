"""The 工作台 panel: the reports my unit owes, and (for the office) items awaiting verification.

What awaits this person is what :mod:`zhengwu.supervision.selectors` lets them do: the queries
only narrow the rows the selectors are asked about."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.utils import timezone

from zhengwu.core import workbench
from zhengwu.core.transitions import outcome
from zhengwu.supervision import rules, selectors
from zhengwu.supervision.models import ItemState, ProgressReport, SupervisionItem


@workbench.panel(30, "supervision")
def panel(request: HttpRequest) -> workbench.Section | None:
    user = request.user
    if not isinstance(user, AbstractBaseUser) or not user.is_authenticated:
        return None
    today = timezone.localdate()
    actor = selectors.actor_fact(user, today)
    units = {p.unit_id for p in actor.positions if p.kind in rules.UNIT_STAFF}
    reports = [
        r
        for r in ProgressReport.objects.filter(unit_id__in=units, submitted_at__isnull=True)
        .exclude(item__state=ItemState.CLOSED)
        .select_related("item__rulebook_version", "unit")
        .order_by("due", "id")[:20]
        if selectors.report_actions(user, r)["submit_progress"].allowed
    ]
    finals = list(
        SupervisionItem.objects.filter(lead_unit_id__in=units, state=ItemState.OPEN)
        .select_related("lead_unit")
        .order_by("due", "id")[:20]
    )
    to_verify = (
        [
            i
            for i in SupervisionItem.objects.filter(state=ItemState.REPORTED)
            .select_related("lead_unit", "rulebook_version")
            .order_by("reported_at", "id")[:20]
            if outcome(selectors.verify_checks(user, i)).allowed
        ]
        if actor.supervisor
        else []
    )
    count = len(reports) + len(finals) + len(to_verify)
    if not count:
        return None
    return workbench.Section(
        key="supervision",
        title="督查督办",
        template="web/supervision/_workbench.html",
        context={"reports": reports, "finals": finals, "to_verify": to_verify, "today": today},
        count=count,
    )
