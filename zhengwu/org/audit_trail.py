"""The whole audit trail as its readers use it: read, export, verify (三权分立, GB/T 22239-2019 8.1.5).

The trail (:mod:`zhengwu.audit`) sits below the organization and knows nobody's seat; who may read it
is :func:`zhengwu.org.rules.may_read_audit`: the audit administrator, the 秘书长 and the 办公室主任,
never the system or security administrator, whose work it records.  The pages, the API and the
command line ask :func:`read_checks` and call the acts here.

Reading a page of the trail writes nothing (each page read would lengthen the trail it shows);
exporting it and verifying it are acts, each recorded in the trail itself, so the audit
administrator's own acts are there for the next reader.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet

from zhengwu.audit import services as audit
from zhengwu.audit.chain import VerifyResult
from zhengwu.audit.models import AuditRecord
from zhengwu.audit.services import verify
from zhengwu.core.decisions import Citation, Decision
from zhengwu.core.transitions import require_checks
from zhengwu.org import rules
from zhengwu.org.services import positions_of
from zhengwu.rulebook.services import rulebook_view

#: The columns of an export, in order: the record as stored, hash and seal included, so that an
#: export can be checked against the chain.
EXPORT_FIELDS = (
    "seq",
    "at",
    "actor_name",
    "actor_position",
    "acting_for",
    "action",
    "summary",
    "object_type",
    "object_id",
    "object_repr",
    "rulebook",
    "article",
    "citation",
    "details",
    "hash_alg",
    "prev_hash",
    "hash",
    "seal_alg",
    "seal",
)


def _cite(*provisions: str) -> list[Citation | None]:
    """The citations in the rulebook in force, or None while no version can answer (the trail stays
    readable to its readers while the rulebook is being repaired)."""
    try:
        rb = rulebook_view()
    except LookupError:
        return [None for _provision in provisions]
    return [rb.find(p) for p in provisions]


def read_checks(actor: AbstractBaseUser) -> list[Decision]:
    """Whether ``actor`` may read, export and verify the whole trail."""
    confidentiality, separation = _cite("confidentiality", rules.SEPARATION)
    return [rules.may_read_audit(positions_of(actor), confidentiality, separation)]


def require_reader(actor: AbstractBaseUser) -> None:
    """Refuses (403, recorded as a refusal) anyone :func:`read_checks` refuses."""
    require_checks(*read_checks(actor))


def export_row(record: AuditRecord) -> dict[str, Any]:
    return {name: getattr(record, name) for name in EXPORT_FIELDS}


@transaction.atomic
def export(actor: AbstractBaseUser, rows: QuerySet[AuditRecord], filters: Mapping[str, Any]) -> list[AuditRecord]:
    """The records of ``rows`` in chain order, for a file; the export is itself recorded (who, which
    filters, how many, up to which record)."""
    require_reader(actor)
    records = list(rows.order_by("seq"))
    audit.record(
        actor=actor,
        action="audit.export",
        summary=f"导出审计记录{len(records)}条",
        citation=_cite("confidentiality")[0],
        details={
            "filters": {k: v for k, v in filters.items() if v},
            "count": len(records),
            "first_seq": records[0].seq if records else None,
            "last_seq": records[-1].seq if records else None,
        },
    )
    return records


@transaction.atomic
def verify_trail(actor: AbstractBaseUser) -> VerifyResult:
    """Check the hash chain and its seals (and anchors), then record who checked and what they found."""
    require_reader(actor)
    result = verify()
    breach = result.breach
    audit.record(
        actor=actor,
        action="audit.verify",
        summary=f"校验审计链：{'完整' if result.ok else '被破坏'}（{result.checked}条）",
        citation=_cite("confidentiality")[0],
        details={"ok": result.ok, "checked": result.checked, "breach": breach.kind if breach else ""},
    )
    return result
