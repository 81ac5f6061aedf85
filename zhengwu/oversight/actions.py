"""Actions of 复议、诉讼、审计 (arts. 32, 33): register a reconsideration case, a suit or an audit
(inspection) finding with its deadlines; record the answer or defence and the decision or
judgment; a finding's rectification is followed as a supervision item.  Reminders before each
deadline and an overdue mark after it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.cases.followup import follow_up
from zhengwu.cases.limits import cancel_limit, limit_fired, move_limit, schedule_limit
from zhengwu.core.actions import copy_back, lock
from zhengwu.core.decisions import InvalidInput, require
from zhengwu.core.i18n import _
from zhengwu.core.memo import action
from zhengwu.core.transitions import require_checks
from zhengwu.documents.selectors import units_with_function
from zhengwu.notices import services as notices
from zhengwu.org.models import Unit
from zhengwu.org.rules import Authority
from zhengwu.org.services import users_of, who_holds
from zhengwu.oversight import rules, selectors
from zhengwu.oversight.models import Case, CaseKind, CaseState
from zhengwu.rulebook.services import rulebook_of, version_in_force, view_of
from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer
from zhengwu.workdays.dependents import Moved, Recalc
from zhengwu.workdays.services import calendar

TIMER_PREFIX = "oversight.limit"
LIMIT_LABELS = {"answer": "答复（答辩）", "decision": "复议决定"}


def url_of(case: Case) -> str:
    return f"/oversight/{case.pk}/"


def _unit_name(unit: Unit | None) -> str:
    return (unit.short_name or unit.name) if unit else ""


def _lock(case: Case) -> Case:
    return lock(case, "unit_concerned", "rulebook_version")


def _text(value: str, field: str, what: str, max_length: int | None = None, required: bool = True) -> str:
    text = value.strip()
    if required and not text:
        raise InvalidInput(_("请填写{what}。", what=what), field=field)
    if max_length is not None and len(text) > max_length:
        raise InvalidInput(_("{what}不能超过{max_length}个字。", what=what, max_length=max_length), field=field)
    return text


def _people(case: Case) -> list[AbstractBaseUser]:
    legal = units_with_function("legal_review")
    return users_of([who_holds(Authority("head", u.pk)) for u in [case.unit_concerned, *legal]])


# -- limits and timers ---------------------------------------------------------------------------


def open_limits(case: Case) -> dict[str, dt.date]:
    found: dict[str, dt.date] = {}
    if case.state == CaseState.CLOSED:
        return found
    if case.answer_due and case.answered_on is None:
        found["answer"] = case.answer_due
    if case.decision_due and case.decided_on is None:
        found["decision"] = case.decision_due
    return found


def _key(case: Case, limit: str) -> str:
    return f"oversight.{case.pk}.{limit}"


def _schedule(case: Case) -> None:
    rb = rulebook_of(case)
    for limit, due in open_limits(case).items():
        schedule_limit(
            TIMER_PREFIX,
            _key(case, limit),
            due,
            rb.param("oversight.remind_days").as_int,
            calendar(),
            timezone.now(),
            case_id=case.pk,
            limit=limit,
        )


@timers.handler(f"{TIMER_PREFIX}.remind")
def _remind(timer: Timer) -> None:
    case = (
        Case.objects.select_related("unit_concerned", "rulebook_version")
        .filter(pk=timer.payload.get("case_id"))
        .first()
    )
    limit = str(timer.payload.get("limit", ""))
    due = open_limits(case).get(limit) if case else None
    if case is None or due is None:
        return
    rb = rulebook_of(case)
    with transaction.atomic():
        notices.send(
            _people(case),
            f"{LIMIT_LABELS.get(limit, limit)}期限将至：{case}（{due:%Y-%m-%d}）",
            case.title,
            rb.cite(rules.provision_of(case.kind)),
            url_of(case),
        )


@timers.handler(f"{TIMER_PREFIX}.overdue")
def _overdue(timer: Timer) -> None:
    with transaction.atomic():
        case = (
            Case.objects.select_for_update(of=("self",))
            .select_related("unit_concerned", "rulebook_version")
            .filter(pk=timer.payload.get("case_id"))
            .first()
        )
        limit = str(timer.payload.get("limit", ""))
        due = open_limits(case).get(limit) if case else None
        if case is None or due is None or timezone.localdate(timer.fire_at) < due or limit in case.overdue_limits:
            return
        case.overdue_limits = [*case.overdue_limits, limit]
        case.save(update_fields=["overdue_limits"])
        rb = rulebook_of(case)
        label = LIMIT_LABELS.get(limit, limit)
        audit.record(
            actor=None,
            action="oversight.overdue",
            target=case,
            citation=rb.cite(rules.provision_of(case.kind)),
            summary=f"{case}超过{label}期限（{due:%Y-%m-%d}）",
            details={"limit": limit, "due": due.isoformat()},
        )
        notices.send(
            _people(case), f"{label}已逾期：{case}", case.title, rb.cite(rules.provision_of(case.kind)), url_of(case)
        )


# -- register ------------------------------------------------------------------------------------


def _create(
    actor: AbstractBaseUser,
    kind: str,
    case_number: str,
    title: str,
    organ: str,
    unit: Unit,
    received_on: dt.date,
    *,
    counterparty: str = "",
    accepted_on: dt.date | None = None,
    rectify_due: dt.date | None = None,
    requirement: str = "",
    is_demo: bool = False,
) -> Case:
    version = version_in_force()
    rb = view_of(version)
    number = _text(case_number, "case_number", "案号（文号）", 60)
    heading = _text(title, "title", "案由（事项）", 200)
    body = _text(organ, "organ", "复议机关、法院或审计（检查）机关", 100)
    party = _text(counterparty, "counterparty", "申请人（原告）", 100, required=False)
    today = timezone.localdate()
    if received_on > today:
        raise InvalidInput(_("收到（送达、印发）日期不能晚于今天。"), field="received_on")
    if accepted_on is not None and accepted_on > today:
        raise InvalidInput(_("受理日期不能晚于今天。"), field="accepted_on")
    require(selectors.register_check(actor, unit, kind))
    limits = rules.deadlines(kind, received_on, accepted_on, rb, calendar())
    case = Case.objects.create(
        kind=kind,
        case_number=number,
        title=heading,
        organ=body,
        counterparty=party,
        unit_concerned=unit,
        received_on=received_on,
        accepted_on=accepted_on,
        answer_due=limits.answer_due,
        decision_due=limits.decision_due,
        rectify_due=rectify_due,
        requirement=requirement,
        state=CaseState.RECTIFYING if kind == CaseKind.FINDING else CaseState.OPEN,
        rulebook_version=version,
        created_by_id=actor.pk,
        created_at=timezone.now(),
        is_demo=is_demo,
    )
    return case


@action
def register_reconsideration(
    actor: AbstractBaseUser,
    *,
    case_number: str,
    title: str,
    organ: str,
    respondent: Unit,
    received_on: dt.date,
    applicant: str = "",
    accepted_on: dt.date | None = None,
    is_demo: bool = False,
) -> Case:
    """行政复议 (art. 33): the answer due 10 days after the copy was received; the decision 60 days
    after the reconsideration organ accepted the application (《行政复议法》arts. 48, 62)."""
    case = _create(
        actor,
        CaseKind.RECONSIDERATION,
        case_number,
        title,
        organ,
        respondent,
        received_on,
        counterparty=applicant,
        accepted_on=accepted_on or received_on,
        is_demo=is_demo,
    )
    rb = rulebook_of(case)
    audit.record(
        actor=actor,
        action="oversight.register",
        target=case,
        citation=rb.cite(rules.RECONSIDERATION),
        summary=f"登记行政复议案件{case.case_number}（被申请人{_unit_name(respondent)}），"
        f"应于{case.answer_due:%Y-%m-%d}前提出书面答复，复议决定期限{case.decision_due:%Y-%m-%d}",
        details={"kind": case.kind, "answer_due": str(case.answer_due), "decision_due": str(case.decision_due)},
    )
    _schedule(case)
    notices.send(
        _people(case),
        f"行政复议答复期限{case.answer_due:%Y-%m-%d}：{case.title}",
        case.organ,
        rb.cite(rules.RECONSIDERATION),
        url_of(case),
    )
    return case


@action
def register_suit(
    actor: AbstractBaseUser,
    *,
    case_number: str,
    title: str,
    court: str,
    defendant: Unit,
    served_on: dt.date,
    plaintiff: str = "",
    is_demo: bool = False,
) -> Case:
    """行政诉讼 (art. 32): the defence due 15 days after service (《行政诉讼法》art. 67)."""
    case = _create(
        actor, CaseKind.SUIT, case_number, title, court, defendant, served_on, counterparty=plaintiff, is_demo=is_demo
    )
    rb = rulebook_of(case)
    audit.record(
        actor=actor,
        action="oversight.register",
        target=case,
        citation=rb.cite(rules.SUITS),
        summary=f"登记行政诉讼案件{case.case_number}（被告{_unit_name(defendant)}），"
        f"应于{case.answer_due:%Y-%m-%d}前提交答辩状和证据",
        details={"kind": case.kind, "answer_due": str(case.answer_due)},
    )
    _schedule(case)
    notices.send(
        _people(case),
        f"行政诉讼答辩期限{case.answer_due:%Y-%m-%d}：{case.title}",
        court,
        rb.cite(rules.SUITS),
        url_of(case),
    )
    return case


@action
def register_finding(
    actor: AbstractBaseUser,
    *,
    case_number: str,
    title: str,
    organ: str,
    unit: Unit,
    issued_on: dt.date,
    rectify_due: dt.date | None,
    requirement: str,
    co_units: Sequence[Unit] = (),
    is_demo: bool = False,
) -> Case:
    """审计（检查）发现的问题 (art. 32): the rectification, by the deadline the finding sets, is
    followed as a supervision item."""
    rb = view_of(version_in_force())
    require(rules.check_rectify_due(issued_on, rectify_due, timezone.localdate(), rb))
    assert rectify_due is not None
    need = _text(requirement, "requirement", "整改要求")
    case = _create(
        actor,
        CaseKind.FINDING,
        case_number,
        title,
        organ,
        unit,
        issued_on,
        rectify_due=rectify_due,
        requirement=need,
        is_demo=is_demo,
    )
    item_id, linked = follow_up(
        actor,
        title=f"整改：{case.title}（{case.organ}{case.case_number}）"[:300],
        lead_unit=unit,
        due=rectify_due,
        origin="finding",
        source=case,
        description=need,
        co_units=co_units,
    )
    case.followup_id = item_id
    case.save(update_fields=["followup_id"])
    audit.record(
        actor=actor,
        action="oversight.register",
        target=case,
        citation=rb.cite(rules.FINDINGS),
        summary=f"登记{case.organ}发现问题{case.case_number}（{_unit_name(unit)}），"
        f"限{rectify_due:%Y-%m-%d}前整改，列入督办",
        details={
            "kind": case.kind,
            "rectify_due": rectify_due.isoformat(),
            "supervision_item": item_id,
            "linked": linked,
        },
    )
    return case


# -- answer, decision, closing -------------------------------------------------------------------


def _day(value: dt.date | None, field: str, what: str, not_before: dt.date) -> dt.date:
    today = timezone.localdate()
    day = value or today
    if day > today:
        raise InvalidInput(_("{what}不能晚于今天。", what=what), field=field)
    if day < not_before:
        raise InvalidInput(_("{what}不能早于收到日期。", what=what), field=field)
    return day


@action
def record_answer(actor: AbstractBaseUser, case: Case, answered_on: dt.date | None = None) -> Case:
    """The written answer (复议) or defence (诉讼) has been filed."""
    c = _lock(case)
    rb = rulebook_of(c)
    kind = str(c.kind)
    require_checks(*selectors.answer_checks(actor, c))
    day = _day(answered_on, "answered_on", "答复（答辩）日期", c.received_on)
    c.answered_on, c.state = day, CaseState.ANSWERED
    c.save(update_fields=["answered_on", "state"])
    cancel_limit(_key(c, "answer"))
    late = bool(c.answer_due and day > c.answer_due)
    audit.record(
        actor=actor,
        action="oversight.answer",
        target=c,
        citation=rb.cite(rules.provision_of(kind)),
        summary=f"{c}已于{day:%Y-%m-%d}提交答复（答辩）" + ("（逾期）" if late else ""),
        details={"answered_on": day.isoformat(), "late": late},
    )
    return copy_back(case, c)


@action
def record_outcome(actor: AbstractBaseUser, case: Case, outcome: str, decided_on: dt.date | None = None) -> Case:
    """The decision, judgment or completed rectification; the case is closed (obeyed: art. 32)."""
    c = _lock(case)
    rb = rulebook_of(c)
    kind = str(c.kind)
    require_checks(*selectors.outcome_checks(actor, c))
    text = _text(outcome, "outcome", "结果")
    day = _day(decided_on, "decided_on", "决定（判决、整改完成）日期", c.received_on)
    c.outcome, c.decided_on, c.state = text, day, CaseState.CLOSED
    c.save(update_fields=["outcome", "decided_on", "state"])
    for limit in ("answer", "decision"):
        cancel_limit(_key(c, limit))
    audit.record(
        actor=actor,
        action="oversight.close",
        target=c,
        citation=rb.cite(rules.provision_of(kind)),
        summary=f"{c}结案：{text}",
        details={"decided_on": day.isoformat()},
    )
    return copy_back(case, c)


# -- the calendar changed ------------------------------------------------------------------------


def recompute_dues(recalc: Recalc) -> list[Moved]:
    """The working calendar changed: an open limit (the respondent's answer or the defendant's
    defence, counted in days from receipt or service; the reconsideration decision, from
    acceptance), not yet recorded overdue, whose last day is what the law's days gave on the old
    calendar (rolled off a rest day) gets the day they give now; its reminder and overdue timers
    move (fired ones stay fired) and the unit concerned and the 司法局 are told.  A finding's
    rectification deadline is the one the finding set, and stays."""
    moved: list[Moved] = []
    now = timezone.now()
    rows = (
        Case.objects.select_related("unit_concerned", "rulebook_version")
        .filter(kind__in=[CaseKind.RECONSIDERATION, CaseKind.SUIT])
        .exclude(state=CaseState.CLOSED)
        .filter(Q(answer_due__gte=recalc.since) | Q(decision_due__gte=recalc.since))
    )
    for case in rows:
        rb = rulebook_of(case)
        for limit, due in open_limits(case).items():
            if due < recalc.since or limit in case.overdue_limits or limit_fired(_key(case, limit)):
                continue
            if limit == "answer":
                key = (
                    "oversight.reconsideration_answer_days"
                    if case.kind == CaseKind.RECONSIDERATION
                    else "oversight.suit_defence_days"
                )
                new = recalc.days(case.received_on, rb.param(key).as_int, due)
            elif case.accepted_on is not None:
                new = recalc.days(case.accepted_on, rb.param("oversight.reconsideration_decision_days").as_int, due)
            else:
                new = None
            if new is not None:
                Case.objects.filter(pk=case.pk).update(**{f"{limit}_due": new})
                moved.append(
                    Moved(
                        f"{case}《{case.title}》的{LIMIT_LABELS.get(limit, limit)}期限",
                        due,
                        new,
                        tuple(u.pk for u in _people(case)),
                        url_of(case),
                    )
                )
            move_limit(_key(case, limit), new or due, rb.param("oversight.remind_days").as_int, recalc.new, now)
    return moved
