"""Rules of the requests that need the government's approval in advance: pure functions over plain
facts, no Django.

- **Publications (art. 57).**  The government's leaders publish no books or speech pamphlets, send
  no congratulatory letters or telegrams, write no inscriptions or prefaces; a special case is
  reported for approval under the relevant rules.  Members of the government who speak or publish
  an article on behalf of the government, or publish a signed article of their own, have it
  approved by the government in advance.  Who approves each kind is a rulebook parameter
  (``approvals.approver.<kind>``).  Nothing is recorded as published before it was approved.
- **Foreign guests (art. 60).**  The 外事办 reviews the meeting and proposes the arrangements, the
  州长 or the 常务副州长 approves; an important guest is then referred to the 州党委, whose answer
  is recorded.
- **Outbound delegations (art. 59).**  The sending unit asks, the 外事办 reviews, the 州长 or the
  常务副州长 approves before departure; after the return the unit reports within
  ``approvals.delegation_report_days`` working days.

Approver codes (the parameters' values): ``governor`` (the 州长, or the 常务副州长 presiding on the
州长's entrustment, art. 6), ``governor_or_executive`` (the 州长 or the 常务副州长) and
``party_committee`` (referred to the 州党委; the office records its answer).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from zhengwu.core.decisions import Decision
from zhengwu.core.i18n import _
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.core.transitions import Step
from zhengwu.org.rules import GOVERNMENT_LEADERS, PositionFact, PositionKind
from zhengwu.workdays.arith import WorkCalendar

PUBLICATIONS = "approvals.publications"
SPEECHES = "approvals.speeches"
PRIOR_APPROVAL = "approvals.prior_approval"
FOREIGN_GUESTS = "approvals.foreign_guests"
IMPORTANT_GUESTS = "approvals.important_guests"
DELEGATIONS = "approvals.delegations"
DELEGATION_REPORT = "approvals.delegation_report"

# -- kinds -----------------------------------------------------------------------------------------

BOOK, CONGRATULATION, INSCRIPTION = "book", "congratulation", "inscription"
SPEECH, SIGNED_ARTICLE = "speech", "signed_article"
FOREIGN_MEETING, DELEGATION = "foreign_meeting", "delegation"

PUBLICATION_KINDS = frozenset({BOOK, CONGRATULATION, INSCRIPTION, SPEECH, SIGNED_ARTICLE})
REVIEWED_KINDS = frozenset({FOREIGN_MEETING, DELEGATION})  # the 外事办 reviews first
KINDS = (BOOK, CONGRATULATION, INSCRIPTION, SPEECH, SIGNED_ARTICLE, FOREIGN_MEETING, DELEGATION)

#: The provision that governs each kind of request.
PROVISION = {
    BOOK: PUBLICATIONS,
    CONGRATULATION: PUBLICATIONS,
    INSCRIPTION: PUBLICATIONS,
    SPEECH: SPEECHES,
    SIGNED_ARTICLE: SPEECHES,
    FOREIGN_MEETING: FOREIGN_GUESTS,
    DELEGATION: DELEGATIONS,
}

KIND_NAMES = {
    BOOK: _("出版著作、讲话单行本"),
    CONGRATULATION: _("发贺信、贺电"),
    INSCRIPTION: _("题词、题字、作序"),
    SPEECH: _("代表州人民政府发表讲话或文章"),
    SIGNED_ARTICLE: _("个人发表署名文章"),
    FOREIGN_MEETING: _("会见外宾"),
    DELEGATION: _("因公出国（境）团组"),
}


def provision_of(kind: str) -> str:
    return PROVISION.get(kind, PUBLICATIONS)


# -- approvers -------------------------------------------------------------------------------------

GOVERNOR, GOVERNOR_OR_EXECUTIVE, PARTY_COMMITTEE = "governor", "governor_or_executive", "party_committee"
APPROVERS = {
    GOVERNOR: _("州长"),
    GOVERNOR_OR_EXECUTIVE: _("州长或常务副州长"),
    PARTY_COMMITTEE: _("州党委"),
}


def approver_key(kind: str, important: bool = False) -> str:
    """The parameter that names who approves a request of ``kind``."""
    if kind == FOREIGN_MEETING and important:
        return "approvals.approver.foreign_meeting_important"
    return f"approvals.approver.{kind}"


def approver_of(kind: str, rb: RulebookView, important: bool = False) -> tuple[str, Decision]:
    """Who approves a request of ``kind`` under ``rb``: the approver code and the decision that
    says so, citing the parameter's article.  A value the system does not know is refused."""
    key = approver_key(kind, important)
    value = str(rb.param(key).value)
    citation = rb.param_citation(key)
    if value not in APPROVERS:
        return value, Decision.refuse(
            "approvals.unknown_approver",
            _(
                "工作规则参数“{key}”的取值“{value}”不是可识别的审批机关（应为 governor、"
                "governor_or_executive 或 party_committee），请系统管理员更正。",
                key=key,
                value=value,
            ),
            citation,
        )
    return value, Decision.allow(
        "approvals.approver",
        _("{kind}由{approver}审批。", kind=KIND_NAMES.get(kind, kind), approver=APPROVERS[value]),
        citation,
        approver=value,
    )


# -- who may do what -------------------------------------------------------------------------------

#: The members of the government who may ask to publish (art. 57): its leaders and the heads of
#: its departments (and their deputies, who speak for them).
MEMBER_KINDS = GOVERNMENT_LEADERS | {
    PositionKind.DEPUTY_SECRETARY_GENERAL,
    PositionKind.OFFICE_DIRECTOR,
    PositionKind.UNIT_HEAD,
    PositionKind.UNIT_DEPUTY,
}
OFFICE_LEADERS = frozenset(
    {PositionKind.SECRETARY_GENERAL, PositionKind.DEPUTY_SECRETARY_GENERAL, PositionKind.OFFICE_DIRECTOR}
)


def _staff(positions: Sequence[PositionFact], unit_ids: Collection[int]) -> bool:
    return any(p.unit_id in unit_ids and p.kind != PositionKind.ADMINISTRATOR for p in positions)


def may_request(kind: str, positions: Sequence[PositionFact], unit_id: int, rb: RulebookView) -> Decision:
    """Who asks: for a publication (art. 57), a member of the government for themselves; for a
    foreign meeting or a delegation (arts. 59, 60), the staff of the unit that asks."""
    citation = rb.cite(provision_of(kind))
    if kind not in KINDS:
        return Decision.refuse("approvals.kind", _("没有这类报批事项。"), citation)
    if kind in PUBLICATION_KINDS:
        if any(p.kind in MEMBER_KINDS for p in positions):
            return Decision.allow("approvals.member", _("政府组成人员本人报批。"), citation)
        return Decision.refuse(
            "approvals.not_member",
            _("出版、题词、讲话和署名文章的报批由政府领导同志和政府组成人员本人提出。"),
            citation,
        )
    if _staff(positions, {unit_id}):
        return Decision.allow("approvals.unit", _("本单位提出申请。"), citation)
    return Decision.refuse("approvals.not_unit", _("申请由本单位工作人员提出，您不是该单位的工作人员。"), citation)


def may_review(
    kind: str, positions: Sequence[PositionFact], foreign_affairs_ids: Collection[int], rb: RulebookView
) -> Decision:
    """The 外事办 reviews foreign meetings and delegations and proposes the arrangements (arts. 59, 60)."""
    citation = rb.cite(provision_of(kind))
    if kind not in REVIEWED_KINDS:
        return Decision.refuse(
            "approvals.not_reviewed", _("{kind}不经外事办审核。", kind=KIND_NAMES.get(kind, kind)), citation
        )
    if _staff(positions, foreign_affairs_ids):
        return Decision.allow("approvals.foreign_affairs", _("外事办审核并提出安排意见。"), citation)
    return Decision.refuse(
        "approvals.not_foreign_affairs", _("外事事项由外事办审核并提出安排意见，您无权审核。"), citation
    )


@dataclass(frozen=True)
class Holders:
    """The person ids holding the approving posts on the day: the 州长's authority (the 州长, or
    the 常务副州长 presiding on entrustment) and the 常务副州长."""

    governor: int | None
    executive: int | None


def may_decide(kind: str, approver: str, actor_person_id: int | None, holders: Holders, rb: RulebookView) -> Decision:
    """The approver the rulebook names decides; a request that goes to the 州党委 is referred,
    not decided here."""
    citation = rb.cite(provision_of(kind))
    if approver == PARTY_COMMITTEE:
        return Decision.refuse(
            "approvals.party_committee",
            _("{kind}按规定报州党委审批，由办公室报送并记录审批结果。", kind=KIND_NAMES.get(kind, kind)),
            citation,
        )
    allowed = {holders.governor}
    if approver == GOVERNOR_OR_EXECUTIVE:
        allowed.add(holders.executive)
    if actor_person_id is not None and actor_person_id in allowed:
        return Decision.allow(
            "approvals.approver", _("{approver}审批。", approver=APPROVERS.get(approver, approver)), citation
        )
    return Decision.refuse(
        "approvals.not_approver",
        _(
            "{kind}由{approver}审批，您无权审批。",
            kind=KIND_NAMES.get(kind, kind),
            approver=APPROVERS.get(approver, approver),
        ),
        citation,
    )


def may_refer(
    kind: str, approver: str, positions: Sequence[PositionFact], office_id: int | None, rb: RulebookView
) -> Decision:
    """The office reports a special case to the 州党委 for approval (art. 57)."""
    citation = rb.cite(provision_of(kind))
    if kind == FOREIGN_MEETING:
        return Decision.refuse(
            "approvals.referred_by_decision",
            _("重要来宾的会见经州长或常务副州长同意后即报州党委审批，不另行报送。"),
            rb.cite(IMPORTANT_GUESTS),
        )
    if approver != PARTY_COMMITTEE:
        return Decision.refuse(
            "approvals.not_party_committee",
            _(
                "{kind}由{approver}审批，不报州党委。",
                kind=KIND_NAMES.get(kind, kind),
                approver=APPROVERS.get(approver, approver),
            ),
            citation,
        )
    if office_id is not None and _staff(positions, {office_id}):
        return Decision.allow("approvals.office_refers", _("政府办公室报州党委审批。"), citation)
    return Decision.refuse("approvals.not_office", _("报州党委审批由政府办公室办理，您无权办理。"), citation)


def may_record_answer(
    kind: str,
    positions: Sequence[PositionFact],
    office_id: int | None,
    foreign_affairs_ids: Collection[int],
    rb: RulebookView,
) -> Decision:
    """The 州党委's answer is recorded by the office, or for a foreign guest by the 外事办."""
    provision = IMPORTANT_GUESTS if kind == FOREIGN_MEETING else provision_of(kind)
    citation = rb.cite(provision)
    units = {office_id} if office_id is not None else set()
    if kind == FOREIGN_MEETING:
        units |= set(foreign_affairs_ids)
    if _staff(positions, units):
        return Decision.allow("approvals.records_answer", _("记录州党委的审批结果。"), citation)
    return Decision.refuse(
        "approvals.not_recorder",
        _("州党委的审批结果由政府办公室（外宾会见由外事办）记录，您无权记录。"),
        citation,
    )


def may_act_for_unit(
    positions: Sequence[PositionFact],
    unit_id: int,
    author_person_id: int | None,
    actor_person_id: int | None,
    rb: RulebookView,
    provision: str,
) -> Decision:
    """What follows an approval (the publication, the return and the report) is recorded by the
    person who asked or by the staff of their unit."""
    citation = rb.cite(provision)
    if (author_person_id is not None and actor_person_id == author_person_id) or _staff(positions, {unit_id}):
        return Decision.allow("approvals.own", _("本人或本单位记录。"), citation)
    return Decision.refuse("approvals.not_own", _("由报批人本人或其所在单位记录，您无权记录。"), citation)


def check_kind(kind: str, kinds: Collection[str], what: str, rb: RulebookView, provision: str) -> Decision:
    citation = rb.cite(provision)
    if kind in kinds:
        return Decision.allow("approvals.kind", _("可以{what}。", what=what), citation)
    return Decision.refuse(
        "approvals.wrong_kind", _("{kind}不适用“{what}”。", kind=KIND_NAMES.get(kind, kind), what=what), citation
    )


# -- in advance ------------------------------------------------------------------------------------


def check_in_advance(kind: str, planned_on: dt.date | None, today: dt.date, rb: RulebookView) -> Decision:
    """A meeting or a departure is approved before it happens: after its day the approval can no
    longer be given in advance (arts. 59, 60)."""
    citation = rb.cite(provision_of(kind))
    if planned_on is not None and planned_on < today:
        return Decision.refuse(
            "approvals.too_late",
            _("拟定日期{day}已过，事项须事先报批，不能事后批准。", day=planned_on.isoformat()),
            citation,
        )
    return Decision.allow("approvals.in_advance", _("事先报批。"), citation)


def check_publication(approved_on: dt.date | None, published_on: dt.date, rb: RulebookView) -> Decision:
    """Nothing is published before it is approved (art. 57)."""
    citation = rb.cite(PRIOR_APPROVAL)
    if approved_on is None:
        return Decision.refuse("approvals.not_approved", _("未经批准，不得发表、出版或题词。"), citation)
    if published_on < approved_on:
        return Decision.refuse(
            "approvals.published_before_approval",
            _(
                "发表日期{published}早于批准日期{approved}：须事先经批准方可发表。",
                published=published_on.isoformat(),
                approved=approved_on.isoformat(),
            ),
            citation,
        )
    return Decision.allow("approvals.published", _("经批准后发表。"), citation)


# -- the report after the return (art. 59) ---------------------------------------------------------


def report_due(returned_on: dt.date, rb: RulebookView, cal: WorkCalendar) -> dt.date:
    """The report is due ``approvals.delegation_report_days`` working days after the return."""
    return cal.add_working_days(returned_on, rb.param("approvals.delegation_report_days").as_int)


def check_return(departed_on: dt.date | None, returned_on: dt.date, today: dt.date, rb: RulebookView) -> Decision:
    citation = rb.cite(DELEGATION_REPORT)
    if returned_on > today:
        return Decision.refuse("approvals.return_future", _("回国（境）日期不能晚于今天。"), citation)
    if departed_on is not None and returned_on < departed_on:
        return Decision.refuse("approvals.return_before_departure", _("回国（境）日期不能早于出发日期。"), citation)
    return Decision.allow("approvals.returned", _("记录回国（境）。"), citation)


def report_timing(due: dt.date | None, reported_on: dt.date, rb: RulebookView) -> Decision:
    """A late report is accepted and marked late."""
    citation = rb.cite(DELEGATION_REPORT)
    if due is not None and reported_on > due:
        return Decision.allow(
            "approvals.report_late", _("出访报告逾期报送（期限{due}）。", due=due.isoformat()), citation, late=True
        )
    return Decision.allow("approvals.report_on_time", _("按期报送出访报告。"), citation, late=False)


# -- the steps of a request ------------------------------------------------------------------------

SUBMITTED, REVIEWED, REFERRED = "submitted", "reviewed", "referred"
APPROVED, REFUSED, PUBLISHED, RETURNED, REPORTED = "approved", "refused", "published", "returned", "reported"

REVIEW = Step.of("approvals.review", _("审核并提出安排意见"), [SUBMITTED], FOREIGN_GUESTS, when=_("报送后、审批前"))
DECIDE = Step.of("approvals.decide", _("审批"), [SUBMITTED], SPEECHES, when=_("报送后"))
DECIDE_REVIEWED = Step.of("approvals.decide", _("审批"), [REVIEWED], FOREIGN_GUESTS, when=_("外事办审核后"))
REFER = Step.of("approvals.refer", _("报州党委审批"), [SUBMITTED], PUBLICATIONS, when=_("报送后"))
ANSWER = Step.of("approvals.answer", _("记录州党委审批结果"), [REFERRED], IMPORTANT_GUESTS, when=_("报州党委后"))
PUBLISH = Step.of("approvals.publish", _("记录发表"), [APPROVED], PRIOR_APPROVAL, when=_("经批准后"))
RETURN = Step.of("approvals.return", _("记录回国（境）"), [APPROVED], DELEGATION_REPORT, when=_("批准出访后"))
REPORT = Step.of("approvals.report", _("报送出访报告"), [RETURNED], DELEGATION_REPORT, when=_("回国（境）后"))


def decide_step(kind: str) -> Step:
    return DECIDE_REVIEWED if kind in REVIEWED_KINDS else DECIDE


def after_approval(kind: str, important: bool, approve: bool) -> str:
    """The state a decision leads to: an important guest approved by the 州长 or 常务副州长 is
    referred to the 州党委 (art. 60)."""
    if not approve:
        return REFUSED
    if kind == FOREIGN_MEETING and important:
        return REFERRED
    return APPROVED
