"""The audit trail: read it (filtered, in sequence order, resumable with ``after_seq``) and verify
its hash chain.  Only administrators, the 秘书长 and the 办公室主任 may."""

from __future__ import annotations

from typing import Any

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
from zhengwu.audit.services import object_types
from zhengwu.audit.services import verify as verify_chain
from zhengwu.core.decisions import Decision, require
from zhengwu.org.rules import may_read_audit
from zhengwu.org.selectors import records_visible_to
from zhengwu.org.services import positions_of
from zhengwu.rulebook.services import rulebook_view

router = Router(tags=["audit"])


def _may_read(user: Any) -> Decision:
    try:
        citation = rulebook_view().cite("confidentiality")
    except LookupError:
        citation = None
    return may_read_audit(bool(user.is_superuser), positions_of(user), citation)


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
    summary="审计记录（系统管理员、秘书长、办公室主任）",
)
def records(request: HttpRequest, filters: Query[AuditFilter], paging: Query[Paging]) -> AuditPage:
    user = current_user(request)
    require(_may_read(user))
    rows = records_visible_to(user).filter(seq__gt=filters.after_seq).order_by("seq")
    if filters.action:
        rows = rows.filter(action=filters.action)
    if filters.object_type:
        rows = rows.filter(object_type__in=object_types(filters.object_type))
    if filters.object_id:
        rows = rows.filter(object_id=filters.object_id)
    count, page = page_of(rows, paging)
    return AuditPage(count=count, items=[audit_out(r) for r in page])


@router.post(
    "/audit/verify",
    response={200: VerifyOut, **WRITE_ERRORS},
    summary="校验审计链（SM3 哈希链与 HMAC-SM3 签章）",
)
def verify(request: HttpRequest) -> VerifyOut:
    user = current_user(request)
    require(_may_read(user))
    result = verify_chain()
    breach = result.breach
    return VerifyOut(
        ok=result.ok,
        checked=result.checked,
        breach=BreachOut(kind=breach.kind, seq=breach.seq, record_id=breach.record_id, message=breach.message)
        if breach
        else None,
    )
