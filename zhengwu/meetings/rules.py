"""会议 rules (arts. 24-25, 28, 37-47): pure functions over plain facts, each answering with a cited Decision.

No Django here.  Kinds: ``plenary`` 全体会议, ``executive`` 常务会议, ``office`` 州长办公会议, ``topic``
专题会议 (现场办公会 included), ``study`` 专题学习.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from zhengwu.core.decisions import Decision
from zhengwu.core.i18n import _
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.core.transitions import Step
from zhengwu.org.rules import PositionKind

PLENARY, EXECUTIVE, OFFICE, TOPIC, STUDY = "plenary", "executive", "office", "topic", "study"
KIND_NAMES = {PLENARY: "全体会议", EXECUTIVE: "常务会议", OFFICE: "州长办公会议", TOPIC: "专题会议", STUDY: "专题学习"}
KIND_PROVISION = {
    PLENARY: "meetings.plenary",
    EXECUTIVE: "meetings.executive",
    OFFICE: "meetings.office_meeting",
    TOPIC: "meetings.topic_meeting",
    STUDY: "meetings.study",
}

LEADERS = frozenset(
    {
        PositionKind.GOVERNOR,
        PositionKind.EXECUTIVE_VICE_GOVERNOR,
        PositionKind.VICE_GOVERNOR,
        PositionKind.SECRETARY_GENERAL,
    }
)


# ---------------------------------------------------------------- composition and chair (arts. 37-39, 43, 47)


def member_kinds(kind: str) -> frozenset[str]:
    """Position kinds that are members (出席) of a meeting of ``kind`` (arts. 38, 39)."""
    if kind == PLENARY:
        return LEADERS | {"unit_head_component"}
    if kind in {EXECUTIVE, STUDY}:
        return LEADERS
    if kind == OFFICE:
        return frozenset({PositionKind.GOVERNOR})
    return frozenset()


def check_chair(kind: str, chair_id: int, governor_holder_id: int | None, rb: RulebookView) -> Decision:
    """Plenary, executive and office meetings and study sessions are chaired by whoever holds the
    州长's authority that day (the 常务副州长 when entrusted, art. 6)."""
    if kind == TOPIC:
        return Decision.allow("meetings.chair", _("专题会议由召集人主持。"), rb.cite("meetings.topic_meeting"))
    citation = rb.cite(KIND_PROVISION[kind])
    if governor_holder_id is not None and chair_id == governor_holder_id:
        return Decision.allow("meetings.chair", _("{KIND_NAMES}由州长主持。", KIND_NAMES=KIND_NAMES[kind]), citation)
    return Decision.refuse(
        "meetings.chair",
        _("{KIND_NAMES}由州长召集和主持（州长外出并委托时由常务副州长主持）。", KIND_NAMES=KIND_NAMES[kind]),
        citation,
    )


@dataclass(frozen=True)
class CallerFacts:
    """Who calls a topic meeting: the 州长's authority, or a leader and the units of that leader's portfolio."""

    holds_governor: bool
    position_kinds: frozenset[str]
    portfolio_unit_ids: frozenset[int]


def check_topic_caller(
    caller: CallerFacts, unit_id: int | None, decision_making: bool, consented: bool, rb: RulebookView
) -> list[Decision]:
    """A topic meeting is called by the 州长, or by a 副州长 or the 秘书长 within their portfolio; a
    decision-making one needs the 州长's recorded consent before it is called (art. 43)."""
    citation = rb.cite("meetings.topic_meeting")
    if caller.holds_governor:
        return [Decision.allow("meetings.topic_caller", _("州长召集专题会议。"), citation)]
    out = []
    if not caller.position_kinds & {
        PositionKind.EXECUTIVE_VICE_GOVERNOR,
        PositionKind.VICE_GOVERNOR,
        PositionKind.SECRETARY_GENERAL,
    }:
        out.append(
            Decision.refuse("meetings.topic_caller", _("专题会议由州长或受州长委托的副州长、秘书长召集。"), citation)
        )
    elif unit_id is None or unit_id not in caller.portfolio_unit_ids:
        out.append(
            Decision.refuse(
                "meetings.topic_portfolio",
                _("副州长、秘书长只能就分管范围内的工作召集专题会议，请选择分管单位。"),
                citation,
            )
        )
    if decision_making and not consented:
        out.append(Decision.refuse("meetings.topic_consent", _("决策性专题会议须事先征得州长同意。"), citation))
    return out or [Decision.allow("meetings.topic_caller", _("在分管范围内召集专题会议。"), citation)]


# ---------------------------------------------------------------- states


TRANSITIONS = {
    "proposed": {"planned", "cancelled"},
    "planned": {"agenda_confirmed", "cancelled", "held"},
    "agenda_confirmed": {"held", "cancelled", "planned"},
    "held": {"minutes_signed"},
    "minutes_signed": set(),
    "cancelled": set(),
}
STATE_NAMES = {
    "proposed": "待州长同意",
    "planned": "筹备中",
    "agenda_confirmed": "议题已确定",
    "held": "已召开",
    "minutes_signed": "纪要已签发",
    "cancelled": "已取消",
}


AWAITING_CONSENT = "proposed"
"""A decision-making topic meeting called by a 副州长 or the 秘书长 is held back in this state until
the 州长 consents (art. 43: 「决策类专题会议要报请州长同意后方可召开」)."""


def held_back_provision(state: str, allowed_from: Iterable[str]) -> str:
    """The provision a step refused from ``state`` cites: a meeting held back for the 州长's consent
    is refused under art. 43 (``meetings.topic_meeting``), whatever the step; otherwise ``""``,
    the step's own provision."""
    if str(state) == AWAITING_CONSENT and AWAITING_CONSENT not in {str(s) for s in allowed_from}:
        return "meetings.topic_meeting"
    return ""


def check_transition(current: str, target: str, rb: RulebookView, provision: str = "meetings.types") -> Decision:
    if target in TRANSITIONS.get(current, set()):
        return Decision.allow("meetings.state", _("状态可以变更。"), rb.cite(provision))
    if current == AWAITING_CONSENT:
        return Decision.refuse(
            "meetings.topic_consent",
            _(
                "决策性专题会议须报请州长同意后方可召开，本次会议尚待州长同意，不能改为“{get}”。",
                get=STATE_NAMES.get(target, target),
            ),
            rb.cite("meetings.topic_meeting"),
        )
    return Decision.refuse(
        "meetings.state",
        _(
            "会议当前为“{get}”，不能改为“{get2}”。",
            get=STATE_NAMES.get(current, current),
            get2=STATE_NAMES.get(target, target),
        ),
        rb.cite(provision),
    )


def check_meeting_kind(kind: str, has_agenda: bool, rb: RulebookView) -> Decision:
    """Held meetings with topics: plenary, executive, office and topic meetings; a study session has a theme."""
    if kind not in KIND_NAMES:
        return Decision.refuse(
            "meetings.kind",
            _("会议类型应为全体会议、常务会议、州长办公会议、专题会议或专题学习。"),
            rb.cite("meetings.types"),
        )
    if kind == STUDY and has_agenda:
        return Decision.refuse(
            "meetings.kind", _("专题学习的主题由州长确定，不安排部门议题。"), rb.cite("meetings.study")
        )
    return Decision.allow("meetings.kind", _("会议类型可以安排议题。"), rb.cite("meetings.types"))


# ---------------------------------------------------------------- cadence (arts. 38, 39, 47)


@dataclass(frozen=True)
class CadenceLine:
    kind: str
    label: str
    count: int
    expected: str
    ok: bool
    decision: Decision


def cadence(today: dt.date, held_dates: Mapping[str, Sequence[dt.date]], rb: RulebookView) -> list[CadenceLine]:
    """This year's plenary meetings, this month's executive meetings and the study sessions, against
    the parameters; each line warns when the cadence is falling behind (or over the limit)."""
    out: list[CadenceLine] = []
    plenary = [d for d in held_dates.get(PLENARY, ()) if d.year == today.year and d <= today]
    lo, hi = int(rb.param("meeting.plenary_per_year_min").value), int(rb.param("meeting.plenary_per_year_max").value)
    cite = rb.param_citation("meeting.plenary_per_year_min")
    n = len(plenary)
    if n > hi:
        d = Decision.refuse(
            "meetings.cadence.plenary", _("今年已召开全体会议{n}次，超过每年{hi}次。", n=n, hi=hi), cite
        )
    elif n < lo and today.month >= 10:
        d = Decision.refuse(
            "meetings.cadence.plenary",
            _("今年已召开全体会议{n}次，少于每年{lo}次，且已进入第四季度。", n=n, lo=lo),
            cite,
        )
    else:
        d = Decision.allow(
            "meetings.cadence.plenary", _("今年已召开全体会议{n}次（每年{lo}至{hi}次）。", n=n, lo=lo, hi=hi), cite
        )
    out.append(CadenceLine(PLENARY, "全体会议（本年）", n, f"{lo}–{hi}", d.allowed, d))

    executive = [
        d for d in held_dates.get(EXECUTIVE, ()) if (d.year, d.month) == (today.year, today.month) and d <= today
    ]
    lo, hi = (
        int(rb.param("meeting.executive_per_month_min").value),
        int(rb.param("meeting.executive_per_month_max").value),
    )
    cite = rb.param_citation("meeting.executive_per_month_min")
    n = len(executive)
    if n > hi:
        d = Decision.refuse(
            "meetings.cadence.executive", _("本月已召开常务会议{n}次，超过每月{hi}次。", n=n, hi=hi), cite
        )
    elif n < lo and today.day >= 20:
        d = Decision.refuse(
            "meetings.cadence.executive",
            _("本月已召开常务会议{n}次，少于每月{lo}次，且已过本月20日。", n=n, lo=lo),
            cite,
        )
    else:
        d = Decision.allow(
            "meetings.cadence.executive", _("本月已召开常务会议{n}次（每月{lo}至{hi}次）。", n=n, lo=lo, hi=hi), cite
        )
    out.append(CadenceLine(EXECUTIVE, "常务会议（本月）", n, f"{lo}–{hi}", d.allowed, d))

    months = int(rb.param("meeting.study_interval_months").value)
    cite = rb.param_citation("meeting.study_interval_months")
    past = sorted(d for d in held_dates.get(STUDY, ()) if d <= today)
    this_year = [d for d in past if d.year == today.year]
    if past:
        last = past[-1]
        gap = (today.year - last.year) * 12 + today.month - last.month
        if gap > months:
            d = Decision.refuse(
                "meetings.cadence.study",
                _("上次专题学习为{last:%Y-%m-%d}，已超过{months}个月。", last=last, months=months),
                cite,
            )
        else:
            d = Decision.allow(
                "meetings.cadence.study",
                _("上次专题学习为{last:%Y-%m-%d}（约每{months}个月一次）。", last=last, months=months),
                cite,
            )
    else:
        d = Decision.refuse(
            "meetings.cadence.study", _("尚无专题学习记录（约每{months}个月一次）。", months=months), cite
        )
    out.append(CadenceLine(STUDY, "专题学习（本年）", len(this_year), f"约每{months}个月1次", d.allowed, d))
    return out


# ---------------------------------------------------------------- agenda topics (arts. 24, 25, 40)

STEP_NAMES = {
    "legality_review": "合法性审查",
    "assess_legality": "合法性评估",
    "assess_necessity": "必要性评估",
    "assess_science": "科学性评估",
    "assess_feasibility": "可行性评估",
    "assess_control": "可控性评估",
    "consultation": "征求相关部门和县市意见",
    "stability_risk": "社会稳定风险评估",
    "hearing": "听证",
    "fair_competition": "公平竞争审查",
}
STEP_PROVISION = {"legality_review": "meetings.major_decision"}


def required_steps(major_decision: bool, public_interest: bool, market_activity: bool) -> tuple[str, ...]:
    """Which steps a topic needs, from what it touches (arts. 24, 25)."""
    if not major_decision:
        return ()
    steps = [
        "legality_review",
        "assess_legality",
        "assess_necessity",
        "assess_science",
        "assess_feasibility",
        "assess_control",
        "consultation",
    ]
    if public_interest:
        steps += ["stability_risk", "hearing"]
    if market_activity:
        steps.append("fair_competition")
    return tuple(steps)


@dataclass(frozen=True)
class TopicFacts:
    title: str
    leader_name: str
    leader_away: bool
    touches_coordination: bool  # projects, funds, staffing, rewards or punishments
    coordination_done: bool
    reviewed: bool
    major_decision: bool
    public_interest: bool
    market_activity: bool
    steps_done: frozenset[str]


def check_schedulable(t: TopicFacts, meeting_date: dt.date, rb: RulebookView) -> list[Decision]:
    """Whether a topic may go on the agenda of a meeting on ``meeting_date`` (arts. 24, 25, 40)."""
    out: list[Decision] = []
    if t.leader_away:
        out.append(
            Decision.refuse(
                "meetings.leader_absent",
                _(
                    ("议题“{title}”的分管领导{leader_name}{meeting_date:%Y-%m-%d}不能出席会议，其议题不安排上会。"),
                    title=t.title,
                    leader_name=t.leader_name,
                    meeting_date=meeting_date,
                ),
                rb.cite("meetings.agenda_leader_absent"),
                leader=t.leader_name,
            )
        )
    if not t.reviewed:
        out.append(
            Decision.refuse(
                "meetings.not_reviewed",
                _("议题“{title}”尚未经分管领导审核协调。", title=t.title),
                rb.cite("meetings.agenda"),
            )
        )
    if t.touches_coordination and not t.coordination_done:
        out.append(
            Decision.refuse(
                "meetings.coordination",
                _("议题“{title}”涉及项目、资金、编制或奖惩，协调尚未完成，不能提交会议。", title=t.title),
                rb.cite("meetings.agenda_coordination"),
            )
        )
    missing = [
        s for s in required_steps(t.major_decision, t.public_interest, t.market_activity) if s not in t.steps_done
    ]
    if missing:
        names = "、".join(STEP_NAMES[s] for s in missing)
        provision = "meetings.major_decision" if "legality_review" in missing else "meetings.major_matter_steps"
        out.append(
            Decision.refuse(
                "meetings.major_steps",
                _("重大事项议题“{title}”尚未完成：{names}。", title=t.title, names=names),
                rb.cite(provision),
                missing=missing,
            )
        )
    return out or [
        Decision.allow("meetings.schedulable", _("议题“{title}”可以上会。", title=t.title), rb.cite("meetings.agenda"))
    ]


def check_reviewer(is_portfolio_leader: bool, holds_governor: bool, rb: RulebookView) -> Decision:
    """The 分管 leader reviews and coordinates a topic (the 州长 may too)."""
    if is_portfolio_leader or holds_governor:
        return Decision.allow("meetings.reviewer", _("分管领导审核议题。"), rb.cite("meetings.agenda"))
    return Decision.refuse("meetings.reviewer", _("议题由申请单位的分管领导审核协调。"), rb.cite("meetings.agenda"))


def check_confirmer(holds_governor: bool, rb: RulebookView) -> Decision:
    if holds_governor:
        return Decision.allow("meetings.confirmer", _("州长确定议题。"), rb.cite("meetings.agenda"))
    return Decision.refuse("meetings.confirmer", _("会议议题由州长确定。"), rb.cite("meetings.agenda"))


def check_office(is_office: bool, what: str, rb: RulebookView, provision: str = "meetings.agenda") -> Decision:
    if is_office:
        return Decision.allow("meetings.office", _("办公室{what}。", what=what), rb.cite(provision))
    return Decision.refuse("meetings.office", _("{what}由州政府办公室办理。", what=what), rb.cite(provision))


# ---------------------------------------------------------------- papers (art. 40)


def papers_deadline(meeting_date: dt.date, lead_days: int, previous_working_day: dt.date) -> dt.date:
    """Papers reach attendees by the close of the working day ``lead_days`` before the meeting
    (``previous_working_day`` is that day, computed on the working-day calendar by the caller)."""
    return previous_working_day if lead_days > 0 else meeting_date


def paper_late(distributed_on: dt.date | None, deadline: dt.date, today: dt.date) -> bool:
    """Late: distributed after the deadline, or not distributed and the deadline has passed."""
    if distributed_on is None:
        return today > deadline
    return distributed_on > deadline


# ---------------------------------------------------------------- attendance (art. 41)


def leave_decider(requester_kind: str, rb: RulebookView) -> tuple[str, Decision]:
    """Who decides a leave request: a government leader asks the 州长 (``governor``); a unit head asks
    the chair or the office (``chair_or_office``)."""
    citation = rb.cite("meetings.attendance")
    if requester_kind in LEADERS:
        return PositionKind.GOVERNOR, Decision.allow("meetings.leave_route", _("政府领导请假须经州长同意。"), citation)
    return "chair_or_office", Decision.allow(
        "meetings.leave_route", _("部门负责人书面向会议主持人或办公室请假。"), citation
    )


def check_staff(kind: str, is_main_reporter: bool, already: int, rb: RulebookView) -> Decision:
    """At an executive meeting only the main reporting unit may bring staff (one), others none."""
    if kind != EXECUTIVE:
        return Decision.allow("meetings.staff", _("本类会议不限制随行工作人员。"), rb.cite("meetings.attendance"))
    key = "meeting.executive_staff_main_reporter" if is_main_reporter else "meeting.executive_staff_other_units"
    limit = int(rb.param(key).value)
    if already + 1 > limit:
        who = "议题主要汇报单位" if is_main_reporter else "非主要汇报单位"
        return Decision.refuse(
            "meetings.staff",
            _("常务会议{who}可带工作人员{limit}人，已登记{already}人。", who=who, limit=limit, already=already),
            rb.cite("meetings.staff_limit"),
        )
    return Decision.allow("meetings.staff", _("可以登记随行工作人员。"), rb.cite("meetings.staff_limit"))


def check_deputy(same_unit: bool, leave_approved: bool, rb: RulebookView) -> Decision:
    citation = rb.cite("meetings.attendance")
    if not leave_approved:
        return Decision.refuse("meetings.deputy", _("请假经批准后方可指定他人代为出席。"), citation)
    if not same_unit:
        return Decision.refuse("meetings.deputy", _("代为出席的应为本单位负责同志。"), citation)
    return Decision.allow("meetings.deputy", _("可以指定代为出席人员。"), citation)


# ---------------------------------------------------------------- minutes and decisions (arts. 28, 42, 43, 45)


def minutes_signer(kind: str, rb: RulebookView) -> tuple[str, Decision]:
    """Who signs the minutes: the 州长 for plenary, executive and office meetings (arts. 42, 43) and
    study sessions; the presiding leader for topic meetings (art. 43)."""
    if kind in {PLENARY, EXECUTIVE}:
        return PositionKind.GOVERNOR, Decision.allow(
            "meetings.signer", _("全体会议、常务会议纪要由州长签发。"), rb.cite("meetings.minutes")
        )
    if kind in {OFFICE, STUDY}:
        return PositionKind.GOVERNOR, Decision.allow(
            "meetings.signer", _("州长办公会议纪要由州长签发。"), rb.cite("meetings.office_meeting")
        )
    return "chair", Decision.allow(
        "meetings.signer", _("专题会议纪要由主持会议的领导签发。"), rb.cite("meetings.topic_meeting")
    )


def check_signer(kind: str, is_governor_holder: bool, is_chair: bool, rb: RulebookView) -> Decision:
    who, basis = minutes_signer(kind, rb)
    ok = is_governor_holder if who == PositionKind.GOVERNOR else is_chair
    if ok:
        return basis
    return Decision.refuse("meetings.signer", basis.message.replace("由", "应由"), basis.citation)


def check_major_review(kind: str, major: bool, reviewed: bool, rb: RulebookView) -> Decision:
    """Topic meeting minutes on major matters are reviewed by the 州长 before they are signed (art. 43)."""
    if kind == TOPIC and major and not reviewed:
        return Decision.refuse(
            "meetings.major_review",
            _("专题会议纪要涉及重大事项的，须先报州长审核。"),
            rb.cite("meetings.topic_meeting"),
        )
    return Decision.allow("meetings.major_review", _("无需州长审核或已审核。"), rb.cite("meetings.topic_meeting"))


def document_due(
    meeting_date: dt.date, rb: RulebookView, add_working_days: Callable[[dt.date, int], dt.date]
) -> dt.date:
    """Documents decided at a meeting are issued within N working days after it (art. 42)."""
    days = int(rb.param("meeting.document_issue_days").value)
    return add_working_days(meeting_date, days)


DONE, OVERDUE, AT_RISK, PENDING = "done", "overdue", "at_risk", "pending"
STATUS_NAMES = {DONE: "已完成", OVERDUE: "已逾期", AT_RISK: "临近期限", PENDING: "办理中"}


def follow_up_status(
    due: dt.date | None, done_on: dt.date | None, today: dt.date, working_days_left: int | None, at_risk_days: int
) -> str:
    """done when carried out (on time or not); overdue after the due day; at risk when few working days remain."""
    if done_on is not None:
        return DONE
    if due is None:
        return PENDING
    if today > due:
        return OVERDUE
    if working_days_left is not None and working_days_left <= at_risk_days:
        return AT_RISK
    return PENDING


def publication_needed(secret: bool, rb: RulebookView) -> Decision:
    if secret:
        return Decision.allow("meetings.publish", _("涉密事项不公开。"), rb.cite("disclosure.meeting_decisions"))
    return Decision.allow(
        "meetings.publish", _("会议决定除涉密外应及时公开。"), rb.cite("disclosure.meeting_decisions"), publish=True
    )


def check_press_approver(
    position_kinds: Iterable[str], holds_governor: bool, escalated: bool, rb: RulebookView
) -> Decision:
    """Press releases on meeting decisions: reviewed by the 秘书长; when escalated, by the 州长 or 常务副州长."""
    kinds = set(position_kinds)
    citation = rb.cite("meetings.press_release")
    if escalated:
        if holds_governor or PositionKind.EXECUTIVE_VICE_GOVERNOR in kinds:
            return Decision.allow("meetings.press", _("州长或常务副州长审核新闻稿。"), citation)
        return Decision.refuse("meetings.press", _("该新闻稿须由州长或常务副州长审核。"), citation)
    if PositionKind.SECRETARY_GENERAL in kinds:
        return Decision.allow("meetings.press", _("秘书长审核新闻稿。"), citation)
    return Decision.refuse("meetings.press", _("会议决定的新闻稿由秘书长审核。"), citation)


# ---------------------------------------------------------------- prefecture-wide meetings (art. 44)


@dataclass(frozen=True)
class WideMeetingFacts:
    outside_atushi: bool
    outside_reason: str
    high_end_hotel: bool
    scenic_area: bool
    invites_county_heads: bool
    county_heads_approved: bool
    held_this_year: int
    exception_approved: bool


def check_wide_request(f: WideMeetingFacts, rb: RulebookView, final: bool = False) -> list[Decision]:
    citation = rb.cite("meetings.prefecture_wide")
    out: list[Decision] = []
    if f.high_end_hotel or f.scenic_area:
        out.append(Decision.refuse("meetings.wide.venue", _("全州性会议不得在高档酒店或风景名胜区召开。"), citation))
    if f.outside_atushi and not f.outside_reason.strip():
        out.append(
            Decision.refuse("meetings.wide.outside", _("在阿图什市以外召开会议须严格控制，请说明理由。"), citation)
        )
    limit = int(rb.param("meeting.prefecture_wide_per_department_per_year").value)
    if f.held_this_year >= limit and not f.exception_approved:
        out.append(
            Decision.refuse(
                "meetings.wide.quota",
                _(
                    (
                        "每个部门每年原则上只召开{limit}次全州性会议，今年已有{held_this_year}次；"
                        "确需召开的须经批准例外。"
                    ),
                    limit=limit,
                    held_this_year=f.held_this_year,
                ),
                rb.param_citation("meeting.prefecture_wide_per_department_per_year"),
            )
        )
    if final and f.invites_county_heads and not f.county_heads_approved:
        out.append(
            Decision.refuse("meetings.wide.county_heads", _("未经批准不得邀请县（市）政府负责同志参加。"), citation)
        )
    return out or [
        Decision.allow("meetings.wide", _("全州性会议申请符合规定。"), citation, strictly_controlled=f.outside_atushi)
    ]


def check_wide_issuer(unit_kind: str, rb: RulebookView) -> Decision:
    """A department's meeting is not held in the name of the 州政府 or its office (art. 44)."""
    if unit_kind in {"government", "office"}:
        return Decision.refuse(
            "meetings.wide.name",
            _("部门召开的全州性会议不得以州政府或州政府办公室名义召开。"),
            rb.cite("meetings.prefecture_wide"),
        )
    return Decision.allow("meetings.wide.name", _("以部门名义召开。"), rb.cite("meetings.prefecture_wide"))


def check_wide_consenter(is_portfolio_leader: bool, rb: RulebookView) -> Decision:
    if is_portfolio_leader:
        return Decision.allow("meetings.wide.consent", _("分管领导同意。"), rb.cite("meetings.prefecture_wide"))
    return Decision.refuse(
        "meetings.wide.consent", _("全州性会议须先经分管领导同意。"), rb.cite("meetings.prefecture_wide")
    )


def check_wide_approver(holds_governor: bool, is_executive: bool, rb: RulebookView) -> Decision:
    if holds_governor or is_executive:
        return Decision.allow("meetings.wide.approve", _("州政府批准。"), rb.cite("meetings.prefecture_wide"))
    return Decision.refuse(
        "meetings.wide.approve", _("全州性会议由州长或常务副州长代表州政府批准。"), rb.cite("meetings.prefecture_wide")
    )


# ---------------------------------------------------------------- workflow steps (arts. 37, 40-45)
#
# Each step of the meeting, topic, leave and prefecture-wide request workflows, declared once with
# the states it may be taken from and the provision of the article that defines it.  Actions call
# ``require_step(STEP, record.state, record.get_state_display(), rb)``; a step taken from the wrong
# state is refused with its article (API: 409).

NOT_HELD = ("proposed", "planned", "agenda_confirmed")  # the meeting has not been held or cancelled
ATTENDANCE_OPEN = ("planned", "agenda_confirmed")  # the invitations are out, the meeting not yet held

MEETING = _("本次会议")
TOPIC_SUBJECT = _("本议题")
REQUEST_SUBJECT = _("本申请")

# 会议 (art. 37 the types and their course; art. 41 attendance; arts. 42, 43 minutes; art. 45 press)
CONSENT = Step.of(
    "meetings.consent",
    _("同意召开"),
    ("proposed",),
    "meetings.topic_meeting",
    when=_("决策性专题会议待州长同意时"),
    subject=MEETING,
)
RESCHEDULE = Step.of(
    "meetings.reschedule", _("调整时间"), NOT_HELD, "meetings.types", when=_("会议召开或取消前"), subject=MEETING
)
INVITE_SITTING_IN = Step.of(
    "meetings.invite", _("邀请列席人员"), NOT_HELD, "meetings.attendance", when=_("会议召开或取消前"), subject=MEETING
)
ROLL_CALL = Step.of(
    "meetings.roll_call",
    _("点名"),
    ("planned", "agenda_confirmed", "held"),
    "meetings.attendance",
    when=_("筹备中或已召开的会议"),
    subject=MEETING,
)
REQUEST_LEAVE = Step.of(
    "meetings.leave.request",
    _("请假"),
    ATTENDANCE_OPEN,
    "meetings.attendance",
    when=_("会议召开或取消前"),
    subject=MEETING,
)
REGISTER_STAFF = Step.of(
    "meetings.staff",
    _("登记随行工作人员"),
    ATTENDANCE_OPEN,
    "meetings.attendance",
    when=_("会议召开或取消前"),
    subject=MEETING,
)
COLLECT_INTO = Step.of(
    "meetings.topic.collect_into",
    _("汇总议题"),
    ("planned",),
    "meetings.agenda",
    when=_("筹备中（议题未确定）的会议"),
    subject=MEETING,
)
DRAFT_MINUTES = Step.of(
    "meetings.minutes.draft",
    _("起草纪要"),
    ("held",),
    "meetings.minutes",
    when=_("会议召开后、纪要签发前"),
    subject=MEETING,
)
ADD_DECISION = Step.of(
    "meetings.decision.add",
    _("登记议定事项"),
    ("held",),
    "meetings.minutes",
    when=_("会议召开后、纪要签发前"),
    subject=MEETING,
)
REVIEW_MAJOR = Step.of(
    "meetings.minutes.review",
    _("审核纪要"),
    ("held",),
    "meetings.topic_meeting",
    when=_("会议召开后、纪要签发前"),
    subject=MEETING,
)
DRAFT_PRESS = Step.of(
    "meetings.press.draft",
    _("起草新闻稿"),
    ("held", "minutes_signed"),
    "meetings.press_release",
    when=_("会议召开后"),
    subject=MEETING,
)

# 议题 (art. 40): requested → reviewed → collected → confirmed → discussed; or withdrawn
ADD_PAPER = Step.of(
    "meetings.paper.add",
    _("增加材料"),
    ("requested", "reviewed", "collected", "confirmed"),
    "meetings.papers",
    when=_("议题上会或撤回前"),
    subject=TOPIC_SUBJECT,
)
REVIEW_TOPIC = Step.of(
    "meetings.topic.review",
    _("审核"),
    ("requested", "reviewed"),
    "meetings.agenda",
    when=_("议题汇总或上会前"),
    subject=TOPIC_SUBJECT,
)
COLLECT_TOPIC = Step.of(
    "meetings.topic.collect",
    _("汇总到会议"),
    ("requested", "reviewed"),
    "meetings.agenda",
    when=_("议题汇总或上会前"),
    subject=TOPIC_SUBJECT,
)
DROP_TOPIC = Step.of(
    "meetings.topic.drop",
    _("撤出会议议程"),
    ("collected", "confirmed"),
    "meetings.agenda",
    when=_("议题在会议议程上时"),
    subject=TOPIC_SUBJECT,
)

# 请假 (art. 41): "" → requested → approved | refused
LEAVE_REQUESTABLE = Step.of(
    "meetings.leave.again",
    _("请假"),
    ("", "refused"),
    "meetings.attendance",
    when=_("尚未请假或请假未获批准时"),
    subject=_("您的请假"),
)
DECIDE_LEAVE = Step.of(
    "meetings.leave.decide",
    _("批准或不批准请假"),
    ("requested",),
    "meetings.attendance",
    when=_("请假待批时"),
    subject=_("该人员的请假"),
)

# 全州性会议申请 (art. 44): draft → consented → submitted → approved | refused
CONSENT_WIDE = Step.of(
    "meetings.wide.consent_step",
    _("表示同意"),
    ("draft",),
    "meetings.prefecture_wide",
    when=_("待分管领导同意时"),
    subject=REQUEST_SUBJECT,
)
DECIDE_WIDE = Step.of(
    "meetings.wide.decide",
    _("批准"),
    ("submitted",),
    "meetings.prefecture_wide",
    when=_("正式报请后、处理前"),
    subject=REQUEST_SUBJECT,
)


# ---------------------------------------------------------------- conditions of a step that are not its state


def check_held_on_or_after(meeting_date: dt.date, today: dt.date, rb: RulebookView) -> Decision:
    """A meeting is recorded as held on or after its date (art. 37)."""
    citation = rb.cite("meetings.types")
    if today < meeting_date:
        return Decision.refuse(
            "meetings.hold.early",
            _("会议日期为{meeting_date:%Y-%m-%d}，尚未到会议日期。", meeting_date=meeting_date),
            citation,
            date=meeting_date,
        )
    return Decision.allow("meetings.hold", _("会议日期已到。"), citation)


def check_governor_on(has_governor: bool, kind: str, rb: RulebookView) -> Decision:
    """A plenary, executive or office meeting or a study session needs someone who holds the
    州长's authority on its day, to chair it (arts. 6, 38, 39, 43, 47)."""
    citation = rb.cite(KIND_PROVISION.get(kind, "meetings.types"))
    if not has_governor:
        return Decision.refuse("meetings.no_governor", _("该日无人担任州长职务，无法安排会议。"), citation)
    return Decision.allow("meetings.governor", _("该日有人行使州长职权。"), citation)


def check_not_invited(name: str, already: bool, rb: RulebookView) -> Decision:
    """A person is on a meeting's list once (art. 41)."""
    citation = rb.cite("meetings.attendance")
    if already:
        return Decision.refuse("meetings.already_invited", _("{name}已在参会名单中。", name=name), citation)
    return Decision.allow("meetings.not_invited", _("{name}尚不在参会名单中。", name=name), citation)


def check_agenda_has_topics(kind: str, collected: int, rb: RulebookView) -> Decision:
    """The 州长 confirms collected topics; only a study session has none (arts. 40, 47)."""
    citation = rb.cite("meetings.agenda")
    if collected == 0 and kind != STUDY:
        return Decision.refuse("meetings.agenda.empty", _("会议尚无汇总的议题。"), citation)
    return Decision.allow("meetings.agenda.topics", _("汇总议题{collected}项。", collected=collected), citation)


def check_step_needed(step: str, needed: Sequence[str], rb: RulebookView) -> Decision:
    """Only the major-decision steps the topic needs are recorded (arts. 24, 25)."""
    citation = rb.cite(STEP_PROVISION.get(step, "meetings.major_matter_steps"))
    if step not in needed:
        return Decision.refuse(
            "meetings.step.not_needed", _("该议题不需要“{get}”这一步骤。", get=STEP_NAMES.get(step, step)), citation
        )
    return Decision.allow("meetings.step.needed", _("该议题需要“{get}”。", get=STEP_NAMES.get(step, step)), citation)


def check_paper_checked(checked: bool, rb: RulebookView) -> Decision:
    """The office checks the papers before the 州长 approves them for printing (art. 40)."""
    citation = rb.cite("meetings.papers")
    if not checked:
        return Decision.refuse("meetings.print.unchecked", _("材料尚未经办公室审核，不能批印。"), citation)
    return Decision.allow("meetings.print.checked", _("材料已经办公室审核。"), citation)


def check_papers_to_distribute(count: int, unapproved: Sequence[str], rb: RulebookView) -> Decision:
    """Papers of confirmed topics are distributed once the 州长 has approved them for printing (art. 40)."""
    citation = rb.cite("meetings.papers")
    if count == 0:
        return Decision.refuse("meetings.papers.none", _("没有待分送的会议材料（议题须经州长确定）。"), citation)
    if unapproved:
        return Decision.refuse(
            "meetings.papers.unapproved", _("以下材料尚未经州长批印：{join}。", join="、".join(unapproved)), citation
        )
    return Decision.allow("meetings.papers.ready", _("分送会议材料{count}份。", count=count), citation)


def check_minutes_drafted(drafted: bool, provision: str, rb: RulebookView) -> Decision:
    """Minutes are signed once drafted (arts. 42, 43)."""
    citation = rb.cite(provision)
    if not drafted:
        return Decision.refuse("meetings.minutes.undrafted", _("纪要尚未起草。"), citation)
    return Decision.allow("meetings.minutes.drafted", _("纪要已起草。"), citation)


def check_major_review_needed(kind: str, major: bool, rb: RulebookView) -> Decision:
    """The 州长 reviews only the minutes of a topic meeting on major matters (art. 43)."""
    citation = rb.cite("meetings.topic_meeting")
    if kind == TOPIC and major:
        return Decision.allow("meetings.major_review.needed", _("专题会议纪要涉及重大事项，报州长审核。"), citation)
    return Decision.refuse(
        "meetings.major_review.not_needed", _("只有涉及重大事项的专题会议纪要需要州长审核。"), citation
    )


def check_document_follow_up(is_document: bool, is_outgoing: bool, rb: RulebookView) -> Decision:
    """A document a meeting decided to issue is an outgoing document linked to a 印发文件 follow-up (art. 42)."""
    citation = rb.cite("meetings.document_issue")
    if not is_document:
        return Decision.refuse("meetings.followup.not_document", _("只有“印发文件”事项可以关联公文。"), citation)
    if not is_outgoing:
        return Decision.refuse("meetings.followup.not_outgoing", _("请关联一份发文。"), citation)
    return Decision.allow("meetings.followup.document", _("关联会议决定印发的文件。"), citation)


def check_open_task(is_task: bool, done: bool, rb: RulebookView) -> Decision:
    """Only an open task of a decision is marked done (arts. 42, 54)."""
    citation = rb.cite("meetings.minutes")
    if not is_task or done:
        return Decision.refuse("meetings.task.not_open", _("该事项不是未完成的落实任务。"), citation)
    return Decision.allow("meetings.task.open", _("未完成的落实任务。"), citation)


def check_supervisable(is_task: bool, has_owner_and_due: bool, supervised: bool, rb: RulebookView) -> Decision:
    """A task with its owner and deadline goes to supervision once (art. 54)."""
    citation = rb.cite("supervision.implement")
    if not (is_task and has_owner_and_due):
        return Decision.refuse(
            "meetings.supervise.incomplete", _("只有写明责任单位和期限的落实任务可以交督查督办。"), citation
        )
    if supervised:
        return Decision.refuse("meetings.supervise.already", _("该任务已交督查督办。"), citation)
    return Decision.allow("meetings.supervise", _("落实任务交督查督办。"), citation)


def check_task_due(due: dt.date, meeting_date: dt.date, rb: RulebookView) -> Decision:
    """A task a meeting decided is due on or after the meeting day (art. 54: decisions are implemented)."""
    citation = rb.cite("supervision.implement")
    if due < meeting_date:
        return Decision.refuse("meetings.task.due_before_meeting", _("任务期限不能早于会议日期。"), citation, due=due)
    return Decision.allow("meetings.task.due", _("任务期限为{due:%Y-%m-%d}。", due=due), citation, due=due)


def check_press_drafted(drafted: bool, rb: RulebookView) -> Decision:
    """The press release is approved once drafted (art. 45)."""
    citation = rb.cite("meetings.press_release")
    if not drafted:
        return Decision.refuse("meetings.press.undrafted", _("尚无新闻稿。"), citation)
    return Decision.allow("meetings.press.drafted", _("新闻稿已起草。"), citation)


def check_exception_grantable(grant: bool, reason_given: bool, rb: RulebookView) -> Decision:
    """An exception to the quota is granted only when the requesting unit gave its reason (art. 44)."""
    citation = rb.cite("meetings.prefecture_wide")
    if grant and not reason_given:
        return Decision.refuse(
            "meetings.wide.no_exception_reason", _("申请单位未说明例外理由，不能批准例外。"), citation
        )
    return Decision.allow("meetings.wide.exception", _("例外的批准有申请单位说明的理由。"), citation)
