"""Rules of 复议、诉讼、审计 (arts. 32, 33): pure functions over plain facts.

- 行政复议 (art. 33): the respondent answers within ``oversight.reconsideration_answer_days``
  (10) days of receiving the copy of the application (《行政复议法》(2023) art. 48); the
  reconsideration organ decides within ``oversight.reconsideration_decision_days`` (60) days
  of accepting it (art. 62).
- 行政诉讼 (art. 32: respond to suits): the defendant files its defence within
  ``oversight.suit_defence_days`` (15) days of service (《行政诉讼法》art. 67).
- 审计、检查发现的问题 (art. 32: rectify and report): the rectification deadline is set by the
  finding; the rectification is followed as a supervision item.

Periods are calendar days from the day after the event, ending on a working day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from zhengwu.core.decisions import Decision
from zhengwu.core.i18n import _
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.core.transitions import Step
from zhengwu.org.rules import ADMINISTRATORS, PositionFact
from zhengwu.workdays.arith import WorkCalendar

FINDINGS = "oversight.findings"
SUITS = "oversight.suits"
RECONSIDERATION = "oversight.reconsideration"

RECONSIDERATION_KIND, SUIT_KIND, FINDING_KIND = "reconsideration", "suit", "finding"
PROVISION = {RECONSIDERATION_KIND: RECONSIDERATION, SUIT_KIND: SUITS, FINDING_KIND: FINDINGS}


def provision_of(kind: str) -> str:
    return PROVISION[kind]


@dataclass(frozen=True)
class Deadlines:
    answer_due: dt.date | None = None
    decision_due: dt.date | None = None


def deadlines(
    kind: str, received_on: dt.date, accepted_on: dt.date | None, rb: RulebookView, cal: WorkCalendar
) -> Deadlines:
    if kind == RECONSIDERATION_KIND:
        answer = cal.add_days(received_on, rb.param("oversight.reconsideration_answer_days").as_int)
        decision = (
            cal.add_days(accepted_on, rb.param("oversight.reconsideration_decision_days").as_int)
            if accepted_on
            else None
        )
        return Deadlines(answer, decision)
    if kind == SUIT_KIND:
        return Deadlines(cal.add_days(received_on, rb.param("oversight.suit_defence_days").as_int))
    return Deadlines()


def may_register(
    positions: Sequence[PositionFact],
    unit_id: int,
    office_id: int | None,
    legal_unit_ids: Collection[int],
    kind: str,
    rb: RulebookView,
) -> Decision:
    """The unit concerned (respondent, defendant, audited unit), the government office and the
    legal affairs unit (司法局) keep the register."""
    citation = rb.cite(provision_of(kind))
    allowed = {unit_id, *legal_unit_ids} | ({office_id} if office_id else set())
    if any(p.unit_id in allowed and p.kind not in ADMINISTRATORS for p in positions):
        return Decision.allow("oversight.keeper", _("登记并跟踪办理。"), citation)
    return Decision.refuse(
        "oversight.not_keeper",
        _("只有涉及单位、政府办公室或司法局的工作人员可以登记和办理本事项。"),
        citation,
    )


def check_rectify_due(issued_on: dt.date, rectify_due: dt.date | None, today: dt.date, rb: RulebookView) -> Decision:
    """A finding sets its rectification deadline; it lies after the finding and after today."""
    citation = rb.cite(FINDINGS)
    if rectify_due is None:
        return Decision.refuse("oversight.no_rectify_due", _("请填写审计（检查）意见确定的整改期限。"), citation)
    if rectify_due <= max(issued_on, today):
        return Decision.refuse(
            "oversight.rectify_due_past", _("整改期限应晚于今天和审计（检查）意见印发日期。"), citation
        )
    return Decision.allow(
        "oversight.rectify_due",
        _("限{rectify_due:%Y-%m-%d}前整改到位并报告整改情况。", rectify_due=rectify_due),
        citation,
    )


# -- the steps of a case (arts. 32, 33): the action passes the case's own provision ---------------

OPEN, ANSWERED, RECTIFYING = "open", "answered", "rectifying"

RECORD_ANSWER = Step.of("oversight.answer", _("记录答复（答辩）"), [OPEN], RECONSIDERATION, subject=_("本事项"))
RECORD_OUTCOME = Step.of(
    "oversight.outcome", _("结案"), [OPEN, ANSWERED, RECTIFYING], RECONSIDERATION, subject=_("本事项")
)


def check_kind(kind: str, allowed: Collection[str], what: str, rb: RulebookView) -> Decision:
    citation = rb.cite(provision_of(kind))
    if kind in allowed:
        return Decision.allow("oversight.kind_ok", _("可以{what}。", what=what), citation)
    return Decision.refuse("oversight.wrong_kind", _("此类事项不需要{what}。", what=what), citation)
