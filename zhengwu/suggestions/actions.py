"""Actions of 建议提案 (art. 31): register → assign (lead and co-units; the answer due 3 months
later) → co-units' opinions → the lead unit's answer, a 函 drafted here and taken through review,
art. 49 signing and issue in the documents flow → satisfaction recorded (不满意: handled again) →
the answer queued for publication unless it may not be disclosed.

Whether a suggestion is answered is read from its answer document's state (issued), so the
documents flow needs no hook here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.cases.limits import cancel_limit, limit_fired, move_limit, rule_moved, schedule_limit
from zhengwu.core.actions import copy_back, lock
from zhengwu.core.decisions import InvalidInput, require
from zhengwu.core.i18n import _
from zhengwu.core.memo import action
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.core.transitions import require_checks
from zhengwu.documents.actions.common import latest_version
from zhengwu.documents.actions.outgoing import draft_outgoing
from zhengwu.documents.models import DocType, Document
from zhengwu.notices import services as notices
from zhengwu.org.models import Unit
from zhengwu.org.rules import Authority, Holder
from zhengwu.org.services import office_unit, users_of, who_holds
from zhengwu.rulebook.services import rulebook_of, version_in_force, view_of
from zhengwu.suggestions import rules, selectors
from zhengwu.suggestions.models import CoUnitOpinion, Feedback, Kind, Satisfaction, State, Suggestion
from zhengwu.suggestions.selectors import unit_name
from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer
from zhengwu.workdays.arith import WorkCalendar
from zhengwu.workdays.dependents import Moved, Recalc
from zhengwu.workdays.services import calendar

TIMER_PREFIX = "suggestions.limit"
NPC_UNIT, CPPCC_UNIT = "npc-standing", "cppcc"


def url_of(suggestion: Suggestion) -> str:
    return f"/suggestions/{suggestion.pk}/"


def _lock(suggestion: Suggestion) -> Suggestion:
    return lock(suggestion, "lead_unit", "answer_document", "rulebook_version")


def _heads(*units: Unit | None) -> list[Holder | None]:
    return [who_holds(Authority("head", u.pk)) for u in units if u is not None]


def _text(value: str, field: str, what: str, max_length: int | None = None) -> str:
    text = value.strip()
    if not text:
        raise InvalidInput(_("请填写{what}。", what=what), field=field)
    if max_length is not None and len(text) > max_length:
        raise InvalidInput(_("{what}不能超过{max_length}个字。", what=what, max_length=max_length), field=field)
    return text


def _label(s: Suggestion) -> str:
    return f"{s.get_kind_display()}第{s.number}号《{s.title}》"


# -- timers --------------------------------------------------------------------------------------


def _key(s: Suggestion) -> str:
    return f"suggestions.{s.pk}.answer"


def _co_key(opinion: CoUnitOpinion) -> str:
    return f"suggestions.{opinion.suggestion_id}.co.{opinion.pk}"


def _remind_days(rb: RulebookView) -> int:
    return rb.param("suggestions.remind_days").as_int


def _schedule(s: Suggestion) -> None:
    assert s.due is not None
    schedule_limit(
        TIMER_PREFIX,
        _key(s),
        s.due,
        _remind_days(rulebook_of(s)),
        calendar(),
        timezone.now(),
        suggestion_id=s.pk,
        round=s.round,
    )


def _schedule_co(s: Suggestion, opinion: CoUnitOpinion) -> None:
    schedule_limit(
        TIMER_PREFIX,
        _co_key(opinion),
        opinion.due,
        _remind_days(rulebook_of(s)),
        calendar(),
        timezone.now(),
        suggestion_id=s.pk,
        opinion_id=opinion.pk,
    )


def _limit_of(timer: Timer) -> tuple[Suggestion, CoUnitOpinion | None, dt.date] | None:
    """The suggestion (and co-unit opinion) a timer is about, if its limit is still running."""
    s = (
        Suggestion.objects.select_related("lead_unit", "answer_document", "rulebook_version")
        .filter(pk=timer.payload.get("suggestion_id"))
        .first()
    )
    if s is None or s.state != State.HANDLING:
        return None
    opinion_id = timer.payload.get("opinion_id")
    if opinion_id is not None:
        opinion = CoUnitOpinion.objects.select_related("unit").filter(pk=opinion_id, sent_at__isnull=True).first()
        return (s, opinion, opinion.due) if opinion else None
    if s.answered or s.due is None or timer.payload.get("round") != s.round:
        return None
    return s, None, s.due


@timers.handler(f"{TIMER_PREFIX}.remind")
def _remind(timer: Timer) -> None:
    found = _limit_of(timer)
    if found is None:
        return
    s, opinion, due = found
    rb = rulebook_of(s)
    with transaction.atomic():
        if opinion is not None:
            notices.send(
                users_of(_heads(opinion.unit)),
                f"协办意见期限将至：{_label(s)}（{due:%Y-%m-%d}）",
                f"请于{due:%Y-%m-%d}前将协办意见送主办单位{unit_name(s.lead_unit)}。",
                rb.cite(rules.CO_UNITS),
                url_of(s),
            )
        else:
            notices.send(
                users_of(_heads(s.lead_unit)),
                f"建议提案办复期限将至：{_label(s)}（{due:%Y-%m-%d}）",
                "请按时办复。",
                rb.cite(rules.TIME_LIMIT),
                url_of(s),
            )


@timers.handler(f"{TIMER_PREFIX}.overdue")
def _overdue(timer: Timer) -> None:
    found = _limit_of(timer)
    if found is None:
        return
    s, opinion, due = found
    if timezone.localdate(timer.fire_at) < due:
        return
    rb = rulebook_of(s)
    who = opinion.unit if opinion is not None else s.lead_unit
    what = "协办意见" if opinion is not None else "办复"
    citation = rb.cite(rules.CO_UNITS if opinion is not None else rules.TIME_LIMIT)
    with transaction.atomic():
        audit.record(
            actor=None,
            action="suggestions.overdue",
            target=s,
            citation=citation,
            summary=f"{unit_name(who)}{what}逾期（{due:%Y-%m-%d}）：{_label(s)}",
            details={"unit": who.code if who else "", "due": due.isoformat(), "what": what},
        )
        office = selectors.office_id()
        notices.send(
            users_of([*_heads(who), *([who_holds(Authority("head", office))] if office else [])]),
            f"建议提案{what}已逾期：{_label(s)}",
            f"期限{due:%Y-%m-%d}。",
            citation,
            url_of(s),
        )


# -- register and assign -------------------------------------------------------------------------


@action
def register(
    actor: AbstractBaseUser,
    *,
    kind: str,
    number: str,
    title: str,
    text: str,
    proposers: str,
    session: str,
    received_on: dt.date,
    is_demo: bool = False,
) -> Suggestion:
    """登记 a deputy's suggestion or a member's proposal (art. 31)."""
    version = version_in_force()
    rb = view_of(version)
    if kind not in Kind.values:
        raise InvalidInput(_("无法识别的类别“{kind}”，应为人大代表建议或政协委员提案。", kind=kind), field="kind")
    num = _text(number, "number", "编号", 40)
    heading = _text(title, "title", "标题", 200)
    body = _text(text, "text", "内容")
    names = _text(proposers, "proposers", "领衔及联名代表（委员）", 200)
    meeting = _text(session, "session", "届次会议", 100)
    if received_on > timezone.localdate():
        raise InvalidInput(_("收到日期不能晚于今天。"), field="received_on")
    require(selectors.register_check(actor))
    if Suggestion.objects.filter(kind=kind, session=meeting, number=num).exists():
        raise InvalidInput(_("{meeting}第{num}号已登记。", meeting=meeting, num=num), field="number")
    s = Suggestion.objects.create(
        kind=kind,
        number=num,
        title=heading,
        text=body,
        proposers=names,
        session=meeting,
        received_on=received_on,
        state=State.REGISTERED,
        rulebook_version=version,
        created_by_id=actor.pk,
        created_at=timezone.now(),
        is_demo=is_demo,
    )
    audit.record(
        actor=actor,
        action="suggestions.register",
        target=s,
        citation=rb.cite(rules.HANDLING),
        summary=f"登记{_label(s)}（{names}）",
        details={"kind": kind, "session": meeting, "number": num},
    )
    return s


@action
def assign(
    actor: AbstractBaseUser, suggestion: Suggestion, lead_unit: Unit, co_units: Sequence[Unit] = ()
) -> Suggestion:
    """交办: the lead unit answers within 3 months; co-units send their opinions 30 days before
    (art. 31)."""
    s = _lock(suggestion)
    rb = rulebook_of(s)
    co = list({u.pk: u for u in co_units}.values())
    require_checks(*selectors.assign_checks(actor, s))
    require(rules.check_assignment(lead_unit.pk, {u.pk for u in co}, rb))
    cal = calendar()
    today = timezone.localdate()
    s.lead_unit, s.assigned_on, s.state = lead_unit, today, State.HANDLING
    s.due = rules.answer_due(today, rb, cal)
    s.co_due = rules.co_unit_due(s.due, today, rb, cal) if co else None
    s.save(update_fields=["lead_unit", "assigned_on", "state", "due", "co_due"])
    opinions = [CoUnitOpinion.objects.create(suggestion=s, unit=u, round=s.round, due=s.co_due or s.due) for u in co]
    _schedule(s)
    for opinion in opinions:
        _schedule_co(s, opinion)
    names = "、".join(unit_name(u) for u in co)
    audit.record(
        actor=actor,
        action="suggestions.assign",
        target=s,
        citation=rb.param_citation("suggestions.answer_months"),
        summary=f"交办{_label(s)}：主办{unit_name(lead_unit)}"
        + (f"，协办{names}" if names else "")
        + f"，{s.due:%Y-%m-%d}前办复"
        + (f"，协办意见{s.co_due:%Y-%m-%d}前送主办单位" if s.co_due else ""),
        details={
            "lead": lead_unit.code,
            "co": [u.code for u in co],
            "due": s.due.isoformat(),
            "co_due": s.co_due.isoformat() if s.co_due else None,
        },
    )
    notices.send(
        users_of(_heads(lead_unit)),
        f"建议提案交办（主办）：{_label(s)}",
        f"请于{s.due:%Y-%m-%d}前办复。",
        rb.cite(rules.TIME_LIMIT),
        url_of(s),
    )
    if co:
        notices.send(
            users_of(_heads(*co)),
            f"建议提案交办（协办）：{_label(s)}",
            f"请于{s.co_due:%Y-%m-%d}前将协办意见送主办单位{unit_name(lead_unit)}。",
            rb.cite(rules.CO_UNITS),
            url_of(s),
        )
    return copy_back(suggestion, s)


@action
def extend(actor: AbstractBaseUser, suggestion: Suggestion, new_due: dt.date, reason: str) -> Suggestion:
    """Extend the answer's limit, with its reason, to at most 6 months after assignment."""
    s = _lock(suggestion)
    rb = rulebook_of(s)
    require_checks(*selectors.extend_checks(actor, s))
    assert s.assigned_on is not None
    assert s.due is not None
    why = reason.strip()
    if not why:
        raise InvalidInput(_("请填写延期理由。"), field="reason")
    require(rules.check_extension(s.assigned_on, s.due, new_due, why, rb, calendar()))
    old_due = s.due
    s.due = new_due
    s.extension_reason = why if not s.extension_reason else f"{s.extension_reason}\n{why}"
    s.save(update_fields=["due", "extension_reason"])
    _schedule(s)
    audit.record(
        actor=actor,
        action="suggestions.extend",
        target=s,
        citation=rb.param_citation("suggestions.max_months"),
        summary=f"{_label(s)}延期至{new_due:%Y-%m-%d}办复：{why}",
        details={"old_due": old_due.isoformat(), "due": new_due.isoformat(), "reason": why},
    )
    notices.send(
        users_of(_heads(s.lead_unit)),
        f"建议提案延期至{new_due:%Y-%m-%d}：{_label(s)}",
        why,
        rb.cite(rules.TIME_LIMIT),
        url_of(s),
    )
    return copy_back(suggestion, s)


# -- co-units and the answer ---------------------------------------------------------------------


@action
def send_opinion(actor: AbstractBaseUser, suggestion: Suggestion, unit: Unit, text: str) -> CoUnitOpinion:
    """A co-unit sends its opinion to the lead unit (art. 31)."""
    s = _lock(suggestion)
    rb = rulebook_of(s)
    opinion = (
        CoUnitOpinion.objects.select_for_update(of=("self",))
        .select_related("unit")
        .filter(suggestion=s, unit=unit, round=s.round)
        .first()
    )
    require_checks(*selectors.opinion_checks(actor, s, unit))
    assert opinion is not None
    opinion.text, opinion.sent_at, opinion.sent_by_id = _text(text, "text", "协办意见"), timezone.now(), actor.pk
    opinion.save(update_fields=["text", "sent_at", "sent_by"])
    cancel_limit(_co_key(opinion))
    late = timezone.localdate() > opinion.due
    audit.record(
        actor=actor,
        action="suggestions.co_opinion",
        target=s,
        citation=rb.cite(rules.CO_UNITS),
        summary=f"{unit_name(unit)}向主办单位{unit_name(s.lead_unit)}提出协办意见"
        + ("（逾期）" if late else "")
        + f"：{_label(s)}",
        details={"unit": unit.code, "due": opinion.due.isoformat(), "late": late},
    )
    notices.send(
        users_of(_heads(s.lead_unit)),
        f"{unit_name(unit)}协办意见：{_label(s)}",
        opinion.text[:200],
        rb.cite(rules.CO_UNITS),
        url_of(s),
    )
    return opinion


def answer_recipients(kind: str) -> tuple[list[Unit], list[Unit]]:
    """The answer 函's main recipients (州人大常委会 for a suggestion, the 州政协 for a proposal — or,
    where the organisation has no such unit, the government office, which forwards it) and copies."""
    office = office_unit()
    code = NPC_UNIT if kind == Kind.SUGGESTION else CPPCC_UNIT
    main = list(Unit.objects.filter(code=code)) or ([office] if office else [])
    copies = [office] if office and office not in main else []
    return main, copies


@action
def draft_answer(actor: AbstractBaseUser, suggestion: Suggestion, body: str, title: str = "") -> Document:
    """The lead unit drafts its answer as a 函 in its own name; it then goes through review, art. 49
    signing and issue in the documents flow.  The suggestion counts as answered when it is issued."""
    s = _lock(suggestion)
    rb = rulebook_of(s)
    assert s.lead_unit is not None or s.state != State.HANDLING
    require_checks(*selectors.answer_checks(actor, s))
    assert s.lead_unit is not None
    heading = title.strip() or f"{unit_name(s.lead_unit)}关于{s.session}第{s.number}号{s.get_kind_display()}的答复"
    main, copies = answer_recipients(s.kind)
    doc = draft_outgoing(
        actor, s.lead_unit, DocType.LETTER, heading[:300], _text(body, "body", "答复正文"), main, copies
    )
    s.answer_document = doc
    s.save(update_fields=["answer_document"])
    audit.record(
        actor=actor,
        action="suggestions.draft_answer",
        target=s,
        citation=rb.cite(rules.ANSWER),
        summary=f"{unit_name(s.lead_unit)}起草答复函《{doc.title}》：{_label(s)}",
        details={"document": doc.pk, "round": s.round},
    )
    return doc


# -- satisfaction and publication ----------------------------------------------------------------


@action
def record_feedback(actor: AbstractBaseUser, suggestion: Suggestion, satisfaction: str, note: str = "") -> Feedback:
    """满意 / 基本满意: closed.  不满意: handled again, a new answer due within the rehandling limit."""
    s = _lock(suggestion)
    rb = rulebook_of(s)
    require_checks(*selectors.feedback_checks(actor, s))
    require(rules.check_satisfaction(satisfaction, rb))
    assert s.answer_document is not None
    if satisfaction == Satisfaction.UNSATISFIED and not note.strip():
        raise InvalidInput(_("不满意的，请记录代表委员的具体意见，以便重新办理。"), field="note")
    row = Feedback.objects.create(
        suggestion=s,
        round=s.round,
        answer_document=s.answer_document,
        satisfaction=satisfaction,
        note=note.strip(),
        recorded_by_id=actor.pk,
        recorded_at=timezone.now(),
    )
    label = Satisfaction(satisfaction).label
    cancel_limit(_key(s))
    if satisfaction == Satisfaction.UNSATISFIED:
        s.round += 1
        s.answer_document = None
        s.due = rules.rehandle_due(timezone.localdate(), rb, calendar())
        s.publication_decided, s.withhold_reason = False, ""
        s.save(update_fields=["round", "answer_document", "due", "publication_decided", "withhold_reason"])
        _schedule(s)
        summary = f"代表委员对{_label(s)}的答复{label}，重新办理，{s.due:%Y-%m-%d}前再次答复：{row.note}"
        notices.send(
            users_of(_heads(s.lead_unit)),
            f"答复不满意，请重新办理：{_label(s)}",
            f"{row.note}\n请于{s.due:%Y-%m-%d}前再次答复。",
            rb.cite(rules.ANSWER),
            url_of(s),
        )
    else:
        s.state = State.CLOSED
        s.save(update_fields=["state"])
        summary = f"代表委员对{_label(s)}的答复{label}，办结"
    audit.record(
        actor=actor,
        action="suggestions.feedback",
        target=s,
        citation=rb.cite(rules.ANSWER),
        summary=summary,
        details={"satisfaction": satisfaction, "round": row.round, "note": row.note},
    )
    copy_back(suggestion, s)
    return row


@action
def decide_publication(actor: AbstractBaseUser, suggestion: Suggestion, withhold_ground: str = "") -> Suggestion:
    """The answer is queued for publication (art. 31: results made public), or — on a ground of
    《政府信息公开条例》arts. 14–16 — withheld, the reason recorded."""
    from zhengwu.portal.models import ItemKind
    from zhengwu.portal.services import queue_for_publication

    s = _lock(suggestion)
    rb = rulebook_of(s)
    require_checks(*selectors.publication_checks(actor, s))
    decision = rules.disclosure(withhold_ground, rb)
    require(decision)
    doc = s.answer_document
    assert doc is not None
    assert s.answered_on is not None
    s.publication_decided = True
    if decision.facts.get("publish"):
        item = queue_for_publication(
            actor=actor,
            kind=ItemKind.SUGGESTION_ANSWER,
            title=f"关于{s.session}第{s.number}号{s.get_kind_display()}《{s.title}》的答复",
            body=latest_version(doc).body,
            counted_from=s.answered_on,
            provision=rules.PUBLICATION,
            source=s,
            issuing_unit=s.lead_unit,
            doc_number=doc.number or "",
            written_on=s.answered_on,
        )
        summary = f"{_label(s)}的答复列入公开队列（{item.due_on:%Y-%m-%d}前公开）"
    else:
        s.withhold_reason = decision.message
        summary = f"{_label(s)}的答复{decision.message}"
    s.save(update_fields=["publication_decided", "withhold_reason"])
    audit.record(
        actor=actor,
        action="suggestions.publication",
        target=s,
        citation=decision.citation,
        summary=summary,
        details={"withhold_ground": withhold_ground, "round": s.round},
    )
    return copy_back(suggestion, s)


# -- the calendar changed ------------------------------------------------------------------------


def _answer_rule(s: Suggestion, rb: RulebookView) -> tuple[dt.date, str] | None:
    """Where the current round's answer limit is counted from, and its parameter in months: the
    assignment (round 1, not extended), or the 不满意 feedback that opened this round."""
    if s.round == 1:
        return (s.assigned_on, "suggestions.answer_months") if s.assigned_on and not s.extension_reason else None
    feedback = s.feedback.filter(round=s.round - 1).first()
    return (timezone.localdate(feedback.recorded_at), "suggestions.rehandle_months") if feedback else None


def recompute_dues(recalc: Recalc) -> list[Moved]:
    """The working calendar changed: a suggestion being handled and not yet answered whose limit is
    still what the rule gave on the old calendar (3 months from assignment, or the rehandling months
    from the 不满意 feedback, ending on a working day) gets the day the rule gives now, and the lead
    unit's head is told; co-units' opinions not yet sent get their new day (``co_unit_days_before``
    days before the lead unit's original limit, on a working day) and their heads are told.  An
    extension the office approved is a date it chose and stays.  Timers move; fired ones stay."""
    moved: list[Moved] = []
    now = timezone.now()
    rows = Suggestion.objects.select_related("lead_unit", "answer_document", "rulebook_version").filter(
        state=State.HANDLING, due__gte=recalc.since
    )
    for s in rows:
        rb = rulebook_of(s)
        remind = _remind_days(rb)
        assert s.due is not None
        if not s.answered and not limit_fired(_key(s)):
            basis = _answer_rule(s, rb)
            new = recalc.months(basis[0], rb.param(basis[1]).as_int, s.due) if basis else None
            if new is not None:
                Suggestion.objects.filter(pk=s.pk).update(due=new)
                moved.append(
                    Moved(
                        f"{_label(s)}的办复期限",
                        s.due,
                        new,
                        tuple(u.pk for u in users_of(_heads(s.lead_unit))),
                        url_of(s),
                    )
                )
            move_limit(_key(s), new or s.due, remind, recalc.new, now)
        if s.co_due is None or s.assigned_on is None:
            continue
        assigned: dt.date = s.assigned_on

        def co_due(cal: WorkCalendar, assigned_on: dt.date = assigned, rb: RulebookView = rb) -> dt.date:
            return rules.co_unit_due(rules.answer_due(assigned_on, rb, cal), assigned_on, rb, cal)

        new_co = rule_moved(recalc, s.co_due, co_due)
        if new_co is None:
            continue
        Suggestion.objects.filter(pk=s.pk).update(co_due=new_co)
        for opinion in s.co_opinions.select_related("unit").filter(sent_at__isnull=True, due=s.co_due):
            if limit_fired(_co_key(opinion)):
                continue
            CoUnitOpinion.objects.filter(pk=opinion.pk).update(due=new_co)
            move_limit(_co_key(opinion), new_co, remind, recalc.new, now)
            moved.append(
                Moved(
                    f"{_label(s)}的协办意见期限（{unit_name(opinion.unit)}）",
                    s.co_due,
                    new_co,
                    tuple(u.pk for u in users_of(_heads(opinion.unit))),
                    url_of(s),
                )
            )
    return moved
