"""Rules of 建议提案 (art. 31): pure functions over plain facts.

- The office (its 督查 clerks and leadership) registers and assigns suggestions and proposals,
  extends their limits and records the proposer's satisfaction.
- The answer is due ``suggestions.answer_months`` (3) calendar months after assignment; it may be
  extended, with a recorded reason, to at most ``suggestions.max_months`` (6) after assignment
  (《代表法》art. 51).  A period ending on a rest day ends on the next working day.
- Co-units send their opinions to the lead unit ``suggestions.co_unit_days_before`` (30) days
  before the lead unit's limit — on the working day on or before that day — so the lead unit can
  draw them into its answer (art. 31: handled within set time limits).
- An unsatisfied proposer's suggestion is handled again within ``suggestions.rehandle_months``.
- The answer is published (art. 31) unless it may not be disclosed on one of the grounds of
  《政府信息公开条例》arts. 14–16.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from zhengwu.cases.limits import working_day_on_or_before
from zhengwu.core.decisions import Decision
from zhengwu.core.i18n import _
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.core.transitions import Step
from zhengwu.org.rules import ADMINISTRATORS, PositionFact
from zhengwu.workdays.arith import WorkCalendar

HANDLING = "suggestions.handling"
TIME_LIMIT = "suggestions.time_limit"
CO_UNITS = "suggestions.co_units"
ANSWER = "suggestions.answer"
PUBLICATION = "suggestions.publication"

OFFICE_LEADERS = frozenset({"secretary_general", "deputy_secretary_general", "office_director"})
SUPERVISION_DUTY = "督查"

# 《政府信息公开条例》arts. 14–16: what may not be disclosed
WITHHOLD_GROUNDS = {
    "state_secret": "依法确定为国家秘密（《政府信息公开条例》第十四条）",
    "security": "公开后可能危及国家安全、公共安全、经济安全、社会稳定（《政府信息公开条例》第十四条）",
    "commercial_secret": "涉及商业秘密，公开会对第三方合法权益造成损害（《政府信息公开条例》第十五条）",
    "privacy": "涉及个人隐私，公开会对第三方合法权益造成损害（《政府信息公开条例》第十五条）",
    "internal": "内部事务信息（《政府信息公开条例》第十六条）",
    "process": "过程性信息（《政府信息公开条例》第十六条）",
}

SATISFACTIONS = ("satisfied", "basically", "unsatisfied")


def is_office_supervisor(positions: Sequence[PositionFact], duties: Collection[str], office_id: int | None) -> bool:
    if office_id is None:
        return False
    if any(p.unit_id == office_id and p.kind in OFFICE_LEADERS for p in positions):
        return True
    return any(SUPERVISION_DUTY in d for d in duties) and any(
        p.unit_id == office_id and p.kind == "clerk" for p in positions
    )


def may_manage(
    positions: Sequence[PositionFact], duties: Collection[str], office_id: int | None, what: str, rb: RulebookView
) -> Decision:
    """Registering, assigning, extending, recording satisfaction: the office's 督查 clerks and leadership."""
    citation = rb.cite(HANDLING)
    if is_office_supervisor(positions, duties, office_id):
        return Decision.allow("suggestions.office", _("政府办公室督查部门{what}。", what=what), citation)
    return Decision.refuse(
        "suggestions.not_office",
        _("建议提案由政府办公室督查部门统一{what}，您无权办理。", what=what),
        citation,
    )


def _staff(positions: Sequence[PositionFact], unit_id: int | None) -> bool:
    return unit_id is not None and any(p.unit_id == unit_id and p.kind not in ADMINISTRATORS for p in positions)


def may_answer(
    positions: Sequence[PositionFact], lead_unit_id: int | None, lead_name: str, rb: RulebookView
) -> Decision:
    citation = rb.cite(ANSWER)
    if _staff(positions, lead_unit_id):
        return Decision.allow(
            "suggestions.lead_unit", _("{lead_name}作为主办单位起草答复。", lead_name=lead_name), citation
        )
    return Decision.refuse(
        "suggestions.not_lead_unit",
        _("答复由主办单位{lead_name}办理，您无权起草答复。", lead_name=lead_name),
        citation,
    )


def may_give_opinion(positions: Sequence[PositionFact], unit_id: int, unit_name: str, rb: RulebookView) -> Decision:
    citation = rb.cite(CO_UNITS)
    if _staff(positions, unit_id):
        return Decision.allow(
            "suggestions.co_unit", _("{unit_name}向主办单位提出协办意见。", unit_name=unit_name), citation
        )
    return Decision.refuse(
        "suggestions.not_co_unit",
        _("协办意见由{unit_name}提出，您无权代为提出。", unit_name=unit_name),
        citation,
    )


def check_assignment(lead_unit_id: int, co_unit_ids: Collection[int], rb: RulebookView) -> Decision:
    citation = rb.cite(HANDLING)
    if lead_unit_id in co_unit_ids:
        return Decision.refuse(
            "suggestions.lead_in_co",
            _("主办单位不能同时作为协办单位。"),
            citation,
        )
    return Decision.allow("suggestions.assignment", _("交办主办、协办单位。"), citation)


# -- the steps of a suggestion (art. 31) -----------------------------------------------------------

REGISTERED_STATE, HANDLING_STATE = "registered", "handling"

ASSIGN = Step.of("suggestions.assign", _("交办"), [REGISTERED_STATE], HANDLING)
EXTEND = Step.of("suggestions.extend", _("延期"), [HANDLING_STATE], HANDLING)
CO_OPINION = Step.of("suggestions.co_opinion", _("提出协办意见"), [HANDLING_STATE], HANDLING)
DRAFT_ANSWER = Step.of("suggestions.draft_answer", _("起草答复"), [HANDLING_STATE], HANDLING)
SATISFACTION = Step.of("suggestions.satisfaction", _("记录满意度"), [HANDLING_STATE], HANDLING)


def check_co_unit(is_co_unit: bool, unit_label: str, already_sent: bool, rb: RulebookView) -> Decision:
    """A co-unit of the current round sends its opinion to the lead unit, once (art. 31)."""
    citation = rb.cite(CO_UNITS)
    if not is_co_unit:
        return Decision.refuse(
            "suggestions.not_co_unit", _("{unit_label}不是本件的协办单位。", unit_label=unit_label), citation
        )
    if already_sent:
        return Decision.refuse("suggestions.opinion_sent", _("协办意见已送主办单位。"), citation)
    return Decision.allow("suggestions.co_unit", _("{unit_label}提出协办意见。", unit_label=unit_label), citation)


def check_publication_open(decided: bool, rb: RulebookView) -> Decision:
    """Whether a round's answer is published is decided once (art. 31)."""
    citation = rb.cite(PUBLICATION)
    if decided:
        return Decision.refuse("suggestions.publication_decided", _("本轮答复已作出公开决定。"), citation)
    return Decision.allow("suggestions.publication_open", _("决定办理结果是否公开。"), citation)


# -- time limits ---------------------------------------------------------------------------------


def answer_due(assigned_on: dt.date, rb: RulebookView, cal: WorkCalendar) -> dt.date:
    """3 calendar months after assignment (《代表法》art. 51), ending on a working day."""
    return cal.add_months(assigned_on, rb.param("suggestions.answer_months").as_int)


def latest_due(assigned_on: dt.date, rb: RulebookView, cal: WorkCalendar) -> dt.date:
    return cal.add_months(assigned_on, rb.param("suggestions.max_months").as_int)


def co_unit_due(lead_due: dt.date, assigned_on: dt.date, rb: RulebookView, cal: WorkCalendar) -> dt.date:
    """Co-units' opinions reach the lead unit ``co_unit_days_before`` days before its own limit, on
    the working day on or before (never before assignment)."""
    day = lead_due - dt.timedelta(days=rb.param("suggestions.co_unit_days_before").as_int)
    return max(working_day_on_or_before(day, cal), cal.next_working_day(assigned_on, inclusive=False))


def rehandle_due(recorded_on: dt.date, rb: RulebookView, cal: WorkCalendar) -> dt.date:
    return cal.add_months(recorded_on, rb.param("suggestions.rehandle_months").as_int)


def check_extension(
    assigned_on: dt.date, current_due: dt.date, new_due: dt.date, reason: str, rb: RulebookView, cal: WorkCalendar
) -> Decision:
    """An extension names its reason and ends at most 6 months after assignment."""
    citation = rb.param_citation("suggestions.max_months")
    latest = latest_due(assigned_on, rb, cal)
    months = rb.param("suggestions.max_months").as_int
    if not reason.strip():
        return Decision.refuse("suggestions.extension_reason", _("延期办理应当说明理由。"), citation)
    if new_due <= current_due:
        return Decision.refuse(
            "suggestions.extension_not_later",
            _("新的办复期限应晚于现有期限{current_due:%Y-%m-%d}。", current_due=current_due),
            citation,
        )
    if new_due > latest:
        return Decision.refuse(
            "suggestions.extension_too_long",
            _("建议提案最迟应当自交办之日起{months}个月内办复（{latest:%Y-%m-%d}）。", months=months, latest=latest),
            citation,
        )
    return Decision.allow(
        "suggestions.extension",
        _("延期至{new_due:%Y-%m-%d}办复：{strip}", new_due=new_due, strip=reason.strip()),
        citation,
    )


# -- answer, satisfaction, publication -----------------------------------------------------------


def check_answered(answered: bool, rb: RulebookView, what: str) -> Decision:
    citation = rb.cite(ANSWER)
    if answered:
        return Decision.allow("suggestions.answered", _("答复函已印发。"), citation)
    return Decision.refuse(
        "suggestions.not_answered",
        _("答复函印发后才能{what}。", what=what),
        citation,
    )


def check_draftable(has_answer: bool, answered: bool, rb: RulebookView) -> Decision:
    citation = rb.cite(ANSWER)
    if has_answer:
        what = "已印发" if answered else "正在办理"
        return Decision.refuse(
            "suggestions.answer_exists",
            _("本轮答复函{what}，不能再起草。", what=what),
            citation,
        )
    signing = rb.find("signing.authority")
    by = signing.short_label if signing is not None else "签发权限"
    return Decision.allow("suggestions.draft_answer", _("以函答复代表委员，按{by}签发。", by=by), citation)


def check_satisfaction(value: str, rb: RulebookView) -> Decision:
    citation = rb.cite(ANSWER)
    if value in SATISFACTIONS:
        if value == "unsatisfied":
            return Decision.allow("suggestions.rehandle", _("代表委员对答复不满意，重新办理并再次答复。"), citation)
        return Decision.allow("suggestions.closed", _("代表委员对答复满意或基本满意，办结。"), citation)
    return Decision.refuse("suggestions.bad_satisfaction", _("满意度应为满意、基本满意或不满意。"), citation)


def disclosure(withhold_ground: str, rb: RulebookView) -> Decision:
    """Published (art. 31: results made public) unless one of the grounds of arts. 14–16 of
    《政府信息公开条例》 applies; ``facts["publish"]`` says which."""
    citation = rb.cite(PUBLICATION)
    if not withhold_ground:
        return Decision.allow("suggestions.publish", _("办理结果依法公开。"), citation, publish=True)
    ground = WITHHOLD_GROUNDS.get(withhold_ground)
    if ground is None:
        return Decision.refuse(
            "suggestions.bad_ground",
            _("无法识别的不予公开理由“{withhold_ground}”。", withhold_ground=withhold_ground),
            citation,
        )
    return Decision.allow("suggestions.withhold", _("不予公开：{ground}。", ground=ground), citation, publish=False)
