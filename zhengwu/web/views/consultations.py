"""Public pages for drafts open for comment (art. 21): no login.  The text as published for comment,
article by article; a comment form that asks only for the comment (name and contact optional),
protected by :mod:`zhengwu.core.public_forms`; after the period, the published answers."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.core.i18n import _
from zhengwu.core.public_forms import FormRejected, PublicForm
from zhengwu.legislation import rules, services
from zhengwu.legislation.actions.comments import submit_comment
from zhengwu.legislation.models import DraftState, DraftVersion, NormativeDraft
from zhengwu.legislation.selectors import comment_version
from zhengwu.web.helpers import explain

COMMENTS = PublicForm("consultation-comment", limit=10, window=3600)
ANSWERED = (
    DraftState.ANSWERED,
    DraftState.REVIEWING,
    DraftState.RETURNED,
    DraftState.PASSED,
    DraftState.DELIBERATED,
    DraftState.SIGNING,
    DraftState.PUBLISHED,
)


def _with_version(drafts: Iterable[NormativeDraft]) -> list[tuple[NormativeDraft, DraftVersion]]:
    return [(d, v) for d in drafts if (v := comment_version(d)) is not None]


def index(request: HttpRequest) -> HttpResponse:
    open_now = services.open_for_comment()
    closed = (
        NormativeDraft.objects.filter(secret=False, comment_opens__isnull=False)
        .exclude(pk__in=open_now.values("pk"))
        .select_related("drafting_unit")
        .order_by("-comment_closes")[:50]
    )
    return render(
        request, "consultations/list.html", {"open_now": _with_version(open_now), "closed": _with_version(closed)}
    )


@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """``pk``: the version published for comment (the source of its 征求意见稿 on the portal)."""
    found = (
        DraftVersion.objects.select_related("draft__drafting_unit", "draft__rulebook_version")
        .filter(pk=pk, draft__secret=False, draft__comment_opens__isnull=False)
        .first()
    )
    if found is None:
        raise Http404("没有这份征求意见稿。")
    d = found.draft
    version = comment_version(d)
    if version is None or version.pk != found.pk:
        raise Http404("没有这份征求意见稿。")
    errors: list[str] = []
    status = 200
    values = {"article": "0", "text": "", "name": "", "contact": ""}
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in values}
        try:
            COMMENTS.verify(request)
            try:
                article = int(values["article"] or 0)
            except ValueError as exc:
                raise InvalidInput(_("请选择条文。"), field="article") from exc
            submit_comment(d, article=article, text=values["text"], name=values["name"], contact=values["contact"])
            return redirect(f"{request.path}?sent=1#comment")
        except FormRejected as exc:
            errors, status = [exc.message], exc.status
        except (Refused, InvalidInput) as exc:
            errors, status = explain(exc), 400
    is_open = d.state == DraftState.CONSULTING and services.open_for_comment().filter(pk=d.pk).exists()
    answers = d.comments.order_by("article", "submitted_at") if d.state in ANSWERED else None
    return render(
        request,
        "consultations/detail.html",
        {
            "d": d,
            "version": version,
            "articles": rules.parse_articles(version.body),
            "is_open": is_open,
            "guard": COMMENTS.issue(),
            "errors": errors,
            "values": values,
            "sent": request.GET.get("sent") == "1",
            "answers": answers,
        },
        status=status,
    )
