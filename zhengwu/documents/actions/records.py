"""The office's work on its records: who may read the registers and the overdue filings, and
cancelling a document number taken by mistake (with its audit record)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.decisions import Citation, Decision, require
from zhengwu.documents.models import IssuedNumber
from zhengwu.documents.numbering import cancel_number, number_text
from zhengwu.documents.rules.records import may_handle_records, may_read_registers
from zhengwu.org.services import office_unit, positions_of
from zhengwu.rulebook.services import rulebook_view

REGISTER_PROVISION = "confidentiality"  # art. 61: access to documents
NUMBER_PROVISION = "documents.paperless"  # art. 52: registration and numbering
FILING_PROVISION = "signing.agreed_document"  # art. 49: 「经同意」 documents are filed with the office
CANCEL_NUMBER = "documents.number.cancel"


def office_id() -> int | None:
    office = office_unit()
    return office.pk if office else None


def _cite(provision: str) -> Citation | None:
    try:
        return rulebook_view(timezone.localdate()).cite(provision)
    except LookupError:
        return None


def register_decision(user: AbstractBaseUser) -> Decision:
    return may_read_registers(positions_of(user), office_id(), _cite(REGISTER_PROVISION))


def overdue_decision(user: AbstractBaseUser) -> Decision:
    return may_handle_records(positions_of(user), office_id(), _cite(FILING_PROVISION), "查看逾期未报备的公文")


@transaction.atomic
def cancel_issued_number(user: AbstractBaseUser, issued: IssuedNumber, reason: str) -> IssuedNumber:
    """The office's staff void a document number taken by mistake, with the reason (art. 52): the
    number stays taken, the sequence never goes back, and the audit trail says who, when and why."""
    locked = IssuedNumber.objects.select_for_update(of=("self",)).select_related("document").get(pk=issued.pk)
    citation = _cite(NUMBER_PROVISION)
    require(may_handle_records(positions_of(user), office_id(), citation, "作废发文字号"))
    cancel_number(locked, reason)
    text = number_text(locked)
    audit.record(
        actor=user, action=CANCEL_NUMBER, target=locked, citation=citation,
        summary=f"作废发文字号{text}：{locked.cancel_reason}",
        details={"number": text, "prefix": locked.prefix, "year": locked.year, "serial": locked.serial,
                 "document": locked.document_id, "reason": locked.cancel_reason},
    )
    issued.cancelled_at, issued.cancel_reason = locked.cancelled_at, locked.cancel_reason
    return issued
