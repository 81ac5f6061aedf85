"""Schemas shared by every area of the API: errors, decisions and citations, paging, people."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema

from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Decision
from zhengwu.org.rules import PositionFact

MAX_LIMIT = 200
DEFAULT_LIMIT = 50


# ---------------------------------------------------------------- errors


class ErrorOut(Schema):
    detail: str = Field(description="中文说明")


class CitationOut(Schema):
    rulebook: str = Field(description="规则代码，如 kizilsu-work-rules")
    article: int = Field(description="条")
    provision: str = Field(description="条款要点，如 leave.report")
    label: str = Field(description="《工作规则》第五十八条")


class DecisionOut(Schema):
    allowed: bool
    code: str
    message: str
    message_en: str = ""
    explanation: str = Field(description="说明及其依据：「…（《工作规则》第五十八条）」")
    citation: CitationOut | None = None


class RefusedOut(Schema):
    detail: str = Field(description="所有拒绝理由，以“；”连接")
    decisions: list[DecisionOut] = Field(default_factory=list)


class InvalidOut(Schema):
    detail: str | list[dict[str, Any]] = Field(
        description="中文说明（请求格式错误时为 ninja 的校验错误列表）"
    )
    field: str = Field("", description="出错的字段")


class UnknownYearOut(Schema):
    detail: str
    year: int


READ_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 409: ErrorOut, 422: InvalidOut}
WRITE_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 403: RefusedOut, 409: ErrorOut, 422: InvalidOut}


def decision_out(decision: Decision) -> DecisionOut:
    return DecisionOut.model_validate(decision.as_dict())


# ---------------------------------------------------------------- paging


class Paging(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"每页条数，最多{MAX_LIMIT}")
    offset: int = Field(0, ge=0, description="跳过的条数")


def page_of(queryset: QuerySet[Any], paging: Paging) -> tuple[int, list[Any]]:
    """``(count, rows)`` of one page of ``queryset``."""
    return queryset.count(), list(queryset[paging.offset : paging.offset + paging.limit])


# ---------------------------------------------------------------- organization


class PersonRef(Schema):
    id: int
    name: str


class PositionOut(Schema):
    id: int
    kind: str = Field(description="governor、vice_governor、unit_head、clerk…")
    title: str
    unit_id: int
    unit_kind: str
    unit_name: str


def position_out(fact: PositionFact) -> PositionOut:
    return PositionOut(
        id=fact.id,
        kind=fact.kind,
        title=fact.title,
        unit_id=fact.unit_id,
        unit_kind=fact.unit_kind,
        unit_name=fact.unit_name,
    )


# ---------------------------------------------------------------- audit


class AuditRecordOut(Schema):
    seq: int
    at: dt.datetime
    actor_id: int | None
    actor_name: str
    actor_position: str
    acting_for: str
    action: str
    summary: str
    object_type: str
    object_id: str
    object_repr: str
    rulebook: str
    article: int | None
    citation: str = Field(description="《工作规则》第五十八条")
    details: dict[str, Any]
    hash: str
    prev_hash: str


def audit_out(record: AuditRecord) -> AuditRecordOut:
    return AuditRecordOut.model_validate(record, from_attributes=True)
