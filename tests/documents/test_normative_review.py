"""A normative document (规范性文件) passes the 司法局's legality review before it is signed, whatever
route it takes (arts. 20, 22): drafted straight in the documents flow as a 通知 marked as a
published instrument, or carried over from a draft of the legislation flow.  The review runs the
checker that flags 行政许可, 处罚, 强制…: passing a flagged text needs the reviewer's reasons."""

from __future__ import annotations

import pytest

from tests.documents.conftest import notified, unit
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.documents.actions.outgoing import (
    draft_outgoing,
    issue,
    record_legal_review,
    record_signing_step,
    review,
    revise_outgoing,
    sign,
    submit_for_review,
)
from zhengwu.documents.models import DocState, Document
from zhengwu.documents.selectors import signing_requirement_for

pytestmark = pytest.mark.usefixtures("frozen")

BODY = (
    "各县（市）人民政府，州直各部门：\n第一条 为规范城区占道经营，制定本办法。\n"
    "第二条 违反本办法占道经营的，处二千元罚款。"
)


def normative_notice(user) -> Document:
    """A 通知 in the government's name marked as a normative document it publishes, with a 「罚款」
    clause, reviewed by the office; the 分管 leader has reviewed it."""
    doc = draft_outgoing(
        user("clerk_wendian"),
        unit("gov"),
        "tongzhi",
        "克孜勒苏柯尔克孜自治州城区占道经营管理办法",
        BODY,
        [unit("fgw"), unit("atushi")],
        signing_facts={"published_instrument": True, "concerned_units": ["fgw"]},
    )
    submit_for_review(user("clerk_wendian"), doc)
    review(user("office_director"), doc, True, "格式符合要求。")
    record_signing_step(user("vice_liu"), doc, "同意。")
    return doc


@pytest.mark.article(20, 22)
def test_a_normative_notice_is_not_signed_or_issued_before_the_legality_review(user) -> None:
    doc = normative_notice(user)
    assert "sfj_head" in notified("待合法性审核：规范性文件")
    assert "合法性审核" in signing_requirement_for(doc).summary
    with pytest.raises(Refused) as refused:
        sign(user("governor"), doc)
    assert any("规范性文件须经" in e and "第二十二条" in e for e in refused.value.explanations)
    doc.refresh_from_db()
    assert doc.state == DocState.AWAITING_SIGNATURE
    with pytest.raises(Refused):
        issue(user("clerk_wendian"), doc)


@pytest.mark.article(20, 22)
def test_the_checker_flags_run_and_passing_a_flagged_text_needs_reasons(user) -> None:
    doc = normative_notice(user)
    with pytest.raises(Refused):
        record_legal_review(user("fgw_clerk"), doc, True, "")  # not the 司法局
    with pytest.raises(InvalidInput) as bare:
        record_legal_review(user("sfj_clerk"), doc, True, "")  # the 「罚款」 clause is flagged
    assert bare.value.field == "opinion"
    record_legal_review(user("sfj_clerk"), doc, False, "第二条设定罚款，超出规范性文件权限，请删除。")
    with pytest.raises(Refused):
        sign(user("governor"), doc)
    record = AuditRecord.objects.filter(action="documents.outgoing.legal_review", object_id=str(doc.pk)).get()
    assert record.article == 22
    assert [f["ground"] for f in record.details["flags"]] == ["行政处罚"]

    revise_outgoing(user("clerk_wendian"), doc, BODY.replace("处二千元罚款", "由有关部门依法处理"))
    review(user("office_director"), doc, True, "")
    record_signing_step(user("vice_liu"), doc, "同意。")
    record_legal_review(user("sfj_clerk"), doc, True, "")
    sign(user("governor"), doc)
    assert doc.state == DocState.SIGNED


@pytest.mark.article(20, 22)
def test_a_passed_review_counts_only_for_the_version_it_was_of(user) -> None:
    doc = normative_notice(user)
    record_legal_review(user("sfj_clerk"), doc, True, "第二条罚款系转述上位法规定，不属新设。")
    revise_outgoing(user("clerk_wendian"), doc, BODY + "\n第三条 本办法自印发之日起施行。")
    review(user("office_director"), doc, True, "")
    record_signing_step(user("vice_liu"), doc, "同意。")
    with pytest.raises(Refused) as refused:
        sign(user("governor"), doc)
    assert any("须经州司法局重新审核" in e or "重新审核" in e for e in refused.value.explanations)
