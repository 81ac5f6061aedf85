"""规章和规范性文件 on the workbench: drafts to review (司法局), comments to answer, filings due."""

from __future__ import annotations

from django.http import HttpRequest

from zhengwu.core import workbench
from zhengwu.legislation import services


@workbench.panel(40, "legislation")
def panel(request: HttpRequest) -> workbench.Section | None:
    context = services.workbench_context(request)
    if context is None:
        return None
    return workbench.Section(
        "legislation", "规章和规范性文件", "web/legislation/_workbench.html", context, context["count"]
    )
