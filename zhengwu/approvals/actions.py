"""Actions of the requests approved in advance (arts. 57, 59, 60): submit a request, the 外事办's
review, the approver's decision, the referral to the 州党委 and its answer, the publication after
approval, a delegation's return and its report (with its deadline, reminder and overdue mark).

Each action takes its lock, asks the read side's checks (``selectors.<act>_checks``), writes,
records an audit record citing its article and tells whoever must act next."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from zhengwu.approvals import rules, selectors
from zhengwu.approvals.models import ApprovalRequest, Kind, State
from zhengwu.audit import services as audit
from zhengwu.cases.limits import cancel_limit, limit_fired, move_limit, schedule_limit
from zhengwu.core.actions import copy_back, lock
from zhengwu.core.decisions import InvalidInput, require
from zhengwu.core.i18n import _
from zhengwu.core.memo import action
from zhengwu.core.transitions import require_checks
from zhengwu.notices import services as notices
from zhengwu.org.models import Appointment, Person, Unit
from zhengwu.org.rules import Authority, PositionKind
from zhengwu.org.services import person_of, positions_of, users_of, who_holds
from zhengwu.rulebook.services import rulebook_of, version_in_force, view_of
from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer
from zhengwu.workdays.dependents import Moved, Recalc
from zhengwu.workdays.services import calendar

TIMER_PREFIX = "approvals.report"
OPEN_AFTER_RETURN = (State.RETURNED,)


def url_of(r: ApprovalRequest) -> str:
    return f"/approvals/{r.pk}/"


def _lock(r: ApprovalRequest) -> ApprovalRequest:
    return lock(r, "unit", "author", "rulebook_version")


def _text(value: str, field: str, what: str, max_length: int | None = None, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise InvalidInput(_("请填写{what}。", what=what), field=field)
    if max_length is not None and len(text) > max_length:
        raise InvalidInput(_("{what}不能超过{max_length}个字。", what=what, max_length=max_length), field=field)
    return text


# -- who is told -----------------------------------------------------------------------------------


def _staff_of(units: list[Unit]) -> list[AbstractBaseUser]:
    day = timezone.localdate()
    people = Person.objects.filter(
        pk__in=Appointment.objects.filter(position__unit__in=units, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .exclude(position__kind=PositionKind.ADMINISTRATOR)
        .values("person_id")
    )
    return users_of(people)


def _office_leaders() -> list[AbstractBaseUser]:
    office = selectors.office_id()
    if office is None:
        return []
    day = timezone.localdate()
    people = Person.objects.filter(
        pk__in=Appointment.objects.filter(position__unit_id=office, position__kind__in=rules.OFFICE_LEADERS)
        .filter(start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .values("person_id")
    )
    return users_of(people)


def _approvers(approver: str) -> list[AbstractBaseUser]:
    """The accounts of whoever approves: the 州长's authority (the 常务副州长 when presiding on
    entrustment), and the 常务副州长 too where either approves."""
    holders = [who_holds("governor")]
    if approver == rules.GOVERNOR_OR_EXECUTIVE:
        holders.append(who_holds("executive"))
    return users_of(holders)


def _requesters(r: ApprovalRequest) -> list[AbstractBaseUser]:
    head = who_holds(Authority("head", r.unit_id))
    return [r.created_by, *users_of([head])]


def _kind_name(r: ApprovalRequest) -> str:
    return str(Kind(r.kind).label)


# -- submit ----------------------------------------------------------------------------------------


def _own_unit(actor: AbstractBaseUser) -> Unit | None:
    positions = [p for p in positions_of(actor) if p.kind != PositionKind.ADMINISTRATOR]
    return Unit.objects.filter(pk=positions[0].unit_id).first() if positions else None


@action
def submit_request(
    actor: AbstractBaseUser,
    *,
    kind: str,
    title: str,
    summary: str = "",
    counterpart: str = "",
    unit: Unit | None = None,
    planned_on: dt.date | None = None,
    until: dt.date | None = None,
    members: int | None = None,
    important: bool = False,
    is_demo: bool = False,
) -> ApprovalRequest:
    """报批: a member of the government asks to publish, speak or write (art. 57) for themselves;
    a unit asks to meet a foreign guest (art. 60) or to send a delegation abroad (art. 59).  It goes
    to the approver the rulebook names (``approvals.approver.<kind>``), through the 外事办 first
    for foreign affairs."""
    if kind not in Kind.values:
        raise InvalidInput(_("请选择报批事项的类别。"), field="kind")
    version = version_in_force()
    rb = view_of(version)
    heading = _text(title, "title", "事项", 200)
    about = _text(counterpart, "counterpart", "对象", 200, required=kind != Kind.SPEECH)
    text = _text(summary, "summary", "内容摘要", required=False)
    publication = kind in rules.PUBLICATION_KINDS
    if publication or unit is None:
        unit = _own_unit(actor)
    author = person_of(actor) if publication else None
    if unit is None:
        require(rules.may_request(kind, positions_of(actor), -1, rb))
        raise InvalidInput(_("请选择报批单位。"), field="unit")
    require(rules.may_request(kind, positions_of(actor), unit.pk, rb))
    if kind in rules.REVIEWED_KINDS:
        if planned_on is None:
            raise InvalidInput(_("请填写拟定日期。"), field="planned_on")
        require(rules.check_in_advance(kind, planned_on, timezone.localdate(), rb))
    if kind == Kind.DELEGATION:
        if until is None or planned_on is None or until < planned_on:
            raise InvalidInput(_("拟返回日期不能早于出发日期。"), field="until")
        if members is None or members < 1:
            raise InvalidInput(_("请填写团组人数。"), field="members")
    approver, basis = rules.approver_of(kind, rb)
    require(basis)
    if important and kind == Kind.FOREIGN_MEETING:  # approved here first, then referred (art. 60)
        require(rules.approver_of(kind, rb, important=True)[1])
    r = ApprovalRequest.objects.create(
        kind=kind,
        title=heading,
        summary=text,
        counterpart=about,
        unit=unit,
        author=author,
        planned_on=planned_on,
        until=until if kind == Kind.DELEGATION else None,
        members=members if kind == Kind.DELEGATION else None,
        important=important and kind == Kind.FOREIGN_MEETING,
        approver=approver,
        rulebook_version=version,
        created_by_id=actor.pk,
        created_at=timezone.now(),
        is_demo=is_demo,
    )
    citation = rb.cite(rules.provision_of(kind))
    audit.record(
        actor=actor,
        action="approvals.submit",
        target=r,
        citation=citation,
        summary=f"报批{r}（{unit.short_name or unit.name}），审批：{rules.APPROVERS[approver]}"
        + ("，重要来宾" if r.important else ""),
        details={"kind": kind, "approver": approver, "important": r.important, "basis": basis.code},
    )
    if kind in rules.REVIEWED_KINDS:
        to, title_ = _staff_of(selectors.foreign_affairs_units()), f"待外事办审核：{r}"
    elif approver == rules.PARTY_COMMITTEE:
        to, title_ = _office_leaders(), f"待报州党委审批：{r}"
    else:
        to, title_ = _approvers(approver), f"待审批：{r}"
    notices.send(to, title_, text, citation, url_of(r))
    return r


# -- review, decision, referral --------------------------------------------------------------------


@action
def review(actor: AbstractBaseUser, request: ApprovalRequest, opinion: str) -> ApprovalRequest:
    """外事办审核，提出安排意见 (arts. 59, 60); the request goes to the 州长 or 常务副州长."""
    r = _lock(request)
    rb = rulebook_of(r)
    require_checks(*selectors.review_checks(actor, r))
    text = _text(opinion, "opinion", "审核意见（安排意见）")
    r.state, r.review_opinion, r.reviewed_by_id, r.reviewed_at = State.REVIEWED, text, actor.pk, timezone.now()
    r.save(update_fields=["state", "review_opinion", "reviewed_by", "reviewed_at"])
    citation = rb.cite(rules.provision_of(r.kind))
    audit.record(
        actor=actor,
        action="approvals.review",
        target=r,
        citation=citation,
        summary=f"外事办审核{r}，提出安排意见：{text}",
        details={"opinion": text},
    )
    notices.send(_approvers(r.approver), f"待审批：{r}", text, citation, url_of(r))
    return copy_back(request, r)


@action
def decide(actor: AbstractBaseUser, request: ApprovalRequest, approve: bool, note: str = "") -> ApprovalRequest:
    """审批 by the approver the rulebook names.  An important guest approved here is referred to
    the 州党委 (art. 60); a meeting or a departure is approved before its day (arts. 59, 60)."""
    r = _lock(request)
    rb = rulebook_of(r)
    require_checks(*selectors.decide_checks(actor, r))
    today = timezone.localdate()
    text = _text(note, "note", "审批意见", required=not approve)
    holder = who_holds("governor")
    acting = (
        holder.label
        if holder is not None and holder.acting_for is not None and holder.person_id == selectors.actor_person_id(actor)
        else ""
    )
    refer_to = rules.approver_of(r.kind, rb, important=True)[0] if r.important else ""
    r.state = rules.after_approval(r.kind, r.important and refer_to == rules.PARTY_COMMITTEE, approve)
    r.decided_by_id, r.decided_at, r.decision_note = actor.pk, timezone.now(), text
    r.decided_as = acting
    if r.state == State.APPROVED:
        r.approved_on = today
    if r.state == State.REFERRED:
        r.referred_at = timezone.now()
    r.save(
        update_fields=["state", "decided_by", "decided_at", "decision_note", "decided_as", "approved_on", "referred_at"]
    )
    citation = rb.cite(rules.IMPORTANT_GUESTS if r.state == State.REFERRED else rules.provision_of(r.kind))
    verdict = {State.APPROVED: "批准", State.REFUSED: "不批准", State.REFERRED: "同意并报州党委审批"}[State(r.state)]
    audit.record(
        actor=actor,
        action="approvals.refer" if r.state == State.REFERRED else "approvals.decide",
        target=r,
        citation=citation,
        summary=f"{verdict}{r}" + (f"：{text}" if text else ""),
        details={"approve": approve, "state": r.state, "note": text},
        acting_for=acting,
    )
    notices.send(_requesters(r), f"报批事项{verdict}：{r}", text, citation, url_of(r))
    if r.state == State.REFERRED:
        notices.send(
            _staff_of(selectors.foreign_affairs_units()),
            f"重要来宾，待记录州党委审批结果：{r}",
            "",
            citation,
            url_of(r),
        )
    return copy_back(request, r)


@action
def refer(actor: AbstractBaseUser, request: ApprovalRequest, note: str = "") -> ApprovalRequest:
    """报州党委审批: the office reports a special case (a book, a letter, an inscription) under the
    relevant rules (art. 57); its answer is recorded next."""
    r = _lock(request)
    rb = rulebook_of(r)
    require_checks(*selectors.refer_checks(actor, r))
    text = _text(note, "note", "报批说明", required=False)
    r.state, r.referred_at = State.REFERRED, timezone.now()
    r.save(update_fields=["state", "referred_at"])
    citation = rb.cite(rules.provision_of(r.kind))
    audit.record(
        actor=actor,
        action="approvals.refer",
        target=r,
        citation=citation,
        summary=f"{r}报州党委审批" + (f"：{text}" if text else ""),
        details={"note": text},
    )
    notices.send(_requesters(r), f"已报州党委审批：{r}", text, citation, url_of(r))
    return copy_back(request, r)


@action
def record_answer(actor: AbstractBaseUser, request: ApprovalRequest, approve: bool, answer: str) -> ApprovalRequest:
    """记录州党委的审批结果 (arts. 57, 60)."""
    r = _lock(request)
    rb = rulebook_of(r)
    require_checks(*selectors.answer_checks(actor, r))
    text = _text(answer, "answer", "州党委审批意见")
    r.state = State.APPROVED if approve else State.REFUSED
    r.committee_answer = text
    r.approved_on = timezone.localdate() if approve else None
    r.save(update_fields=["state", "committee_answer", "approved_on"])
    citation = rb.cite(rules.IMPORTANT_GUESTS if r.kind == Kind.FOREIGN_MEETING else rules.provision_of(r.kind))
    verdict = "批准" if approve else "不批准"
    audit.record(
        actor=actor,
        action="approvals.answer",
        target=r,
        citation=citation,
        summary=f"州党委{verdict}{r}：{text}",
        details={"approve": approve, "answer": text},
    )
    notices.send(_requesters(r), f"州党委{verdict}：{r}", text, citation, url_of(r))
    return copy_back(request, r)


# -- after the approval ----------------------------------------------------------------------------


def _past_day(value: dt.date | None, field: str, what: str) -> dt.date:
    today = timezone.localdate()
    day = value or today
    if day > today:
        raise InvalidInput(_("{what}不能晚于今天。", what=what), field=field)
    return day


@action
def record_publication(
    actor: AbstractBaseUser, request: ApprovalRequest, published_on: dt.date | None = None, where: str = ""
) -> ApprovalRequest:
    """记录发表（出版、致贺、题词）: only what was approved in advance, on or after the day it was
    approved (art. 57)."""
    r = _lock(request)
    rb = rulebook_of(r)
    require_checks(*selectors.publish_checks(actor, r))
    day = _past_day(published_on, "published_on", "发表日期")
    place = _text(where, "where", "发表（出版）载体", 200, required=False)
    decision = rules.check_publication(r.approved_on, day, rb)
    require(decision)
    r.state, r.published_on, r.published_where = State.PUBLISHED, day, place
    r.save(update_fields=["state", "published_on", "published_where"])
    audit.record(
        actor=actor,
        action="approvals.publish",
        target=r,
        citation=decision.citation,
        summary=f"{r}经批准后于{day:%Y-%m-%d}发表" + (f"（{place}）" if place else ""),
        details={"published_on": day.isoformat(), "where": place},
    )
    return copy_back(request, r)


def _key(r: ApprovalRequest) -> str:
    return f"approvals.{r.pk}.report"


def _schedule(r: ApprovalRequest) -> None:
    assert r.report_due is not None
    rb = rulebook_of(r)
    schedule_limit(
        TIMER_PREFIX,
        _key(r),
        r.report_due,
        rb.param("approvals.delegation_remind_days").as_int,
        calendar(),
        timezone.now(),
        request_id=r.pk,
    )


@action
def record_return(
    actor: AbstractBaseUser, request: ApprovalRequest, returned_on: dt.date | None = None
) -> ApprovalRequest:
    """记录回国（境）: the report is due ``approvals.delegation_report_days`` working days later (art. 59)."""
    r = _lock(request)
    rb = rulebook_of(r)
    require_checks(*selectors.return_checks(actor, r))
    day = returned_on or timezone.localdate()
    require(rules.check_return(r.planned_on, day, timezone.localdate(), rb))
    r.state, r.returned_on, r.report_due = State.RETURNED, day, rules.report_due(day, rb, calendar())
    r.save(update_fields=["state", "returned_on", "report_due"])
    _schedule(r)
    citation = rb.cite(rules.DELEGATION_REPORT)
    audit.record(
        actor=actor,
        action="approvals.return",
        target=r,
        citation=citation,
        summary=f"{r}于{day:%Y-%m-%d}回国（境），应于{r.report_due:%Y-%m-%d}前报送出访报告",
        details={"returned_on": day.isoformat(), "report_due": str(r.report_due)},
    )
    notices.send(_requesters(r), f"出访报告期限{r.report_due:%Y-%m-%d}：{r}", "", citation, url_of(r))
    return copy_back(request, r)


@action
def submit_report(
    actor: AbstractBaseUser, request: ApprovalRequest, report: str, reported_on: dt.date | None = None
) -> ApprovalRequest:
    """报送出访报告 (art. 59); a late report is accepted and marked late."""
    r = _lock(request)
    rb = rulebook_of(r)
    require_checks(*selectors.report_checks(actor, r))
    text = _text(report, "report", "出访报告")
    day = _past_day(reported_on, "reported_on", "报告日期")
    if r.returned_on is not None and day < r.returned_on:
        raise InvalidInput(_("报告日期不能早于回国（境）日期。"), field="reported_on")
    timing = rules.report_timing(r.report_due, day, rb)
    r.state, r.report_text, r.reported_on = State.REPORTED, text, day
    r.save(update_fields=["state", "report_text", "reported_on"])
    cancel_limit(_key(r))
    audit.record(
        actor=actor,
        action="approvals.report",
        target=r,
        citation=timing.citation,
        summary=f"{r}报送出访报告（{day:%Y-%m-%d}）" + ("，逾期" if timing.facts.get("late") else ""),
        details={"reported_on": day.isoformat(), "late": bool(timing.facts.get("late"))},
    )
    notices.send(_staff_of(selectors.foreign_affairs_units()), f"出访报告已报送：{r}", "", timing.citation, url_of(r))
    return copy_back(request, r)


# -- the report's deadline -------------------------------------------------------------------------


def _open(pk: Any) -> ApprovalRequest | None:
    return (
        ApprovalRequest.objects.select_related("unit", "rulebook_version")
        .filter(pk=pk, state=State.RETURNED, report_due__isnull=False)
        .first()
    )


@timers.handler(f"{TIMER_PREFIX}.remind")
def _remind(timer: Timer) -> None:
    r = _open(timer.payload.get("request_id"))
    if r is None:
        return
    rb = rulebook_of(r)
    with transaction.atomic():
        notices.send(
            _requesters(r),
            f"出访报告期限将至：{r}（{r.report_due:%Y-%m-%d}）",
            "",
            rb.cite(rules.DELEGATION_REPORT),
            url_of(r),
        )


@timers.handler(f"{TIMER_PREFIX}.overdue")
def _overdue(timer: Timer) -> None:
    with transaction.atomic():
        r = (
            ApprovalRequest.objects.select_for_update(of=("self",))
            .select_related("unit", "rulebook_version")
            .filter(pk=timer.payload.get("request_id"), state=State.RETURNED)
            .first()
        )
        if r is None or r.report_due is None or r.overdue or timezone.localdate(timer.fire_at) < r.report_due:
            return
        r.overdue = True
        r.save(update_fields=["overdue"])
        rb = rulebook_of(r)
        citation = rb.cite(rules.DELEGATION_REPORT)
        audit.record(
            actor=None,
            action="approvals.overdue",
            target=r,
            citation=citation,
            summary=f"{r}超过出访报告期限（{r.report_due:%Y-%m-%d}）",
            details={"report_due": r.report_due.isoformat()},
        )
        notices.send(
            [*_requesters(r), *_staff_of(selectors.foreign_affairs_units())],
            f"出访报告已逾期：{r}",
            "",
            citation,
            url_of(r),
        )


def recompute_dues(recalc: Recalc) -> list[Moved]:
    """The working calendar changed: a report not yet late, whose due day is what the working days
    from the return gave on the old calendar, gets the day they give now; its timers move."""
    moved: list[Moved] = []
    now = timezone.now()
    rows = ApprovalRequest.objects.select_related("unit", "rulebook_version").filter(
        state=State.RETURNED, overdue=False, report_due__gte=recalc.since, returned_on__isnull=False
    )
    for r in rows:
        if limit_fired(_key(r)) or r.returned_on is None:
            continue
        rb = rulebook_of(r)
        new = recalc.working_days(r.returned_on, rb.param("approvals.delegation_report_days").as_int, r.report_due)
        if new is None or r.report_due is None:
            continue
        ApprovalRequest.objects.filter(pk=r.pk).update(report_due=new)
        moved.append(Moved(f"{r}的出访报告期限", r.report_due, new, tuple(u.pk for u in _requesters(r)), url_of(r)))
        move_limit(_key(r), new, rb.param("approvals.delegation_remind_days").as_int, recalc.new, now)
    return moved
