"""信访 on the workbench: letters awaiting my instruction; the cases my unit handles."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.utils import timezone

from zhengwu.core import workbench
from zhengwu.core.transitions import allows
from zhengwu.org.rules import ADMINISTRATORS
from zhengwu.org.services import person_of, positions_of
from zhengwu.petitions.compliance import OPEN_STATES
from zhengwu.petitions.models import Petition, State
from zhengwu.petitions.selectors import ACTS, petitions_units

#: The acts by which a case waits on whoever handles it.
HANDLING_ACTS = ("decide_acceptance", "route", "extend", "conclude", "decide_review")


@workbench.panel(35, "petitions")
def panel(request: HttpRequest) -> workbench.Section | None:
    user = request.user
    if not isinstance(user, AbstractBaseUser) or not user.is_authenticated:
        return None
    person = person_of(user)
    positions = positions_of(user)
    awaiting = (
        [
            p
            for p in Petition.objects.filter(leader=person, important=True, instructed_at__isnull=True).order_by(
                "routed_at", "id"
            )
            # unread or read: the leader reads the letter, then instructs (both are theirs to do)
            if allows(ACTS["read"], user, p) or allows(ACTS["instruct"], user, p)
        ]
        if person
        else []
    )
    units = {p.unit_id for p in positions if p.kind not in ADMINISTRATORS}
    bureau = {u.pk for u in petitions_units()} & units
    mine = Petition.objects.filter(state__in=OPEN_STATES)
    if bureau:  # the 信访 bureau follows every open case
        handling = list(mine.order_by("accept_due", "id")[:20])
    else:  # a handling unit: the cases on which the reader has an act to take now (the actions' checks)
        candidates = mine.filter(handling_unit_id__in=units, state=State.HANDLING).order_by("handle_due", "id")[:20]
        handling = [p for p in candidates if any(allows(ACTS[act], user, p) for act in HANDLING_ACTS)]
    count = len(awaiting) + len(handling)
    if not count:
        return None
    return workbench.Section(
        key="petitions",
        title="信访",
        template="web/petitions/_workbench.html",
        context={"awaiting": awaiting, "handling": handling, "today": timezone.localdate()},
        count=count,
    )
