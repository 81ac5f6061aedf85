"""After publication (arts. 21, 22): filing (备案) within ``legislation.filing_days`` with its 催办
and overdue timers; the 司法局's review of departments' filings; validity (有效、已修改、失效、废止、
撤销) with links to what amends or replaces a document, each change sent to the portal
(:func:`zhengwu.portal.services.record_validity`); clean-up campaigns (清理); the catalogue the
司法局 publishes; post-implementation evaluation (后评估) of regulations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.actions import lock
from zhengwu.core.decisions import InvalidInput, require
from zhengwu.core.i18n import _
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.core.transitions import require_checks
from zhengwu.legislation import rules, selectors
from zhengwu.legislation.actions.common import (
    draft_url,
    legal_units,
    lock_draft,
    office_id,
    staff_of,
    unit_name,
)
from zhengwu.legislation.models import (
    CatalogueRelease,
    Cleanup,
    CleanupEntry,
    DraftState,
    EvaluationState,
    Filing,
    FilingState,
    NormativeDraft,
    RegulationEvaluation,
    ValidityChange,
)
from zhengwu.notices import services as notices
from zhengwu.org.models import Person, Unit, UnitKind
from zhengwu.org.services import users_of
from zhengwu.portal.models import ItemKind
from zhengwu.portal.services import queue_for_publication, record_validity
from zhengwu.rulebook.services import rulebook_of, rulebook_view
from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer
from zhengwu.workdays.arith import UnknownYearError, WorkCalendar, deadline_close
from zhengwu.workdays.dependents import Moved, Recalc
from zhengwu.workdays.services import calendar, office_start

OPEN_FILING = "legislation.filing.open"
FILE = "legislation.filing.file"
REVIEW_FILING = "legislation.filing.review"
FILING_REMIND = "legislation.filing.remind"
FILING_OVERDUE = "legislation.filing.overdue"
VALIDITY = "legislation.validity"
EVALUATION_OPEN = "legislation.evaluation.open"
EVALUATION_DONE = "legislation.evaluation.done"
EVALUATION_REMIND = "legislation.evaluation.remind"
EVALUATION_OVERDUE = "legislation.evaluation.overdue"
CLEANUP_START = "legislation.cleanup.start"
CLEANUP_PROPOSE = "legislation.cleanup.propose"
CLEANUP_DECIDE = "legislation.cleanup.decide"
CLEANUP_CLOSE = "legislation.cleanup.close"
CATALOGUE = "legislation.catalogue"

GOVERNMENT_FILING_RECIPIENTS = ("xj-gov", "npc-standing")  # 自治区人民政府, 州人大常委会


def _label(d: NormativeDraft) -> str:
    return f"{d.doc_number}《{d.title}》" if d.doc_number else f"《{d.title}》"


def _reminder_at(due: dt.date) -> dt.datetime:
    return office_start(due - dt.timedelta(days=rules.REMINDER_DAYS))


# -- filing --------------------------------------------------------------------------------------


def filing_recipients(d: NormativeDraft) -> list[Unit]:
    """The government's documents go to the 自治区人民政府 and the 州人大常委会; a department's to
    the 州人民政府 (art. 22)."""
    if d.issuer.kind == UnitKind.GOVERNMENT:
        return list(Unit.objects.filter(code__in=GOVERNMENT_FILING_RECIPIENTS).order_by("sort_order"))
    return list(Unit.objects.filter(kind=UnitKind.GOVERNMENT).order_by("sort_order")[:1])


def open_filings(actor: AbstractBaseUser | None, d: NormativeDraft) -> list[Filing]:
    """Called by ``publish`` inside its transaction."""
    rb = rulebook_of(d)
    assert d.published_on is not None
    deadline = rules.filing_due(d.published_on, rb, calendar())
    due = deadline.facts["due"]
    assert isinstance(due, dt.date)
    rows = []
    now = timezone.now()
    for unit in filing_recipients(d):
        row, created = Filing.objects.get_or_create(draft=d, recipient=unit, defaults={"due": due})
        if not created:
            continue
        rows.append(row)
        remind = _reminder_at(due)
        if remind > now:
            timers.schedule(FILING_REMIND, remind, f"legislation:filing:{row.pk}:remind", filing_id=row.pk)
        timers.schedule(FILING_OVERDUE, deadline_close(due), f"legislation:filing:{row.pk}:overdue", filing_id=row.pk)
    if rows:
        names = "、".join(unit_name(r.recipient) for r in rows)
        audit.record(
            actor=actor,
            action=OPEN_FILING,
            target=d,
            citation=deadline.citation,
            summary=f"{_label(d)}应于{due.isoformat()}前报{names}备案",
            details={"due": due.isoformat(), "recipients": [r.recipient.code for r in rows]},
        )
    return rows


def _filers(d: NormativeDraft) -> list[Person]:
    if d.issuer.kind == UnitKind.GOVERNMENT:
        oid = office_id()
        office = Unit.objects.filter(pk=oid).first() if oid else None
        return [*(staff_of(office) if office else []), *(p for u in legal_units() for p in staff_of(u))]
    return list(staff_of(d.drafting_unit))


@transaction.atomic
def file_filing(actor: AbstractBaseUser, filing: Filing, *, reference: str = "") -> Filing:
    """报送备案: on time or late (recorded either way); the timers are cancelled."""
    row = (
        Filing.objects.select_for_update(of=("self",))
        .select_related("recipient", "draft__issuer", "draft__drafting_unit", "draft__rulebook_version")
        .get(pk=filing.pk)
    )
    d = row.draft
    rb = rulebook_of(d)
    require_checks(*selectors.file_checks(actor, row))
    now = timezone.now()
    timing = rules.filing_lateness(row.due, timezone.localdate(now), rb)
    row.state, row.filed_at, row.filed_by_id = FilingState.FILED, now, actor.pk
    row.filed_late, row.reference = bool(timing.facts["late"]), reference.strip()[:80]
    row.save(update_fields=["state", "filed_at", "filed_by", "filed_late", "reference"])
    timers.cancel(f"legislation:filing:{row.pk}:remind")
    timers.cancel(f"legislation:filing:{row.pk}:overdue")
    audit.record(
        actor=actor,
        action=FILE,
        target=d,
        citation=timing.citation,
        summary=f"{_label(d)}报{unit_name(row.recipient)}备案" + ("（逾期）" if row.filed_late else ""),
        details={"filing": row.pk, "recipient": row.recipient.code, "late": row.filed_late, "reference": row.reference},
    )
    if d.issuer.kind != UnitKind.GOVERNMENT:
        notices.send(
            users_of(p for u in legal_units() for p in staff_of(u)),
            f"待备案审查：{_label(d)}",
            f"{unit_name(d.issuer)}报州人民政府备案，请司法局审查。",
            rb.cite(rules.FILING),
            draft_url(d),
        )
    return row


@transaction.atomic
def review_filing(actor: AbstractBaseUser, filing: Filing, *, passed: bool, note: str) -> Filing:
    """备案审查: the 司法局 reviews a department's filed normative document (art. 22)."""
    row = (
        Filing.objects.select_for_update(of=("self",))
        .select_related("recipient", "draft__issuer", "draft__drafting_unit", "draft__rulebook_version")
        .get(pk=filing.pk)
    )
    d = row.draft
    rb = rulebook_of(d)
    require_checks(*selectors.review_filing_checks(actor, row))
    if not passed and not note.strip():
        raise InvalidInput(_("审查发现问题的，请写明问题和纠正意见。"), field="note")
    row.review_passed, row.review_note, row.reviewed_by_id, row.reviewed_at = (
        passed,
        note.strip(),
        actor.pk,
        timezone.now(),
    )
    row.save(update_fields=["review_passed", "review_note", "reviewed_by", "reviewed_at"])
    citation = rb.cite(rules.FILING)
    audit.record(
        actor=actor,
        action=REVIEW_FILING,
        target=d,
        citation=citation,
        summary=f"司法局备案审查{'通过' if passed else '发现问题，责令纠正'}：{_label(d)}",
        details={"filing": row.pk, "passed": passed, "note": row.review_note},
    )
    notices.send(
        users_of(staff_of(d.drafting_unit)),
        f"备案审查{'通过' if passed else '发现问题'}：{_label(d)}",
        row.review_note or "审查通过。",
        citation,
        draft_url(d),
    )
    return row


def _filing(timer: Timer) -> Filing | None:
    return (
        Filing.objects.select_related("recipient", "draft__issuer", "draft__drafting_unit", "draft__rulebook_version")
        .filter(pk=timer.payload.get("filing_id"))
        .first()
    )


@timers.handler(FILING_REMIND)
def _filing_remind(timer: Timer) -> None:
    row = _filing(timer)
    if row is None or row.state != FilingState.PENDING:
        return
    if not Filing.objects.filter(pk=row.pk, reminded_at__isnull=True).update(reminded_at=timer.fire_at):
        return
    d = row.draft
    citation = rulebook_of(d).cite(rules.FILING)
    audit.record(
        actor=None,
        actor_name="系统",
        action=FILING_REMIND,
        target=d,
        citation=citation,
        summary=f"催办：{_label(d)}应于{row.due.isoformat()}前报{unit_name(row.recipient)}备案",
        details={"filing": row.pk},
    )
    notices.send(
        users_of(_filers(d)),
        f"催办备案：{_label(d)}",
        f"请于{row.due.isoformat()}前报{unit_name(row.recipient)}备案。",
        citation,
        draft_url(d),
    )


@timers.handler(FILING_OVERDUE)
def _filing_overdue(timer: Timer) -> None:
    row = _filing(timer)
    if row is None or row.state != FilingState.PENDING:
        return
    if not Filing.objects.filter(pk=row.pk, overdue_at__isnull=True).update(overdue_at=timer.fire_at):
        return
    d = row.draft
    citation = rulebook_of(d).cite(rules.FILING)
    audit.record(
        actor=None,
        actor_name="系统",
        action=FILING_OVERDUE,
        target=d,
        citation=citation,
        summary=f"逾期未备案：{_label(d)}应于{row.due.isoformat()}前报{unit_name(row.recipient)}备案",
        details={"filing": row.pk},
    )
    notices.send(
        users_of(_filers(d)), f"逾期未备案：{_label(d)}", f"备案期限{row.due.isoformat()}已过。", citation, draft_url(d)
    )


# -- validity ------------------------------------------------------------------------------------


def record_initial_validity(actor: AbstractBaseUser | None, d: NormativeDraft) -> None:
    assert d.published_on is not None
    ValidityChange.objects.create(
        draft=d,
        validity="in_force",
        effective_on=d.published_on,
        reason="公布施行",
        actor_id=actor.pk if actor else None,
        at=timezone.now(),
    )


def _set_validity(
    actor: AbstractBaseUser | None,
    d: NormativeDraft,
    validity: str,
    when: dt.date,
    reason: str,
    related: NormativeDraft | None,
) -> ValidityChange:
    rb = rulebook_of(d)
    assert d.published_on is not None
    effective = rules.effective_on(validity, when, d.published_on)
    d.validity = validity
    d.save(update_fields=["validity"])
    row = ValidityChange.objects.create(
        draft=d,
        validity=validity,
        effective_on=effective,
        reason=reason[:300],
        related=related,
        actor_id=actor.pk if actor else None,
        at=timezone.now(),
    )
    record_validity(
        actor=actor,
        source=d,
        validity=validity,
        effective_on=effective,
        note=reason[:300],
        related_source=related,
        provision=rules.VALIDITY,
    )
    label = rules.VALIDITY_LABELS[validity]
    audit.record(
        actor=actor,
        actor_name="" if actor else "系统",
        action=VALIDITY,
        target=d,
        citation=rb.cite(rules.VALIDITY),
        summary=f"{_label(d)}有效性改为“{label}”（{effective.isoformat()}起）"
        + (f"，由{_label(related)}{'修改' if validity == 'amended' else '替代'}" if related else ""),
        details={
            "validity": validity,
            "effective_on": effective.isoformat(),
            "reason": reason,
            "related": related.pk if related else None,
        },
    )
    return row


@transaction.atomic
def change_validity(
    actor: AbstractBaseUser,
    draft: NormativeDraft,
    *,
    validity: str,
    effective_on: dt.date,
    reason: str,
    related: NormativeDraft | None = None,
) -> ValidityChange:
    """已修改 / 失效 / 废止 / 撤销 (void from the start), with the document that amends or replaces it."""
    d = lock_draft(draft)
    rb = rulebook_of(d)
    require_checks(*selectors.validity_checks(actor, d))
    if not reason.strip():
        raise InvalidInput(_("请写明有效性变化的依据或理由。"), field="reason")
    if related is not None and related.pk == d.pk:
        raise InvalidInput(_("不能以文件本身作为修改或替代它的文件。"), field="related")
    require(rules.validity_change(d.validity, validity, related is not None, rb))
    row = _set_validity(actor, d, validity, effective_on, reason.strip(), related)
    draft.validity = d.validity
    return row


def apply_succession(actor: AbstractBaseUser | None, d: NormativeDraft) -> ValidityChange | None:
    """Called by ``publish``: the new document repeals or amends the one it ``replaces``."""
    assert d.replaces_id is not None
    old = lock_draft(NormativeDraft.objects.get(pk=d.replaces_id))
    if old.validity not in {"in_force", "amended"}:
        return None
    validity = "repealed" if d.replace_mode == "repeal" else "amended"
    assert d.published_on is not None
    verb = "废止" if validity == "repealed" else "修改"
    return _set_validity(actor, old, validity, d.published_on, f"由{_label(d)}{verb}", d)


# -- post-implementation evaluation ---------------------------------------------------------------


def _nominal_due(published_on: dt.date, months: int) -> dt.date:
    """``months`` after publication when the calendar of that year is not yet known (no roll)."""
    total = published_on.year * 12 + published_on.month - 1 + months
    year, month0 = divmod(total, 12)
    import calendar as _stdcal

    return dt.date(year, month0 + 1, min(published_on.day, _stdcal.monthrange(year, month0 + 1)[1]))


def schedule_evaluation(actor: AbstractBaseUser | None, d: NormativeDraft) -> RegulationEvaluation:
    """后评估 (art. 21): due ``legislation.evaluation_months`` after publication; reminded and
    followed like any deadline.  A due date in a year whose calendar is not yet published is the
    nominal date (not rolled off a rest day)."""
    rb = rulebook_of(d)
    assert d.published_on is not None
    try:
        decision = rules.evaluation_due(d.published_on, rb, calendar())
        due = decision.facts["due"]
        assert isinstance(due, dt.date)
    except UnknownYearError:
        due = _nominal_due(d.published_on, rb.param(rules.EVALUATION_MONTHS).as_int)
    row, _unused = RegulationEvaluation.objects.get_or_create(draft=d, defaults={"due": due})
    timers.schedule(
        EVALUATION_REMIND,
        office_start(due - dt.timedelta(days=30)),
        f"legislation:evaluation:{row.pk}:remind",
        evaluation_id=row.pk,
    )
    timers.schedule(
        EVALUATION_OVERDUE, deadline_close(due), f"legislation:evaluation:{row.pk}:overdue", evaluation_id=row.pk
    )
    audit.record(
        actor=actor,
        action=EVALUATION_OPEN,
        target=d,
        citation=rb.param_citation(rules.EVALUATION_MONTHS),
        summary=f"{_label(d)}应于{due.isoformat()}前完成实施后评估",
        details={"due": due.isoformat()},
    )
    return row


@transaction.atomic
def complete_evaluation(
    actor: AbstractBaseUser, evaluation: RegulationEvaluation, *, report: str
) -> RegulationEvaluation:
    row = (
        RegulationEvaluation.objects.select_for_update(of=("self",))
        .select_related("draft__drafting_unit", "draft__rulebook_version", "draft__issuer")
        .get(pk=evaluation.pk)
    )
    d = row.draft
    rb = rulebook_of(d)
    require_checks(*selectors.evaluation_checks(actor, row))
    if not report.strip():
        raise InvalidInput(_("请填写评估报告（发现的问题和完善建议）。"), field="report")
    row.state, row.report, row.done_at, row.done_by_id = EvaluationState.DONE, report.strip(), timezone.now(), actor.pk
    row.save(update_fields=["state", "report", "done_at", "done_by"])
    timers.cancel(f"legislation:evaluation:{row.pk}:remind")
    timers.cancel(f"legislation:evaluation:{row.pk}:overdue")
    audit.record(
        actor=actor,
        action=EVALUATION_DONE,
        target=d,
        citation=rb.cite(rules.POST_EVALUATION),
        summary=f"完成实施后评估：{_label(d)}",
        details={"evaluation": row.pk},
    )
    return row


def _evaluation(timer: Timer) -> RegulationEvaluation | None:
    return (
        RegulationEvaluation.objects.select_related("draft__drafting_unit", "draft__rulebook_version")
        .filter(pk=timer.payload.get("evaluation_id"), state=EvaluationState.PENDING)
        .first()
    )


@timers.handler(EVALUATION_REMIND)
def _evaluation_remind(timer: Timer) -> None:
    row = _evaluation(timer)
    if row is None or not RegulationEvaluation.objects.filter(pk=row.pk, reminded_at__isnull=True).update(
        reminded_at=timer.fire_at
    ):
        return
    d = row.draft
    citation = rulebook_of(d).cite(rules.POST_EVALUATION)
    audit.record(
        actor=None,
        actor_name="系统",
        action=EVALUATION_REMIND,
        target=d,
        citation=citation,
        summary=f"催办：{_label(d)}应于{row.due.isoformat()}前完成实施后评估",
        details={"evaluation": row.pk},
    )
    notices.send(
        users_of(staff_of(d.drafting_unit)),
        f"催办后评估：{_label(d)}",
        f"请于{row.due.isoformat()}前完成实施后评估。",
        citation,
        draft_url(d),
    )


@timers.handler(EVALUATION_OVERDUE)
def _evaluation_overdue(timer: Timer) -> None:
    row = _evaluation(timer)
    if row is None or not RegulationEvaluation.objects.filter(pk=row.pk, overdue_at__isnull=True).update(
        overdue_at=timer.fire_at
    ):
        return
    d = row.draft
    citation = rulebook_of(d).cite(rules.POST_EVALUATION)
    audit.record(
        actor=None,
        actor_name="系统",
        action=EVALUATION_OVERDUE,
        target=d,
        citation=citation,
        summary=f"逾期未完成实施后评估：{_label(d)}",
        details={"evaluation": row.pk},
    )
    notices.send(
        users_of(staff_of(d.drafting_unit, leaders_only=True)),
        f"逾期未评估：{_label(d)}",
        f"后评估期限{row.due.isoformat()}已过。",
        citation,
        draft_url(d),
    )


# -- clean-up ------------------------------------------------------------------------------------


def in_force() -> list[NormativeDraft]:
    return list(
        NormativeDraft.objects.filter(state=DraftState.PUBLISHED, validity__in=["in_force", "amended"])
        .select_related("issuer", "drafting_unit")
        .order_by("issuer__sort_order", "published_on", "id")
    )


@transaction.atomic
def start_cleanup(actor: AbstractBaseUser, *, title: str) -> Cleanup:
    """The 司法局 lists every document in force; each goes to its unit (the drafting unit) to propose."""
    rb = rulebook_view(timezone.localdate())
    require_checks(*selectors.start_cleanup_checks(actor))
    if not title.strip():
        raise InvalidInput(_("请填写清理名称。"), field="title")
    docs = in_force()
    require(rules.check_cleanup(len(docs), 0, False, rb, closing=False))
    row = Cleanup.objects.create(title=title.strip()[:200], started_by_id=actor.pk, started_at=timezone.now())
    CleanupEntry.objects.bulk_create([CleanupEntry(cleanup=row, draft=d, unit=d.drafting_unit) for d in docs])
    citation = rb.cite(rules.CLEANUP)
    audit.record(
        actor=actor,
        action=CLEANUP_START,
        target=row,
        citation=citation,
        summary=f"开展清理：{row.title}（{len(docs)}件）",
        details={"drafts": [d.pk for d in docs]},
    )
    for unit in {d.drafting_unit for d in docs}:
        notices.send(
            users_of(staff_of(unit)),
            f"规范性文件清理：{row.title}",
            "请对本单位起草的有效文件逐件提出清理意见。",
            citation,
            f"/legislation/cleanups/{row.pk}/",
        )
    return row


def _lock_entry(entry: CleanupEntry) -> CleanupEntry:
    return lock(entry, "cleanup", "unit", "draft__issuer", "draft__drafting_unit", "draft__rulebook_version")


@transaction.atomic
def propose_cleanup(actor: AbstractBaseUser, entry: CleanupEntry, *, proposal: str, reason: str = "") -> CleanupEntry:
    row = _lock_entry(entry)
    rb = rulebook_of(row.draft)
    require_checks(*selectors.propose_cleanup_checks(actor, row), rules.check_cleanup_proposal(proposal, reason, rb))
    row.proposal, row.proposal_reason, row.proposed_by_id, row.proposed_at = (
        proposal,
        reason.strip()[:300],
        actor.pk,
        timezone.now(),
    )
    row.save(update_fields=["proposal", "proposal_reason", "proposed_by", "proposed_at"])
    audit.record(
        actor=actor,
        action=CLEANUP_PROPOSE,
        target=row.draft,
        citation=rb.cite(rules.CLEANUP),
        summary=f"清理意见（{row.get_proposal_display()}）：{_label(row.draft)}",
        details={"entry": row.pk, "proposal": proposal, "reason": row.proposal_reason},
    )
    return row


@transaction.atomic
def decide_cleanup(actor: AbstractBaseUser, entry: CleanupEntry, *, decision: str, note: str = "") -> CleanupEntry:
    """The 司法局's leaders decide; 废止 and 宣布失效 flow into the document's validity at once, 修改
    when the amending document is published."""
    row = _lock_entry(entry)
    rb = rulebook_of(row.draft)
    require_checks(*selectors.decide_cleanup_checks(actor, row), rules.check_cleanup_decision(decision, rb))
    row.decision, row.decision_note, row.decided_by_id, row.decided_at = (
        decision,
        note.strip()[:300],
        actor.pk,
        timezone.now(),
    )
    row.save(update_fields=["decision", "decision_note", "decided_by", "decided_at"])
    audit.record(
        actor=actor,
        action=CLEANUP_DECIDE,
        target=row.draft,
        citation=rb.cite(rules.CLEANUP),
        summary=f"清理结果（{row.get_decision_display()}）：{_label(row.draft)}",
        details={"entry": row.pk, "decision": decision, "note": row.decision_note},
    )
    if decision in {"repeal", "expire"}:
        d = lock_draft(row.draft)
        validity = "repealed" if decision == "repeal" else "expired"
        require(rules.validity_change(d.validity, validity, False, rb))
        reason = f"{row.cleanup.title}：{row.decision_note or '清理决定'}"
        _set_validity(actor, d, validity, timezone.localdate(), reason, None)
    return row


@transaction.atomic
def close_cleanup(actor: AbstractBaseUser, cleanup: Cleanup) -> Cleanup:
    row = Cleanup.objects.select_for_update().get(pk=cleanup.pk)
    rb = rulebook_view(timezone.localdate())
    require_checks(*selectors.close_cleanup_checks(actor, row))
    row.closed_at = timezone.now()
    row.save(update_fields=["closed_at"])
    audit.record(
        actor=actor, action=CLEANUP_CLOSE, target=row, citation=rb.cite(rules.CLEANUP), summary=f"清理结束：{row.title}"
    )
    return row


# -- the catalogue -------------------------------------------------------------------------------


def catalogue_entries() -> list[dict[str, str]]:
    return [
        {
            "title": d.title,
            "number": d.doc_number,
            "issuer": d.issuer.name,
            "kind": d.get_kind_display(),
            "published_on": d.published_on.isoformat() if d.published_on else "",
            "validity": rules.VALIDITY_LABELS.get(d.validity, ""),
        }
        for d in in_force()
    ]


@transaction.atomic
def publish_catalogue(actor: AbstractBaseUser) -> CatalogueRelease:
    """The 司法局 publishes the catalogue of documents in force (art. 22)."""
    today = timezone.localdate()
    rb = rulebook_view(today)
    require_checks(*selectors.publish_catalogue_checks(actor))
    entries = catalogue_entries()
    row = CatalogueRelease.objects.create(
        released_on=today, entries=entries, released_by_id=actor.pk, released_at=timezone.now()
    )
    body = (
        "\n".join(
            f"{i}. {e['title']}（{e['number']}，{e['issuer']}，{e['published_on']}公布，{e['validity']}）"
            for i, e in enumerate(entries, start=1)
        )
        or "目前没有有效的规章、规范性文件。"
    )
    sfj = legal_units()
    queue_for_publication(
        actor=actor,
        kind=ItemKind.CATALOGUE,
        title=str(row),
        counted_from=today,
        provision=rules.CATALOGUE,
        source=row,
        body=body,
        issuing_unit=sfj[0] if sfj else None,
        genre="目录",
        category="规章和规范性文件",
    )
    audit.record(
        actor=actor,
        action=CATALOGUE,
        target=row,
        citation=rb.cite(rules.CATALOGUE),
        summary=f"公布规范性文件目录（{len(entries)}件）",
        details={"count": len(entries)},
    )
    return row


# -- the calendar changed ------------------------------------------------------------------------


def _rule_moved(recalc: Recalc, due: dt.date, compute: Callable[[WorkCalendar], dt.date]) -> dt.date | None:
    """The date ``compute`` gives on the new calendar when ``due`` is what it gave on the old one
    and it differs (a date someone chose is not what the rule gives, and stays); else None."""
    try:
        if compute(recalc.old) != due:
            return None
        new = compute(recalc.new)
    except (UnknownYearError, ValueError):
        return None
    return new if new != due else None


def _comment_periods(recalc: Recalc, now: dt.datetime) -> list[Moved]:
    """A comment period running on its minimum (art. 21) that now ends later is extended; one that
    would end earlier keeps the day announced to the public, and a longer period the unit set stays."""
    from zhengwu.legislation.actions.comments import close_key

    moved: list[Moved] = []
    drafts = NormativeDraft.objects.select_related("drafting_unit", "rulebook_version").filter(
        state=DraftState.CONSULTING, comment_opens__isnull=False, comment_closes__gte=deadline_close(recalc.since)
    )
    for d in drafts:
        assert d.comment_opens is not None
        assert d.comment_closes is not None
        rb = rulebook_of(d)
        opens = timezone.localdate(d.comment_opens)
        closes_on = timezone.localtime(d.comment_closes).date() - dt.timedelta(days=1)

        def minimum(cal: WorkCalendar, d: NormativeDraft = d, rb: RulebookView = rb, opens: dt.date = opens) -> dt.date:
            closes = rules.comment_period(d.kind, d.major, opens, None, rb, cal).facts["closes_on"]
            assert isinstance(closes, dt.date)
            return closes

        new = _rule_moved(recalc, closes_on, minimum)
        if new is None or new < closes_on:
            continue
        NormativeDraft.objects.filter(pk=d.pk).update(comment_closes=deadline_close(new))
        timers.move(close_key(d), deadline_close(new))
        moved.append(
            Moved(
                f"《{d.title}》公开征求意见的截止日期",
                closes_on,
                new,
                tuple(u.pk for u in users_of(staff_of(d.drafting_unit))),
                draft_url(d),
            )
        )
    return moved


def _consultations(recalc: Recalc) -> list[Moved]:
    """Units consulted on a draft (art. 22) reply within ``countersign.reply_days`` working days."""
    from zhengwu.legislation.models import UnitConsultation

    moved: list[Moved] = []
    rows = (
        UnitConsultation.objects.select_related("unit", "draft__rulebook_version")
        .filter(replied_at__isnull=True, due__gte=recalc.since)
        .exclude(draft__state=DraftState.PUBLISHED)
    )
    for row in rows:
        days = rulebook_of(row.draft).param("countersign.reply_days").as_int
        new = recalc.working_days(timezone.localdate(row.requested_at), days, row.due)
        if new is None:
            continue
        UnitConsultation.objects.filter(pk=row.pk).update(due=new)
        moved.append(
            Moved(
                f"《{row.draft.title}》征求{unit_name(row.unit)}意见的回复期限",
                row.due,
                new,
                tuple(u.pk for u in users_of(staff_of(row.unit, leaders_only=True))),
                draft_url(row.draft),
            )
        )
    return moved


def _evaluation_due(published_on: dt.date, months: int, cal: WorkCalendar) -> dt.date:
    """As :func:`schedule_evaluation` computes it: rolled off a rest day, or nominal in a year the
    calendar does not know."""
    try:
        return cal.add_months(published_on, months)
    except UnknownYearError:
        return _nominal_due(published_on, months)


def recompute_dues(recalc: Recalc) -> list[Moved]:
    """The working calendar changed: the comment period of a draft open for comment (art. 21), the
    reply of a unit consulted (art. 22), a filing not yet made (``legislation.filing_days`` from
    publication) and a post-implementation evaluation not yet done (``legislation.evaluation_months``)
    — each still what its rule gave on the old calendar — get the day the rule gives now; their
    pending timers move (fired ones stay fired) and the people their reminders go to are told."""
    now = timezone.now()
    moved = [*_comment_periods(recalc, now), *_consultations(recalc)]
    filings = Filing.objects.select_related(
        "recipient", "draft__issuer", "draft__drafting_unit", "draft__rulebook_version"
    ).filter(state=FilingState.PENDING, overdue_at__isnull=True, due__gte=recalc.since)
    for row in filings:
        d = row.draft
        if d.published_on is None:
            continue
        new = recalc.days(d.published_on, rulebook_of(d).param(rules.FILING_DAYS).as_int, row.due)
        if new is None:
            continue
        Filing.objects.filter(pk=row.pk).update(due=new)
        if _reminder_at(new) > now:
            timers.move(f"legislation:filing:{row.pk}:remind", _reminder_at(new))
        timers.move(f"legislation:filing:{row.pk}:overdue", deadline_close(new))
        moved.append(
            Moved(
                f"{_label(d)}报{unit_name(row.recipient)}备案的期限",
                row.due,
                new,
                tuple(u.pk for u in users_of(_filers(d))),
                draft_url(d),
            )
        )
    evaluations = RegulationEvaluation.objects.select_related("draft__drafting_unit", "draft__rulebook_version").filter(
        state=EvaluationState.PENDING, overdue_at__isnull=True, due__gte=recalc.since
    )
    for ev in evaluations:
        d = ev.draft
        if d.published_on is None:
            continue
        published_on, months = d.published_on, rulebook_of(d).param(rules.EVALUATION_MONTHS).as_int

        def due_on(cal: WorkCalendar, published_on: dt.date = published_on, months: int = months) -> dt.date:
            return _evaluation_due(published_on, months, cal)

        new = _rule_moved(recalc, ev.due, due_on)
        if new is None:
            continue
        RegulationEvaluation.objects.filter(pk=ev.pk).update(due=new)
        remind = office_start(new - dt.timedelta(days=30))
        if remind > now:
            timers.move(f"legislation:evaluation:{ev.pk}:remind", remind)
        timers.move(f"legislation:evaluation:{ev.pk}:overdue", deadline_close(new))
        moved.append(
            Moved(
                f"{_label(d)}的实施后评估期限",
                ev.due,
                new,
                tuple(u.pk for u in users_of(staff_of(d.drafting_unit))),
                draft_url(d),
            )
        )
    return moved
