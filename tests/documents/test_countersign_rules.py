"""The pure rules of 会签 (art. 50), as tables: deadlines, who replies, replies, extensions, statements."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.documents.rules import countersign as cs
from zhengwu.org.rules import AppointmentFact, Holder, PositionFact
from zhengwu.workdays.arith import deadline_close
from zhengwu.workdays.seed import official_calendar

pytestmark = pytest.mark.article(50)

D = dt.date
BJ = dt.timezone(dt.timedelta(hours=8))
CAL = official_calendar([2025, 2026])
FGW = cs.UnitFact(1, "州发展改革委", "department")
CZJ = cs.UnitFact(2, "州财政局", "department")
SFJ = cs.UnitFact(3, "州司法局", "department")
GOV = cs.UnitFact(9, "州人民政府", "government")
ART50 = "（《工作规则》第五十条）"


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=BJ)


DUE = D(2026, 12, 10)


def task(unit: cs.UnitFact = CZJ, state: str = cs.CountersignState.PENDING, due: dt.date = DUE, **kw) -> cs.TaskFact:
    return cs.TaskFact(id=unit.id, unit=unit, state=state, due=due, closes_at=deadline_close(due), **kw)


# -- the deadline ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("requested", "lead_sets", "due", "code"),
    [
        (D(2026, 12, 1), None, D(2026, 12, 10), "countersign.due.default"),  # Tue → the Thursday after next
        (D(2026, 9, 28), None, D(2026, 10, 13), "countersign.due.default"),  # across 国庆 2026; 10/10 counts
        (D(2026, 9, 23), None, D(2026, 10, 10), "countersign.due.default"),  # lands on the make-up Saturday
        (D(2026, 9, 10), None, D(2026, 9, 20), "countersign.due.default"),  # lands on the make-up Sunday
        (D(2026, 9, 26), None, D(2026, 10, 12), "countersign.due.default"),  # requested on a holiday
        (D(2026, 12, 1), D(2026, 12, 4), D(2026, 12, 4), "countersign.due.lead_set"),  # earlier: allowed
        (D(2026, 12, 1), D(2026, 12, 2), D(2026, 12, 2), "countersign.due.lead_set"),  # the very next day
        (D(2026, 12, 1), D(2026, 12, 18), D(2026, 12, 18), "countersign.due.lead_set"),  # later: allowed
        (D(2026, 9, 28), D(2026, 10, 3), D(2026, 10, 8), "countersign.due.lead_set_moved"),  # a holiday moves on
        (D(2026, 9, 28), D(2026, 10, 10), D(2026, 10, 10), "countersign.due.lead_set"),  # a make-up day stays
    ],
)
def test_due_date(kizilsu, requested, lead_sets, due, code) -> None:
    decision = cs.due_date(requested, kizilsu, CAL, lead_sets)
    assert decision.allowed
    assert decision.code == code
    assert cs.due_of(decision) == due
    assert decision.citation is not None
    assert decision.citation.article == 50
    assert decision.citation.provision == "countersign.reply_days"


@pytest.mark.parametrize("lead_sets", [D(2026, 12, 1), D(2026, 11, 30)])
def test_lead_date_on_or_before_the_request_day_is_refused(kizilsu, lead_sets) -> None:
    decision = cs.due_date(D(2026, 12, 1), kizilsu, CAL, lead_sets)
    assert not decision.allowed
    assert decision.explanation == (
        f"主办单位确定的回复期限{lead_sets.isoformat()}应在发起会签之日（2026-12-01）之后，请更正{ART50}"
    )
    with pytest.raises(ValueError, match="no due date"):
        cs.due_of(decision)


def test_a_year_without_schedule_is_said_plainly(kizilsu) -> None:
    decision = cs.due_date(D(2026, 12, 25), kizilsu, CAL)
    assert not decision.allowed
    assert decision.code == "countersign.due.no_calendar"
    assert "2027年的工作日安排尚未录入" in decision.message


def test_reply_days_come_from_the_rulebook(kizilsu) -> None:
    from dataclasses import replace

    from zhengwu.core.rulebook_view import Parameter

    five = replace(
        kizilsu,
        parameters={
            **kizilsu.parameters,
            "countersign.reply_days": Parameter("countersign.reply_days", 5, "working_days", 50),
        },
    )
    assert cs.due_of(cs.due_date(D(2026, 12, 1), five, CAL)) == D(2026, 12, 8)


# -- who acts for a unit ---------------------------------------------------------------------------


def _position(pid: int, unit: cs.UnitFact, kind: str, title: str) -> PositionFact:
    return PositionFact(pid, kind, title, unit.id, unit.kind, unit.name)


CZJ_HEAD = Holder(20, "吴刚", _position(200, CZJ, "unit_head", "局长"))
CZJ_ACTING = Holder(
    21,
    "王副局长",
    _position(201, CZJ, "unit_deputy", "副局长"),
    False,
    AppointmentFact(20, "吴刚", _position(200, CZJ, "unit_head", "局长"), D(2023, 1, 1)),
)


@pytest.mark.parametrize(
    ("actor", "head", "allowed", "code"),
    [
        (20, CZJ_HEAD, True, "countersign.head"),  # the head
        (21, CZJ_ACTING, True, "countersign.head"),  # the acting head while the head is away
        (20, CZJ_ACTING, True, "countersign.head"),  # the head, though away, is still the head
        (22, CZJ_HEAD, False, "countersign.not_head"),  # a clerk of the unit
        (30, CZJ_HEAD, False, "countersign.not_head"),  # the head of another unit
        (None, CZJ_HEAD, False, "countersign.not_head"),  # an account with no person
        (20, None, False, "countersign.no_head"),  # nobody heads the unit
    ],
)
def test_who_replies_for_a_unit(kizilsu, actor, head, allowed, code) -> None:
    decision = cs.may_act_for_unit(actor, head, CZJ, kizilsu)
    assert (decision.allowed, decision.code) == (allowed, code)
    assert decision.explanation.endswith(ART50)


def test_refusal_names_the_head(kizilsu) -> None:
    decision = cs.may_act_for_unit(22, CZJ_HEAD, CZJ, kizilsu)
    assert decision.explanation == f"会签应由州财政局负责人（吴刚（局长））办理，您无权代表该单位会签{ART50}"


# -- who may ask, on what, of whom -----------------------------------------------------------------

FGW_CLERK = [_position(100, FGW, "clerk", "科员")]
CZJ_STAFF = [_position(200, CZJ, "unit_head", "局长")]
DRAFT_QINGSHI = cs.DocumentFact(1, "关于某事的请示", "qingshi", cs.DocState.DRAFT, FGW)


@pytest.mark.parametrize(
    ("positions", "doc", "units", "asked", "codes"),
    [
        (FGW_CLERK, DRAFT_QINGSHI, [CZJ, SFJ], set(), ["countersign.requested"]),
        (CZJ_STAFF, DRAFT_QINGSHI, [SFJ], set(), ["countersign.not_lead_unit"]),
        (
            FGW_CLERK,
            cs.DocumentFact(1, "报告", "baogao", cs.DocState.DRAFT, FGW),
            [CZJ],
            set(),
            ["countersign.not_request"],
        ),
        (
            FGW_CLERK,
            cs.DocumentFact(1, "请示", "qingshi", cs.DocState.COUNTERSIGNING, FGW),
            [CZJ],
            set(),
            ["countersign.not_draft"],
        ),
        (FGW_CLERK, DRAFT_QINGSHI, [], set(), ["countersign.no_units"]),
        (FGW_CLERK, DRAFT_QINGSHI, [FGW], set(), ["countersign.own_unit"]),
        (FGW_CLERK, DRAFT_QINGSHI, [GOV], set(), ["countersign.not_a_department"]),
        (FGW_CLERK, DRAFT_QINGSHI, [CZJ, CZJ], set(), ["countersign.duplicate"]),
        (FGW_CLERK, DRAFT_QINGSHI, [CZJ], {CZJ.id}, ["countersign.duplicate"]),
        (
            [],
            cs.DocumentFact(1, "报告", "baogao", cs.DocState.DRAFT, FGW),
            [FGW],
            set(),
            ["countersign.not_lead_unit", "countersign.not_request", "countersign.own_unit"],
        ),
    ],
)
def test_may_request(kizilsu, positions, doc, units, asked, codes) -> None:
    decisions = cs.may_request(positions, doc, units, asked, kizilsu)
    assert [d.code for d in decisions] == codes
    assert all(d.allowed for d in decisions) == (codes == ["countersign.requested"])
    assert all(d.explanation.endswith(ART50) for d in decisions)


# -- replies ---------------------------------------------------------------------------------------

BEFORE = at("2026-12-10 23:59:59")
AFTER = at("2026-12-11 00:00:00")


@pytest.mark.parametrize(
    ("t", "state", "text", "now", "allowed", "code"),
    [
        (task(), cs.CountersignState.AGREED, "", BEFORE, True, "countersign.agreed"),
        (
            task(),
            cs.CountersignState.AGREED_WITH_COMMENTS,
            "第三条改为……",
            BEFORE,
            True,
            "countersign.agreed_with_comments",
        ),
        (task(), cs.CountersignState.AGREED_WITH_COMMENTS, "  ", BEFORE, False, "countersign.comments_required"),
        (task(), cs.CountersignState.DISAGREED, "超出预算", BEFORE, True, "countersign.disagreed"),
        (task(), cs.CountersignState.DISAGREED, "", BEFORE, False, "countersign.reasons_required"),
        (task(), cs.CountersignState.SILENT_CONSENT, "", BEFORE, False, "countersign.reply_kind"),
        (task(), cs.CountersignState.PENDING, "", BEFORE, False, "countersign.reply_kind"),
        (
            task(),
            cs.CountersignState.AGREED,
            "",
            AFTER,
            False,
            "countersign.lapsed",
        ),  # deadline passed, worker not yet run
        (
            task(state=cs.CountersignState.SILENT_CONSENT),
            cs.CountersignState.AGREED,
            "",
            BEFORE,
            False,
            "countersign.lapsed",
        ),
        (
            task(state=cs.CountersignState.AGREED, replied_at=at("2026-12-02 10:00")),
            cs.CountersignState.DISAGREED,
            "不同意",
            BEFORE,
            False,
            "countersign.already_replied",
        ),
    ],
)
def test_check_reply(kizilsu, t, state, text, now, allowed, code) -> None:
    decision = cs.check_reply(t, state, text, now, kizilsu)
    assert (decision.allowed, decision.code) == (allowed, code)
    assert decision.explanation.endswith(ART50)


def test_late_reply_refusal_cites_the_silence_provision(kizilsu) -> None:
    decision = cs.check_reply(task(), cs.CountersignState.AGREED, "", AFTER, kizilsu)
    assert decision.citation is not None
    assert decision.citation.provision == "countersign.silence"
    assert "逾期未回复视为无不同意见" in decision.message


def test_silence(kizilsu) -> None:
    decision = cs.silence(task(), kizilsu)
    assert decision.allowed
    assert cs.SILENCE_TEXT == "逾期未回复，视为无不同意见"
    assert decision.explanation == f"州财政局在期限2026-12-10内逾期未回复，视为无不同意见{ART50}"
    assert decision.citation is not None
    assert decision.citation.provision == "countersign.silence"
    assert not cs.silent_at(task(), BEFORE)
    assert cs.silent_at(task(), AFTER)
    assert not cs.silent_at(task(state=cs.CountersignState.AGREED), AFTER)


# -- extensions ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("t", "until", "reason", "now", "allowed", "code", "due"),
    [
        (task(), D(2026, 12, 17), "需报局党组研究", BEFORE, True, "countersign.extension_requested", D(2026, 12, 17)),
        (
            task(),
            D(2026, 12, 12),
            "需报局党组研究",
            BEFORE,
            True,
            "countersign.extension_requested",
            D(2026, 12, 14),
        ),  # a Saturday moves to Monday
        (task(), D(2026, 12, 17), "", BEFORE, False, "countersign.extension_reason", None),
        (task(), D(2026, 12, 10), "理由", BEFORE, False, "countersign.extension_not_later", None),
        (task(), D(2026, 12, 9), "理由", BEFORE, False, "countersign.extension_not_later", None),
        (task(), D(2026, 12, 17), "理由", AFTER, False, "countersign.lapsed", None),
        (
            task(state=cs.CountersignState.AGREED),
            D(2026, 12, 17),
            "理由",
            BEFORE,
            False,
            "countersign.already_replied",
            None,
        ),
        (
            task(extension_state=cs.ExtensionState.REQUESTED, extension_until=D(2026, 12, 15)),
            D(2026, 12, 17),
            "理由",
            BEFORE,
            False,
            "countersign.extension_pending",
            None,
        ),
        (
            task(extension_state=cs.ExtensionState.REFUSED, extension_until=D(2026, 12, 15)),
            D(2026, 12, 17),
            "理由",
            BEFORE,
            True,
            "countersign.extension_requested",
            D(2026, 12, 17),
        ),  # may ask again after a refusal
    ],
)
def test_check_extension_request(kizilsu, t, until, reason, now, allowed, code, due) -> None:
    decision = cs.check_extension_request(t, until, reason, now, kizilsu, CAL)
    assert (decision.allowed, decision.code) == (allowed, code)
    assert decision.explanation.endswith(ART50)
    if allowed:
        assert cs.due_of(decision) == due


ASKED = task(extension_state=cs.ExtensionState.REQUESTED, extension_until=D(2026, 12, 17))


@pytest.mark.parametrize(
    ("t", "grant", "now", "allowed", "code", "due"),
    [
        (ASKED, True, BEFORE, True, "countersign.extension_granted", D(2026, 12, 17)),
        (ASKED, False, BEFORE, True, "countersign.extension_refused", D(2026, 12, 10)),
        (ASKED, True, AFTER, False, "countersign.lapsed", None),
        (task(), True, BEFORE, False, "countersign.no_extension_request", None),
        (
            task(extension_state=cs.ExtensionState.GRANTED, extension_until=D(2026, 12, 17), due=D(2026, 12, 17)),
            True,
            BEFORE,
            False,
            "countersign.no_extension_request",
            None,
        ),
    ],
)
def test_check_extension_decision(kizilsu, t, grant, now, allowed, code, due) -> None:
    decision = cs.check_extension_decision(t, grant, now, kizilsu)
    assert (decision.allowed, decision.code) == (allowed, code)
    if allowed:
        assert cs.due_of(decision) == due


# -- disagreement ----------------------------------------------------------------------------------

COUNTERSIGNING_DOC = cs.DocumentFact(1, "关于某事的请示", "qingshi", cs.DocState.COUNTERSIGNING, FGW)
WRITTEN = cs.StatementFact("发展改革委认为……；财政局认为……", "建议分两年安排资金")


@pytest.mark.parametrize(
    ("doc", "tasks", "reasons", "proposal", "allowed", "code"),
    [
        (
            COUNTERSIGNING_DOC,
            [task(state=cs.CountersignState.DISAGREED), task(SFJ, cs.CountersignState.AGREED)],
            "理据",
            "建议",
            True,
            "countersign.statement_written",
        ),
        (
            COUNTERSIGNING_DOC,
            [task(state=cs.CountersignState.DISAGREED), task(SFJ, cs.CountersignState.SILENT_CONSENT)],
            "理据",
            "建议",
            True,
            "countersign.statement_written",
        ),
        (
            COUNTERSIGNING_DOC,
            [task(state=cs.CountersignState.DISAGREED), task(SFJ)],
            "理据",
            "建议",
            False,
            "countersign.statement_too_early",
        ),
        (
            COUNTERSIGNING_DOC,
            [task(state=cs.CountersignState.AGREED)],
            "理据",
            "建议",
            False,
            "countersign.no_disagreement",
        ),
        (
            COUNTERSIGNING_DOC,
            [task(state=cs.CountersignState.DISAGREED)],
            "理据",
            "",
            False,
            "countersign.statement_incomplete",
        ),
        (
            COUNTERSIGNING_DOC,
            [task(state=cs.CountersignState.DISAGREED)],
            " ",
            "建议",
            False,
            "countersign.statement_incomplete",
        ),
        (
            DRAFT_QINGSHI,
            [task(state=cs.CountersignState.DISAGREED)],
            "理据",
            "建议",
            False,
            "countersign.statement_not_countersigning",
        ),
    ],
)
def test_check_statement(kizilsu, doc, tasks, reasons, proposal, allowed, code) -> None:
    decision = cs.check_statement(doc, tasks, reasons, proposal, kizilsu)
    assert (decision.allowed, decision.code) == (allowed, code)
    assert decision.explanation.endswith(ART50)


DISAGREEING_SFJ = task(SFJ, cs.CountersignState.DISAGREED)


@pytest.mark.parametrize(
    ("t", "statement", "others", "allowed", "code"),
    [
        (task(state=cs.CountersignState.DISAGREED), WRITTEN, [], True, "countersign.statement_signed"),
        (task(state=cs.CountersignState.DISAGREED), cs.StatementFact(), [], False, "countersign.statement_missing"),
        (
            task(state=cs.CountersignState.DISAGREED, statement_signed=True),
            WRITTEN,
            [],
            False,
            "countersign.statement_already_signed",
        ),
        # every unit consulted countersigns the statement, not only those that disagreed
        (task(state=cs.CountersignState.AGREED), WRITTEN, [DISAGREEING_SFJ], True, "countersign.statement_signed"),
        (
            task(state=cs.CountersignState.AGREED_WITH_COMMENTS),
            WRITTEN,
            [DISAGREEING_SFJ],
            True,
            "countersign.statement_signed",
        ),
        (
            task(state=cs.CountersignState.SILENT_CONSENT),
            WRITTEN,
            [DISAGREEING_SFJ],
            True,
            "countersign.statement_signed",
        ),
        (
            task(state=cs.CountersignState.AGREED),
            WRITTEN,
            [task(SFJ, cs.CountersignState.AGREED)],
            False,
            "countersign.no_disagreement_to_sign",
        ),
        (task(), WRITTEN, [DISAGREEING_SFJ], False, "countersign.statement_reply_first"),
    ],
)
def test_check_statement_signature(kizilsu, t, statement, others, allowed, code) -> None:
    decision = cs.check_statement_signature(t, statement, kizilsu, others)
    assert (decision.allowed, decision.code) == (allowed, code)
    assert decision.explanation.endswith(ART50)


def test_the_statement_asks_every_unit_consulted_to_countersign(kizilsu) -> None:
    decision = cs.check_statement(
        COUNTERSIGNING_DOC,
        [task(state=cs.CountersignState.DISAGREED), task(SFJ, cs.CountersignState.AGREED)],
        "理据",
        "建议",
        kizilsu,
    )
    assert decision.message == "主办单位已列明各方理据并提出办理建议，请州财政局、州司法局负责人会签。"


# -- may it go up? ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tasks", "statement", "now", "allowed", "message"),
    [
        ([], cs.StatementFact(), None, True, "本件未征求其他部门会签。"),
        (
            [task(state=cs.CountersignState.AGREED), task(SFJ, cs.CountersignState.AGREED_WITH_COMMENTS)],
            cs.StatementFact(),
            None,
            True,
            "会签已完成，可联合报州人民政府审批。",
        ),
        (
            [task(state=cs.CountersignState.SILENT_CONSENT)],
            cs.StatementFact(),
            None,
            True,
            "会签已完成，可联合报州人民政府审批。",
        ),
        (
            [task(), task(SFJ, cs.CountersignState.AGREED)],
            cs.StatementFact(),
            None,
            False,
            "会签尚未完成：州财政局尚未回复，期限2026-12-10。",
        ),
        (
            [task(), task(SFJ, due=D(2026, 12, 17))],
            cs.StatementFact(),
            BEFORE,
            False,
            "会签尚未完成：州财政局尚未回复，期限2026-12-10；州司法局尚未回复，期限2026-12-17。",
        ),
        # past the deadline, silence is consent even before the worker has recorded it
        (
            [task(), task(SFJ, cs.CountersignState.AGREED)],
            cs.StatementFact(),
            AFTER,
            True,
            "会签已完成，可联合报州人民政府审批。",
        ),
        (
            [task(state=cs.CountersignState.DISAGREED)],
            cs.StatementFact(),
            None,
            False,
            "会签尚未完成：州财政局不同意，主办单位尚未列明各方理据并提出办理建议。",
        ),
        (
            [
                task(state=cs.CountersignState.DISAGREED),
                task(SFJ, cs.CountersignState.DISAGREED, statement_signed=True),
            ],
            WRITTEN,
            None,
            False,
            "会签尚未完成：州财政局负责人尚未会签分歧说明。",
        ),
        # the unit that agreed has not countersigned the statement yet
        (
            [task(state=cs.CountersignState.DISAGREED, statement_signed=True), task(SFJ, cs.CountersignState.AGREED)],
            WRITTEN,
            None,
            False,
            "会签尚未完成：州司法局负责人尚未会签分歧说明。",
        ),
        (
            [
                task(state=cs.CountersignState.DISAGREED, statement_signed=True),
                task(SFJ, cs.CountersignState.AGREED, statement_signed=True),
            ],
            WRITTEN,
            None,
            True,
            "会签已完成：部门间分歧已列明各方理据和办理建议，并经相关部门负责人会签，可报请州人民政府决定。",
        ),
        # a unit deemed to have no objection is not waited for
        (
            [task(state=cs.CountersignState.DISAGREED), task(SFJ, cs.CountersignState.SILENT_CONSENT)],
            WRITTEN,
            None,
            False,
            "会签尚未完成：州财政局负责人尚未会签分歧说明。",
        ),
        (
            [
                task(state=cs.CountersignState.DISAGREED, statement_signed=True),
                task(SFJ, cs.CountersignState.SILENT_CONSENT),
            ],
            WRITTEN,
            None,
            True,
            "会签已完成：部门间分歧已列明各方理据和办理建议，并经相关部门负责人会签，可报请州人民政府决定。",
        ),
        (
            [task(SFJ), task(state=cs.CountersignState.DISAGREED)],
            cs.StatementFact(),
            None,
            False,
            "会签尚未完成：州司法局尚未回复，期限2026-12-10；州财政局不同意，主办单位尚未列明各方理据并提出办理建议。",
        ),
    ],
)
def test_ready_to_go_up(kizilsu, tasks, statement, now, allowed, message) -> None:
    decision = cs.ready_to_go_up(tasks, statement, kizilsu, now)
    assert decision.allowed == allowed
    assert decision.message == message
    assert decision.explanation.endswith(ART50)
