"""Cooperation agreements in the government's name are reviewed by the 司法局 before they are
signed (art. 52, provision ``agreement.legal_review``): the unit doing legality review is found by
its configured function (``Unit.functions`` containing ``legal_review``), not by its code."""

from __future__ import annotations

import pytest

from tests.documents.conftest import notified, unit
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.documents.actions.outgoing import (
    draft_outgoing,
    record_legal_review,
    record_signing_step,
    review,
    revise_outgoing,
    sign,
    submit_for_review,
)
from zhengwu.documents.models import DocState, Document, OpinionKind
from zhengwu.documents.selectors import signing_requirement_for, units_with_function

pytestmark = pytest.mark.usefixtures("frozen")

BODY = "甲方：克孜勒苏柯尔克孜自治州人民政府\n乙方：某某集团有限公司\n双方就共建产业园区达成如下协议。"
FACTS = {"cooperation_agreement": True, "important": True, "concerned_units": ["fgw"]}


def agreement(user) -> Document:
    """A cooperation agreement drafted by the office in the government's name, reviewed by the
    office and awaiting signature (art. 49: 刘振东 reviews, the 州长 or 常务副州长 signs)."""
    doc = draft_outgoing(
        user("clerk_wendian"),
        unit("gov"),
        "han",
        "关于共建产业园区的合作协议",
        BODY,
        [unit("fgw")],
        signing_facts=FACTS,
    )
    submit_for_review(user("clerk_wendian"), doc)
    review(user("office_director"), doc, True, "格式符合要求。")
    record_signing_step(user("vice_liu"), doc, "同意。")
    return doc


def test_the_legal_review_unit_is_configuration(db) -> None:
    assert [u.code for u in units_with_function("legal_review")] == ["sfj"]
    assert [u.code for u in units_with_function("foreign_affairs")] == ["wsb"]
    assert [u.code for u in units_with_function("petitions")] == ["xfj"]


@pytest.mark.article(52)
def test_an_agreement_cannot_be_signed_before_the_legal_review(user) -> None:
    doc = agreement(user)
    assert "州司法局合法性审核" in signing_requirement_for(doc).summary
    assert "sfj_head" in notified("待合法性审核")
    with pytest.raises(Refused) as refused:
        sign(user("governor"), doc)
    assert refused.value.decisions[0].code == "agreement.not_reviewed"
    assert "须经州司法局合法性审核后方能签署（《工作规则》第五十二条）" in refused.value.explanations[0]
    doc.refresh_from_db()
    assert doc.state == DocState.AWAITING_SIGNATURE


@pytest.mark.article(52)
def test_only_the_legal_review_units_staff_review(user) -> None:
    doc = agreement(user)
    for outsider in ("fgw_clerk", "clerk_wendian", "governor"):
        with pytest.raises(Refused) as refused:
            record_legal_review(user(outsider), doc, True, "")
        assert refused.value.decisions[0].code == "agreement.not_legal_reviewer"
        assert "（《工作规则》第五十二条）" in refused.value.explanations[0]
        assert refused.value.decisions[0].citation.provision == "agreement.legal_review"
    assert not doc.opinions.filter(kind=OpinionKind.LEGAL_REVIEW).exists()

    opinion = record_legal_review(user("sfj_clerk"), doc, True, "协议条款符合法律法规规定。")
    assert (opinion.kind, opinion.passed, opinion.unit.code, opinion.version.number) == (
        OpinionKind.LEGAL_REVIEW,
        True,
        "sfj",
        1,
    )
    assert opinion.get_kind_display() == "合法性审核意见"
    record = AuditRecord.objects.get(action="documents.outgoing.legal_review", object_id=str(doc.pk))
    assert (record.article, record.details["passed"]) == (52, True)
    assert {"office_director", "clerk_wendian"} <= notified("合法性审核通过")


@pytest.mark.article(52)
def test_a_failed_review_still_blocks_a_passed_one_lets_the_art_49_signer_sign(user) -> None:
    doc = agreement(user)
    with pytest.raises(InvalidInput):
        record_legal_review(user("sfj_clerk"), doc, False, " ")  # a failure says why
    record_legal_review(user("sfj_clerk"), doc, False, "第五条违约责任约定不明确。")
    with pytest.raises(Refused) as refused:
        sign(user("governor"), doc)
    assert "审核未通过：第五条违约责任约定不明确" in refused.value.explanations[0]
    assert "clerk_wendian" in notified("合法性审核未通过")

    record_legal_review(user("sfj_head"), doc, True, "")
    with pytest.raises(Refused):
        sign(user("fgw_head"), doc)  # reviewed, but still only the art. 49 signer signs
    sign(user("governor"), doc)
    doc.refresh_from_db()
    assert doc.state == DocState.SIGNED
    assert doc.signer.name == "买买提·艾力"


@pytest.mark.article(49, 52)
def test_a_revision_after_the_review_needs_a_new_review(user) -> None:
    doc = agreement(user)
    record_legal_review(user("sfj_clerk"), doc, True, "")
    revise_outgoing(user("clerk_wendian"), doc, BODY + "\n第六条　争议解决。")
    assert doc.state == DocState.REVIEWING  # revised while awaiting signature: reviewed again
    review(user("office_director"), doc, True, "")
    with pytest.raises(Refused) as refused:
        sign(user("governor"), doc)
    codes = [d.code for d in refused.value.decisions]
    assert codes == ["agreement.review_stale", "signing.steps_pending"]
    assert "现为第2版" in refused.value.explanations[0]
    assert "尚待刘振东（副州长）审核" in refused.value.explanations[1]  # his review was of version 1
    record_legal_review(user("sfj_clerk"), doc, True, "修改后条款合法。")
    record_signing_step(user("vice_liu"), doc, "同意。")
    sign(user("governor"), doc)
    assert doc.state == DocState.SIGNED


@pytest.mark.article(52)
def test_only_government_agreements_are_marked_and_others_need_no_review(user) -> None:
    with pytest.raises(Refused) as refused:
        draft_outgoing(
            user("fgw_clerk"),
            unit("fgw"),
            "han",
            "合作协议",
            BODY,
            [unit("czj")],
            signing_facts={"cooperation_agreement": True},
        )
    assert refused.value.decisions[0].code == "agreement.not_government"
    with pytest.raises(InvalidInput):
        draft_outgoing(
            user("clerk_wendian"),
            unit("gov"),
            "han",
            "合作协议",
            BODY,
            [unit("fgw")],
            signing_facts={"cooperation_agreement": "yes"},
        )
    letter = draft_outgoing(
        user("clerk_wendian"),
        unit("gov"),
        "han",
        "关于商请支持的函",
        BODY,
        [unit("fgw")],
        signing_facts={"important": True, "concerned_units": ["fgw"]},
    )
    with pytest.raises(Refused) as not_agreement:
        record_legal_review(user("sfj_clerk"), letter, True, "")
    assert not_agreement.value.decisions[0].code == "agreement.not_agreement"
    assert "合法性审核" not in signing_requirement_for(letter).summary


@pytest.mark.article(52)
def test_the_reviewing_unit_follows_the_configuration(user) -> None:
    sfj, fgw = unit("sfj"), unit("fgw")
    doc = agreement(user)
    sfj.functions, fgw.functions = [], ["legal_review"]
    sfj.save(update_fields=["functions"])
    fgw.save(update_fields=["functions"])
    with pytest.raises(Refused):
        record_legal_review(user("sfj_clerk"), doc, True, "")
    record_legal_review(user("fgw_clerk"), doc, True, "")
    assert "州发展改革委合法性审核" in signing_requirement_for(doc).summary
    sign(user("governor"), doc)
    assert doc.state == DocState.SIGNED
