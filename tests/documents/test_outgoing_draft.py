"""Drafting an outgoing document (art. 49): who signs follows from the document itself — its 文种,
issuing body, recipients, the request it answers and its 主办/涉及 units — and a 分管 seat that
cannot be filled blocks the signature instead of being skipped.  The draft also carries its
co-issuers, 保密期限 and 附注."""

from __future__ import annotations

import pytest

from tests.documents.conftest import unit
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.documents.actions.outgoing import (
    draft_outgoing,
    record_signing_step,
    review,
    sign,
    submit_for_review,
)
from zhengwu.documents.models import DocState, Document
from zhengwu.documents.selectors import derived_facts, signing_requirement_for
from zhengwu.org.models import Unit, UnitKind

pytestmark = pytest.mark.usefixtures("frozen")

BODY = "各县（市）人民政府，州直各部门：\n现就有关事项通知如下。"
COUNTIES = ["atushi", "akto"]


def draft(
    user,
    doc_type: str = "tongzhi",
    main: list[str] | None = None,
    issuer: str = "gov",
    drafter: str = "clerk_wendian",
    **kwargs,
) -> Document:
    return draft_outgoing(
        user(drafter),
        unit(issuer),
        doc_type,
        "关于有关事项的通知",
        BODY,
        [unit(c) for c in (main or COUNTIES)],
        **kwargs,
    )


def to_signature(user, doc: Document, reviewer: str = "office_director") -> Document:
    submit_for_review(user("clerk_wendian" if doc.issuer.kind == "government" else "fgw_clerk"), doc)
    review(user(reviewer), doc, True, "")
    return doc


@pytest.mark.article(49)
def test_an_important_government_notice_naming_no_unit_is_refused_until_it_names_one(user) -> None:
    """The reviewer's case: such a notice was signed by the 常务副州长 with no 分管 review."""
    before = Document.objects.count()
    with pytest.raises(InvalidInput) as bad:
        draft(user, signing_facts={"important": True})
    assert bad.value.field == "signing_facts.concerned_units"
    assert "请注明本件的主办、涉及单位，以确定分管领导同志（《工作规则》第四十九条）" in bad.value.message
    assert Document.objects.count() == before

    notice = to_signature(user, draft(user, signing_facts={"important": True, "concerned_units": ["fgw"]}))
    assert signing_requirement_for(notice).who == (
        "签发人：买买提·艾力（州长）或张建华（常务副州长）；此前：刘振东（副州长）审核"
    )
    with pytest.raises(Refused) as refused:
        sign(user("exec_vice"), notice)
    assert refused.value.decisions[-1].code == "signing.steps_pending"
    record_signing_step(user("vice_liu"), notice, "同意。")
    sign(user("exec_vice"), notice)
    assert notice.state == DocState.SIGNED


@pytest.mark.article(49)
def test_a_document_whose_portfolio_leader_cannot_be_found_is_blocked_not_skipped(user) -> None:
    notice = to_signature(user, draft(user, signing_facts={"important": True, "concerned_units": ["fgw"]}))
    Document.objects.filter(pk=notice.pk).update(signing_facts={"important": True})  # drafted before the check
    notice.refresh_from_db()
    requirement = signing_requirement_for(notice)
    assert not requirement.decision.allowed
    assert "未能确定分管副州长：本件没有注明主办、涉及单位" in requirement.decision.explanation
    for signer in ("exec_vice", "governor"):
        with pytest.raises(Refused) as refused:
            sign(user(signer), notice)
        assert refused.value.decisions[-1].code == "signing.vacant"
        assert "（《工作规则》第四十九条）" in refused.value.explanations[-1]
    notice.refresh_from_db()
    assert notice.state == DocState.AWAITING_SIGNATURE


@pytest.mark.article(49)
def test_a_concerned_unit_with_no_portfolio_leader_is_named_in_the_block(user) -> None:
    Unit.objects.create(
        code="dag",
        name="克孜勒苏柯尔克孜自治州档案馆",
        short_name="州档案馆",
        kind=UnitKind.DIRECT_UNIT,
        parent=unit("gov"),
        sort_order=99,
    )
    notice = to_signature(user, draft(user, signing_facts={"important": True, "concerned_units": ["fgw", "dag"]}))
    record_signing_step(user("vice_liu"), notice, "同意。")
    with pytest.raises(Refused) as refused:
        sign(user("governor"), notice)
    assert "主办、涉及单位（州发展改革委、州档案馆）中，州档案馆当日没有分管领导同志" in refused.value.explanations[-1]


@pytest.mark.article(49)
def test_an_important_government_decision_is_signed_by_the_governor_not_the_executive(user) -> None:
    decision = to_signature(user, draft(user, "jueding", signing_facts={"important": True, "concerned_units": ["fgw"]}))
    requirement = signing_requirement_for(decision)
    assert requirement.code == "signing.published"
    assert requirement.who == "签发人：买买提·艾力（州长）；此前：刘振东（副州长）审核"
    assert "文种为决定" in derived_facts(decision).basis
    record_signing_step(user("vice_liu"), decision, "同意。")
    with pytest.raises(Refused) as refused:
        sign(user("exec_vice"), decision)
    assert "应由买买提·艾力（州长）签发" in refused.value.explanations[-1]
    sign(user("governor"), decision)
    assert decision.state == DocState.SIGNED


@pytest.mark.article(49)
def test_a_government_request_to_the_region_goes_up_and_is_not_called_xiafa(user) -> None:
    request = draft(user, "qingshi", ["xj-gov"], signing_facts={"concerned_units": ["zrzyj"]})
    assert request.direction == "up"
    requirement = signing_requirement_for(request)
    assert requirement.code == "signing.upward"
    assert "以州人民政府名义上报自治区人民政府审批的文件" in requirement.message
    assert "下发" not in requirement.summary
    assert requirement.signer_person_ids
    assert "刘振东（副州长）审核" in requirement.who
    to_party = draft(user, "qingshi", ["party-committee"], signing_facts={"concerned_units": ["jyj"]})
    assert "上报州党委审批" in signing_requirement_for(to_party).message


@pytest.mark.article(49)
def test_a_motion_to_the_peoples_congress_is_the_governors(user) -> None:
    motion = draft(user, "yian", ["npc-standing"], signing_facts={"concerned_units": ["sfj"]})
    requirement = signing_requirement_for(motion)
    assert requirement.code == "signing.published"
    assert "向州人大及其常委会提出的议案或人事任免" in requirement.message
    assert requirement.who == "签发人：买买提·艾力（州长）；此前：张建华（常务副州长）审核"


@pytest.mark.article(49)
def test_a_departments_letter_to_the_peoples_congress_is_its_own_signed_by_its_head(user) -> None:
    letter = draft(user, "han", ["npc-standing"], issuer="jyj", drafter="jyj_head")
    requirement = signing_requirement_for(letter)
    assert requirement.code == "signing.unit_own"
    assert requirement.who == "签发人：阿斯哈尔·努尔（局长）"


@pytest.mark.article(49)
def test_contradictory_or_misplaced_statements_are_refused_naming_the_field(user) -> None:
    before = Document.objects.count()
    cases = [
        (
            dict(doc_type="jueding", signing_facts={"published_instrument": False, "concerned_units": ["fgw"]}),
            "signing_facts.published_instrument",
        ),
        (dict(signing_facts={"on_leader_instruction": True}), "signing_facts.on_leader_instruction"),
        (
            dict(main=["xj-gov"], signing_facts={"for_approval_by": "party_committee", "concerned_units": ["fgw"]}),
            "signing_facts.for_approval_by",
        ),
        (dict(main=["xj-gov", "party-committee"], signing_facts={"concerned_units": ["fgw"]}), "main_recipients"),
        (dict(signing_facts={"important": True, "concerned_units": ["gov"]}), "signing_facts.concerned_units"),
        (dict(signing_facts={"important": True, "concerned_units": ["nowhere"]}), "signing_facts.concerned_units"),
        (dict(signing_facts={"important": True, "concerned_units": "fgw"}), "signing_facts.concerned_units"),
        (dict(classification="internal"), "secrecy_period"),
        (dict(secrecy_period="10年"), "secrecy_period"),
        (dict(note="注" * 301), "note"),
    ]
    for kwargs, field in cases:
        with pytest.raises(InvalidInput) as bad:
            draft(user, **kwargs)
        assert bad.value.field == field, (kwargs, bad.value.message)
    assert Document.objects.count() == before


@pytest.mark.article(49, 50)
def test_co_issuers_secrecy_period_and_note_are_kept(user, settings) -> None:
    settings.ZHENGWU_CLASSIFICATION_CEILING = "internal"  # an installation cleared for 工作秘密 (art. 61)
    doc = draft(
        user,
        issuer="fgw",
        drafter="fgw_clerk",
        co_issuers=[unit("zrzyj")],
        classification="internal",
        secrecy_period="6个月",
        note="此件发至县级。",
        signing_facts={"agreed_by_government": True},
    )
    doc.refresh_from_db()
    assert [u.code for u in doc.co_issuers.all()] == ["zrzyj"]
    assert (doc.secrecy_period, doc.note) == ("6个月", "此件发至县级。")
    assert doc.signing_facts == {"agreed_by_government": True, "concerned_units": ["fgw", "zrzyj"]}
    record = AuditRecord.objects.get(action="documents.outgoing.draft", object_id=str(doc.pk))
    assert record.details["derived"]["requirement"] == "signing.agreed"
