"""Joint outgoing documents (联合发文): every issuing body countersigns before signature (art. 50,
provision ``countersign.consult``; 《党政机关公文处理工作条例》: 联合发文由所有联署机关的负责人会签).

The lead body is the document's ``issuer``; the others are its ``co_issuers``.  Each co-issuer's
head (or acting head) countersigns the current version; the art. 49 signer signs only then."""

from __future__ import annotations

import pytest

from tests.documents.conftest import notified, unit
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Refused
from zhengwu.documents.actions.outgoing import (
    countersign_joint,
    draft_outgoing,
    issue,
    record_signing_step,
    review,
    revise_outgoing,
    sign,
    submit_for_review,
)
from zhengwu.documents.models import Delivery, DocState, Document, OpinionKind
from zhengwu.documents.selectors import signing_requirement_for

pytestmark = pytest.mark.usefixtures("frozen")

BODY = "各县（市）人民政府：\n为推进重大项目用地保障工作，现就有关事项通知如下。"
# A 「经自治州人民政府同意」 department document: 刘振东 (分管 发展改革 and 自然资源) signs it (签批, art. 49).
FACTS = {"agreed_by_government": True, "concerned_units": ["fgw", "zrzyj"]}


def joint(user, *co_issuers: str) -> Document:
    """The 发展改革委 (lead) with ``co_issuers``, to two counties, reviewed and awaiting signature."""
    doc = draft_outgoing(
        user("fgw_clerk"),
        unit("fgw"),
        "tongzhi",
        "关于做好重大项目用地保障工作的通知",
        BODY,
        [unit("atushi"), unit("akto")],
        [unit("gov")],
        signing_facts=FACTS,
        co_issuers=[unit(c) for c in co_issuers],
    )
    submit_for_review(user("fgw_clerk"), doc)
    review(user("fgw_head"), doc, True, "")
    return doc


@pytest.mark.article(50)
def test_signing_waits_for_every_co_issuer_and_names_who_is_missing(user) -> None:
    doc = joint(user, "zrzyj", "czj")
    assert [u.code for u in doc.co_issuers.all()] == ["czj", "zrzyj"]
    assert "本件为联合发文，签发前须经州财政局、州自然资源局负责人会签" in signing_requirement_for(doc).summary
    assert {"zrzyj_head", "czj_head"} <= notified("联合发文待会签")
    with pytest.raises(Refused) as refused:
        sign(user("vice_liu"), doc)
    assert refused.value.decisions[0].code == "joint.incomplete"
    assert "尚待州财政局、州自然资源局负责人会签，暂不能签发（《工作规则》第五十条）" in refused.value.explanations[0]
    assert refused.value.decisions[0].citation.provision == "countersign.consult"

    countersign_joint(user("czj_head"), doc)
    with pytest.raises(Refused) as still:
        sign(user("vice_liu"), doc)
    assert "尚待州自然资源局负责人会签" in still.value.explanations[0]
    assert "州财政局" not in still.value.explanations[0]
    doc.refresh_from_db()
    assert doc.state == DocState.AWAITING_SIGNATURE


@pytest.mark.article(50)
def test_only_a_co_issuers_head_countersigns(user) -> None:
    doc = joint(user, "zrzyj")
    for outsider in ("fgw_head", "czj_head", "fgw_clerk", "governor"):
        with pytest.raises(Refused) as refused:
            countersign_joint(user(outsider), doc)
        assert refused.value.decisions[0].code == "joint.not_head"
        assert "州自然资源局（韩梅（局长））" in refused.value.explanations[0]
    opinion = countersign_joint(user("zrzyj_head"), doc, "同意联合印发。")
    assert (opinion.kind, opinion.unit.code, opinion.version.number) == (OpinionKind.JOINT_COUNTERSIGN, "zrzyj", 1)
    assert opinion.get_kind_display() == "联合发文会签"
    with pytest.raises(Refused) as twice:
        countersign_joint(user("zrzyj_head"), doc)
    assert twice.value.decisions[0].code == "joint.already"
    record = AuditRecord.objects.get(action="documents.outgoing.joint_countersign", object_id=str(doc.pk))
    assert record.article == 50
    assert "fgw_head" in notified("州自然资源局已会签联合发文")


@pytest.mark.article(50)
def test_a_document_that_is_not_joint_has_nothing_to_countersign(user) -> None:
    with pytest.raises(Refused) as lead:
        draft_outgoing(
            user("fgw_clerk"),
            unit("fgw"),
            "tongzhi",
            "通知",
            BODY,
            [unit("atushi")],
            signing_facts=FACTS,
            co_issuers=[unit("fgw")],
        )
    assert lead.value.decisions[0].code == "joint.lead_is_co_issuer"
    doc = joint(user)
    with pytest.raises(Refused) as refused:
        countersign_joint(user("zrzyj_head"), doc)
    assert refused.value.decisions[0].code == "joint.not_joint"
    assert "联合发文" not in signing_requirement_for(doc).summary


@pytest.mark.article(49, 50)
def test_all_countersigned_the_signer_signs_and_the_issued_document_reaches_its_recipients(user) -> None:
    doc = joint(user, "zrzyj")
    countersign_joint(user("zrzyj_head"), doc)
    with pytest.raises(Refused):
        sign(user("zrzyj_head"), doc)  # a co-issuer countersigns; the art. 49 signer signs
    assert signing_requirement_for(doc).code == "signing.agreed"  # both in 刘振东's portfolio
    sign(user("vice_liu"), doc)
    doc.refresh_from_db()
    assert (doc.state, doc.signer.name) == (DocState.SIGNED, "刘振东")

    issue(user("fgw_clerk"), doc)
    doc.refresh_from_db()
    assert doc.state == DocState.ISSUED
    assert doc.number.startswith("克发改发〔2026〕")
    deliveries = {d.unit.code: (d.copy_number, d.is_copy) for d in Delivery.objects.filter(document=doc)}
    assert deliveries == {"atushi": (1, False), "akto": (2, False), "gov": (3, True)}


@pytest.mark.article(49, 50)
def test_a_joint_document_across_portfolios_is_approved_by_the_governor_or_executive(user) -> None:
    """The 财政局 is the 常务副州长's portfolio, the others 刘振东's: every leader concerned reviews,
    then the 州长 or 常务副州长 签批 (art. 49); the co-issuers are concerned without being named."""
    doc = joint(user, "zrzyj", "czj")
    requirement = signing_requirement_for(doc)
    assert requirement.code == "signing.agreed_across"
    assert requirement.who.startswith(
        "签批人：买买提·艾力（州长）或张建华（常务副州长）；此前：刘振东（副州长）审核同意"
    )
    countersign_joint(user("zrzyj_head"), doc)
    countersign_joint(user("czj_head"), doc)
    with pytest.raises(Refused) as refused:
        sign(user("vice_liu"), doc)
    assert refused.value.decisions[0].code == "signing.not_signer"
    with pytest.raises(Refused) as early:
        sign(user("governor"), doc)
    assert "尚待刘振东（副州长）审核同意，张建华（常务副州长）审核同意" in early.value.explanations[0]
    record_signing_step(user("vice_liu"), doc, "同意。")
    sign(user("exec_vice"), doc)  # his own portfolio's review is done by signing
    doc.refresh_from_db()
    assert (doc.state, doc.signer.name) == (DocState.SIGNED, "张建华")


@pytest.mark.article(50, 51)
def test_a_revision_after_countersign_asks_the_co_issuers_again(user) -> None:
    doc = joint(user, "zrzyj")
    countersign_joint(user("zrzyj_head"), doc)
    revise_outgoing(user("fgw_clerk"), doc, BODY + "\n一、严格用地审批。")
    assert doc.state == DocState.REVIEWING  # revised while awaiting signature: reviewed again
    assert "fgw_head" in notified("修改后重新审核")
    review(user("fgw_head"), doc, True, "")
    with pytest.raises(Refused) as refused:
        sign(user("vice_liu"), doc)
    assert "尚待州自然资源局负责人会签" in refused.value.explanations[0]
    countersign_joint(user("zrzyj_head"), doc)
    sign(user("vice_liu"), doc)
    assert doc.state == DocState.SIGNED


@pytest.mark.article(6, 50)
def test_the_acting_head_of_a_co_issuer_countersigns_while_the_head_is_away(user) -> None:
    from zhengwu.org.actions import report_absence
    from zhengwu.org.models import Person, Position

    doc = draft_outgoing(
        user("zrzyj_head"),
        unit("zrzyj"),
        "tongzhi",
        "关于做好重大项目用地保障工作的通知",
        BODY,
        [unit("atushi")],
        signing_facts=FACTS,
        co_issuers=[unit("fgw")],
    )
    head = Person.objects.get(user__username="fgw_head")
    deputy = Position.objects.get(unit__code="fgw", kind="unit_deputy")
    day = doc.created_at.date()
    report_absence(user("fgw_head"), head, day, day, "乌鲁木齐", "trip", entrust_to=deputy)
    countersign_joint(user("fgw_deputy"), doc)
    record = AuditRecord.objects.get(action="documents.outgoing.joint_countersign", object_id=str(doc.pk))
    assert record.acting_for == "主任"
