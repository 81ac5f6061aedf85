"""Schemas of the documents API (公文, arts. 48–53): what goes in and what comes out.

Units are named by their code (``fgw``, ``gov``, ``office``…, as in ``GET /api/org/units``), people by
their id.  Every choice field carries its value and a ``*_label`` in Chinese.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict

from zhengwu.apis.schemas import ActionOut, AuditRecordOut, DecisionOut, PersonRef, ProvisionalDues, provisional_flag
from zhengwu.documents.models import Classification, Disclosure, DocState, DocType, Flow, OpinionKind, Urgency
from zhengwu.documents.numbering import PREFIX_KINDS


def _choices(choices: list[tuple[str, Any]]) -> str:
    return "、".join(f"{value}（{label}）" for value, label in choices)


# ---------------------------------------------------------------- references


class UnitRef(Schema):
    code: str
    name: str = Field(description="简称")


# ---------------------------------------------------------------- input: submissions (来文)


class SubmissionIn(Schema):
    issuer: str = Field("", description="报送单位代码；不填为本人所在单位（本人只在一个单位任职时）")
    doc_type: str = Field(description="文种：" + _choices(DocType.choices))
    title: str = Field(description="标题（不超过300字）", max_length=300)
    body: str = Field(description="正文")
    request_items: list[str] = Field(default_factory=list, description="请示事项（请示应当一文一事）")
    main_recipients: list[str] = Field(default_factory=lambda: ["gov"], description="主送机关代码")
    copy_recipients: list[str] = Field(default_factory=list, description="抄送机关代码")
    addressed_person_id: int | None = Field(None, description="报送领导个人（一般不得）")
    assignment_opinion_id: int | None = Field(
        None,
        description="直接报送领导个人的，所答复的该领导同志的批示（意见编号）；初审核对确系该领导批示",
    )
    assignment_document_id: int | None = Field(
        None, description="或：该领导同志签发、批示交办的公文编号（与批示二选一）"
    )
    skip_level_reason: str = Field(
        "", description="越级行文的特殊情况（一般不得越级；确需越级的写明理由并抄送被越过的机关）"
    )
    classification: str = Field("none", description="密级：" + _choices(Classification.choices))
    urgency: str = Field("normal", description="紧急程度：" + _choices(Urgency.choices))


class BodyIn(Schema):
    body: str = Field(description="新版本的正文")
    title: str | None = Field(None, description="新标题（不超过300字）；不填不改", max_length=300)
    request_items: list[str] | None = Field(None, description="来文：新的请示事项；不填不改")
    main_recipients: list[str] | None = Field(None, description="来文：主送机关代码；不填不改")
    copy_recipients: list[str] | None = Field(None, description="来文：抄送机关代码；不填不改")
    classification: str | None = Field(None, description="来文：密级；不填不改")
    urgency: str | None = Field(None, description="来文：紧急程度；不填不改")
    concerned_units: list[str] | None = Field(
        None, description="发文：主办、涉及单位代码（决定审核、签发的分管领导同志）；不填不改"
    )
    assignment_opinion_id: int | None = Field(None, description="来文：改为答复的领导批示；不填不改")
    assignment_document_id: int | None = Field(None, description="来文：改为答复的交办公文；不填不改")
    clear_assignment: bool = Field(False, description="来文：取消注明的交办依据")
    skip_level_reason: str | None = Field(None, description="来文：越级行文的理由；不填不改，空字符串清除")


class OfficeReturnIn(Schema):
    grounds: list[str] = Field(
        default_factory=list,
        description="《工作规则》规定的退文情形：department_matter（属部门职权范围，不以州人民政府或办公室名义发文）、"
        "already_provided（法律法规已有规定、现行文件已有部署）、no_substance（没有实质内容、可发可不发）；可不选",
    )
    reason: str = Field(description="退文理由：写明本件不符合要求之处（必填）")


class OfficeOpinionIn(Schema):
    text: str = Field(description="拟办意见")
    major: bool = Field(False, description="重大事项，呈州长审批")


class PassOnIn(Schema):
    to_person_id: int = Field(description="转请核批的政府领导同志")
    text: str = Field("", description="转批意见")


class TextIn(Schema):
    text: str


# ---------------------------------------------------------------- input: countersign (会签)


class CountersignIn(Schema):
    units: list[str] = Field(description="会签单位代码")
    due: dt.date | None = Field(None, description="主办单位确定的回复期限；不填为7个工作日")


class ReplyIn(Schema):
    state: str = Field(description="agreed（同意）、agreed_with_comments（原则同意，有修改意见）、disagreed（不同意）")
    text: str = Field("", description="意见或理由；原则同意、不同意的必填")


class ExtensionIn(Schema):
    until: dt.date = Field(description="申请延至")
    reason: str = Field(description="不能按期回复的特殊情况")


class ExtensionDecisionIn(Schema):
    grant: bool = Field(description="true 同意延期，false 不同意")


class StatementIn(Schema):
    reasons: str = Field(description="各方理据")
    proposal: str = Field(description="办理建议")


# ---------------------------------------------------------------- input: outgoing (发文)


class SigningFactsIn(BaseModel):
    """What art. 49 needs that the document cannot show (see ``zhengwu.documents.rules.signing_facts``).

    Who signs is worked out from the document itself: a 决定 or 命令 of the 州人民政府 is a published
    instrument, a 议案 or a document to the 州人大常委会 goes to the people's congress, a document to the
    自治区人民政府 or the 州党委 goes up for their approval, a department's document to the 州人民政府 goes
    to it for approval.  A fact stated here that does not fit the document, or an unknown key, is a 422
    naming the field (``signing_facts.<name>``)."""

    model_config = ConfigDict(extra="allow")

    published_instrument: bool = Field(False, description="州人民政府公布的规范性文件（决定、命令按文种认定）")
    to_people_congress: bool = Field(
        False, description="向州人大及其常委会提出的议案、人事任免（议案及主送州人大常委会的自动认定）"
    )
    for_approval_by: str = Field(
        "",
        description="上报审批：region_government（自治区人民政府）或 party_committee（州党委）；"
        "主送该机关的自动认定，所填须与主送机关相符",
    )
    to_region_departments: bool = Field(False, description="向自治区人民政府各委、办、厅、局行文")
    important: bool = Field(False, description="重要公文")
    on_leader_instruction: bool = Field(False, description="办公室发文，系政府领导批示办理")
    within_office_competence: bool = Field(False, description="办公室职权范围内的发文")
    forwarding_request: bool = Field(False, description="部门要求办公室转发的文件")
    agreed_by_government: bool = Field(False, description="部门发文冠以「经自治州人民政府同意」（印发后30日内报备）")
    spans_portfolios: bool = Field(
        False, description="跨分管领域的部门联合发文（联合发文部门分属不同分管领导的自动认定）"
    )
    to_government: bool = Field(True, description="县市、部门报州人民政府审批的公文：按主送机关认定，所填须与之相符")
    cooperation_agreement: bool = Field(False, description="以州人民政府名义签订的合作协议：签署前须经司法局合法性审核")
    concerned_units: list[str] = Field(
        default_factory=list,
        description="主办、涉及单位代码：其分管领导同志审核、签发（不填：答复的来文单位；部门发文总含本部门和联合发文部门）",
    )


class OutgoingIn(BaseModel):
    """An unknown field is a 422 naming it (nothing is silently dropped).  A plain pydantic model:
    ninja's ``Schema`` drops the extra keys this needs to see."""

    model_config = ConfigDict(extra="allow")

    issuer: str = Field("gov", description="发文机关代码（州人民政府 gov、办公室 office、部门…）；联合发文为主办机关")
    doc_type: str = Field(description="文种：" + _choices(DocType.choices))
    title: str
    body: str
    main_recipients: list[str] = Field(description="主送机关代码")
    copy_recipients: list[str] = Field(default_factory=list, description="抄送机关代码")
    co_issuers: list[str] = Field(
        default_factory=list, description="联合发文机关代码（主办机关以外）；签发前须经各机关负责人会签"
    )
    signing_facts: SigningFactsIn | None = Field(None, description="认定签发人所需、公文本身看不出的事实")
    replies_to: int | None = Field(None, description="答复的来文（批复、函）")
    classification: str = Field("none", description="密级：" + _choices(Classification.choices))
    secrecy_period: str = Field("", description="保密期限（标注密级的必填，如“10年”；非密不填）")
    urgency: str = Field("normal", description="紧急程度：" + _choices(Urgency.choices))
    note: str = Field("", description="附注")
    disclosure: str = Field("on_request", description="公开属性：" + _choices(Disclosure.choices))
    disclosure_reason: str = Field("", description="不予公开的理由（《政府信息公开条例》第十四条至第十六条）")


class ReviewIn(Schema):
    approve: bool = Field(description="true 审核通过，false 退回")
    opinion: str = Field(description="审核意见或退回理由")


class JointCountersignIn(Schema):
    text: str = Field("", description="会签意见；不填记为“同意联合发文。”")


class LegalReviewIn(Schema):
    passed: bool = Field(description="true 合法、审核通过；false 未通过")
    opinion: str = Field("", description="审核意见；未通过的必填：不合法或需修改之处")


class StepIn(Schema):
    text: str = Field("", description="审核、提出意见或同意的意见；不填记为“审核。”等")


class IssueIn(Schema):
    number_kind: str | None = Field(
        None, description="发文类别：" + _choices(list(PREFIX_KINDS.items())) + "；不填按发文机关和文种确定"
    )


# ---------------------------------------------------------------- output


class VersionOut(Schema):
    number: int
    body: str
    created_by: str
    created_at: dt.datetime
    frozen: bool = Field(description="已签发冻结")


class CountersignTaskOut(ProvisionalDues):
    id: int
    document_id: int
    unit: UnitRef
    requested_at: dt.datetime
    due: dt.date = Field(description="回复期限")
    due_provisional: bool = provisional_flag()
    state: str = Field(description="pending、agreed、agreed_with_comments、disagreed、silent_consent")
    state_label: str
    reply: str
    replied_by: str = Field(description="回复人；逾期视为无不同意见时为空")
    replied_at: dt.datetime | None
    extension_state: str = Field(description="''、requested、granted、refused")
    extension_state_label: str
    extension_until: dt.date | None
    extension_until_provisional: bool = provisional_flag()
    extension_reason: str
    statement_signed_at: dt.datetime | None = Field(description="分歧说明会签时间")
    actions: list[ActionOut] = Field(
        default_factory=list,
        description="调用者现在可对本会签办理的操作（reply、request_extension、decide_extension、sign_statement）及不能办理的理由",
    )


class OpinionOut(Schema):
    id: int
    kind: str = Field(description=_choices(OpinionKind.choices))
    kind_label: str
    text: str
    author_name: str
    author_position: str
    addressed_to: PersonRef | None
    created_at: dt.datetime


class DeliveryOut(Schema):
    id: int
    document_id: int
    unit: UnitRef
    copy_number: int = Field(description="份号")
    is_copy: bool = Field(description="抄送")
    delivered_at: dt.datetime
    received_at: dt.datetime | None
    received_by: str
    withdrawn_at: dt.datetime | None = Field(None, description="撤回时间：发文字号作废、撤回印发时记录")
    withdrawn_reason: str = Field("", description="撤回原因（作废发文字号的原因）")


class SigningOut(Schema):
    """Who must sign an outgoing document (art. 49), worked out before anyone asks."""

    decision: DecisionOut
    who: str = Field(description="「签发人：…；此前：…审核」")
    summary: str
    signer_person_ids: list[int]
    blocked: str = Field("", description="无人可以签发的原因（如未能确定分管领导同志）及如何补正；空为无")
    basis: list[str] = Field(
        default_factory=list, description="据公文本身认定的事实：「文种为决定」「主送自治区人民政府」…"
    )
    concerned_units: list[UnitRef] = Field(default_factory=list, description="主办、涉及单位")


class DocumentOut(Schema):
    id: int
    flow: str = Field(description=_choices(Flow.choices))
    flow_label: str
    doc_type: str
    doc_type_label: str
    direction: str
    title: str
    issuer: UnitRef
    state: str = Field(description=_choices(DocState.choices))
    state_label: str
    number: str = Field(description="发文字号")
    classification: str
    urgency: str
    created_at: dt.datetime
    signed_at: dt.datetime | None
    issued_at: dt.datetime | None


class DocumentPage(Schema):
    count: int
    items: list[DocumentOut]


class AssignmentOut(Schema):
    """The leader's assignment a document addressed to that leader answers (art. 48)."""

    kind: str = Field(description="instruction（批示）或 document（交办公文）")
    id: int = Field(description="批示（意见）编号或公文编号")
    label: str
    leader_ids: list[int] = Field(description="确实作出该批示、交办的领导同志（人员编号）")


class DocumentDetailOut(DocumentOut):
    direction_label: str
    classification_label: str
    secrecy_period: str
    urgency_label: str
    main_recipients: list[UnitRef]
    copy_recipients: list[UnitRef]
    addressed_person: PersonRef | None
    answers_leader_assignment: bool = Field(description="注明了所答复的领导交办依据")
    leader_assignment: AssignmentOut | None = Field(None, description="所答复的领导批示或交办公文")
    skip_level_reason: str = Field("", description="越级行文的理由")
    request_items: list[str]
    replies_to: int | None = Field(description="答复的来文")
    answers: list[int] = Field(description="答复本件的发文")
    signer: PersonRef | None = Field(description="签发人")
    recheck_signer: PersonRef | None = Field(None, description="签发后实质性修改、待其复核签发的原签发人")
    co_issuers: list[UnitRef] = Field(default_factory=list, description="联合发文机关（主办机关以外）")
    note: str = Field("", description="附注")
    signing_facts: dict[str, Any]
    received_at: dt.datetime | None
    major: bool
    disagreement_reasons: str
    disagreement_proposal: str
    created_by: str
    rulebook: str = Field(description="适用的规则版本")
    versions: list[VersionOut]
    countersigns: list[CountersignTaskOut]
    opinions: list[OpinionOut]
    deliveries: list[DeliveryOut]
    signing: SigningOut | None = Field(description="发文：谁签发")
    history: list[AuditRecordOut] = Field(description="审计记录：本件、会签任务、分送的每一步")
    actions: list[ActionOut] = Field(
        default_factory=list, description="本流程的每项办理操作，调用者现在可否办理，不能办理的说明理由及其依据"
    )


class CheckOut(Schema):
    passed: bool
    decisions: list[DecisionOut] = Field(description="初审的每一项，各附条款")
    reasons: list[str] = Field(description="未通过的理由")
    document: DocumentDetailOut


class CountersignStatusOut(Schema):
    decision: DecisionOut = Field(description="会签是否完成，可否报送")
    tasks: list[CountersignTaskOut]


class TodoOut(ProvisionalDues):
    """Something a document needs from the caller (待办), as on the documents page."""

    kind: str = Field(
        description="countersign（会签）、statement（会签分歧说明）、extension（答复延期申请）、"
        "draft（本单位起草中或已退文）、intake（办公室签收、初审、拟办、审核、印发）、reply（起草答复）、"
        "routed（呈批）、sign（待签发）、"
        "sign_waiting（由您签发，但尚待前序办理或有空缺，note 说明所待事项）、"
        "signing_step（签发前审核）、joint_countersign（联合发文会签）、legal_review（合作协议合法性审核）、"
        "delivery（签收来文）"
    )
    what: str = Field(description="待办事项，如「待签发」")
    note: str
    due: dt.date | None = Field(description="期限")
    due_provisional: bool = provisional_flag()
    document: DocumentOut


class TodoList(Schema):
    count: int
    items: list[TodoOut]


class InboxItemOut(Schema):
    delivery: DeliveryOut
    document: DocumentOut


class InboxPage(Schema):
    count: int
    items: list[InboxItemOut]
