from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from zhengwu.org.models import Absence


@login_required
def workbench(request: HttpRequest) -> HttpResponse:
    return render(request, "web/workbench.html", {})


@login_required
def absence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    absence = get_object_or_404(Absence, pk=pk)
    return render(request, "web/absence_detail.html", {"absence": absence})
