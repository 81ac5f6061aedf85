"""Drafting (arts. 20-22): a unit drafts a 规章 or 行政规范性文件 structured into articles, keeps
every version, consults the units whose powers it touches, and records contested matters, their
third-party evaluation and the 司法局's list of each side's reasons with its proposal (art. 21)."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.actions import copy_back, lock
from zhengwu.core.decisions import InvalidInput, require
from zhengwu.core.i18n import _
from zhengwu.core.transitions import require_checks
from zhengwu.legislation import rules, selectors
from zhengwu.legislation.actions.common import (
    current_version,
    draft_url,
    legal_units,
    lock_draft,
    move,
    staff_of,
    unit_name,
)
from zhengwu.legislation.models import (
    Dispute,
    DraftState,
    DraftVersion,
    NormativeDraft,
    NormativeKind,
    UnitConsultation,
)
from zhengwu.notices import services as notices
from zhengwu.org.models import Unit, UnitKind
from zhengwu.org.services import positions_of, users_of
from zhengwu.rulebook.services import rulebook_of, version_in_force, view_of
from zhengwu.workdays.services import calendar

CREATE = "legislation.create"
REVISE = "legislation.revise"
CONSULT = "legislation.consult"
REPLY = "legislation.consult_reply"
DISPUTE = "legislation.dispute"
EVALUATE = "legislation.third_party_evaluation"
LIST_POSITIONS = "legislation.list_positions"


def _text(title: str, body: str) -> tuple[str, str]:
    title, body = title.strip(), body.strip()
    if not title:
        raise InvalidInput(_("请填写标题。"), field="title")
    if len(title) > 200:
        raise InvalidInput(_("标题不超过200字。"), field="title")
    if not body:
        raise InvalidInput(_("请填写正文。"), field="body")
    return title, body


@transaction.atomic
def create_draft(
    actor: AbstractBaseUser,
    *,
    kind: str,
    title: str,
    body: str,
    drafting_unit: Unit,
    government_issues: bool = True,
    secret: bool = False,
    secret_reason: str = "",
    major: bool = False,
    replaces: NormativeDraft | None = None,
    replace_mode: str = "",
) -> NormativeDraft:
    """A drafting unit's staff create a draft; a 规章 is always the government's.  ``replaces``
    with ``replace_mode`` (repeal/amend): the document this one repeals or amends once published."""
    version = version_in_force()
    rb = view_of(version)
    if kind not in NormativeKind.values:
        raise InvalidInput(_("类别应为政府规章或行政规范性文件。"), field="kind")
    title, body = _text(title, body)
    if secret and not secret_reason.strip():
        raise InvalidInput(_("标明依法保密的，请写明保密依据。"), field="secret_reason")
    if replaces is not None and replace_mode not in {"repeal", "amend"}:
        raise InvalidInput(_("请说明对原文件是废止还是修改。"), field="replace_mode")
    if replaces is None:
        replace_mode = ""
    require(
        rules.may_draft(positions_of(actor), drafting_unit.pk, unit_name(drafting_unit), rb),
        rules.check_articles(body, rb),
    )
    issuer = drafting_unit
    if kind == NormativeKind.REGULATION or government_issues:
        government = Unit.objects.filter(kind=UnitKind.GOVERNMENT).order_by("sort_order").first()
        if government is None:
            raise InvalidInput(_("系统中没有州人民政府单位，请联系系统管理员。"), field="issuer")
        issuer = government
    now = timezone.now()
    draft = NormativeDraft.objects.create(
        kind=kind,
        title=title,
        drafting_unit=drafting_unit,
        issuer=issuer,
        secret=secret,
        secret_reason=secret_reason.strip()[:300],
        major=major,
        replaces=replaces,
        replace_mode=replace_mode,
        rulebook_version=version,
        created_by_id=actor.pk,
        created_at=now,
    )
    DraftVersion.objects.create(
        draft=draft, number=1, title=title, body=body, note="初稿", created_by_id=actor.pk, created_at=now
    )
    citation = rb.cite(rules.REGULATIONS if kind == NormativeKind.REGULATION else rules.LAWFUL_DRAFTING)
    audit.record(
        actor=actor,
        action=CREATE,
        target=draft,
        citation=citation,
        summary=f"{unit_name(drafting_unit)}起草{draft.get_kind_display()}：{title}",
        details={
            "kind": kind,
            "issuer": issuer.code,
            "secret": secret,
            "major": major,
            "replaces": replaces.pk if replaces else None,
        },
    )
    return draft


@transaction.atomic
def revise_draft(
    actor: AbstractBaseUser, draft: NormativeDraft, *, body: str, title: str | None = None, note: str = ""
) -> DraftVersion:
    """A new version.  A revision after the review passed voids the pass: reviewed again (art. 22)."""
    d = lock_draft(draft)
    rb = rulebook_of(d)
    require_checks(*selectors.revise_checks(actor, d))
    current = current_version(d)
    new_title, body = _text(title if title is not None else current.title, body)
    if new_title == current.title and body == current.body:
        raise InvalidInput(_("标题和正文都没有改动。"), field="body")
    require(rules.check_articles(body, rb))
    version = DraftVersion.objects.create(
        draft=d,
        number=current.number + 1,
        title=new_title,
        body=body,
        note=note.strip()[:300],
        created_by_id=actor.pk,
        created_at=timezone.now(),
    )
    d.title = new_title
    d.save(update_fields=["title"])
    if d.state == DraftState.PASSED:
        move(d, DraftState.RETURNED, actor, "审查通过后修改，须重新审查", rb.cite(rules.LEGALITY_REVIEW))
    copy_back(draft, d)
    audit.record(
        actor=actor,
        action=REVISE,
        target=d,
        citation=rb.cite(rules.LAWFUL_DRAFTING),
        summary=f"修改草案（第{version.number}稿）：{new_title}" + (f"。{note.strip()}" if note.strip() else ""),
        details={"version": version.number, "note": note.strip()},
    )
    return version


@transaction.atomic
def consult_units(actor: AbstractBaseUser, draft: NormativeDraft, units: Sequence[Unit]) -> list[UnitConsultation]:
    """Ask the units whose powers the draft touches (art. 22); they reply within
    ``countersign.reply_days`` working days (art. 50)."""
    d = lock_draft(draft)
    rb = rulebook_of(d)
    require_checks(*selectors.consult_checks(actor, d))
    units = [u for u in units if u.pk != d.drafting_unit_id]
    if not units:
        raise InvalidInput(_("请选择要征求意见的部门。"), field="units")
    require(rules.check_consultation(UnitConsultation.objects.filter(draft=d, unit__in=units).exists(), False, rb))
    days = rb.param("countersign.reply_days").as_int
    due = calendar().add_working_days(timezone.localdate(), days)
    now = timezone.now()
    rows = [UnitConsultation.objects.create(draft=d, unit=u, requested_at=now, due=due) for u in units]
    citation = rb.cite(rules.CONSULT_UNITS)
    names = "、".join(unit_name(u) for u in units)
    audit.record(
        actor=actor,
        action=CONSULT,
        target=d,
        citation=citation,
        summary=f"就《{d.title}》征求{names}意见，{due.isoformat()}前回复",
        details={"units": [u.code for u in units], "due": due.isoformat()},
    )
    for u in units:
        notices.send(
            users_of(staff_of(u, leaders_only=True)),
            f"征求意见：《{d.title}》",
            f"草案涉及贵单位职权，请于{due.isoformat()}前回复意见。",
            citation,
            draft_url(d),
        )
    return rows


@transaction.atomic
def reply_consultation(
    actor: AbstractBaseUser, consultation: UnitConsultation, *, agrees: bool, reply: str
) -> UnitConsultation:
    row = (
        UnitConsultation.objects.select_for_update(of=("self",))
        .select_related("unit", "draft__rulebook_version", "draft__drafting_unit")
        .get(pk=consultation.pk)
    )
    rb = rulebook_of(row.draft)
    require_checks(*selectors.reply_checks(actor, row))
    if not agrees and not reply.strip():
        raise InvalidInput(_("有不同意见的，请写明意见和理由。"), field="reply")
    row.agrees, row.reply, row.replied_by_id, row.replied_at = agrees, reply.strip(), actor.pk, timezone.now()
    row.save(update_fields=["agrees", "reply", "replied_by", "replied_at"])
    citation = rb.cite(rules.CONSULT_UNITS)
    audit.record(
        actor=actor,
        action=REPLY,
        target=row.draft,
        citation=citation,
        summary=f"{unit_name(row.unit)}回复意见（{'同意' if agrees else '有不同意见'}）：《{row.draft.title}》",
        details={"unit": row.unit.code, "agrees": agrees, "reply": row.reply},
    )
    notices.send(
        users_of(staff_of(row.draft.drafting_unit)),
        f"{unit_name(row.unit)}回复意见：《{row.draft.title}》",
        row.reply or "同意。",
        citation,
        draft_url(row.draft),
    )
    return row


@transaction.atomic
def raise_dispute(actor: AbstractBaseUser, draft: NormativeDraft, *, matter: str, parties: str) -> Dispute:
    """The drafting unit records a matter the departments still disagree on (art. 21)."""
    d = lock_draft(draft)
    rb = rulebook_of(d)
    require_checks(*selectors.dispute_checks(actor, d))
    if not matter.strip():
        raise InvalidInput(_("请写明争议事项。"), field="matter")
    if not parties.strip():
        raise InvalidInput(_("请写明争议各方。"), field="parties")
    row = Dispute.objects.create(
        draft=d,
        matter=matter.strip()[:300],
        parties=parties.strip()[:300],
        raised_by_id=actor.pk,
        raised_at=timezone.now(),
    )
    citation = rb.cite(rules.THIRD_PARTY)
    audit.record(
        actor=actor,
        action=DISPUTE,
        target=d,
        citation=citation,
        summary=f"《{d.title}》争议事项：{row.matter}（{row.parties}）",
        details={"dispute": row.pk},
    )
    notices.send(
        users_of(p for u in legal_units() for p in staff_of(u)),
        f"立法争议事项：《{d.title}》",
        f"{row.matter}（{row.parties}）。请组织协调，必要时引入第三方评估。",
        citation,
        draft_url(d),
    )
    return row


def _lock_dispute(dispute: Dispute) -> Dispute:
    return lock(dispute, "draft__rulebook_version", "draft__drafting_unit")


@transaction.atomic
def record_third_party_evaluation(
    actor: AbstractBaseUser, dispute: Dispute, *, evaluator: str, conclusion: str
) -> Dispute:
    """A third party's evaluation of a contested matter, recorded by the 司法局 (art. 21)."""
    row = _lock_dispute(dispute)
    rb = rulebook_of(row.draft)
    require_checks(*selectors.evaluate_checks(actor, row))
    if not evaluator.strip() or not conclusion.strip():
        raise InvalidInput(
            _("请填写第三方评估机构和评估结论。"), field="evaluator" if not evaluator.strip() else "conclusion"
        )
    row.evaluator, row.evaluation, row.evaluated_at = evaluator.strip()[:200], conclusion.strip(), timezone.now()
    row.save(update_fields=["evaluator", "evaluation", "evaluated_at"])
    audit.record(
        actor=actor,
        action=EVALUATE,
        target=row.draft,
        citation=rb.cite(rules.THIRD_PARTY),
        summary=f"第三方评估（{row.evaluator}）：{row.matter}",
        details={"dispute": row.pk},
    )
    return row


@transaction.atomic
def list_positions(actor: AbstractBaseUser, dispute: Dispute, *, reasons: str, proposal: str) -> Dispute:
    """The 司法局 lists each side's reasons and its proposal, for the government to decide (art. 21)."""
    row = _lock_dispute(dispute)
    rb = rulebook_of(row.draft)
    require_checks(*selectors.positions_checks(actor, row))
    if not reasons.strip():
        raise InvalidInput(_("请列明各方理据。"), field="reasons")
    if not proposal.strip():
        raise InvalidInput(_("请提出倾向性意见。"), field="proposal")
    row.reasons, row.proposal, row.listed_by_id, row.listed_at = (
        reasons.strip(),
        proposal.strip(),
        actor.pk,
        timezone.now(),
    )
    row.save(update_fields=["reasons", "proposal", "listed_by", "listed_at"])
    citation = rb.cite(rules.THIRD_PARTY)
    audit.record(
        actor=actor,
        action=LIST_POSITIONS,
        target=row.draft,
        citation=citation,
        summary=f"司法局列明各方理据并提出倾向性意见：{row.matter}",
        details={"dispute": row.pk, "reasons": row.reasons, "proposal": row.proposal},
    )
    notices.send(
        users_of(staff_of(row.draft.drafting_unit)),
        f"争议事项已列明理据：《{row.draft.title}》",
        row.proposal,
        citation,
        draft_url(row.draft),
    )
    return row
