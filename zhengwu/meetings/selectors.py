"""The read side of meetings: what the actions, the pages, the API and the workbench read off a
meeting, its invitations, its papers and its follow-ups, and what each user act on them requires.

Nothing here writes.  Each user act has a *check function*, ``<act>_checks(actor, obj) ->
list[Decision]``: the decisions the act requires of this person on this record now, read only.  The
action calls exactly that function (``demand(<act>_checks(actor, obj))``) after taking its lock, and
:func:`available_actions` asks the same functions, so the page, the API and the action can never
disagree about who may do what.  Checks of the input (a text not empty, the topic or the person
chosen…) stay in the action; a check function that an act's input refines takes it as an optional
argument (``staff_checks(actor, m, unit)``), and without it asks whether the act is open to this
person at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from zhengwu.core.decisions import Decision, InvalidInput
from zhengwu.core.i18n import _
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.core.transitions import Step, check_step, judge, offered
from zhengwu.meetings import guards, rules
from zhengwu.meetings.models import (
    FollowUp,
    FollowUpKind,
    Invitation,
    LeaveState,
    Meeting,
    MeetingKind,
    MeetingState,
    Paper,
    PrefectureMeetingRequest,
    RequestState,
    Topic,
    TopicState,
)
from zhengwu.org.models import Person, Unit
from zhengwu.org.rules import Holder, PositionKind
from zhengwu.org.services import office_unit, person_of, positions_of, who_holds
from zhengwu.rulebook.services import rulebook_view, version_in_force, view_of
from zhengwu.supervision import rules as supervision_rules
from zhengwu.supervision import services as supervision_facts
from zhengwu.workdays.services import calendar

#: The origin under which a meeting's task goes to supervision (arts. 26, 54).
SUPERVISION_ORIGIN = "meeting_decision"


# ---------------------------------------------------------------- who the actor is, who holds an authority

OFFICE_KINDS = frozenset({"clerk", "office_director", "secretary_general", "deputy_secretary_general"})


def rb_on(day: dt.date) -> RulebookView:
    return rulebook_view(day)


def actor_person(actor: AbstractBaseUser) -> Person:
    person = person_of(actor)
    if person is None:
        raise InvalidInput(_("您的账号没有关联人员信息，请联系系统管理员。"), field="actor")
    return person


def holds(actor: AbstractBaseUser, authority: str, day: dt.date | None = None) -> bool:
    person = person_of(actor)
    holder = who_holds(authority, day or timezone.localdate())
    return person is not None and holder is not None and holder.person_id == person.pk


def holds_governor(actor: AbstractBaseUser, day: dt.date | None = None) -> bool:
    return holds(actor, "governor", day)


def governor_person(day: dt.date) -> Person | None:
    holder = who_holds("governor", day)
    return Person.objects.get(pk=holder.person_id) if holder else None


def portfolio_holder(unit: Unit, day: dt.date) -> Holder | None:
    try:
        return who_holds(f"portfolio:{unit.code}", day)
    except LookupError:
        return None


def is_office(actor: AbstractBaseUser) -> bool:
    office = office_unit()
    return office is not None and any(p.unit_id == office.pk and p.kind in OFFICE_KINDS for p in positions_of(actor))


def in_unit(actor: AbstractBaseUser, unit: Unit) -> bool:
    return any(p.unit_id == unit.pk for p in positions_of(actor))


def kinds_of(actor: AbstractBaseUser) -> frozenset[str]:
    return frozenset(p.kind for p in positions_of(actor))


# ---------------------------------------------------------------- asking


def step_check(step: Step, state: str, state_label: str, rb: RulebookView, *, provision: str = "") -> Decision:
    """The state guard of ``step`` (:func:`zhengwu.core.transitions.check_step`); a meeting held
    back for the 州长's consent is refused under art. 43 (:func:`rules.held_back_provision`)."""
    provision = provision or rules.held_back_provision(state, step.from_states)
    return check_step(step, state, state_label, rb, provision=provision)


def _allow_or_refuse(ok: bool, code: str, allow: str, refuse: str, rb: RulebookView, provision: str) -> Decision:
    citation = rb.cite(provision)
    return Decision.allow(code, allow, citation) if ok else Decision.refuse(code, refuse, citation)


def _office_or_governor(actor: AbstractBaseUser, what: str, rb: RulebookView, provision: str) -> Decision:
    return rules.check_office(is_office(actor) or holds_governor(actor), what, rb, provision)


def _state(m: Meeting) -> tuple[str, str]:
    return m.state, str(m.get_state_display())


# ---------------------------------------------------------------- reads shared with the actions


def minutes_provision(m: Meeting) -> str:
    """The article the minutes of ``m`` follow: topic meetings art. 43, office meetings art. 43, the
    others art. 42."""
    return {MeetingKind.TOPIC: "meetings.topic_meeting", MeetingKind.OFFICE: "meetings.office_meeting"}.get(
        MeetingKind(m.kind), "meetings.minutes"
    )


def topic_facts(topic: Topic, meeting: Meeting) -> rules.TopicFacts:
    leader = portfolio_holder(topic.unit, meeting.date)
    return rules.TopicFacts(
        title=topic.title,
        leader_name=leader.person_name if leader else "（无）",
        leader_away=bool(leader and leader.away),
        touches_coordination=any(
            (topic.touches_projects, topic.touches_funds, topic.touches_staffing, topic.touches_rewards)
        ),
        coordination_done=topic.coordination_done,
        reviewed=topic.reviewed_at is not None,
        major_decision=topic.major_decision,
        public_interest=topic.public_interest,
        market_activity=topic.market_activity,
        steps_done=frozenset(topic.steps.values_list("step", flat=True)),
    )


def schedulable(topic: Topic, meeting: Meeting) -> list[Decision]:
    """Everything that stands in the way of ``topic`` on ``meeting``'s agenda, with the guards other areas add."""
    rb = rb_on(meeting.date)
    return [*rules.check_schedulable(topic_facts(topic, meeting), meeting.date, rb), *guards.refusals(topic)]


def papers_deadline(meeting: Meeting) -> Any:
    lead = int(rb_on(meeting.date).param("meeting.papers_lead_days").value)
    return calendar().add_working_days(meeting.date, -lead) if lead else meeting.date


def papers_to_distribute(meeting: Meeting) -> list[Paper]:
    """The papers of the confirmed topics not yet distributed (art. 40)."""
    return list(
        Paper.objects.filter(topic__meeting=meeting, topic__state=TopicState.CONFIRMED, distributed_at__isnull=True)
    )


def requester_kind(person: Person) -> str:
    kinds = [p.kind for p in positions_of(person.user)] if person.user else []
    return next((k for k in kinds if k in rules.LEADERS), kinds[0] if kinds else "")


def may_decide_leave(actor: AbstractBaseUser, inv: Invitation) -> Decision:
    """Who decides a leave request (art. 41): the 州长 a government leader's, the chair or the office
    a unit head's."""
    rb = rb_on(inv.meeting.date)
    route, _unused = rules.leave_decider(requester_kind(inv.person), rb)
    citation = rb.cite("meetings.attendance")
    if route == PositionKind.GOVERNOR:
        if holds_governor(actor, inv.meeting.date) or holds_governor(actor):
            return Decision.allow("meetings.leave_decider", _("州长批准政府领导请假。"), citation)
        return Decision.refuse("meetings.leave_decider", _("政府领导请假须经州长同意。"), citation)
    person = actor_person(actor)
    if person.pk == inv.meeting.chair_id or is_office(actor):
        return Decision.allow("meetings.leave_decider", _("会议主持人或办公室批准请假。"), citation)
    return Decision.refuse("meetings.leave_decider", _("部门负责人请假由会议主持人或办公室批准。"), citation)


# ---------------------------------------------------------------- a meeting's acts (arts. 37-45)


def consent_checks(actor: AbstractBaseUser, m: Meeting) -> list[Decision]:
    """同意召开 (art. 43): the 州长, a decision-making topic meeting that waits for consent."""
    rb = rb_on(m.date)
    return [
        rules.check_confirmer(holds_governor(actor), rb),
        step_check(rules.CONSENT, *_state(m), rb),
        rules.check_transition(m.state, MeetingState.PLANNED, rb, "meetings.topic_meeting"),
    ]


def collect_checks(actor: AbstractBaseUser, m: Meeting) -> list[Decision]:
    """汇总议题 (art. 40): the office, into a meeting with an agenda still being built.  The topic
    chosen is checked by the action (its state, :func:`schedulable`)."""
    rb = rb_on(m.date)
    return [
        rules.check_office(is_office(actor), "汇总议题", rb),
        rules.check_meeting_kind(m.kind, True, rb),
        step_check(rules.COLLECT_INTO, *_state(m), rb),
    ]


def collected_topics(m: Meeting) -> list[Topic]:
    return list(m.topics.filter(state=TopicState.COLLECTED).select_related("unit"))


def confirm_checks(actor: AbstractBaseUser, m: Meeting) -> list[Decision]:
    """确定议题 (arts. 24, 25, 40): the 州长; every collected topic may still go on, on the meeting day."""
    rb = rb_on(m.date)
    topics = collected_topics(m)
    return [
        rules.check_confirmer(holds_governor(actor), rb),
        rules.check_agenda_has_topics(m.kind, len(topics), rb),
        *[d for t in topics for d in schedulable(t, m)],
        rules.check_transition(m.state, MeetingState.AGENDA_CONFIRMED, rb, "meetings.agenda"),
    ]


def distribute_checks(actor: AbstractBaseUser, m: Meeting) -> list[Decision]:
    """分送会议材料 (art. 40): the office, once every paper of the confirmed topics is print-approved."""
    rb = rb_on(m.date)
    papers = papers_to_distribute(m)
    return [
        rules.check_office(is_office(actor), "分送会议材料", rb, "meetings.papers"),
        rules.check_papers_to_distribute(len(papers), [p.name for p in papers if p.print_approved_at is None], rb),
    ]


def hold_checks(actor: AbstractBaseUser, m: Meeting) -> list[Decision]:
    """登记会议召开 (art. 37): the office, on or after the meeting day."""
    rb = rb_on(m.date)
    return [
        rules.check_office(is_office(actor), "登记会议召开", rb, "meetings.types"),
        rules.check_held_on_or_after(m.date, timezone.localdate(), rb),
        rules.check_transition(m.state, MeetingState.HELD, rb, "meetings.types"),
    ]


def reschedule_checks(actor: AbstractBaseUser, m: Meeting, date: dt.date | None = None) -> list[Decision]:
    """改期 (art. 37): the office or the 州长, before the meeting is held (cited as of the new ``date``)."""
    rb = rb_on(date or m.date)
    return [
        _office_or_governor(actor, "调整会议时间", rb, "meetings.types"),
        step_check(rules.RESCHEDULE, *_state(m), rb),
    ]


def cancel_checks(actor: AbstractBaseUser, m: Meeting) -> list[Decision]:
    """取消会议 (art. 37): the office or the 州长, before the meeting is held."""
    rb = rb_on(m.date)
    return [
        _office_or_governor(actor, "取消会议", rb, "meetings.types"),
        rules.check_transition(m.state, MeetingState.CANCELLED, rb, "meetings.types"),
    ]


def sitting_in_checks(actor: AbstractBaseUser, m: Meeting) -> list[Decision]:
    """邀请列席 (arts. 38, 39): the office or the 州长, before the meeting is held."""
    rb = rb_on(m.date)
    return [
        _office_or_governor(actor, "邀请列席人员", rb, "meetings.attendance"),
        step_check(rules.INVITE_SITTING_IN, *_state(m), rb),
    ]


def _staff_quota(m: Meeting, unit: Unit, rb: RulebookView) -> Decision:
    main = m.topics.filter(unit=unit, state__in=[TopicState.COLLECTED, TopicState.CONFIRMED]).exists()
    return rules.check_staff(m.kind, main, m.invitations.filter(role="staff", unit=unit).count(), rb)


def staff_checks(actor: AbstractBaseUser, m: Meeting, unit: Unit | None = None) -> list[Decision]:
    """登记随行工作人员 (art. 41): the unit itself or the office, before the meeting, within the
    executive meeting's limits.  Without ``unit``: whether this person may register staff for any
    unit (theirs; the office: any) now."""
    rb = rb_on(m.date)
    office = is_office(actor)
    if unit is not None:
        may = office or in_unit(actor, unit)
        quota = _staff_quota(m, unit, rb)
    else:
        units = list(
            Unit.objects.filter(pk__in={p.unit_id for p in positions_of(actor)}).order_by("sort_order", "code")
        )
        may = office or bool(units)
        if office:
            units = [t.unit for t in m.topics.select_related("unit")] or units
        quotas = [_staff_quota(m, u, rb) for u in units]
        quota = next((d for d in quotas if d.allowed), quotas[0] if quotas else rules.check_staff(m.kind, False, 0, rb))
    registrar = _allow_or_refuse(
        may,
        "meetings.staff",
        _("本单位或办公室登记随行工作人员。"),
        _("由本单位或办公室登记随行工作人员。"),
        rb,
        "meetings.attendance",
    )
    return [registrar, step_check(rules.REGISTER_STAFF, *_state(m), rb), quota]


def roll_call_checks(actor: AbstractBaseUser, m: Meeting) -> list[Decision]:
    """点名 (art. 41): the office, once the invitations are out."""
    rb = rb_on(m.date)
    return [
        rules.check_office(is_office(actor), "会议点名", rb, "meetings.attendance"),
        step_check(rules.ROLL_CALL, *_state(m), rb),
    ]


def minutes_checks(actor: AbstractBaseUser, m: Meeting) -> list[Decision]:
    """起草纪要 (arts. 42, 43): the office, after the meeting, before the minutes are signed."""
    rb = rb_on(m.date)
    provision = minutes_provision(m)
    return [
        rules.check_office(is_office(actor), "起草会议纪要", rb, provision),
        step_check(rules.DRAFT_MINUTES, *_state(m), rb, provision=provision),
    ]


def decision_checks(actor: AbstractBaseUser, m: Meeting) -> list[Decision]:
    """登记议定事项 (arts. 42, 43): the office, after the meeting, before the minutes are signed."""
    rb = rb_on(m.date)
    provision = minutes_provision(m)
    return [
        rules.check_office(is_office(actor), "登记议定事项", rb, provision),
        step_check(rules.ADD_DECISION, *_state(m), rb, provision=provision),
    ]


def review_major_checks(actor: AbstractBaseUser, m: Meeting) -> list[Decision]:
    """审核纪要 (art. 43): the 州长, a topic meeting's minutes on major matters, before signature."""
    rb = rb_on(m.date)
    return [
        rules.check_confirmer(holds_governor(actor), rb),
        rules.check_major_review_needed(m.kind, m.major_matters, rb),
        step_check(rules.REVIEW_MAJOR, *_state(m), rb),
    ]


def sign_checks(actor: AbstractBaseUser, m: Meeting) -> list[Decision]:
    """签发纪要 (arts. 42, 43): the 州长 or the presiding leader, drafted minutes reviewed where the
    州长 must review them, a held meeting."""
    rb = rb_on(m.date)
    person = actor_person(actor)
    governor = holds_governor(actor) or holds_governor(actor, m.date)
    return [
        rules.check_signer(m.kind, governor, person.pk == m.chair_id, rb),
        rules.check_major_review(m.kind, m.major_matters, m.major_reviewed_at is not None, rb),
        rules.check_minutes_drafted(bool(m.minutes_text.strip()), minutes_provision(m), rb),
        rules.check_transition(m.state, MeetingState.MINUTES_SIGNED, rb, minutes_provision(m)),
    ]


def press_checks(actor: AbstractBaseUser, m: Meeting) -> list[Decision]:
    """起草新闻稿 (art. 45): the office, after the meeting."""
    rb = rb_on(m.date)
    return [
        rules.check_office(is_office(actor), "起草新闻稿", rb, "meetings.press_release"),
        step_check(rules.DRAFT_PRESS, *_state(m), rb),
    ]


def approve_press_checks(actor: AbstractBaseUser, m: Meeting) -> list[Decision]:
    """审核新闻稿 (art. 45): the 秘书长, or the 州长 or 常务副州长 when escalated; a drafted release."""
    rb = rb_on(m.date)
    return [
        rules.check_press_approver(kinds_of(actor), holds_governor(actor), m.press_escalated, rb),
        rules.check_press_drafted(bool(m.press_text), rb),
    ]


# ---------------------------------------------------------------- an invitation's acts (art. 41)


def _own_invitation(actor: AbstractBaseUser, inv: Invitation, code: str, refusal: str, rb: RulebookView) -> Decision:
    mine = inv.person_id == actor_person(actor).pk
    return _allow_or_refuse(mine, code, _("本人办理。"), refusal, rb, "meetings.attendance")


def leave_checks(actor: AbstractBaseUser, inv: Invitation) -> list[Decision]:
    """书面请假 (art. 41): the invitee, before the meeting, not already asked (or refused)."""
    m = inv.meeting
    rb = rb_on(m.date)
    return [
        _own_invitation(actor, inv, "meetings.leave", _("只能为自己请假。"), rb),
        step_check(rules.REQUEST_LEAVE, *_state(m), rb),
        step_check(rules.LEAVE_REQUESTABLE, inv.leave_state, str(inv.get_leave_state_display()), rb),
    ]


def decide_leave_checks(actor: AbstractBaseUser, inv: Invitation) -> list[Decision]:
    """批准或不批准请假 (art. 41): the 州长 a leader's, the chair or the office a unit head's; a request waiting."""
    rb = rb_on(inv.meeting.date)
    label = str(inv.get_leave_state_display()) if inv.leave_state else "未请假"
    return [may_decide_leave(actor, inv), step_check(rules.DECIDE_LEAVE, inv.leave_state, label, rb)]


def deputy_checks(actor: AbstractBaseUser, inv: Invitation, deputy: Person | None = None) -> list[Decision]:
    """指定代为出席人员 (art. 41): the invitee, once leave is approved, someone of their own unit
    (``deputy``; without it, whether the invitee may name one now)."""
    rb = rb_on(inv.meeting.date)
    own = _own_invitation(actor, inv, "meetings.deputy", _("由请假人本人指定代为出席人员。"), rb)
    same_unit = True
    if deputy is not None:
        unit_ids = {p.unit_id for p in positions_of(actor)}
        deputy_units = {p.unit_id for p in positions_of(deputy.user)} if deputy.user else set()
        same_unit = bool(unit_ids & deputy_units) and deputy.pk != inv.person_id
    return [own, rules.check_deputy(same_unit, inv.leave_state == LeaveState.APPROVED, rb)]


# ---------------------------------------------------------------- a topic's and a paper's acts (art. 40)


def drop_checks(actor: AbstractBaseUser, t: Topic) -> list[Decision]:
    """撤出议程 (art. 40): the office or the 州长, a topic on an agenda."""
    rb = rb_on(timezone.localdate())
    return [
        _office_or_governor(actor, "撤下议题", rb, "meetings.agenda"),
        step_check(rules.DROP_TOPIC, t.state, str(t.get_state_display()), rb),
    ]


def check_paper_checks(actor: AbstractBaseUser, p: Paper) -> list[Decision]:
    """审核会议材料 (art. 40): the office."""
    rb = rb_on(timezone.localdate())
    return [rules.check_office(is_office(actor), "审核会议材料", rb, "meetings.papers")]


def print_checks(actor: AbstractBaseUser, p: Paper) -> list[Decision]:
    """批印 (art. 40): the 州长, papers the office has checked."""
    rb = rb_on(timezone.localdate())
    return [
        _allow_or_refuse(
            holds_governor(actor), "meetings.print", _("州长批印。"), _("会议材料由州长批印。"), rb, "meetings.papers"
        ),
        rules.check_paper_checked(p.checked_at is not None, rb),
    ]


def review_checks(actor: AbstractBaseUser, t: Topic) -> list[Decision]:
    """审核议题 (art. 40): the 分管 leader of the reporting unit (or the 州长), a topic requested or
    reviewed (reviewed again)."""
    today = timezone.localdate()
    rb = rb_on(today)
    leader = portfolio_holder(t.unit, today)
    person = actor_person(actor)
    return [
        rules.check_reviewer(leader is not None and leader.person_id == person.pk, holds_governor(actor), rb),
        step_check(rules.REVIEW_TOPIC, t.state, str(t.get_state_display()), rb),
    ]


def _legal_review_unit(actor: AbstractBaseUser) -> bool:
    return any(
        "legal_review" in (u.functions or []) and in_unit(actor, u)
        for u in Unit.objects.filter(functions__isnull=False)
    )


def record_step_checks(actor: AbstractBaseUser, t: Topic, step: str | None = None) -> list[Decision]:
    """登记重大事项程序 (arts. 24, 25): the reporting unit, the legal-review unit or the office, a
    step the topic needs (``step``; without it: whether the topic needs any)."""
    rb = rb_on(timezone.localdate())
    needed = rules.required_steps(t.major_decision, t.public_interest, t.market_activity)
    if step is not None:
        need = rules.check_step_needed(step, needed, rb)
    elif needed:
        need = rules.check_step_needed(needed[0], needed, rb)
    else:
        need = Decision.refuse(
            "meetings.step.not_needed",
            _("该议题不需要登记重大事项程序。"),
            rb.cite("meetings.major_matter_steps"),
        )
    who = _allow_or_refuse(
        in_unit(actor, t.unit) or is_office(actor) or _legal_review_unit(actor),
        "meetings.step",
        _("登记重大事项程序。"),
        _("重大事项程序由承办单位、司法局或办公室登记。"),
        rb,
        "meetings.major_matter_steps",
    )
    return [need, who]


def add_paper_checks(actor: AbstractBaseUser, t: Topic) -> list[Decision]:
    """上传会议材料 (art. 40): the reporting unit, while the topic may still go to a meeting."""
    rb = rb_on(timezone.localdate())
    return [
        _allow_or_refuse(
            in_unit(actor, t.unit),
            "meetings.papers",
            _("汇报单位起草会议材料。"),
            _("会议材料由汇报单位起草。"),
            rb,
            "meetings.papers",
        ),
        step_check(rules.ADD_PAPER, t.state, str(t.get_state_display()), rb),
    ]


# ---------------------------------------------------------------- a prefecture-wide meeting's acts (art. 44)


def wide_facts(req: PrefectureMeetingRequest) -> rules.WideMeetingFacts:
    """The art. 44 facts of a request: venue, county heads, this year's approved meetings of its unit."""
    held = (
        PrefectureMeetingRequest.objects.filter(unit=req.unit, date__year=req.date.year, state=RequestState.APPROVED)
        .exclude(pk=req.pk)
        .count()
    )
    return rules.WideMeetingFacts(
        req.outside_atushi,
        req.outside_reason,
        req.high_end_hotel,
        req.scenic_area,
        req.invites_county_heads,
        req.county_heads_approved,
        held,
        req.exception_approved,
    )


def consent_wide_checks(actor: AbstractBaseUser, req: PrefectureMeetingRequest) -> list[Decision]:
    """分管领导同意 (art. 44): the unit's 分管 leader, a draft request."""
    rb = rb_on(req.date)
    leader = portfolio_holder(req.unit, timezone.localdate())
    return [
        rules.check_wide_consenter(leader is not None and leader.person_id == actor_person(actor).pk, rb),
        step_check(rules.CONSENT_WIDE, req.state, str(req.get_state_display()), rb),
    ]


def submit_wide_checks(actor: AbstractBaseUser, req: PrefectureMeetingRequest) -> list[Decision]:
    """正式报请 (art. 44): the unit itself, after the 分管 leader's consent, within its yearly quota
    unless it asks for an exception."""
    rb = rb_on(req.date)
    unit = _allow_or_refuse(
        in_unit(actor, req.unit),
        "meetings.wide.unit",
        _("本单位正式报请。"),
        _("由{name}正式报请。", name=req.unit.name),
        rb,
        "meetings.prefecture_wide",
    )
    consented = _allow_or_refuse(
        req.state == RequestState.CONSENTED,
        "meetings.wide.consent",
        _("已经分管领导同意。"),
        _("全州性会议须先经分管领导同意，再正式报请州政府。"),
        rb,
        "meetings.prefecture_wide",
    )
    quota = [d for d in rules.check_wide_request(wide_facts(req), rb) if not d.allowed]
    if req.exception_reason:
        quota = [d for d in quota if d.code != "meetings.wide.quota"]
    return [unit, consented, *quota]


def decide_wide_checks(actor: AbstractBaseUser, req: PrefectureMeetingRequest) -> list[Decision]:
    """批准或不批准 (art. 44): the 州长 (or the 常务副州长), a submitted request.  What approval
    further needs (the exception, the venue…) depends on the decision and is asked by the action."""
    rb = rb_on(req.date)
    return [
        rules.check_wide_approver(holds_governor(actor), holds(actor, "executive"), rb),
        step_check(rules.DECIDE_WIDE, req.state, str(req.get_state_display()), rb),
    ]


# ---------------------------------------------------------------- a follow-up's acts (arts. 42, 54)


def link_document_checks(actor: AbstractBaseUser, fu: FollowUp, outgoing: bool = True) -> list[Decision]:
    """关联发文 (art. 42): the office, a 印发文件 follow-up, an outgoing document (``outgoing``)."""
    rb = rb_on(fu.decision.meeting.date)
    return [
        rules.check_office(is_office(actor), "关联会议决定印发的文件", rb, "meetings.document_issue"),
        rules.check_document_follow_up(fu.kind == FollowUpKind.DOCUMENT, outgoing, rb),
    ]


def complete_task_checks(actor: AbstractBaseUser, fu: FollowUp) -> list[Decision]:
    """登记完成 (art. 42): the responsible unit or the office, an open task."""
    rb = rb_on(fu.decision.meeting.date)
    ok = is_office(actor) or (fu.owner_unit is not None and in_unit(actor, fu.owner_unit))
    return [
        _allow_or_refuse(
            ok, "meetings.task", _("登记任务完成。"), _("由责任单位或办公室登记任务完成。"), rb, "meetings.minutes"
        ),
        rules.check_open_task(fu.kind == FollowUpKind.TASK, fu.done_at is not None, rb),
    ]


def supervise_checks(actor: AbstractBaseUser, fu: FollowUp) -> list[Decision]:
    """交督查督办 (arts. 26, 54): a task with its owner and deadline, not yet supervised, by whoever
    the supervision area lets open an item for a meeting's decision.  Whether the matter is already
    supervised under another item is the supervision area's answer when the item is opened."""
    decided = rules.check_supervisable(
        fu.kind == FollowUpKind.TASK,
        fu.owner_unit_id is not None and fu.due is not None,
        bool(fu.supervision_ref),
        rb_on(fu.decision.meeting.date),
    )
    if not decided.allowed or fu.owner_unit_id is None:
        return [decided]
    today = timezone.localdate()
    opener = supervision_rules.may_open(
        supervision_facts.actor_fact(actor, today),
        SUPERVISION_ORIGIN,
        fu.owner_unit_id,
        view_of(version_in_force(today)),
    )
    return [decided, opener]


# ---------------------------------------------------------------- what a person may do now

Checks = Callable[[AbstractBaseUser, Any], list[Decision]]

#: The acts on a meeting, by the name the page and the API use, in the order a page offers them.
MEETING_ACTS: dict[str, Checks] = {
    "consent": consent_checks,
    "confirm": confirm_checks,
    "distribute": distribute_checks,
    "hold": hold_checks,
    "reschedule": reschedule_checks,
    "cancel": cancel_checks,
    "collect": collect_checks,
    "roll_call": roll_call_checks,
    "sitting_in": sitting_in_checks,
    "staff": staff_checks,
    "minutes": minutes_checks,
    "decision": decision_checks,
    "review_major": review_major_checks,
    "sign": sign_checks,
    "press": press_checks,
    "approve_press": approve_press_checks,
}
#: The acts on an invitation.
INVITATION_ACTS: dict[str, Checks] = {
    "leave": leave_checks,
    "decide": decide_leave_checks,
    "deputy": deputy_checks,
}
#: The acts on a topic (the topics board; on a meeting's agenda, "drop").
TOPIC_ACTS: dict[str, Checks] = {
    "review": review_checks,
    "step": record_step_checks,
    "paper": add_paper_checks,
    "drop": drop_checks,
}
#: The acts on a prefecture-wide meeting request.
WIDE_ACTS: dict[str, Checks] = {
    "consent": consent_wide_checks,
    "submit": submit_wide_checks,
    "decide": decide_wide_checks,
}
#: The acts on a paper.
PAPER_ACTS: dict[str, Checks] = {"check": check_paper_checks, "print": print_checks}
#: The acts on a decision's follow-up.
FOLLOW_UP_ACTS: dict[str, Checks] = {
    "document": link_document_checks,
    "done": complete_task_checks,
    "supervise": supervise_checks,
}

ACTS: dict[type, dict[str, Checks]] = {
    Meeting: MEETING_ACTS,
    Invitation: INVITATION_ACTS,
    Topic: TOPIC_ACTS,
    Paper: PAPER_ACTS,
    FollowUp: FOLLOW_UP_ACTS,
    PrefectureMeetingRequest: WIDE_ACTS,
}


def cannot_tell(exc: InvalidInput, obj: Any) -> Decision:
    """No person behind the account: the act cannot be judged."""
    meeting = obj if isinstance(obj, Meeting) else None
    day = meeting.date if meeting is not None else timezone.localdate()
    return Decision.refuse("meetings.cannot_tell", exc.message, rb_on(day).cite("meetings.attendance"))


Record = Meeting | Invitation | Topic | Paper | FollowUp | PrefectureMeetingRequest


def available_actions(actor: AbstractBaseUser, obj: Record) -> dict[str, Decision]:
    """For each act on ``obj`` (a meeting, an invitation, a topic, a paper or a follow-up): allowed
    (the act's last allowing decision), or the first decision that refuses it, with its article —
    the same decisions the action asks, so a page offers exactly what the action will do."""
    return offered(ACTS[type(obj)], actor, obj, cannot_tell)


def allowed_actions(actor: AbstractBaseUser, obj: Record) -> set[str]:
    """The names of the acts ``actor`` may take on ``obj`` now."""
    return {name for name, d in available_actions(actor, obj).items() if d.allowed}


def act_offered(actor: AbstractBaseUser, obj: Record, act: str) -> Decision:
    """One act's answer (what :func:`available_actions` says of ``act``), asking only its checks."""
    return judge(ACTS[type(obj)][act], actor, obj, cannot_tell)
