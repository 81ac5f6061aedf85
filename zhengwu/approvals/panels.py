"""报批事项 on the workbench: the requests on which I may act now (review, decide, refer, record an
answer, a return or a report)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.utils import timezone

from zhengwu.approvals.selectors import awaiting
from zhengwu.core import workbench


@workbench.panel(38, "approvals")
def panel(request: HttpRequest) -> workbench.Section | None:
    user = request.user
    if not isinstance(user, AbstractBaseUser) or not user.is_authenticated:
        return None
    rows = awaiting(user)
    if not rows:
        return None
    return workbench.Section(
        key="approvals",
        title="报批事项",
        template="web/approvals/_workbench.html",
        context={"requests": rows, "today": timezone.localdate()},
        count=len(rows),
    )
