"""复议、诉讼、审计 on the workbench: my unit's open cases."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.utils import timezone

from zhengwu.core import workbench
from zhengwu.org.rules import ADMINISTRATORS
from zhengwu.org.services import positions_of
from zhengwu.oversight.models import Case, CaseState


@workbench.panel(37, "oversight")
def panel(request: HttpRequest) -> workbench.Section | None:
    user = request.user
    if not isinstance(user, AbstractBaseUser) or not user.is_authenticated:
        return None
    units = {p.unit_id for p in positions_of(user) if p.kind not in ADMINISTRATORS}
    cases = list(
        Case.objects.filter(unit_concerned_id__in=units)
        .exclude(state=CaseState.CLOSED)
        .select_related("unit_concerned")
        .order_by("answer_due", "rectify_due", "id")[:20]
    )
    if not cases:
        return None
    return workbench.Section(
        key="oversight",
        title="复议诉讼审计",
        template="web/oversight/_workbench.html",
        context={"cases": cases, "today": timezone.localdate()},
        count=len(cases),
    )
