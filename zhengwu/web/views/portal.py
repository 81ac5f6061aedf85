"""The public portal (/public/, no login): home, catalogue with filters and search, item pages with
attachments, the GB/T 9704 PDF, interpretations and validity history; the Atom feed and the
application form for 依申请公开.

Views parse, call :mod:`zhengwu.portal.catalogue` or an action, and render.  Only published items
are ever shown.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import content_disposition_header
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods

from zhengwu.core.decisions import InvalidInput
from zhengwu.core.public_forms import FormRejected, PublicForm
from zhengwu.portal import catalogue
from zhengwu.portal.actions import submit_application
from zhengwu.portal.models import ItemKind, ItemState, PublicationItem
from zhengwu.portal.rules import EXEMPTIONS, REPLY_TYPES
from zhengwu.web.helpers import unknown_year_message
from zhengwu.workdays.services import UnknownYearError

PUBLIC_CACHE = 60  # seconds browsers and proxies may keep a public page


def _published(pk: int) -> PublicationItem:
    return get_object_or_404(
        PublicationItem.objects.select_related("issuing_unit", "interprets"), pk=pk, state=ItemState.PUBLISHED
    )


def _page(request: HttpRequest) -> int:
    text = request.GET.get("page", "1")
    return int(text) if text.isdigit() and 0 < int(text) < 10000 else 1


@cache_control(public=True, max_age=PUBLIC_CACHE)
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/home.html",
        {
            "latest": catalogue.latest(10),
            "facets": catalogue.facets(),
            "consultations": _consultations(),
        },
    )


@cache_control(public=True, max_age=PUBLIC_CACHE)
def item_list(request: HttpRequest) -> HttpResponse:
    filters = catalogue.Filters.from_params(request.GET)
    results = catalogue.find(filters, _page(request))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "portal/list.html",
        {
            "results": results,
            "filters": filters,
            "facets": catalogue.facets(),
            "query_string": params.urlencode(),
        },
    )


def _document_of(item: PublicationItem) -> Any:
    if item.kind != ItemKind.DOCUMENT or item.source_type_id is None:
        return None
    from zhengwu.documents.models import Document

    if item.source_type_id != ContentType.objects.get_for_model(Document).pk:
        return None
    return Document.objects.filter(pk=item.source_id or 0).select_related("issuer").first()


@cache_control(public=True, max_age=PUBLIC_CACHE)
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _published(pk)
    document = _document_of(item)
    attachments = list(document.attachments.order_by("position")) if document is not None else []
    return render(
        request,
        "portal/item.html",
        {
            "item": item,
            "paragraphs": [p.strip() for p in item.body.splitlines() if p.strip()],
            "history": catalogue.history(item),
            "replaced": catalogue.superseding(item),
            "interpretations": catalogue.interpretations(item),
            "document": document,
            "attachments": attachments,
            "consultation_url": _consultation_url(item),
        },
    )


def item_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The published document as GB/T 9704 lays it out."""
    from zhengwu.documents.actions.outgoing import layout_for
    from zhengwu.documents.render import render_pdf

    item = _published(pk)
    document = _document_of(item)
    if document is None:
        raise Http404("该信息没有版式文件。")
    response = HttpResponse(render_pdf(layout_for(document)), content_type="application/pdf")
    disposition = content_disposition_header(as_attachment=False, filename=f"{item.doc_number or item.title}.pdf")
    if disposition:
        response["Content-Disposition"] = disposition
    return response


def item_attachment(request: HttpRequest, pk: int, aid: int) -> Any:
    from zhengwu.web.views.documents_attachments import download_response

    item = _published(pk)
    document = _document_of(item)
    if document is None:
        raise Http404("没有该附件。")
    attachment = get_object_or_404(document.attachments, pk=aid)
    return download_response(attachment)


def _consultations() -> list[dict[str, str]]:
    """Drafts open for comment, as the legislation area lists them (if it does)."""
    items = catalogue.published().filter(kind=ItemKind.DRAFT_FOR_COMMENT).order_by("-published_at")[:5]
    return [{"title": i.title, "url": _consultation_url(i) or reverse("portal:item", args=[i.pk])} for i in items]


CONSULTATION_URL_NAMES = ("consultations:detail", "consultations:consultation", "consultations:draft")


def _consultation_url(item: PublicationItem) -> str:
    if item.kind != ItemKind.DRAFT_FOR_COMMENT or item.source_id is None:
        return ""
    for name in CONSULTATION_URL_NAMES:
        try:
            return reverse(name, args=[item.source_id])
        except NoReverseMatch:  # the legislation area names its page otherwise (or not yet)
            continue
    return ""


# -- Atom --------------------------------------------------------------------------------------


class LatestFeed(Feed):  # type: ignore[type-arg]  # generic only in the stubs
    feed_type = Atom1Feed
    title = "克孜勒苏柯尔克孜自治州人民政府 · 政务公开"
    subtitle = "最新公开的政府信息"
    link = "/public/"

    def items(self) -> list[PublicationItem]:
        return catalogue.latest(30)

    def item_title(self, item: PublicationItem) -> str:
        return f"{item.title}（{item.doc_number}）" if item.doc_number else item.title

    def item_description(self, item: PublicationItem) -> str:
        return item.body[:300]

    def item_link(self, item: PublicationItem) -> str:
        return reverse("portal:item", args=[item.pk])

    def item_pubdate(self, item: PublicationItem) -> Any:
        return item.published_at

    def item_author_name(self, item: PublicationItem) -> str:
        return item.issuer_name

    def item_guid(self, item: PublicationItem) -> str:
        return item.index_number or str(item.pk)

    item_guid_is_permalink = False


# -- 依申请公开 ---------------------------------------------------------------------------------

# rate limit, honeypot and minimum fill time (:mod:`zhengwu.core.public_forms`)
APPLY_FORM = PublicForm("disclosure-application", limit=5, window=3600)


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    values = {k: request.POST.get(k, "") for k in ("applicant_name", "contact", "description")}
    errors: list[str] = []
    field = ""
    status = 200
    if request.method == "POST":
        try:
            APPLY_FORM.verify(request)
        except FormRejected as exc:
            errors.append(exc.message)
            status = exc.status
        else:
            try:
                app = submit_application(values["applicant_name"], values["contact"], values["description"])
            except InvalidInput as exc:
                errors.append(exc.localized_message)
                field = exc.field
            except UnknownYearError as exc:  # the working-day calendar of the year is not entered yet
                errors.append(unknown_year_message(exc))
            else:
                return render(request, "portal/apply_done.html", {"application": app})
    if errors and status == 200:
        status = 422
    return render(
        request,
        "portal/apply.html",
        {"values": values, "errors": errors, "field": field, "guard": APPLY_FORM.issue()},
        status=status,
    )


__all__ = [
    "EXEMPTIONS",
    "REPLY_TYPES",
    "LatestFeed",
    "apply",
    "home",
    "item_attachment",
    "item_detail",
    "item_list",
    "item_pdf",
]
