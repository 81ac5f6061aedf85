"""Rules of 信访 (art. 35; 《信访工作条例》arts. 22–23, 34–36): pure functions over plain facts.

Time limits are counted in calendar days from the day after the event, ending on a working day
(:meth:`WorkCalendar.add_days`): acceptance decided and told within 15 days of receipt, handling
concluded within 60 days of acceptance (extendable once by up to 30 with a government leader's
approval, the reason told), 复查 and 复核 within 30 days each of the request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from zhengwu.core.decisions import Decision
from zhengwu.core.i18n import _
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.core.transitions import Step
from zhengwu.org.rules import ADMINISTRATORS, PositionFact, PositionKind
from zhengwu.workdays.arith import WorkCalendar

HANDLING = "petitions.handling"
TIME_LIMITS = "petitions.time_limits"
IMPORTANT = "petitions.important"
PERSONAL_DATA = "petitions.personal_data"
NOT_TO_ACCUSED = "petitions.not_to_accused"

# who may approve an extension and receive important letters: the 州长 and the 副州长
LEADER_KINDS = frozenset({PositionKind.GOVERNOR, PositionKind.EXECUTIVE_VICE_GOVERNOR, PositionKind.VICE_GOVERNOR})

REGISTERED, NOT_ACCEPTED, HANDLING_STATE, CONCLUDED = "registered", "not_accepted", "handling", "concluded"
REVIEWING, REVIEWED, REREVIEWING, FINAL = "reviewing", "reviewed", "rereviewing", "final"
REVIEW, REREVIEW = "review", "rereview"


@dataclass(frozen=True)
class CaseAccess:
    """Who handles one petition: the petitions bureau's units, the assigned handling unit, the
    leader it was routed to."""

    petitions_unit_ids: frozenset[int]
    handling_unit_id: int | None = None
    leader_person_id: int | None = None
    accused_unit_id: int | None = None
    #: the people leading the accused unit in their 分管 (art. 7): its chain for the matter
    accused_chain: frozenset[int] = frozenset()

    def accused(self, positions: Sequence[PositionFact], person_id: int | None) -> bool:
        """Whether this person is the accused unit's staff or in its 分管 chain (《信访工作条例》)."""
        if self.accused_unit_id is not None and _staff_of(positions, {self.accused_unit_id}):
            return True
        return person_id is not None and person_id in self.accused_chain


def _staff_of(positions: Sequence[PositionFact], unit_ids: Collection[int]) -> bool:
    return any(p.unit_id in unit_ids and p.kind not in ADMINISTRATORS for p in positions)


def may_register(positions: Sequence[PositionFact], petitions_unit_ids: Collection[int], rb: RulebookView) -> Decision:
    """Letters and visits are registered, accepted and reviewed by the petitions bureau's staff."""
    citation = rb.cite(HANDLING)
    if not petitions_unit_ids:
        return Decision.refuse(
            "petitions.no_bureau",
            _("组织机构中尚未指定承担信访工作职能（petitions）的单位。"),
            citation,
        )
    if _staff_of(positions, petitions_unit_ids):
        return Decision.allow("petitions.bureau_staff", _("信访工作机构登记、受理信访事项。"), citation)
    return Decision.refuse(
        "petitions.not_bureau_staff",
        _("信访事项由信访工作机构的工作人员登记、受理和转办，您无权办理。"),
        citation,
    )


def is_handler(positions: Sequence[PositionFact], person_id: int | None, access: CaseAccess) -> bool:
    if access.accused(positions, person_id):
        return False
    if _staff_of(positions, access.petitions_unit_ids):
        return True
    if access.handling_unit_id is not None and _staff_of(positions, {access.handling_unit_id}):
        return True
    return person_id is not None and person_id == access.leader_person_id


def may_see_personal_data(
    positions: Sequence[PositionFact], person_id: int | None, access: CaseAccess, rb: RulebookView
) -> Decision:
    """The petitioner's name, ID number, phone and address: only those handling the case (the
    petitions bureau, the handling unit, the leader it was routed to), never the unit or person it
    accuses nor their 分管 chain, nor a system administrator (《信访工作条例》: the petitioner's
    identity is kept confidential)."""
    citation = rb.cite(PERSONAL_DATA)
    if is_handler(positions, person_id, access):
        return Decision.allow("petitions.data_handler", _("经办人员查看信访人信息（已记录）。"), citation)
    return Decision.refuse(
        "petitions.data_hidden",
        _("信访人的个人信息仅限经办人员查看，您不是本件的经办人员。"),
        citation,
    )


def may_handle(
    positions: Sequence[PositionFact], person_id: int | None, access: CaseAccess, rb: RulebookView
) -> Decision:
    """Concluding a case and recording its result: the petitions bureau or the handling unit."""
    citation = rb.cite(HANDLING)
    if access.accused(positions, person_id):
        return Decision.refuse(
            "petitions.accused_handles",
            _("信访事项不得交由其反映、检举或控告的单位及其分管领导办理（《信访工作条例》）。"),
            rb.cite(NOT_TO_ACCUSED),
        )
    if _staff_of(positions, access.petitions_unit_ids) or (
        access.handling_unit_id is not None and _staff_of(positions, {access.handling_unit_id})
    ):
        return Decision.allow("petitions.handler", _("经办单位办理信访事项。"), citation)
    return Decision.refuse(
        "petitions.not_handler",
        _("信访事项由信访工作机构或承办单位办理，您无权办理本件。"),
        citation,
    )


def may_route_to_unit(unit_id: int, unit_name: str, accused_unit_id: int | None, rb: RulebookView) -> Decision:
    """A petition is never passed to the unit it reports on (《信访工作条例》: 不得将信访人的检举、揭发材料
    及有关情况透露或者转给被检举、揭发的人员或者单位)."""
    citation = rb.cite(NOT_TO_ACCUSED)
    if accused_unit_id is not None and unit_id == accused_unit_id:
        return Decision.refuse(
            "petitions.to_accused_unit",
            _(
                "本件反映、检举的是{unit}，不得转交{unit}办理（《信访工作条例》），请交由信访工作机构或其他有权处理的单位办理。",
                unit=unit_name,
            ),
            citation,
        )
    return Decision.allow("petitions.unit_not_accused", _("承办单位不是被反映的单位。"), citation)


def may_route_to_leader(person_id: int, name: str, accused_chain: Collection[int], rb: RulebookView) -> Decision:
    """Nor to the leader who leads the accused unit in their 分管 (art. 7)."""
    citation = rb.cite(NOT_TO_ACCUSED)
    if person_id in accused_chain:
        return Decision.refuse(
            "petitions.to_accused_chain",
            _("{name}分管本件反映的单位，本件不得呈其阅批（《信访工作条例》），请呈其他州人民政府领导。", name=name),
            citation,
        )
    return Decision.allow("petitions.leader_not_accused", _("呈阅领导不分管被反映的单位。"), citation)


# -- the steps of a petition (art. 35; 《信访工作条例》) ------------------------------------------

ROUTE_IMPORTANT = Step.of("petitions.route_important", _("呈领导阅批"), [REGISTERED, HANDLING_STATE], HANDLING)
DECIDE_ACCEPTANCE = Step.of("petitions.accept", _("决定是否受理"), [REGISTERED], HANDLING)
CONCLUDE = Step.of("petitions.conclude", _("办结"), [HANDLING_STATE], HANDLING)
REVIEW_OPINION = Step.of("petitions.review_opinion", _("出具复查（复核）意见"), [REVIEWING, REREVIEWING], HANDLING)


def check_not_instructed(instructed: bool, rb: RulebookView) -> Decision:
    """An important letter goes to a leader until the leader has instructed on it (art. 35)."""
    citation = rb.cite(IMPORTANT)
    if instructed:
        return Decision.refuse("petitions.instructed", _("本件已有领导批示，不需再呈阅。"), citation)
    return Decision.allow("petitions.not_instructed", _("呈领导阅批。"), citation)


# -- time limits ---------------------------------------------------------------------------------


def accept_due(received_on: dt.date, rb: RulebookView, cal: WorkCalendar) -> dt.date:
    """决定是否受理并告知信访人 within 15 days of receipt (《信访工作条例》arts. 22–23)."""
    return cal.add_days(received_on, rb.param("petitions.accept_days").as_int)


def handle_due(accepted_on: dt.date, rb: RulebookView, cal: WorkCalendar) -> dt.date:
    """办结 within 60 days of acceptance (《信访工作条例》art. 34)."""
    return cal.add_days(accepted_on, rb.param("petitions.handle_days").as_int)


def review_due(stage: str, requested_on: dt.date, rb: RulebookView, cal: WorkCalendar) -> dt.date:
    key = "petitions.review_days" if stage == REVIEW else "petitions.rereview_days"
    return cal.add_days(requested_on, rb.param(key).as_int)


def may_extend(
    positions: Sequence[PositionFact], state: str, already_extended: int, days: int, rb: RulebookView
) -> Decision:
    """An extension of up to 30 days, once, approved by a government leader (art. 35;
    《信访工作条例》art. 34)."""
    citation = rb.param_citation("petitions.extend_max_days")
    limit = rb.param("petitions.extend_max_days").as_int
    if not any(p.kind in LEADER_KINDS for p in positions):
        return Decision.refuse(
            "petitions.extension_not_leader",
            _("延长信访事项办理期限须经州人民政府领导批准，您无权批准。"),
            citation,
        )
    if state != HANDLING_STATE:
        return Decision.refuse(
            "petitions.extension_wrong_state",
            _("只有办理中的信访事项才能延期。"),
            citation,
        )
    if already_extended:
        return Decision.refuse(
            "petitions.extension_once",
            _("本件已延期{already_extended}日，不能再次延期。", already_extended=already_extended),
            citation,
        )
    if not 1 <= days <= limit:
        return Decision.refuse(
            "petitions.extension_too_long",
            _("延长期限不得超过{limit}日。", limit=limit),
            citation,
        )
    return Decision.allow(
        "petitions.extension", _("批准延长办理期限{days}日，并将延期理由告知信访人。", days=days), citation
    )


def may_request_review(
    stage: str, state: str, answered_on: dt.date | None, requested_on: dt.date, rb: RulebookView, cal: WorkCalendar
) -> Decision:
    """复查 after the handling opinion, 复核 after the 复查 opinion, each asked within 30 days of
    receiving the written answer (《信访工作条例》arts. 35–36)."""
    citation = rb.param_citation("petitions.review_request_days")
    needed = CONCLUDED if stage == REVIEW else REVIEWED
    name = "复查" if stage == REVIEW else "复核"
    if state != needed or answered_on is None:
        before = "处理意见" if stage == REVIEW else "复查意见"
        return Decision.refuse(
            "petitions.review_wrong_state",
            _("出具{before}后，信访人不服的才能请求{name}。", before=before, name=name),
            citation,
        )
    request_days = rb.param("petitions.review_request_days").as_int
    last = cal.add_days(answered_on, request_days)
    if requested_on < answered_on:
        return Decision.refuse(
            "petitions.review_before_answer",
            _("请求{name}的日期不能早于收到答复的日期。", name=name),
            citation,
        )
    if requested_on > last:
        return Decision.refuse(
            "petitions.review_late",
            _(
                ("请求{name}应当自收到书面答复之日起{request_days}日内提出（最迟{last:%Y-%m-%d}）。"),
                name=name,
                request_days=request_days,
                last=last,
            ),
            citation,
        )
    days = rb.param("petitions.review_days" if stage == REVIEW else "petitions.rereview_days").as_int
    return Decision.allow(
        "petitions.review",
        _("受理{name}请求，{name}机关应当自收到请求之日起{days}日内提出意见。", name=name, days=days),
        citation,
    )


# -- important letters (art. 35) -----------------------------------------------------------------


def check_leader(leader_positions: Sequence[PositionFact], rb: RulebookView) -> Decision:
    citation = rb.cite(IMPORTANT)
    if any(p.kind in LEADER_KINDS for p in leader_positions):
        return Decision.allow("petitions.leader", _("重要来信呈州人民政府领导阅批。"), citation)
    return Decision.refuse(
        "petitions.not_leader",
        _("重要来信应当呈州长或副州长阅批。"),
        citation,
    )


def may_read(person_id: int | None, leader_person_id: int | None, rb: RulebookView) -> Decision:
    citation = rb.cite(IMPORTANT)
    if leader_person_id is not None and person_id == leader_person_id:
        return Decision.allow("petitions.leader_reads", _("领导亲自阅处重要来信。"), citation)
    return Decision.refuse("petitions.not_routed_leader", _("本件重要来信未呈您阅批。"), citation)


def may_instruct(
    person_id: int | None, leader_person_id: int | None, read: bool, instructed: bool, rb: RulebookView
) -> Decision:
    """Only the leader it was routed to writes the 批示, once, after reading the letter."""
    citation = rb.cite(IMPORTANT)
    decision = may_read(person_id, leader_person_id, rb)
    if not decision.allowed:
        return decision
    if instructed:
        return Decision.refuse("petitions.already_instructed", _("本件已有批示。"), citation)
    if not read:
        return Decision.refuse(
            "petitions.not_read",
            _("请先阅读来信全文，再作批示。"),
            citation,
        )
    return Decision.allow("petitions.instruct", _("领导批示重要来信，按批示督办。"), citation)


def may_conclude(important: bool, instructed: bool, rb: RulebookView) -> Decision:
    """An important letter stays open until the leader has written an instruction (art. 35)."""
    citation = rb.cite(IMPORTANT)
    if important and not instructed:
        return Decision.refuse(
            "petitions.awaiting_instruction",
            _("重要来信须经领导阅批后方可办结，尚待领导批示。"),
            citation,
        )
    return Decision.allow("petitions.may_conclude", _("可以办结。"), citation)


# -- masking -------------------------------------------------------------------------------------


# Masks never show a whole field: a field too short to keep a part hidden is shown as stars only.


def mask_name(name: str) -> str:
    name = name.strip()
    if len(name) < 2:
        return "*" * len(name)
    return name[0] + "*" * min(len(name) - 1, 3)


def mask_id_number(number: str) -> str:
    number = number.strip()
    if len(number) <= 12:
        return "*" * len(number)
    return number[:2] + "*" * (len(number) - 6) + number[-4:]


def mask_phone(phone: str) -> str:
    phone = phone.strip()
    if len(phone) < 11:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def mask_address(address: str) -> str:
    """The first characters (at most six, at most half of the address), then ``****``."""
    address = address.strip()
    if not address:
        return ""
    return address[: min(6, len(address) // 2)] + "****"
