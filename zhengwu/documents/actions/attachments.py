"""附件: adding and removing the files that belong to a document while its text may still change.

Files go through Django's storage API (object storage can replace the disk) with their SM3, and
each change is audited.  A removed attachment's file is kept in storage, so nothing a user
uploaded is ever lost; the audit record says where it is.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.decisions import Decision, InvalidInput, require
from zhengwu.core.hashing import sm3_of_file
from zhengwu.core.i18n import _
from zhengwu.core.uploads import check_upload
from zhengwu.documents.actions.common import lock_document
from zhengwu.documents.models import Attachment, DocState, Document, Flow
from zhengwu.documents.rules import intake as intake_rules
from zhengwu.documents.rules import outgoing as outgoing_rules
from zhengwu.documents.selectors import unit_ref
from zhengwu.org.services import office_unit, positions_of
from zhengwu.rulebook.services import rulebook_of

# While the text may change: a submission before it is sent (or once returned); an outgoing
# document until it is signed (after signature the signed text, attachments included, is frozen).
CHANGEABLE = {
    Flow.SUBMISSION: (DocState.DRAFT, DocState.RETURNED),
    Flow.OUTGOING: (DocState.DRAFT, DocState.REVIEWING, DocState.AWAITING_SIGNATURE),
}


def _may_change(actor: AbstractBaseUser, doc: Document, what: str) -> list[Decision]:
    rb = rulebook_of(doc)
    positions = positions_of(actor)
    if doc.flow == Flow.OUTGOING:
        office = office_unit()
        drafter = outgoing_rules.may_draft(positions, unit_ref(doc.issuer), office.pk if office else None, rb)
    else:
        drafter = intake_rules.may_draft(positions, unit_ref(doc.issuer), rb)
    state = intake_rules.check_state(
        doc.state, CHANGEABLE[Flow(doc.flow)], str(DocState(doc.state).label), what, "documents.paperless", rb
    )
    return [drafter, state]


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


@transaction.atomic
def add_attachment(actor: AbstractBaseUser, document: Document, name: str, upload: File[bytes]) -> Attachment:
    doc = lock_document(document)
    require(*_may_change(actor, doc, "增加附件"))
    size = upload.size or 0
    if size == 0:
        raise InvalidInput(_("附件文件是空的，请重新选择文件。"), field="file")
    limit = settings.ZHENGWU_ATTACHMENT_MAX_BYTES
    if size > limit:
        raise InvalidInput(
            _(
                "附件不能超过{megabytes}，本文件为{megabytes2}。",
                megabytes=_megabytes(limit),
                megabytes2=_megabytes(size),
            ),
            field="file",
        )
    check_upload(upload)  # by content: accepted kinds only, extension agrees, bounded when inflated
    title = (name or upload.name or "").strip()
    if not title:
        raise InvalidInput(_("请填写附件名称。"), field="name")
    position = (doc.attachments.aggregate(m=Max("position"))["m"] or 0) + 1
    digest = sm3_of_file(upload)
    attachment = Attachment(
        document=doc,
        position=position,
        name=title[:200],
        size=size,
        sm3=digest,
        uploaded_by_id=actor.pk,
        uploaded_at=timezone.now(),
    )
    attachment.file.save(upload.name or f"attachment-{position}", ContentFile(upload.read()), save=False)
    attachment.save()
    audit.record(
        actor=actor,
        action="documents.attachment.add",
        target=doc,
        citation=rulebook_of(doc).cite("documents.paperless"),
        summary=f"增加附件{position}：{attachment.name}（{size}字节）",
        details={
            "attachment": attachment.pk,
            "name": attachment.name,
            "path": attachment.file.name,
            "size": size,
            "sm3": digest,
        },
    )
    return attachment


@transaction.atomic
def remove_attachment(actor: AbstractBaseUser, attachment: Attachment) -> None:
    doc = lock_document(attachment.document)
    require(*_may_change(actor, doc, "删除附件"))
    audit.record(
        actor=actor,
        action="documents.attachment.remove",
        target=doc,
        citation=rulebook_of(doc).cite("documents.paperless"),
        summary=f"删除附件{attachment.position}：{attachment.name}（文件仍保存在{attachment.file.name}）",
        details={"name": attachment.name, "path": attachment.file.name, "sm3": attachment.sm3},
    )
    attachment.delete()
