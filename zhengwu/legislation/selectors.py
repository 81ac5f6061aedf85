"""The read side of legislation: what the actions, the pages, the API and the workbench read off a
draft, and what each user act on a draft (and on its consultations, disputes, filings and
post-evaluation) requires.

Nothing here writes.  Each user act has a *check function*, ``<act>_checks(actor, obj) ->
list[Decision]``: the decisions the act requires of this person on this record now, read only.
The action calls exactly that function (``enforce(*<act>_checks(actor, d))``) after taking its
lock, and :func:`available_actions` asks the same functions, so the page, the API and the action
cannot disagree about who may do what.  Checks of the input (a text not empty, a date, the units
chosen, the outcome of a review…) stay in the action.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone

from zhengwu.core.decisions import Decision, InvalidInput
from zhengwu.core.i18n import _
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.core.transitions import Step, check_step, offered, outcome
from zhengwu.documents import selectors as documents
from zhengwu.documents.models import DocState, Document
from zhengwu.documents.rules import outgoing as out_rules
from zhengwu.legislation import rules
from zhengwu.legislation.models import (
    Cleanup,
    CleanupEntry,
    Dispute,
    DraftState,
    DraftVersion,
    Filing,
    LegalityReview,
    NormativeDraft,
    RegulationEvaluation,
    UnitConsultation,
)
from zhengwu.org.models import Unit, UnitKind
from zhengwu.org.rules import ADMINISTRATORS, PositionKind
from zhengwu.org.services import office_unit, overseen_units, positions_of
from zhengwu.portal.models import ItemKind, PublicationItem
from zhengwu.rulebook.services import rulebook_of, version_in_force, view_of

LEGAL_REVIEW_FUNCTION = "legal_review"


# ---------------------------------------------------------------- small readers


def current_version(draft: NormativeDraft) -> DraftVersion:
    version = draft.versions.order_by("-number").first()
    if version is None:
        raise InvalidInput(_("草案没有正文版本。"), field="body")
    return version


def _last_review(draft: NormativeDraft) -> LegalityReview | None:
    return LegalityReview.objects.filter(draft=draft).select_related("version").order_by("-created_at", "-id").first()


def passed_version(draft: NormativeDraft) -> int | None:
    """The version number the latest review passed, if the latest review passed."""
    last = _last_review(draft)
    return last.version.number if last is not None and last.passed else None


def returned_version(draft: NormativeDraft) -> int | None:
    last = _last_review(draft)
    return last.version.number if last is not None and not last.passed else None


def legal_units() -> list[Unit]:
    """The units whose ``functions`` include ``legal_review`` (the 司法局)."""
    return [
        u
        for u in Unit.objects.exclude(functions=[]).order_by("sort_order", "code")
        if LEGAL_REVIEW_FUNCTION in u.functions
    ]


def office_id() -> int | None:
    office = office_unit()
    return office.pk if office else None


def drafts_visible_to(user: AbstractBaseUser, day: dt.date | None = None) -> QuerySet[NormativeDraft]:
    """The drafts ``user`` may see on ``day`` (need to know; arts. 20–22, 61):

    - the 司法局's staff (it reviews every draft and keeps the catalogue) and the government
      office's (it puts them before the meeting and issues them): every draft;
    - the drafting unit's staff, and those of the units consulted on it (art. 22);
    - the leader in whose 分管 the drafting unit is (art. 7), and the 州长 and the 常务副州长;
    - any staff member: a draft that is not secret once it has been opened for public comment or
      published (art. 21: it is then public on the portal).

    A secret draft (依法需要保密) is seen only by its drafting unit, the 司法局 and the office.  A
    system administrator's post gives no sight of drafts beyond what is public.
    """
    drafts = NormativeDraft.objects.select_related("drafting_unit", "issuer")
    positions = [p for p in positions_of(user, day) if p.kind not in ADMINISTRATORS]
    if not positions:
        return drafts.none()
    units = {p.unit_id for p in positions}
    keepers = {u.pk for u in legal_units()} | ({office_id()} if office_id() else set())
    if units & keepers:
        return drafts
    public = Q(secret=False) & (Q(comment_opens__isnull=False) | Q(state=DraftState.PUBLISHED))
    mine = Q(drafting_unit_id__in=units)
    concerned = Q(pk__in=UnitConsultation.objects.filter(unit_id__in=units).values("draft_id"))
    if any(p.kind in {PositionKind.GOVERNOR, PositionKind.EXECUTIVE_VICE_GOVERNOR} for p in positions):
        concerned |= Q(pk__isnull=False)
    else:
        concerned |= Q(drafting_unit_id__in=overseen_units(user, day))
    return drafts.filter(public | mine | (concerned & Q(secret=False)))


def unit_name(unit: Unit) -> str:
    return unit.short_name or unit.name


def state_label(state: str) -> str:
    return str(DraftState(state).label)


def comment_version(draft: NormativeDraft) -> DraftVersion | None:
    """The version published for comment (the source of its 征求意见稿 on the portal)."""
    ct = ContentType.objects.get_for_model(DraftVersion)
    item = (
        PublicationItem.objects.filter(
            kind=ItemKind.DRAFT_FOR_COMMENT, source_type=ct, source_id__in=draft.versions.values("pk")
        )
        .order_by("-pk")
        .first()
    )
    return DraftVersion.objects.filter(pk=item.source_id).first() if item and item.source_id else None


def flags_of(draft: NormativeDraft) -> list[rules.Flag]:
    """What the checker flags in the current version (shown to the reviewer)."""
    return rules.check_text(current_version(draft).body, rulebook_of(draft))


def is_government(d: NormativeDraft) -> bool:
    return d.issuer.kind == UnitKind.GOVERNMENT


def gate(d: NormativeDraft, what: str) -> Decision:
    """The legality review gate (arts. 20, 22) for ``what`` (签发, 公布, 提请会议审议)."""
    return rules.review_gate(passed_version(d), current_version(d).number, what, d.kind, rulebook_of(d))


def unlisted_disputes(d: NormativeDraft) -> list[str]:
    return [x.matter for x in d.disputes.filter(listed_at__isnull=True)]


def pending_consultations(d: NormativeDraft) -> list[tuple[str, dt.date]]:
    return [(unit_name(c.unit), c.due) for c in d.consultations.filter(replied_at__isnull=True).select_related("unit")]


# ---------------------------------------------------------------- what each act on a draft requires


def _rb(d: NormativeDraft) -> RulebookView:
    return rulebook_of(d)


def _drafter(actor: AbstractBaseUser, d: NormativeDraft) -> Decision:
    return rules.may_draft(positions_of(actor), d.drafting_unit_id, unit_name(d.drafting_unit), _rb(d))


def _leader(actor: AbstractBaseUser, d: NormativeDraft, what: str, provision: str) -> Decision:
    return rules.may_lead(positions_of(actor), d.drafting_unit_id, unit_name(d.drafting_unit), what, _rb(d), provision)


def _step(step: Step, d: NormativeDraft) -> Decision:
    return check_step(step, d.state, state_label(d.state), _rb(d))


def revise_checks(actor: AbstractBaseUser, d: NormativeDraft) -> list[Decision]:
    """修改 (a new version): the drafting unit's staff, until review passes or after (art. 22)."""
    return [_drafter(actor, d), _step(rules.EDIT, d)]


def consult_checks(actor: AbstractBaseUser, d: NormativeDraft) -> list[Decision]:
    """征求部门意见 (art. 22): the drafting unit's staff (the units are input)."""
    return [_drafter(actor, d), _step(rules.CONSULT, d)]


def dispute_checks(actor: AbstractBaseUser, d: NormativeDraft) -> list[Decision]:
    """记录争议事项 (art. 21): the drafting unit's staff."""
    return [_drafter(actor, d), _step(rules.RECORD_DISPUTE, d)]


def open_checks(actor: AbstractBaseUser, d: NormativeDraft) -> list[Decision]:
    """公开征求意见 (art. 21): the drafting unit's leaders, a draft not kept secret (the period's
    length is input, checked by the action)."""
    return [
        _leader(actor, d, "公开征求意见", rules.PUBLIC_COMMENT),
        _step(rules.OPEN_COMMENT, d),
        rules.check_not_secret(d.secret, d.secret_reason, _rb(d)),
    ]


def close_checks(actor: AbstractBaseUser, d: NormativeDraft) -> list[Decision]:
    """结束征求意见: the drafting unit's staff, once the period has run its length (art. 21)."""
    closes = d.comment_closes
    last_day = timezone.localtime(closes).date() - dt.timedelta(days=1) if closes is not None else None
    return [
        _drafter(actor, d),
        _step(rules.CLOSE_COMMENT, d),
        rules.check_comment_period_over(last_day, closes is not None and timezone.now() < closes, _rb(d)),
    ]


def answer_checks(actor: AbstractBaseUser, d: NormativeDraft) -> list[Decision]:
    """逐条反馈意见 (art. 21): the drafting unit's staff, once the period is over."""
    return [_drafter(actor, d), _step(rules.ANSWER_COMMENT, d)]


def publish_answers_checks(actor: AbstractBaseUser, d: NormativeDraft) -> list[Decision]:
    """公布意见采纳情况 (art. 21): the drafting unit's leaders, every comment answered."""
    return [
        _leader(actor, d, "公布意见采纳情况", rules.PUBLIC_COMMENT),
        _step(rules.PUBLISH_ANSWERS, d),
        rules.answers_complete(d.comments.filter(outcome="").count(), _rb(d)),
    ]


def submit_checks(actor: AbstractBaseUser, d: NormativeDraft) -> list[Decision]:
    """送合法性审查 (arts. 20-22): the drafting unit's leaders, after the comments were answered and
    published (or straight away when secret), the consulted units heard; after a return, revised."""
    rb = _rb(d)
    checks = [_leader(actor, d, "送合法性审查", rules.LEGALITY_REVIEW)]
    if d.state == DraftState.DRAFTING:
        checks.append(rules.may_skip_comment(d.secret, d.secret_reason, rb))
    checks += [
        rules.ready_for_review(d.state, d.secret, d.state == DraftState.ANSWERED, rb),
        rules.consultations_done(pending_consultations(d), timezone.localdate(), rb),
    ]
    if d.state == DraftState.RETURNED:
        checks.append(rules.revised_since_return(current_version(d).number, returned_version(d), rb))
    return checks


def review_checks(actor: AbstractBaseUser, d: NormativeDraft) -> list[Decision]:
    """合法性审查 (arts. 20, 22): the 司法局's staff, a draft sent for review (the outcome is input)."""
    return [rules.may_review(positions_of(actor), [u.pk for u in legal_units()], _rb(d)), _step(rules.REVIEW, d)]


def topic_checks(actor: AbstractBaseUser, d: NormativeDraft) -> list[Decision]:
    """提请常务会议审议 (art. 24): a government document, once, by its drafting unit, review passed,
    contested matters listed (art. 21)."""
    rb = _rb(d)
    return [
        rules.check_route(is_government(d), "topic", rb),
        rules.check_not_on_agenda(bool(d.topic_id), rb),
        _drafter(actor, d),
        gate(d, "提请会议审议"),
        rules.disputes_listed(unlisted_disputes(d), rb),
    ]


def deliberate_checks(actor: AbstractBaseUser, d: NormativeDraft) -> list[Decision]:
    """记录审议 (art. 24): the office for the government's, the department's leaders for its own."""
    rb = _rb(d)
    return [
        rules.may_record_deliberation(positions_of(actor), d.issuer.kind, d.issuer_id, office_id(), rb),
        _step(rules.RECORD_DELIBERATION, d),
        gate(d, "提请会议审议"),
        rules.disputes_listed(unlisted_disputes(d), rb),
    ]


def document_checks(actor: AbstractBaseUser, d: NormativeDraft) -> list[Decision]:
    """转公文办理: a deliberated government document becomes a 公文, drafted by those who draft the
    government's documents (its office, art. 49)."""
    rb = _rb(d)
    return [
        rules.check_route(is_government(d), "document", rb),
        _step(rules.PREPARE_DOCUMENT, d),
        gate(d, "签发"),
        out_rules.may_draft(
            positions_of(actor), documents.unit_ref(d.issuer), documents.office_id(), view_of(version_in_force())
        ),
    ]


def unit_issue_checks(actor: AbstractBaseUser, d: NormativeDraft) -> list[Decision]:
    """登记印发: a department's document, recorded by its leaders once deliberated."""
    rb = _rb(d)
    return [
        rules.check_route(is_government(d), "unit_issue", rb),
        rules.may_lead(positions_of(actor), d.issuer_id, unit_name(d.issuer), "登记印发", rb),
        _step(rules.RECORD_UNIT_ISSUE, d),
        gate(d, "签发"),
    ]


def may_publish(actor: AbstractBaseUser, d: NormativeDraft) -> Decision:
    """The office publishes the government's documents, a department its own."""
    rb = _rb(d)
    oid = office_id()
    unit = oid if is_government(d) and oid else d.issuer_id
    if any(p.unit_id == unit and p.kind not in ADMINISTRATORS for p in positions_of(actor)):
        return Decision.allow("publish.staff", _("公布。"), rb.cite(rules.LEGALITY_REVIEW))
    who = "政府办公室" if is_government(d) else unit_name(d.issuer)
    return Decision.refuse("publish.not_staff", _("本件由{who}公布。", who=who), rb.cite(rules.LEGALITY_REVIEW))


def publish_checks(actor: AbstractBaseUser, d: NormativeDraft) -> list[Decision]:
    """公布: the text that passed review, once its 公文 (if any) has been issued with that text."""
    rb = _rb(d)
    checks = [may_publish(actor, d), _step(rules.PUBLISH, d), gate(d, "公布")]
    if d.document_id:
        doc = Document.objects.get(pk=d.document_id)
        body = doc.versions.order_by("-number").first()
        checks += [
            rules.check_document_issued(doc.state == DocState.ISSUED, rb),
            rules.same_text(body.body if body else "", current_version(d).body, rb),
        ]
    return checks


def validity_checks(actor: AbstractBaseUser, d: NormativeDraft) -> list[Decision]:
    """变更有效性 (art. 22): the 司法局, or whoever files the document; a document in force or
    amended (the new validity, its date and reason are input)."""
    rb = _rb(d)
    legal = [u.pk for u in legal_units()]
    positions = positions_of(actor)
    who = rules.may_review(positions, legal, rb)
    if not who.allowed:
        who = rules.may_file(positions, d.issuer.kind, d.drafting_unit_id, office_id(), legal, rb)
    return [who, rules.validity_open(d.validity, rb)]


# ---------------------------------------------------------------- what each act on a draft's records requires


def reply_checks(actor: AbstractBaseUser, c: UnitConsultation) -> list[Decision]:
    """回复意见 (art. 22): the consulted unit's staff, once."""
    rb = rulebook_of(c.draft)
    return [
        rules.may_draft(positions_of(actor), c.unit_id, unit_name(c.unit), rb),
        rules.check_consultation(False, c.replied_at is not None, rb),
    ]


def evaluate_checks(actor: AbstractBaseUser, x: Dispute) -> list[Decision]:
    """记录第三方评估 (art. 21): the 司法局, before it lists the parties' reasons."""
    rb = rulebook_of(x.draft)
    return [
        rules.may_review(positions_of(actor), [u.pk for u in legal_units()], rb),
        rules.check_dispute_open(x.listed_at is not None, rb),
    ]


def positions_checks(actor: AbstractBaseUser, x: Dispute) -> list[Decision]:
    """列明各方理据 (art. 21): the 司法局."""
    return [rules.may_review(positions_of(actor), [u.pk for u in legal_units()], rulebook_of(x.draft))]


def file_checks(actor: AbstractBaseUser, f: Filing) -> list[Decision]:
    """报送备案 (art. 22): the office or the 司法局 for the government's, the department for its own."""
    d = f.draft
    rb = rulebook_of(d)
    return [
        rules.may_file(
            positions_of(actor), d.issuer.kind, d.drafting_unit_id, office_id(), [u.pk for u in legal_units()], rb
        ),
        check_step(rules.FILE, f.state, f.get_state_display(), rb),
    ]


def review_filing_checks(actor: AbstractBaseUser, f: Filing) -> list[Decision]:
    """备案审查 (art. 22): the 司法局, a department's filing, once filed, once."""
    d = f.draft
    rb = rulebook_of(d)
    return [
        rules.may_review(positions_of(actor), [u.pk for u in legal_units()], rb),
        rules.check_route(is_government(d), "filing_review", rb),
        check_step(rules.REVIEW_FILING, f.state, f.get_state_display(), rb),
        rules.check_unreviewed(f.reviewed_at is not None, rb),
    ]


def evaluation_checks(actor: AbstractBaseUser, e: RegulationEvaluation) -> list[Decision]:
    """完成实施后评估 (art. 21): the drafting unit's staff, once."""
    d = e.draft
    rb = rulebook_of(d)
    return [
        rules.may_draft(positions_of(actor), d.drafting_unit_id, unit_name(d.drafting_unit), rb),
        check_step(rules.EVALUATE, e.state, e.get_state_display(), rb),
    ]


# ---------------------------------------------------------------- clean-up campaigns and the catalogue (art. 22)


def start_cleanup_checks(actor: AbstractBaseUser) -> list[Decision]:
    """开展清理: the 司法局."""
    return [rules.may_review(positions_of(actor), [u.pk for u in legal_units()], rulebook_view_today())]


def publish_catalogue_checks(actor: AbstractBaseUser) -> list[Decision]:
    """公布目录: the 司法局."""
    return [rules.may_review(positions_of(actor), [u.pk for u in legal_units()], rulebook_view_today())]


def close_cleanup_checks(actor: AbstractBaseUser, cleanup: Cleanup) -> list[Decision]:
    """结束清理: the 司法局, once every entry is decided."""
    rb = rulebook_view_today()
    undecided = cleanup.entries.filter(decision="").count()
    return [
        rules.may_review(positions_of(actor), [u.pk for u in legal_units()], rb),
        rules.check_cleanup(0, undecided, cleanup.closed_at is not None, rb, closing=True),
    ]


def propose_cleanup_checks(actor: AbstractBaseUser, entry: CleanupEntry) -> list[Decision]:
    """清理意见: the drafting unit, until the 司法局 decides."""
    return [
        rules.may_propose_cleanup(
            positions_of(actor),
            entry.unit_id,
            unit_name(entry.unit),
            entry.cleanup.closed_at is not None,
            bool(entry.decision),
            rulebook_of(entry.draft),
        )
    ]


def decide_cleanup_checks(actor: AbstractBaseUser, entry: CleanupEntry) -> list[Decision]:
    """审定: the 司法局's leaders, once, after the unit's proposal."""
    return [
        rules.may_decide_cleanup(
            positions_of(actor),
            [u.pk for u in legal_units()],
            entry.proposal,
            entry.cleanup.closed_at is not None,
            bool(entry.decision),
            rulebook_of(entry.draft),
        )
    ]


def rulebook_view_today() -> RulebookView:
    return view_of(version_in_force(timezone.localdate()))


# ---------------------------------------------------------------- what a person may do now

Checks = Callable[[AbstractBaseUser, Any], list[Decision]]

#: The acts on a draft, by the name the page and the API use, in the order the page offers them.
ACTS: dict[str, Checks] = {
    "revise": revise_checks,
    "consult": consult_checks,
    "dispute": dispute_checks,
    "open": open_checks,
    "close": close_checks,
    "answer": answer_checks,
    "publish_answers": publish_answers_checks,
    "submit": submit_checks,
    "review": review_checks,
    "topic": topic_checks,
    "deliberate": deliberate_checks,
    "document": document_checks,
    "unit_issue": unit_issue_checks,
    "publish": publish_checks,
    "validity": validity_checks,
}
CONSULTATION_ACTS: dict[str, Checks] = {"reply": reply_checks}
DISPUTE_ACTS: dict[str, Checks] = {"evaluate": evaluate_checks, "positions": positions_checks}
FILING_ACTS: dict[str, Checks] = {"file": file_checks, "review_filing": review_filing_checks}
EVALUATION_ACTS: dict[str, Checks] = {"evaluation": evaluation_checks}
CLEANUP_ACTS: dict[str, Checks] = {"close": close_cleanup_checks}
CLEANUP_ENTRY_ACTS: dict[str, Checks] = {"propose": propose_cleanup_checks, "decide": decide_cleanup_checks}
#: Acts on no record: what the 司法局 starts.
OFFICE_ACTS: dict[str, Callable[[AbstractBaseUser], list[Decision]]] = {
    "start_cleanup": start_cleanup_checks,
    "publish_catalogue": publish_catalogue_checks,
}

ACTS_OF: dict[type, dict[str, Checks]] = {
    NormativeDraft: ACTS,
    UnitConsultation: CONSULTATION_ACTS,
    Dispute: DISPUTE_ACTS,
    Filing: FILING_ACTS,
    RegulationEvaluation: EVALUATION_ACTS,
    Cleanup: CLEANUP_ACTS,
    CleanupEntry: CLEANUP_ENTRY_ACTS,
}

Record = NormativeDraft | UnitConsultation | Dispute | Filing | RegulationEvaluation | Cleanup | CleanupEntry


def _draft_of(obj: Record) -> NormativeDraft | None:
    if isinstance(obj, NormativeDraft):
        return obj
    return None if isinstance(obj, Cleanup) else obj.draft


def cannot_tell(exc: InvalidInput, obj: Record) -> Decision:
    """A draft without a version: the act cannot be judged (art. 20's lawful drafting)."""
    draft = _draft_of(obj)
    rb = rulebook_of(draft) if draft is not None else rulebook_view_today()
    return Decision.refuse("legislation.cannot_tell", exc.message, rb.cite(rules.LAWFUL_DRAFTING))


def available_actions(actor: AbstractBaseUser, obj: Record) -> dict[str, Decision]:
    """For each act on ``obj`` (a draft, or one of its consultations, disputes, filings or its
    post-evaluation): allowed (the act's last allowing decision), or the first decision that
    refuses it, with its article — the same decisions the action asks."""
    return offered(ACTS_OF[type(obj)], actor, obj, cannot_tell)


def allowed_actions(actor: AbstractBaseUser, obj: Record) -> set[str]:
    """The names of the acts ``actor`` may take on ``obj`` now."""
    return {name for name, d in available_actions(actor, obj).items() if d.allowed}


def office_actions(actor: AbstractBaseUser) -> dict[str, Decision]:
    """The acts on no record (start a clean-up, publish the catalogue): allowed, or why not."""
    return {name: outcome(checks(actor)) for name, checks in OFFICE_ACTS.items()}
