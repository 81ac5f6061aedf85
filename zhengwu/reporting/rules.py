"""Rules of 请示报告 (arts. 16, 46, 55): pure functions over plain facts.

- Art. 55: 「与社会公众利益密切相关的突发事件、安全生产事故等重大情况要及时向自治州人民政府报告」.
  "Promptly" is given its numbers by the national rules, each a rulebook parameter with its source:
  a 特别重大 or 重大 event is reported by phone within ``reports.major_phone_minutes`` (30) and in
  writing within ``reports.major_written_hours`` (1) (国务院应急管理办公室, 2015); a safety accident
  is reported up each level within ``reports.accident_level_hours`` (2) (《生产安全事故报告和调查
  处理条例》art. 11).  These limits are **clock time**: minutes and hours from the moment the
  reporting unit learned of the event (接报), day and night, rest days and holidays included —
  never working days.  A 较大 or 一般 emergency other than an accident has no clock limit here:
  it is reported "promptly" and recorded, but never overdue.  Every report keeps a timeline:
  first report (by phone, in writing), follow-up reports (续报), the final report (终报).
- Art. 16: major decisions, matters and situations are reported (请示 or 报告) to the 自治区人民政府
  and the 州党委; the register links each to the government documents that carried it.
- Art. 46: sessions of the 州人大常委会 are attended by a 副州长; in special cases the 秘书长, on the
  州长's entrustment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence

from zhengwu.core.decisions import Decision
from zhengwu.core.i18n import _
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.core.transitions import Step
from zhengwu.org.rules import ADMINISTRATORS, PositionFact, PositionKind

INCIDENTS = "reports.incidents"
UPWARD = "reports.upward"
NPC = "meetings.npc_attendance"

# ---------------------------------------------------------------- art. 55: incident reports

EMERGENCY, ACCIDENT = "emergency", "accident"
MAJOR = "major"
PHONE, WRITTEN, FOLLOW_UP, FINAL = "phone", "written", "follow_up", "final"
AWAITING, REPORTED, CLOSED = "awaiting", "reported", "closed"
LIMITS = (PHONE, WRITTEN)
"""The limits of a first report: by phone, in writing."""


def limits(kind: str, severity: str, known_at: dt.datetime, rb: RulebookView) -> dict[str, dt.datetime]:
    """The clock-time limits of the first report, from the moment the unit learned of the event:
    ``{"phone": …, "written": …}``, either or both absent when no national limit applies."""
    found: dict[str, dt.datetime] = {}
    written: list[dt.datetime] = []
    if severity == MAJOR:
        found[PHONE] = known_at + dt.timedelta(minutes=rb.param("reports.major_phone_minutes").as_int)
        written.append(known_at + dt.timedelta(hours=rb.param("reports.major_written_hours").as_int))
    if kind == ACCIDENT:
        written.append(known_at + dt.timedelta(hours=rb.param("reports.accident_level_hours").as_int))
    if written:
        found[WRITTEN] = min(written)
    return found


def satisfies(stage: str, limit: str) -> bool:
    """A written first report also answers the phone limit; only a written one the written limit."""
    return stage == WRITTEN or (stage == PHONE and limit == PHONE)


def open_limits(dues: Mapping[str, dt.datetime | None], stages: Collection[str]) -> dict[str, dt.datetime]:
    """The limits not yet answered by a report of ``stages``."""
    return {
        limit: due
        for limit, due in dues.items()
        if due is not None and not any(satisfies(stage, limit) for stage in stages)
    }


def late_for(stage: str, reported_at: dt.datetime, dues: Mapping[str, dt.datetime | None]) -> bool:
    """Was a report of ``stage`` made after a limit it answers?"""
    return any(due is not None and satisfies(stage, limit) and reported_at > due for limit, due in dues.items())


def may_keep(positions: Sequence[PositionFact], unit_id: int, office_id: int | None, rb: RulebookView) -> Decision:
    """The reporting unit's staff and the government office (its duty office) keep an incident's
    record."""
    citation = rb.cite(INCIDENTS)
    allowed = {unit_id} | ({office_id} if office_id else set())
    if any(p.unit_id in allowed and p.kind not in ADMINISTRATORS for p in positions):
        return Decision.allow("reports.incident.keeper", _("登记突发事件（事故）信息报告。"), citation)
    return Decision.refuse(
        "reports.incident.not_keeper",
        _("只有报告单位或州人民政府办公室的工作人员可以登记本事件的信息报告。"),
        citation,
    )


STAGE_NAMES = {PHONE: _("电话初报"), WRITTEN: _("书面初报"), FOLLOW_UP: _("续报"), FINAL: _("终报")}


def check_stage(stage: str, stages: Collection[str], rb: RulebookView) -> Decision:
    """The timeline's order: one first report by phone (before the written one) and one in writing;
    follow-up and final reports after the written first report."""
    citation = rb.cite(INCIDENTS)
    name = STAGE_NAMES.get(stage, stage)
    if stage == PHONE and (PHONE in stages or WRITTEN in stages):
        return Decision.refuse("reports.stage.phone_done", _("本事件已经初报，续报请登记为续报。"), citation)
    if stage == WRITTEN and WRITTEN in stages:
        return Decision.refuse("reports.stage.written_done", _("本事件已经书面初报，续报请登记为续报。"), citation)
    if stage in (FOLLOW_UP, FINAL) and WRITTEN not in stages:
        return Decision.refuse(
            "reports.stage.no_written",
            _("{name}须在书面初报之后登记：请先登记书面初报。", name=name),
            citation,
        )
    return Decision.allow("reports.stage", _("可以登记{name}。", name=name), citation)


RECORD_REPORT = Step.of(
    "reports.incident.record", _("登记报告"), (AWAITING, REPORTED), INCIDENTS, when=_("终报前"), subject=_("本事件")
)

# ---------------------------------------------------------------- art. 16: the upward register

UPWARD_RECIPIENTS = ("xj-gov", "party-committee")
"""The units the register reports to (art. 16): the 自治区人民政府 and the 州党委."""
REGISTERED, UPWARD_REPORTED, ANSWERED = "registered", "reported", "answered"
REQUEST = "request"
ISSUED_STATES = frozenset({"issued"})


def check_recipient(recipient_code: str, rb: RulebookView) -> Decision:
    citation = rb.cite(UPWARD)
    if recipient_code in UPWARD_RECIPIENTS:
        return Decision.allow("reports.upward.recipient", _("向上级请示报告。"), citation)
    return Decision.refuse(
        "reports.upward.recipient",
        _("重大决策、重大事项、重要情况向自治区人民政府和州党委请示报告，报送机关应为其中之一。"),
        citation,
    )


def may_keep_register(is_office: bool, rb: RulebookView) -> Decision:
    citation = rb.cite(UPWARD)
    if is_office:
        return Decision.allow("reports.upward.keeper", _("州人民政府办公室登记请示报告事项。"), citation)
    return Decision.refuse("reports.upward.not_keeper", _("向上请示报告事项由州人民政府办公室登记。"), citation)


def check_carrier(
    flow: str, state: str, main_recipient_ids: Collection[int], recipient_id: int, rb: RulebookView
) -> Decision:
    """The document that carried a matter upward: a document the government issued (发文), sent
    (主送) to the register's recipient."""
    citation = rb.cite(UPWARD)
    if flow != "outgoing":
        return Decision.refuse("reports.upward.not_outgoing", _("报送公文应为州人民政府的发文。"), citation)
    if state not in ISSUED_STATES:
        return Decision.refuse("reports.upward.not_issued", _("报送公文尚未印发。"), citation)
    if recipient_id not in main_recipient_ids:
        return Decision.refuse("reports.upward.not_addressed", _("报送公文的主送机关不是本事项的报送机关。"), citation)
    return Decision.allow("reports.upward.carrier", _("报送公文已印发并主送报送机关。"), citation)


def check_request(form: str, rb: RulebookView) -> Decision:
    citation = rb.cite(UPWARD)
    if form == REQUEST:
        return Decision.allow("reports.upward.request", _("请示事项登记批复。"), citation)
    return Decision.refuse("reports.upward.not_request", _("只有请示事项有批复。"), citation)


UPWARD_SUBJECT = _("本事项")
LINK_DOCUMENT = Step.of(
    "reports.upward.link",
    _("关联报送公文"),
    (REGISTERED, UPWARD_REPORTED),
    UPWARD,
    when=_("批复前"),
    subject=UPWARD_SUBJECT,
)
RECORD_REPLY = Step.of(
    "reports.upward.reply", _("登记批复"), (UPWARD_REPORTED,), UPWARD, when=_("报送后、批复前"), subject=UPWARD_SUBJECT
)

# ---------------------------------------------------------------- art. 46: 州人大常委会 sessions

VICE_GOVERNORS = frozenset({PositionKind.VICE_GOVERNOR, PositionKind.EXECUTIVE_VICE_GOVERNOR})
ATTENDEE_KINDS = VICE_GOVERNORS | {PositionKind.SECRETARY_GENERAL}
ASSIGNED, ATTENDED = "assigned", "attended"


def may_assign(is_office: bool, holds_governor: bool, rb: RulebookView) -> Decision:
    citation = rb.cite(NPC)
    if is_office or holds_governor:
        return Decision.allow("reports.npc.assigner", _("安排参加州人大常委会会议。"), citation)
    return Decision.refuse(
        "reports.npc.assigner", _("参加州人大常委会会议的人员由州长确定，州人民政府办公室安排。"), citation
    )


def check_attendee(
    kinds: Collection[str], entrusted: bool, reason: str, holds_governor: bool, rb: RulebookView
) -> Decision:
    """A 副州长 (the 常务副州长 included); the 秘书长 only in special cases, entrusted by the 州长,
    with the special case stated."""
    citation = rb.cite(NPC)
    if any(k in VICE_GOVERNORS for k in kinds):
        return Decision.allow("reports.npc.attendee", _("州人大常委会会议一般由副州长参加。"), citation)
    if PositionKind.SECRETARY_GENERAL in kinds:
        if not entrusted or not holds_governor:
            return Decision.refuse(
                "reports.npc.entrustment",
                _("秘书长只在特殊情况下受州长委托参加州人大常委会会议，须由州长委托。"),
                citation,
            )
        if not reason.strip():
            return Decision.refuse(
                "reports.npc.reason", _("委托秘书长参加州人大常委会会议，须写明特殊情况。"), citation
            )
        return Decision.allow("reports.npc.attendee", _("受州长委托，秘书长参加。"), citation)
    return Decision.refuse(
        "reports.npc.attendee",
        _("州人大常委会会议一般由副州长参加，特殊情况下可委托秘书长参加。"),
        citation,
    )


def check_not_away(away: bool, name: str, day: dt.date, rb: RulebookView) -> Decision:
    citation = rb.cite(NPC)
    if away:
        return Decision.refuse(
            "reports.npc.away", _("{name}{day:%Y-%m-%d}离州外出，不能参加会议。", name=name, day=day), citation
        )
    return Decision.allow("reports.npc.present", _("会议当日在州。"), citation)


def check_session_held(session_date: dt.date, today: dt.date, rb: RulebookView) -> Decision:
    citation = rb.cite(NPC)
    if today < session_date:
        return Decision.refuse(
            "reports.npc.early", _("会议日期为{session_date:%Y-%m-%d}，尚未召开。", session_date=session_date), citation
        )
    return Decision.allow("reports.npc.held", _("会议已召开。"), citation)


RECORD_ATTENDANCE = Step.of(
    "reports.npc.attend", _("登记参加"), (ASSIGNED,), NPC, when=_("指派后、登记参加前"), subject=_("本次安排")
)

# ---------------------------------------------------------------- art. 34: public and media supervision

PUBLIC_SUPERVISION = "reports.public_supervision"
CONCERN_OPEN, CONCERN_HANDLED = "open", "handled"
QUEUED = "queued"


def may_handle(positions: Sequence[PositionFact], unit_id: int, office_id: int | None, rb: RulebookView) -> Decision:
    """The unit that investigates and the government office keep a matter raised by the public or
    the media."""
    citation = rb.cite(PUBLIC_SUPERVISION)
    allowed = {unit_id} | ({office_id} if office_id else set())
    if any(p.unit_id in allowed and p.kind not in ADMINISTRATORS for p in positions):
        return Decision.allow("reports.concern.keeper", _("调查核实，依法处理。"), citation)
    return Decision.refuse(
        "reports.concern.not_keeper",
        _("只有调查处理单位或州人民政府办公室的工作人员可以登记和处理本事项。"),
        citation,
    )


def publication_required(major: bool, rb: RulebookView) -> Decision:
    """「重大问题要向社会公布处理结果」: a major problem's result goes to the publication queue; the
    result of any other matter may stay unpublished."""
    citation = rb.cite(PUBLIC_SUPERVISION)
    if major:
        return Decision.allow("reports.concern.publish", _("重大问题的处理结果须向社会公布。"), citation)
    return Decision.allow("reports.concern.no_publication", _("非重大问题，处理结果不要求向社会公布。"), citation)


def unpublished(major: bool, state: str, publication_state: str | None) -> bool:
    """A major problem handled whose result has not been published yet: still in the queue (or
    never queued).  A result withheld under an exemption of the 《政府信息公开条例》 was decided
    on, with its reason, by the portal (art. 27), and is not listed."""
    return major and state == CONCERN_HANDLED and publication_state in (None, QUEUED)


RECORD_RESULT = Step.of(
    "reports.concern.result",
    _("登记处理结果"),
    (CONCERN_OPEN,),
    PUBLIC_SUPERVISION,
    when=_("调查处理中"),
    subject=UPWARD_SUBJECT,
)
