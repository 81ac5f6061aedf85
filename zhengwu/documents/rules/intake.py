"""Pure rules of incoming documents (收文): what the office checks when a county or a department
submits a document to the government, who signs it, who handles it, and where it goes.

- art. 48: the intake checks (一文一事; no 请示 in a 报告; not to an individual leader unless it
  answers that leader's own assignment — a 批示 or a document the leader gave; no 越级 unless the
  unit states the special circumstance and copies the body it skipped; no 多头报文), with the
  《党政机关公文处理工作条例》 behind them;
- art. 49 (last row): a county's or department's document to the government is signed by its
  administrative head, or by the deputy acting for the head;
- art. 51: the office writes its handling opinion (拟办) and sends it up by the leaders' division
  of work (呈批): the 分管 leader, who may pass it on (转批); major matters to the 州长;
- art. 52: a document that fails is returned with its reasons; the office also returns (退文) a
  department matter put up for issue in the government's or the office's name, a document the law
  or a document in force already provides for, one without substance, or for any reason it writes;
- art. 61: nothing above the installation's classification ceiling.

Plain data in, :class:`~zhengwu.core.decisions.Decision` out, each citing its provision.  No Django.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from zhengwu.core.decisions import Decision
from zhengwu.core.i18n import _
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.documents.rules.kinds import Classification, Direction, DocType
from zhengwu.org.rules import ADMINISTRATORS, GOVERNMENT_LEADERS, PositionFact, PositionKind, UnitKind

# What a county or a department may submit to the government (公文条例: 请示, 报告 and 意见 go up).
SUBMISSION_TYPES: dict[str, str] = {DocType.REQUEST: "请示", DocType.REPORT: "报告", DocType.OPINION: "意见"}

# 密级, lowest first (art. 61); the same order as ``documents.models.CLASSIFICATION_ORDER``.
CLASSIFICATIONS: dict[str, str] = {
    Classification.NONE: "非密",
    Classification.INTERNAL: "工作秘密",
    Classification.SECRET: "秘密",
    Classification.CONFIDENTIAL: "机密",
    Classification.TOP_SECRET: "绝密",
}
MOST_CLASSIFIED = Classification.TOP_SECRET  # 绝密

# Phrases that ask for a decision: a 报告 carrying them carries a 请示 (art. 48).
REQUEST_PHRASES = ("请批示", "请予批准", "请批准", "请审批", "请予审批", "请批复", "请予批复", "请审定", "请核准")

OFFICE_LEADERS = frozenset(
    {PositionKind.SECRETARY_GENERAL, PositionKind.DEPUTY_SECRETARY_GENERAL, PositionKind.OFFICE_DIRECTOR}
)


# ---------------------------------------------------------------- facts


@dataclass(frozen=True)
class UnitRef:
    """A unit as the rules see it."""

    id: int
    name: str
    kind: str = ""


@dataclass(frozen=True)
class Assignment:
    """What a document addressed to a leader personally says it answers: a leader's 批示
    (``kind="instruction"``) or a document (``kind="document"``), read from the record.

    ``leader_ids`` are the people who really gave it: the author of the 批示; for a document, its
    签发人 and the authors of the 批示 written on it.  Empty when the reference no longer resolves
    or is not a 批示."""

    kind: str
    label: str  # e.g. 「刘振东同志2026年11月20日在《关于…的请示》上的批示」
    leader_ids: frozenset[int] = frozenset()


ASSIGNMENT_KINDS = {"instruction": "批示", "document": "交办公文"}


@dataclass(frozen=True)
class SubmissionFacts:
    """What the office looks at when it checks a submission (初审).

    ``superiors`` is the issuer's chain of superior bodies, nearest first: for a department or a
    county, the prefecture government.  ``skip_level_reason`` is the special circumstance the unit
    states for skipping a level (art. 48: 未经批准不得越级行文; 公文条例: 特殊情况需要越级行文的，
    应当同时抄送被越过的机关); the skipped body must then be copied.  ``assignment`` is the leader's
    assignment a document addressed to that leader personally answers (art. 48: 除…领导同志交办事项…外).
    """

    doc_type: str
    doc_type_label: str
    direction: str
    issuer: UnitRef
    superiors: tuple[UnitRef, ...]
    main_recipients: tuple[UnitRef, ...]
    copy_recipients: tuple[UnitRef, ...] = ()
    request_items: tuple[str, ...] = ()
    title: str = ""
    body: str = ""
    addressed_person: str | None = None  # the leader's name, when addressed to a leader personally
    addressed_person_id: int | None = None
    assignment: Assignment | None = None
    classification: str = Classification.NONE
    skip_level_reason: str = ""


@dataclass(frozen=True)
class LeaderRef:
    """A person holding a position, as the routing rules see them."""

    person_id: int
    name: str
    position_title: str
    position_kind: str = ""
    away: bool = False
    acting_for: str = ""  # the title of the position held for someone away, if acting

    @property
    def label(self) -> str:
        acting = f"，代{self.acting_for}" if self.acting_for else ""
        return f"{self.name}（{self.position_title}{acting}）"


# ---------------------------------------------------------------- art. 48: the intake checks


def _names(units: Sequence[UnitRef]) -> str:
    return "、".join(u.name for u in units)


def _items(doc: SubmissionFacts) -> list[str]:
    return [i for i in (s.strip() for s in doc.request_items) if i]


def check_one_matter(doc: SubmissionFacts, rb: RulebookView) -> Decision:
    """A 请示 carries one matter (一文一事、一事一请)."""
    citation = rb.cite("intake.one_matter")
    items = _items(doc)
    if len(items) == 1:
        return Decision.allow("intake.one_matter", _("请示一文一事。"), citation)
    if not items:
        return Decision.refuse(
            "intake.no_matter",
            _("请示应当列明所请示的事项，本件未列请示事项。"),
            citation,
            count=0,
        )
    return Decision.refuse(
        "intake.several_matters",
        _("请示应当一文一事，本件列有{len}项请示事项。", len=len(items)),
        citation,
        count=len(items),
    )


def request_phrases_in(text: str) -> list[str]:
    """The phrases asking for a decision found in ``text`` (whitespace ignored)."""
    flat = re.sub(r"\s+", "", text)
    return [p for p in REQUEST_PHRASES if p in flat]


def check_no_request_in_report(doc: SubmissionFacts, rb: RulebookView) -> Decision:
    """A 报告 carries no 请示: no request items and no phrase asking for a decision."""
    citation = rb.cite("intake.no_request_in_report")
    items = _items(doc)
    if items:
        return Decision.refuse(
            "intake.request_in_report",
            _("报告不得夹带请示事项，本件列有{len}项请示事项；需要审批的事项应另行请示。", len=len(items)),
            citation,
            count=len(items),
        )
    phrases = request_phrases_in(f"{doc.title}\n{doc.body}")
    if phrases:
        quoted = "、".join(f"“{p}”" for p in phrases)
        return Decision.refuse(
            "intake.request_phrase_in_report",
            _("报告不得夹带请示事项，本件正文有{quoted}等请求审批的用语；需要审批的事项应另行请示。", quoted=quoted),
            citation,
            phrases=phrases,
        )
    return Decision.allow("intake.report_without_request", _("报告未夹带请示事项。"), citation)


def check_not_to_individual(doc: SubmissionFacts, rb: RulebookView) -> Decision:
    """Not addressed to a leader personally, except what that leader assigned and 绝密 matters.

    "What that leader assigned" is proven by the record, not claimed: the document names the 批示
    or the document it answers, and that leader really gave it."""
    citation = rb.cite("intake.not_to_individual")
    if doc.addressed_person is None:
        return Decision.allow("intake.to_body", _("公文报送机关，未直接报送领导同志个人。"), citation)
    leader = doc.addressed_person
    if doc.assignment is not None:
        if doc.addressed_person_id is not None and doc.addressed_person_id in doc.assignment.leader_ids:
            return Decision.allow(
                "intake.leader_assignment",
                _(
                    "本件答复{leader}同志交办的事项（{label}），可以直接报送{leader}同志。",
                    leader=leader,
                    label=doc.assignment.label,
                ),
                citation,
                assignment=doc.assignment.kind,
            )
        return Decision.refuse(
            "intake.assignment_not_by_leader",
            _(
                (
                    "本件直接报送{leader}同志，但所注明的交办依据（{label}）不是{leader}同志的批示或交办；"
                    "除政府领导同志交办事项和必须直接报送的绝密级事项外，不得直接向领导同志个人报送公文。"
                ),
                leader=leader,
                label=doc.assignment.label,
            ),
            citation,
        )
    if doc.classification == MOST_CLASSIFIED:
        return Decision.allow("intake.top_secret_direct", _("绝密级事项，可以直接报送领导同志。"), citation)
    return Decision.refuse(
        "intake.to_individual",
        _(
            (
                "除政府领导同志交办事项和必须直接报送的绝密级事项外，不得直接向领导同志个人报送公文，"
                "本件报送{addressed_person}同志。"
            ),
            addressed_person=doc.addressed_person,
        ),
        citation,
    )


def check_one_superior(doc: SubmissionFacts, rb: RulebookView) -> Decision:
    """No 多头报文: an upward document is addressed to one superior; others only copied."""
    citation = rb.cite("intake.one_superior")
    mains = doc.main_recipients
    if len(mains) == 1:
        return Decision.allow("intake.one_superior", _("主送{name}一个上级机关。", name=mains[0].name), citation)
    if not mains:
        return Decision.refuse(
            "intake.no_main_recipient",
            _("上行文应当主送一个上级机关，本件未写主送机关。"),
            citation,
        )
    return Decision.refuse(
        "intake.several_superiors",
        _(
            ("不得多头报文：上行文只能主送一个上级机关，本件主送{names}{len}个机关；其他机关可以抄送。"),
            names=_names(mains),
            len=len(mains),
        ),
        citation,
        count=len(mains),
    )


def check_no_skipping_levels(doc: SubmissionFacts, rb: RulebookView) -> Decision:
    """No 越级行文: the issuer submits to the body directly above it (for a department or a
    county, the prefecture government), unless skipping was approved and the skipped body copied."""
    citation = rb.cite("intake.no_skipping_levels")
    if not doc.superiors:
        return Decision.refuse(
            "intake.no_superior",
            _("{name}在组织机构中没有上级机关，不能报送上行文；请系统管理员核实组织机构。", name=doc.issuer.name),
            citation,
        )
    superior, above = doc.superiors[0], doc.superiors[1:]
    wrong = [u for u in doc.main_recipients if u.id != superior.id]
    if not wrong:
        return Decision.allow("intake.right_level", _("按隶属关系报送上级机关{name}。", name=superior.name), citation)
    # Skipping: a body above the superior, or a superior organ outside this government (自治区, 州党委).
    skipped_to = [u for u in wrong if u.id in {a.id for a in above} or u.kind == UnitKind.SUPERIOR]
    reason = doc.skip_level_reason.strip()
    if skipped_to and len(skipped_to) == len(wrong) and reason:
        if superior.id in {u.id for u in doc.copy_recipients}:
            return Decision.allow(
                "intake.stated_skip",
                _("因特殊情况越级行文（{reason}），已抄送被越过的{name}。", reason=reason, name=superior.name),
                citation,
                reason=reason,
            )
        return Decision.refuse(
            "intake.skip_not_copied",
            _("特殊情况需要越级行文的，应当同时抄送被越过的上级机关{name}，本件未抄送。", name=superior.name),
            citation,
        )
    if skipped_to:
        return Decision.refuse(
            "intake.skipped_level",
            _(
                (
                    "未经批准不得越级行文：{name}应当向上级机关{name2}报送，本件主送{names}；"
                    "特殊情况确需越级行文的，应当写明理由并抄送{name2}。"
                ),
                name=doc.issuer.name,
                name2=superior.name,
                names=_names(skipped_to),
            ),
            citation,
        )
    return Decision.refuse(
        "intake.not_superior",
        _(
            "上行文应当按隶属关系主送上级机关{name}，本件主送的{names}不是{name2}的上级机关。",
            name=superior.name,
            names=_names(wrong),
            name2=doc.issuer.name,
        ),
        citation,
    )


def check_submission_type(doc: SubmissionFacts, rb: RulebookView) -> Decision:
    """The 文种 of a submission to the government: 请示, 报告 or 意见 (公文条例, art. 48)."""
    citation = rb.cite("intake.rules")
    if doc.doc_type in SUBMISSION_TYPES:
        return Decision.allow(
            "intake.doc_type", _("文种为{doc_type_label}。", doc_type_label=doc.doc_type_label), citation
        )
    return Decision.refuse(
        "intake.wrong_doc_type",
        _(
            "报送上级机关的公文应当使用请示、报告或意见，本件文种为{doc_type_label}。",
            doc_type_label=doc.doc_type_label,
        ),
        citation,
    )


def check_classification(classification: str, ceiling: str, rb: RulebookView) -> Decision:
    """Art. 61: the installation holds nothing above its classification ceiling."""
    citation = rb.cite("confidentiality")
    order = list(CLASSIFICATIONS)
    if classification not in CLASSIFICATIONS:
        return Decision.refuse(
            "confidentiality.unknown", _("无法识别的密级“{classification}”。", classification=classification), citation
        )
    limit = ceiling if ceiling in CLASSIFICATIONS else Classification.NONE
    if order.index(classification) <= order.index(limit):
        return Decision.allow(
            "confidentiality.within",
            _("密级为{CLASSIFICATIONS}。", CLASSIFICATIONS=CLASSIFICATIONS[classification]),
            citation,
        )
    return Decision.refuse(
        "confidentiality.above_ceiling",
        _(
            (
                "本系统只能处理{CLASSIFICATIONS}及以下的公文，本件为{CLASSIFICATIONS2}件，"
                "应当通过涉密渠道报送，不得在本系统处理。"
            ),
            CLASSIFICATIONS=CLASSIFICATIONS[limit],
            CLASSIFICATIONS2=CLASSIFICATIONS[classification],
        ),
        citation,
        classification=classification,
        ceiling=limit,
    )


def intake_checks(doc: SubmissionFacts, rb: RulebookView, ceiling: str = Classification.NONE) -> list[Decision]:
    """Every check of 初审, passed or failed, each citing its provision.

    The refusals among them are the reasons a document is returned with (art. 52)."""
    decisions = [check_submission_type(doc, rb)]
    if doc.doc_type == DocType.REQUEST:
        decisions.append(check_one_matter(doc, rb))
    if doc.doc_type == DocType.REPORT:
        decisions.append(check_no_request_in_report(doc, rb))
    decisions.append(check_not_to_individual(doc, rb))
    if doc.direction == Direction.UPWARD:
        decisions += [check_one_superior(doc, rb), check_no_skipping_levels(doc, rb)]
    decisions.append(check_classification(doc.classification, ceiling, rb))
    return decisions


def failures(decisions: Sequence[Decision]) -> list[Decision]:
    return [d for d in decisions if not d.allowed]


def return_reasons(decisions: Sequence[Decision]) -> str:
    """The text of a return opinion (art. 52): one numbered reason a line, each with its article."""
    refused = failures(decisions)
    return "\n".join(f"{n}. {d.recorded_explanation}" for n, d in enumerate(refused, start=1))


# ---------------------------------------------------------------- art. 52: the office's own returns

#: The grounds art. 52 gives for returning a document (退文), each with its provision and the
#: rule's words.  Beyond them the office returns for any reason it writes (不符合要求的公文退回报文
#: 单位，并说明退文理由).
RETURN_GROUNDS: dict[str, tuple[str, str]] = {
    "department_matter": (
        "return.department_matter",
        "属部门职权范围内的事务、应由部门自行发文或联合发文的，不以自治州人民政府批转或自治州人民政府办公室名义发文",
    ),
    "already_provided": (
        "return.already_provided",
        "凡法律、行政法规已作出明确规定、现行文件已有部署且仍然适用的，不再制发文件",
    ),
    "no_substance": (
        "return.no_substance",
        "没有实质内容、可发可不发的文件简报，一律不发",
    ),
}
RETURN_GROUND_LABELS = {
    "department_matter": "属部门职权范围内的事务，不以州人民政府或办公室名义发文",
    "already_provided": "法律法规已有规定、现行文件已有部署，不再制发",
    "no_substance": "没有实质内容、可发可不发",
}


def office_return(grounds: Sequence[str], reason: str, rb: RulebookView) -> list[Decision]:
    """The office's return of a submission (art. 52): one refusal per ground it chose, in the order
    of :data:`RETURN_GROUNDS`, each citing its provision, then the reason it wrote, which names
    what in this document is wrong (退文理由, always required).

    Raises ``ValueError`` for an unknown ground or a blank reason: the caller turns it into bad input."""
    unknown = [g for g in grounds if g not in RETURN_GROUNDS]
    if unknown:
        raise ValueError(_("无法识别的退文理由：{grounds}。", grounds="、".join(unknown)))
    text = " ".join(reason.split())
    if not text:
        raise ValueError(_("退文应当说明理由：请写明本件不符合要求之处。"))
    decisions = []
    for key, (provision, words) in RETURN_GROUNDS.items():
        if key in grounds:
            decisions.append(
                Decision.refuse(f"return.{key}", _("{ground}。", ground=words), rb.cite(provision), ground=key)
            )
    decisions.append(
        Decision.refuse(
            "return.office_reason",
            _("退文理由：{reason}。", reason=text.rstrip("。")),
            rb.cite("review.return_with_reasons"),
            reason=text,
        )
    )
    return decisions


# ---------------------------------------------------------------- who may do what


def check_state(
    state: str, allowed: Collection[str], state_label: str, what: str, provision: str, rb: RulebookView
) -> Decision:
    """Each step happens in its state: 「公文当前状态为已报送，待签收，不能初审」."""
    citation = rb.cite(provision)
    if state in allowed:
        return Decision.allow("state.ok", _("公文状态为{state_label}。", state_label=state_label), citation)
    return Decision.refuse(
        "state.wrong",
        _("公文当前状态为“{state_label}”，不能{what}。", state_label=state_label, what=what),
        citation,
        state=state,
    )


def may_draft(actor_positions: Sequence[PositionFact], issuer: UnitRef, rb: RulebookView) -> Decision:
    """Staff of the issuing unit draft and revise its submissions (公文条例: 起草 by the issuer)."""
    citation = rb.cite("intake.rules")
    if any(p.unit_id == issuer.id and p.kind not in ADMINISTRATORS for p in actor_positions):
        return Decision.allow("intake.drafter", _("{name}工作人员起草本单位公文。", name=issuer.name), citation)
    return Decision.refuse(
        "intake.not_issuer_staff",
        _("只有{name}的工作人员可以起草、修改以该单位名义报送的公文。", name=issuer.name),
        citation,
    )


def may_sign_submission(
    actor_person_id: int, actor_name: str, issuer: UnitRef, holder_of_head: LeaderRef | None, rb: RulebookView
) -> Decision:
    """Art. 49, last row: a county's or department's document to the government is signed (签发)
    by its administrative head — or by the deputy acting for the head (``who_holds("head:…")``)."""
    citation = rb.cite("signing.unit_document")
    if holder_of_head is None:
        return Decision.refuse(
            "signing.no_head",
            _("{name}目前没有行政主要负责人任职记录，无法签发；请系统管理员核实组织机构。", name=issuer.name),
            citation,
        )
    if actor_person_id == holder_of_head.person_id:
        if holder_of_head.acting_for:
            message = (
                f"{holder_of_head.name}受委托代理{issuer.name}{holder_of_head.acting_for}，"
                "签发本单位报送州人民政府的公文。"
            )
        else:
            message = f"{issuer.name}行政主要负责人{holder_of_head.name}签发。"
        return Decision.allow("signing.unit_head", message, citation, acting=bool(holder_of_head.acting_for))
    return Decision.refuse(
        "signing.not_unit_head",
        _(
            ("报送州人民政府审批的公文由本单位行政主要负责人签发，{name}目前由{label}签发；{actor_name}无权签发。"),
            name=issuer.name,
            label=holder_of_head.label,
            actor_name=actor_name,
        ),
        citation,
    )


def may_handle_intake(
    actor_positions: Sequence[PositionFact],
    office_unit_id: int | None,
    what: str,
    rb: RulebookView,
    provision: str = "intake.rules",
) -> Decision:
    """签收, 登记 and 初审 are the government office's (公文条例; art. 48), and so is 退文 (art. 52:
    ``provision="review.return_with_reasons"``)."""
    citation = rb.cite(provision)
    if office_unit_id is not None and any(
        p.unit_id == office_unit_id and p.kind not in ADMINISTRATORS for p in actor_positions
    ):
        return Decision.allow("intake.office_staff", _("政府办公室工作人员{what}。", what=what), citation)
    return Decision.refuse(
        "intake.not_office",
        _("报送州人民政府的公文由政府办公室{what}，您不是政府办公室工作人员。", what=what),
        citation,
    )


def may_write_office_opinion(actor_positions: Sequence[PositionFact], rb: RulebookView) -> Decision:
    """Art. 51: the office's leadership (秘书长, 副秘书长, 办公室主任) writes the handling opinion."""
    citation = rb.cite("review.office_opinion")
    if any(p.kind in OFFICE_LEADERS for p in actor_positions):
        return Decision.allow("review.office_leader", _("政府办公室负责同志提出办理意见。"), citation)
    return Decision.refuse(
        "review.not_office_leader",
        _("拟办意见由秘书长、副秘书长或办公室主任提出，您无权拟办。"),
        citation,
    )


@dataclass(frozen=True)
class Route:
    """Where the office sends a document up (呈批, art. 51)."""

    decision: Decision
    to: LeaderRef | None = None


def route(
    issuer: UnitRef, portfolio_leader: LeaderRef | None, governor: LeaderRef | None, major: bool, rb: RulebookView
) -> Route:
    """Art. 51: the office sends the document and its opinion to the issuer's 分管 leader; a major
    matter, or one no leader has in their portfolio, to the 州长 (or whoever holds the 州长's
    authority that day, art. 6)."""
    citation = rb.cite("review.routing")
    if major or portfolio_leader is None:
        if governor is None:
            return Route(Decision.refuse("review.no_governor", _("目前没有州长任职记录，无法呈批。"), citation))
        why = "重大事项报州长审批" if major else f"{issuer.name}不在政府领导同志分管范围内，报州长审批"
        message = f"{why}，呈{governor.label}。"
        return Route(Decision.allow("review.to_governor", message, citation, major=major), governor)
    message = f"按政府领导同志分工，呈{issuer.name}的分管领导{portfolio_leader.label}。"
    if portfolio_leader.away:
        message += "（分管领导同志离州外出，可在线审批。）"
    return Route(Decision.allow("review.to_portfolio", message, citation, major=False), portfolio_leader)


def may_act_on_routed(actor_person_id: int, routed_to: LeaderRef | None, what: str, rb: RulebookView) -> Decision:
    """Only the leader a document is currently routed to instructs on it or passes it on (art. 51)."""
    citation = rb.cite("review.routing")
    if routed_to is not None and actor_person_id == routed_to.person_id:
        return Decision.allow(
            "review.routed_to_actor", _("公文呈{label}{what}。", label=routed_to.label, what=what), citation
        )
    where = f"当前呈{routed_to.label}" if routed_to else "尚未呈批"
    return Decision.refuse(
        "review.not_routed_to_actor",
        _("公文按政府领导同志分工呈批，本件{where}，您不能{what}。", where=where, what=what),
        citation,
    )


def may_pass_on(actor_person_id: int, routed_to: LeaderRef | None, target: LeaderRef, rb: RulebookView) -> Decision:
    """Art. 51: the leader it is routed to may pass it to another government leader (转批)."""
    decision = may_act_on_routed(actor_person_id, routed_to, "转批", rb)
    if not decision.allowed:
        return decision
    citation = rb.cite("review.routing")
    if target.person_id == actor_person_id:
        return Decision.refuse("review.pass_to_self", _("不能转请本人核批。"), citation)
    if target.position_kind not in GOVERNMENT_LEADERS:
        return Decision.refuse(
            "review.pass_to_non_leader",
            _("可以转请政府其他领导同志核批，{label}不是政府领导同志。", label=target.label),
            citation,
        )
    return Decision.allow("review.pass_on", _("转请{label}核批。", label=target.label), citation)
