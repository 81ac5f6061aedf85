"""The registers, archives, filings and cancelled numbers (arts. 49, 52, 53, 61) through the API.

Same rules and actions as the pages (:mod:`zhengwu.web.views.documents_records`): the registers are
read by the office's staff and the government's leaders (art. 61), archiving is the office's
(art. 53), filing the issuing department's (art. 49), cancelling a number the office's (art. 52).
Refusals are 403 with their articles, bad input 422, an unknown or invisible document 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from zhengwu.apis.auth import current_user
from zhengwu.apis.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    ErrorOut,
    Paging,
    ProvisionalDues,
    RefusedOut,
    page_of,
    provisional_flag,
)
from zhengwu.core.decisions import InvalidInput, require
from zhengwu.core.i18n import _
from zhengwu.documents import registers
from zhengwu.documents.actions import archive as archive_actions
from zhengwu.documents.actions import filing as filing_actions
from zhengwu.documents.actions.records import cancel_issued_number, overdue_decision, register_decision
from zhengwu.documents.models import ArchivePackage, Document, FilingObligation, IssuedNumber
from zhengwu.documents.numbering import number_text
from zhengwu.documents.services import document_visible_to
from zhengwu.web.views.documents_records import REGISTER_KINDS, export_response, package_response

router = Router(tags=["documents: records"])

NOT_FOUND = "没有编号为{id}的公文，或您无权查看。"
NUMBER_NOT_FOUND = "没有编号为{id}的发文字号记录。"


# ---------------------------------------------------------------- schemas


class ColumnOut(Schema):
    key: str
    header: str


class RegisterPage(Schema):
    kind: str = Field(description="incoming（收文登记簿）或 outgoing（发文登记簿）")
    title: str
    columns: list[ColumnOut]
    count: int
    items: list[dict[str, Any]] = Field(description="每行的键见 columns；日期为 YYYY-MM-DD，状态等为代码")


class ArchiveIn(Schema):
    retention: str = Field(description="保管期限：permanent（永久）、30y（定期30年）、10y（定期10年）")


class PackageOut(Schema):
    id: int
    document_id: int
    path: str
    manifest_sm3: str
    size: int
    file_count: int
    retention: str
    retention_label: str
    retention_years: int | None
    destroy_after: dt.date | None
    created_at: dt.datetime
    created_by: str


class CheckOut(Schema):
    ok: bool
    message: str
    differing: list[str]
    problems: list[str]


class FilingIn(Schema):
    note: str = Field("", max_length=300, description="报备说明")


class FilingOut(ProvisionalDues):
    id: int
    document_id: int
    document_number: str
    document_title: str
    unit: str
    issued_on: dt.date
    due: dt.date
    due_provisional: bool = provisional_flag()
    state: str
    state_label: str
    filed_at: dt.datetime | None
    filed_late: bool
    note: str
    overdue: bool


class FilingPage(Schema):
    count: int
    items: list[FilingOut]


class CancelIn(Schema):
    reason: str = Field(description="作废原因")


class NumberOut(Schema):
    id: int
    number: str
    prefix: str
    year: int
    serial: int
    document_id: int | None
    taken_at: dt.datetime
    cancelled_at: dt.datetime | None
    cancel_reason: str


class NumberPage(Schema):
    count: int
    items: list[NumberOut]


# ---------------------------------------------------------------- helpers


def _visible(request: HttpRequest, document_id: int) -> Document:
    user = current_user(request)
    document = Document.objects.select_related("issuer").filter(pk=document_id).first()
    if document is None or not document_visible_to(user, document):
        raise HttpError(404, NOT_FOUND.format(id=document_id))
    return document


def _kind(kind: str) -> str:
    if kind not in REGISTER_KINDS:
        raise HttpError(404, f"没有“{kind}”登记簿：应为 incoming 或 outgoing。")
    return kind


def _readable(request: HttpRequest) -> None:
    require(register_decision(current_user(request)))


def _package_out(p: ArchivePackage) -> PackageOut:
    person = getattr(p.created_by, "person", None)
    return PackageOut(
        id=p.pk,
        document_id=p.document_id,
        path=p.path,
        manifest_sm3=p.manifest_sm3,
        size=p.size,
        file_count=p.file_count,
        retention=p.retention,
        retention_label=p.get_retention_display(),
        retention_years=p.retention_years,
        destroy_after=p.destroy_after,
        created_at=p.created_at,
        created_by=person.name if person else p.created_by.get_username(),
    )


def _filing_out(o: FilingObligation) -> FilingOut:
    today = timezone.localdate()
    return FilingOut(
        id=o.pk,
        document_id=o.document_id,
        document_number=o.document.number or "",
        document_title=o.document.title,
        unit=o.unit.short_name or o.unit.name,
        issued_on=o.issued_on,
        due=o.due,
        state=o.state,
        state_label=o.get_state_display(),
        filed_at=o.filed_at,
        filed_late=o.filed_late,
        note=o.note,
        overdue=o.overdue or (o.state == "pending" and o.due < today),
    )


def _number_out(n: IssuedNumber) -> NumberOut:
    return NumberOut(
        id=n.pk,
        number=number_text(n),
        prefix=n.prefix,
        year=n.year,
        serial=n.serial,
        document_id=n.document_id,
        taken_at=n.taken_at,
        cancelled_at=n.cancelled_at,
        cancel_reason=n.cancel_reason,
    )


FILTER_HELP = (
    "筛选：year、from、to（YYYY-MM-DD，含两端）、issuer（单位代码）、signer（签发人编号）、"
    "doc_type、state、q（标题、文号或单位名称包含）"
)


# ---------------------------------------------------------------- the registers (arts. 52, 61)


@router.get(
    "/documents/registers/{kind}",
    response={200: RegisterPage, 403: RefusedOut, 404: ErrorOut, **READ_ERRORS},
    summary="收文、发文登记簿（仅限办公室工作人员和州人民政府领导）",
    description=FILTER_HELP,
)
def register_rows(
    request: HttpRequest,
    kind: str,
    paging: Query[Paging],
    year: str = Query("", description="年份"),
    date_from: str = Query("", alias="from", description="起始日期 YYYY-MM-DD"),
    date_to: str = Query("", alias="to", description="截止日期 YYYY-MM-DD"),
    issuer: str = Query("", description="来文单位或发文机关代码"),
    signer: str = Query("", description="签发人编号"),
    doc_type: str = Query("", description="文种代码"),
    state: str = Query("", description="状态代码"),
    q: str = Query("", description="标题、文号或单位名称包含"),
) -> RegisterPage:
    kind = _kind(kind)
    _readable(request)
    filters = registers.RegisterFilters.from_query(request.GET)
    rows = registers.incoming_register(filters) if kind == "incoming" else registers.outgoing_register(filters)
    columns = registers.INCOMING_COLUMNS if kind == "incoming" else registers.OUTGOING_COLUMNS
    count, items = page_of(rows, paging)
    return RegisterPage(
        kind=kind,
        title=str(REGISTER_KINDS[kind]),
        count=count,
        items=[dict(r) for r in items],
        columns=[ColumnOut(key=c.key, header=c.header) for c in columns],
    )


@router.get(
    "/documents/registers/{kind}/export",
    response={403: RefusedOut, 404: ErrorOut, **READ_ERRORS},
    summary="导出登记簿为 CSV 或 XLSX（文件名为中文，RFC 5987）",
    description=FILTER_HELP,
    openapi_extra={
        "responses": {
            "200": {
                "description": "CSV / XLSX",
                "content": {registers.CSV_CONTENT_TYPE: {}, registers.XLSX_CONTENT_TYPE: {}},
            }
        }
    },
)
def register_export(
    request: HttpRequest, kind: str, format: str = Query("csv", description="csv 或 xlsx")
) -> HttpResponse:
    kind = _kind(kind)
    _readable(request)
    filters = registers.RegisterFilters.from_query(request.GET)
    return export_response(kind, format, filters)


# ---------------------------------------------------------------- archive (art. 53)


@router.post(
    "/documents/{document_id}/archive",
    response={201: PackageOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="归档：办理完毕的公文由政府办公室整理归档，选择保管期限",
)
def archive(request: HttpRequest, document_id: int, payload: ArchiveIn) -> Status[PackageOut]:
    document = _visible(request, document_id)
    package = archive_actions.archive(current_user(request), document, payload.retention)
    return Status(201, _package_out(ArchivePackage.objects.select_related("created_by__person").get(pk=package.pk)))


@router.get(
    "/documents/{document_id}/archive",
    response={200: PackageOut, 404: ErrorOut, **READ_ERRORS},
    summary="归档包：存储路径、清单SM3、文件数、保管期限",
)
def archive_facts(request: HttpRequest, document_id: int) -> PackageOut:
    document = _visible(request, document_id)
    package = ArchivePackage.objects.select_related("created_by__person").filter(document=document).first()
    if package is None:
        raise HttpError(404, "本件尚未归档。")
    return _package_out(package)


@router.post(
    "/documents/{document_id}/archive/verify",
    response={200: CheckOut, 404: ErrorOut, **READ_ERRORS},
    summary="校验归档包：重新读取并逐个核对 SM3，指出被改动的文件",
)
def archive_verify(request: HttpRequest, document_id: int) -> CheckOut:
    document = _visible(request, document_id)
    package = ArchivePackage.objects.filter(document=document).first()
    if package is None:
        raise HttpError(404, "本件尚未归档，无从校验。")
    check = archive_actions.verify_package(package)
    return CheckOut(ok=check.ok, message=check.message, differing=list(check.differing), problems=list(check.problems))


@router.get(
    "/documents/{document_id}/archive/package",
    response={403: RefusedOut, 404: ErrorOut, **READ_ERRORS},
    summary="下载归档包（ZIP，内含 SM3 清单 manifest.json）：凡可查阅本件公文者；每次下载均记录",
    description="响应头 X-Archive-Manifest-SM3 为归档时记录的清单 SM3，X-Archive-SM3 为整个 ZIP 的 SM3。"
    "归档包未通过校验时拒绝下载（403）。",
    openapi_extra={"responses": {"200": {"description": "ZIP", "content": {"application/zip": {}}}}},
)
def archive_package(request: HttpRequest, document_id: int) -> HttpResponse:
    document = _visible(request, document_id)
    return package_response(archive_actions.download_package(current_user(request), document))


# ---------------------------------------------------------------- filing (art. 49)


@router.get(
    "/documents/filings/overdue",
    response={200: FilingPage, 403: RefusedOut, **READ_ERRORS},
    summary="逾期未报备的「经同意」文件（办公室工作人员）",
)
def filings_overdue(request: HttpRequest, paging: Query[Paging]) -> FilingPage:
    require(overdue_decision(current_user(request)))
    count, rows = page_of(filing_actions.overdue_filings(timezone.localdate()), paging)
    return FilingPage(count=count, items=[_filing_out(o) for o in rows])


@router.post(
    "/documents/{document_id}/filing",
    response={200: FilingOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="报备：发文部门的工作人员向州人民政府办公室报备「经同意」文件",
)
def file_document(request: HttpRequest, document_id: int, payload: FilingIn) -> FilingOut:
    document = _visible(request, document_id)
    obligation = FilingObligation.objects.filter(document=document).first()
    if obligation is None:
        raise InvalidInput(_("本件不需要向州人民政府办公室报备。"), field="document_id")
    filing_actions.file_with_office(current_user(request), obligation, payload.note)
    return _filing_out(FilingObligation.objects.select_related("document", "unit").get(pk=obligation.pk))


# ---------------------------------------------------------------- document numbers (art. 52)


@router.post(
    "/numbers/{number_id}/cancel",
    response={200: NumberOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="作废误取的发文字号并写明原因；字号仍占用，顺序号不回退（办公室工作人员）",
    description=(
        "作废已印发公文正在使用的字号，即撤回该文的印发：公文退回“已签发，待登记印发”（字号清空，重新印发时取下一个字号），"
        "各收文单位的分送标为已撤回、不再出现在收文箱中，并通知其负责人；所答复的来文恢复答复前的状态；"
        "“经同意”公文的报备事项和尚未公开的公开队列条目一并撤销，重新印发时重新生成。"
        "已归档、已在政府网站公开、或所答复的来文已归档的，拒绝作废（403）。"
    ),
)
def cancel(request: HttpRequest, number_id: int, payload: CancelIn) -> NumberOut:
    user = current_user(request)
    issued = IssuedNumber.objects.filter(pk=number_id).first()
    if issued is None:
        # only the office learns whether a number exists
        require(register_decision(user))
        raise HttpError(404, NUMBER_NOT_FOUND.format(id=number_id))
    return _number_out(cancel_issued_number(user, issued, payload.reason))


@router.get(
    "/numbers/cancelled",
    response={200: NumberPage, 403: RefusedOut, **READ_ERRORS},
    summary="已作废的发文字号及原因",
)
def cancelled_numbers(request: HttpRequest, paging: Query[Paging]) -> NumberPage:
    _readable(request)
    numbers = IssuedNumber.objects.filter(cancelled_at__isnull=False).order_by("-cancelled_at", "-id")
    count, rows = page_of(numbers, paging)
    return NumberPage(count=count, items=[_number_out(n) for n in rows])


__all__ = ["router"]
