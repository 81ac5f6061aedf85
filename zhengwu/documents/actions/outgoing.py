"""Actions of outgoing documents (发文): draft → office review → the steps before signing →
signature by exactly the person art. 49 requires → registration with a 发文字号 → distribution
to every recipient unit's inbox (核发), where it arrives as incoming.

Each action locks the document, asks the rules (:mod:`zhengwu.documents.rules.outgoing`,
:mod:`zhengwu.documents.rules.signing`), writes, audits and notifies in one transaction.

Who signs is worked out from the document itself (:mod:`zhengwu.documents.rules.signing_facts`):
its 文种, issuing body, main recipients, the request it answers and its 主办/涉及 units, plus
what the drafter states because the document cannot show it (重要公文, 领导批示办理…).  A 分管
seat that cannot be filled blocks the signature; it is never skipped.

A revision of the 正文 while the document is under review or awaiting signature sends it back to
review (审核); a substantive change after signature sends it back to its signer (复核), and the
steps before signing (分管 review, 同意) count only for the version they were taken on.

Before signature, two more things art. 50 and art. 52 require are recorded here: a cooperation
agreement in the government's name (``signing_facts["cooperation_agreement"]``) is reviewed for
legality by the unit whose ``functions`` include ``legal_review`` (the 司法局,
:func:`record_legal_review`), and a joint document (``co_issuers``) is countersigned by every
co-issuer's head (:func:`countersign_joint`).  Both count only for the 正文's current version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.actions import copy_back
from zhengwu.core.decisions import InvalidInput, require
from zhengwu.core.i18n import Stripped, _
from zhengwu.documents import legality as normative_rules
from zhengwu.documents import numbering, selectors
from zhengwu.documents.actions import filing
from zhengwu.documents.actions.common import (
    actor_person,
    add_opinion,
    latest_version,
    lock_document,
    require_open,
)
from zhengwu.documents.layouts import document_layout
from zhengwu.documents.models import (
    Classification,
    Delivery,
    Disclosure,
    DocState,
    DocType,
    Document,
    DocumentVersion,
    Flow,
    Opinion,
    OpinionKind,
    Urgency,
)
from zhengwu.documents.render import Layout
from zhengwu.documents.rules import intake as intake_rules
from zhengwu.documents.rules import outgoing as rules
from zhengwu.documents.rules import signing_facts as fact_rules
from zhengwu.documents.rules.signing import SigningRequirement
from zhengwu.documents.rules.signing import signing_requirement as requirement_of
from zhengwu.documents.selectors import (
    co_issuers_of,
    document_data,
    holders_for,
    is_cooperation_agreement,
    is_normative,
    joint_countersign_pending,
    joint_countersigned,
    legal_reviews,
    legal_units,
    office_id,
    signing_requirement_for,
    superior_roles,
    unit_ref,
    units_of,
)
from zhengwu.notices import services as notices
from zhengwu.org.models import Person, Unit
from zhengwu.org.rules import ADMINISTRATORS, Authority, Holder, UnitKind
from zhengwu.org.services import positions_of, users_of, who_holds
from zhengwu.rulebook.services import rulebook_of, version_in_force, view_of

DRAFT = "documents.outgoing.draft"
REVISE = "documents.outgoing.revise"
SUBMIT_FOR_REVIEW = "documents.outgoing.submit_for_review"
REVIEW_PASSED = "documents.outgoing.review_passed"
REVIEW_RETURNED = "documents.outgoing.review_returned"
SIGNING_STEP = "documents.outgoing.signing_step"
SIGN = "documents.outgoing.sign"
ISSUE = "documents.outgoing.issue"
RECEIVE_DELIVERY = "documents.outgoing.receive_delivery"
ANSWERED = "documents.outgoing.answered"
LEGAL_REVIEW = "documents.outgoing.legal_review"
JOINT_COUNTERSIGN = "documents.outgoing.joint_countersign"

#: What a draft may say about itself for art. 49 (``signing_facts``): the stated facts and the
#: 主办/涉及 units (codes).  Everything else is read off the document.
FACT_NAMES = fact_rules.STATED
CONCERNED_UNITS = fact_rules.CONCERNED_UNITS
SECRECY_PERIOD_MAX = 40
NOTE_MAX = 300
#: States in which a revision goes back to review (审核) rather than staying a draft.
UNDER_REVIEW = (DocState.REVIEWING, DocState.AWAITING_SIGNATURE)


# ---------------------------------------------------------------- the art. 49 facts of a document


def _split_facts(signing_facts: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The stated facts and the codes of the 主办/涉及 units, as given (checked by the rules)."""
    stated = {k: v for k, v in signing_facts.items() if k != CONCERNED_UNITS}
    codes = signing_facts.get(CONCERNED_UNITS) or []
    if isinstance(codes, str) or not isinstance(codes, list | tuple) or not all(isinstance(c, str) for c in codes):
        raise InvalidInput(_("主办、涉及单位应为单位代码的列表。"), field=f"signing_facts.{CONCERNED_UNITS}")
    return stated, [c.strip() for c in codes if c.strip()]


def _concerned(codes: Sequence[str]) -> list[Unit]:
    found = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise InvalidInput(
            _("没有代码为“{join}”的单位（主办、涉及单位）。", join="、".join(missing)),
            field=f"signing_facts.{CONCERNED_UNITS}",
        )
    return [found[c] for c in dict.fromkeys(codes)]


def _direction(issuer: Unit, recipients: Sequence[Unit]) -> str:
    return rules.direction_for(
        unit_ref(issuer), issuer.parent_id, [unit_ref(u) for u in recipients], [u.parent_id for u in recipients]
    )


def _check_secrecy(classification: str, secrecy_period: str) -> str:
    period = secrecy_period.strip()
    if classification not in Classification.values:
        raise InvalidInput(
            _("无法识别的密级“{classification}”。", classification=classification), field="classification"
        )
    if classification != Classification.NONE and not period:
        raise InvalidInput(
            _(
                "标注密级（{label}）的公文应同时标注保密期限，如“10年”“长期”。",
                label=Classification(classification).label,
            ),
            field="secrecy_period",
        )
    if classification == Classification.NONE and period:
        raise InvalidInput(_("非密公文不标注保密期限；请删去保密期限，或选择密级。"), field="secrecy_period")
    if len(period) > SECRECY_PERIOD_MAX:
        raise InvalidInput(
            _("保密期限不超过{SECRECY_PERIOD_MAX}个字。", SECRECY_PERIOD_MAX=SECRECY_PERIOD_MAX), field="secrecy_period"
        )
    return period


@transaction.atomic
def draft_outgoing(
    actor: AbstractBaseUser,
    issuer: Unit,
    doc_type: str,
    title: str,
    body: str,
    main_recipients: Sequence[Unit],
    copy_recipients: Sequence[Unit] = (),
    signing_facts: Mapping[str, Any] | None = None,
    replies_to: Document | None = None,
    classification: str = Classification.NONE,
    urgency: str = Urgency.NORMAL,
    co_issuers: Sequence[Unit] = (),
    disclosure: str = Disclosure.ON_REQUEST,
    disclosure_reason: str = "",
    secrecy_period: str = "",
    note: str = "",
) -> Document:
    """Draft a document in ``issuer``'s name (the government's are drafted by its office).

    ``signing_facts``: what art. 49 needs that the document cannot show (``important``…, see
    :data:`zhengwu.documents.rules.signing_facts.LABELS`) and ``concerned_units``, the codes of the
    主办/涉及 units whose 分管 leaders review or sign (by default the requesting unit of a reply; a
    department's document always concerns the department and its co-issuers).  A statement that
    does not fit the document is refused, naming the field; so is a document whose signer needs a
    分管 leader when no unit is named to find one.

    ``co_issuers``: the other bodies of a joint document (联合发文; ``issuer`` is the lead body),
    each of whose heads countersigns it before signature (art. 50).  ``secrecy_period`` (保密期限)
    goes with a 密级; ``note`` is the 附注.  ``disclosure`` is its 公开属性: a document marked 主动公开
    enters the publication queue when it is issued; 不予公开 needs its reason
    (《政府信息公开条例》第十四条至第十六条)."""
    version = version_in_force()
    rb = view_of(version)
    if not title.strip():
        raise InvalidInput(_("请填写标题。"), field="title")
    if not body.strip():
        raise InvalidInput(_("请填写正文。"), field="body")
    if doc_type not in DocType.values:
        raise InvalidInput(_("无法识别的文种“{doc_type}”。", doc_type=doc_type), field="doc_type")
    if urgency not in Urgency.values:
        raise InvalidInput(_("无法识别的紧急程度“{urgency}”。", urgency=urgency), field="urgency")
    if not main_recipients:
        raise InvalidInput(_("请选择主送机关。"), field="main_recipients")
    _check_disclosure(disclosure, disclosure_reason, classification)
    period = _check_secrecy(classification, secrecy_period)
    if len(note.strip()) > NOTE_MAX:
        raise InvalidInput(_("附注不超过{NOTE_MAX}个字。", NOTE_MAX=NOTE_MAX), field="note")
    stated, codes = _split_facts(signing_facts or {})
    concerned = _concerned(codes)
    direction = _direction(issuer, main_recipients)
    data = document_data(issuer, doc_type, main_recipients, co_issuers, replies_to, direction, stated, concerned)
    roles = superior_roles()
    fact_rules.check_stated(data, rb, roles)
    derived = fact_rules.derive(data, roles)
    if replies_to is not None:
        require_open(replies_to, "答复")
    require(
        rules.may_draft(positions_of(actor), unit_ref(issuer), office_id(), rb),
        intake_rules.check_classification(classification, settings.ZHENGWU_CLASSIFICATION_CEILING, rb),
        rules.check_agreement_issuer(bool(stated.get(rules.COOPERATION_AGREEMENT)), unit_ref(issuer), rb),
        rules.check_co_issuers(unit_ref(issuer), [unit_ref(u) for u in co_issuers], rb),
    )
    holders = holders_for(issuer, units_of(derived), timezone.localdate())
    requirement = requirement_of(derived.facts, holders, rb)
    if requirement.portfolio and not derived.concerned:
        raise InvalidInput(
            _(
                (
                    "{requirement}：要由分管领导同志审核或签发，请注明本件的主办、涉及单位，以确定分管领导同志（{label}）。"
                ),
                requirement=Stripped(requirement.message, "。"),
                label=requirement.citation.label,
            ),
            field=f"signing_facts.{CONCERNED_UNITS}",
        )
    facts: dict[str, Any] = dict(stated)
    if derived.concerned:
        facts[CONCERNED_UNITS] = [u.code for u in derived.concerned]
    now = timezone.now()
    doc = Document.objects.create(
        flow=Flow.OUTGOING,
        doc_type=doc_type,
        direction=direction,
        title=title.strip(),
        issuer=issuer,
        classification=classification,
        secrecy_period=period,
        urgency=urgency,
        state=DocState.DRAFT,
        replies_to=replies_to,
        rulebook_version=version,
        signing_facts=facts,
        created_by_id=actor.pk,
        created_at=now,
        disclosure=disclosure,
        disclosure_reason=disclosure_reason.strip()[:300],
        note=note.strip(),
    )
    doc.main_recipients.set(main_recipients)
    doc.copy_recipients.set(copy_recipients)
    doc.co_issuers.set(co_issuers)
    DocumentVersion.objects.create(document=doc, number=1, body=body.strip(), created_by_id=actor.pk, created_at=now)
    joint = "、".join(unit_ref(u).name for u in co_issuers)
    audit.record(
        actor=actor,
        action=DRAFT,
        target=doc,
        citation=rb.cite("documents.paperless"),
        summary=f"起草{doc.get_doc_type_display()}：{doc.title}" + (f"（与{joint}联合发文）" if joint else ""),
        details={
            "issuer": issuer.code,
            "replies_to": replies_to.pk if replies_to else None,
            "facts": facts,
            "derived": {"requirement": requirement.code, "basis": list(derived.basis)},
            "co_issuers": [u.code for u in co_issuers],
        },
    )
    return doc


def _check_disclosure(disclosure: str, reason: str, classification: str) -> None:
    if disclosure not in Disclosure.values:
        raise InvalidInput(_("无法识别的公开属性“{disclosure}”。", disclosure=disclosure), field="disclosure")
    if disclosure == Disclosure.NOT_PUBLIC and not reason.strip():
        raise InvalidInput(
            _("不予公开的公文请写明理由（《政府信息公开条例》第十四条至第十六条）。"), field="disclosure_reason"
        )
    if disclosure == Disclosure.PROACTIVE and classification != Classification.NONE:
        raise InvalidInput(_("涉密公文不得主动公开：请改为不予公开并写明理由。"), field="disclosure")


def _reviewers(doc: Document) -> list[Holder | None]:
    """Who reviews (审核) before signature: the 秘书长 and the office's head for the government's
    and the office's documents (art. 51), the issuing unit's head for its own."""
    if doc.issuer.kind in {UnitKind.GOVERNMENT, UnitKind.OFFICE}:
        office = office_id()
        head = who_holds(Authority("head", office)) if office else None
        return [who_holds(Authority("secretary_general")), head]
    return [who_holds(Authority("head", doc.issuer_id))]


def _when(state: str) -> str:
    return "审核期间" if state == DocState.REVIEWING else "待签发时"


def _signing_people(requirement: SigningRequirement) -> list[Holder | None]:
    return [r.holder for s in requirement.steps for r in s.any_of] + [r.holder for r in requirement.signers]


@transaction.atomic
def revise_outgoing(
    actor: AbstractBaseUser,
    document: Document,
    body: str,
    title: str | None = None,
    concerned_units: Sequence[str] | None = None,
) -> Document:
    """A new version of the 正文 (and title).  Under review or awaiting signature, it goes back to
    review (审核), and the reviewers are told; after signature a change goes back to the signer
    (复核), who is told.  ``concerned_units`` (codes), when given, changes the 主办/涉及 units whose
    分管 leaders review or sign: a change of who signs, handled like a change of the text."""
    doc = lock_document(document)
    rb = rulebook_of(doc)
    require(*selectors.revise_outgoing_checks(actor, doc))
    current = latest_version(doc)
    new_title = (title or doc.title).strip()
    if not body.strip():
        raise InvalidInput(_("请填写正文。"), field="body")
    facts = dict(doc.signing_facts or {})
    old_codes = list(facts.get(CONCERNED_UNITS) or [])
    new_codes = old_codes
    if concerned_units is not None:
        _unused, codes = _split_facts({CONCERNED_UNITS: list(concerned_units)})
        concerned = _concerned(codes)
        data = document_data(
            doc.issuer,
            doc.doc_type,
            doc.main_recipients.all(),
            co_issuers_of(doc),
            doc.replies_to if doc.replies_to_id else None,
            doc.direction,
            {k: v for k, v in facts.items() if k in FACT_NAMES},
            concerned,
        )
        fact_rules.check_stated(data, rb, superior_roles())
        new_codes = [u.code for u in fact_rules.concerned_units(data)]
    if body.strip() == current.body and new_title == doc.title and new_codes == old_codes:
        raise InvalidInput(_("正文、标题和主办、涉及单位都没有改动。"), field="body")
    if new_codes != old_codes:
        facts[CONCERNED_UNITS] = new_codes
        doc.signing_facts = facts
    before = doc.state
    recheck = before == DocState.SIGNED
    back_to_review = before in UNDER_REVIEW
    DocumentVersion.objects.create(
        document=doc, number=current.number + 1, body=body.strip(), created_by_id=actor.pk, created_at=timezone.now()
    )
    doc.title = new_title
    if recheck:
        doc.recheck_signer_id = doc.signer_id
        doc.state, doc.signer, doc.signed_at = DocState.AWAITING_SIGNATURE, None, None
        doc.signer_position = doc.signer_acting_for = ""
    elif back_to_review:
        doc.state = DocState.REVIEWING
    doc.save(
        update_fields=[
            "title",
            "state",
            "signer",
            "signed_at",
            "recheck_signer",
            "signing_facts",
            "signer_position",
            "signer_acting_for",
        ]
    )
    copy_back(document, doc)
    number = current.number + 1
    what = f"修改正文（第{number}版）" + ("，变更主办、涉及单位" if new_codes != old_codes else "")
    if recheck:
        citation, summary = rb.cite("signing.authority"), f"{what}：签发后实质性修改，退回签发人复核"
    elif back_to_review:
        citation, summary = rb.cite("review.office_opinion"), f"{what}：{_when(before)}修改，退回重新审核"
    else:
        citation, summary = rb.cite("documents.paperless"), what
    audit.record(
        actor=actor,
        action=REVISE,
        target=doc,
        citation=citation,
        summary=summary,
        details={
            "version": number,
            "recheck": recheck,
            "back_to_review": back_to_review,
            "from_state": before,
            "concerned_units": new_codes,
        },
    )
    if recheck:
        requirement = signing_requirement_for(doc)
        original = doc.recheck_signer
        notices.send(
            users_of([original, *_signing_people(requirement)]),
            f"待复核签发：《{doc.title}》签发后作了实质性修改",
            requirement.summary,
            citation,
        )
    elif back_to_review:
        notices.send(
            users_of(_reviewers(doc)),
            f"修改后重新审核：《{doc.title}》",
            f"{_when(before)}修改了正文（第{number}版），请重新审核文种、格式、行文规则和协调情况。",
            citation,
        )
    return doc


@transaction.atomic
def submit_for_review(actor: AbstractBaseUser, document: Document) -> Document:
    doc = lock_document(document)
    rb = rulebook_of(doc)
    require(*selectors.submit_for_review_checks(actor, doc))
    doc.state = DocState.REVIEWING
    doc.save(update_fields=["state"])
    copy_back(document, doc)
    audit.record(
        actor=actor,
        action=SUBMIT_FOR_REVIEW,
        target=doc,
        citation=rb.cite("review.office_opinion"),
        summary=f"送审核：{doc.title}",
    )
    notices.send(
        users_of(_reviewers(doc)),
        f"待审核：《{doc.title}》",
        "请审核文种、格式、行文规则和协调情况。",
        rb.cite("review.office_opinion"),
    )
    if is_cooperation_agreement(doc):  # the 司法局 reviews its legality before it is signed (art. 52)
        legal = legal_units()
        notices.send(
            users_of(who_holds(Authority("head", u.pk)) for u in legal),
            f"待合法性审核：合作协议《{doc.title}》",
            rules.agreement_note([unit_ref(u) for u in legal], rb),
            rb.cite(rules.AGREEMENT_REVIEW),
        )
    elif is_normative(doc) and not _review_passed(doc):  # and a normative document's (arts. 20, 22)
        legal = legal_units()
        flags = normative_rules.check_text(latest_version(doc).body, rb)
        notices.send(
            users_of(who_holds(Authority("head", u.pk)) for u in legal),
            f"待合法性审核：规范性文件《{doc.title}》",
            rules.normative_note([unit_ref(u) for u in legal], rb) + f"；自动提示{len(flags)}处疑点。",
            rb.cite(rules.NORMATIVE_REVIEW),
        )
    return doc


def _review_passed(doc: Document) -> bool:
    version = latest_version(doc).number
    return any(r.passed and r.version == version for r in legal_reviews(doc))


@transaction.atomic
def review(actor: AbstractBaseUser, document: Document, approve: bool, opinion: str) -> Document:
    """审核: passed to signature, or sent back with the reasons (art. 52)."""
    doc = lock_document(document)
    rb = rulebook_of(doc)
    require(*selectors.review_checks(actor, doc))
    if not approve and not opinion.strip():
        raise InvalidInput(_("退回修改应当说明理由。"), field="opinion")
    kind = OpinionKind.REVIEW_PASSED if approve else OpinionKind.REVIEW_RETURN
    add_opinion(doc, actor, kind, opinion.strip() or "审核通过。")
    doc.state = DocState.AWAITING_SIGNATURE if approve else DocState.DRAFT
    doc.save(update_fields=["state"])
    copy_back(document, doc)
    citation = rb.cite("review.office_opinion") if approve else rb.cite("review.return_with_reasons")
    audit.record(
        actor=actor,
        action=REVIEW_PASSED if approve else REVIEW_RETURNED,
        target=doc,
        citation=citation,
        summary=("审核通过，送签：" if approve else "审核退回修改：") + doc.title,
        details={"opinion": opinion.strip()},
    )
    if approve:
        requirement = signing_requirement_for(doc)
        people = [r.holder for s in requirement.steps for r in s.any_of] or [r.holder for r in requirement.signers]
        notices.send(users_of(people), f"待签发：《{doc.title}》", requirement.summary, requirement.citation)
        pending = joint_countersign_pending(doc)
        if pending:
            notices.send(
                users_of(who_holds(Authority("head", u.pk)) for u in pending),
                f"联合发文待会签：《{doc.title}》",
                rules.joint_note([unit_ref(u) for u in pending], rb),
                rb.cite(rules.JOINT_COUNTERSIGN),
            )
    else:
        notices.send(
            users_of([Person.objects.filter(user_id=doc.created_by_id).first()]),
            f"审核退回：《{doc.title}》",
            opinion.strip(),
            citation,
        )
    return doc


# ---------------------------------------------------------------- what the pages offer (each action asks again)


@transaction.atomic
def record_signing_step(actor: AbstractBaseUser, document: Document, text: str) -> Document:
    """The 分管 leader's review, the 州长's agreement…: a step art. 49 sets before signing, recorded
    against the 正文's current version."""
    doc = lock_document(document)
    checks = selectors.signing_step_checks(actor, doc)
    require(*checks)
    decision = checks[-1]
    action = str(decision.facts.get("action", "审核"))
    version = latest_version(doc)
    row = add_opinion(doc, actor, OpinionKind.SIGNING_STEP, text.strip() or f"{action}。")
    row.version = version
    row.save(update_fields=["version"])
    audit.record(
        actor=actor,
        action=SIGNING_STEP,
        target=doc,
        citation=decision.citation,
        summary=f"{action}（第{version.number}版）：{doc.title}",
        details={"step": action, "text": text.strip(), "version": version.number},
    )
    return doc


@transaction.atomic
def sign(actor: AbstractBaseUser, document: Document) -> Document:
    """签发 by exactly the person art. 49 requires on this day, acting arrangements applied; after a
    substantive change to a signed document, by its original signer while he can sign (复核)."""
    doc = lock_document(document)
    checks = selectors.sign_checks(actor, doc)
    require(*checks)
    decision = checks[-1]
    requirement = signing_requirement_for(doc)
    person = actor_person(actor)
    version = latest_version(doc)
    version.frozen = True
    version.save(update_fields=["frozen"])
    recheck = doc.recheck_signer_id is not None
    # The capacity in which he signs (arts. 6, 49): kept on the signature, not recomputed later.
    holder = next((r.holder for r in requirement.signers if r.holder and r.holder.person_id == person.pk), None)
    position = holder.position.title if holder else ""
    acting_for = holder.acting_for.position.title if holder and holder.acting_for else ""
    doc.state, doc.signer, doc.signed_at, doc.recheck_signer = DocState.SIGNED, person, timezone.now(), None
    doc.signer_position, doc.signer_acting_for = position[:120], acting_for[:120]
    doc.save(update_fields=["state", "signer", "signed_at", "recheck_signer", "signer_position", "signer_acting_for"])
    copy_back(document, doc)
    audit.record(
        actor=actor,
        action=SIGN,
        target=doc,
        citation=decision.citation,
        summary=f"{'复核' if recheck else ''}{requirement.verb}：{doc.title}"
        f"（第{version.number}版，{doc.signer_label}）",
        details={
            "version": version.number,
            "requirement": requirement.code,
            "recheck": recheck,
            "signer": person.pk,
            "signer_position": position,
        },
        acting_for=acting_for,
    )
    return doc


@transaction.atomic
def record_legal_review(actor: AbstractBaseUser, document: Document, passed: bool, opinion: str) -> Opinion:
    """合法性审核: the legal-review unit's (the 司法局's) staff review a cooperation agreement in the
    government's name (art. 52) or a normative document (arts. 20, 22); the outcome is recorded
    against the 正文's current version, and only a passed review of that version lets it be
    signed.  A normative document's text goes through the checker that flags 行政许可, 处罚,
    强制… (:func:`zhengwu.documents.legality.check_text`): passing it over a flag needs reasons.
    The office is told."""
    doc = lock_document(document)
    rb = rulebook_of(doc)
    require(*selectors.legal_review_checks(actor, doc))
    legal = legal_units()
    positions = positions_of(actor)
    text = opinion.strip()
    if not passed and not text:
        raise InvalidInput(_("审核未通过的，请写明不合法或需修改之处。"), field="opinion")
    normative = is_normative(doc) and not is_cooperation_agreement(doc)
    flags = normative_rules.check_text(latest_version(doc).body, rb) if normative else []
    if normative:
        checked = normative_rules.check_review(passed, text, len(flags), rb)
        if not checked.allowed:
            raise InvalidInput(checked.message, field="opinion")
    reviewer_unit = next(u for u in legal if any(p.unit_id == u.pk and p.kind not in ADMINISTRATORS for p in positions))
    version = latest_version(doc)
    row = add_opinion(doc, actor, OpinionKind.LEGAL_REVIEW, text or "经审核，合法。")
    row.passed, row.unit, row.version = passed, reviewer_unit, version
    row.save(update_fields=["passed", "unit", "version"])
    citation = rb.cite(rules.NORMATIVE_REVIEW if normative else rules.AGREEMENT_REVIEW)
    unit_name = unit_ref(reviewer_unit).name
    outcome = "通过" if passed else "未通过"
    audit.record(
        actor=actor,
        action=LEGAL_REVIEW,
        target=doc,
        citation=citation,
        summary=f"{unit_name}合法性审核{outcome}（第{version.number}版）：{doc.title}" + (f"。{text}" if text else ""),
        details={
            "passed": passed,
            "opinion": text,
            "version": version.number,
            "unit": reviewer_unit.code,
            "flags": [f.as_dict() for f in flags],
        },
    )
    office_pk = office_id()
    office = [who_holds(Authority("head", office_pk))] if office_pk else []
    notices.send(
        users_of([*office, Person.objects.filter(user_id=doc.created_by_id).first()]),
        f"合法性审核{outcome}：{'规范性文件' if normative else '合作协议'}《{doc.title}》",
        text or f"{unit_name}审核通过。",
        citation,
    )
    return row


@transaction.atomic
def countersign_joint(actor: AbstractBaseUser, document: Document, text: str = "") -> Opinion:
    """联合发文会签 (art. 50): a co-issuer's head (or acting head) countersigns the joint document's
    current version; the lead body may sign it once every co-issuer has."""
    doc = lock_document(document)
    checks = selectors.countersign_joint_checks(actor, doc)
    require(*checks)
    decision = checks[-1]
    co_issuers = co_issuers_of(doc)
    heads = selectors.joint_heads(doc)
    unit = next(u for u in co_issuers if u.pk == decision.facts["unit_id"])
    holder = next(h for r, h in heads if r.id == unit.pk)
    version = latest_version(doc)
    name = unit_ref(unit).name
    row = add_opinion(doc, actor, OpinionKind.JOINT_COUNTERSIGN, text.strip() or "同意联合发文。")
    row.unit, row.version = unit, version
    row.save(update_fields=["unit", "version"])
    audit.record(
        actor=actor,
        action=JOINT_COUNTERSIGN,
        target=doc,
        citation=decision.citation,
        summary=f"{name}会签联合发文（第{version.number}版）：{doc.title}",
        details={"unit": unit.code, "version": version.number, "text": row.text},
        acting_for=holder.acting_for.position.title if holder and holder.acting_for else "",
    )
    remaining = [u for u in co_issuers if u.pk not in joint_countersigned(doc)]
    drafting_unit = office_id() if doc.issuer.kind == UnitKind.GOVERNMENT else doc.issuer_id
    lead = [who_holds(Authority("head", drafting_unit))] if drafting_unit else []
    notices.send(
        users_of([*lead, Person.objects.filter(user_id=doc.created_by_id).first()]),
        f"{name}已会签联合发文《{doc.title}》",
        ("尚待" + "、".join(unit_ref(u).name for u in remaining) + "会签。")
        if remaining
        else "各联合发文机关均已会签，可以送签。",
        decision.citation,
    )
    return row


@transaction.atomic
def issue(actor: AbstractBaseUser, document: Document, number_kind: str | None = None) -> Document:
    """登记 (the 发文字号 from the issuer's gapless yearly sequence), 印发 with 份号, and 核发: a
    delivery to every recipient unit's inbox.  A reply marks the request it answers as answered."""
    doc = lock_document(document)
    rb = rulebook_of(doc)
    require(*selectors.issue_checks(actor, doc))
    kind = number_kind or rules.default_number_kind(doc.doc_type)
    try:
        prefix = numbering.prefix_for(doc.issuer.doc_prefix, kind)
    except ValueError as exc:
        raise InvalidInput(str(exc), field="number_kind") from exc
    now = timezone.now()
    issued = numbering.take_number(prefix, timezone.localdate(now).year, doc)
    doc.number, doc.state, doc.issued_at = numbering.number_text(issued), DocState.ISSUED, now
    doc.save(update_fields=["number", "state", "issued_at"])
    copy_back(document, doc)
    recipients = [(u, False) for u in doc.main_recipients.order_by("sort_order")]
    recipients += [(u, True) for u in doc.copy_recipients.order_by("sort_order") if u not in dict(recipients)]
    Delivery.objects.bulk_create(
        [
            Delivery(document=doc, unit=unit, copy_number=i, is_copy=is_copy, delivered_at=now)
            for i, (unit, is_copy) in enumerate(recipients, start=1)
        ]
    )
    citation = rb.cite("documents.paperless")
    audit.record(
        actor=actor,
        action=ISSUE,
        target=doc,
        citation=citation,
        summary=f"登记印发{doc.number}，网上分送{len(recipients)}个单位",
        details={"number": doc.number, "recipients": [u.code for u, _ in recipients]},
    )
    heads = [who_holds(Authority("head", u.pk)) for u, _ in recipients]
    notices.send(users_of(heads), f"收文：{doc.number}《{doc.title}》", "", citation)
    if doc.replies_to_id:
        _mark_answered(actor, doc)
    filing.on_issued(actor, doc)  # 「经同意」 department documents: filed with the office (art. 49)
    if doc.disclosure == Disclosure.PROACTIVE:  # 主动公开: into the publication queue (条例第二十六条)
        _queue_for_portal(actor, doc, timezone.localdate(now))
    return doc


def _queue_for_portal(actor: AbstractBaseUser, doc: Document, issued_on: dt.date) -> None:
    from zhengwu.portal.models import ItemKind, Validity
    from zhengwu.portal.services import queue_for_publication

    queue_for_publication(
        actor=actor,
        kind=ItemKind.DOCUMENT,
        source=doc,
        title=doc.title,
        counted_from=issued_on,
        provision="disclosure.proactive",
        body=latest_version(doc).body,
        issuing_unit=doc.issuer,
        doc_number=doc.number,
        written_on=timezone.localdate(doc.signed_at) if doc.signed_at else issued_on,
        genre=str(DocType(doc.doc_type).label),
        validity=Validity.IN_FORCE,
    )


def _mark_answered(actor: AbstractBaseUser, reply: Document) -> None:
    request = lock_document(reply.replies_to)  # type: ignore[arg-type]
    before = request.state
    request.state = DocState.ANSWERED
    request.save(update_fields=["state"])
    rb = rulebook_of(request)
    audit.record(
        actor=actor,
        action=ANSWERED,
        target=request,
        citation=rb.cite("review.routing"),
        summary=f"已以{reply.number}答复：{request.title}",
        details={"reply": reply.pk, "from_state": before},
    )  # a withdrawn issue restores it


@transaction.atomic
def receive_delivery(actor: AbstractBaseUser, delivery: Delivery) -> Delivery:
    """签收: the recipient unit's staff sign for the delivered document in their inbox; not once the
    document is archived (art. 53)."""
    row = Delivery.objects.select_for_update(of=("self",)).select_related("document", "unit").get(pk=delivery.pk)
    # An archived document's copies are as the archive recorded them (art. 53): a copy not signed
    # for by then stays unreceived, rather than the live record drifting from deliveries.json.
    lock_document(row.document)
    rb = rulebook_of(row.document)
    require(
        rules.may_receive_delivery(
            positions_of(actor),
            unit_ref(row.unit),
            row.received_at is not None,
            rb,
            withdrawn=row.withdrawn_at is not None,
        )
    )
    row.received_at, row.received_by_id = timezone.now(), actor.pk
    row.save(update_fields=["received_at", "received_by"])
    audit.record(
        actor=actor,
        action=RECEIVE_DELIVERY,
        target=row.document,
        citation=rb.cite("documents.paperless"),
        summary=f"{row.unit.short_name or row.unit.name}签收{row.document.number}（份号{row.copy_number}）",
        details={"delivery": row.pk, "unit": row.unit.code},
    )
    return copy_back(delivery, row)


def layout_for(document: Document, delivery: Delivery | None = None) -> Layout:
    """The document as GB/T 9704 lays it out (for the PDF and DOCX): an outgoing document, or a
    submission as its unit sent it; ``delivery`` picks a recipient's copy (份号), none the file
    copy.  See :mod:`zhengwu.documents.layouts` (份号, 密级 and 保密期限, joint issuer marks)."""
    return document_layout(document, delivery)


def carry_legal_review(
    document: Document, *, reviewer_id: int, reviewer_name: str, unit: Unit, text: str, rb_citation_label: str
) -> Opinion:
    """A normative document that comes from a draft the 司法局 passed (arts. 20, 22): that passed
    review is recorded against the 公文's first version, so that the signature gate sees it, and a
    later change to the 正文 needs a new review.  Called by the legislation flow, in its
    transaction, when the passed draft becomes a 公文."""
    version = latest_version(document)
    row = Opinion.objects.create(
        document=document,
        kind=OpinionKind.LEGAL_REVIEW,
        text=f"{text}（{rb_citation_label}）",
        author_id=reviewer_id,
        author_name=reviewer_name[:60],
        author_position=unit_ref(unit).name[:120],
        passed=True,
        unit=unit,
        version=version,
        created_at=timezone.now(),
    )
    return row
