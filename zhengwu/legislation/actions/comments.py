"""Public comment (art. 21): every draft is published for comment unless secret, for a period that
is a parameter; the public comments on an article through the public page; the period closes by
itself (timer ``legislation.comment_close``); the drafting unit answers each comment (采纳、部分采纳、
不予采纳 with the reason) and the answers are published."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.actions import copy_back
from zhengwu.core.decisions import InvalidInput, require
from zhengwu.core.i18n import _
from zhengwu.core.transitions import require_checks
from zhengwu.legislation import rules, selectors
from zhengwu.legislation.actions.common import (
    current_version,
    draft_url,
    lock_draft,
    move,
    staff_of,
)
from zhengwu.legislation.models import CommentOutcome, DraftState, NormativeDraft, PublicComment
from zhengwu.legislation.selectors import comment_version
from zhengwu.notices import services as notices
from zhengwu.org.services import users_of
from zhengwu.portal.models import ItemKind
from zhengwu.portal.services import queue_for_publication
from zhengwu.rulebook.services import rulebook_of
from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer
from zhengwu.workdays.arith import deadline_close
from zhengwu.workdays.services import calendar

OPEN = "legislation.open_for_comment"
COMMENT = "legislation.comment"
CLOSE = "legislation.close_comment"
ANSWER = "legislation.answer_comment"
PUBLISH_ANSWERS = "legislation.publish_answers"
CLOSE_TIMER = "legislation.comment_close"

MAX_COMMENT = 5000


def close_key(draft: NormativeDraft) -> str:
    return f"legislation:{draft.pk}:comment_close"


@transaction.atomic
def open_for_comment(actor: AbstractBaseUser, draft: NormativeDraft, days: int | None = None) -> NormativeDraft:
    """The drafting unit's leaders publish the current version for comment; a secret draft is not
    published.  The period: ``legislation.comment_days_*`` (at least 30 days for a major decision)."""
    d = lock_draft(draft)
    rb = rulebook_of(d)
    if days is not None and days < 1:
        raise InvalidInput(_("征求意见天数应为正整数。"), field="days")
    require_checks(*selectors.open_checks(actor, d))
    today = timezone.localdate()
    period = rules.comment_period(d.kind, d.major, today, days, rb, calendar())
    require(period)
    closes_on = period.facts["closes_on"]
    assert isinstance(closes_on, dt.date)
    version = current_version(d)
    d.comment_opens, d.comment_closes = timezone.now(), deadline_close(closes_on)
    d.save(update_fields=["comment_opens", "comment_closes"])
    move(d, DraftState.CONSULTING, actor, period.message, period.citation)
    queue_for_publication(
        actor=actor,
        kind=ItemKind.DRAFT_FOR_COMMENT,
        title=f"{version.title}（征求意见稿）",
        counted_from=today,
        provision=rules.PUBLIC_COMMENT,
        source=version,
        body=version.body,
        issuing_unit=d.drafting_unit,
        genre="征求意见稿",
    )
    timers.schedule(CLOSE_TIMER, d.comment_closes, close_key(d), draft_id=d.pk)
    copy_back(draft, d)
    audit.record(
        actor=actor,
        action=OPEN,
        target=d,
        citation=period.citation,
        summary=f"公开征求意见：《{version.title}》（第{version.number}稿），至{closes_on.isoformat()}",
        details={"version": version.number, "closes_on": closes_on.isoformat(), "days": days},
    )
    return d


@transaction.atomic
def submit_comment(
    draft: NormativeDraft,
    *,
    article: int,
    text: str,
    name: str = "",
    contact: str = "",
) -> PublicComment:
    """A member of the public comments (no account): the text is required, name and contact are not."""
    d = lock_draft(draft)
    rb = rulebook_of(d)
    text = text.strip()
    if not text:
        raise InvalidInput(_("请填写意见内容。"), field="text")
    if len(text) > MAX_COMMENT:
        raise InvalidInput(_("意见内容不超过{MAX_COMMENT}字。", MAX_COMMENT=MAX_COMMENT), field="text")
    if len(name.strip()) > 60:
        raise InvalidInput(_("姓名不超过60字。"), field="name")
    if len(contact.strip()) > 100:
        raise InvalidInput(_("联系方式不超过100字。"), field="contact")
    version = comment_version(d) or current_version(d)
    numbers = [a.number for a in rules.parse_articles(version.body)]
    require(rules.may_comment(d.state, timezone.now(), d.comment_closes, article, numbers, rb))
    row = PublicComment.objects.create(
        draft=d,
        version=version,
        article=article,
        text=text,
        name=name.strip(),
        contact=contact.strip(),
        submitted_at=timezone.now(),
    )
    where = f"第{article}条" if article else "总体"
    audit.record(
        actor=None,
        actor_name="社会公众",
        action=COMMENT,
        target=d,
        citation=rb.cite(rules.PUBLIC_COMMENT),
        summary=f"收到社会公众对《{d.title}》{where}的意见",
        details={"comment": row.pk, "article": article},
    )
    return row


def _close(actor: AbstractBaseUser | None, d: NormativeDraft) -> None:
    rb = rulebook_of(d)
    count = d.comments.count()
    move(d, DraftState.ANSWERING, actor, f"征求意见期满，共收到{count}条意见", rb.cite(rules.PUBLIC_COMMENT))
    timers.cancel(close_key(d))
    audit.record(
        actor=actor,
        actor_name="" if actor else "系统",
        action=CLOSE,
        target=d,
        citation=rb.cite(rules.PUBLIC_COMMENT),
        summary=f"《{d.title}》公开征求意见结束，共收到{count}条意见",
        details={"comments": count},
    )
    notices.send(
        users_of(staff_of(d.drafting_unit)),
        f"征求意见结束：《{d.title}》",
        f"共收到{count}条意见，请逐条反馈采纳情况并公布。",
        rb.cite(rules.PUBLIC_COMMENT),
        draft_url(d),
    )


@transaction.atomic
def close_comments(actor: AbstractBaseUser, draft: NormativeDraft) -> NormativeDraft:
    """The drafting unit closes the comment period once it has ended (the timer does it otherwise)."""
    d = lock_draft(draft)
    require_checks(*selectors.close_checks(actor, d))
    _close(actor, d)
    return copy_back(draft, d)


@timers.handler(CLOSE_TIMER)
def _comment_close(timer: Timer) -> None:
    d = (
        NormativeDraft.objects.select_related("drafting_unit", "rulebook_version")
        .filter(pk=timer.payload.get("draft_id"))
        .first()
    )
    if d is None or d.state != DraftState.CONSULTING:
        return
    _close(None, d)


@transaction.atomic
def answer_comment(actor: AbstractBaseUser, comment: PublicComment, *, outcome: str, reason: str) -> PublicComment:
    """The drafting unit answers one comment: 采纳, 部分采纳 or 不予采纳 with the reason."""
    row = (
        PublicComment.objects.select_for_update(of=("self",))
        .select_related("draft__drafting_unit", "draft__rulebook_version")
        .get(pk=comment.pk)
    )
    d = row.draft
    rb = rulebook_of(d)
    require_checks(*selectors.answer_checks(actor, d))
    decision = rules.check_answer(outcome, reason, rb)
    if not decision.allowed:
        raise InvalidInput(decision.message, field="reason" if outcome in CommentOutcome.values else "outcome")
    row.outcome, row.answer, row.answered_by_id, row.answered_at = outcome, reason.strip(), actor.pk, timezone.now()
    row.save(update_fields=["outcome", "answer", "answered_by", "answered_at"])
    audit.record(
        actor=actor,
        action=ANSWER,
        target=d,
        citation=decision.citation,
        summary=f"反馈意见（{row.get_outcome_display()}）：《{d.title}》"
        + (f"第{row.article}条" if row.article else ""),
        details={"comment": row.pk, "outcome": outcome, "reason": row.answer},
    )
    return row


def answers_text(d: NormativeDraft) -> str:
    lines = []
    for i, c in enumerate(d.comments.order_by("article", "submitted_at", "id"), start=1):
        where = f"第{c.article}条" if c.article else "总体意见"
        lines.append(f"{i}. {where}：{c.text}\n   处理：{c.get_outcome_display()}。{c.answer}")
    return "\n".join(lines) or "征求意见期间未收到意见。"


@transaction.atomic
def publish_answers(actor: AbstractBaseUser, draft: NormativeDraft) -> NormativeDraft:
    """Once every comment is answered, the drafting unit's leaders publish the answers (art. 21)."""
    d = lock_draft(draft)
    rb = rulebook_of(d)
    require_checks(*selectors.publish_answers_checks(actor, d))
    version = comment_version(d) or current_version(d)
    today = timezone.localdate()
    queue_for_publication(
        actor=actor,
        kind=ItemKind.COMMENT_ANSWERS,
        title=f"关于《{version.title}》公开征求意见采纳情况的说明",
        counted_from=today,
        provision=rules.PUBLIC_COMMENT,
        source=version,
        body=answers_text(d),
        issuing_unit=d.drafting_unit,
        genre="意见采纳情况",
    )
    move(d, DraftState.ANSWERED, actor, "意见采纳情况已公布", rb.cite(rules.PUBLIC_COMMENT))
    audit.record(
        actor=actor,
        action=PUBLISH_ANSWERS,
        target=d,
        citation=rb.cite(rules.PUBLIC_COMMENT),
        summary=f"公布《{d.title}》意见采纳情况（{d.comments.count()}条）",
        details={"version": version.number},
    )
    return copy_back(draft, d)
