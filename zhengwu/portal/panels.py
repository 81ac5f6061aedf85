"""政务公开 on the workbench: the disclosure staff's queue and applications close to their limits."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from zhengwu.core import workbench
from zhengwu.portal import rules
from zhengwu.portal.actions import staff_facts
from zhengwu.portal.compliance import horizon
from zhengwu.portal.models import Application, ApplicationState, ItemState, PublicationItem
from zhengwu.rulebook.services import rulebook_view


@workbench.panel(60, "portal")
def workbench_panel(request: HttpRequest) -> workbench.Section | None:
    today = timezone.localdate()
    user = request.user
    if not rules.may_manage(staff_facts(user if user.is_authenticated else None, today), rulebook_view(today)).allowed:
        return None
    last = horizon(today)
    items = list(PublicationItem.objects.filter(state=ItemState.QUEUED, due_on__lte=last).order_by("due_on")[:10])
    apps = list(Application.objects.filter(state=ApplicationState.RECEIVED, due_on__lte=last).order_by("due_on")[:10])
    queued = PublicationItem.objects.filter(state=ItemState.QUEUED).count()
    return workbench.Section(
        "portal",
        "政务公开",
        "web/portal/workbench_panel.html",
        {"items": items, "applications": apps, "queued": queued, "today": today},
        count=len(items) + len(apps),
    )
