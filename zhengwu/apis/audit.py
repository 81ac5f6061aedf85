"""The audit trail: read it (filtered, in sequence order, resumable with ``after_seq``), export it
and verify its hash chain.  Only the audit administrator, the 秘书长 and the 办公室主任 may; the
system and security administrators are refused (三权分立, :func:`zhengwu.org.rules.may_read_audit`)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from zhengwu.apis.auth import current_user
from zhengwu.apis.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    AuditRecordOut,
    Paging,
    RefusedOut,
    audit_out,
    page_of,
)
from zhengwu.audit.models import AuditRecord
from zhengwu.audit.services import object_types
from zhengwu.org import audit_trail
from zhengwu.org.selectors import records_visible_to

router = Router(tags=["audit"])


class AuditPage(Schema):
    count: int
    items: list[AuditRecordOut]


class BreachOut(Schema):
    kind: str = Field(description="edited、inserted、deleted、reordered、truncated 或 head")
    seq: int
    record_id: int | None
    message: str


class VerifyOut(Schema):
    ok: bool
    checked: int
    breach: BreachOut | None


class AuditFilter(Schema):
    action: str = Field("", description="操作，如 org.absence.report")
    object_type: str = Field("", description="对象类型，如 org.absence")
    object_id: str = Field("", description="对象编号")
    after_seq: int = Field(0, ge=0, description="只返回序号大于此数的记录（增量同步）")


@router.get(
    "/audit/records",
    response={200: AuditPage, 403: RefusedOut, **READ_ERRORS},
    summary="审计记录（安全审计员、秘书长、办公室主任）",
)
def records(request: HttpRequest, filters: Query[AuditFilter], paging: Query[Paging]) -> AuditPage:
    user = current_user(request)
    audit_trail.require_reader(user)
    count, page = page_of(_rows(user, filters), paging)
    return AuditPage(count=count, items=[audit_out(r) for r in page])


def _rows(user: AbstractBaseUser, filters: AuditFilter) -> QuerySet[AuditRecord]:
    """The records ``user`` may read (need to know: an area may withhold some, :mod:`zhengwu.audit.visibility`)."""
    rows = records_visible_to(user).filter(seq__gt=filters.after_seq).order_by("seq")
    if filters.action:
        rows = rows.filter(action=filters.action)
    if filters.object_type:
        rows = rows.filter(object_type__in=object_types(filters.object_type))
    if filters.object_id:
        rows = rows.filter(object_id=filters.object_id)
    return rows


class AuditExportOut(AuditRecordOut):
    hash_alg: str
    seal_alg: str
    seal: str


class ExportOut(Schema):
    count: int
    items: list[AuditExportOut]


@router.post(
    "/audit/export",
    response={200: ExportOut, **WRITE_ERRORS},
    summary="导出审计记录（含哈希与签章；导出本身记入审计记录）",
)
def export(request: HttpRequest, filters: Query[AuditFilter]) -> ExportOut:
    """Every record that matches, with its hash and seal, at once (``after_seq`` resumes); the
    export is an act of its own, recorded in the trail."""
    user = current_user(request)
    records = audit_trail.export(user, _rows(user, filters), filters.model_dump(exclude_defaults=True))
    return ExportOut(
        count=len(records), items=[AuditExportOut.model_validate(r, from_attributes=True) for r in records]
    )


@router.post(
    "/audit/verify",
    response={200: VerifyOut, **WRITE_ERRORS},
    summary="校验审计链（SM3 哈希链与 HMAC-SM3 签章）",
)
def verify(request: HttpRequest) -> VerifyOut:
    result = audit_trail.verify_trail(current_user(request))
    breach = result.breach
    return VerifyOut(
        ok=result.ok,
        checked=result.checked,
        breach=BreachOut(kind=breach.kind, seq=breach.seq, record_id=breach.record_id, message=breach.message)
        if breach
        else None,
    )
