"""Pure rules of outgoing documents (发文): who drafts, who reviews, who issues, which
direction a document goes, and which steps before signing a person may take.  No Django.

Drafting → office review (审核, 公文条例 art. 19; the office's duty under art. 51) → the steps
art. 49 sets before signing → signature → registration with a number and distribution (核发,
art. 52: electronic documents, transmitted and handled online).

Before signature, too: a cooperation agreement in the government's name is reviewed for legality
by the unit whose function is ``legal_review`` (the 司法局), and only a passed review of its
current version lets it be signed (art. 52, ``agreement.legal_review``); a joint document (联合发文)
is countersigned by the head of every co-issuing body first (art. 50, ``countersign.consult``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from zhengwu.core.decisions import Decision
from zhengwu.core.i18n import Stripped, _
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.documents.rules.intake import OFFICE_LEADERS, UnitRef
from zhengwu.documents.rules.kinds import DocState, DocType
from zhengwu.documents.rules.signing import SigningRequirement
from zhengwu.org.rules import ADMINISTRATORS, Holder, PositionFact, PositionKind, UnitKind

UNIT_LEADERS = frozenset({PositionKind.UNIT_HEAD, PositionKind.UNIT_DEPUTY})


# Which numbering kind (see zhengwu.documents.numbering.PREFIX_KINDS) a document takes by default,
# after its issuer's 机关代字: the government's 克政发 / 克政函, the office's (代字 克政办) 克政办发 /
# 克政办函, a department's 克发改发 / 克发改函.
def default_number_kind(doc_type: str) -> str:
    return "han" if doc_type == DocType.LETTER else "fa"


def direction_for(
    issuer: UnitRef,
    issuer_parent_id: int | None,
    recipients: Sequence[UnitRef],
    recipient_parent_ids: Sequence[int | None],
) -> str:
    """上行 to a superior (the issuer's parent, or an organ above the government), 下行 to the
    issuer's subordinates (or, from the office, the government's), else 平行."""
    if any(r.kind == UnitKind.SUPERIOR or r.id == issuer_parent_id for r in recipients):
        return "up"
    own = {issuer.id} | ({issuer_parent_id} if issuer.kind == UnitKind.OFFICE and issuer_parent_id else set())
    if recipients and all(parent in own for parent in recipient_parent_ids):
        return "down"
    return "parallel"


def may_draft(
    actor_positions: Sequence[PositionFact], issuer: UnitRef, office_unit_id: int | None, rb: RulebookView
) -> Decision:
    """A unit's staff draft its documents; the government's own documents are drafted by its office."""
    citation = rb.cite("documents.paperless")
    drafting_unit = office_unit_id if issuer.kind == UnitKind.GOVERNMENT else issuer.id
    if any(p.unit_id == drafting_unit and p.kind not in ADMINISTRATORS for p in actor_positions):
        return Decision.allow("outgoing.drafter", _("起草以{name}名义发出的公文。", name=issuer.name), citation)
    who = "政府办公室" if issuer.kind == UnitKind.GOVERNMENT else issuer.name
    return Decision.refuse(
        "outgoing.not_drafter",
        _("以{name}名义发出的公文由{who}的工作人员起草。", name=issuer.name, who=who),
        citation,
    )


def may_review(actor_positions: Sequence[PositionFact], issuer: UnitRef, rb: RulebookView) -> Decision:
    """Review (审核) before signature: 文种, format, 行文规则, coordination.  The government office's
    leadership reviews the government's and its own documents (art. 51); a department's or
    county's leadership (head, deputies) reviews its own."""
    citation = rb.cite("review.office_opinion")
    if issuer.kind in {UnitKind.GOVERNMENT, UnitKind.OFFICE}:
        if any(p.kind in OFFICE_LEADERS for p in actor_positions):
            return Decision.allow("outgoing.reviewer", _("政府办公室负责同志审核。"), citation)
        return Decision.refuse(
            "outgoing.not_reviewer",
            _("发文由秘书长、副秘书长或办公室主任审核把关，您无权审核。"),
            citation,
        )
    if any(p.unit_id == issuer.id and p.kind in UNIT_LEADERS for p in actor_positions):
        return Decision.allow("outgoing.unit_reviewer", _("{name}负责同志审核。", name=issuer.name), citation)
    return Decision.refuse(
        "outgoing.not_unit_reviewer",
        _("以{name}名义发出的公文由该单位负责同志审核把关，您无权审核。", name=issuer.name),
        citation,
    )


def may_issue(
    actor_positions: Sequence[PositionFact], office_unit_id: int | None, issuer: UnitRef, rb: RulebookView
) -> Decision:
    """登记 (numbering) and 核发 (distribution online, art. 52): the office for the government's and
    its own documents, the issuing unit for its own."""
    citation = rb.cite("documents.paperless")
    unit = office_unit_id if issuer.kind in {UnitKind.GOVERNMENT, UnitKind.OFFICE} else issuer.id
    if any(p.unit_id == unit and p.kind not in ADMINISTRATORS for p in actor_positions):
        return Decision.allow("outgoing.issuer_staff", _("登记编号并网上分送。"), citation)
    return Decision.refuse(
        "outgoing.not_issuer_staff",
        _("以{name}名义发出的公文由其文电人员登记、印发。", name=issuer.name),
        citation,
    )


def may_take_step(requirement: SigningRequirement, actor_person_id: int, done: Collection[int]) -> Decision:
    """The steps art. 49 sets before signing (the 分管 leader's review, the 州长's agreement…):
    only a person named in a step not yet taken may record it."""
    pending = [s for s in requirement.steps if s.person_ids and not (s.person_ids & set(done))]
    for step in pending:
        if actor_person_id in step.person_ids:
            return Decision.allow("signing.step", f"{step.label}。", requirement.citation, action=step.action)
    waiting = "，".join(s.label for s in pending) or "无"
    return Decision.refuse(
        "signing.not_step_holder",
        _(
            "{requirement}；签发前尚待：{waiting}，您不在其列。",
            requirement=Stripped(requirement.message, "。"),
            waiting=waiting,
        ),
        requirement.citation,
    )


def may_receive_delivery(
    actor_positions: Sequence[PositionFact], unit: UnitRef, received: bool, rb: RulebookView, withdrawn: bool = False
) -> Decision:
    """签收 of a delivered document: the recipient unit's staff, once; not a delivery withdrawn
    with its cancelled number."""
    citation = rb.cite("documents.paperless")
    if withdrawn:
        return Decision.refuse(
            "delivery.withdrawn",
            _("这份来文的发文字号已作废、印发已撤回，不需要签收。"),
            citation,
        )
    if received:
        return Decision.refuse("delivery.received", _("{name}已经签收这份公文。", name=unit.name), citation)
    if any(p.unit_id == unit.id and p.kind not in ADMINISTRATORS for p in actor_positions):
        return Decision.allow("delivery.recipient", _("{name}签收。", name=unit.name), citation)
    return Decision.refuse(
        "delivery.not_recipient",
        _("这份公文送达{name}，只能由该单位人员签收。", name=unit.name),
        citation,
    )


# -- cooperation agreements: legality review before signature (art. 52) -------------------------

#: ``Unit.functions`` entry of the unit that reviews legality for the government (the 司法局).
LEGAL_REVIEW_FUNCTION = "legal_review"
AGREEMENT_REVIEW = "agreement.legal_review"
#: A normative document (规范性文件) passes the 司法局's legality review before it is signed (arts. 20, 22).
NORMATIVE_REVIEW = "normative.legality_review"
#: A document's ``signing_facts`` key that marks a cooperation agreement in the government's name.
COOPERATION_AGREEMENT = "cooperation_agreement"
#: States in which a document may still be reviewed or countersigned before its signature.
BEFORE_SIGNATURE = (DocState.DRAFT, DocState.REVIEWING, DocState.AWAITING_SIGNATURE)


@dataclass(frozen=True)
class LegalReviewFact:
    """One recorded legality review: its outcome and the 正文 version it was of."""

    passed: bool
    version: int
    unit_name: str = ""
    opinion: str = ""


def _legal_names(legal_units: Sequence[UnitRef]) -> str:
    return "、".join(u.name for u in legal_units) or "司法局"


def check_agreement_issuer(is_agreement: bool, issuer: UnitRef, rb: RulebookView) -> Decision:
    """A cooperation agreement here is one signed in the government's name (drafted by its office)."""
    citation = rb.cite(AGREEMENT_REVIEW)
    if not is_agreement or issuer.kind == UnitKind.GOVERNMENT:
        return Decision.allow("agreement.issuer", _("以州人民政府名义签订的合作协议。"), citation)
    return Decision.refuse(
        "agreement.not_government",
        _(
            ("须经司法局合法性审核的是以州人民政府名义签订的合作协议；{name}不是州人民政府，不能标为此类合作协议。"),
            name=issuer.name,
        ),
        citation,
    )


def may_review_legality(
    actor_positions: Sequence[PositionFact],
    legal_units: Sequence[UnitRef],
    is_agreement: bool,
    state: str,
    rb: RulebookView,
    normative: bool = False,
) -> Decision:
    """合法性审核 of a cooperation agreement in the government's name (art. 52) or of a normative
    document (规范性文件, arts. 20, 22): by the staff of the unit(s) whose function is
    ``legal_review`` (the 司法局), before it is signed."""
    citation = rb.cite(NORMATIVE_REVIEW if normative else AGREEMENT_REVIEW)
    if not is_agreement and not normative:
        return Decision.refuse(
            "agreement.not_agreement",
            _("本件不是以州人民政府名义签订的合作协议或规范性文件，不需要合法性审核。"),
            citation,
        )
    if not legal_units:
        return Decision.refuse(
            "agreement.no_legal_unit",
            _("组织机构中尚未指定承担合法性审核职能（legal_review）的单位，请先为司法局设置该职能。"),
            citation,
        )
    if state not in BEFORE_SIGNATURE:
        return Decision.refuse(
            "agreement.review_too_late",
            _("合作协议已签发，合法性审核应在签署前进行。"),
            citation,
        )
    ids = {u.id for u in legal_units}
    if any(p.unit_id in ids and p.kind not in ADMINISTRATORS for p in actor_positions):
        return Decision.allow(
            "agreement.legal_reviewer", _("{legal_names}合法性审核。", legal_names=_legal_names(legal_units)), citation
        )
    if normative and not is_agreement:
        return Decision.refuse(
            "normative.not_legal_reviewer",
            _("规范性文件由{legal_names}进行合法性审核，您无权审核。", legal_names=_legal_names(legal_units)),
            citation,
        )
    return Decision.refuse(
        "agreement.not_legal_reviewer",
        _(
            "以州人民政府名义签订的合作协议由{legal_names}进行合法性审核，您无权审核。",
            legal_names=_legal_names(legal_units),
        ),
        citation,
    )


def agreement_ready(
    is_agreement: bool,
    reviews: Sequence[LegalReviewFact],
    current_version: int,
    legal_units: Sequence[UnitRef],
    rb: RulebookView,
) -> Decision:
    """May a cooperation agreement be signed as far as art. 52 is concerned?  Only after the
    legal-review unit has reviewed its current version and the latest review of it passed; a
    review of an earlier version does not count."""
    citation = rb.cite(AGREEMENT_REVIEW)
    if not is_agreement:
        return Decision.allow("agreement.none", _("本件不是合作协议。"), citation)
    who = _legal_names(legal_units)
    current = [r for r in reviews if r.version == current_version]
    if current and current[-1].passed:
        by = current[-1].unit_name or who
        return Decision.allow(
            "agreement.reviewed",
            _("{by}已审核通过（第{current_version}版）。", by=by, current_version=current_version),
            citation,
        )
    if current:
        opinion = current[-1].opinion.strip().rstrip("。")
        return Decision.refuse(
            "agreement.review_failed",
            _(
                "合作协议经{reviewer}合法性审核未通过：{opinion}；修改后重新审核通过前不能签署。",
                reviewer=current[-1].unit_name or who,
                opinion=opinion,
            )
            if opinion
            else _(
                "合作协议经{reviewer}合法性审核未通过；修改后重新审核通过前不能签署。",
                reviewer=current[-1].unit_name or who,
            ),
            citation,
        )
    if reviews:
        return Decision.refuse(
            "agreement.review_stale",
            _(
                "合作协议在合法性审核后已修改（现为第{current_version}版），须经{who}重新审核后方能签署。",
                current_version=current_version,
                who=who,
            ),
            citation,
        )
    return Decision.refuse(
        "agreement.not_reviewed",
        _("以州人民政府名义签订的合作协议须经{who}合法性审核后方能签署。", who=who),
        citation,
    )


def normative_ready(
    is_normative: bool,
    reviews: Sequence[LegalReviewFact],
    current_version: int,
    legal_units: Sequence[UnitRef],
    rb: RulebookView,
) -> Decision:
    """May a normative document (规范性文件) be signed as far as arts. 20 and 22 are concerned?  Only
    once the legal-review unit (the 司法局) has passed its current version, whichever route it
    took: drafted in the documents flow, or carried over from a draft that passed review."""
    citation = rb.cite(NORMATIVE_REVIEW)
    if not is_normative:
        return Decision.allow("normative.none", _("本件不是规范性文件。"), citation)
    who = _legal_names(legal_units)
    current = [r for r in reviews if r.version == current_version]
    if current and current[-1].passed:
        return Decision.allow(
            "normative.reviewed",
            _(
                "{by}已合法性审核通过（第{current_version}版）。",
                by=current[-1].unit_name or who,
                current_version=current_version,
            ),
            citation,
        )
    if current:
        return Decision.refuse(
            "normative.review_failed",
            _(
                "规范性文件经{reviewer}合法性审核未通过；修改后重新审核通过前不能签发。",
                reviewer=current[-1].unit_name or who,
            ),
            citation,
        )
    if reviews:
        return Decision.refuse(
            "normative.review_stale",
            _(
                "规范性文件在合法性审核后已修改（现为第{current_version}版），须经{who}重新审核通过后方能签发。",
                current_version=current_version,
                who=who,
            ),
            citation,
        )
    return Decision.refuse(
        "normative.not_reviewed",
        _("规范性文件须经{who}合法性审核通过后方能签发、印发。", who=who),
        citation,
    )


def normative_note(legal_units: Sequence[UnitRef], rb: RulebookView) -> str:
    """The sentence added to the signing requirement of a normative document."""
    return f"本件为规范性文件，签发前须经{_legal_names(legal_units)}合法性审核通过（{rb.cite(NORMATIVE_REVIEW).label}）"


def agreement_note(legal_units: Sequence[UnitRef], rb: RulebookView) -> str:
    """The sentence added to the signing requirement of a cooperation agreement."""
    return (
        f"本件为以州人民政府名义签订的合作协议，签署前须经{_legal_names(legal_units)}合法性审核通过"
        f"（{rb.cite(AGREEMENT_REVIEW).label}）"
    )


# -- joint documents (联合发文): every issuing body countersigns before signature (art. 50) ---------

JOINT_COUNTERSIGN = "countersign.consult"


def check_co_issuers(issuer: UnitRef, co_issuers: Sequence[UnitRef], rb: RulebookView) -> Decision:
    """The bodies issuing jointly with the lead body (``issuer``): each named once, not the lead itself."""
    citation = rb.cite(JOINT_COUNTERSIGN)
    if any(u.id == issuer.id for u in co_issuers):
        return Decision.refuse(
            "joint.lead_is_co_issuer",
            _("{name}是主办机关，不必再列为联合发文机关。", name=issuer.name),
            citation,
        )
    ids = [u.id for u in co_issuers]
    if len(set(ids)) != len(ids):
        return Decision.refuse("joint.duplicate", _("联合发文机关有重复。"), citation)
    if co_issuers:
        names = "、".join(u.name for u in co_issuers)
        return Decision.allow("joint.co_issuers", _("与{names}联合发文。", names=names), citation)
    return Decision.allow("joint.none", _("本件不是联合发文。"), citation)


def _holds(actor_person_id: int, holder: Holder | None) -> bool:
    """The head, or the acting head while the head is away (both may act for the unit)."""
    if holder is None:
        return False
    return holder.person_id == actor_person_id or (
        holder.acting_for is not None and holder.acting_for.person_id == actor_person_id
    )


def may_countersign_joint(
    actor_person_id: int,
    heads: Sequence[tuple[UnitRef, Holder | None]],
    countersigned: Collection[int],
    state: str,
    rb: RulebookView,
) -> Decision:
    """会签 of a joint document by a co-issuer: its head (or acting head) on the document's current
    version, before signature.  ``heads`` pairs each co-issuer with its head that day;
    ``countersigned`` holds the co-issuers that have countersigned the current version.  The
    allowing decision carries the co-issuer's id as ``unit_id``."""
    citation = rb.cite(JOINT_COUNTERSIGN)
    if not heads:
        return Decision.refuse("joint.not_joint", _("本件不是联合发文，不需要联合发文机关会签。"), citation)
    if state not in BEFORE_SIGNATURE:
        return Decision.refuse(
            "joint.too_late",
            _("本件已签发，联合发文会签应在签发前进行。"),
            citation,
        )
    mine = [u for u, h in heads if _holds(actor_person_id, h)]
    if not mine:
        listed = "、".join(f"{u.name}（{h.label}）" if h else f"{u.name}（负责人空缺）" for u, h in heads)
        return Decision.refuse(
            "joint.not_head",
            _("联合发文由各联合发文机关负责人会签：{listed}；您不能代表其中任何机关会签。", listed=listed),
            citation,
        )
    pending = [u for u in mine if u.id not in countersigned]
    if not pending:
        names = "、".join(u.name for u in mine)
        return Decision.refuse("joint.already", _("{names}已会签本件现行版本，不必重复会签。", names=names), citation)
    unit = pending[0]
    return Decision.allow(
        "joint.countersign",
        _("{name}负责人会签联合发文。", name=unit.name),
        citation,
        unit_id=unit.id,
    )


def joint_ready(co_issuers: Sequence[UnitRef], countersigned: Collection[int], rb: RulebookView) -> Decision:
    """A joint document is signed only once every co-issuer's head has countersigned its current
    version; a refusal names every co-issuer still missing."""
    citation = rb.cite(JOINT_COUNTERSIGN)
    if not co_issuers:
        return Decision.allow("joint.none", _("本件不是联合发文。"), citation)
    missing = [u for u in co_issuers if u.id not in countersigned]
    if missing:
        names = "、".join(u.name for u in missing)
        return Decision.refuse(
            "joint.incomplete",
            _("本件为联合发文，尚待{names}负责人会签，暂不能签发。", names=names),
            citation,
            missing=[u.id for u in missing],
        )
    return Decision.allow("joint.complete", _("各联合发文机关负责人均已会签。"), citation)


def joint_note(co_issuers: Sequence[UnitRef], rb: RulebookView) -> str:
    names = "、".join(u.name for u in co_issuers)
    return f"本件为联合发文，签发前须经{names}负责人会签（{rb.cite(JOINT_COUNTERSIGN).label}）"
