"""政务公开 on the workbench: the disclosure staff's queue and applications close to their limits
(those the person may answer now: :mod:`zhengwu.portal.selectors`)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.utils import timezone

from zhengwu.core import workbench
from zhengwu.portal import selectors
from zhengwu.portal.compliance import horizon
from zhengwu.portal.models import Application, ApplicationState, ItemState, PublicationItem


@workbench.panel(60, "portal")
def workbench_panel(request: HttpRequest) -> workbench.Section | None:
    today = timezone.localdate()
    user = request.user
    if not isinstance(user, AbstractBaseUser) or not selectors.may_manage(user, today).allowed:
        return None
    last = horizon(today)
    items = list(PublicationItem.objects.filter(state=ItemState.QUEUED, due_on__lte=last).order_by("due_on")[:10])
    apps = [
        a
        for a in Application.objects.filter(state=ApplicationState.RECEIVED, due_on__lte=last).order_by("due_on")[:10]
        if "reply" in selectors.allowed_application_actions(user, a)
    ]
    queued = PublicationItem.objects.filter(state=ItemState.QUEUED).count()
    return workbench.Section(
        "portal",
        "政务公开",
        "web/portal/workbench_panel.html",
        {"items": items, "applications": apps, "queued": queued, "today": today},
        count=len(items) + len(apps),
    )
