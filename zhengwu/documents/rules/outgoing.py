"""Pure rules of outgoing documents (发文): who drafts, who reviews, who issues, which
direction a document goes, and which steps before signing a person may take.  No Django.

Drafting → office review (审核, 公文条例 art. 19; the office's duty under art. 51) → the steps
art. 49 sets before signing → signature → registration with a number and distribution (核发,
art. 52: electronic documents, transmitted and handled online).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from zhengwu.core.decisions import Decision
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.documents.rules.intake import ADMINISTRATOR, OFFICE_LEADERS, UnitRef
from zhengwu.documents.rules.signing import SigningRequirement
from zhengwu.org.rules import UNIT_DEPUTY, UNIT_HEAD, PositionFact

GOVERNMENT = "government"
OFFICE = "office"
SUPERIOR = "superior"
COUNTY = "county"
UNIT_LEADERS = frozenset({UNIT_HEAD, UNIT_DEPUTY})

# Which numbering kind (see zhengwu.documents.numbering.PREFIX_KINDS) a document takes by default,
# after its issuer's 机关代字: the government's 克政发 / 克政函, the office's (代字 克政办) 克政办发 /
# 克政办函, a department's 克发改发 / 克发改函.
LETTER = "han"


def default_number_kind(doc_type: str) -> str:
    return "han" if doc_type == LETTER else "fa"


def direction_for(issuer: UnitRef, issuer_parent_id: int | None, recipients: Sequence[UnitRef],
                  recipient_parent_ids: Sequence[int | None]) -> str:
    """上行 to a superior (the issuer's parent, or an organ above the government), 下行 to the
    issuer's subordinates (or, from the office, the government's), else 平行."""
    if any(r.kind == SUPERIOR or r.id == issuer_parent_id for r in recipients):
        return "up"
    own = {issuer.id} | ({issuer_parent_id} if issuer.kind == OFFICE and issuer_parent_id else set())
    if recipients and all(parent in own for parent in recipient_parent_ids):
        return "down"
    return "parallel"


def may_draft(actor_positions: Sequence[PositionFact], issuer: UnitRef, office_unit_id: int | None,
              rb: RulebookView) -> Decision:
    """A unit's staff draft its documents; the government's own documents are drafted by its office."""
    citation = rb.cite("documents.paperless")
    drafting_unit = office_unit_id if issuer.kind == GOVERNMENT else issuer.id
    if any(p.unit_id == drafting_unit and p.kind != ADMINISTRATOR for p in actor_positions):
        return Decision.allow("outgoing.drafter", f"起草以{issuer.name}名义发出的公文。", citation)
    who = "政府办公室" if issuer.kind == GOVERNMENT else issuer.name
    return Decision.refuse(
        "outgoing.not_drafter", f"以{issuer.name}名义发出的公文由{who}的工作人员起草。", citation,
        "Only the drafting unit's staff draft and revise this document.",
    )


def may_review(actor_positions: Sequence[PositionFact], issuer: UnitRef, rb: RulebookView) -> Decision:
    """Review (审核) before signature: 文种, format, 行文规则, coordination.  The government office's
    leadership reviews the government's and its own documents (art. 51); a department's or
    county's leadership (head, deputies) reviews its own."""
    citation = rb.cite("review.office_opinion")
    if issuer.kind in {GOVERNMENT, OFFICE}:
        if any(p.kind in OFFICE_LEADERS for p in actor_positions):
            return Decision.allow("outgoing.reviewer", "政府办公室负责同志审核。", citation)
        return Decision.refuse(
            "outgoing.not_reviewer", "发文由秘书长、副秘书长或办公室主任审核把关，您无权审核。", citation,
            "The 秘书长, a 副秘书长 or the office director reviews documents before signature.",
        )
    if any(p.unit_id == issuer.id and p.kind in UNIT_LEADERS for p in actor_positions):
        return Decision.allow("outgoing.unit_reviewer", f"{issuer.name}负责同志审核。", citation)
    return Decision.refuse(
        "outgoing.not_unit_reviewer", f"以{issuer.name}名义发出的公文由该单位负责同志审核把关，您无权审核。",
        citation, "The issuing unit's head or deputies review its documents before signature.",
    )


def may_issue(actor_positions: Sequence[PositionFact], office_unit_id: int | None, issuer: UnitRef,
              rb: RulebookView) -> Decision:
    """登记 (numbering) and 核发 (distribution online, art. 52): the office for the government's and
    its own documents, the issuing unit for its own."""
    citation = rb.cite("documents.paperless")
    unit = office_unit_id if issuer.kind in {GOVERNMENT, OFFICE} else issuer.id
    if any(p.unit_id == unit and p.kind != ADMINISTRATOR for p in actor_positions):
        return Decision.allow("outgoing.issuer_staff", "登记编号并网上分送。", citation)
    return Decision.refuse(
        "outgoing.not_issuer_staff", f"以{issuer.name}名义发出的公文由其文电人员登记、印发。", citation,
        "Only the issuing unit's (or, for the government, the office's) staff register and issue it.",
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
        f"{requirement.message.rstrip('。')}；签发前尚待：{waiting}，您不在其列。", requirement.citation,
        "You are not one of the people who must review or agree before signature.",
    )


def may_receive_delivery(actor_positions: Sequence[PositionFact], unit: UnitRef, received: bool,
                         rb: RulebookView) -> Decision:
    """签收 of a delivered document: the recipient unit's staff, once."""
    citation = rb.cite("documents.paperless")
    if received:
        return Decision.refuse("delivery.received", f"{unit.name}已经签收这份公文。", citation)
    if any(p.unit_id == unit.id and p.kind != ADMINISTRATOR for p in actor_positions):
        return Decision.allow("delivery.recipient", f"{unit.name}签收。", citation)
    return Decision.refuse("delivery.not_recipient", f"这份公文送达{unit.name}，只能由该单位人员签收。", citation,
                           "Only the recipient unit's staff sign for a delivered document.")
