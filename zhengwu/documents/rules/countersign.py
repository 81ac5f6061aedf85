"""会签 (countersign), art. 50 of the Work Rules, as pure rules: plain data in, decisions out.

A 请示 that touches other units' powers names them; each unit's head (or acting head) replies —
agree, agree with comments, or disagree with reasons — within 7 working days (parameter
``countersign.reply_days``) unless the lead unit sets another time.  A unit that cannot reply in
time asks the lead unit for a later date, which the lead unit grants or refuses.  When the
deadline passes with no reply, the unit is deemed to have no objection (视为无不同意见).  If units
still disagree, the lead unit lists each side's reasons and proposes a solution, and the statement
is countersigned (与相关部门负责人会签) by every unit that replied — those that agreed and those that
disagreed; a unit deemed to have no objection may sign too, but is not waited for — and only then
may the 请示 go up.

Provisions cited (mapped to articles by the rulebook in force, never by number here):
``countersign.consult`` (who must be consulted, who asks), ``countersign.reply`` (the reply, its
deadline and extensions), ``countersign.silence`` (silence as consent), ``countersign.disagreement``
(the statement of each side's reasons).

No Django imports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum

from zhengwu.core.decisions import Decision
from zhengwu.core.i18n import Joined, _
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.documents.rules.kinds import DocState, DocType
from zhengwu.org.rules import Holder, PositionFact, UnitKind
from zhengwu.workdays.arith import UnknownYearError, WorkCalendar

# -- the vocabulary (the values of zhengwu.documents.models' choices) -------------------------


class CountersignState(StrEnum):
    PENDING = "pending"
    AGREED = "agreed"
    AGREED_WITH_COMMENTS = "agreed_with_comments"
    DISAGREED = "disagreed"
    SILENT_CONSENT = "silent_consent"


REPLY_STATES = (CountersignState.AGREED, CountersignState.AGREED_WITH_COMMENTS, CountersignState.DISAGREED)
REPLY_LABELS: dict[str, str] = {
    CountersignState.AGREED: "同意",
    CountersignState.AGREED_WITH_COMMENTS: "原则同意，有修改意见",
    CountersignState.DISAGREED: "不同意",
    CountersignState.SILENT_CONSENT: "逾期未回复，视为无不同意见",
}


class ExtensionState(StrEnum):
    """A request for more time to reply; ``NONE`` when none was asked."""

    NONE = ""
    REQUESTED = "requested"
    GRANTED = "granted"
    REFUSED = "refused"


#: What the worker records when a deadline passes with no reply (art. 50).
SILENCE_TEXT = "逾期未回复，视为无不同意见"

#: Units that are never countersigning "departments": the government the 请示 goes to, and
#: superior or outside bodies.
NOT_CONSULTABLE_KINDS = frozenset({UnitKind.GOVERNMENT, UnitKind.SUPERIOR})


# -- plain data ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitFact:
    id: int
    name: str
    kind: str = "department"


@dataclass(frozen=True)
class DocumentFact:
    id: int
    title: str
    doc_type: str
    state: str
    issuer: UnitFact


@dataclass(frozen=True)
class TaskFact:
    """One unit's countersign task as the rules see it."""

    id: int
    unit: UnitFact
    state: str
    due: dt.date
    closes_at: dt.datetime  # 24:00 Beijing time of ``due``: the moment silence becomes consent
    extension_state: str = ExtensionState.NONE
    extension_until: dt.date | None = None
    replied_at: dt.datetime | None = None
    statement_signed: bool = False

    @property
    def answered(self) -> bool:
        return self.state != CountersignState.PENDING


@dataclass(frozen=True)
class StatementFact:
    """The lead unit's statement of each side's reasons and its proposal (blank when not written)."""

    reasons: str = ""
    proposal: str = ""

    @property
    def written(self) -> bool:
        return bool(self.reasons.strip()) and bool(self.proposal.strip())


def _d(day: dt.date) -> str:
    return day.isoformat()


# -- the deadline -------------------------------------------------------------------------------


def due_date(requested_on: dt.date, rb: RulebookView, cal: WorkCalendar, lead_sets: dt.date | None = None) -> Decision:
    """The last day to reply, in ``facts["due"]``.

    Art. 50: 「除主办部门另有时限要求外，一般应在7个工作日内回复」.  Without a date from the lead unit,
    the ``countersign.reply_days``-th working day after the request day (the request day is not
    counted; holidays are skipped and 调休 make-up days count).  The lead unit may set another
    time, earlier or later, but it must fall after the request day; a date on a rest day moves to
    the next working day, as a period's last day does.
    """
    param = rb.param("countersign.reply_days")
    citation = rb.param_citation("countersign.reply_days")
    try:
        if lead_sets is None:
            days = param.as_int
            due = cal.add_working_days(requested_on, days)
            return Decision.allow(
                "countersign.due.default",
                _("会签单位应在{days}个工作日内回复，期限{d}。", days=days, d=_d(due)),
                citation,
                due=due,
            )
        if lead_sets <= requested_on:
            return Decision.refuse(
                "countersign.due.not_after_request",
                _(
                    "主办单位确定的回复期限{d}应在发起会签之日（{d2}）之后，请更正。",
                    d=_d(lead_sets),
                    d2=_d(requested_on),
                ),
                citation,
            )
        due = cal.next_working_day(lead_sets, inclusive=True)
    except UnknownYearError as exc:
        return Decision.refuse("countersign.due.no_calendar", exc.message, citation)
    if due != lead_sets:
        return Decision.allow(
            "countersign.due.lead_set_moved",
            _("主办单位确定的回复期限{d}为休息日，顺延至{d2}。", d=_d(lead_sets), d2=_d(due)),
            citation,
            due=due,
        )
    return Decision.allow(
        "countersign.due.lead_set",
        _("按主办单位的时限要求，会签单位应于{d}前回复。", d=_d(due)),
        citation,
        due=due,
    )


def due_of(decision: Decision) -> dt.date:
    """The date an allowing :func:`due_date` (or :func:`check_extension_request`) decision carries."""
    due = decision.facts.get("due")
    if not isinstance(due, dt.date):
        raise ValueError(f"decision {decision.code} carries no due date")
    return due


# -- who acts ------------------------------------------------------------------------------------


def _holds(actor_person_id: int, holder: Holder | None) -> bool:
    if holder is None:
        return False
    if holder.person_id == actor_person_id:
        return True
    # The head remains the head while an acting head stands in (the acting head may act too).
    return holder.acting_for is not None and holder.acting_for.person_id == actor_person_id


def may_act_for_unit(
    actor_person_id: int | None,
    head: Holder | None,
    unit: UnitFact,
    rb: RulebookView,
    provision: str = "countersign.reply",
    what: str | None = None,
) -> Decision:
    """Art. 50: 相关部门负责人会签 — the unit's head, or the acting head while the head is away."""
    what = what or _("会签")
    citation = rb.cite(provision)
    if actor_person_id is not None and _holds(actor_person_id, head):
        assert head is not None
        return Decision.allow(
            "countersign.head", _("{label}代表{name}{what}。", label=head.label, name=unit.name, what=what), citation
        )
    if head is None:
        return Decision.refuse(
            "countersign.no_head",
            _(
                "{name}目前没有在任的负责人，无法{what}；请先在组织机构中任命负责人或安排代理。",
                name=unit.name,
                what=what,
            ),
            citation,
        )
    return Decision.refuse(
        "countersign.not_head",
        _(
            "{what}应由{name}负责人（{label}）办理，您无权代表该单位{what}。",
            what=what,
            name=unit.name,
            label=head.label,
        ),
        citation,
    )


def _lead_refusals(actor_positions: Sequence[PositionFact], document: DocumentFact, rb: RulebookView) -> list[Decision]:
    """Who may ask for countersign, on what (art. 50): the lead unit's staff, on its draft 请示."""
    citation = rb.cite("countersign.consult")
    issuer = document.issuer
    decisions: list[Decision] = []
    if not any(p.unit_id == issuer.id for p in actor_positions):
        decisions.append(
            Decision.refuse(
                "countersign.not_lead_unit",
                _("只有主办单位{name}的人员可以就本件发起会签。", name=issuer.name),
                citation,
            )
        )
    if document.doc_type != DocType.REQUEST:
        decisions.append(
            Decision.refuse(
                "countersign.not_request",
                _("会签适用于报送州人民政府的请示性公文。"),
                citation,
            )
        )
    if document.state != DocState.DRAFT:
        decisions.append(
            Decision.refuse(
                "countersign.not_draft",
                "本件已在会签中或已报送，不能再发起会签。"
                if document.state == DocState.COUNTERSIGNING
                else "只能对起草中的请示发起会签。",
                citation,
            )
        )
    return decisions


def may_consult(actor_positions: Sequence[PositionFact], document: DocumentFact, rb: RulebookView) -> list[Decision]:
    """May this person ask for countersign on this document now, whichever units are asked (art. 50)?
    Every refusal, or one allowing decision."""
    refusals = _lead_refusals(actor_positions, document, rb)
    if refusals:
        return refusals
    return [
        Decision.allow(
            "countersign.may_request",
            _("{name}可以就本件征求相关部门意见并请其会签。", name=document.issuer.name),
            rb.cite("countersign.consult"),
        )
    ]


def may_request(
    actor_positions: Sequence[PositionFact],
    document: DocumentFact,
    units: Sequence[UnitFact],
    already_asked: Collection[int],
    rb: RulebookView,
) -> list[Decision]:
    """Who may ask for countersign, on what, of whom (art. 50: the lead unit consults the units
    whose powers its 请示 touches).  Every refusal is returned, so the user fixes them at once."""
    citation = rb.cite("countersign.consult")
    issuer = document.issuer
    decisions = _lead_refusals(actor_positions, document, rb)
    if not units:
        decisions.append(
            Decision.refuse(
                "countersign.no_units",
                _("请选择需要会签的相关部门。"),
                citation,
            )
        )
    seen: set[int] = set()
    for unit in units:
        if unit.id == issuer.id:
            decisions.append(
                Decision.refuse(
                    "countersign.own_unit",
                    _("{name}是主办单位，不需要会签本单位。", name=unit.name),
                    citation,
                )
            )
        elif unit.kind in NOT_CONSULTABLE_KINDS:
            decisions.append(
                Decision.refuse(
                    "countersign.not_a_department",
                    _("{name}不是会签的相关部门。", name=unit.name),
                    citation,
                )
            )
        elif unit.id in seen or unit.id in already_asked:
            decisions.append(
                Decision.refuse(
                    "countersign.duplicate",
                    _("已就本件征求{name}意见，不要重复发起。", name=unit.name),
                    citation,
                )
            )
        seen.add(unit.id)
    if not decisions:
        names = "、".join(u.name for u in units)
        decisions.append(
            Decision.allow(
                "countersign.requested",
                _("就本件征求{names}意见并请其会签。", names=names),
                citation,
            )
        )
    return decisions


# -- replies -------------------------------------------------------------------------------------


def _closed(task: TaskFact, now: dt.datetime, rb: RulebookView) -> Decision | None:
    """A refusal when the task can no longer be answered (replied, or its deadline has passed)."""
    if task.state == CountersignState.SILENT_CONSENT or (
        task.state == CountersignState.PENDING and now >= task.closes_at
    ):
        return Decision.refuse(
            "countersign.lapsed",
            _(
                "{name}的会签期限{d}已过，逾期未回复视为无不同意见，不能再回复或申请延期。",
                name=task.unit.name,
                d=_d(task.due),
            ),
            rb.cite("countersign.silence"),
        )
    if task.state != CountersignState.PENDING:
        when = f"于{task.replied_at:%Y-%m-%d %H:%M}" if task.replied_at else ""
        return Decision.refuse(
            "countersign.already_replied",
            _(
                "{name}已{when}回复（{get}），不能重复回复。",
                name=task.unit.name,
                when=when,
                get=REPLY_LABELS.get(task.state, task.state),
            ),
            rb.cite("countersign.reply"),
        )
    return None


def may_answer(task: TaskFact, now: dt.datetime, rb: RulebookView) -> Decision:
    """Can the task still be answered (replied to, or more time asked and given): pending, before
    its deadline (art. 50)?"""
    closed = _closed(task, now, rb)
    if closed is not None:
        return closed
    return Decision.allow(
        "countersign.open",
        _("{name}的会签在期限{d}前待回复。", name=task.unit.name, d=_d(task.due)),
        rb.cite("countersign.reply"),
    )


def may_request_extension(task: TaskFact, rb: RulebookView) -> Decision:
    """One request for more time at a time: a pending one waits for the lead unit's answer."""
    if task.extension_state == ExtensionState.REQUESTED:
        return Decision.refuse(
            "countersign.extension_pending",
            _(
                "{name}已申请延期至{value}，请等待主办单位答复。",
                name=task.unit.name,
                value=_d(task.extension_until) if task.extension_until else "",
            ),
            rb.cite("countersign.reply"),
        )
    return Decision.allow(
        "countersign.extension_possible",
        _("特殊情况不能按期回复的，可以向主办单位申请延期。"),
        rb.cite("countersign.reply"),
    )


def has_extension_request(task: TaskFact, rb: RulebookView) -> Decision:
    """Is there a request for more time for the lead unit to answer?"""
    if task.extension_state != ExtensionState.REQUESTED or task.extension_until is None:
        return Decision.refuse(
            "countersign.no_extension_request",
            _("{name}没有待答复的延期申请。", name=task.unit.name),
            rb.cite("countersign.reply"),
        )
    return Decision.allow(
        "countersign.extension_to_answer",
        _("{name}申请延期至{d}，待主办单位答复。", name=task.unit.name, d=_d(task.extension_until)),
        rb.cite("countersign.reply"),
    )


def check_reply(task: TaskFact, state: str, text: str, now: dt.datetime, rb: RulebookView) -> Decision:
    """A reply is 同意, 原则同意 with comments, or 不同意 with reasons, made once, before the deadline."""
    closed = _closed(task, now, rb)
    if closed is not None:
        return closed
    citation = rb.cite("countersign.reply")
    if state not in REPLY_STATES:
        return Decision.refuse(
            "countersign.reply_kind",
            _("会签意见应为“同意”“原则同意，有修改意见”或“不同意”之一。"),
            citation,
        )
    if state == CountersignState.AGREED_WITH_COMMENTS and not text.strip():
        return Decision.refuse(
            "countersign.comments_required",
            _("原则同意的，请写明修改意见。"),
            citation,
        )
    if state == CountersignState.DISAGREED and not text.strip():
        return Decision.refuse(
            "countersign.reasons_required",
            _("不同意的，请写明理由和依据。"),
            citation,
        )
    return Decision.allow(
        f"countersign.{state}",
        _("{name}会签意见：{REPLY_LABELS}。", name=task.unit.name, REPLY_LABELS=REPLY_LABELS[state]),
        citation,
    )


def silence(task: TaskFact, rb: RulebookView) -> Decision:
    """What is recorded for a unit that let the deadline pass without replying (art. 50)."""
    return Decision.allow(
        "countersign.silence",
        _("{name}在期限{d}内{SILENCE_TEXT}。", name=task.unit.name, d=_d(task.due), SILENCE_TEXT=SILENCE_TEXT),
        rb.cite("countersign.silence"),
    )


def silent_at(task: TaskFact, at: dt.datetime) -> bool:
    """Whether silence is to be recorded for ``task`` at the instant ``at`` (a timer firing)."""
    return task.state == CountersignState.PENDING and at >= task.closes_at


# -- extensions ----------------------------------------------------------------------------------


def check_extension_request(
    task: TaskFact,
    until: dt.date,
    reason: str,
    now: dt.datetime,
    rb: RulebookView,
    cal: WorkCalendar,
) -> Decision:
    """特殊情况不能按期回复的，应主动与主办部门沟通并商定回复时限: before the deadline, with a reason,
    for a later date (a rest day moves to the next working day; ``facts["due"]``)."""
    closed = _closed(task, now, rb)
    if closed is not None:
        return closed
    citation = rb.cite("countersign.reply")
    pending = may_request_extension(task, rb)
    if not pending.allowed:
        return pending
    if not reason.strip():
        return Decision.refuse(
            "countersign.extension_reason",
            _("申请延期应说明不能按期回复的特殊情况。"),
            citation,
        )
    try:
        new_due = cal.next_working_day(until, inclusive=True)
    except UnknownYearError as exc:
        return Decision.refuse("countersign.due.no_calendar", exc.message, citation)
    if new_due <= task.due:
        return Decision.refuse(
            "countersign.extension_not_later",
            _("申请的回复期限{d}应晚于现有期限{d2}。", d=_d(until), d2=_d(task.due)),
            citation,
        )
    moved = f"（{_d(until)}为休息日，顺延至{_d(new_due)}）" if new_due != until else ""
    return Decision.allow(
        "countersign.extension_requested",
        _(
            "{name}申请将会签回复期限由{d}延至{d2}{moved}。",
            name=task.unit.name,
            d=_d(task.due),
            d2=_d(new_due),
            moved=moved,
        ),
        citation,
        due=new_due,
    )


def check_extension_decision(task: TaskFact, grant: bool, now: dt.datetime, rb: RulebookView) -> Decision:
    """The lead unit grants or refuses a pending request, before the current deadline passes."""
    closed = _closed(task, now, rb)
    if closed is not None:
        return closed
    citation = rb.cite("countersign.reply")
    requested = has_extension_request(task, rb)
    if not requested.allowed or task.extension_until is None:
        return requested
    if grant:
        return Decision.allow(
            "countersign.extension_granted",
            _("主办单位同意{name}延期，回复期限改为{d}。", name=task.unit.name, d=_d(task.extension_until)),
            citation,
            due=task.extension_until,
        )
    return Decision.allow(
        "countersign.extension_refused",
        _("主办单位不同意{name}延期，仍应于{d}前回复。", name=task.unit.name, d=_d(task.due)),
        citation,
        due=task.due,
    )


# -- disagreement ---------------------------------------------------------------------------------


def statement_due(document: DocumentFact, tasks: Sequence[TaskFact], rb: RulebookView) -> Decision:
    """Is a statement of the disagreement due (art. 50): the document in countersign, every unit
    answered (or deemed to have no objection), at least one disagreeing?"""
    citation = rb.cite("countersign.disagreement")
    if document.state != DocState.COUNTERSIGNING:
        return Decision.refuse(
            "countersign.statement_not_countersigning",
            _("本件不在会签中，不能填写分歧说明。"),
            citation,
        )
    pending = [t for t in tasks if t.state == CountersignState.PENDING]
    if pending:
        names = "、".join(t.unit.name for t in pending)
        return Decision.refuse(
            "countersign.statement_too_early",
            _("{names}尚未回复；各单位回复后，方能列明各方理据。", names=names),
            citation,
        )
    if not any(t.state == CountersignState.DISAGREED for t in tasks):
        return Decision.refuse(
            "countersign.no_disagreement",
            _("各会签单位均无不同意见，不需要分歧说明。"),
            citation,
        )
    return Decision.allow(
        "countersign.statement_due",
        _("会签单位有不同意见，主办单位应列明各方理据，提出办理建议。"),
        citation,
    )


def check_statement(
    document: DocumentFact,
    tasks: Sequence[TaskFact],
    reasons: str,
    proposal: str,
    rb: RulebookView,
) -> Decision:
    """协商后仍不能取得一致意见的，主办部门应列明各方理据，提出办理建议: once every unit has answered
    (or is deemed to have no objection) and at least one disagrees, with both parts written."""
    due = statement_due(document, tasks, rb)
    if not due.allowed:
        return due
    citation = due.citation
    if not reasons.strip() or not proposal.strip():
        missing = "、".join(w for w, v in (("各方理据", reasons), ("办理建议", proposal)) if not v.strip())
        return Decision.refuse(
            "countersign.statement_incomplete",
            _("分歧说明应列明各方理据并提出办理建议；请填写{missing}。", missing=missing),
            citation,
        )
    names = "、".join(t.unit.name for t in tasks)
    return Decision.allow(
        "countersign.statement_written",
        _("主办单位已列明各方理据并提出办理建议，请{names}负责人会签。", names=names),
        citation,
    )


def check_statement_signature(
    task: TaskFact,
    statement: StatementFact,
    rb: RulebookView,
    tasks: Sequence[TaskFact] = (),
) -> Decision:
    """Art. 50: the statement of a disagreement is countersigned by every unit consulted on the
    请示 (``tasks``, this one among them), whatever its own reply was."""
    citation = rb.cite("countersign.disagreement")
    if not any(t.state == CountersignState.DISAGREED for t in (*tasks, task)):
        return Decision.refuse(
            "countersign.no_disagreement_to_sign",
            _("各会签单位均无不同意见，没有需要会签的分歧说明。"),
            citation,
        )
    if task.state == CountersignState.PENDING:
        return Decision.refuse(
            "countersign.statement_reply_first",
            _("{name}尚未回复会签意见，请先回复。", name=task.unit.name),
            citation,
        )
    if not statement.written:
        return Decision.refuse(
            "countersign.statement_missing",
            _("主办单位尚未列明各方理据并提出办理建议，暂不能会签。"),
            citation,
        )
    if task.statement_signed:
        return Decision.refuse(
            "countersign.statement_already_signed",
            _("{name}已会签分歧说明。", name=task.unit.name),
            citation,
        )
    return Decision.allow(
        "countersign.statement_signed",
        _("{name}负责人已会签分歧说明。", name=task.unit.name),
        citation,
    )


# -- may it go up? ------------------------------------------------------------------------------


def ready_to_go_up(
    tasks: Sequence[TaskFact],
    statement: StatementFact,
    rb: RulebookView,
    now: dt.datetime | None = None,
) -> Decision:
    """Art. 50: 会签后联合报 — every unit asked has answered (or is deemed to have no objection);
    where a unit disagrees, the lead unit's statement of reasons and proposal is written and every
    unit that replied (agreed or disagreed) has countersigned it; a unit deemed to have no objection
    may sign it too but is not waited for.  A refusal names everything still missing.

    Given ``now``, a unit whose deadline has passed counts as having no objection even if the
    worker has not recorded it yet: silence is consent from the deadline, whoever is looking."""
    if not tasks:
        return Decision.allow(
            "countersign.none",
            _("本件未征求其他部门会签。"),
            rb.cite("countersign.consult"),
        )
    missing: list[str] = []
    for t in tasks:
        if t.state == CountersignState.PENDING and not (now is not None and now >= t.closes_at):
            missing.append(_("{unit}尚未回复，期限{due}", unit=t.unit.name, due=_d(t.due)))
    disagreeing = [t for t in tasks if t.state == CountersignState.DISAGREED]
    if disagreeing and not statement.written:
        names = "、".join(t.unit.name for t in disagreeing)
        missing.append(_("{names}不同意，主办单位尚未列明各方理据并提出办理建议", names=names))
    elif disagreeing:
        # A unit deemed to have no objection (silent past its deadline) may sign, but is not waited
        # for: its silence already answered, and waiting for it again would undo art. 50's deadline.
        unsigned = [t for t in tasks if not t.statement_signed and t.state != CountersignState.SILENT_CONSENT]
        if unsigned:
            names = "、".join(t.unit.name for t in unsigned)
            missing.append(_("{names}负责人尚未会签分歧说明", names=names))
    if missing:
        still_open = any(
            t.state == CountersignState.PENDING and not (now is not None and now >= t.closes_at) for t in tasks
        )
        citation = rb.cite("countersign.reply" if still_open else "countersign.disagreement")
        return Decision.refuse(
            "countersign.incomplete",
            _("会签尚未完成：{missing}。", missing=Joined(_("；"), missing)),
            citation,
            missing=[str(m) for m in missing],
        )
    if disagreeing:
        return Decision.allow(
            "countersign.complete_with_statement",
            _("会签已完成：部门间分歧已列明各方理据和办理建议，并经相关部门负责人会签，可报请州人民政府决定。"),
            rb.cite("countersign.disagreement"),
        )
    return Decision.allow(
        "countersign.complete",
        _("会签已完成，可联合报州人民政府审批。"),
        rb.cite("countersign.reply"),
    )
