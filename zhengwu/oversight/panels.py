"""复议、诉讼、审计 on the workbench: my unit's open cases, and those I keep for other units."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.utils import timezone

from zhengwu.core import workbench
from zhengwu.core.transitions import allows
from zhengwu.org.rules import ADMINISTRATORS
from zhengwu.org.services import positions_of
from zhengwu.oversight.models import Case, CaseState
from zhengwu.oversight.selectors import ACTS


@workbench.panel(37, "oversight")
def panel(request: HttpRequest) -> workbench.Section | None:
    user = request.user
    if not isinstance(user, AbstractBaseUser) or not user.is_authenticated:
        return None
    units = {p.unit_id for p in positions_of(user) if p.kind not in ADMINISTRATORS}
    open_cases = Case.objects.exclude(state=CaseState.CLOSED).select_related("unit_concerned")
    # my unit's cases, and the cases I keep for other units (the 司法局's reconsiderations and suits):
    # an answer or an outcome the actions' checks allow me now
    mine = list(open_cases.filter(unit_concerned_id__in=units).order_by("answer_due", "rectify_due", "id")[:20])
    kept = [
        c
        for c in open_cases.exclude(unit_concerned_id__in=units).order_by("answer_due", "rectify_due", "id")[:50]
        if any(allows(checks, user, c) for checks in ACTS.values())
    ]
    cases = sorted(mine + kept, key=lambda c: (c.answer_due or c.rectify_due or dt.date.max, c.pk))[:20]
    if not cases:
        return None
    return workbench.Section(
        key="oversight",
        title="复议诉讼审计",
        template="web/oversight/_workbench.html",
        context={"cases": cases, "today": timezone.localdate()},
        count=len(cases),
    )
