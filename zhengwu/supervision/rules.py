"""Pure rules of 督查督办 (arts. 26, 36, 54, 63): plain facts in, decisions and tables out; no Django.

- who may open an item, report on it, verify it, order rectification, see the compliance view;
- art. 26: an open item about the same matter (same source, or a similar title with units in
  common) is linked instead of opening a second one; a new item despite a similar one needs a reason;
- deadlines: the report dates of a periodic item, when to remind and when to escalate;
- the state machine (open → reported → closed, reopened with a reason);
- the circular's and the dashboard's tables (done on time, done late, overdue, open; on-time rate).
"""

from __future__ import annotations

import datetime as dt
import itertools
from calendar import monthrange
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from zhengwu.core.decisions import Decision
from zhengwu.core.i18n import _
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.org.rules import ADMINISTRATORS, PositionKind

GOVERNMENT_LEADERS = frozenset(
    {
        PositionKind.GOVERNOR,
        PositionKind.EXECUTIVE_VICE_GOVERNOR,
        PositionKind.VICE_GOVERNOR,
        PositionKind.SECRETARY_GENERAL,
    }
)
OFFICE_LEADERS = frozenset(
    {PositionKind.SECRETARY_GENERAL, PositionKind.DEPUTY_SECRETARY_GENERAL, PositionKind.OFFICE_DIRECTOR}
)
UNIT_STAFF = frozenset(
    {PositionKind.UNIT_HEAD, PositionKind.UNIT_DEPUTY, PositionKind.CLERK, PositionKind.OFFICE_DIRECTOR}
)
SUPERVISION_DUTY = "督查"
LEGAL_REVIEW = "legal_review"  # the unit that keeps the register of findings with the office (司法局)


class Origin(StrEnum):
    """Where an item came from; ``zhengwu.supervision.models.Origin`` adds the labels."""

    MEETING_DECISION = "meeting_decision"
    INSTRUCTION = "instruction"
    SUPERIOR = "superior"
    MANUAL = "manual"
    PETITION = "petition"
    FINDING = "finding"
    SUGGESTION = "suggestion"


class ReportEvery(StrEnum):
    """How often an item's units report progress (限期报告); ``""`` for no fixed period."""

    NONE = ""
    WEEKLY = "weekly"
    MONTHLY = "monthly"


class ItemState(StrEnum):
    OPEN = "open"
    REPORTED = "reported"
    CLOSED = "closed"


ORIGINS = tuple(Origin)
CASE_ORIGINS = frozenset({Origin.PETITION, Origin.FINDING, Origin.SUGGESTION})  # a handling unit follows its own case
REPORT_EVERY = tuple(ReportEvery)

STATE_LABELS: dict[str, str] = {
    ItemState.OPEN: "督办中",
    ItemState.REPORTED: "已报办结，待核查",
    ItemState.CLOSED: "已核查办结",
}

# Two titles whose character bigrams overlap at least this much (Dice coefficient) are "similar".
# Not a number the Work Rules set: a property of the matching, tuned on the demo titles.
SIMILAR_TITLES = 0.5


class Calendar(Protocol):
    def add_working_days(self, start: dt.date, n: int) -> dt.date: ...
    def add_days(self, start: dt.date, n: int) -> dt.date: ...
    def add_months(self, start: dt.date, m: int) -> dt.date: ...


@dataclass(frozen=True)
class Staff:
    """One position the actor holds today, with its 岗位职责 (duties)."""

    kind: str
    unit_id: int
    duties: str = ""


@dataclass(frozen=True)
class Actor:
    positions: tuple[Staff, ...]
    office_id: int | None
    functions: frozenset[str] = frozenset()  # what the actor's units do for the whole government (legal_review…)

    def in_unit(self, unit_id: int) -> bool:
        return any(p.unit_id == unit_id and p.kind in UNIT_STAFF for p in self.positions)

    @property
    def office_staff(self) -> bool:
        return any(p.unit_id == self.office_id and p.kind not in ADMINISTRATORS for p in self.positions) or any(
            p.kind in OFFICE_LEADERS for p in self.positions
        )

    @property
    def supervisor(self) -> bool:
        """督查 clerk of the office, or the office's leadership."""
        return any(p.kind in OFFICE_LEADERS for p in self.positions) or any(
            p.unit_id == self.office_id and p.kind == PositionKind.CLERK and SUPERVISION_DUTY in p.duties
            for p in self.positions
        )

    @property
    def leader(self) -> bool:
        return any(p.kind in GOVERNMENT_LEADERS for p in self.positions)

    @property
    def admin(self) -> bool:
        return any(p.kind == PositionKind.ADMINISTRATOR for p in self.positions)


# -- who ------------------------------------------------------------------------------------------


def may_open(actor: Actor, origin: str, lead_unit_id: int, rb: RulebookView) -> Decision:
    """The office (its 督查 staff and leadership, or its other staff handing on a meeting's decision)
    and the government's leaders set supervision items.
    A petition, a finding or a suggestion is put under supervision from its register by those who
    keep it: the office's staff, the unit handling it, and — for findings — the legal affairs unit."""
    citation = rb.cite("supervision.duties")
    if actor.office_staff or actor.leader:
        return Decision.allow("supervision.opener", _("督查督办事项由政府办公室立项交办。"), citation)
    if origin in CASE_ORIGINS and (
        actor.in_unit(lead_unit_id)
        or (
            origin == "finding"
            and LEGAL_REVIEW in actor.functions
            and any(p.kind not in ADMINISTRATORS for p in actor.positions)
        )
    ):
        return Decision.allow("supervision.case_keeper", _("登记该事项的单位将其列入督办。"), citation)
    return Decision.refuse(
        "supervision.not_opener",
        _("督办事项由政府办公室或政府领导同志交办立项，您无权立项。"),
        citation,
    )


def may_report(actor: Actor, unit_id: int, unit_name: str, rb: RulebookView, what: str = "报告") -> Decision:
    """A unit's own staff (head, deputies, clerks) report for it."""
    citation = rb.cite("supervision.implement")
    if actor.in_unit(unit_id):
        return Decision.allow(
            "supervision.unit_staff", _("{unit_name}{what}督办事项进展。", unit_name=unit_name, what=what), citation
        )
    return Decision.refuse(
        "supervision.not_unit_staff",
        _("只有{unit_name}的工作人员可以{what}。", unit_name=unit_name, what=what),
        citation,
    )


def may_verify(actor: Actor, rb: RulebookView, what: str = "核查复核") -> Decision:
    """核查复核, reopening, 督促整改, circulars, evaluations: the office's 督查 clerks and leadership."""
    citation = rb.cite("supervision.duties")
    if actor.supervisor:
        return Decision.allow("supervision.supervisor", _("政府办公室督查部门{what}。", what=what), citation)
    return Decision.refuse(
        "supervision.not_supervisor",
        _("{what}由政府办公室督查工作人员或办公室负责同志办理。", what=what),
        citation,
    )


def may_see_compliance(actor: Actor, rb: RulebookView) -> Decision:
    """The compliance view is for the government's leaders, the office and administrators (art. 63)."""
    citation = rb.cite("time_limits")
    if actor.leader or actor.office_staff or actor.admin:
        return Decision.allow("compliance.viewer", _("查看全平台逾期和临近期限事项。"), citation)
    return Decision.refuse(
        "compliance.not_viewer",
        _("合规总览供政府领导同志、政府办公室和系统管理员查看。"),
        citation,
    )


def may_see_all(actor: Actor) -> bool:
    """Who sees every item (not only their unit's): the office, the leaders, administrators."""
    return actor.leader or actor.office_staff or actor.admin


# -- input ----------------------------------------------------------------------------------------


def check_new(
    title: str,
    origin: str,
    report_every: str,
    due: dt.date,
    today: dt.date,
    lead_unit_id: int,
    co_unit_ids: Sequence[int],
    rb: RulebookView,
) -> Decision:
    citation = rb.cite("time_limits")
    if not title.strip():
        return Decision.refuse("supervision.no_title", _("请填写督办事项。"), citation)
    if origin not in ORIGINS:
        return Decision.refuse("supervision.bad_origin", _("无法识别的来源“{origin}”。", origin=origin), citation)
    if report_every not in REPORT_EVERY:
        return Decision.refuse(
            "supervision.bad_every", _("无法识别的报告周期“{report_every}”。", report_every=report_every), citation
        )
    if due <= today:
        return Decision.refuse("supervision.due_past", _("办结期限应晚于今天。"), citation)
    if lead_unit_id in co_unit_ids:
        return Decision.refuse("supervision.lead_in_co", _("牵头单位不能同时作为协办单位。"), citation)
    return Decision.allow("supervision.deadline", _("限{isoformat}前办结。", isoformat=due.isoformat()), citation)


# -- art. 26: no duplicate supervision ------------------------------------------------------------


def bigrams(text: str) -> set[str]:
    chars = [c for c in text if c.isalnum()]
    return {a + b for a, b in itertools.pairwise(chars)} or set(chars)


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the two titles' character bigrams (0…1)."""
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


@dataclass(frozen=True)
class ItemFact:
    id: int
    title: str
    state: str
    unit_ids: frozenset[int]
    sources: frozenset[tuple[int, str]] = frozenset()  # (content type id, object id)


@dataclass(frozen=True)
class Candidate:
    item_id: int
    title: str
    same_source: bool
    score: float

    @property
    def why(self) -> str:
        return "同一来源已在督办" if self.same_source else f"标题相似（{self.score:.0%}），责任单位有交叉"


def duplicates(
    title: str, unit_ids: Iterable[int], source: tuple[int, str] | None, items: Iterable[ItemFact]
) -> list[Candidate]:
    """Items still being supervised about the same matter: the same source, or a similar title with
    a unit in common.  Best first."""
    units = frozenset(unit_ids)
    found = []
    for item in items:
        if item.state == ItemState.CLOSED:
            continue
        same = source is not None and source in item.sources
        score = similarity(title, item.title)
        if same or (score >= SIMILAR_TITLES and units & item.unit_ids):
            found.append(Candidate(item.id, item.title, same, round(score, 3)))
    return sorted(found, key=lambda c: (not c.same_source, -c.score, c.item_id))


def check_duplicates(candidates: Sequence[Candidate], reason: str, rb: RulebookView) -> Decision:
    """A matter already supervised is linked, not supervised twice (art. 26).  The same source is
    always linked; a similar item may be set aside with a stated reason."""
    citation = rb.cite("supervision.no_duplicate")
    if not candidates:
        return Decision.allow("supervision.no_duplicate", _("未发现重复督办事项。"), citation)
    names = "；".join(f"“{c.title}”（{c.why}）" for c in candidates[:3])
    if any(c.same_source for c in candidates):
        return Decision.refuse(
            "supervision.same_source",
            _("该事项已在督办：{names}。请关联到已有督办事项，不重复督查。", names=names),
            citation,
            candidates=[c.item_id for c in candidates],
        )
    if reason.strip():
        return Decision.allow(
            "supervision.new_despite",
            _("存在相似督办事项{names}，说明理由后另行立项：{strip}", names=names, strip=reason.strip()),
            citation,
        )
    return Decision.refuse(
        "supervision.similar",
        _("已有相似的在办督办事项：{names}。请关联到已有事项，或说明另行立项的理由。", names=names),
        citation,
        candidates=[c.item_id for c in candidates],
    )


def check_link(target_state: str, rb: RulebookView) -> Decision:
    citation = rb.cite("supervision.no_duplicate")
    if target_state == ItemState.CLOSED:
        return Decision.refuse("supervision.link_closed", _("该督办事项已办结，不能再关联；请另行立项。"), citation)
    return Decision.allow("supervision.link", _("关联到已有督办事项，不重复督查。"), citation)


# -- deadlines ------------------------------------------------------------------------------------


def _unrolled(opened: dt.date, k: int, every: str) -> dt.date:
    if every != "monthly":
        return opened + dt.timedelta(days=7 * k)
    year, month0 = divmod(opened.year * 12 + opened.month - 1 + k, 12)
    return dt.date(year, month0 + 1, min(opened.day, monthrange(year, month0 + 1)[1]))


def report_dues(opened: dt.date, due: dt.date, every: str, cal: Calendar) -> list[dt.date]:
    """The due dates of the periodic reports (限期报告), before the final deadline.

    Monthly: the same day of each following month counted from the day the item was opened (not
    chained, so 01-31 gives 02-28, then 03-31), rolled to the next working day when it is a rest
    day (``add_months``); weekly: every 7 calendar days likewise (``add_days``).  A date on or
    after the final deadline is dropped: the final report (报办结) covers it.
    """
    if not every:
        return []
    dates: list[dt.date] = []
    k = 1
    while True:
        # Rolling off a rest day only moves a date later, so a date whose unrolled day is already on
        # or after the deadline is dropped without asking the calendar (which may not know its year).
        if _unrolled(opened, k, every) >= due:
            return dates
        day = cal.add_months(opened, k) if every == "monthly" else cal.add_days(opened, 7 * k)
        if day >= due:
            return dates
        if not dates or day > dates[-1]:
            dates.append(day)
        k += 1


def remind_day(due: dt.date, rb: RulebookView, cal: Calendar) -> dt.date:
    """The working day ``supervision.remind_days`` before a deadline."""
    return cal.add_working_days(due, -rb.param("supervision.remind_days").as_int)


def escalate_day(due: dt.date, rb: RulebookView, cal: Calendar) -> dt.date:
    """The last day of grace after a missed deadline, before the 分管 leader is told."""
    return cal.add_working_days(due, rb.param("supervision.escalate_days").as_int)


# -- states ---------------------------------------------------------------------------------------

TRANSITIONS = {
    "report_done": ((ItemState.OPEN,), ItemState.REPORTED),
    "verify": ((ItemState.REPORTED,), ItemState.CLOSED),
    "reopen": ((ItemState.REPORTED, ItemState.CLOSED), ItemState.OPEN),
    "progress": ((ItemState.OPEN, ItemState.REPORTED), None),
    "rectify": ((ItemState.OPEN, ItemState.REPORTED), ItemState.OPEN),
    "evaluate": ((ItemState.OPEN, ItemState.REPORTED, ItemState.CLOSED), None),
    "link": ((ItemState.OPEN, ItemState.REPORTED), None),
}
WHAT = {
    "report_done": "报办结",
    "verify": "核查办结",
    "reopen": "退回重办",
    "progress": "报送进展",
    "rectify": "督促整改",
    "evaluate": "记录第三方评估",
    "link": "关联",
}


def check_transition(state: str, action: str, rb: RulebookView) -> Decision:
    allowed, _unused = TRANSITIONS[action]
    citation = rb.cite("supervision.duties")
    label = STATE_LABELS.get(state, state)
    if state in allowed:
        return Decision.allow(f"supervision.{action}", f"{WHAT[action]}。", citation)
    return Decision.refuse(
        f"supervision.{action}_state",
        _("督办事项{label}，不能{WHAT}。", label=label, WHAT=WHAT[action]),
        citation,
    )


def check_report_done(open_rectifications: int, text: str, rb: RulebookView) -> Decision:
    if not text.strip():
        return Decision.refuse("supervision.no_text", _("请填写办结情况。"), rb.cite("supervision.duties"))
    return check_rectifications_done(open_rectifications, rb)


def check_rectifications_done(open_rectifications: int, rb: RulebookView) -> Decision:
    """An item is reported done only once every rectification ordered on it is done."""
    citation = rb.cite("supervision.duties")
    if open_rectifications:
        return Decision.refuse(
            "supervision.rectification_open",
            _(
                "尚有{open_rectifications}项督促整改未完成，完成整改后方可报办结。",
                open_rectifications=open_rectifications,
            ),
            citation,
        )
    return Decision.allow("supervision.report_done", _("牵头单位报办结，待督查部门核查复核。"), citation)


def check_reason(reason: str, what: str, rb: RulebookView, provision: str = "supervision.duties") -> Decision:
    citation = rb.cite(provision)
    if not reason.strip():
        return Decision.refuse("supervision.no_reason", _("请填写{what}。", what=what), citation)
    return Decision.allow("supervision.reason", reason.strip(), citation)


def check_rectification_due(due: dt.date, today: dt.date, rb: RulebookView) -> Decision:
    citation = rb.cite("time_limits")
    if due <= today:
        return Decision.refuse("supervision.rect_due_past", _("整改期限应晚于今天。"), citation)
    return Decision.allow("supervision.rect_due", _("限{isoformat}前整改到位。", isoformat=due.isoformat()), citation)


def overdue_message(what: str, unit_name: str, due: dt.date, level: int, rb: RulebookView) -> Decision:
    """The words of an overdue notice: to the unit head (level 1), to the 分管 leader (level 2)."""
    citation = rb.cite("supervision.overdue")
    if level == 1:
        text = f"{unit_name}{what}已逾期（期限{due.isoformat()}），请督促尽快办理。"
    else:
        days = rb.param("supervision.escalate_days").as_int
        text = f"{unit_name}{what}逾期（期限{due.isoformat()}）超过{days}个工作日仍未办理，报请分管领导督促。"
    return Decision.allow(f"supervision.overdue_{level}", text, citation)


# -- status, circular, dashboard ------------------------------------------------------------------

DONE_ON_TIME, DONE_LATE, OVERDUE, IN_PROGRESS = "done_on_time", "done_late", "overdue", "in_progress"
STATUS_LABELS = {DONE_ON_TIME: "按期办结", DONE_LATE: "逾期办结", OVERDUE: "逾期未办结", IN_PROGRESS: "在办"}


def item_status(state: str, due: dt.date, done_on: dt.date | None, reported_on: dt.date | None, today: dt.date) -> str:
    """Done on time / done late (closed: the accepted report's date against the deadline); overdue
    (open after the deadline); in progress (open before it, or reported and awaiting verification
    — a report made in time is not overdue while the office verifies it)."""
    if state == ItemState.CLOSED:
        return DONE_ON_TIME if done_on is not None and done_on <= due else DONE_LATE
    if state == ItemState.REPORTED and reported_on is not None:
        return IN_PROGRESS if reported_on <= due else OVERDUE
    return OVERDUE if today > due else IN_PROGRESS


@dataclass(frozen=True)
class StatusFact:
    """One item's status, for the tables."""

    item_id: int
    title: str
    lead_unit_id: int
    status: str
    due: dt.date


@dataclass(frozen=True)
class ReportFact:
    item_id: int
    unit_id: int
    period: int
    due: dt.date
    submitted_on: dt.date | None


REPORT_ON_TIME, REPORT_LATE, REPORT_MISSING, REPORT_PENDING = "on_time", "late", "missing", "pending"


def report_status(report: ReportFact, today: dt.date) -> str:
    if report.submitted_on is not None:
        return REPORT_ON_TIME if report.submitted_on <= report.due else REPORT_LATE
    return REPORT_MISSING if today > report.due else REPORT_PENDING


@dataclass
class UnitRow:
    unit_id: int
    unit_name: str
    lead: int = 0
    done_on_time: int = 0
    done_late: int = 0
    overdue: int = 0
    in_progress: int = 0
    reports_on_time: int = 0
    reports_late: int = 0
    reports_missing: int = 0
    overdue_titles: list[str] = field(default_factory=list)

    @property
    def on_time_rate(self) -> float | None:
        """Done on time over everything that is done or should have been (None when nothing is)."""
        base = self.done_on_time + self.done_late + self.overdue
        return None if base == 0 else self.done_on_time / base

    @property
    def report_rate(self) -> float | None:
        base = self.reports_on_time + self.reports_late + self.reports_missing
        return None if base == 0 else self.reports_on_time / base

    def add(self, other: UnitRow) -> None:
        for name in (
            "lead",
            "done_on_time",
            "done_late",
            "overdue",
            "in_progress",
            "reports_on_time",
            "reports_late",
            "reports_missing",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.overdue_titles.extend(other.overdue_titles)

    def as_dict(self) -> dict[str, object]:
        return {
            "unit_id": self.unit_id,
            "unit": self.unit_name,
            "lead": self.lead,
            "done_on_time": self.done_on_time,
            "done_late": self.done_late,
            "overdue": self.overdue,
            "in_progress": self.in_progress,
            "reports_on_time": self.reports_on_time,
            "reports_late": self.reports_late,
            "reports_missing": self.reports_missing,
            "on_time_rate": self.on_time_rate,
            "overdue_titles": list(self.overdue_titles),
        }


def unit_table(
    units: Sequence[tuple[int, str]], items: Iterable[StatusFact], reports: Iterable[ReportFact], today: dt.date
) -> list[UnitRow]:
    """By unit: items it leads by status, and its periodic reports on time / late / missing.  A
    unit appears when it leads an item or owes a report; ``units`` gives the order and names."""
    rows = {uid: UnitRow(uid, name) for uid, name in units}
    seen: set[int] = set()
    for item in items:
        row = rows.get(item.lead_unit_id)
        if row is None:
            continue
        seen.add(row.unit_id)
        row.lead += 1
        setattr(row, item.status, getattr(row, item.status) + 1)
        if item.status == OVERDUE:
            row.overdue_titles.append(item.title)
    for report in reports:
        row = rows.get(report.unit_id)
        if row is None:
            continue
        status = report_status(report, today)
        if status == REPORT_PENDING:
            continue
        seen.add(row.unit_id)
        name = {REPORT_ON_TIME: "reports_on_time", REPORT_LATE: "reports_late", REPORT_MISSING: "reports_missing"}
        setattr(row, name[status], getattr(row, name[status]) + 1)
    return [rows[uid] for uid, _ in units if uid in seen]


def portfolio_table(rows: Iterable[UnitRow], portfolios: Sequence[tuple[str, frozenset[int]]]) -> list[UnitRow]:
    """The unit rows summed per leader's 分管 portfolio (a unit in no portfolio is left out)."""
    by_unit = {r.unit_id: r for r in rows}
    result = []
    for i, (leader, unit_ids) in enumerate(portfolios):
        total = UnitRow(-(i + 1), leader)
        for uid in sorted(unit_ids):
            if uid in by_unit:
                total.add(by_unit[uid])
        result.append(total)
    return result
