"""Schemas shared by every area of the API: errors, decisions and citations, paging, people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar, Self

from django.db.models import QuerySet
from ninja import Field, Schema
from pydantic import model_validator

from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Decision
from zhengwu.org.rules import PositionFact
from zhengwu.workdays import dues

MAX_LIMIT = 200
DEFAULT_LIMIT = 50
MAX_OFFSET = 1_000_000_000  # a larger offset overflows the database's integers (a server error)


# ---------------------------------------------------------------- errors


class ErrorOut(Schema):
    detail: str = Field(description="中文说明")


class CitationOut(Schema):
    rulebook: str = Field(description="规则代码，如 kizilsu-work-rules")
    article: int = Field(description="条")
    provision: str = Field(description="条款要点，如 leave.report")
    label: str = Field(description="条款，形如《工作规则》第…条")


class DecisionOut(Schema):
    allowed: bool
    code: str
    message: str = Field(description="说明，按请求的语言（Accept-Language）")
    explanation: str = Field(description="说明及其依据：「…（《工作规则》第…条）」")
    citation: CitationOut | None = None


class RefusedOut(Schema):
    detail: str = Field(description="所有拒绝理由，以“；”连接")
    decisions: list[DecisionOut] = Field(default_factory=list)


class InvalidOut(Schema):
    detail: str | list[dict[str, Any]] = Field(description="中文说明（请求格式错误时为 ninja 的校验错误列表）")
    field: str = Field("", description="出错的字段")


class UnknownYearOut(Schema):
    detail: str
    year: int


READ_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 409: ErrorOut, 422: InvalidOut}
WRITE_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 403: RefusedOut, 409: ErrorOut, 422: InvalidOut}


def decision_out(decision: Decision) -> DecisionOut:
    return DecisionOut.model_validate(decision.as_dict())


class ActionOut(Schema):
    """One act on a record (a document, a petition …) and whether the caller may take it now: the
    same decisions the action asks (the area's ``selectors.available_actions``)."""

    name: str = Field(description="办理操作，如 sign、review、instruct（与各写接口对应）")
    allowed: bool = Field(description="调用者现在可否办理")
    code: str = Field(description="决定代码；不能办理的，为首个拒绝理由的代码")
    explanation: str = Field(description="可以办理的说明，或不能办理的理由及其依据")


def actions_out(offered: Mapping[str, Decision]) -> list[ActionOut]:
    """An area's ``available_actions`` as the API lists them, in the order a page offers them."""
    return [
        ActionOut(name=name, allowed=d.allowed, code=d.code, explanation=d.explanation) for name, d in offered.items()
    ]


# ---------------------------------------------------------------- paging


class Paging(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"每页条数，最多{MAX_LIMIT}")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description=f"跳过的条数，最多{MAX_OFFSET}")


def page_of(queryset: QuerySet[Any], paging: Paging) -> tuple[int, list[Any]]:
    """``(count, rows)`` of one page of ``queryset``."""
    return queryset.count(), list(queryset[paging.offset : paging.offset + paging.limit])


# ---------------------------------------------------------------- deadlines in a provisional year

PROVISIONAL = "该期限所在年度尚未公布放假安排：暂按法定节假日推算，公布后自动重算（为真时）"


def provisional_flag() -> Any:
    """The ``<field>_provisional`` of a deadline field ``<field>`` in a :class:`ProvisionalDues`."""
    return Field(default=False, description=PROVISIONAL)


class ProvisionalDues(Schema):
    """A response carrying deadlines.  Each boolean field ``<name>_provisional`` is filled from the
    deadline field ``<name>`` (a date, or an instant closing at 24:00 of its last day): true when it
    falls in a year whose holiday schedule is not yet published, so it may still move.
    ``provisional_note`` gives the sentence of the first such deadline (「暂按法定节假日推算，待公布
    2027年放假安排后自动重算」), else ""."""

    _dues: ClassVar[tuple[str, ...]] = ()

    provisional_note: str = Field(
        default="",
        description="如「暂按法定节假日推算，待公布2027年放假安排后自动重算」；期限均在已公布放假安排的年度时为空",
    )

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        flags = [n for n in cls.model_fields if n.endswith("_provisional")]
        missing = [n for n in flags if n.removesuffix("_provisional") not in cls.model_fields]
        if missing:
            raise TypeError(f"{cls.__name__}: {missing} name no deadline field")
        cls._dues = tuple(n.removesuffix("_provisional") for n in flags)

    @model_validator(mode="after")
    def _mark_provisional(self) -> Self:
        found = ""
        for name in self._dues:
            value = getattr(self, name)
            flagged = dues.is_provisional(value)
            setattr(self, f"{name}_provisional", flagged)
            if flagged and not found:
                found = dues.note(value)
        self.provisional_note = found
        return self


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
    citation: str = Field(description="条款，形如《工作规则》第…条")
    details: dict[str, Any]
    hash: str
    prev_hash: str


def audit_out(record: AuditRecord) -> AuditRecordOut:
    return AuditRecordOut.model_validate(record, from_attributes=True)
