"""The office's work on its records: who may read the registers and the overdue filings, and
cancelling a document number (作废发文字号, with its audit record).

Cancelling the number of an issued document withdraws its issue (撤回印发, art. 52: documents are
registered, numbered and distributed online): the document goes back to 已签发 with its number
cleared, so it can be issued again and take the next number; the cancelled number stays taken, in
the register of cancelled numbers with its reason, and is never given out again.  Its deliveries
are marked withdrawn and leave the recipients' inboxes, whose heads are told why.  With the issue
go what the issue opened: the art. 49 filing obligation of a 「经同意」 document (and its timers)
and an entry of the publication queue that has not been published; both are opened again when the
document is issued again.  A reply's request that this reply marked 已答复 goes back to the state it
had before.  Refused (:func:`zhengwu.documents.rules.records.may_withdraw_issue`) when the document
is archived (art. 53), when the portal has published it, or when the request it answered is archived.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Citation, Decision, require
from zhengwu.documents.actions import filing
from zhengwu.documents.actions.common import lock_document
from zhengwu.documents.actions.outgoing import ANSWERED
from zhengwu.documents.models import (
    ArchivePackage,
    Delivery,
    DocState,
    Document,
    FilingObligation,
    IssuedNumber,
)
from zhengwu.documents.numbering import cancel_number, checked_reason, number_text, require_cancellable
from zhengwu.documents.rules.records import IssueFacts, may_handle_records, may_read_registers, may_withdraw_issue
from zhengwu.notices import services as notices
from zhengwu.org.models import Person
from zhengwu.org.rules import Authority, UnitKind
from zhengwu.org.services import office_unit, positions_of, users_of, who_holds
from zhengwu.rulebook.services import rulebook_of, rulebook_view
from zhengwu.timers import services as timers

REGISTER_PROVISION = "confidentiality"  # art. 61: access to documents
NUMBER_PROVISION = "documents.paperless"  # art. 52: registration and numbering
FILING_PROVISION = "signing.agreed_document"  # art. 49: 「经同意」 documents are filed with the office
CANCEL_NUMBER = "documents.number.cancel"
WITHDRAW_ISSUE = "documents.outgoing.withdraw_issue"
ANSWER_WITHDRAWN = "documents.outgoing.answer_withdrawn"


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
    """The office's staff void a document number, with the reason (art. 52): the number stays
    taken, the sequence never goes back, and the audit trail says who, when and why.  If the
    number is the one an issued document carries, its issue is withdrawn (see the module doc)."""
    locked = IssuedNumber.objects.select_for_update(of=("self",)).get(pk=issued.pk)
    citation = _cite(NUMBER_PROVISION)
    require(may_handle_records(positions_of(user), office_id(), citation, "作废发文字号"))
    reason = checked_reason(reason)
    require_cancellable(locked, cancelled=locked.cancelled_at is not None)
    text = number_text(locked)
    withdrawn: dict[str, Any] | None = None
    if locked.document_id is not None and locked.cancelled_at is None:
        doc = lock_document(Document(pk=locked.document_id), archived_ok=True)  # the rule says why not
        if doc.state == DocState.ISSUED and doc.number == text:
            withdrawn = _withdraw_issue(user, doc, text, reason)
    cancel_number(locked, reason)
    audit.record(
        actor=user,
        action=CANCEL_NUMBER,
        target=locked,
        citation=citation,
        summary=f"作废发文字号{text}：{locked.cancel_reason}" + ("，撤回该文的印发" if withdrawn else ""),
        details={
            "number": text,
            "prefix": locked.prefix,
            "year": locked.year,
            "serial": locked.serial,
            "document": locked.document_id,
            "reason": locked.cancel_reason,
            "withdrawn_issue": withdrawn is not None,
        },
    )
    issued.cancelled_at, issued.cancel_reason = locked.cancelled_at, locked.cancel_reason
    return issued


# ---------------------------------------------------------------- withdrawing the issue


def _portal_item(doc: Document) -> Any:
    """The document's entry in the publication queue (主动公开), locked, or ``None``."""
    from django.contrib.contenttypes.models import ContentType

    from zhengwu.portal.models import ItemKind, PublicationItem

    return (
        PublicationItem.objects.select_for_update(of=("self",))
        .filter(source_type=ContentType.objects.get_for_model(Document), source_id=doc.pk, kind=ItemKind.DOCUMENT)
        .first()
    )


def _publication_cited(item: Any) -> bool:
    """Whether another portal item points at ``item`` (an interpretation, a validity change)."""
    from zhengwu.portal.models import PublicationItem, ValidityEvent

    return (
        ValidityEvent.objects.filter(related=item).exists() or PublicationItem.objects.filter(interprets=item).exists()
    )


def _request_to_reopen(reply: Document) -> Document | None:
    """The request ``reply`` marked 已答复, locked, if withdrawing the reply reopens it: it is still
    已答复 and no other issued reply answers it."""
    if reply.replies_to_id is None:
        return None
    request = Document.objects.select_for_update(of=("self",)).get(pk=reply.replies_to_id)
    if request.state != DocState.ANSWERED:
        return None
    if Document.objects.filter(replies_to_id=request.pk, state=DocState.ISSUED).exclude(pk=reply.pk).exists():
        return None
    return request


def _state_before_answer(request: Document, reply: Document) -> str:
    """The state ``request`` had before ``reply`` answered it (recorded with the answer; 已批示 for
    answers recorded before that was kept)."""
    records = AuditRecord.objects.filter(
        action=ANSWERED, object_type=Document._meta.label_lower, object_id=str(request.pk)
    ).order_by("-seq")
    for record in records:
        details = record.details if isinstance(record.details, dict) else {}
        if details.get("reply") == reply.pk:
            before = details.get("from_state")
            if before in DocState.values and before != DocState.ANSWERED:
                return str(before)
            break
    return DocState.INSTRUCTED


def _withdraw_issue(user: AbstractBaseUser, doc: Document, number: str, reason: str) -> dict[str, Any]:
    """Withdraw the issue of ``doc`` (locked, issued under ``number``); returns what was undone."""
    from zhengwu.portal.models import ItemState

    rb = rulebook_of(doc)
    item = _portal_item(doc)
    published = item is not None and item.state == ItemState.PUBLISHED
    request = _request_to_reopen(doc)
    facts = IssueFacts(
        number=number,
        title=doc.title,
        archived=ArchivePackage.objects.filter(document_id=doc.pk).exists(),
        published_index=(item.index_number or "未编号") if published else "",
        published_on=timezone.localdate(item.published_at) if published and item.published_at else None,
        publication_cited=item is not None and item.state == ItemState.QUEUED and _publication_cited(item),
        request_title=request.title if request is not None else "",
        request_archived=request is not None and ArchivePackage.objects.filter(document_id=request.pk).exists(),
    )
    decisions = may_withdraw_issue(facts, rb)
    require(*decisions)
    now = timezone.now()
    deliveries = list(doc.deliveries.filter(withdrawn_at__isnull=True).select_related("unit").order_by("copy_number"))
    Delivery.objects.filter(pk__in=[d.pk for d in deliveries]).update(withdrawn_at=now, withdrawn_reason=reason)
    doc.state, doc.number, doc.issued_at = DocState.SIGNED, "", None
    doc.save(update_fields=["state", "number", "issued_at"])
    undone: dict[str, Any] = {
        "number": number,
        "reason": reason,
        "deliveries": [
            {"id": d.pk, "unit": d.unit.code, "copy_number": d.copy_number, "received": d.received_at is not None}
            for d in deliveries
        ],
    }
    obligation = FilingObligation.objects.filter(document_id=doc.pk).first()
    if obligation is not None:  # opened again, with a new due day, when the document is issued again
        timers.cancel(filing.remind_key(obligation))
        timers.cancel(filing.overdue_key(obligation))
        undone["filing"] = {
            "id": obligation.pk,
            "state": obligation.state,
            "due": obligation.due.isoformat(),
            "filed_at": obligation.filed_at.isoformat() if obligation.filed_at else None,
        }
        obligation.delete()
    unqueued = item is not None and item.state == ItemState.QUEUED
    if unqueued:  # queued again, with the new number, when the document is issued again
        undone["publication"] = {"id": item.pk, "due_on": item.due_on.isoformat()}
        item.delete()
    citation = decisions[0].citation
    if request is not None:
        before = _state_before_answer(request, doc)
        request.state = before
        request.save(update_fields=["state"])
        undone["request"] = {"id": request.pk, "state": before}
        audit.record(
            actor=user,
            action=ANSWER_WITHDRAWN,
            target=request,
            citation=citation,
            summary=f"答复{number}已撤回（发文字号作废：{reason}），恢复为“{DocState(before).label}”：{request.title}",
            details={"reply": doc.pk, "number": number, "state": before},
        )
    audit.record(
        actor=user,
        action=WITHDRAW_ISSUE,
        target=doc,
        citation=citation,
        summary=f"作废发文字号{number}，撤回印发，{len(deliveries)}个单位的来文一并撤回：{reason}",
        details=undone,
    )
    label = f"{number}《{doc.title}》"
    heads = [who_holds(Authority("head", d.unit_id)) for d in deliveries]
    notices.send(
        users_of(heads),
        f"来文撤回：{label}",
        f"该文的发文字号已作废，原印发撤回，已从收文箱中撤出，请勿再据此办理。原因：{reason}",
        citation,
    )
    drafting_unit = office_id() if doc.issuer.kind == UnitKind.GOVERNMENT else doc.issuer_id
    issuing_side = [
        Person.objects.filter(user_id=doc.created_by_id).first(),
        who_holds(Authority("head", drafting_unit)) if drafting_unit else None,
    ]
    notices.send(
        [u for u in users_of(issuing_side) if u.pk != user.pk],
        f"发文字号作废、撤回印发：{label}",
        f"公文已退回“已签发，待登记印发”，重新印发时取下一个发文字号。原因：{reason}",
        citation,
    )
    if unqueued:
        from zhengwu.portal.actions import disclosure_staff

        notices.send(
            [u for u in disclosure_staff(timezone.localdate(now)) if u.pk != user.pk],
            f"撤出公开队列：{label}",
            f"发文字号作废、印发撤回，不再按此文号公开；重新印发后重新列入公开队列。原因：{reason}",
            citation,
        )
    return undone
