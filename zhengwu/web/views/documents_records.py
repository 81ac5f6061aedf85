"""公文的登记、归档、报备和发文字号作废 (arts. 49, 52, 53, 61): the registers of incoming and outgoing
documents with their CSV/XLSX exports, archiving a complete document and verifying its package, the
art. 49 filing of 「经同意」 documents and the office's list of overdue filings, and the cancellation of
a document number taken by mistake.

Views parse, ask the rule (:mod:`zhengwu.documents.rules.records`), call the service or action
(:mod:`zhengwu.documents.actions.records`, archive, filing) and render.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from zhengwu.core import i18n
from zhengwu.core.decisions import Decision, InvalidInput, Refused
from zhengwu.documents import registers
from zhengwu.documents.actions import archive as archive_actions
from zhengwu.documents.actions import filing as filing_actions
from zhengwu.documents.actions.records import cancel_issued_number, office_id, overdue_decision, register_decision
from zhengwu.documents.models import (
    ArchivePackage,
    DocState,
    DocType,
    Document,
    FilingObligation,
    FilingState,
    IssuedNumber,
    Retention,
)
from zhengwu.documents.numbering import number_text
from zhengwu.documents.rules.records import may_handle_records
from zhengwu.documents.selectors import archive_actions_of as archive_acts_of
from zhengwu.org.models import Unit
from zhengwu.org.rules import ADMINISTRATORS
from zhengwu.org.services import positions_of
from zhengwu.web.errors import render_refusal
from zhengwu.web.helpers import actor, explain, is_htmx
from zhengwu.web.views.documents import _detail, _refusal_status, _visible

PAGE_SIZE = 50
REGISTER_KINDS = {"incoming": _("收文登记簿"), "outgoing": _("发文登记簿")}
EXPORT_FORMATS = {"csv": registers.CSV_CONTENT_TYPE, "xlsx": registers.XLSX_CONTENT_TYPE}


# ---------------------------------------------------------------- helpers


def _refused_page(request: HttpRequest, decision: Decision) -> HttpResponse:
    return render_refusal(request, [decision.explanation], 403)


def export_response(kind: str, fmt: str, filters: registers.RegisterFilters) -> HttpResponse:
    """The register as a CSV or XLSX download with its Chinese filename (RFC 5987 ``filename*=``)."""
    rows = registers.incoming_register(filters) if kind == "incoming" else registers.outgoing_register(filters)
    columns = registers.INCOMING_COLUMNS if kind == "incoming" else registers.OUTGOING_COLUMNS
    if fmt == "csv":
        content = registers.to_csv(rows, columns)
    elif fmt == "xlsx":
        content = registers.to_xlsx(rows, columns, str(REGISTER_KINDS[kind]))
    else:
        raise InvalidInput(i18n._("无法导出为“{fmt}”：请选择 csv 或 xlsx。", fmt=fmt), field="format")
    response = HttpResponse(content, content_type=EXPORT_FORMATS[fmt])
    disposition = content_disposition_header(as_attachment=True, filename=registers.export_filename(kind, fmt, filters))
    if disposition:
        response["Content-Disposition"] = disposition
    return response


# ---------------------------------------------------------------- the registers (art. 52)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@login_required
def register(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in REGISTER_KINDS:
        raise Http404("没有这种登记簿。")
    decision = register_decision(actor(request))
    if not decision.allowed:
        return _refused_page(request, decision)
    errors: list[str] = []
    status = 200
    params = request.GET
    filters: registers.RegisterFilters | None
    try:
        filters = registers.RegisterFilters.from_query(params)
    except InvalidInput as exc:
        filters, errors, status = None, [exc.localized_message], 400
    fmt = params.get("format", "")
    if fmt and filters is not None:
        try:
            return export_response(kind, fmt, filters)
        except InvalidInput as exc:
            errors, status = [exc.localized_message], 400
    page = None
    if filters is not None:
        rows = registers.incoming_register(filters) if kind == "incoming" else registers.outgoing_register(filters)
        page = Paginator(rows, PAGE_SIZE).get_page(params.get("page"))
    columns = registers.INCOMING_COLUMNS if kind == "incoming" else registers.OUTGOING_COLUMNS
    kept = [(k, str(v)) for k, v in params.items() if k not in ("page", "format") and v]
    query = urlencode(kept)
    table = []
    if page is not None:
        table = [(row["id"], [(c.key == "title", _shown(c.cell(row))) for c in columns]) for row in page.object_list]
    return render(
        request,
        "web/documents/records/register.html",
        {
            "kind": kind,
            "kinds": REGISTER_KINDS,
            "title": REGISTER_KINDS[kind],
            "errors": errors,
            "columns": columns,
            "table": table,
            "page": page,
            "query": query,
            "params": params,
            "doc_types": DocType.choices,
            "states": DocState.choices,
            "units": Unit.objects.order_by("sort_order", "code").values_list("code", "name"),
        },
        status=status,
    )


# ---------------------------------------------------------------- archive (art. 53)


def _back(request: HttpRequest, pk: int, exc: Refused | InvalidInput) -> HttpResponse:
    viewer, doc = _visible(request, pk)
    return _detail(request, viewer, doc, errors=explain(exc), status=200 if is_htmx(request) else _refusal_status(exc))


@login_required
@require_POST
def archive(request: HttpRequest, pk: int) -> HttpResponse:
    viewer, doc = _visible(request, pk)
    try:
        archive_actions.archive(viewer.user, doc, request.POST.get("retention", ""))
    except (Refused, InvalidInput) as exc:
        return _back(request, pk, exc)
    return redirect("web:document", pk=doc.pk)


@login_required
@require_POST
def archive_verify(request: HttpRequest, pk: int) -> HttpResponse:
    _, doc = _visible(request, pk)
    package = ArchivePackage.objects.filter(document=doc).first()
    if package is None:
        return _back(request, pk, InvalidInput(i18n._("本件尚未归档，无从校验。")))
    check = archive_actions.verify_package(package)
    return render(request, "web/documents/records/verify.html", {"doc": doc, "package": package, "check": check})


@login_required
def archive_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The archive package as a ZIP (its manifest inside), for whoever may read the document."""
    viewer, doc = _visible(request, pk)
    try:
        package = archive_actions.download_package(viewer.user, doc)
    except (Refused, InvalidInput) as exc:
        return _back(request, pk, exc)
    return package_response(package)


def package_response(package: archive_actions.PackageFile) -> HttpResponse:
    """The ZIP as an attachment; the SM3 of its manifest and of the whole ZIP in headers, so the
    receiver can check what arrived (the manifest inside lists every file's SM3)."""
    response = HttpResponse(package.data, content_type="application/zip")
    disposition = content_disposition_header(as_attachment=True, filename=package.filename)
    if disposition:
        response["Content-Disposition"] = disposition
    response["X-Archive-Manifest-SM3"] = package.manifest_sm3
    response["X-Archive-SM3"] = package.sm3
    response["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------------- filing (art. 49)


@login_required
@require_POST
def filing(request: HttpRequest, pk: int) -> HttpResponse:
    viewer, doc = _visible(request, pk)
    obligation = FilingObligation.objects.filter(document=doc).first()
    try:
        if obligation is None:
            raise InvalidInput(i18n._("本件不需要向州人民政府办公室报备。"), field="document")
        filing_actions.file_with_office(viewer.user, obligation, request.POST.get("note", ""))
    except (Refused, InvalidInput) as exc:
        return _back(request, pk, exc)
    return redirect("web:document", pk=doc.pk)


@login_required
def filings_overdue(request: HttpRequest) -> HttpResponse:
    decision = overdue_decision(actor(request))
    if not decision.allowed:
        return _refused_page(request, decision)
    today = timezone.localdate()
    page = Paginator(filing_actions.overdue_filings(today), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "web/documents/records/filings_overdue.html", {"page": page, "today": today})


# ---------------------------------------------------------------- cancelled numbers (art. 52)


def _number_label(issued: IssuedNumber) -> str:
    """克政发〔2026〕3号《关于…的通知》: the number and the document it went to (cancelling it withdraws
    that issue)."""
    text = number_text(issued)
    return f"{text}《{issued.document.title}》" if issued.document is not None else text


class CancelNumberForm(forms.Form):
    number = forms.ModelChoiceField(
        label=_("发文字号"),
        queryset=IssuedNumber.objects.none(),
        empty_label=_("请选择"),
        error_messages={"required": "请选择要作废的发文字号。", "invalid_choice": "没有这个发文字号，或已经作废。"},
    )
    reason = forms.CharField(
        label=_("作废原因"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "作废发文字号须写明原因。"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["number"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            IssuedNumber.objects.filter(cancelled_at__isnull=True)
            .select_related("document")
            .order_by("-taken_at", "-id")
        )
        field.label_from_instance = _number_label  # type: ignore[method-assign,assignment]


@login_required
def numbers_cancelled(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    decision = register_decision(user)
    if not decision.allowed:
        return _refused_page(request, decision)
    may_cancel = may_handle_records(positions_of(user), office_id(), None, "作废发文字号").allowed
    errors: list[str] = []
    status = 200
    form = CancelNumberForm()
    if request.method == "POST":
        form = CancelNumberForm(request.POST)
        if form.is_valid():
            try:
                cancel_issued_number(user, form.cleaned_data["number"], form.cleaned_data["reason"])
            except (Refused, InvalidInput) as exc:
                errors, status = explain(exc), _refusal_status(exc)
                if isinstance(exc, InvalidInput) and exc.field in form.fields:
                    form.add_error(exc.field, exc.localized_message)
            else:
                return redirect("web:numbers_cancelled")
        else:
            status = 400
    cancelled = (
        IssuedNumber.objects.filter(cancelled_at__isnull=False)
        .select_related("document")
        .order_by("-cancelled_at", "-id")
    )
    page = Paginator(cancelled, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "web/documents/records/numbers_cancelled.html",
        {
            "page": page,
            "form": form,
            "may_cancel": may_cancel,
            "errors": errors,
            "rows": [(n, number_text(n)) for n in page.object_list],
        },
        status=status,
    )


# ---------------------------------------------------------------- the panel on the document page


def records_panel_context(request: HttpRequest, doc: Document) -> dict[str, Any]:
    """What the document page shows about archiving and filing, and what it offers this viewer."""
    user = actor(request)
    positions = positions_of(user)
    office_staff = may_handle_records(positions, office_id(), None, "归档").allowed
    package = ArchivePackage.objects.filter(document_id=doc.pk).select_related("created_by").first()
    obligation = FilingObligation.objects.filter(document_id=doc.pk).select_related("unit", "filed_by").first()
    complete = doc.state in (DocState.ISSUED, DocState.ANSWERED, DocState.CLOSED)
    unit_staff = obligation is not None and any(
        p.unit_id == obligation.unit_id and p.kind not in ADMINISTRATORS for p in positions
    )
    return {
        "doc": doc,
        "package": package,
        "may_archive": office_staff and complete and package is None,
        "may_verify": office_staff and package is not None,
        "archive_acts": {name for name, d in archive_acts_of(user, doc).items() if d.allowed},
        "retentions": Retention.choices,
        "obligation": obligation,
        "overdue": obligation is not None
        and obligation.state == FilingState.PENDING
        and obligation.due < timezone.localdate(),
        "may_file": unit_staff and obligation is not None and obligation.state == FilingState.PENDING,
    }


__all__ = [
    "archive",
    "archive_download",
    "archive_verify",
    "filing",
    "filings_overdue",
    "numbers_cancelled",
    "records_panel_context",
    "register",
]
