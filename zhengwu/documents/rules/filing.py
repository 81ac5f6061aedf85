"""报备 of department documents marked 「经自治州人民政府同意」 (art. 49), as pure rules.  No Django.

Art. 49's table: a department's document marked 「经自治州人民政府同意」 is signed by the 分管
leader (or, across portfolios, approved by the 州长 or 常务副州长) and **filed with the government
office within 30 days of issue** (parameter ``filing.agreed_document_days``).  The 30 days are a
calendar-day period (日, not 工作日): the day of issue is not counted, and a period ending on a
rest day ends on the next working day (民法典 arts. 201–203; ``WorkCalendar.add_days``).  The
period ends at 24:00 Beijing time of its last day.

- :func:`needs_filing`: which issued documents owe a filing;
- :func:`due_date`: the last day to file;
- :func:`reminder_at`: when the 催办 goes out (``REMINDER_DAYS`` before the due day);
- :func:`check_issued`: the period runs from the issue, so a document not yet issued owes nothing yet;
- :func:`may_file`: the issuing department's staff file (another unit's head may not);
- :func:`check_pending`: a filing is made once;
- :func:`lateness`: on time, or late (still recorded);
- :func:`overdue`: the decision the worker records at 24:00 of the due day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from zhengwu.core.decisions import Decision
from zhengwu.core.i18n import _
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.documents.rules.kinds import DocState, Flow
from zhengwu.org.rules import ADMINISTRATORS, PositionFact, UnitKind
from zhengwu.workdays.arith import BEIJING, WorkCalendar, deadline_close

PROVISION = "signing.agreed_document"
FILING_DAYS = "filing.agreed_document_days"

# The 催办 before the due day.  The Work Rules set no lead time for reminders (art. 63 asks that
# matters be handled within their time limits); three days is the office's practice.
REMINDER_DAYS = 3
REMINDER_HOUR = dt.time(9, 0)

DEPARTMENT_KINDS = frozenset({UnitKind.DEPARTMENT, UnitKind.DIRECT_UNIT})


class FilingState(StrEnum):
    """A 报备 obligation's state; ``zhengwu.documents.models.FilingState`` adds the labels."""

    PENDING = "pending"
    FILED = "filed"


@dataclass(frozen=True)
class FilingFact:
    """What the rules need to know about one obligation."""

    unit_id: int
    unit_name: str
    state: str
    due: dt.date
    filed_at: dt.datetime | None = None


def closes_at(due: dt.date) -> dt.datetime:
    """24:00 Beijing time of the due day (the first instant after the period)."""
    return deadline_close(due)


def needs_filing(flow: str, state: str, issuer_kind: str, agreed_by_government: bool) -> bool:
    """An issued department (or directly affiliated unit's) document marked 「经自治州人民政府同意」."""
    return (
        flow == Flow.OUTGOING and state == DocState.ISSUED and agreed_by_government and issuer_kind in DEPARTMENT_KINDS
    )


def due_date(issued_on: dt.date, rb: RulebookView, cal: WorkCalendar) -> Decision:
    """The last day to file: ``filing.agreed_document_days`` calendar days after the day of issue,
    rolled forward off a rest day.  The decision carries ``due`` in its facts."""
    days = rb.param(FILING_DAYS).as_int
    due = cal.add_days(issued_on, days)
    return Decision.allow(
        "filing.due",
        _(
            (
                "冠以“经自治州人民政府同意”字样的部门文件，应当自印发之日起{days}日内向州人民政府办公室报"
                "备，即{isoformat}前。"
            ),
            days=days,
            isoformat=due.isoformat(),
        ),
        rb.param_citation(FILING_DAYS),
        due=due,
        days=days,
    )


def reminder_at(due: dt.date, opens: Callable[[dt.date], dt.datetime] | None = None) -> dt.datetime:
    """The 催办: ``REMINDER_DAYS`` days before the due day, when the office opens that day
    (``opens``: the calendar's office hours; 09:00 Beijing time without it)."""
    day = due - dt.timedelta(days=REMINDER_DAYS)
    return opens(day) if opens else dt.datetime.combine(day, REMINDER_HOUR, tzinfo=BEIJING)


def may_file(actor_positions: Sequence[PositionFact], fact: FilingFact, rb: RulebookView) -> Decision:
    """The issuing department's own staff (its head, deputies, clerks) file its document."""
    citation = rb.cite(PROVISION)
    if any(p.unit_id == fact.unit_id and p.kind not in ADMINISTRATORS for p in actor_positions):
        return Decision.allow(
            "filing.unit_staff", _("由{unit_name}向州人民政府办公室报备。", unit_name=fact.unit_name), citation
        )
    return Decision.refuse(
        "filing.not_unit_staff",
        _("本件由{unit_name}报备，只能由该单位的工作人员办理。", unit_name=fact.unit_name),
        citation,
    )


def check_issued(issued: bool, rb: RulebookView) -> Decision:
    """The filing period runs from the day of issue: no obligation before the document is issued."""
    citation = rb.cite(PROVISION)
    if not issued:
        return Decision.refuse(
            "filing.not_issued",
            _("公文尚未印发，无从计算报备期限。"),
            citation,
        )
    return Decision.allow("filing.issued", _("公文已印发，报备期限自印发之日起算。"), citation)


def check_pending(fact: FilingFact, rb: RulebookView) -> Decision:
    citation = rb.cite(PROVISION)
    if fact.state == FilingState.PENDING:
        return Decision.allow("filing.pending", _("本件尚未报备。"), citation)
    when = f"（{fact.filed_at:%Y-%m-%d}）" if fact.filed_at else ""
    return Decision.refuse("filing.already_filed", _("本件已经报备{when}，无需重复报备。", when=when), citation)


def lateness(fact: FilingFact, at: dt.datetime, rb: RulebookView) -> Decision:
    """A filing at ``at``: on time, or late (the filing is still recorded, as late)."""
    citation = rb.cite(PROVISION)
    if at < closes_at(fact.due):
        return Decision.allow(
            "filing.on_time", _("按期报备（期限{isoformat}）。", isoformat=fact.due.isoformat()), citation, late=False
        )
    return Decision.allow(
        "filing.late",
        _("逾期报备：报备期限为{isoformat}，已逾期。", isoformat=fact.due.isoformat()),
        citation,
        late=True,
    )


def is_overdue(fact: FilingFact, now: dt.datetime) -> bool:
    return fact.state == FilingState.PENDING and now >= closes_at(fact.due)


def overdue(fact: FilingFact, document_label: str, rb: RulebookView) -> Decision:
    """What the worker records at 24:00 of the due day when nothing was filed."""
    days = rb.param(FILING_DAYS).as_int
    return Decision.refuse(
        "filing.overdue",
        _(
            (
                "{unit_name}{document_label}冠以“经自治州人民政府同意”字样，"
                "应于印发后{days}日内（{isoformat}前）向州人民政府办公室报备，"
                "逾期未报备。"
            ),
            unit_name=fact.unit_name,
            document_label=document_label,
            days=days,
            isoformat=fact.due.isoformat(),
        ),
        rb.cite(PROVISION),
    )
