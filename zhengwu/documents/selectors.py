"""The read side of documents: what the actions, the pages, the API and the to-do list read off a
document, and what each user act on it requires.

Nothing here writes.  The facts (the art. 49 facts of an outgoing document and who signs it, what
初审 looks at in a submission, where a submission is routed, how far countersign has come) are
read here once, for the actions in :mod:`zhengwu.documents.actions` and for every reader.

Each user act on a document has a *check function*, ``<act>_checks(actor, doc) -> list[Decision]``:
the decisions the act requires of this person on this document now, read only.  The action calls
exactly that function (``require(*<act>_checks(actor, doc))``) after taking its lock, and
:func:`available_actions` asks the same functions, so the page, the API and the action can never
disagree about who may do what.  Checks of the input (a text not empty, the units named…) stay in
the action.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from zhengwu.core.decisions import Decision, InvalidInput
from zhengwu.core.i18n import _
from zhengwu.core.memo import memo
from zhengwu.core.transitions import offered
from zhengwu.documents.models import (
    ArchivePackage,
    CountersignTask,
    DocState,
    DocType,
    Document,
    DocumentVersion,
    Flow,
    Opinion,
    OpinionKind,
)
from zhengwu.documents.rules import archive as archive_rules
from zhengwu.documents.rules import countersign as cs_rules
from zhengwu.documents.rules import intake as intake_rules
from zhengwu.documents.rules import outgoing as out_rules
from zhengwu.documents.rules import signing_facts as fact_rules
from zhengwu.documents.rules.intake import LeaderRef, SubmissionFacts, UnitRef
from zhengwu.documents.rules.signing import SigningHolders, SigningRequirement, for_recheck, may_sign
from zhengwu.documents.rules.signing import signing_requirement as requirement_of
from zhengwu.org.models import Appointment, Person, Unit
from zhengwu.org.rules import GOVERNMENT_LEADERS, Authority, Holder, UnitKind
from zhengwu.org.services import ORG_FACTS, office_unit, person_of, positions_of, who_holds
from zhengwu.rulebook.services import rulebook_of
from zhengwu.workdays.services import deadline_close

#: States in which a joint document is countersigned, or an agreement reviewed, before signature.
BEFORE_SIGNATURE = out_rules.BEFORE_SIGNATURE
#: A submission is revised as a draft or after a return (art. 52).
EDITABLE = (DocState.DRAFT, DocState.RETURNED)
#: 退文 by the office (art. 52): during and after 初审.
RETURNABLE = (DocState.RECEIVED, DocState.CHECKED)
#: A submission is signed and submitted from these states (from RETURNED: resubmitted).
SIGNABLE = (DocState.DRAFT, DocState.COUNTERSIGNING, DocState.RETURNED)
#: An outgoing document's 正文 may be revised in these states (after signature: back to its signer).
OUTGOING_EDITABLE = (DocState.DRAFT, DocState.REVIEWING, DocState.AWAITING_SIGNATURE, DocState.SIGNED)
ASSIGNMENT_KEY = "leader_assignment"
SKIP_LEVEL_KEY = "skip_level_reason"
FACT_NAMES = fact_rules.STATED
CONCERNED_UNITS = fact_rules.CONCERNED_UNITS


# ---------------------------------------------------------------- small readers


def latest_version(document: Document) -> DocumentVersion:
    """The 正文's current version."""
    version = document.versions.order_by("-number").first()
    if version is None:  # every document is created with version 1
        raise InvalidInput(_("该公文没有正文版本。"), field="document")
    return version


def unit_ref(unit: Unit) -> UnitRef:
    return UnitRef(unit.pk, unit.short_name or unit.name, unit.kind)


def office_id() -> int | None:
    """The government office's id (read once per request)."""

    def read() -> int | None:
        office = office_unit()
        return office.pk if office else None

    return memo(ORG_FACTS, ("documents.office_id",), read)


def units_by_code(codes: Sequence[str]) -> dict[str, Unit]:
    """The units with these codes (read once per request for the same codes: the to-do list works
    out who signs each document awaiting signature)."""
    key = tuple(sorted(set(codes)))
    if not key:
        return {}
    return memo(
        ORG_FACTS, ("documents.units_by_code", key), lambda: {u.code: u for u in Unit.objects.filter(code__in=key)}
    )


def ordered(units: Iterable[Unit]) -> list[Unit]:
    """Units in the organization's order; from a relation's ``all()``, so a prefetch is used."""
    return sorted(units, key=lambda u: (u.sort_order, u.code))


def is_archived(document: Document) -> bool:
    return ArchivePackage.objects.filter(document_id=document.pk).exists()


def open_check(document: Document, what: str = "办理") -> Decision:
    """Art. 53: an archived document is read-only."""
    return archive_rules.may_change(is_archived(document), rulebook_of(document), what)


def state_check(document: Document, allowed: Sequence[str], what: str, provision: str) -> Decision:
    """Each step happens in its state, with the article of the step."""
    return intake_rules.check_state(
        document.state, allowed, str(DocState(document.state).label), what, provision, rulebook_of(document)
    )


def actor_person(actor: AbstractBaseUser) -> Person:
    person = person_of(actor)
    if person is None:
        raise InvalidInput(_("您的账号没有对应的人员信息，请联系系统管理员。"), field="actor")
    return person


# ---------------------------------------------------------------- a submission (收文)


def _date(value: dt.datetime) -> str:
    day = timezone.localdate(value)
    return f"{day.year}年{day.month}月{day.day}日"


def _instruction_assignment(opinion: Opinion) -> intake_rules.Assignment:
    author = Person.objects.filter(user_id=opinion.author_id).values_list("pk", flat=True).first()
    label = f"{opinion.author_name}同志{_date(opinion.created_at)}在《{opinion.document.title}》上的批示"
    ids = frozenset({author}) if author is not None and opinion.kind == OpinionKind.INSTRUCTION else frozenset()
    return intake_rules.Assignment("instruction", label, ids)


def _document_assignment(document: Document) -> intake_rules.Assignment:
    leaders = set(
        Person.objects.filter(
            user__in=document.opinions.filter(kind=OpinionKind.INSTRUCTION).values("author")
        ).values_list("pk", flat=True)
    )
    if document.signer_id is not None:
        leaders.add(document.signer_id)
    label = f"{document.number}《{document.title}》" if document.number else f"《{document.title}》"
    return intake_rules.Assignment("document", label, frozenset(leaders))


def assignment_of(document: Document) -> intake_rules.Assignment | None:
    """The leader's assignment ``document`` names (``signing_facts["leader_assignment"]``: the 批示
    or the document a leader assigned), read from the record now."""
    ref = (document.signing_facts or {}).get(ASSIGNMENT_KEY) or {}
    if "opinion" in ref:
        opinion = Opinion.objects.select_related("document").filter(pk=ref["opinion"]).first()
        if opinion is None:
            return intake_rules.Assignment("instruction", f"编号为{ref['opinion']}的批示（已不存在）")
        return _instruction_assignment(opinion)
    if "document" in ref:
        source = Document.objects.filter(pk=ref["document"]).first()
        if source is None:
            return intake_rules.Assignment("document", f"编号为{ref['document']}的公文（已不存在）")
        return _document_assignment(source)
    return None


def superiors_of(unit: Unit) -> tuple[UnitRef, ...]:
    """The issuer's superior bodies, nearest first (its ``parent`` chain)."""
    chain: list[UnitRef] = []
    seen = {unit.pk}
    current = unit.parent
    while current is not None and current.pk not in seen:
        chain.append(unit_ref(current))
        seen.add(current.pk)
        current = current.parent
    return tuple(chain)


def submission_facts(document: Document) -> SubmissionFacts:
    """What 初审 looks at, read from the document and its latest version."""
    person = document.addressed_person
    return SubmissionFacts(
        doc_type=document.doc_type,
        doc_type_label=str(DocType(document.doc_type).label),
        direction=document.direction,
        issuer=unit_ref(document.issuer),
        superiors=superiors_of(document.issuer),
        main_recipients=tuple(unit_ref(u) for u in document.main_recipients.all()),
        copy_recipients=tuple(unit_ref(u) for u in document.copy_recipients.all()),
        request_items=tuple(str(i) for i in document.request_items or ()),
        title=document.title,
        body=latest_version(document).body,
        addressed_person=person.name if person else None,
        addressed_person_id=person.pk if person else None,
        assignment=assignment_of(document),
        classification=document.classification,
        skip_level_reason=str((document.signing_facts or {}).get(SKIP_LEVEL_KEY, "")),
    )


def leader_ref(holder: Holder) -> LeaderRef:
    return LeaderRef(
        holder.person_id,
        holder.person_name,
        holder.position.title,
        holder.position.kind,
        holder.away,
        holder.acting_for.position.title if holder.acting_for else "",
    )


def person_ref(person: Person, day: dt.date) -> LeaderRef:
    """A person as the routing rules see them: by their government-leader position, if any."""
    appointments = list(
        Appointment.objects.filter(person=person, start__lte=day).exclude(end__lt=day).select_related("position")
    )
    appointments.sort(key=lambda a: (a.position.kind not in GOVERNMENT_LEADERS, a.position.sort_order))
    if not appointments:
        return LeaderRef(person.pk, person.name, "", "")
    position = appointments[0].position
    return LeaderRef(person.pk, person.name, position.title, position.kind)


def issuer_head(document: Document, day: dt.date) -> Holder | None:
    """Who holds the issuing unit's head on ``day`` (acting arrangements applied)."""
    return who_holds(Authority("head", document.issuer_id), day)


def routed_to(document: Document) -> Person | None:
    """The leader a submission is with now: the addressee of the last 拟办 or 转批."""
    last = (
        document.opinions.filter(kind__in=[OpinionKind.OFFICE_OPINION, OpinionKind.PASS_ON], addressed_to__isnull=False)
        .select_related("addressed_to")
        .order_by("-created_at", "-id")
        .first()
    )
    return last.addressed_to if last else None


# ---------------------------------------------------------------- countersign (会签, art. 50)


def unit_fact(unit: Unit) -> cs_rules.UnitFact:
    return cs_rules.UnitFact(unit.pk, unit.short_name or unit.name, unit.kind)


def doc_fact(document: Document) -> cs_rules.DocumentFact:
    return cs_rules.DocumentFact(
        document.pk, document.title, document.doc_type, document.state, unit_fact(document.issuer)
    )


def task_fact(task: CountersignTask) -> cs_rules.TaskFact:
    return cs_rules.TaskFact(
        id=task.pk,
        unit=unit_fact(task.unit),
        state=task.state,
        due=task.due,
        closes_at=deadline_close(task.due),
        extension_state=task.extension_state,
        extension_until=task.extension_until,
        replied_at=task.replied_at,
        statement_signed=task.statement_signed_at is not None,
    )


def statement_fact(document: Document) -> cs_rules.StatementFact:
    return cs_rules.StatementFact(document.disagreement_reasons, document.disagreement_proposal)


def countersign_tasks(document: Document) -> list[CountersignTask]:
    return list(document.countersigns.select_related("unit").order_by("unit__sort_order", "unit__code"))


def countersign_status(document: Document) -> Decision:
    """May this 请示 go up as far as countersign is concerned (art. 50)?  A refusal names every unit
    still to reply (with its deadline) or to countersign the statement of disagreement."""
    tasks = [task_fact(t) for t in countersign_tasks(document)]
    return cs_rules.ready_to_go_up(tasks, statement_fact(document), rulebook_of(document), timezone.now())


# ---------------------------------------------------------------- an outgoing document: who signs (art. 49)


def superior_roles() -> dict[str, str]:
    """Which units are the 自治区人民政府, the 州党委 and the 州人大常委会 (code → role): the
    configured codes (``settings.ZHENGWU_SUPERIOR_ROLES``, by default the demo's) that exist here."""
    configured: Mapping[str, str] = getattr(settings, "ZHENGWU_SUPERIOR_ROLES", fact_rules.SUPERIOR_ROLES)
    present = units_by_code(list(configured))
    return {code: role for code, role in configured.items() if code in present}


def _unit_data(unit: Unit) -> fact_rules.UnitData:
    return fact_rules.UnitData(unit.code, unit.kind, unit.short_name or unit.name)


def document_data(
    issuer: Unit,
    doc_type: str,
    main_recipients: Iterable[Unit],
    co_issuers: Iterable[Unit],
    replies_to: Document | None,
    direction: str,
    stated: Mapping[str, Any],
    concerned: Iterable[Unit],
) -> fact_rules.DocumentData:
    """A document (saved or not) as the art. 49 rules read it."""
    return fact_rules.DocumentData(
        issuer=_unit_data(issuer),
        doc_type=doc_type,
        main_recipients=tuple(_unit_data(u) for u in main_recipients),
        co_issuers=tuple(_unit_data(u) for u in co_issuers),
        replies_to_issuer=_unit_data(replies_to.issuer) if replies_to is not None else None,
        direction=direction,
        stated=dict(stated),
        concerned=tuple(_unit_data(u) for u in concerned),
    )


def derived_facts(document: Document) -> fact_rules.DerivedFacts:
    """The art. 49 facts of a saved document, read off it (its 文种, issuer, recipients, the request
    it answers, its 主办/涉及 units) and what its drafter stated.  Never refuses: a statement the
    document contradicts (from before the checks) gives way to the document."""
    stored = dict(document.signing_facts or {})
    stated = {k: v for k, v in stored.items() if k in FACT_NAMES}
    codes = [c for c in stored.get(CONCERNED_UNITS) or [] if isinstance(c, str)]
    found = units_by_code(codes)
    concerned = [found[c] for c in codes if c in found]
    data = document_data(
        document.issuer,
        document.doc_type,
        ordered(document.main_recipients.all()),
        ordered(document.co_issuers.all()) if document.pk else [],
        document.replies_to if document.replies_to_id else None,
        document.direction,
        stated,
        concerned,
    )
    return fact_rules.derive(data, superior_roles())


def units_with_function(name: str) -> list[Unit]:
    """The units that do ``name`` for the whole government (``Unit.functions``): ``legal_review``
    → the 司法局.  Read in Python: JSON containment is not available on every database."""
    return [u for u in Unit.objects.exclude(functions=[]).order_by("sort_order", "code") if name in u.functions]


def legal_units() -> list[Unit]:
    """The units that review the legality of cooperation agreements (art. 52): the 司法局."""
    return units_with_function(out_rules.LEGAL_REVIEW_FUNCTION)


def is_cooperation_agreement(document: Document) -> bool:
    return bool((document.signing_facts or {}).get(out_rules.COOPERATION_AGREEMENT))


def is_normative(document: Document) -> bool:
    """A normative document (规范性文件): marked as one the 州政府 publishes (``published_instrument``
    stated).  The 公文 of a draft from the legislation flow is always so marked
    (``legislation.actions.adoption.prepare_document``); read off the row, with no query."""
    return (document.signing_facts or {}).get("published_instrument") is True


def needs_legal_review(document: Document) -> bool:
    """The 司法局 reviews it before signature: a cooperation agreement (art. 52) or a normative
    document (arts. 20, 22)."""
    return is_cooperation_agreement(document) or is_normative(document)


def co_issuers_of(document: Document) -> list[Unit]:
    return ordered(document.co_issuers.all())


def _current_opinions(document: Document, kind: str) -> list[Opinion]:
    """Opinions of ``kind`` on the document's current 正文 version, oldest first."""
    version = latest_version(document)
    return list(
        document.opinions.filter(kind=kind, version=version).select_related("unit").order_by("created_at", "id")
    )


def legal_reviews(document: Document) -> list[out_rules.LegalReviewFact]:
    return [
        out_rules.LegalReviewFact(
            passed=bool(o.passed),
            version=o.version.number if o.version else 0,
            unit_name=unit_ref(o.unit).name if o.unit else "",
            opinion=o.text,
        )
        for o in document.opinions.filter(kind=OpinionKind.LEGAL_REVIEW)
        .select_related("unit", "version")
        .order_by("created_at", "id")
    ]


def joint_countersigned(document: Document) -> set[int]:
    """The co-issuers whose heads have countersigned the current version."""
    return {o.unit_id for o in _current_opinions(document, OpinionKind.JOINT_COUNTERSIGN) if o.unit_id}


def joint_countersign_pending(document: Document) -> list[Unit]:
    """The co-issuers of a joint document whose heads have not countersigned its current version."""
    done = joint_countersigned(document)
    return [u for u in co_issuers_of(document) if u.pk not in done]


def before_signing(document: Document) -> list[Decision]:
    """What arts. 20 and 22 (a normative document's legality review), art. 52 (a cooperation
    agreement's) and art. 50 (every co-issuer's countersign of a joint document) require before
    signature."""
    rb = rulebook_of(document)
    reviews = legal_reviews(document)
    current = latest_version(document).number
    legal = [unit_ref(u) for u in legal_units()]
    return [
        out_rules.normative_ready(is_normative(document), reviews, current, legal, rb),
        out_rules.agreement_ready(is_cooperation_agreement(document), reviews, current, legal, rb),
        out_rules.joint_ready([unit_ref(u) for u in co_issuers_of(document)], joint_countersigned(document), rb),
    ]


def units_of(derived: fact_rules.DerivedFacts) -> list[Unit]:
    """The 主办/涉及 units of ``derived``, in its order."""
    codes = [u.code for u in derived.concerned]
    found = units_by_code(codes)
    return [found[c] for c in codes if c in found]


def holders_for(issuer: Unit, concerned: Sequence[Unit], day: dt.date) -> SigningHolders:
    """Who holds each seat art. 49 may name, on ``day`` (acting arrangements applied), and which of
    the 主办/涉及 units have no 分管 leader then."""
    portfolio = [(u, who_holds(Authority("portfolio", u.pk), day)) for u in concerned]
    office = office_id()
    return SigningHolders(
        governor=who_holds(Authority("governor"), day),
        executive_vice_governor=who_holds(Authority("executive"), day),
        portfolio_leaders=tuple(h for _, h in portfolio if h is not None),
        secretary_general=who_holds(Authority("secretary_general"), day),
        office_director=who_holds(Authority("head", office), day) if office else None,
        unit_head=who_holds(Authority("head", issuer.pk), day),
        concerned=tuple(u.short_name or u.name for u in concerned),
        without_portfolio=tuple(u.short_name or u.name for u, h in portfolio if h is None),
    )


def signing_requirement_for(document: Document, day: dt.date | None = None) -> SigningRequirement:
    """Who must review and sign this document on ``day`` (today): shown before anyone asks (art. 49).

    Worked out from the document (:func:`derived_facts`); after a substantive change to a signed
    document, narrowed to its original signer while he can sign (:func:`for_recheck`)."""
    day = day or timezone.localdate()
    rb = rulebook_of(document)
    derived = derived_facts(document)
    requirement = requirement_of(derived.facts, holders_for(document.issuer, units_of(derived), day), rb)
    if document.recheck_signer_id and document.state == DocState.AWAITING_SIGNATURE:
        original = Person.objects.filter(pk=document.recheck_signer_id).first()
        if original is not None:
            requirement = for_recheck(requirement, original.pk, original.name)
    notes: list[str] = []
    if is_normative(document):
        notes.append(out_rules.normative_note([unit_ref(u) for u in legal_units()], rb))
    if is_cooperation_agreement(document):
        notes.append(out_rules.agreement_note([unit_ref(u) for u in legal_units()], rb))
    co_issuers = co_issuers_of(document) if document.pk else []
    if co_issuers:
        notes.append(out_rules.joint_note([unit_ref(u) for u in co_issuers], rb))
    return replace(requirement, notes=(*requirement.notes, *notes)) if notes else requirement


def steps_done(document: Document) -> set[int]:
    """The people who have taken a step before signing (审核, 提出意见, 同意) on the 正文's current
    version: a step taken on an earlier version no longer counts."""
    version = latest_version(document)
    authors = document.opinions.filter(kind=OpinionKind.SIGNING_STEP, version=version).values("author")
    return set(Person.objects.filter(user__in=authors).values_list("pk", flat=True))


# ---------------------------------------------------------------- what each act requires: a submission


def revise_checks(actor: AbstractBaseUser, doc: Document) -> list[Decision]:
    """修改 a submission: a draft, or a returned document being corrected (art. 52), by the issuing
    unit's staff."""
    provision = "review.return_with_reasons" if doc.state == DocState.RETURNED else "intake.rules"
    return [
        state_check(doc, EDITABLE, "修改", provision),
        intake_rules.may_draft(positions_of(actor, timezone.localdate()), unit_ref(doc.issuer), rulebook_of(doc)),
    ]


def request_countersign_checks(actor: AbstractBaseUser, doc: Document) -> list[Decision]:
    """发起会签 (art. 50): the lead unit's staff, on its draft 请示 (the units asked are input)."""
    return cs_rules.may_consult(positions_of(actor, timezone.localdate()), doc_fact(doc), rulebook_of(doc))


def sign_and_submit_checks(actor: AbstractBaseUser, doc: Document) -> list[Decision]:
    """签发报送 (art. 49): the unit's head or the deputy acting for the head; a returned document
    only once corrected (art. 52); countersign complete (art. 50); a 密级 the system may hold."""
    rb = rulebook_of(doc)
    person = actor_person(actor)
    holder = issuer_head(doc, timezone.localdate())
    checks = [
        state_check(doc, SIGNABLE, "签发报送", "signing.unit_document"),
        intake_rules.may_sign_submission(
            person.pk, person.name, unit_ref(doc.issuer), leader_ref(holder) if holder else None, rb
        ),
    ]
    if doc.state == DocState.RETURNED and latest_version(doc).frozen:
        checks.append(
            Decision.refuse(
                "review.not_corrected",
                _("退回的公文应当按退文理由修改后重新报送，本件退回后尚未修改。"),
                rb.cite("review.return_with_reasons"),
            )
        )
    checks += [
        countersign_status(doc),
        intake_rules.check_classification(doc.classification, settings.ZHENGWU_CLASSIFICATION_CEILING, rb),
    ]
    return checks


def statement_checks(actor: AbstractBaseUser, doc: Document) -> list[Decision]:
    """列明各方理据 (art. 50): the lead unit's head, once every unit consulted has answered and one
    disagrees (the reasons and the proposal are input)."""
    rb = rulebook_of(doc)
    person = person_of(actor)
    return [
        cs_rules.may_act_for_unit(
            person.pk if person else None,
            issuer_head(doc, timezone.localdate()),
            unit_fact(doc.issuer),
            rb,
            "countersign.disagreement",
            what="列明各方理据",
        ),
        cs_rules.statement_due(doc_fact(doc), [task_fact(t) for t in countersign_tasks(doc)], rb),
    ]


def _office_handles(actor: AbstractBaseUser, doc: Document, what: str, provision: str = "intake.rules") -> Decision:
    return intake_rules.may_handle_intake(positions_of(actor), office_id(), what, rulebook_of(doc), provision)


def receive_checks(actor: AbstractBaseUser, doc: Document) -> list[Decision]:
    """签收登记: the office, a submitted document."""
    return [_office_handles(actor, doc, "签收登记"), state_check(doc, [DocState.SUBMITTED], "签收", "intake.rules")]


def check_checks(actor: AbstractBaseUser, doc: Document) -> list[Decision]:
    """初审 (art. 48): the office, a received document."""
    return [_office_handles(actor, doc, "初审"), state_check(doc, [DocState.RECEIVED], "初审", "intake.rules")]


def office_return_checks(actor: AbstractBaseUser, doc: Document) -> list[Decision]:
    """退文 (art. 52): the office, during or after 初审 (the grounds and reason are input)."""
    return [
        _office_handles(actor, doc, "退文", "review.return_with_reasons"),
        state_check(doc, RETURNABLE, "退文", "review.return_with_reasons"),
    ]


def office_opinion_checks(actor: AbstractBaseUser, doc: Document) -> list[Decision]:
    """拟办 (art. 51): the office's leadership, once 初审 has passed (where it goes depends on
    whether the matter is major: input)."""
    rb = rulebook_of(doc)
    may_write = intake_rules.may_write_office_opinion(positions_of(actor), rb)
    if doc.state == DocState.RECEIVED:
        return [
            may_write,
            Decision.refuse(
                "review.not_checked",
                _("公文签收后应当先经初审，初审通过后才能拟办。"),
                rb.cite("intake.rules"),
            ),
        ]
    return [may_write, state_check(doc, [DocState.CHECKED], "拟办", "review.office_opinion")]


def _routed_checks(actor: AbstractBaseUser, doc: Document, what: str) -> list[Decision]:
    person = actor_person(actor)
    today = timezone.localdate()
    current = routed_to(doc)
    return [
        state_check(doc, [DocState.ROUTED], what, "review.routing"),
        intake_rules.may_act_on_routed(
            person.pk, person_ref(current, today) if current else None, what, rulebook_of(doc)
        ),
    ]


def pass_on_checks(actor: AbstractBaseUser, doc: Document) -> list[Decision]:
    """转批 (art. 51): the leader the document is routed to (to whom is input)."""
    return _routed_checks(actor, doc, "转批")


def instruct_checks(actor: AbstractBaseUser, doc: Document) -> list[Decision]:
    """批示 (art. 51): the leader the document is routed to."""
    return _routed_checks(actor, doc, "批示")


def _government() -> Unit | None:
    return Unit.objects.filter(kind=UnitKind.GOVERNMENT).order_by("sort_order").first()


def draft_reply_checks(actor: AbstractBaseUser, doc: Document) -> list[Decision]:
    """起草答复: once a leader has instructed on a submission, the office drafts the government's
    reply (a new outgoing document, :func:`zhengwu.documents.actions.outgoing.draft_outgoing`,
    which asks the drafting rules again for the issuer chosen)."""
    rb = rulebook_of(doc)
    government = _government()
    if government is None:
        drafter = Decision.refuse(
            "outgoing.no_government", _("组织机构中没有州人民政府，无法起草答复。"), rb.cite("review.routing")
        )
    else:
        drafter = out_rules.may_draft(positions_of(actor), unit_ref(government), office_id(), rb)
    return [state_check(doc, [DocState.INSTRUCTED], "起草答复", "review.routing"), drafter]


# ---------------------------------------------------------------- what each act requires: an outgoing document


def _drafter(actor: AbstractBaseUser, doc: Document) -> Decision:
    return out_rules.may_draft(positions_of(actor), unit_ref(doc.issuer), office_id(), rulebook_of(doc))


def revise_outgoing_checks(actor: AbstractBaseUser, doc: Document) -> list[Decision]:
    """修改正文: the drafting unit's staff, until the document is issued (under review it goes back to
    review, after signature to its signer)."""
    return [_drafter(actor, doc), state_check(doc, OUTGOING_EDITABLE, "修改", "documents.paperless")]


def submit_for_review_checks(actor: AbstractBaseUser, doc: Document) -> list[Decision]:
    """送审: the drafting unit's staff, a draft."""
    return [_drafter(actor, doc), state_check(doc, [DocState.DRAFT], "送审", "review.office_opinion")]


def review_checks(actor: AbstractBaseUser, doc: Document) -> list[Decision]:
    """审核 (art. 51): the office's leadership for the government's and the office's documents, the
    issuing unit's for its own."""
    return [
        out_rules.may_review(positions_of(actor), unit_ref(doc.issuer), rulebook_of(doc)),
        state_check(doc, [DocState.REVIEWING], "审核", "review.office_opinion"),
    ]


def signing_step_checks(actor: AbstractBaseUser, doc: Document) -> list[Decision]:
    """A step art. 49 sets before signing (the 分管 leader's review, the 州长's agreement…), by a
    person it names, on the 正文's current version."""
    requirement = signing_requirement_for(doc)
    return [
        state_check(doc, [DocState.AWAITING_SIGNATURE], "审核签批", "signing.authority"),
        out_rules.may_take_step(requirement, actor_person(actor).pk, steps_done(doc)),
    ]


def sign_checks(actor: AbstractBaseUser, doc: Document) -> list[Decision]:
    """签发 (art. 49) by exactly the person it requires this day, once the steps before signing are
    taken, a cooperation agreement's legality reviewed (art. 52) and a joint document countersigned
    by every co-issuer (art. 50).  The last decision is the signing rule's (its citation is the
    audit's)."""
    requirement = signing_requirement_for(doc)
    person = actor_person(actor)
    return [
        state_check(doc, [DocState.AWAITING_SIGNATURE], requirement.verb, "signing.authority"),
        *before_signing(doc),
        may_sign(requirement, person.pk, steps_done(doc)),
    ]


def joint_heads(doc: Document) -> list[tuple[UnitRef, Holder | None]]:
    """Each co-issuer of a joint document with its head today."""
    today = timezone.localdate()
    return [(unit_ref(u), who_holds(Authority("head", u.pk), today)) for u in co_issuers_of(doc)]


def countersign_joint_checks(actor: AbstractBaseUser, doc: Document) -> list[Decision]:
    """联合发文会签 (art. 50): a co-issuer's head (or acting head), on the current version, before
    signature.  The allowing decision names the co-issuer (``facts["unit_id"]``)."""
    return [
        out_rules.may_countersign_joint(
            actor_person(actor).pk, joint_heads(doc), joint_countersigned(doc), doc.state, rulebook_of(doc)
        )
    ]


def legal_review_checks(actor: AbstractBaseUser, doc: Document) -> list[Decision]:
    """合法性审核: the 司法局's staff, a cooperation agreement (art. 52) or a normative document
    (arts. 20, 22) before signature."""
    return [
        out_rules.may_review_legality(
            positions_of(actor),
            [unit_ref(u) for u in legal_units()],
            is_cooperation_agreement(doc),
            doc.state,
            rulebook_of(doc),
            normative=is_normative(doc),
        )
    ]


def issue_checks(actor: AbstractBaseUser, doc: Document) -> list[Decision]:
    """登记印发: the office for the government's and its own documents, the issuing unit for its own;
    a signed document."""
    return [
        out_rules.may_issue(positions_of(actor), office_id(), unit_ref(doc.issuer), rulebook_of(doc)),
        state_check(doc, [DocState.SIGNED], "登记印发", "documents.paperless"),
    ]


# ---------------------------------------------------------------- what a person may do now

Checks = Callable[[AbstractBaseUser, Document], list[Decision]]

#: The acts on a submission, by the name the page and the API use, with what each requires.
SUBMISSION_ACTS: dict[str, Checks] = {
    "revise": revise_checks,
    "request_countersign": request_countersign_checks,
    "sign_and_submit": sign_and_submit_checks,
    "statement": statement_checks,
    "receive": receive_checks,
    "check": check_checks,
    "office_return": office_return_checks,
    "office_opinion": office_opinion_checks,
    "draft_reply": draft_reply_checks,
    "pass_on": pass_on_checks,
    "instruct": instruct_checks,
}
#: The acts on an outgoing document.
OUTGOING_ACTS: dict[str, Checks] = {
    "revise": revise_outgoing_checks,
    "submit_for_review": submit_for_review_checks,
    "review": review_checks,
    "signing_step": signing_step_checks,
    "countersign_joint": countersign_joint_checks,
    "legal_review": legal_review_checks,
    "sign": sign_checks,
    "issue": issue_checks,
}


def acts_of(doc: Document) -> dict[str, Checks]:
    """The acts on ``doc``'s workflow, in the order a page offers them."""
    return SUBMISSION_ACTS if doc.flow == Flow.SUBMISSION else OUTGOING_ACTS


def cannot_tell(exc: InvalidInput, doc: Document) -> Decision:
    """No person behind the account, an art. 49 fact that cannot be read: the act cannot be judged,
    and the refusal cites the article whose conditions could not be read."""
    provision = "intake.rules" if doc.flow == Flow.SUBMISSION else "signing.authority"
    return Decision.refuse("documents.cannot_tell", exc.message, rulebook_of(doc).cite(provision))


def available_actions(actor: AbstractBaseUser, doc: Document) -> dict[str, Decision]:
    """For each act on ``doc``'s workflow: allowed (the act's last allowing decision), or the first
    decision that refuses it, with its article — the same decisions the action asks, so a page can
    offer exactly what the action will do, or say why not.  An archived document refuses every act
    (art. 53), as every action does when it takes its lock."""
    closed = open_check(doc)
    if not closed.allowed:
        return dict.fromkeys(acts_of(doc), closed)
    return offered(acts_of(doc), actor, doc, cannot_tell)


def allowed_actions(actor: AbstractBaseUser, doc: Document) -> set[str]:
    """The names of the acts ``actor`` may take on ``doc`` now."""
    return {name for name, d in available_actions(actor, doc).items() if d.allowed}


# ---------------------------------------------------------------- the acts on an archived dossier (art. 53)


def download_archive_checks(actor: AbstractBaseUser, doc: Document) -> list[Decision]:
    """下载归档包: the document is archived.  (Who: whoever may read the document —
    ``documents_visible_to``; the pages and the API answer 404 to anyone else, and the action asks
    again.)"""
    return [archive_rules.check_package_exists(is_archived(doc), rulebook_of(doc))]


#: The acts on a document's archive package, offered once it is archived (the workflow's acts are
#: all refused then).
ARCHIVE_ACTS: dict[str, Checks] = {
    "download_archive": download_archive_checks,
}


def archive_actions_of(actor: AbstractBaseUser, doc: Document) -> dict[str, Decision]:
    return offered(ARCHIVE_ACTS, actor, doc)


# ---------------------------------------------------------------- the acts on a countersign task (会签)


def _person_id(actor: AbstractBaseUser) -> int | None:
    person = person_of(actor)
    return person.pk if person else None


def unit_head(unit: Unit, day: dt.date | None = None) -> Holder | None:
    """The unit's head (or acting head) on ``day`` (today): who answers for it (art. 50)."""
    return who_holds(Authority("head", unit.pk), day or timezone.localdate())


def reply_checks(actor: AbstractBaseUser, task: CountersignTask) -> list[Decision]:
    """会签回复 (art. 50): the consulted unit's head (or acting head), once, before the deadline."""
    rb = rulebook_of(task.document)
    fact = task_fact(task)
    return [
        cs_rules.may_answer(fact, timezone.now(), rb),
        cs_rules.may_act_for_unit(_person_id(actor), unit_head(task.unit), fact.unit, rb),
    ]


def request_extension_checks(actor: AbstractBaseUser, task: CountersignTask) -> list[Decision]:
    """申请延期: the consulted unit's head, before the deadline, one request at a time."""
    rb = rulebook_of(task.document)
    fact = task_fact(task)
    return [
        cs_rules.may_answer(fact, timezone.now(), rb),
        cs_rules.may_request_extension(fact, rb),
        cs_rules.may_act_for_unit(_person_id(actor), unit_head(task.unit), fact.unit, rb, what=_("申请延期")),
    ]


def decide_extension_checks(actor: AbstractBaseUser, task: CountersignTask) -> list[Decision]:
    """答复延期申请: the lead unit's head, while a request waits and before the current deadline."""
    doc = task.document
    rb = rulebook_of(doc)
    fact = task_fact(task)
    return [
        cs_rules.may_answer(fact, timezone.now(), rb),
        cs_rules.has_extension_request(fact, rb),
        cs_rules.may_act_for_unit(
            _person_id(actor), unit_head(doc.issuer), unit_fact(doc.issuer), rb, what=_("答复延期申请")
        ),
    ]


def sign_statement_checks(
    actor: AbstractBaseUser, task: CountersignTask, tasks: Sequence[CountersignTask] | None = None
) -> list[Decision]:
    """会签分歧说明 (art. 50): every consulted unit's head, once it has replied and the lead unit has
    written the statement.  ``tasks``: the document's tasks, when the caller has them already."""
    doc = task.document
    rb = rulebook_of(doc)
    fact = task_fact(task)
    others = [task_fact(t) for t in (countersign_tasks(doc) if tasks is None else tasks) if t.pk != task.pk]
    return [
        cs_rules.check_statement_signature(fact, statement_fact(doc), rb, others),
        cs_rules.may_act_for_unit(
            _person_id(actor), unit_head(task.unit), fact.unit, rb, "countersign.disagreement", what=_("会签分歧说明")
        ),
    ]


TaskChecks = Callable[[AbstractBaseUser, CountersignTask], list[Decision]]

#: The acts on a countersign task, by the name the page and the API use.
TASK_ACTS: dict[str, TaskChecks] = {
    "reply": reply_checks,
    "request_extension": request_extension_checks,
    "decide_extension": decide_extension_checks,
    "sign_statement": sign_statement_checks,
}


def available_task_actions(actor: AbstractBaseUser, task: CountersignTask) -> dict[str, Decision]:
    """For each act on a countersign task, allowed or the first refusal with its article (as
    :func:`available_actions` for a document); an archived document refuses every act."""
    closed = open_check(task.document)
    if not closed.allowed:
        return dict.fromkeys(TASK_ACTS, closed)
    return offered(TASK_ACTS, actor, task)


def task_actions_of(
    actor: AbstractBaseUser, doc: Document, tasks: Sequence[CountersignTask]
) -> dict[int, dict[str, Decision]]:
    """:func:`available_task_actions` for every task of ``doc`` at once (a page, the API detail):
    the document's own facts are read once, not once per task."""
    closed = open_check(doc)
    acts: dict[str, TaskChecks] = {
        **TASK_ACTS,
        "sign_statement": lambda a, t: sign_statement_checks(a, t, tasks),
    }
    out: dict[int, dict[str, Decision]] = {}
    for task in tasks:
        task.document = doc  # the document in hand: no query per task
        out[task.pk] = dict.fromkeys(TASK_ACTS, closed) if not closed.allowed else offered(acts, actor, task)
    return out
