"""Pure rules of the organization: who holds an authority on a date (arts. 6, 7, 49), how an
absence is reported (art. 58), who may record it.  Plain data in, decisions out; no Django.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import ClassVar

from zhengwu.core.decisions import Citation, Decision
from zhengwu.core.i18n import _
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.core.transitions import Step


class UnitKind(StrEnum):
    """The kinds of unit; ``zhengwu.org.models.UnitKind`` takes its values from here and adds the labels."""

    GOVERNMENT = "government"
    OFFICE = "office"
    DEPARTMENT = "department"
    DIRECT_UNIT = "direct_unit"
    COUNTY = "county"
    SUPERIOR = "superior"


class PositionKind(StrEnum):
    """The kinds of position; ``zhengwu.org.models.PositionKind`` takes its values from here and adds the labels."""

    GOVERNOR = "governor"
    EXECUTIVE_VICE_GOVERNOR = "executive_vice_governor"
    VICE_GOVERNOR = "vice_governor"
    SECRETARY_GENERAL = "secretary_general"
    DEPUTY_SECRETARY_GENERAL = "deputy_secretary_general"
    OFFICE_DIRECTOR = "office_director"
    UNIT_HEAD = "unit_head"
    UNIT_DEPUTY = "unit_deputy"
    CLERK = "clerk"
    ADMINISTRATOR = "administrator"
    SECURITY_ADMINISTRATOR = "security_administrator"
    AUDIT_ADMINISTRATOR = "audit_administrator"


# Imported by the workbench panels of several apps (which other work is moving); new code uses the enum.
ADMINISTRATOR = PositionKind.ADMINISTRATOR

#: The three separated administrators (三权分立, GB/T 22239-2019 8.1.5): the 系统管理员, the
#: 安全管理员 and the 安全审计员.  Their seats sit in a unit (the demo puts them in the office) but
#: they are not its staff: no area counts an administrator among a unit's people.
ADMINISTRATORS = frozenset(
    {PositionKind.ADMINISTRATOR, PositionKind.SECURITY_ADMINISTRATOR, PositionKind.AUDIT_ADMINISTRATOR}
)

GOVERNMENT_LEADERS = frozenset(
    {
        PositionKind.GOVERNOR,
        PositionKind.EXECUTIVE_VICE_GOVERNOR,
        PositionKind.VICE_GOVERNOR,
        PositionKind.SECRETARY_GENERAL,
    }
)
VICE_LEADERS = frozenset(
    {PositionKind.EXECUTIVE_VICE_GOVERNOR, PositionKind.VICE_GOVERNOR, PositionKind.SECRETARY_GENERAL}
)
HEAD_KINDS = frozenset({PositionKind.UNIT_HEAD, PositionKind.OFFICE_DIRECTOR, PositionKind.GOVERNOR})
DEPARTMENT_UNIT_KINDS = frozenset({UnitKind.DEPARTMENT, UnitKind.DIRECT_UNIT, UnitKind.OFFICE})


@dataclass(frozen=True)
class PositionFact:
    id: int
    kind: str
    title: str
    unit_id: int
    unit_kind: str
    unit_name: str = ""


@dataclass(frozen=True)
class AppointmentFact:
    person_id: int
    person_name: str
    position: PositionFact
    start: dt.date
    end: dt.date | None = None

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class AbsenceFact:
    person_id: int
    first_day: dt.date
    last_day: dt.date  # the last day away (the day before the recorded return, if any)

    def covers(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day


@dataclass(frozen=True)
class ActingFact:
    principal_position_id: int
    acting_position_id: int
    start: dt.date
    end: dt.date
    article: int

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class PortfolioFact:
    leader_position_id: int
    unit_ids: frozenset[int]
    start: dt.date
    end: dt.date | None = None

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class OrgFacts:
    appointments: Sequence[AppointmentFact]
    absences: Sequence[AbsenceFact] = ()
    acting: Sequence[ActingFact] = ()
    portfolios: Sequence[PortfolioFact] = ()

    def holders_of(self, position_id: int, day: dt.date) -> list[AppointmentFact]:
        return [a for a in self.appointments if a.position.id == position_id and a.active_on(day)]

    def away(self, person_id: int, day: dt.date) -> bool:
        return any(a.person_id == person_id and a.covers(day) for a in self.absences)

    def positions_of(self, person_id: int, day: dt.date) -> list[PositionFact]:
        return [a.position for a in self.appointments if a.person_id == person_id and a.active_on(day)]


@dataclass(frozen=True)
class Authority:
    """What someone may hold: a government post (``governor``, ``executive`` — the 常务副州长,
    ``secretary_general``), or a unit's ``head:<unit id>`` or ``portfolio:<unit id>`` (分管)."""

    kind: str
    unit_id: int | None = None

    POSTS: ClassVar[Mapping[str, str]] = MappingProxyType(
        {
            "governor": PositionKind.GOVERNOR,
            "executive": PositionKind.EXECUTIVE_VICE_GOVERNOR,
            "secretary_general": PositionKind.SECRETARY_GENERAL,
        }
    )
    KINDS: ClassVar[tuple[str, ...]] = (*POSTS, "head", "portfolio")

    def __post_init__(self) -> None:
        if self.kind not in self.KINDS:
            raise ValueError(f"unknown authority {self.kind!r}; expected one of {', '.join(self.KINDS)}")
        if (self.kind in self.POSTS) != (self.unit_id is None):
            raise ValueError("a government post names no unit; head and portfolio name one")


@dataclass(frozen=True)
class Holder:
    """Who holds an authority on a day, and on what basis."""

    person_id: int
    person_name: str
    position: PositionFact
    away: bool = False
    acting_for: AppointmentFact | None = None
    basis: Decision | None = None

    @property
    def label(self) -> str:
        if self.acting_for:
            return f"{self.person_name}（{self.position.title}，代{self.acting_for.position.title}）"
        return f"{self.person_name}（{self.position.title}）"


def _acting_holder(
    principal: AppointmentFact, day: dt.date, facts: OrgFacts, rb: RulebookView, provision: str
) -> Holder | None:
    for arrangement in facts.acting:
        if arrangement.principal_position_id != principal.position.id or not arrangement.covers(day):
            continue
        for stand_in in facts.holders_of(arrangement.acting_position_id, day):
            if facts.away(stand_in.person_id, day):
                continue
            basis = Decision.allow(
                "authority.acting",
                _(
                    "{title}{person_name}外出期间，受委托由{title2}{person_name2}主持工作。",
                    title=principal.position.title,
                    person_name=principal.person_name,
                    title2=stand_in.position.title,
                    person_name2=stand_in.person_name,
                ),
                rb.cite(provision),
            )
            return Holder(stand_in.person_id, stand_in.person_name, stand_in.position, False, principal, basis)
    return None


def _principal(authority: Authority, day: dt.date, facts: OrgFacts) -> AppointmentFact | None:
    if authority.kind in Authority.POSTS:
        post = Authority.POSTS[authority.kind]
        candidates = [a for a in facts.appointments if a.position.kind == post and a.active_on(day)]
    elif authority.kind == "head":
        candidates = [
            a
            for a in facts.appointments
            if a.position.unit_id == authority.unit_id and a.position.kind in HEAD_KINDS and a.active_on(day)
        ]
    else:
        leader_ids = {
            p.leader_position_id for p in facts.portfolios if authority.unit_id in p.unit_ids and p.active_on(day)
        }
        candidates = [a for a in facts.appointments if a.position.id in leader_ids and a.active_on(day)]
    return min(candidates, key=lambda a: (a.start, a.person_id)) if candidates else None


def resolve_holder(authority: Authority, day: dt.date, facts: OrgFacts, rb: RulebookView) -> Holder | None:
    """Who holds ``authority`` on ``day``.

    - The 州长's authority: the 州长; while the 州长 is away and has entrusted it, the 常务副州长
      (art. 6).  Away without entrustment, the 州长 still holds it, marked away.
    - A unit's head: its head; while the head is away and a deputy is designated, the deputy.
    - A unit's 分管 leader (art. 7): the holder of the leader position whose portfolio covers the
      unit, marked away when absent (art. 40 uses this: that leader's topics are not scheduled).
    - The 常务副州长 and the 秘书长 (art. 6: they assist the 州长): the holder, marked away when absent.
    Returns ``None`` when nobody holds the position that day.
    """
    principal = _principal(authority, day, facts)
    if principal is None:
        return None
    away = facts.away(principal.person_id, day)
    if away and authority.kind in {"governor", "head"}:
        provision = "acting.governor" if authority.kind == "governor" else "signing.unit_document"
        acting = _acting_holder(principal, day, facts, rb, provision)
        if acting is not None:
            return acting
    provision = {"head": "org.department_head", "portfolio": "org.portfolio"}.get(
        authority.kind, "org.governor_responsibility"
    )
    basis = Decision.allow(
        "authority.holder",
        f"{principal.position.title}{principal.person_name}" + ("外出，未委托他人主持。" if away else "在岗。"),
        rb.cite(provision),
    )
    return Holder(principal.person_id, principal.person_name, principal.position, away, None, basis)


# ---------------------------------------------------------------- absences (art. 58)


@dataclass(frozen=True)
class AbsenceRoute:
    """Where an absence report goes (art. 58): to whom it is reported and whom the office informs."""

    decision: Decision
    report_to: tuple[int, ...] = ()  # person ids the report is made to
    inform: tuple[int, ...] = ()  # person ids the office informs
    via_office: bool = False
    notes: tuple[str, ...] = field(default=())


def absence_route(
    subject: PositionFact,
    subject_person_id: int,
    day: dt.date,
    facts: OrgFacts,
    rb: RulebookView,
    office_leaders: Sequence[int],
) -> AbsenceRoute:
    """The art. 58 chain for ``subject`` leaving the prefecture from ``day``.

    副州长 and 秘书长 report to the 州长; the office informs the other government leaders.
    A department's head reports to the office; the office reports to the 州长 and the 分管 leader.
    The 州长's own absence is recorded so that art. 6 (entrustment) can apply; the other leaders
    are informed.
    """
    citation = rb.cite("leave.report")
    governor = _principal(Authority("governor"), day, facts)
    leaders = sorted(
        {
            a.person_id
            for a in facts.appointments
            if a.position.kind in GOVERNMENT_LEADERS and a.active_on(day) and a.person_id != subject_person_id
        }
    )
    if subject.kind in VICE_LEADERS:
        report_to: tuple[int, ...] = (governor.person_id,) if governor else ()
        inform = tuple(p for p in leaders if p not in report_to)
        message = f"{subject.title}离州外出应事先报告州长，由政府办公室通报其他政府领导同志。"
        return AbsenceRoute(Decision.allow("leave.route.leader", message, citation), report_to, inform, False)
    if subject.kind == PositionKind.GOVERNOR:
        message = "州长外出期间，可委托负责常务工作的副州长主持政府工作；办公室通报其他政府领导同志。"
        return AbsenceRoute(
            Decision.allow("leave.route.governor", message, rb.cite("acting.governor")), (), tuple(leaders), False
        )
    if subject.kind in HEAD_KINDS and subject.unit_kind in DEPARTMENT_UNIT_KINDS:
        portfolio = _principal(Authority("portfolio", subject.unit_id), day, facts)
        inform = tuple(
            dict.fromkeys(
                p
                for p in ((governor.person_id if governor else None), portfolio.person_id if portfolio else None)
                if p is not None and p != subject_person_id
            )
        )
        message = f"{subject.unit_name}主要负责人离州外出应事先向政府办公室报告，由办公室向州长和分管领导同志报告。"
        report_to = tuple(p for p in office_leaders if p != subject_person_id)
        return AbsenceRoute(Decision.allow("leave.route.unit_head", message, citation), report_to, inform, True)
    message = (
        f"请销假报告适用于副州长、秘书长和各部门行政主要负责人；{subject.unit_name}{subject.title}"
        "外出按本单位请假制度办理，不在本系统报告。"
    )
    return AbsenceRoute(Decision.refuse("leave.not_covered", message, citation))


def may_record_for(
    actor_person_id: int,
    actor_positions: Sequence[PositionFact],
    subject_person_id: int,
    office_unit_id: int | None,
    rb: RulebookView,
    provision: str = "leave.report",
) -> Decision:
    """The person concerned records their own absence or return; the government office may record
    it for them (it is the office that receives and passes on the reports, art. 58)."""
    citation = rb.cite(provision)
    if actor_person_id == subject_person_id:
        return Decision.allow("leave.self", _("本人报告。"), citation)
    if any(
        p.unit_id == office_unit_id or p.kind in {PositionKind.SECRETARY_GENERAL, PositionKind.DEPUTY_SECRETARY_GENERAL}
        for p in actor_positions
    ):
        return Decision.allow("leave.by_office", _("政府办公室代为登记。"), citation)
    return Decision.refuse(
        "leave.not_permitted",
        _("外出和销假由本人报告，或由政府办公室代为登记；您无权为他人登记。"),
        citation,
    )


def check_absence_dates(start: dt.date, end: dt.date, today: dt.date, rb: RulebookView) -> Decision:
    citation = rb.cite("leave.report")
    if end < start:
        return Decision.refuse(
            "leave.dates",
            _("预计返回日期不能早于离州日期，请更正。"),
            citation,
        )
    if start < today:
        return Decision.allow(
            "leave.late", _("离州外出应事先报告；本次为事后补报，已记录补报情况。"), citation, late=True
        )
    return Decision.allow("leave.in_advance", _("已事先报告。"), citation, late=False)


def may_act_for(acting: PositionFact, principal: PositionFact) -> bool:
    """Whether ``acting`` may stand in for ``principal``: the 常务副州长 for the 州长 (art. 6), a
    deputy of the same unit for its head (art. 49)."""
    if principal.kind == PositionKind.GOVERNOR:
        return acting.kind == PositionKind.EXECUTIVE_VICE_GOVERNOR
    return acting.unit_id == principal.unit_id and acting.kind == PositionKind.UNIT_DEPUTY


def may_entrust(
    actor_positions: Sequence[PositionFact], acting: PositionFact | None, principal: PositionFact, rb: RulebookView
) -> Decision:
    """Art. 6: only the 州长 entrusts, and only the vice-governor in charge of routine work
    (常务副州长) presides in the 州长's absence.  A unit head may designate a deputy of the same
    unit to act while away (the acting head signs, art. 49).  Without ``acting``: whether this
    person may entrust anyone at all (the principal)."""
    if principal.kind == PositionKind.GOVERNOR:
        citation = rb.cite("acting.governor")
        if not any(p.id == principal.id for p in actor_positions):
            return Decision.refuse("acting.not_governor", _("只有州长本人可以委托他人主持政府工作。"), citation)
        if acting is None:
            return Decision.allow("acting.entrusted", _("州长委托常务副州长主持政府工作。"), citation)
        if not may_act_for(acting, principal):
            return Decision.refuse(
                "acting.not_executive",
                _("州长外出期间，受州长委托由负责常务工作的副州长主持政府工作，不能委托{title}。", title=acting.title),
                citation,
            )
        return Decision.allow("acting.entrusted", _("州长委托常务副州长主持政府工作。"), citation)
    citation = rb.cite("signing.unit_document")
    if not any(p.id == principal.id for p in actor_positions):
        return Decision.refuse("acting.not_head", _("只有单位主要负责人本人可以指定代理人。"), citation)
    if acting is None:
        return Decision.allow("acting.deputy", _("单位主要负责人指定本单位副职代理。"), citation)
    if not may_act_for(acting, principal):
        return Decision.refuse("acting.not_deputy", _("代理主要负责人的应为本单位副职。"), citation)
    return Decision.allow(
        "acting.deputy", _("{title}代理{title2}。", title=acting.title, title2=principal.title), citation
    )


def may_revoke_acting(actor_positions: Sequence[PositionFact], principal: PositionFact, rb: RulebookView) -> Decision:
    """Whoever may entrust may take it back early: the 州长 (art. 6), the unit head (art. 49)."""
    if principal.kind == PositionKind.GOVERNOR:
        citation = rb.cite("acting.governor")
        if not any(p.id == principal.id for p in actor_positions):
            return Decision.refuse(
                "acting.revoke_not_governor", _("只有州长本人可以撤销对他人主持政府工作的委托。"), citation
            )
        return Decision.allow("acting.revoked", _("州长撤销委托，恢复本人主持政府工作。"), citation)
    citation = rb.cite("signing.unit_document")
    if not any(p.id == principal.id for p in actor_positions):
        return Decision.refuse("acting.revoke_not_head", _("只有单位主要负责人本人可以撤销代理安排。"), citation)
    return Decision.allow("acting.revoked", _("{title}撤销代理安排。", title=principal.title), citation)


# -- the absence report's steps (arts. 6, 49, 58) ----------------------------------------------------

ABSENCE_REPORTED = "reported"

#: An acting arrangement is made for an absence not yet closed by its return (art. 6; art. 49 for
#: a unit head: the action passes the provision of the entrusting decision).
ENTRUST = Step.of(
    "org.absence.entrust",
    _("安排代理"),
    [ABSENCE_REPORTED],
    "acting.governor",
    when=_("销假前"),
    subject=_("本外出报告"),
)
#: 销假 closes an absence still open (art. 58).
RETURN = Step.of("org.absence.return", _("销假"), [ABSENCE_REPORTED], "leave.return", subject=_("本外出报告"))


def check_candidates(principal_title: str, has_candidates: bool, rb: RulebookView, provision: str) -> Decision:
    """Someone must be able to stand in: the 常务副州长 for the 州长 (art. 6), a deputy of the unit
    for its head (art. 49)."""
    citation = rb.cite(provision)
    if not has_candidates:
        return Decision.refuse(
            "acting.no_candidate", _("{title}没有可以代理的职务，无法安排代理。", title=principal_title), citation
        )
    return Decision.allow("acting.candidates", _("有可以代理的职务。"), citation)


def check_returnable(start: dt.date, today: dt.date, rb: RulebookView) -> Decision:
    """销假 records a return: not before the person has left (art. 58)."""
    citation = rb.cite("leave.return")
    if today < start:
        return Decision.refuse(
            "leave.not_left", _("尚未离州（离州日期为{isoformat}），不能销假。", isoformat=start.isoformat()), citation
        )
    return Decision.allow("leave.returnable", _("可以登记销假。"), citation)


def check_no_open_absence(person_name: str, has_open_overlap: bool, rb: RulebookView) -> Decision:
    """One absence at a time: a new report may not overlap one not yet closed by its return."""
    citation = rb.cite("leave.report")
    if has_open_overlap:
        return Decision.refuse(
            "leave.overlap",
            _("{person_name}在这段时间已有未销假的外出报告，请先销假或修改原报告。", person_name=person_name),
            citation,
        )
    return Decision.allow("leave.no_overlap", _("这段时间没有其他未销假的外出报告。"), citation)


def check_entrust_period(
    expected_return: dt.date, start: dt.date, open_arrangement: str, rb: RulebookView, provision: str
) -> Decision:
    """An arrangement covers the rest of the absence: not after the expected return, and not while
    another runs (``open_arrangement`` describes it, empty if none)."""
    citation = rb.cite(provision)
    if expected_return < start:
        return Decision.refuse(
            "acting.absence_over",
            _("这次外出预计{isoformat}返回，已经结束，不能再安排代理。", isoformat=expected_return.isoformat()),
            citation,
        )
    if open_arrangement:
        return Decision.refuse(
            "acting.already_arranged",
            _("这次外出已有代理安排（{open_arrangement}），请先撤销再另行委托。", open_arrangement=open_arrangement),
            citation,
        )
    return Decision.allow("acting.period", _("可以安排代理。"), citation)


def check_revocable(in_force: bool, end: dt.date, today: dt.date, rb: RulebookView, provision: str) -> Decision:
    """Only an arrangement still in force and not yet expired can be taken back."""
    citation = rb.cite(provision)
    if not in_force:
        return Decision.refuse("acting.already_revoked", _("该代理安排已撤销。"), citation)
    if end < today:
        return Decision.refuse(
            "acting.expired", _("该代理安排已于{isoformat}期满，无需撤销。", isoformat=end.isoformat()), citation
        )
    return Decision.allow("acting.revocable", _("可以撤销代理安排。"), citation)


# ---------------------------------------------------------------- the three administrators (三权分立)

#: The provision of the separation of the administrators' duties (GB/T 22239-2019 8.1.5, with
#: 8.1.4.2 c: 管理用户的权限分离).  A national standard, not an article of the Work Rules: the
#: rulebook data attaches it to the article on access control (art. 61 in the Kizilsu rules), and
#: each sentence that cites it names the standard, as the 信访 rules name 《信访工作条例》.
SEPARATION = "admin.separation"
SEPARATION_SOURCE = "GB/T 22239-2019 8.1.5"

ADMIN_TITLES: Mapping[str, str] = MappingProxyType(
    {
        PositionKind.ADMINISTRATOR: _("系统管理员"),
        PositionKind.SECURITY_ADMINISTRATOR: _("安全管理员"),
        PositionKind.AUDIT_ADMINISTRATOR: _("安全审计员"),
    }
)


def _holds(positions: Sequence[PositionFact], kind: str) -> bool:
    return any(p.kind == kind for p in positions)


def is_administrator(positions: Sequence[PositionFact]) -> bool:
    """The system administrator's seat.  No superuser flag counts: a Django superuser with no
    seat is nobody here (the production profile has no account that bypasses the separation)."""
    return _holds(positions, PositionKind.ADMINISTRATOR)


def is_security_administrator(positions: Sequence[PositionFact]) -> bool:
    return _holds(positions, PositionKind.SECURITY_ADMINISTRATOR)


def is_audit_administrator(positions: Sequence[PositionFact]) -> bool:
    return _holds(positions, PositionKind.AUDIT_ADMINISTRATOR)


def may_administer(positions: Sequence[PositionFact], citation: Citation | None = None) -> Decision:
    """Organization, calendar, rulebook versions and accounts are the system administrator's.

    ``citation`` is the article the administered thing serves (the calendar: the time limits of
    art. 63; the rulebook: art. 68), so the refusal names it."""
    if is_administrator(positions):
        return Decision.allow("admin.ok", _("系统管理员。"), citation)
    return Decision.refuse(
        "admin.required",
        _("只有系统管理员可以修改组织机构、工作日历、规则版本和参数。"),
        citation,
    )


def may_administer_security(positions: Sequence[PositionFact], rb: RulebookView) -> Decision:
    """Password and second-factor resets, unlocking accounts, revoking others' API tokens, and
    appointing the administrators are the security administrator's (GB/T 22239-2019 8.1.5.3):
    neither the system administrator, who creates the accounts, nor the audit administrator."""
    citation = rb.cite(SEPARATION)
    if is_security_administrator(positions):
        return Decision.allow("admin.security", _("安全管理员。"), citation)
    return Decision.refuse(
        "admin.security_required",
        _(
            "重置密码和动态口令、解除锁定、撤销他人的访问令牌以及任免管理员，由安全管理员办理（三权分立，{source}）。",
            source=SEPARATION_SOURCE,
        ),
        citation,
    )


def may_see_all_absences(positions: Sequence[PositionFact], office_unit_id: int | None) -> bool:
    """The government office receives and passes on every report (art. 58), so its staff, the
    秘书长 and 副秘书长, and the system administrator see them all."""
    return any(
        (p.unit_id == office_unit_id and p.kind not in ADMINISTRATORS)
        or p.kind in {PositionKind.SECRETARY_GENERAL, PositionKind.DEPUTY_SECRETARY_GENERAL, PositionKind.ADMINISTRATOR}
        for p in positions
    )


def check_admin_separation(
    position: PositionFact,
    person_id: int,
    start: dt.date,
    end: dt.date | None,
    appointments: Sequence[AppointmentFact],
    rb: RulebookView,
) -> Decision:
    """No one holds two of the three administrators' seats at once (三权分立, GB/T 22239-2019
    8.1.5): appointing ``person_id`` to ``position`` from ``start`` (to ``end``) is refused while
    they hold, in any overlapping period, an administrator's seat of another kind.
    ``appointments``: the person's appointments (any dates)."""
    citation = rb.cite(SEPARATION)
    if position.kind not in ADMINISTRATORS:
        return Decision.allow("admin.separation.not_admin", _("不是管理员职务。"), citation)
    clashing = [
        a
        for a in appointments
        if a.person_id == person_id
        and a.position.kind in ADMINISTRATORS
        and a.position.kind != position.kind
        and _overlaps(a, start, end)
    ]
    if clashing:
        held = clashing[0]
        return Decision.refuse(
            "admin.separation",
            _(
                "{held_by}担任{held}，不能同时担任{wanted}：系统管理员、安全管理员和安全审计员"
                "应由不同人员担任（三权分立，{source}）。请先结束其原任职，再从次日起任命。",
                held_by=_held_by(held),
                held=ADMIN_TITLES[held.position.kind],
                wanted=ADMIN_TITLES[position.kind],
                source=SEPARATION_SOURCE,
            ),
            citation,
        )
    return Decision.allow("admin.separation.ok", _("未担任其他管理员职务（三权分立）。"), citation)


# ---------------------------------------------------------------- administering the organization (arts. 4, 7, 8)

GOVERNMENT_POSTS = frozenset({PositionKind.GOVERNOR, PositionKind.EXECUTIVE_VICE_GOVERNOR, PositionKind.VICE_GOVERNOR})
OFFICE_POSTS = frozenset(
    {PositionKind.SECRETARY_GENERAL, PositionKind.DEPUTY_SECRETARY_GENERAL, PositionKind.OFFICE_DIRECTOR}
)
# One holder at a time for each position of these kinds (each 副州长 holds a position of their own,
# with its own portfolio, art. 7) …
SINGLE_SEAT_KINDS = frozenset(
    {
        PositionKind.GOVERNOR,
        PositionKind.EXECUTIVE_VICE_GOVERNOR,
        PositionKind.VICE_GOVERNOR,
        PositionKind.SECRETARY_GENERAL,
        PositionKind.OFFICE_DIRECTOR,
        PositionKind.UNIT_HEAD,
    }
)
# … and one for the whole government for these (art. 4: one 州长; art. 6: the 常务副州长; the 秘书长).
UNIQUE_POSTS = frozenset({PositionKind.GOVERNOR, PositionKind.EXECUTIVE_VICE_GOVERNOR, PositionKind.SECRETARY_GENERAL})


def may_administer_org(
    positions: Sequence[PositionFact], rb: RulebookView, provision: str = "org.composition"
) -> Decision:
    """Units, positions, people and their accounts, appointments and portfolios are kept by the
    system administrator; the refusal cites the article the organization serves (art. 4 for its
    composition, art. 7 for 分管)."""
    citation = rb.cite(provision)
    if is_administrator(positions):
        return Decision.allow("org.admin", _("系统管理员维护组织机构。"), citation)
    return Decision.refuse(
        "org.admin_required",
        _("组织机构（单位、职务、人员和账号、任职、分管）由系统管理员维护，您无权修改。"),
        citation,
    )


def check_position_place(kind: str, kind_label: str, unit_kind: str, unit_name: str, rb: RulebookView) -> Decision:
    """Art. 4: the 州长, 常务副州长 and 副州长 sit in the people's government itself; the 秘书长,
    副秘书长 and 办公室主任 in the government or its office."""
    citation = rb.cite("org.composition")
    if kind in GOVERNMENT_POSTS and unit_kind != "government":
        return Decision.refuse(
            "org.position_place",
            _(
                "{kind_label}是人民政府组成人员，只能设在人民政府，不能设在{unit_name}。",
                kind_label=kind_label,
                unit_name=unit_name,
            ),
            citation,
        )
    if kind in OFFICE_POSTS and unit_kind not in {"government", "office"}:
        return Decision.refuse(
            "org.position_place",
            _(
                "{kind_label}只能设在人民政府或其办公室，不能设在{unit_name}。",
                kind_label=kind_label,
                unit_name=unit_name,
            ),
            citation,
        )
    return Decision.allow("org.position_place", _("职务设置符合政府组成。"), citation)


def _overlaps(a: AppointmentFact, start: dt.date, end: dt.date | None) -> bool:
    return (end is None or a.start <= end) and (a.end is None or a.end >= start)


def _held_by(a: AppointmentFact) -> str:
    until = f"至{a.end.isoformat()}" if a.end else "至今"
    return f"{a.person_name}（{a.start.isoformat()}{until}）"


def check_seat(
    position: PositionFact,
    person_id: int,
    start: dt.date,
    end: dt.date | None,
    appointments: Sequence[AppointmentFact],
    rb: RulebookView,
) -> Decision:
    """Whether ``person_id`` may hold ``position`` from ``start`` (to ``end``, open-ended if None).

    A person holds a position once at a time; a single-seat position (州长, 常务副州长, each 副州长's
    position, 秘书长, 办公室主任, a unit's head) has one holder at a time; the government has one
    州长, one 常务副州长 and one 秘书长 (art. 4); a unit has one head at a time (art. 8).
    ``appointments`` are every appointment that might collide (any dates)."""
    citation = rb.cite("org.composition")
    overlapping = [a for a in appointments if _overlaps(a, start, end)]
    same = [a for a in overlapping if a.position.id == position.id]
    mine = [a for a in same if a.person_id == person_id]
    if mine:
        return Decision.refuse(
            "org.seat.already",
            _(
                "{held_by}已担任{unit_name}{title}，任职期间重叠。",
                held_by=_held_by(mine[0]),
                unit_name=position.unit_name,
                title=position.title,
            ),
            citation,
        )
    if position.kind in SINGLE_SEAT_KINDS and same:
        return Decision.refuse(
            "org.seat.taken",
            _(
                ("{unit_name}{title}同一时间只能由一人担任，现由{held_by}担任；请先结束其任职，再从次日起任命。"),
                unit_name=position.unit_name,
                title=position.title,
                held_by=_held_by(same[0]),
            ),
            citation,
        )
    if position.kind in UNIQUE_POSTS:
        others = [a for a in overlapping if a.position.kind == position.kind and a.person_id != person_id]
        if others:
            return Decision.refuse(
                "org.seat.unique",
                _(
                    "人民政府同一时间只有一位{title}，现由{held_by}担任{title2}；请先结束其任职。",
                    title=position.title,
                    held_by=_held_by(others[0]),
                    title2=others[0].position.title,
                ),
                citation,
            )
    if position.kind in HEAD_KINDS:
        heads = [
            a
            for a in overlapping
            if a.position.unit_id == position.unit_id and a.position.kind in HEAD_KINDS and a.person_id != person_id
        ]
        if heads:
            return Decision.refuse(
                "org.seat.head",
                _(
                    ("{unit_name}同一时间只有一位主要负责人，现由{held_by}担任{title}；请先结束其任职。"),
                    unit_name=position.unit_name,
                    held_by=_held_by(heads[0]),
                    title=heads[0].position.title,
                ),
                rb.cite("org.department_head"),
            )
    return Decision.allow(
        "org.seat.free", _("任命为{unit_name}{title}。", unit_name=position.unit_name, title=position.title), citation
    )


def check_portfolio(
    leader: PositionFact,
    unit_ids: Sequence[int],
    start: dt.date,
    portfolios: Sequence[PortfolioFact],
    unit_names: Mapping[int, str],
    leader_titles: Mapping[int, str],
    rb: RulebookView,
) -> Decision:
    """Art. 7: the 州长's deputies (副州长, 常务副州长) and the 秘书长 lead portfolios; a unit is led
    by one 分管 leader at a time.  ``portfolios`` are the other leaders' portfolios (any dates)."""
    citation = rb.cite("org.portfolio")
    if leader.kind not in GOVERNMENT_LEADERS:
        return Decision.refuse(
            "org.portfolio.leader",
            _(
                "分管工作由州长、副州长和秘书长担任，{unit_name}{title}不能分管单位。",
                unit_name=leader.unit_name,
                title=leader.title,
            ),
            citation,
        )
    clashes = []
    for p in portfolios:
        if p.leader_position_id == leader.id or not (p.end is None or p.end >= start):
            continue
        for unit_id in sorted(p.unit_ids & set(unit_ids)):
            until = f"至{p.end.isoformat()}" if p.end else ""
            clashes.append(
                f"{unit_names.get(unit_id, unit_id)}自{p.start.isoformat()}起{until}"
                f"由{leader_titles.get(p.leader_position_id, '其他领导')}分管"
            )
    if clashes:
        return Decision.refuse(
            "org.portfolio.taken",
            "一个单位同一时间由一位领导分管：" + "；".join(clashes) + "。请先调整或结束原分管。",
            citation,
        )
    return Decision.allow("org.portfolio.set", _("{title}分管。", title=leader.title), citation)


# Who reads the audit trail: the trail sits below the organization, so its readers are named here.
# The audit administrator, and the office's leadership, who answer for who decided what (art. 36).
AUDIT_READERS = frozenset(
    {PositionKind.AUDIT_ADMINISTRATOR, PositionKind.SECRETARY_GENERAL, PositionKind.OFFICE_DIRECTOR}
)
#: The administrators the trail is kept from: it records their work (三权分立).
AUDIT_WATCHED = frozenset({PositionKind.ADMINISTRATOR, PositionKind.SECURITY_ADMINISTRATOR})


def may_read_audit(
    positions: Sequence[PositionFact], citation: Citation | None, separation: Citation | None = None
) -> Decision:
    """The whole audit trail is read, exported and verified by the audit administrator, the 秘书长
    and the 办公室主任; everyone sees the history of the matters they can open.  The system and
    security administrators never read it, whatever other seat they hold: it records their own
    work (GB/T 22239-2019 8.1.5; ``separation`` cites it).  ``citation``: the confidentiality
    article (art. 61), since the trail names people and matters across the government."""
    watched = [p for p in positions if p.kind in AUDIT_WATCHED]
    if watched:
        return Decision.refuse(
            "audit.separated",
            _(
                "{title}不能查阅或导出审计记录：审计记录由安全审计员查阅，系统管理员和安全管理员的操作"
                "也记录在其中（三权分立，{source}）。",
                title=ADMIN_TITLES[watched[0].kind],
                source=SEPARATION_SOURCE,
            ),
            separation or citation,
        )
    if any(p.kind in AUDIT_READERS for p in positions):
        return Decision.allow("audit.read", _("可以查阅审计记录。"), citation)
    return Decision.refuse(
        "audit.not_permitted",
        _("审计记录仅限安全审计员、秘书长和办公室主任查阅；您可以在各事项页面查看该事项的办理记录。"),
        citation,
    )
