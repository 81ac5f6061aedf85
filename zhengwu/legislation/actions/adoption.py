"""From a reviewed draft to a published document: the executive meeting's deliberation (an agenda
topic through :func:`zhengwu.meetings.actions.agenda.request_topic`, art. 24), signature per art. 49
and issue with a 发文字号 through the documents flow, publication on the portal, then filing,
post-evaluation and — for a successor — the predecessor's repeal or amendment."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.actions import copy_back
from zhengwu.core.decisions import InvalidInput
from zhengwu.core.i18n import _
from zhengwu.core.transitions import require_checks
from zhengwu.documents.actions.outgoing import carry_legal_review, draft_outgoing
from zhengwu.documents.models import DocType, Document
from zhengwu.legislation import rules, selectors
from zhengwu.legislation.actions.common import (
    current_version,
    draft_url,
    lock_draft,
    move,
    staff_of,
)
from zhengwu.legislation.models import DraftState, DraftVersion, NormativeDraft, NormativeKind
from zhengwu.legislation.selectors import is_government
from zhengwu.notices import services as notices
from zhengwu.org.models import Unit, UnitKind
from zhengwu.org.services import users_of
from zhengwu.portal.models import ItemKind
from zhengwu.portal.services import queue_for_publication
from zhengwu.rulebook.services import rulebook_of

REQUEST_TOPIC = "legislation.request_topic"
DELIBERATE = "legislation.deliberate"
PREPARE_DOCUMENT = "legislation.prepare_document"
RECORD_UNIT_ISSUE = "legislation.record_unit_issue"
PUBLISH = "legislation.publish"


@transaction.atomic
def request_topic(actor: AbstractBaseUser, draft: NormativeDraft) -> object:
    """Ask for the draft on the executive meeting's agenda (a government document, review passed)."""
    from zhengwu.meetings.actions.agenda import request_topic as meetings_request_topic

    d = lock_draft(draft)
    rb = rulebook_of(d)
    require_checks(*selectors.topic_checks(actor, d))
    version = current_version(d)
    topic = meetings_request_topic(
        actor,
        unit=d.drafting_unit,
        title=f"审议《{version.title}》",
        kind="executive",
        summary=f"{d.get_kind_display()}草案（第{version.number}稿），已经司法局合法性审查通过。",
        major_decision=d.major,
        subject=d,
    )
    d.topic_id = topic.pk
    d.save(update_fields=["topic_id"])
    audit.record(
        actor=actor,
        action=REQUEST_TOPIC,
        target=d,
        citation=rb.cite(rules.LEGALITY_REVIEW),
        summary=f"提请州人民政府常务会议审议《{d.title}》",
        details={"topic": topic.pk},
    )
    copy_back(draft, d)
    return topic


def _topic_meeting(d: NormativeDraft) -> tuple[str, dt.date] | None:
    if not d.topic_id:
        return None
    from zhengwu.meetings.models import Topic

    topic = Topic.objects.select_related("meeting").filter(pk=d.topic_id).first()
    if topic is None or topic.meeting is None:
        return None
    return topic.meeting.title, topic.meeting.date


@transaction.atomic
def record_deliberation(
    actor: AbstractBaseUser,
    draft: NormativeDraft,
    *,
    meeting_ref: str = "",
    held_on: dt.date | None = None,
    outcome: str = "原则通过",
) -> NormativeDraft:
    """集体审议 (art. 24): the executive meeting (recorded by the office) or the department's
    leadership meeting deliberated the reviewed draft.  A draft on a meeting's agenda takes that
    meeting's name and date."""
    d = lock_draft(draft)
    rb = rulebook_of(d)
    require_checks(*selectors.deliberate_checks(actor, d))
    from_topic = _topic_meeting(d)
    if from_topic is not None:
        meeting_ref, held_on = from_topic
    if not meeting_ref.strip():
        raise InvalidInput(_("请填写审议的会议（名称或届次）。"), field="meeting_ref")
    if held_on is None:
        raise InvalidInput(_("请填写会议日期。"), field="held_on")
    if held_on > timezone.localdate():
        raise InvalidInput(_("会议尚未召开，不能记录审议情况。"), field="held_on")
    d.meeting_ref, d.deliberated_on = meeting_ref.strip()[:120], held_on
    d.save(update_fields=["meeting_ref", "deliberated_on"])
    move(
        d,
        DraftState.DELIBERATED,
        actor,
        f"{d.meeting_ref}（{held_on.isoformat()}）审议：{outcome}",
        rb.cite(rules.LEGALITY_REVIEW),
    )
    audit.record(
        actor=actor,
        action=DELIBERATE,
        target=d,
        citation=rb.cite(rules.LEGALITY_REVIEW),
        summary=f"{d.meeting_ref}（{held_on.isoformat()}）审议《{d.title}》：{outcome}",
        details={"meeting": d.meeting_ref, "held_on": held_on.isoformat(), "outcome": outcome, "topic": d.topic_id},
    )
    return copy_back(draft, d)


def _recipients(d: NormativeDraft) -> list[Unit]:
    kinds = [UnitKind.COUNTY, UnitKind.DEPARTMENT, UnitKind.DIRECT_UNIT] if is_government(d) else [UnitKind.COUNTY]
    return list(Unit.objects.filter(kind__in=kinds).exclude(pk=d.issuer_id).order_by("sort_order"))


@transaction.atomic
def prepare_document(actor: AbstractBaseUser, draft: NormativeDraft) -> Document:
    """The deliberated text becomes an outgoing document (公文) for signature and issue: the
    government's by its office (signed by the 州长 after the 分管 leader's review, art. 49)."""
    d = lock_draft(draft)
    rb = rulebook_of(d)
    require_checks(*selectors.document_checks(actor, d))
    version = current_version(d)
    doc_type = DocType.ORDER if d.kind == NormativeKind.REGULATION else DocType.NOTICE
    doc = draft_outgoing(
        actor,
        d.issuer,
        doc_type,
        version.title,
        version.body,
        _recipients(d),
        signing_facts={"published_instrument": True, "concerned_units": [d.drafting_unit.code]},
    )
    review_provision = rules.SFJ_REVIEW if d.kind == NormativeKind.REGULATION else rules.LEGALITY_REVIEW
    passed = d.reviews.filter(version=version, passed=True).select_related("unit").order_by("-created_at", "-id")[0]
    carry_legal_review(
        doc,
        reviewer_id=passed.reviewer_id,
        reviewer_name=passed.reviewer_name,
        unit=passed.unit,
        text=f"草案第{version.number}稿经合法性审查通过：{passed.reasons}",
        rb_citation_label=rb.cite(review_provision).label,
    )
    d.document = doc
    d.save(update_fields=["document"])
    move(d, DraftState.SIGNING, actor, "转公文办理：审核、签发、登记印发", rb.cite(rules.LEGALITY_REVIEW))
    audit.record(
        actor=actor,
        action=PREPARE_DOCUMENT,
        target=d,
        citation=rb.cite(rules.LEGALITY_REVIEW),
        summary=f"《{d.title}》转公文办理（第{version.number}稿）",
        details={"document": doc.pk},
    )
    copy_back(draft, d)
    return doc


@transaction.atomic
def record_unit_issue(
    actor: AbstractBaseUser, draft: NormativeDraft, *, doc_number: str, written_on: dt.date
) -> NormativeDraft:
    """A department's normative document is signed and issued under its own rules (art. 49 does not
    say who signs it); its leaders record the 发文字号 and date."""
    d = lock_draft(draft)
    rb = rulebook_of(d)
    require_checks(*selectors.unit_issue_checks(actor, d))
    if not doc_number.strip():
        raise InvalidInput(_("请填写发文字号。"), field="doc_number")
    if written_on > timezone.localdate():
        raise InvalidInput(_("成文日期不能晚于今天。"), field="written_on")
    d.doc_number, d.written_on = doc_number.strip()[:60], written_on
    d.save(update_fields=["doc_number", "written_on"])
    move(d, DraftState.SIGNING, actor, f"印发：{d.doc_number}", rb.cite(rules.LEGALITY_REVIEW))
    audit.record(
        actor=actor,
        action=RECORD_UNIT_ISSUE,
        target=d,
        citation=rb.cite(rules.LEGALITY_REVIEW),
        summary=f"登记印发{d.doc_number}：《{d.title}》",
        details={"number": d.doc_number},
    )
    return copy_back(draft, d)


@transaction.atomic
def publish(actor: AbstractBaseUser, draft: NormativeDraft) -> NormativeDraft:
    """Publish the issued document on the portal (有效), open its filings and, for a regulation,
    its post-evaluation; a successor repeals or amends what it replaces."""
    from zhengwu.legislation.actions import after

    d = lock_draft(draft)
    rb = rulebook_of(d)
    require_checks(*selectors.publish_checks(actor, d))
    version: DraftVersion = current_version(d)
    if d.document_id:
        doc = Document.objects.get(pk=d.document_id)
        d.doc_number = doc.number
        d.written_on = timezone.localdate(doc.signed_at) if doc.signed_at else timezone.localdate(doc.issued_at)
    today = timezone.localdate()
    d.published_on, d.validity = today, "in_force"
    d.save(update_fields=["doc_number", "written_on", "published_on", "validity"])
    queue_for_publication(
        actor=actor,
        kind=ItemKind.NORMATIVE,
        title=version.title,
        counted_from=today,
        provision=rules.LEGALITY_REVIEW,
        source=d,
        body=version.body,
        issuing_unit=d.issuer,
        doc_number=d.doc_number,
        written_on=d.written_on,
        genre=d.get_kind_display(),
        category="规章和规范性文件",
        validity="in_force",
    )
    move(d, DraftState.PUBLISHED, actor, f"公布施行：{d.doc_number}", rb.cite(rules.LEGALITY_REVIEW))
    after.record_initial_validity(actor, d)
    audit.record(
        actor=actor,
        action=PUBLISH,
        target=d,
        citation=rb.cite(rules.LEGALITY_REVIEW),
        summary=f"公布{d.doc_number}《{d.title}》",
        details={"number": d.doc_number},
    )
    after.open_filings(actor, d)
    if d.kind == NormativeKind.REGULATION:
        after.schedule_evaluation(actor, d)
    if d.replaces_id:
        after.apply_succession(actor, d)
    notices.send(
        users_of(staff_of(d.drafting_unit)),
        f"已公布：{d.doc_number}《{d.title}》",
        "请按期报送备案。",
        rb.cite(rules.FILING),
        draft_url(d),
    )
    return copy_back(draft, d)
