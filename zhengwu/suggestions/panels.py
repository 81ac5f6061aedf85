"""建议提案 on the workbench: what my unit must answer; co-unit opinions my unit owes; for the office,
answers awaiting the proposer's satisfaction or a publication decision."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.utils import timezone

from zhengwu.core import workbench
from zhengwu.core.transitions import allows
from zhengwu.org.rules import ADMINISTRATORS
from zhengwu.org.services import positions_of
from zhengwu.suggestions import rules
from zhengwu.suggestions.models import CoUnitOpinion, State, Suggestion
from zhengwu.suggestions.selectors import is_supervisor, opinion_checks


@workbench.panel(36, "suggestions")
def panel(request: HttpRequest) -> workbench.Section | None:
    user = request.user
    if not isinstance(user, AbstractBaseUser) or not user.is_authenticated:
        return None
    units = {p.unit_id for p in positions_of(user) if p.kind not in ADMINISTRATORS}
    to_answer = [
        s
        for s in Suggestion.objects.filter(state=State.HANDLING, lead_unit_id__in=units)
        .select_related("lead_unit", "answer_document")
        .order_by("due", "id")[:20]
        if not s.answered  # drafted or not: until the answer is issued, it waits on the lead unit
    ]
    co_due = [
        o
        for o in CoUnitOpinion.objects.filter(unit_id__in=units, sent_at__isnull=True, suggestion__state=State.HANDLING)
        .select_related("suggestion", "unit")
        .order_by("due", "id")[:20]
        if o.round == o.suggestion.round and allows(lambda a, s: opinion_checks(a, s, o.unit), user, o.suggestion)  # noqa: B023
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
    return workbench.Section(
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
