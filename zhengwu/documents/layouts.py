"""A document as GB/T 9704-2012 prints it, read from the database: :func:`document_layout` builds
the plain :class:`~zhengwu.documents.render.Layout` the PDF and DOCX renderers take
(``actions.outgoing.layout_for`` is the entry point the pages, the API and the archive call).

份号 (公文条例 art. 9: 公文印制份数的顺序号; GB/T 9704 §7.2.1, six digits, top left).  Every delivery
(核发) has its copy number, 1…n in the order of the main and then the copied recipients
(``actions.outgoing.issue``).  A copy printed for a recipient — downloaded by that unit's staff or
from its inbox — carries that delivery's 份号.  The issuing side's download is the file copy (存档
本): it carries no 份号, unless the document is classified as a state secret (涉密公文应当标注份号),
when it is copy n + 1, after every delivered copy; deliveries are made once, at issue, so the number
is stable (deliveries withdrawn with a cancelled number are not counted: an issue again numbers its
copies afresh).  A document not yet issued (a preview) has no 份号.

密级 and 保密期限 (GB/T 9704 §7.2.2): 秘密/机密/绝密 with ★ and the period (``secrecy_period``),
e.g. 「秘密★1年」.  工作秘密 is not a level of state secrets; it is printed in the same place, without
a period.  (An installation holds nothing above its classification ceiling, art. 61.)

联合行文 (GB/T 9704 §7.2.3, §7.3.5): a joint document's mark shows every issuing body, the lead body
(the issuer) first and the co-issuers in the organization's order, one under another, with 「文件」 to
their right; each body signs, the lead body first.  The number is the lead body's.

A submission (来文) is laid out as the unit sent it: the unit's mark, its 发文字号 where the system
has one (a unit's own number for its 请示 is not kept here, so the line is left blank), the title,
主送, the text of its latest (the signed) version, and 签发人 on the right, as on every upward
document; the 版记 names the unit as 印发机关 on the day it was signed.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from zhengwu.documents.models import Classification, Delivery, Document, Flow, Urgency
from zhengwu.documents.render import Layout
from zhengwu.documents.selectors import latest_version
from zhengwu.org.models import UnitKind
from zhengwu.org.services import office_unit

MARK_WORD = "文件"
PREVIEW_NUMBER = "（未编号）"

#: How each 密级 is printed; 非密 prints nothing.
CLASSIFICATION_TEXT = {
    Classification.INTERNAL: "工作秘密",
    Classification.SECRET: "秘密",
    Classification.CONFIDENTIAL: "机密",
    Classification.TOP_SECRET: "绝密",
}
STATE_SECRETS = frozenset({Classification.SECRET, Classification.CONFIDENTIAL, Classification.TOP_SECRET})


def _name(unit: object) -> str:
    return str(getattr(unit, "name", ""))


def _signer(document: Document) -> str:
    """签发人 as printed: the name, and the office held for another when he signed acting for it
    (「张建华（代州长）」, arts. 6, 49), as recorded on the signature."""
    name = document.signer.name if document.signer else ""
    return f"{name}（代{document.signer_acting_for}）" if document.signer_acting_for else name


def copy_number(document: Document, delivery: Delivery | None = None) -> int | None:
    """The 份号 printed on ``document``: the delivery's, or the file copy's (see the module doc)."""
    if delivery is not None:
        if delivery.document_id != document.pk:
            raise ValueError(f"delivery {delivery.pk} is not a copy of document {document.pk}")
        return delivery.copy_number
    if document.flow != Flow.OUTGOING or document.issued_at is None:
        return None
    if document.classification in STATE_SECRETS:
        return document.deliveries.filter(withdrawn_at__isnull=True).count() + 1
    return None


def document_layout(document: Document, delivery: Delivery | None = None) -> Layout:
    """The document as GB/T 9704 lays it out: an outgoing document as issued (or as it will be),
    a submission as its unit sent it; ``delivery`` picks the recipient's copy (份号)."""
    issuer = document.issuer
    body = latest_version(document).body
    mains = "、".join(u.short_name or u.name for u in document.main_recipients.order_by("sort_order"))
    copies = tuple(u.short_name or u.name for u in document.copy_recipients.order_by("sort_order"))
    when = timezone.localtime(document.signed_at).date() if document.signed_at else timezone.localdate()
    classification = (
        CLASSIFICATION_TEXT.get(Classification(document.classification))
        if document.classification in Classification.values
        else None
    )
    period = document.secrecy_period.strip() if document.classification in STATE_SECRETS else ""
    common: dict[str, Any] = {
        "title": document.title,
        "body": [p.strip() for p in body.splitlines() if p.strip()],
        "date": when,
        "main_recipients": f"{mains}：" if mains else "",
        "urgency": str(Urgency(document.urgency).label) if document.urgency != Urgency.NORMAL else None,
        "classification": classification,
        "period": period or None,
        "copy_number": copy_number(document, delivery),
        "signers": (_signer(document),) if document.direction == "up" and document.signer else (),
        "copy_to": copies,
        "attachments": tuple(a.name for a in document.attachments.order_by("position")),
        "note": document.note or None,
    }
    if document.flow == Flow.SUBMISSION:
        return Layout(
            issuer_mark=f"{issuer.name}{MARK_WORD}",
            number=document.number,
            signature=issuer.name,
            printer=issuer.name,
            print_date=when,
            **common,
        )
    co_issuers = list(document.co_issuers.order_by("sort_order", "code")) if document.pk else []
    joint = [issuer.name, *(_name(u) for u in co_issuers if u.pk != issuer.pk)]
    issued = timezone.localtime(document.issued_at).date() if document.issued_at else when
    office = office_unit()
    government = issuer.kind in {UnitKind.GOVERNMENT, UnitKind.OFFICE}
    return Layout(
        issuer_mark=f"{issuer.name}{MARK_WORD}",
        joint_issuers=joint if len(joint) > 1 else (),
        co_signatures=joint[1:],
        number=document.number or PREVIEW_NUMBER,
        signature=issuer.name,
        printer=office.name if office and government else issuer.name,
        print_date=issued,
        **common,
    )
