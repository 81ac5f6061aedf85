"""Reading documents: who may see which (art. 61: a document is seen by those it is addressed,
routed or distributed to), as one set-based query shared by the web pages and the API; what needs
a person (the to-do list, 待办), the timeline of a document with the opinions written at each
step, and which printed copy (份号) a reader gets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Decision, InvalidInput
from zhengwu.core.i18n import _
from zhengwu.documents.models import (
    CountersignState,
    CountersignTask,
    Delivery,
    DocState,
    Document,
    DocumentVersion,
    ExtensionState,
    Flow,
    Opinion,
    OpinionKind,
)
from zhengwu.documents.rules import outgoing as out_rules
from zhengwu.documents.rules.intake import OFFICE_LEADERS
from zhengwu.documents.rules.outgoing import (
    AGREEMENT_REVIEW,
    BEFORE_SIGNATURE,
    COOPERATION_AGREEMENT,
    LEGAL_REVIEW_FUNCTION,
)
from zhengwu.documents.rules.signing import may_sign
from zhengwu.documents.selectors import legal_units, signing_requirement_for, unit_ref
from zhengwu.org import rules as org_rules
from zhengwu.org.models import Person, Portfolio, Unit, UnitKind
from zhengwu.org.rules import ADMINISTRATORS, GOVERNMENT_LEADERS, Authority, Holder, PositionFact
from zhengwu.org.services import load_facts, office_unit, person_of, positions_of
from zhengwu.rulebook.citing import article, cite
from zhengwu.rulebook.services import rulebook_of, rulebook_view

GOVERNMENT_KINDS = [UnitKind.GOVERNMENT, UnitKind.OFFICE]


def documents_visible_to(user: AbstractBaseUser, documents: QuerySet[Document] | None = None) -> QuerySet[Document]:
    """The documents ``user`` may read:

    - the issuing unit's and any co-issuer's staff, and the staff of units it was delivered to
      (核发; not once the delivery is withdrawn with a cancelled number) or asked to countersign
      (会签); the legality-review unit (司法局) for the cooperation agreements it must review
      (art. 52);
    - the government office's staff (not its system administrator): everything issued in the name
      of the government or its office, and what is submitted to them, or copied to them (抄送,
      e.g. the body a unit skipped, art. 48), once it has been sent (the office receives, reviews,
      numbers and distributes them) — not a unit's drafts;
    - government leaders: the government's and the office's documents, what the units in their
      portfolio (分管, art. 7) send out once drafted (their 「经同意」 documents await the leader's 签批),
      and submissions routed to them (拟办, 转批) or addressed to them;
    - the person a document is addressed to.
    """
    documents = documents if documents is not None else Document.objects.all()
    positions = positions_of(user)
    units = {p.unit_id for p in positions if p.kind not in ADMINISTRATORS}
    q = (
        Q(issuer_id__in=units)
        | Q(co_issuers__in=units)
        | Q(deliveries__unit_id__in=units, deliveries__withdrawn_at__isnull=True)
        | Q(countersigns__unit_id__in=units)
    )
    functions = {f for u in Unit.objects.filter(pk__in=units).only("functions") for f in (u.functions or [])}
    if "legal_review" in functions:  # the legality-review unit (art. 52) sees the agreements it must review
        q |= Q(signing_facts__cooperation_agreement=True)
    government = Q(issuer__kind__in=GOVERNMENT_KINDS)
    sent = ~Q(state__in=[DocState.DRAFT, DocState.COUNTERSIGNING])
    if any(p.unit_kind == UnitKind.OFFICE and p.kind not in ADMINISTRATORS for p in positions):
        q |= government | (
            (
                Q(main_recipients__kind__in=GOVERNMENT_KINDS)
                | Q(flow=Flow.SUBMISSION, copy_recipients__kind__in=GOVERNMENT_KINDS)
            )
            & sent
        )
    person = person_of(user)
    if person is not None:
        q |= Q(addressed_person=person) | Q(opinions__addressed_to=person) | Q(signer=person)
        if any(p.kind in GOVERNMENT_LEADERS for p in positions):
            overseen = (
                Portfolio.objects.filter(leader_id__in=[p.id for p in positions])
                .filter(Q(end__isnull=True) | Q(end__gte=timezone.localdate()))
                .values("units")
            )
            q |= government | (Q(issuer_id__in=overseen, flow=Flow.OUTGOING) & sent)
    return documents.filter(q).distinct()


SIGNING_STATES = (DocState.REVIEWING, DocState.AWAITING_SIGNATURE)


def document_visible_to(user: AbstractBaseUser, document: Document) -> bool:
    """One document: :func:`documents_visible_to`, and also the people art. 49 names to review
    or sign an outgoing document awaiting signature (worked out for today, not stored)."""
    if documents_visible_to(user).filter(pk=document.pk).exists():
        return True
    person = person_of(user)
    if person is None or document.flow != Flow.OUTGOING or document.state not in SIGNING_STATES:
        return False
    try:
        requirement = signing_requirement_for(document)
    except InvalidInput:
        return False
    named = set(requirement.signer_person_ids).union(*(s.person_ids for s in requirement.steps))
    return person.pk in named


def document_history(document: Document) -> list[AuditRecord]:
    """The document's whole audit history in the chain's order: its own records and those of its
    countersign tasks and deliveries (the timeline on its page, in the API and in the archive)."""
    q = Q(object_type=Document._meta.label_lower, object_id=str(document.pk))
    for model, ids in (
        (CountersignTask, document.countersigns.values_list("pk", flat=True)),
        (Delivery, document.deliveries.values_list("pk", flat=True)),
    ):
        keys = [str(pk) for pk in ids]
        if keys:
            q |= Q(object_type=model._meta.label_lower, object_id__in=keys)
    return list(AuditRecord.objects.filter(q).order_by("seq"))


# ---------------------------------------------------------------- the timeline


@dataclass(frozen=True)
class TimelineEntry:
    """One step of a document's timeline: the audit record, and the opinion written at that step
    (审核意见, 拟办, 转批, 批示, 退文理由, 签发前意见…) with its label, when there is one."""

    record: AuditRecord
    opinion: str = ""
    opinion_label: str = ""


def _opinion_text(record: AuditRecord, opinions: dict[int, Opinion]) -> tuple[str, str]:
    """The opinion of one step, from the opinion the record points at or the text it carries."""
    details: dict[str, Any] = record.details if isinstance(record.details, dict) else {}
    ref = details.get("opinion")
    if isinstance(ref, int) and not isinstance(ref, bool) and ref in opinions:
        opinion = opinions[ref]
        return opinion.text, str(OpinionKind(opinion.kind).label) if opinion.kind in OpinionKind.values else ""
    action = record.action
    if action.endswith(".review_passed") or action.endswith(".review_returned"):
        label = "审核意见" if action.endswith("passed") else str(OpinionKind.REVIEW_RETURN.label)
        return (str(ref) if isinstance(ref, str) else ""), label
    if action.endswith(".legal_review"):
        return (str(ref) if isinstance(ref, str) else ""), str(OpinionKind.LEGAL_REVIEW.label)
    if action.endswith(".signing_step") or action.endswith(".joint_countersign"):
        kind = OpinionKind.SIGNING_STEP if action.endswith(".signing_step") else OpinionKind.JOINT_COUNTERSIGN
        return str(details.get("text") or ""), str(kind.label)
    if action.endswith(".instruct"):
        return str(details.get("text") or ""), str(OpinionKind.INSTRUCTION.label)
    if action.endswith(".return") and isinstance(details.get("reasons"), list):
        return "\n".join(f"{n}. {r}" for n, r in enumerate(details["reasons"], 1)), str(OpinionKind.CHECK_RETURN.label)
    if action == "documents.outgoing.withdraw_issue":  # 作废发文字号, the issue withdrawn
        return str(details.get("reason") or ""), "作废原因"
    if action == "documents.countersign.statement":
        text = f"各方理据：{details.get('reasons', '')}\n办理建议：{details.get('proposal', '')}"
        return text, "分歧说明"
    return "", ""


def document_timeline(document: Document, history: Sequence[AuditRecord] | None = None) -> list[TimelineEntry]:
    """:func:`document_history` with the opinion written at each step shown in its entry: the
    office's review, 拟办, a leader's 转批 and 批示, a return's reasons, the steps before signing."""
    records = list(history) if history is not None else document_history(document)
    opinions = {o.pk: o for o in document.opinions.all()}
    out = []
    for record in records:
        text, label = _opinion_text(record, opinions)
        out.append(TimelineEntry(record, text.strip(), label if text.strip() else ""))
    return out


# ---------------------------------------------------------------- who is looking


def holds(person_id: int, holder: Holder | None) -> bool:
    """The holder of a unit's head, or the head while an acting head stands in (both may act)."""
    if holder is None:
        return False
    return holder.person_id == person_id or (holder.acting_for is not None and holder.acting_for.person_id == person_id)


@dataclass
class Viewer:
    """A signed-in user as the documents pages and the API see them."""

    user: AbstractBaseUser
    person: Person | None
    positions: list[PositionFact]
    office_id: int | None
    today: dt.date = field(default_factory=timezone.localdate)

    @classmethod
    def of(cls, user: AbstractBaseUser) -> Viewer:
        office = office_unit()
        return cls(user, person_of(user), positions_of(user), office.pk if office else None)

    @cached_property
    def unit_ids(self) -> frozenset[int]:
        return frozenset(p.unit_id for p in self.positions if p.kind not in org_rules.ADMINISTRATORS)

    @property
    def is_office(self) -> bool:
        """Office staff handle the government's mail: they see every document."""
        return self.office_id is not None and self.office_id in self.unit_ids

    @property
    def is_office_leader(self) -> bool:
        return any(p.kind in OFFICE_LEADERS for p in self.positions)

    @property
    def is_leader(self) -> bool:
        return any(p.kind in GOVERNMENT_LEADERS for p in self.positions)

    @cached_property
    def recipient_unit_ids(self) -> frozenset[int]:
        """Units whose inbox the viewer handles: their own (the government's is the office's)."""
        own = {
            p.unit_id for p in self.positions if p.kind not in org_rules.ADMINISTRATORS and p.unit_kind != "government"
        }
        if self.is_office:
            own |= set(Unit.objects.filter(kind=UnitKind.GOVERNMENT).values_list("pk", flat=True))
        return frozenset(own)

    @cached_property
    def legal_review_unit_ids(self) -> frozenset[int]:
        """The viewer's units that review the legality of cooperation agreements (the 司法局, art. 52)."""
        if not self.unit_ids:
            return frozenset()
        return frozenset(
            u.pk
            for u in Unit.objects.filter(pk__in=self.unit_ids).only("functions")
            if LEGAL_REVIEW_FUNCTION in (u.functions or [])
        )

    @cached_property
    def headed_unit_ids(self) -> frozenset[int]:
        """Units the viewer heads today, or stands in for the head of (art. 50: 部门负责人会签)."""
        if self.person is None or not self.unit_ids:
            return frozenset()
        facts = load_facts(self.today)
        rb = rulebook_view(self.today)
        out = set()
        for unit_id in self.unit_ids:
            holder = org_rules.resolve_holder(Authority("head", unit_id), self.today, facts, rb)
            if holds(self.person.pk, holder):
                out.add(unit_id)
        return frozenset(out)


# ---------------------------------------------------------------- to-dos (待办)

TO_DOS_SHOWN = 100  # the most to-dos of one kind a list shows (待办列表每类最多显示的条数)
AWAITING_SIGNATURE_SCANNED = 20  # outgoing documents awaiting signature looked at for 待签发
ROUTING_KINDS = [OpinionKind.OFFICE_OPINION, OpinionKind.PASS_ON]
SUBMISSION_OPEN = [DocState.DRAFT, DocState.COUNTERSIGNING, DocState.RETURNED]
OUTGOING_OPEN = [DocState.DRAFT]


@dataclass(frozen=True)
class Todo:
    """Something a document needs from the viewer: ``what`` (e.g. 「待签发」), a note, a deadline.
    ``kind`` is a stable key for API clients (countersign, statement, extension, draft, intake,
    reply, routed, sign, sign_waiting, signing_step, joint_countersign, legal_review, delivery).
    ``sign_waiting``: the viewer signs, but not yet — the note says what it waits for (a step
    before signing, a co-issuer's countersign, the legality review, a vacant seat)."""

    document: Document
    what: str
    note: str = ""
    due: dt.date | None = None
    kind: str = ""


def _routed_to_subquery() -> Subquery:
    latest = (
        Opinion.objects.filter(document=OuterRef("pk"), kind__in=ROUTING_KINDS, addressed_to__isnull=False)
        .order_by("-created_at", "-id")
        .values("addressed_to_id")[:1]
    )
    return Subquery(latest)


def document_todos(viewer: Viewer) -> list[Todo]:
    """What needs the viewer: countersign of a unit they head (and the statement of a disagreement,
    which every unit consulted countersigns, art. 50), their unit's drafts and returned documents,
    the office's intake and issuing, leaders' 呈批 and signatures (待签发, art. 49; a unit head's for
    his unit's documents), the steps before signing, a co-issuer's countersign of a joint document
    (art. 50), the 司法局's legality review of a cooperation agreement (art. 52), deliveries to sign
    for (not withdrawn ones).  The web pages and the API show this one list."""
    todos: list[Todo] = []
    docs = Document.objects.select_related("issuer")
    headed = viewer.headed_unit_ids
    if headed:
        statement_due = (
            Q(
                document__state=DocState.COUNTERSIGNING,
                statement_signed_at__isnull=True,
                document__countersigns__state=CountersignState.DISAGREED,
            )
            & ~Q(document__disagreement_reasons="")
            & ~Q(state=CountersignState.PENDING)
        )
        tasks = (
            CountersignTask.objects.filter(unit_id__in=headed)
            .filter(Q(state=CountersignState.PENDING) | statement_due)
            .distinct()
            .select_related("document__issuer", "unit")
            .order_by("due")[:TO_DOS_SHOWN]
        )
        for task in tasks:
            if task.state == CountersignState.PENDING:
                todos.append(
                    Todo(
                        task.document,
                        f"会签（{task.unit.short_name or task.unit.name}）",
                        f"回复同意、原则同意或不同意；逾期未回复视为无不同意见{cite('countersign.silence')}",
                        task.due,
                        "countersign",
                    )
                )
            else:
                todos.append(
                    Todo(
                        task.document,
                        "会签分歧说明",
                        f"主办单位已列明各方理据，请会签{cite('countersign.disagreement')}",
                        kind="statement",
                    )
                )
        for task in CountersignTask.objects.filter(
            document__issuer_id__in=headed, extension_state=ExtensionState.REQUESTED, state=CountersignState.PENDING
        ).select_related("document__issuer", "unit")[:TO_DOS_SHOWN]:
            todos.append(
                Todo(
                    task.document,
                    f"答复延期申请（{task.unit.short_name or task.unit.name}）",
                    f"申请延至{task.extension_until}",
                    task.due,
                    "extension",
                )
            )
    own = docs.filter(issuer_id__in=viewer.unit_ids).filter(
        Q(flow=Flow.SUBMISSION, state__in=SUBMISSION_OPEN) | Q(flow=Flow.OUTGOING, state__in=OUTGOING_OPEN)
    )[:TO_DOS_SHOWN]
    for doc in own:
        todos.append(
            Todo(
                doc,
                {
                    DocState.DRAFT: "起草中：发起会签或签发报送"
                    if doc.flow == Flow.SUBMISSION
                    else "起草中：送办公室审核",
                    DocState.COUNTERSIGNING: "会签中",
                    DocState.RETURNED: "已退文：修改后重新报送",
                }.get(DocState(doc.state), doc.get_state_display()),
                kind="draft",
            )
        )
    if viewer.is_office:
        office_states = [DocState.SUBMITTED, DocState.RECEIVED]
        if viewer.is_office_leader:
            office_states.append(DocState.CHECKED)
        office_q = Q(flow=Flow.SUBMISSION, state__in=office_states) | Q(
            flow=Flow.OUTGOING, state=DocState.SIGNED, issuer__kind__in=GOVERNMENT_KINDS
        )
        if viewer.is_office_leader:  # the office's leadership reviews the government's and the office's (art. 51)
            office_q |= Q(flow=Flow.OUTGOING, state=DocState.REVIEWING, issuer__kind__in=GOVERNMENT_KINDS)
        office_q |= Q(flow=Flow.OUTGOING, state=DocState.DRAFT, issuer__kind="government")
        labels = {
            DocState.SUBMITTED: "签收登记",
            DocState.RECEIVED: "初审",
            DocState.CHECKED: "拟办",
            DocState.REVIEWING: "审核",
            DocState.SIGNED: "登记编号、印发",
            DocState.DRAFT: "起草中：送审",
        }
        for doc in docs.filter(office_q).order_by("created_at")[:TO_DOS_SHOWN]:
            todos.append(Todo(doc, labels.get(DocState(doc.state), doc.get_state_display()), kind="intake"))
        for doc in docs.filter(flow=Flow.SUBMISSION, state=DocState.INSTRUCTED, answers__isnull=True)[:TO_DOS_SHOWN]:
            todos.append(Todo(doc, "起草答复", "领导已批示，起草批复或复函", kind="reply"))
    if viewer.person is not None and viewer.is_leader:
        routed = (
            docs.filter(state=DocState.ROUTED)
            .annotate(routed_to_id=_routed_to_subquery())
            .filter(routed_to_id=viewer.person.pk)[:TO_DOS_SHOWN]
        )
        for doc in routed:
            todos.append(Todo(doc, "呈批：批示或转批", article("review.routing", short=True), kind="routed"))
    if viewer.person is not None and (viewer.is_leader or headed):
        todos += _signing_todos(viewer, viewer.person.pk)
    if headed:
        todos += _joint_countersign_todos(headed)
    if viewer.legal_review_unit_ids:
        todos += _legal_review_todos()
    deliveries = Delivery.objects.filter(
        unit_id__in=viewer.recipient_unit_ids, received_at__isnull=True, withdrawn_at__isnull=True
    ).select_related("document__issuer", "unit")[:TO_DOS_SHOWN]
    for delivery in deliveries:
        todos.append(
            Todo(
                delivery.document,
                f"签收来文（{delivery.unit.short_name or delivery.unit.name}）",
                "",  # the line above the pill already names the issuer and the number
                kind="delivery",
            )
        )
    seen: set[tuple[int, str]] = set()
    unique = []
    for todo in todos:
        if (todo.document.pk, todo.what) not in seen:
            seen.add((todo.document.pk, todo.what))
            unique.append(todo)
    return unique


def _current_version(ref: str = "pk") -> Subquery:
    """The id of the document's current (latest) 正文 version."""
    return Subquery(DocumentVersion.objects.filter(document_id=OuterRef(ref)).order_by("-number").values("pk")[:1])


def _signing_todos(viewer: Viewer, person_id: int) -> list[Todo]:
    """待签发 and 签发前审核 (art. 49) on outgoing documents awaiting signature: a leader looks at the
    latest ones, a unit's head at his unit's.  A signer who cannot sign yet — a step before signing,
    a co-issuer's countersign (art. 50) or the legality review (art. 52) outstanding, a seat vacant —
    is shown what it waits for (``sign_waiting``), while whoever must act first has the to-do.

    What has been done on each document's current version is read from prefetched opinions and
    versions, and who signs from prefetched recipients and the organization read once per request
    (:mod:`zhengwu.core.memo`), so the list costs no query per document (one back for 复核 reads
    its original signer)."""

    awaiting = Document.objects.filter(flow=Flow.OUTGOING, state=DocState.AWAITING_SIGNATURE)
    if not viewer.is_leader:
        awaiting = awaiting.filter(issuer_id__in=viewer.headed_unit_ids)
    before_signing = Prefetch(
        "opinions",
        queryset=Opinion.objects.filter(
            kind__in=[OpinionKind.SIGNING_STEP, OpinionKind.LEGAL_REVIEW, OpinionKind.JOINT_COUNTERSIGN],
        )
        .select_related("unit", "author__person")
        .order_by("created_at", "id"),
    )
    rows = list(
        awaiting.select_related("issuer", "rulebook_version", "replies_to__issuer").prefetch_related(
            "versions", "main_recipients", "co_issuers", before_signing
        )[:AWAITING_SIGNATURE_SCANNED]
    )
    legal: list[Any] | None = None
    out: list[Todo] = []
    for doc in rows:
        try:
            requirement = signing_requirement_for(doc)
        except InvalidInput:
            continue
        signer = person_id in requirement.signer_person_ids
        if not signer and not any(person_id in s.person_ids for s in requirement.steps):
            continue
        versions = list(doc.versions.all())
        if not versions:
            continue
        current = max(versions, key=lambda v: v.number)
        numbers = {v.pk: v.number for v in versions}
        opinions = list(doc.opinions.all())
        done = {
            p.pk
            for o in opinions
            if o.kind == OpinionKind.SIGNING_STEP
            and o.version_id == current.pk
            and (p := getattr(o.author, "person", None)) is not None
        }
        step = out_rules.may_take_step(requirement, person_id, done)
        waiting: list[Decision] = []
        if signer:
            rb = rulebook_of(doc)
            agreement = bool((doc.signing_facts or {}).get(out_rules.COOPERATION_AGREEMENT))
            if agreement and legal is None:
                legal = [unit_ref(u) for u in legal_units()]
            reviews = [
                out_rules.LegalReviewFact(
                    bool(o.passed), numbers.get(o.version_id or 0, 0), unit_ref(o.unit).name if o.unit else "", o.text
                )
                for o in opinions
                if o.kind == OpinionKind.LEGAL_REVIEW
            ]
            joint = {
                o.unit_id
                for o in opinions
                if o.kind == OpinionKind.JOINT_COUNTERSIGN and o.version_id == current.pk and o.unit_id
            }
            co_issuers = sorted(doc.co_issuers.all(), key=lambda u: (u.sort_order, u.code))
            waiting = [
                d
                for d in (
                    out_rules.agreement_ready(agreement, reviews, current.number, legal or [], rb),
                    out_rules.joint_ready([unit_ref(u) for u in co_issuers], joint, rb),
                    may_sign(requirement, person_id, done),
                )
                if not d.allowed
            ]
            if not waiting:
                out.append(Todo(doc, f"待{requirement.verb}", requirement.summary, kind="sign"))
                continue
        if step.allowed:
            out.append(
                Todo(doc, "签发前审核", f"{step.message.rstrip('。')}：{requirement.summary}", kind="signing_step")
            )
        elif waiting:
            out.append(
                Todo(
                    doc,
                    f"待{requirement.verb}（尚不能{requirement.verb}）",
                    "；".join(d.explanation.rstrip("。") for d in waiting) + "。",
                    kind="sign_waiting",
                )
            )
    return out


def _joint_countersign_todos(headed: frozenset[int]) -> list[Todo]:
    """联合发文会签 (art. 50): the co-issuers the viewer heads (or stands in for the head of) that
    have not countersigned a joint document's current version, before its signature; one query."""

    through = Document.co_issuers.through
    countersigned = Opinion.objects.filter(
        document_id=OuterRef("document_id"),
        unit_id=OuterRef("unit_id"),
        kind=OpinionKind.JOINT_COUNTERSIGN,
        version_id=OuterRef("current"),
    )
    pairs = (
        through.objects.filter(unit_id__in=headed, document__flow=Flow.OUTGOING, document__state__in=BEFORE_SIGNATURE)
        .annotate(current=_current_version("document_id"))
        .exclude(Exists(countersigned))
        .select_related("document__issuer", "document__rulebook_version", "unit")
        .order_by("document__created_at", "document_id")[:TO_DOS_SHOWN]
    )
    out = []
    for pair in pairs:
        doc, unit = pair.document, pair.unit
        label = rulebook_of(doc).cite("countersign.consult").label
        name = unit.short_name or unit.name
        out.append(
            Todo(
                doc,
                "联合发文会签",
                f"请代表{name}会签现行版本；各联合发文机关负责人会签后方能签发（{label}）",
                kind="joint_countersign",
            )
        )
    return out


def _legal_review_todos() -> list[Todo]:
    """合作协议合法性审核 (art. 52): cooperation agreements in the government's name whose current
    version has no passed review (none yet, or the latest failed), in the states the review is
    recorded in; one query."""

    latest = (
        Opinion.objects.filter(
            document_id=OuterRef("pk"), kind=OpinionKind.LEGAL_REVIEW, version_id=OuterRef("current")
        )
        .order_by("-created_at", "-id")
        .values("passed")[:1]
    )
    agreements = (
        Document.objects.filter(
            flow=Flow.OUTGOING, state__in=BEFORE_SIGNATURE, **{f"signing_facts__{COOPERATION_AGREEMENT}": True}
        )
        .annotate(current=_current_version(), reviewed=Subquery(latest))
        .filter(Q(reviewed__isnull=True) | Q(reviewed=False))
        .select_related("issuer", "rulebook_version")
        .order_by("created_at", "id")[:TO_DOS_SHOWN]
    )
    out = []
    for doc in agreements:
        label = rulebook_of(doc).cite(AGREEMENT_REVIEW).label
        failed = getattr(doc, "reviewed", None) is False
        note = "现行版本审核未通过，待修改后重新审核" if failed else "审核现行版本"
        note += f"；审核通过后方能签署（{label}）"
        out.append(Todo(doc, "合作协议合法性审核", note, kind="legal_review"))
    return out


# ---------------------------------------------------------------- which printed copy (份号)


def copy_for(user: AbstractBaseUser, document: Document, delivery_id: int | None = None) -> Delivery | None:
    """The delivery whose 份号 a download by ``user`` prints, or ``None`` for the file copy.

    - ``delivery_id`` given: that delivery of this document, if it went to a unit whose inbox the
      user handles (a recipient's copy, from the inbox); anything else is bad input;
    - otherwise a recipient unit's staff get their unit's copy; the issuing side (the issuing
      unit, and the office for the government's and the office's documents) gets the file copy
      (see :mod:`zhengwu.documents.layouts` for its 份号).
    """
    viewer = Viewer.of(user)
    deliveries = Delivery.objects.filter(
        document=document, unit_id__in=viewer.recipient_unit_ids, withdrawn_at__isnull=True
    )
    if delivery_id is not None:
        delivery = deliveries.filter(pk=delivery_id).first()
        if delivery is None:
            raise InvalidInput(
                _("编号为{delivery_id}的分送记录不是送给您所在单位的这份公文。", delivery_id=delivery_id),
                field="delivery",
            )
        return delivery
    issuing = {document.issuer_id}
    if viewer.office_id is not None and document.issuer.kind in GOVERNMENT_KINDS:
        issuing.add(viewer.office_id)
    if issuing & viewer.unit_ids:
        return None
    return deliveries.order_by("copy_number").first()


# ---------------------------------------------------------------- what a submission may answer


def assignable_instructions(user: AbstractBaseUser) -> QuerySet[Opinion]:
    """Leaders' 批示 ``user`` can read: what a document addressed to a leader may answer (art. 48)."""
    return (
        Opinion.objects.filter(kind=OpinionKind.INSTRUCTION, document__in=documents_visible_to(user).values("pk"))
        .select_related("document")
        .order_by("-created_at", "-id")
    )


def assignable_documents(user: AbstractBaseUser) -> QuerySet[Document]:
    """Issued documents ``user`` can read that a leader signed: an assignment a document addressed
    to that leader may answer (art. 48)."""
    return documents_visible_to(
        user, Document.objects.filter(flow=Flow.OUTGOING, state=DocState.ISSUED, signer__isnull=False)
    ).order_by("-issued_at", "-id")
