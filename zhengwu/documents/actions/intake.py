"""Actions of incoming documents (收文): a county or a department drafts, signs and submits a
document to the government; the office receives, registers and checks it (arts. 48, 52), returns
it on the grounds art. 52 gives (:func:`office_return`), writes its handling opinion and sends it
up (art. 51); leaders pass it on or instruct on it.

Two facts of a submission live in ``Document.signing_facts`` (a submission has no art. 49
outgoing facts; see :data:`INTAKE_FACTS`): ``leader_assignment``, the 批示 or the document a
leader assigned that a document addressed to that leader answers (``{"opinion": id}`` or
``{"document": id}``), and ``skip_level_reason``, the special circumstance a unit states for
skipping a level.  ``Document.answers_leader_assignment`` mirrors whether an assignment is named.

Each action locks the document, asks the rules in :mod:`zhengwu.documents.rules.intake`, writes,
records the audit entry (citing the provision) and sends the notices, in one transaction.  The
whole history — versions, return opinions, 拟办, 批示 — stays on the one document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.actions import copy_back
from zhengwu.core.decisions import Decision, InvalidInput, require
from zhengwu.core.i18n import _
from zhengwu.documents import selectors
from zhengwu.documents.actions.common import (
    actor_person,
    add_opinion,
    latest_version,
    lock_document,
)
from zhengwu.documents.models import (
    Classification,
    Direction,
    DocState,
    DocType,
    Document,
    DocumentVersion,
    Flow,
    Opinion,
    OpinionKind,
    Urgency,
)
from zhengwu.documents.rules import intake as rules
from zhengwu.documents.rules.intake import SubmissionFacts
from zhengwu.documents.selectors import (
    ASSIGNMENT_KEY,
    SKIP_LEVEL_KEY,
    issuer_head,
    leader_ref,
    person_ref,
    routed_to,
    submission_facts,
    unit_ref,
)
from zhengwu.documents.services import document_visible_to
from zhengwu.notices import services as notices
from zhengwu.org.models import Appointment, Person, PositionKind, Unit
from zhengwu.org.rules import Authority
from zhengwu.org.services import office_unit, person_of, positions_of, users_of, who_holds
from zhengwu.rulebook.services import rulebook_of, version_in_force, view_of

CREATE = "documents.intake.create"
REVISE = "documents.intake.revise"
SUBMIT = "documents.intake.submit"
RESUBMIT = "documents.intake.resubmit"
RECEIVE = "documents.intake.receive"
CHECK_PASSED = "documents.intake.check_passed"
RETURN = "documents.intake.return"
OFFICE_RETURN = "documents.intake.office_return"
OFFICE_OPINION = "documents.intake.office_opinion"
TRANSFER = "documents.intake.pass_on"
INSTRUCT = "documents.intake.instruct"

INTAKE_FACTS = (ASSIGNMENT_KEY, SKIP_LEVEL_KEY)
SKIP_REASON_MAX = 300
INTAKE_DUTY = "文电"


class _Keep(Enum):
    KEEP = "keep"


KEEP = _Keep.KEEP


@dataclass(frozen=True)
class IntakeCheck:
    """The outcome of 初审: every check with its article, and whether the document was returned."""

    document: Document
    decisions: tuple[Decision, ...]

    @property
    def passed(self) -> bool:
        return all(d.allowed for d in self.decisions)

    @property
    def reasons(self) -> list[str]:
        return [d.explanation for d in self.decisions if not d.allowed]


# ---------------------------------------------------------------- reading the facts


def assignment_ref(actor: AbstractBaseUser, target: Opinion | Document | None) -> dict[str, int] | None:
    """What ``signing_facts["leader_assignment"]`` keeps for ``target``: a 批示 (an instruction
    opinion) or a document, which the drafter must be able to read (art. 61)."""
    if target is None:
        return None
    if isinstance(target, Opinion):
        if target.kind != OpinionKind.INSTRUCTION:
            raise InvalidInput(
                _("所注明的交办依据应当是领导同志的批示。"),
                field="assignment_opinion",
            )
        if not document_visible_to(actor, target.document):
            raise InvalidInput(_("没有编号为{pk}的批示，或您无权查看。", pk=target.pk), field="assignment_opinion")
        return {"opinion": target.pk}
    if not document_visible_to(actor, target):
        raise InvalidInput(_("没有编号为{pk}的公文，或您无权查看。", pk=target.pk), field="assignment_document")
    return {"document": target.pk}


def _clean_skip_reason(reason: str) -> str:
    text = " ".join(reason.split())
    if len(text) > SKIP_REASON_MAX:
        raise InvalidInput(
            _("越级行文的理由不能超过{SKIP_REASON_MAX}字。", SKIP_REASON_MAX=SKIP_REASON_MAX), field="skip_level_reason"
        )
    return text


def _intake_facts(current: dict[str, Any], assignment: dict[str, int] | None, skip_reason: str) -> dict[str, Any]:
    facts = {k: v for k, v in current.items() if k not in INTAKE_FACTS}
    if assignment:
        facts[ASSIGNMENT_KEY] = assignment
    if skip_reason:
        facts[SKIP_LEVEL_KEY] = skip_reason
    return facts


def _office_intake_people(day: dt.date) -> list[Person]:
    """Who hears of a new submission: the office's 文电 clerks and the 办公室主任."""
    office = office_unit()
    if office is None:
        return []
    holding = (
        Appointment.objects.filter(position__unit=office, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .filter(
            Q(position__kind=PositionKind.OFFICE_DIRECTOR)
            | Q(position__kind=PositionKind.CLERK, position__duties__contains=INTAKE_DUTY)
        )
    )
    return list(Person.objects.filter(pk__in=holding.values("person_id")).select_related("user"))


# ---------------------------------------------------------------- input


def _clean_items(request_items: Sequence[str]) -> list[str]:
    if isinstance(request_items, str) or not all(isinstance(i, str) for i in request_items):
        raise InvalidInput(_("请示事项应当逐项填写。"), field="request_items")
    return [i.strip() for i in request_items if i.strip()]


def _validate(
    title: str,
    doc_type: str,
    classification: str,
    urgency: str,
    main_recipients: Sequence[Unit],
    copy_recipients: Sequence[Unit],
) -> None:
    if not title.strip():
        raise InvalidInput(_("请填写公文标题。"), field="title")
    if doc_type not in DocType.values:
        raise InvalidInput(_("无法识别的文种“{doc_type}”。", doc_type=doc_type), field="doc_type")
    if classification not in Classification.values:
        raise InvalidInput(
            _("无法识别的密级“{classification}”。", classification=classification), field="classification"
        )
    if urgency not in Urgency.values:
        raise InvalidInput(_("无法识别的紧急程度“{urgency}”。", urgency=urgency), field="urgency")
    if not main_recipients:
        raise InvalidInput(_("请选择主送机关。"), field="main_recipients")
    if {u.pk for u in main_recipients} & {u.pk for u in copy_recipients}:
        raise InvalidInput(_("同一机关不能既主送又抄送。"), field="copy_recipients")


# ---------------------------------------------------------------- the issuing unit


@transaction.atomic
def create_submission(
    actor: AbstractBaseUser,
    issuer: Unit,
    doc_type: str,
    title: str,
    body: str,
    request_items: Sequence[str],
    main_recipients: Sequence[Unit],
    copy_recipients: Sequence[Unit] = (),
    addressed_person: Person | None = None,
    leader_assignment: Opinion | Document | None = None,
    classification: str = "none",
    urgency: str = "normal",
    skip_level_reason: str = "",
) -> Document:
    """Staff of ``issuer`` draft a document to the government: DRAFT, with version 1.

    A document addressed to a leader personally names the leader's assignment it answers
    (``leader_assignment``: the 批示, or the document the leader gave); one that skips a level
    states the special circumstance (``skip_level_reason``).  初审 checks both against the record."""
    today = timezone.localdate()
    _validate(title, doc_type, classification, urgency, main_recipients, copy_recipients)
    items = _clean_items(request_items)
    skip_reason = _clean_skip_reason(skip_level_reason)
    assignment = assignment_ref(actor, leader_assignment)
    version = version_in_force(today)
    rb = view_of(version)
    issuer_ref = unit_ref(issuer)
    kind = SubmissionFacts(doc_type, str(DocType(doc_type).label), Direction.UPWARD, issuer_ref, (), ())
    require(
        rules.may_draft(positions_of(actor, today), issuer_ref, rb),
        rules.check_submission_type(kind, rb),
        rules.check_classification(classification, settings.ZHENGWU_CLASSIFICATION_CEILING, rb),
    )
    document = Document.objects.create(
        flow=Flow.SUBMISSION,
        doc_type=doc_type,
        direction=Direction.UPWARD,
        title=title.strip(),
        issuer=issuer,
        addressed_person=addressed_person,
        answers_leader_assignment=assignment is not None,
        request_items=items,
        classification=classification,
        urgency=urgency,
        state=DocState.DRAFT,
        signing_facts=_intake_facts({}, assignment, skip_reason),
        rulebook_version=version,
        created_by_id=actor.pk,
        created_at=timezone.now(),
    )
    document.main_recipients.set(main_recipients)
    document.copy_recipients.set(copy_recipients)
    DocumentVersion.objects.create(
        document=document, number=1, body=body, created_by_id=actor.pk, created_at=timezone.now()
    )
    audit.record(
        actor=actor,
        action=CREATE,
        target=document,
        citation=rb.cite("intake.rules"),
        summary=f"起草报送州人民政府的{kind.doc_type_label}：{document.title}",
        details={
            "issuer": issuer.code,
            "doc_type": doc_type,
            "version": 1,
            "request_items": len(items),
            "main_recipients": [u.code for u in main_recipients],
            "copy_recipients": [u.code for u in copy_recipients],
            **({"addressed_person": addressed_person.pk} if addressed_person else {}),
            **({ASSIGNMENT_KEY: assignment} if assignment else {}),
            **({SKIP_LEVEL_KEY: skip_reason} if skip_reason else {}),
        },
    )
    return document


@transaction.atomic
def revise(
    actor: AbstractBaseUser,
    document: Document,
    body: str,
    *,
    title: str | None = None,
    request_items: Sequence[str] | None = None,
    main_recipients: Sequence[Unit] | None = None,
    copy_recipients: Sequence[Unit] | None = None,
    addressed_person: Person | Literal[_Keep.KEEP] | None = KEEP,
    leader_assignment: Opinion | Document | Literal[_Keep.KEEP] | None = KEEP,
    classification: str | None = None,
    urgency: str | None = None,
    skip_level_reason: str | None = None,
) -> DocumentVersion:
    """A new version of a draft, or of a returned document being corrected (art. 52)."""
    doc = lock_document(document)
    rb = rulebook_of(doc)
    mains = list(main_recipients) if main_recipients is not None else list(doc.main_recipients.all())
    copies = list(copy_recipients) if copy_recipients is not None else list(doc.copy_recipients.all())
    new_classification = classification if classification is not None else doc.classification
    _validate(
        title if title is not None else doc.title,
        doc.doc_type,
        new_classification,
        urgency if urgency is not None else doc.urgency,
        mains,
        copies,
    )
    items = _clean_items(request_items) if request_items is not None else None
    skip_reason = _clean_skip_reason(skip_level_reason) if skip_level_reason is not None else None
    require(
        *selectors.revise_checks(actor, doc),
        rules.check_classification(new_classification, settings.ZHENGWU_CLASSIFICATION_CEILING, rb),
    )
    changed: list[str] = []
    if title is not None and title.strip() != doc.title:
        doc.title = title.strip()
        changed.append("title")
    if items is not None and items != doc.request_items:
        doc.request_items = items
        changed.append("request_items")
    if addressed_person is not KEEP and addressed_person != doc.addressed_person:
        doc.addressed_person = addressed_person
        changed.append("addressed_person")
    current = dict(doc.signing_facts or {})
    assignment = (
        current.get(ASSIGNMENT_KEY)
        if isinstance(leader_assignment, _Keep)
        else assignment_ref(actor, leader_assignment)
    )
    reason = str(current.get(SKIP_LEVEL_KEY, "")) if skip_reason is None else skip_reason
    facts = _intake_facts(current, assignment, reason)
    if facts != current:
        doc.signing_facts = facts
        changed.append("signing_facts")
    if doc.answers_leader_assignment != (ASSIGNMENT_KEY in facts):
        doc.answers_leader_assignment = ASSIGNMENT_KEY in facts
        changed.append("answers_leader_assignment")
    if new_classification != doc.classification:
        doc.classification = new_classification
        changed.append("classification")
    if urgency is not None and urgency != doc.urgency:
        doc.urgency = urgency
        changed.append("urgency")
    if changed:
        doc.save(update_fields=changed)
    copy_back(document, doc)
    if main_recipients is not None:
        doc.main_recipients.set(mains)
        changed.append("main_recipients")
    if copy_recipients is not None:
        doc.copy_recipients.set(copies)
        changed.append("copy_recipients")
    number = (doc.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = DocumentVersion.objects.create(
        document=doc, number=number, body=body, created_by_id=actor.pk, created_at=timezone.now()
    )
    audit.record(
        actor=actor,
        action=REVISE,
        target=doc,
        citation=rb.cite("review.return_with_reasons" if doc.state == DocState.RETURNED else "intake.rules"),
        summary=f"修改公文（第{number}版）：{doc.title}",
        details={"version": number, "changed": changed, "state": doc.state},
    )
    return version


@transaction.atomic
def sign_and_submit(actor: AbstractBaseUser, document: Document) -> Document:
    """The unit's head, or the deputy acting for the head, signs (签发) the latest version, which is
    frozen, and submits the document to the government (art. 49).  From RETURNED this is the
    resubmission of the corrected document (art. 52): the history stays on the one record."""
    doc = lock_document(document)
    today = timezone.localdate()
    checks = selectors.sign_and_submit_checks(actor, doc)
    require(*checks)
    signing = checks[1]
    person = actor_person(actor)
    holder = issuer_head(doc, today)
    latest = latest_version(doc)
    resubmission = doc.state == DocState.RETURNED
    now = timezone.now()
    latest.frozen = True
    latest.save(update_fields=["frozen"])
    doc.signer, doc.signed_at, doc.state = person, now, DocState.SUBMITTED
    doc.signer_position = holder.position.title[:120] if holder and holder.person_id == person.pk else ""
    doc.signer_acting_for = (
        holder.acting_for.position.title[:120] if holder and holder.person_id == person.pk and holder.acting_for else ""
    )
    doc.save(update_fields=["signer", "signed_at", "state", "signer_position", "signer_acting_for"])
    copy_back(document, doc)
    acting_for = (
        f"{doc.issuer.short_name or doc.issuer.name}{holder.acting_for.position.title}"
        if holder and holder.acting_for
        else ""
    )
    verb = "重新报送" if resubmission else "签发报送"
    audit.record(
        actor=actor,
        action=RESUBMIT if resubmission else SUBMIT,
        target=doc,
        citation=signing.citation,
        summary=f"{verb}：{doc.title}（第{latest.number}版，签发人{person.name}）",
        acting_for=acting_for,
        details={"version": latest.number, "signer": person.pk, "acting": bool(acting_for), "signing": signing.code},
    )
    issuer = doc.issuer.short_name or doc.issuer.name
    notices.send(
        users_of(_office_intake_people(today)),
        f"待签收：{issuer}{verb}《{doc.title}》",
        signing.message,
        signing.citation,
    )
    return doc


# ---------------------------------------------------------------- the government office


@transaction.atomic
def receive(actor: AbstractBaseUser, document: Document) -> Document:
    """The office signs for (签收) and registers (登记) a submitted document."""
    doc = lock_document(document)
    checks = selectors.receive_checks(actor, doc)
    require(*checks)
    decision = checks[0]
    doc.state, doc.received_at, doc.received_by_id = DocState.RECEIVED, timezone.now(), actor.pk
    doc.save(update_fields=["state", "received_at", "received_by"])
    copy_back(document, doc)
    version = latest_version(doc)
    audit.record(
        actor=actor,
        action=RECEIVE,
        target=doc,
        citation=decision.citation,
        summary=f"签收登记：{doc.issuer.short_name or doc.issuer.name}《{doc.title}》（第{version.number}版）",
        details={"version": version.number, "urgency": doc.urgency},
    )
    return doc


@transaction.atomic
def check(actor: AbstractBaseUser, document: Document) -> IntakeCheck:
    """初审 (art. 48): a document that fails is returned with its reasons, every one with its
    article (art. 52), and the issuer's head is told; one that passes becomes CHECKED, recorded
    as 初审通过, ready for the office's opinion."""
    doc = lock_document(document)
    rb = rulebook_of(doc)
    today = timezone.localdate()
    require(*selectors.check_checks(actor, doc))
    decisions = rules.intake_checks(submission_facts(doc), rb, settings.ZHENGWU_CLASSIFICATION_CEILING)
    result = IntakeCheck(doc, tuple(decisions))
    results = [
        {
            "code": d.code,
            "allowed": d.allowed,
            "article": d.citation.article if d.citation else None,
            "explanation": d.recorded_explanation,
        }
        for d in decisions
    ]
    if result.passed:
        doc.state = DocState.CHECKED
        doc.save(update_fields=["state"])
        copy_back(document, doc)
        audit.record(
            actor=actor,
            action=CHECK_PASSED,
            target=doc,
            citation=rb.cite("intake.rules"),
            summary=f"初审通过：{doc.title}",
            details={"checks": results},
        )
        return result
    head = issuer_head(doc, today)
    head_person = Person.objects.select_related("user").get(pk=head.person_id) if head else None
    reasons = rules.return_reasons(decisions)
    opinion = add_opinion(doc, actor, OpinionKind.CHECK_RETURN, reasons, addressed_to=head_person)
    doc.state = DocState.RETURNED
    doc.save(update_fields=["state"])
    copy_back(document, doc)
    citation = rb.cite("review.return_with_reasons")
    audit.record(
        actor=actor,
        action=RETURN,
        target=doc,
        citation=citation,
        summary=f"初审未通过，退回{doc.issuer.short_name or doc.issuer.name}：{doc.title}",
        details={"checks": results, "reasons": result.reasons, "opinion": opinion.pk},
    )
    notices.send(users_of([head_person, person_of(doc.created_by)]), f"退文：《{doc.title}》", reasons, citation)
    return result


@transaction.atomic
def office_return(actor: AbstractBaseUser, document: Document, grounds: Sequence[str], reason: str) -> Opinion:
    """退文 (art. 52) on the office's own judgement, during or after 初审: a department matter put up
    for issue in the government's or the office's name, a document the law or a document in force
    already provides for, one without substance — each a ground of ``rules.RETURN_GROUNDS`` — and
    always the reason the office writes (any other reason is just that).  The document goes back
    to the unit as RETURNED, with the reasons as one return opinion on the same record; the unit
    corrects it and resubmits as after a failed check, or lets it rest."""
    doc = lock_document(document)
    rb = rulebook_of(doc)
    today = timezone.localdate()
    require(*selectors.office_return_checks(actor, doc))
    if isinstance(grounds, str) or not all(isinstance(g, str) for g in grounds):
        raise InvalidInput(_("退文依据应当逐项选择。"), field="grounds")
    try:
        decisions = rules.office_return(list(dict.fromkeys(grounds)), reason, rb)
    except ValueError as exc:
        message = exc.args[0]  # the rule's sentence (a zhengwu.core.i18n.Msg)
        raise InvalidInput(message, field="reason" if "说明理由" in message else "grounds") from exc
    head = issuer_head(doc, today)
    head_person = Person.objects.select_related("user").get(pk=head.person_id) if head else None
    text = rules.return_reasons(decisions)
    opinion = add_opinion(doc, actor, OpinionKind.CHECK_RETURN, text, addressed_to=head_person)
    before = doc.state
    doc.state = DocState.RETURNED
    doc.save(update_fields=["state"])
    copy_back(document, doc)
    citation = rb.cite("review.return_with_reasons")
    chosen = [d.facts["ground"] for d in decisions if "ground" in d.facts]
    audit.record(
        actor=actor,
        action=OFFICE_RETURN,
        target=doc,
        citation=citation,
        summary=f"退文，退回{doc.issuer.short_name or doc.issuer.name}：{doc.title}",
        details={
            "grounds": chosen,
            "reason": decisions[-1].facts["reason"],
            "reasons": [d.recorded_explanation for d in decisions],
            "opinion": opinion.pk,
            "from_state": before,
            "articles": sorted({d.citation.article for d in decisions if d.citation}),
        },
    )
    notices.send(users_of([head_person, person_of(doc.created_by)]), f"退文：《{doc.title}》", text, citation)
    return opinion


@transaction.atomic
def write_office_opinion(actor: AbstractBaseUser, document: Document, text: str, major: bool = False) -> Opinion:
    """The office's handling opinion (拟办), sent up by the leaders' division of work (art. 51):
    to the issuer's 分管 leader, or to the 州长 when the matter is major."""
    doc = lock_document(document)
    rb = rulebook_of(doc)
    today = timezone.localdate()
    if not text.strip():
        raise InvalidInput(_("请填写拟办意见。"), field="text")
    require(*selectors.office_opinion_checks(actor, doc))
    portfolio = who_holds(Authority("portfolio", doc.issuer_id), today)
    governor = who_holds(Authority("governor"), today)
    routing = rules.route(
        unit_ref(doc.issuer),
        leader_ref(portfolio) if portfolio else None,
        leader_ref(governor) if governor else None,
        major,
        rb,
    )
    require(routing.decision)
    assert routing.to is not None  # an allowed route names its leader
    leader = Person.objects.select_related("user").get(pk=routing.to.person_id)
    opinion = add_opinion(doc, actor, OpinionKind.OFFICE_OPINION, text.strip(), addressed_to=leader)
    doc.state, doc.major = DocState.ROUTED, major
    doc.save(update_fields=["state", "major"])
    copy_back(document, doc)
    audit.record(
        actor=actor,
        action=OFFICE_OPINION,
        target=doc,
        citation=rb.cite("review.office_opinion"),
        summary=f"拟办并呈批{routing.to.label}：{doc.title}",
        details={
            "route": routing.decision.code,
            "to": leader.pk,
            "major": major,
            "opinion": opinion.pk,
            "routing": routing.decision.recorded_explanation,
        },
    )
    notices.send(
        [leader.user],
        f"呈批：《{doc.title}》",
        f"{text.strip()}\n{routing.decision.message}",
        routing.decision.citation,
    )
    return opinion


# ---------------------------------------------------------------- the leaders


@transaction.atomic
def pass_on(actor: AbstractBaseUser, document: Document, to_person: Person, text: str = "") -> Opinion:
    """The leader a document is routed to passes it to another government leader (转批, art. 51)."""
    doc = lock_document(document)
    rb = rulebook_of(doc)
    today = timezone.localdate()
    require(*selectors.pass_on_checks(actor, doc))
    person = actor_person(actor)
    current = routed_to(doc)
    target = person_ref(to_person, today)
    decision = rules.may_pass_on(person.pk, person_ref(current, today) if current else None, target, rb)
    require(decision)
    note = text.strip() or f"请{to_person.name}同志核批。"
    opinion = add_opinion(doc, actor, OpinionKind.PASS_ON, note, addressed_to=to_person)
    audit.record(
        actor=actor,
        action=TRANSFER,
        target=doc,
        citation=decision.citation,
        summary=f"转请{target.label}核批：{doc.title}",
        details={"from": person.pk, "to": to_person.pk, "opinion": opinion.pk},
    )
    notices.send([to_person.user], f"转批：《{doc.title}》", f"{person.name}：{note}", decision.citation)
    return opinion


@transaction.atomic
def instruct(actor: AbstractBaseUser, document: Document, text: str) -> Opinion:
    """The leader the document is routed to writes the 批示; the issuer's head and the office
    are told (art. 51)."""
    doc = lock_document(document)
    today = timezone.localdate()
    person = actor_person(actor)
    if not text.strip():
        raise InvalidInput(_("请填写批示内容。"), field="text")
    checks = selectors.instruct_checks(actor, doc)
    require(*checks)
    decision = checks[-1]
    opinion = add_opinion(doc, actor, OpinionKind.INSTRUCTION, text.strip())
    doc.state = DocState.INSTRUCTED
    doc.save(update_fields=["state"])
    copy_back(document, doc)
    audit.record(
        actor=actor,
        action=INSTRUCT,
        target=doc,
        citation=decision.citation,
        summary=f"{person.name}批示：{doc.title}",
        details={"opinion": opinion.pk, "text": text.strip()},
    )
    head = issuer_head(doc, today)
    head_person = Person.objects.select_related("user").get(pk=head.person_id) if head else None
    notices.send(
        users_of([head_person, *_office_intake_people(today)]),
        f"领导批示：《{doc.title}》",
        f"{person.name}批示：{text.strip()}",
        decision.citation,
    )
    return opinion
