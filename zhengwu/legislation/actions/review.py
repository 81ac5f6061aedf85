"""Legality review by the 司法局 (arts. 20, 22): mandatory; the checker (:func:`rules.check_text`)
flags sentences for the reviewer, who passes or returns the draft and records why; a returned
draft is revised (a new version) and reviewed again."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.actions import copy_back
from zhengwu.core.decisions import InvalidInput
from zhengwu.core.transitions import require_checks
from zhengwu.legislation import rules, selectors
from zhengwu.legislation.actions.common import (
    current_version,
    draft_url,
    legal_units,
    lock_draft,
    move,
    staff_of,
)
from zhengwu.legislation.models import DraftState, LegalityReview, NormativeDraft
from zhengwu.notices import services as notices
from zhengwu.org.services import describe, positions_of, users_of
from zhengwu.rulebook.services import rulebook_of

SUBMIT = "legislation.submit_for_review"
REVIEW = "legislation.review"


@transaction.atomic
def submit_for_review(actor: AbstractBaseUser, draft: NormativeDraft) -> NormativeDraft:
    """The drafting unit's leaders send the draft to the 司法局: after the comments were answered and
    published (or straight away when it is secret), the consulted units heard; after a return,
    only once revised."""
    d = lock_draft(draft)
    rb = rulebook_of(d)
    require_checks(*selectors.submit_checks(actor, d))
    version = current_version(d)
    flags = rules.check_text(version.body, rb)
    citation = rb.cite(rules.SFJ_REVIEW if d.kind == "regulation" else rules.LEGALITY_REVIEW)
    move(d, DraftState.REVIEWING, actor, f"送司法局合法性审查（第{version.number}稿）", citation)
    audit.record(
        actor=actor,
        action=SUBMIT,
        target=d,
        citation=citation,
        summary=f"《{d.title}》（第{version.number}稿）送司法局合法性审查，自动提示{len(flags)}处",
        details={"version": version.number, "flags": [f.as_dict() for f in flags]},
    )
    notices.send(
        users_of(p for u in legal_units() for p in staff_of(u)),
        f"待合法性审查：《{d.title}》",
        f"第{version.number}稿；自动提示{len(flags)}处疑点。",
        citation,
        draft_url(d),
    )
    return copy_back(draft, d)


@transaction.atomic
def review(actor: AbstractBaseUser, draft: NormativeDraft, *, passed: bool, reasons: str) -> LegalityReview:
    """The 司法局 passes or returns the draft's current version and records why."""
    d = lock_draft(draft)
    rb = rulebook_of(d)
    legal = legal_units()
    positions = positions_of(actor)
    version = current_version(d)
    flags = rules.check_text(version.body, rb)
    require_checks(*selectors.review_checks(actor, d))
    decision = rules.check_review(passed, reasons, len(flags), rb)
    if not decision.allowed:
        raise InvalidInput(decision.message, field="reasons")
    unit = next(u for u in legal if any(p.unit_id == u.pk for p in positions))
    text = reasons.strip() or "经审查，未发现违法设定行政许可、行政处罚、行政强制等事项，同意提请审议。"
    row = LegalityReview.objects.create(
        draft=d,
        version=version,
        passed=passed,
        reasons=text,
        flags=[f.as_dict() for f in flags],
        reviewer_id=actor.pk,
        reviewer_name=describe(actor).name[:60],
        unit=unit,
        created_at=timezone.now(),
    )
    citation = rb.cite(rules.SFJ_REVIEW if d.kind == "regulation" else rules.LEGALITY_REVIEW)
    outcome = "通过" if passed else "退回修改"
    move(d, DraftState.PASSED if passed else DraftState.RETURNED, actor, f"合法性审查{outcome}：{text}", citation)
    audit.record(
        actor=actor,
        action=REVIEW,
        target=d,
        citation=citation,
        summary=f"司法局合法性审查{outcome}（第{version.number}稿）：《{d.title}》。{text}",
        details={"passed": passed, "version": version.number, "reasons": text, "flags": len(flags)},
    )
    notices.send(
        users_of(staff_of(d.drafting_unit)), f"合法性审查{outcome}：《{d.title}》", text, citation, draft_url(d)
    )
    copy_back(draft, d)
    return row
