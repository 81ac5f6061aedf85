"""通知: my notices, newest first; mark one or all read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from zhengwu.notices.models import Notice
from zhengwu.notices.services import mark_all_read, mark_read
from zhengwu.web.helpers import actor, is_htmx


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    notices = Notice.objects.filter(recipient_id=actor(request).pk)
    page = Paginator(notices, 50).get_page(request.GET.get("page"))
    return render(request, "web/notices/list.html", {"page": page})


@login_required
@require_POST
def notice_read(request: HttpRequest, pk: int) -> HttpResponse:
    notice = mark_read(actor(request), pk)
    if notice is None:
        raise Http404("没有这条通知。")
    if is_htmx(request):
        unread = Notice.objects.filter(recipient_id=notice.recipient_id, read_at__isnull=True).count()
        context = {
            "notice": notice,
            "unread_notices": unread,
            "oob": True,
            "compact": request.POST.get("compact") == "1",
        }
        return render(request, "web/notices/_row.html", context)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("web:notices")


@login_required
@require_POST
def notice_read_all(request: HttpRequest) -> HttpResponse:
    mark_all_read(actor(request))
    return redirect("web:notices")
