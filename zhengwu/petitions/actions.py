"""Actions of 信访 (art. 35; 《信访工作条例》): register → decide acceptance and tell the petitioner →
handle (extend once with a leader's approval) → conclude → 复查 → 复核.  An important letter is
routed to a government leader, who reads it and writes an instruction; it is then followed as a
supervision item.  Every view of the petitioner's personal data is recorded.

Each action locks the petition, asks :mod:`zhengwu.petitions.rules`, writes, audits, notifies and
moves the reminder and overdue timers of the limit now running, in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.cases.followup import follow_up
from zhengwu.cases.limits import cancel_limit, limit_fired, move_limit, rule_moved, schedule_limit
from zhengwu.core.actions import copy_back, lock
from zhengwu.core.decisions import InvalidInput, require
from zhengwu.core.i18n import _
from zhengwu.core.memo import action
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.core.transitions import require_checks
from zhengwu.notices import services as notices
from zhengwu.org.models import Person, Unit
from zhengwu.org.rules import Authority, Holder
from zhengwu.org.services import overseers_of, person_of, positions_of, users_of, who_holds
from zhengwu.petitions import rules, selectors
from zhengwu.petitions.models import Channel, Petition, Petitioner, Review, Stage, State
from zhengwu.petitions.selectors import access_of, may_see_petitioner, open_limits, petitions_units
from zhengwu.rulebook.services import rulebook_of, version_in_force, view_of
from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer
from zhengwu.workdays.arith import WorkCalendar
from zhengwu.workdays.dependents import Moved, Recalc
from zhengwu.workdays.services import calendar

TIMER_PREFIX = "petitions.limit"
LIMIT_LABELS = {"accept": "受理告知", "handle": "办结", "review": "复查", "rereview": "复核"}


def url_of(petition: Petition) -> str:
    return f"/petitions/{petition.pk}/"


def _lock(petition: Petition) -> Petition:
    return lock(petition, "unit_concerned", "handling_unit", "leader", "rulebook_version")


def _heads(*units: Unit | None) -> list[Holder | None]:
    return [who_holds(Authority("head", u.pk)) for u in units if u is not None]


def _bureau_heads() -> list[Holder | None]:
    return _heads(*petitions_units())


def _text(value: str, field: str, what: str, max_length: int | None = None) -> str:
    text = value.strip()
    if not text:
        raise InvalidInput(_("请填写{what}。", what=what), field=field)
    if max_length is not None and len(text) > max_length:
        raise InvalidInput(_("{what}不能超过{max_length}个字。", what=what, max_length=max_length), field=field)
    return text


def _optional(value: str, field: str, what: str, max_length: int) -> str:
    text = value.strip()
    if len(text) > max_length:
        raise InvalidInput(_("{what}不能超过{max_length}个字。", what=what, max_length=max_length), field=field)
    return text


def _day(value: dt.date | None, field: str, what: str) -> dt.date:
    today = timezone.localdate()
    day = value or today
    if day > today:
        raise InvalidInput(_("{what}不能晚于今天。", what=what), field=field)
    return day


# -- limits and timers ---------------------------------------------------------------------------


def _key(petition: Petition, limit: str) -> str:
    return f"petitions.{petition.pk}.{limit}"


def _schedule(petition: Petition, limit: str, due: dt.date) -> None:
    rb = rulebook_of(petition)
    schedule_limit(
        TIMER_PREFIX,
        _key(petition, limit),
        due,
        rb.param("petitions.remind_days").as_int,
        calendar(),
        timezone.now(),
        petition_id=petition.pk,
        limit=limit,
    )


def _limit_people(petition: Petition, limit: str) -> list[AbstractBaseUser]:
    people = _bureau_heads()
    if limit == "handle":
        people += _heads(petition.handling_unit)
    return users_of(people)


@timers.handler(f"{TIMER_PREFIX}.remind")
def _remind(timer: Timer) -> None:
    petition = Petition.objects.filter(pk=timer.payload.get("petition_id")).select_related("handling_unit").first()
    limit = str(timer.payload.get("limit", ""))
    if petition is None:
        return
    due = open_limits(petition).get(limit)
    if due is None:
        return
    rb = rulebook_of(petition)
    label = LIMIT_LABELS.get(limit, limit)
    with transaction.atomic():
        notices.send(
            _limit_people(petition, limit),
            f"信访{label}期限将至：{petition.number}（{due:%Y-%m-%d}）",
            petition.summary[:200],
            rb.cite(rules.TIME_LIMITS),
            url_of(petition),
        )


@timers.handler(f"{TIMER_PREFIX}.overdue")
def _overdue(timer: Timer) -> None:
    """At 24:00 of the last day, a limit still running is marked overdue (idempotent)."""
    with transaction.atomic():
        petition = (
            Petition.objects.select_for_update(of=("self",))
            .select_related("handling_unit", "rulebook_version")
            .filter(pk=timer.payload.get("petition_id"))
            .first()
        )
        limit = str(timer.payload.get("limit", ""))
        if petition is None:
            return
        due = open_limits(petition).get(limit)
        if due is None or timezone.localdate(timer.fire_at) < due or limit in petition.overdue_limits:
            return
        petition.overdue_limits = [*petition.overdue_limits, limit]
        petition.save(update_fields=["overdue_limits"])
        rb = rulebook_of(petition)
        label = LIMIT_LABELS.get(limit, limit)
        audit.record(
            actor=None,
            action="petitions.overdue",
            target=petition,
            citation=rb.cite(rules.TIME_LIMITS),
            summary=f"信访事项{petition.number}超过{label}期限（{due:%Y-%m-%d}）",
            details={"limit": limit, "due": due.isoformat()},
        )
        notices.send(
            _limit_people(petition, limit),
            f"信访{label}已逾期：{petition.number}",
            petition.summary[:200],
            rb.cite(rules.TIME_LIMITS),
            url_of(petition),
        )


# -- register ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PetitionerData:
    name: str
    id_number: str = ""
    phone: str = ""
    address: str = ""


@action
def register(
    actor: AbstractBaseUser,
    *,
    channel: str,
    received_on: dt.date,
    summary: str,
    unit_concerned: Unit,
    petitioner: PetitionerData,
    important: bool = False,
    leader: Person | None = None,
    accused_unit: Unit | None = None,
    accused_person: str = "",
    is_demo: bool = False,
) -> Petition:
    """登记 a letter or visit; the acceptance limit starts (15 days, 《信访工作条例》arts. 22–23).
    ``important``: a 重要来信, routed at once to ``leader`` (by default the 分管 leader of the unit
    concerned).  ``accused_unit`` and ``accused_person``: whom the letter reports (检举、控告); the
    case is then never passed to, shown to or found by that unit and its 分管 chain."""
    version = version_in_force()
    rb = view_of(version)
    if channel not in Channel.values:
        raise InvalidInput(_("无法识别的信访形式“{channel}”。", channel=channel), field="channel")
    text = _text(summary, "summary", "反映的主要问题")
    name = _text(petitioner.name, "petitioner_name", "信访人姓名", 60)
    id_number = _optional(petitioner.id_number, "id_number", "身份证号码", 18)
    phone = _optional(petitioner.phone, "phone", "联系电话", 30)
    address = _optional(petitioner.address, "address", "住址", 200)
    accused_name = _optional(accused_person, "accused_person", "被反映的人员", 60)
    received = _day(received_on, "received_on", "收到日期")
    require(selectors.register_check(actor))
    due = rules.accept_due(received, rb, calendar())
    year = received.year
    serial = Petition.objects.filter(number__startswith=f"克信访〔{year}〕").count() + 1
    while Petition.objects.filter(number=f"克信访〔{year}〕{serial}号").exists():
        serial += 1
    petition = Petition.objects.create(
        number=f"克信访〔{year}〕{serial}号",
        channel=channel,
        received_on=received,
        summary=text,
        unit_concerned=unit_concerned,
        accused_unit=accused_unit,
        accused_person=accused_name,
        state=State.REGISTERED,
        accept_due=due,
        rulebook_version=version,
        created_by_id=actor.pk,
        created_at=timezone.now(),
        is_demo=is_demo,
    )
    Petitioner.objects.create(
        petition=petition, name=name, id_number=id_number, phone=phone, address=address, is_demo=is_demo
    )
    audit.record(
        actor=actor,
        action="petitions.register",
        target=petition,
        citation=rb.cite(rules.HANDLING),
        summary=f"登记信访事项{petition.number}（{petition.get_channel_display()}），"
        f"涉及{unit_concerned.short_name or unit_concerned.name}，应于{due:%Y-%m-%d}前决定是否受理并告知",
        details={
            "channel": channel,
            "unit": unit_concerned.code,
            "accused_unit": accused_unit.code if accused_unit else None,
            "accept_due": due.isoformat(),
        },
    )
    _schedule(petition, "accept", due)
    if important:
        _route(actor, petition, leader)
    return petition


def default_leader(unit: Unit, day: dt.date | None = None, accused_unit_id: int | None = None) -> Holder | None:
    """The leader an important letter goes to: the 分管 leader of the unit concerned — or, when that
    unit is the one the letter accuses, the 分管 leader of the petitions bureau, else the 州长
    (《信访工作条例》: never the accused unit's chain)."""
    chain = overseers_of(accused_unit_id, day)
    candidates = [Authority("portfolio", unit.pk)] if unit.pk != accused_unit_id else []
    candidates += [Authority("portfolio", u.pk) for u in petitions_units()] + [Authority("governor")]
    for authority in candidates:
        holder = who_holds(authority, day)
        if holder is not None and holder.person_id not in chain:
            return holder
    return None


def default_handling_unit(petition: Petition) -> Unit:
    """Where an accepted case goes when no unit is named: the unit concerned, unless the letter
    accuses it; then the petitions bureau handles it itself (《信访工作条例》)."""
    if petition.unit_concerned_id != petition.accused_unit_id:
        return petition.unit_concerned
    bureaus = petitions_units()
    return bureaus[0] if bureaus else petition.unit_concerned


def _route(actor: AbstractBaseUser, petition: Petition, leader: Person | None) -> None:
    rb = rulebook_of(petition)
    if leader is None:
        holder = default_leader(petition.unit_concerned, accused_unit_id=petition.accused_unit_id)
        if holder is None:
            raise InvalidInput(_("涉及单位没有分管领导，请指定呈阅的州人民政府领导。"), field="leader")
        leader = Person.objects.select_related("user").get(pk=holder.person_id)
    require(rules.check_leader(positions_of(leader.user), rb))
    require(rules.may_route_to_leader(leader.pk, leader.name, overseers_of(petition.accused_unit_id), rb))
    petition.important, petition.leader, petition.routed_at = True, leader, timezone.now()
    petition.save(update_fields=["important", "leader", "routed_at"])
    audit.record(
        actor=actor,
        action="petitions.route_important",
        target=petition,
        citation=rb.cite(rules.IMPORTANT),
        summary=f"重要来信{petition.number}呈{leader.name}阅批",
        details={"leader": leader.pk},
    )
    notices.send(
        [leader.user],
        f"重要来信待阅批：{petition.number}",
        petition.summary[:200],
        rb.cite(rules.IMPORTANT),
        url_of(petition),
    )


@action
def route_important(actor: AbstractBaseUser, petition: Petition, leader: Person | None = None) -> Petition:
    """Mark a letter important and route it to a government leader (art. 35)."""
    p = _lock(petition)
    require_checks(*selectors.route_checks(actor, p))
    _route(actor, p, leader)
    return copy_back(petition, p)


# -- the leader ----------------------------------------------------------------------------------


@action
def read_letter(actor: AbstractBaseUser, petition: Petition) -> Petition:
    """The leader opens the important letter: the first reading is recorded (art. 35)."""
    p = _lock(petition)
    rb = rulebook_of(p)
    require_checks(*selectors.read_checks(actor, p))
    if p.leader_read_at is None:
        p.leader_read_at = timezone.now()
        p.save(update_fields=["leader_read_at"])
        audit.record(
            actor=actor,
            action="petitions.leader_read",
            target=p,
            citation=rb.cite(rules.IMPORTANT),
            summary=f"阅读重要来信{p.number}",
        )
    return copy_back(petition, p)


@action
def instruct(actor: AbstractBaseUser, petition: Petition, text: str) -> Petition:
    """The leader's 批示; the letter is then followed as a supervision item (art. 35)."""
    p = _lock(petition)
    rb = rulebook_of(p)
    require_checks(*selectors.instruct_checks(actor, p))
    instruction = _text(text, "instruction", "批示内容")
    p.instruction, p.instructed_at = instruction, timezone.now()
    lead = p.handling_unit or default_handling_unit(p)
    today = timezone.localdate()
    due = p.handle_due if p.handle_due and p.handle_due > today else rules.handle_due(today, rb, calendar())
    item_id, linked = follow_up(
        actor,
        title=f"落实领导批示：{p.summary[:80]}（信访件{p.number}）",
        lead_unit=lead,
        due=due,
        origin="petition",
        source=p,
        description=f"{p.summary}\n\n领导批示：{instruction}",
    )
    p.followup_id = item_id
    p.save(update_fields=["instruction", "instructed_at", "followup_id"])
    audit.record(
        actor=actor,
        action="petitions.instruct",
        target=p,
        citation=rb.cite(rules.IMPORTANT),
        summary=f"批示重要来信{p.number}：{instruction}",
        details={"supervision_item": item_id, "linked": linked},
    )
    notices.send(
        users_of([*_bureau_heads(), *_heads(lead)]),
        f"领导已批示重要来信：{p.number}",
        instruction,
        rb.cite(rules.IMPORTANT),
        url_of(p),
    )
    return copy_back(petition, p)


# -- acceptance and handling ---------------------------------------------------------------------


@action
def decide_acceptance(
    actor: AbstractBaseUser,
    petition: Petition,
    accept: bool,
    told_how: str,
    handling_unit: Unit | None = None,
    reason: str = "",
    decided_on: dt.date | None = None,
) -> Petition:
    """受理 (handling starts: 60 days) or 不予受理 with reasons; either way the petitioner is told
    (《信访工作条例》arts. 22–23)."""
    p = _lock(petition)
    rb = rulebook_of(p)
    require_checks(*selectors.decide_acceptance_checks(actor, p))
    told = _text(told_how, "told_how", "告知信访人的方式", 100)
    day = _day(decided_on, "decided_on", "决定日期")
    if day < p.received_on:
        raise InvalidInput(_("决定日期不能早于收到日期。"), field="decided_on")
    p.accepted_on, p.accept_told_how = day, told
    cancel_limit(_key(p, "accept"))
    if accept:
        unit = handling_unit or default_handling_unit(p)
        require(rules.may_route_to_unit(unit.pk, unit.short_name or unit.name, p.accused_unit_id, rb))
        p.state, p.handling_unit = State.HANDLING, unit
        p.handle_due = rules.handle_due(day, rb, calendar())
        p.save(update_fields=["state", "handling_unit", "handle_due", "accepted_on", "accept_told_how"])
        _schedule(p, "handle", p.handle_due)
        summary = (
            f"受理信访事项{p.number}，转{unit.short_name or unit.name}办理，"
            f"应于{p.handle_due:%Y-%m-%d}前办结；已{told}告知信访人"
        )
        notices.send(
            users_of(_heads(unit)),
            f"信访事项交办：{p.number}（{p.handle_due:%Y-%m-%d}前办结）",
            p.summary[:200],
            rb.cite(rules.TIME_LIMITS),
            url_of(p),
        )
    else:
        p.not_accepted_reason = _text(reason, "reason", "不予受理的理由")
        p.state = State.NOT_ACCEPTED
        p.save(update_fields=["state", "not_accepted_reason", "accepted_on", "accept_told_how"])
        summary = f"不予受理信访事项{p.number}：{p.not_accepted_reason}；已{told}告知信访人"
    audit.record(
        actor=actor,
        action="petitions.accept" if accept else "petitions.not_accept",
        target=p,
        citation=rb.param_citation("petitions.accept_days"),
        summary=summary,
        details={
            "decided_on": day.isoformat(),
            "told_how": told,
            "late": day > p.accept_due,
            "handle_due": p.handle_due.isoformat() if p.handle_due else None,
        },
    )
    return copy_back(petition, p)


@action
def extend(actor: AbstractBaseUser, petition: Petition, days: int, reason: str, told_how: str) -> Petition:
    """A government leader approves extending the handling by up to 30 days; the reason is told to
    the petitioner (《信访工作条例》art. 34)."""
    p = _lock(petition)
    rb = rulebook_of(p)
    require_checks(*selectors.extend_checks(actor, p))
    require(rules.may_extend(positions_of(actor), p.state, p.extended_days, days, rb))
    why = _text(reason, "reason", "延期理由")
    told = _text(told_how, "told_how", "告知信访人延期理由的方式", 100)
    person = person_of(actor)
    old_due = p.handle_due
    assert old_due is not None  # a petition being handled has its limit
    p.handle_due = calendar().add_days(old_due, days)
    p.extended_days, p.extension_reason, p.extension_approved_by, p.extension_told_how = days, why, person, told
    p.save(
        update_fields=["handle_due", "extended_days", "extension_reason", "extension_approved_by", "extension_told_how"]
    )
    _schedule(p, "handle", p.handle_due)
    audit.record(
        actor=actor,
        action="petitions.extend",
        target=p,
        citation=rb.param_citation("petitions.extend_max_days"),
        summary=f"批准信访事项{p.number}延期{days}日至{p.handle_due:%Y-%m-%d}：{why}；已{told}告知信访人",
        details={"days": days, "old_due": old_due.isoformat(), "due": p.handle_due.isoformat()},
    )
    notices.send(
        users_of([*_bureau_heads(), *_heads(p.handling_unit)]),
        f"信访事项{p.number}延期至{p.handle_due:%Y-%m-%d}",
        why,
        rb.cite(rules.TIME_LIMITS),
        url_of(p),
    )
    return copy_back(petition, p)


@action
def conclude(
    actor: AbstractBaseUser, petition: Petition, result: str, told_how: str, concluded_on: dt.date | None = None
) -> Petition:
    """办结: the handling opinion, answered in writing to the petitioner.  An important letter
    stays open until its leader has written an instruction (art. 35)."""
    p = _lock(petition)
    rb = rulebook_of(p)
    require_checks(*selectors.conclude_checks(actor, p))
    text = _text(result, "result", "处理意见")
    told = _text(told_how, "told_how", "答复信访人的方式", 100)
    day = _day(concluded_on, "concluded_on", "办结日期")
    p.state, p.result, p.result_told_how, p.concluded_on = State.CONCLUDED, text, told, day
    p.save(update_fields=["state", "result", "result_told_how", "concluded_on"])
    cancel_limit(_key(p, "handle"))
    audit.record(
        actor=actor,
        action="petitions.conclude",
        target=p,
        citation=rb.param_citation("petitions.handle_days"),
        summary=f"办结信访事项{p.number}：{text}；已{told}答复信访人",
        details={"concluded_on": day.isoformat(), "late": bool(p.handle_due and day > p.handle_due)},
    )
    notices.send(
        users_of(_bureau_heads()), f"信访事项已办结：{p.number}", text[:200], rb.cite(rules.HANDLING), url_of(p)
    )
    return copy_back(petition, p)


# -- review and re-review ------------------------------------------------------------------------


@action
def request_review(
    actor: AbstractBaseUser, petition: Petition, stage: str, organ: str, requested_on: dt.date | None = None
) -> Review:
    """The petitioner asks for 复查 (after the handling opinion) or 复核 (after the 复查 opinion)
    within 30 days; the organ answers within 30 days (《信访工作条例》arts. 35–36)."""
    p = _lock(petition)
    rb = rulebook_of(p)
    if stage not in Stage.values:
        raise InvalidInput(_("无法识别的类别“{stage}”，应为复查或复核。", stage=stage), field="stage")
    body = _text(organ, "organ", "复查（复核）机关", 100)
    day = _day(requested_on, "requested_on", "收到请求日期")
    require_checks(*selectors.request_review_checks(actor, p))
    require(rules.may_request_review(stage, p.state, selectors.answered_on(p, stage), day, rb, calendar()))
    review = Review.objects.create(
        petition=p,
        stage=stage,
        organ=body,
        requested_on=day,
        due=rules.review_due(stage, day, rb, calendar()),
        created_by_id=actor.pk,
        created_at=timezone.now(),
    )
    p.state = State.REVIEWING if stage == Stage.REVIEW else State.REREVIEWING
    p.save(update_fields=["state"])
    _schedule(p, stage, review.due)
    name = review.get_stage_display()
    audit.record(
        actor=actor,
        action=f"petitions.{stage}_request",
        target=p,
        citation=rb.cite(rules.TIME_LIMITS),
        summary=f"信访人请求{name}（{p.number}），{body}应于{review.due:%Y-%m-%d}前提出{name}意见",
        details={"stage": stage, "requested_on": day.isoformat(), "due": review.due.isoformat()},
    )
    copy_back(petition, p)
    return review


@action
def decide_review(
    actor: AbstractBaseUser, petition: Petition, outcome: str, decided_on: dt.date | None = None
) -> Review:
    """The 复查 or 复核 opinion; after the 复核 the matter is final."""
    p = _lock(petition)
    rb = rulebook_of(p)
    require_checks(*selectors.decide_review_checks(actor, p))
    stage = Stage.REVIEW if p.state == State.REVIEWING else Stage.REREVIEW
    review = Review.objects.select_for_update().get(petition=p, stage=stage)
    text = _text(outcome, "outcome", "复查（复核）意见")
    day = _day(decided_on, "decided_on", "出具意见日期")
    if day < review.requested_on:
        raise InvalidInput(_("出具意见日期不能早于收到请求日期。"), field="decided_on")
    review.outcome, review.decided_on = text, day
    review.save(update_fields=["outcome", "decided_on"])
    p.state = State.REVIEWED if stage == Stage.REVIEW else State.FINAL
    p.save(update_fields=["state"])
    cancel_limit(_key(p, str(stage)))
    name = review.get_stage_display()
    audit.record(
        actor=actor,
        action=f"petitions.{stage}_decide",
        target=p,
        citation=rb.cite(rules.TIME_LIMITS),
        summary=f"出具{name}意见（{p.number}）：{text}",
        details={"stage": str(stage), "decided_on": day.isoformat(), "late": day > review.due},
    )
    copy_back(petition, p)
    return review


# -- the petitioner's personal data --------------------------------------------------------------


@dataclass(frozen=True)
class PetitionerView:
    name: str
    id_number: str
    phone: str
    address: str
    masked: bool
    demo: bool


@action
def view_petitioner(actor: AbstractBaseUser, petition: Petition) -> PetitionerView:
    """The petitioner's personal data, for those handling the case; each view is recorded."""
    rb = rulebook_of(petition)
    require(rules.may_see_personal_data(positions_of(actor), selectors.person_id(actor), access_of(petition), rb))
    data = Petitioner.objects.get(petition=petition)
    audit.record(
        actor=actor,
        action="petitions.view_personal_data",
        target=petition,
        citation=rb.cite(rules.PERSONAL_DATA),
        summary=f"查看信访人个人信息（{petition.number}）",
    )
    return PetitionerView(data.name, data.id_number, data.phone, data.address, masked=False, demo=data.is_demo)


def masked_petitioner(petition: Petition) -> PetitionerView:
    """What everyone else sees: the personal data masked (nothing is recorded, nothing revealed)."""
    data = Petitioner.objects.get(petition=petition)
    return PetitionerView(
        rules.mask_name(data.name),
        rules.mask_id_number(data.id_number),
        rules.mask_phone(data.phone),
        rules.mask_address(data.address),
        masked=True,
        demo=data.is_demo,
    )


def petitioner_for(actor: AbstractBaseUser, petition: Petition) -> PetitionerView:
    """The full data (recorded) for those handling the case, the masked data for everyone else."""
    if may_see_petitioner(actor, petition):
        return view_petitioner(actor, petition)
    return masked_petitioner(petition)


# -- the calendar changed ------------------------------------------------------------------------


def _new_limit(recalc: Recalc, p: Petition, limit: str, due: dt.date, rb: RulebookView) -> dt.date | None:
    """The new last day of the limit now running, counted as its action counted it (calendar days,
    rolled off a rest day), or None when it does not move or is not what the rule gave."""
    if limit == "accept":
        return recalc.days(p.received_on, rb.param("petitions.accept_days").as_int, due)
    if limit == "handle":
        if p.accepted_on is None:
            return None
        accepted_on, extended = p.accepted_on, p.extended_days
        handle_days = rb.param("petitions.handle_days").as_int

        def handle(cal: WorkCalendar) -> dt.date:
            first = cal.add_days(accepted_on, handle_days)
            return cal.add_days(first, extended) if extended else first  # the approved days, from the limit

        return rule_moved(recalc, due, handle)
    review = p.reviews.filter(stage=limit).first()
    if review is None:
        return None
    return recalc.days(
        review.requested_on,
        rb.param("petitions.review_days" if limit == Stage.REVIEW else "petitions.rereview_days").as_int,
        due,
    )


def recompute_dues(recalc: Recalc) -> list[Moved]:
    """The working calendar changed: the limit each open petition is running (受理告知 15 days,
    办结 60 days plus the approved extension, 复查/复核 30 days), not yet recorded overdue, whose
    last day is what it gave on the old calendar gets the day it gives now; its reminder and
    overdue timers move (fired ones stay fired) and the people its reminders go to are told."""
    moved: list[Moved] = []
    now = timezone.now()
    rows = (
        Petition.objects.select_related("unit_concerned", "handling_unit", "rulebook_version")
        .filter(state__in=[State.REGISTERED, State.HANDLING, State.REVIEWING, State.REREVIEWING])
        .filter(Q(accept_due__gte=recalc.since) | Q(handle_due__gte=recalc.since) | Q(reviews__due__gte=recalc.since))
        .distinct()
    )
    for p in rows:
        rb = rulebook_of(p)
        for limit, due in open_limits(p).items():
            if due < recalc.since or limit in p.overdue_limits or limit_fired(_key(p, limit)):
                continue
            new = _new_limit(recalc, p, limit, due, rb)
            if new is not None:
                if limit == "accept":
                    Petition.objects.filter(pk=p.pk).update(accept_due=new)
                elif limit == "handle":
                    Petition.objects.filter(pk=p.pk).update(handle_due=new)
                else:
                    Review.objects.filter(petition=p, stage=limit).update(due=new)
                moved.append(
                    Moved(
                        f"信访件{p.number}的{LIMIT_LABELS.get(limit, limit)}期限",
                        due,
                        new,
                        tuple(u.pk for u in _limit_people(p, limit)),
                        url_of(p),
                    )
                )
            move_limit(_key(p, limit), new or due, rb.param("petitions.remind_days").as_int, recalc.new, now)
    return moved
