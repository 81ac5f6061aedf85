"""The art. 49 facts come from the document itself (its 文种, issuing body, main recipients, the
request it answers, its 主办/涉及 units), not from boxes ticked beside it; what the drafter
states is checked against the document.  Pure: plain data, no database."""

from __future__ import annotations

import pytest

from zhengwu.core.decisions import InvalidInput
from zhengwu.documents.rules.signing import SigningHolders, signing_requirement
from zhengwu.documents.rules.signing_facts import (
    DocumentData,
    UnitData,
    check_stated,
    concerned_units,
    derive,
    problem,
)
from zhengwu.org.rules import Holder, PositionFact

pytestmark = pytest.mark.article(49)

GOV = UnitData("gov", "government", "州人民政府")
OFFICE = UnitData("office", "office", "州政府办公室")
FGW = UnitData("fgw", "department", "州发展改革委")
ZRZYJ = UnitData("zrzyj", "department", "州自然资源局")
CZJ = UnitData("czj", "department", "州财政局")
XFJ = UnitData("xfj", "direct_unit", "州信访局")
ATUSHI = UnitData("atushi", "county", "阿图什市")
REGION = UnitData("xj-gov", "superior", "自治区人民政府")
PARTY = UnitData("party-committee", "superior", "州党委")
NPC = UnitData("npc-standing", "superior", "州人大常委会")
CPPCC = UnitData("cppcc", "superior", "州政协")


def doc(
    issuer: UnitData = GOV,
    doc_type: str = "tongzhi",
    main: tuple[UnitData, ...] = (ATUSHI,),
    direction: str = "down",
    **kwargs,
) -> DocumentData:
    return DocumentData(issuer, doc_type, main, direction=direction, **kwargs)


def where(data: DocumentData) -> str | None:
    found = problem(data)
    return found.field if found else None


# ------------------------------------------------------------------ read off the document


@pytest.mark.parametrize(("doc_type", "label"), [("jueding", "决定"), ("mingling", "命令")])
def test_a_government_decision_or_order_is_published_and_needs_no_box(doc_type, label) -> None:
    derived = derive(doc(doc_type=doc_type))
    assert derived.facts.published_instrument
    assert f"文种为{label}" in derived.basis


def test_an_important_government_decision_is_signed_by_the_governor_not_the_executive(kizilsu) -> None:
    """Marked important, a 决定 still falls in the article's first row: the 州长 alone signs."""
    derived = derive(doc(doc_type="jueding", stated={"important": True}, concerned=(FGW,)))
    governor = Holder(1, "买买提·艾力", PositionFact(1, "governor", "州长", 100, "government", "州人民政府"))
    executive = Holder(
        2, "张建华", PositionFact(2, "executive_vice_governor", "常务副州长", 100, "government", "州人民政府")
    )
    liu = Holder(3, "刘振东", PositionFact(3, "vice_governor", "副州长", 100, "government", "州人民政府"))
    hs = SigningHolders(
        governor=governor, executive_vice_governor=executive, portfolio_leaders=(liu,), concerned=("州发展改革委",)
    )
    req = signing_requirement(derived.facts, hs, kizilsu)
    assert req.code == "signing.published"
    assert req.signer_person_ids == {1}


def test_a_normative_document_is_stated_because_it_is_no_doc_type_of_its_own() -> None:
    assert not derive(doc()).facts.published_instrument
    assert derive(doc(stated={"published_instrument": True})).facts.published_instrument


def test_a_motion_or_a_document_to_the_peoples_congress_goes_to_the_governor() -> None:
    assert derive(doc(doc_type="yian", main=(NPC,), direction="up")).facts.to_people_congress
    to_npc = derive(doc(doc_type="han", main=(NPC,), direction="up"))
    assert to_npc.facts.to_people_congress
    assert "主送州人大常委会" in to_npc.basis
    assert not derive(doc(doc_type="han", main=(CPPCC,), direction="up")).facts.to_people_congress


@pytest.mark.parametrize(("superior", "role"), [(REGION, "region_government"), (PARTY, "party_committee")])
def test_a_government_document_to_the_region_or_the_party_committee_goes_up_for_approval(superior, role) -> None:
    derived = derive(doc(doc_type="qingshi", main=(superior,), direction="up", stated={"important": True}))
    assert derived.facts.for_approval_by == role
    assert f"主送{superior.name}" in derived.basis


def test_a_departments_document_to_the_government_goes_for_approval_else_is_its_own() -> None:
    up = derive(doc(issuer=FGW, doc_type="qingshi", main=(GOV,), direction="up"))
    assert up.facts.to_government
    own = derive(doc(issuer=FGW, doc_type="han", main=(NPC,), direction="parallel"))
    assert not own.facts.to_government


# ------------------------------------------------------------------ the 主办/涉及 units


def test_concerned_units_default_to_the_requesting_unit_of_a_reply() -> None:
    reply = doc(doc_type="pifu", main=(FGW,), replies_to_issuer=FGW)
    assert concerned_units(reply) == (FGW,)
    named = doc(doc_type="pifu", main=(FGW,), replies_to_issuer=FGW, concerned=(ZRZYJ,))
    assert concerned_units(named) == (ZRZYJ,)  # the drafter's choice wins
    assert concerned_units(doc()) == ()  # a government notice: nothing to read it from


def test_a_departments_document_concerns_itself_and_its_co_issuers() -> None:
    joint = doc(issuer=FGW, co_issuers=(CZJ, GOV), concerned=(XFJ,))
    assert concerned_units(joint) == (FGW, CZJ, XFJ)


# ------------------------------------------------------------------ stated facts checked against the document


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (doc(stated={"importance": True}), "signing_facts.importance"),
        (doc(stated={"important": "yes"}), "signing_facts.important"),
        (doc(stated={"for_approval_by": "the_moon"}), "signing_facts.for_approval_by"),
        (doc(stated={"on_leader_instruction": True}), "signing_facts.on_leader_instruction"),
        (doc(stated={"agreed_by_government": True}), "signing_facts.agreed_by_government"),
        (doc(issuer=ATUSHI, main=(GOV,), stated={"agreed_by_government": True}), "signing_facts.agreed_by_government"),
        (doc(issuer=FGW, stated={"to_region_departments": True}), "signing_facts.to_region_departments"),
        (
            doc(issuer=OFFICE, stated={"on_leader_instruction": True, "within_office_competence": True}),
            "signing_facts.within_office_competence",
        ),
        (doc(issuer=FGW, stated={"spans_portfolios": True}), "signing_facts.spans_portfolios"),
        (doc(issuer=FGW, main=(GOV,), stated={"agreed_by_government": True}), "signing_facts.agreed_by_government"),
        (doc(issuer=FGW, main=(GOV,), stated={"to_government": False}), "signing_facts.to_government"),
        (
            doc(issuer=FGW, main=(ATUSHI,), stated={"agreed_by_government": True, "forwarding_request": True}),
            "signing_facts.forwarding_request",
        ),
        (doc(doc_type="jueding", stated={"published_instrument": False}), "signing_facts.published_instrument"),
        (doc(doc_type="yian", main=(NPC,), stated={"to_people_congress": False}), "signing_facts.to_people_congress"),
        (doc(stated={"to_people_congress": True}), "signing_facts.to_people_congress"),
        (doc(main=(REGION, PARTY), direction="up"), "main_recipients"),
        (
            doc(main=(REGION,), direction="up", stated={"for_approval_by": "party_committee"}),
            "signing_facts.for_approval_by",
        ),
        (doc(stated={"for_approval_by": "region_government"}), "signing_facts.for_approval_by"),
        (
            doc(main=(REGION,), direction="up", stated={"to_region_departments": True}),
            "signing_facts.to_region_departments",
        ),
        (doc(issuer=FGW, doc_type="yian", main=(NPC,)), "doc_type"),
        (doc(concerned=(GOV,)), "signing_facts.concerned_units"),
    ],
)
def test_a_statement_that_does_not_fit_the_document_is_refused_naming_the_field(data, field) -> None:
    assert where(data) == field


@pytest.mark.parametrize(
    "data",
    [
        doc(stated={"important": True}, concerned=(FGW,)),
        doc(doc_type="jueding", stated={"published_instrument": True}),
        doc(main=(REGION,), direction="up", stated={"for_approval_by": "region_government"}),
        doc(stated={"to_region_departments": True, "important": True}),
        doc(issuer=OFFICE, stated={"within_office_competence": True}),
        doc(issuer=OFFICE, stated={"forwarding_request": True}, concerned=(FGW,)),
        doc(issuer=FGW, stated={"agreed_by_government": True, "spans_portfolios": True}),
        doc(issuer=XFJ, main=(GOV,), stated={"to_government": True}),
        doc(stated={"cooperation_agreement": True}),
    ],
)
def test_statements_that_fit_pass(data) -> None:
    assert problem(data) is None


def test_where_the_organization_lacks_the_superior_a_stated_approval_stands() -> None:
    data = doc(stated={"for_approval_by": "party_committee"}, direction="up", main=(CPPCC,))
    assert problem(data, superiors={"xj-gov": "region_government"}) is None
    assert derive(data, superiors={"xj-gov": "region_government"}).facts.for_approval_by == "party_committee"


def test_the_refusal_is_invalid_input_citing_the_article(kizilsu) -> None:
    with pytest.raises(InvalidInput) as bad:
        check_stated(doc(doc_type="mingling", stated={"published_instrument": False}), kizilsu)
    assert bad.value.field == "signing_facts.published_instrument"
    assert bad.value.message.endswith("（《工作规则》第四十九条）。")
    assert "命令" in bad.value.message


def test_derivation_never_refuses_and_lets_the_document_win() -> None:
    """Documents drafted before the checks may carry statements the document contradicts."""
    derived = derive(
        doc(
            doc_type="jueding",
            stated={"published_instrument": False, "on_leader_instruction": True, "agreed_by_government": True},
        )
    )
    assert derived.facts.published_instrument
    assert not derived.facts.on_leader_instruction
    assert not derived.facts.agreed_by_government
