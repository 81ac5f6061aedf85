"""Signing and submitting a document to the government (art. 49, last row; arts. 50, 52)."""

from __future__ import annotations

import pytest

from tests.documents.conftest import D, notified, unit
from zhengwu.audit.models import AuditRecord
from zhengwu.audit.services import action_records
from zhengwu.core.decisions import Refused
from zhengwu.documents.actions.countersign import request_countersign
from zhengwu.documents.actions.intake import create_submission, sign_and_submit
from zhengwu.documents.models import DocState, Document, DocumentVersion, Opinion
from zhengwu.notices.models import Notice
from zhengwu.org.actions import report_absence
from zhengwu.org.models import Person, Position

pytestmark = pytest.mark.usefixtures("frozen")

NOT_THE_HEAD = (
    "报送州人民政府审批的公文由本单位行政主要负责人签发，州发展改革委目前由周强（主任）签发；{who}无权签发"
    "（《工作规则》第四十九条）"
)


def written() -> dict[str, int]:
    return {
        "documents": Document.objects.count(),
        "frozen": DocumentVersion.objects.filter(frozen=True).count(),
        "opinions": Opinion.objects.count(),
        "audit": action_records().count(),
        "notices": Notice.objects.count(),
    }


def draft(actor) -> Document:
    return create_submission(
        actor,
        unit("fgw"),
        "qingshi",
        "关于启动公路改建项目前期工作的请示",
        "州人民政府：……妥否，请批示。",
        ["同意启动公路改建项目前期工作"],
        [unit("gov")],
        [],
    )


@pytest.mark.article(49)
def test_the_head_signs_and_submits(user) -> None:
    doc = draft(user("fgw_clerk"))
    submitted = sign_and_submit(user("fgw_head"), doc)

    assert submitted.state == doc.state == DocState.SUBMITTED  # the caller's instance sees it too
    assert submitted.signer is not None
    assert submitted.signer.name == "周强"
    assert submitted.signed_at is not None
    assert submitted.signed_at.isoformat().startswith("2026-12-01T01:00")
    [version] = submitted.versions.all()
    assert version.frozen

    record = AuditRecord.objects.get(action="documents.intake.submit", object_id=str(doc.pk))
    assert (record.article, record.actor_name, record.acting_for) == (49, "周强", "")
    assert record.details["version"] == 1
    assert notified("待签收") == {"clerk_wendian", "office_director"}


@pytest.mark.article(49)
@pytest.mark.parametrize(("username", "name"), [("fgw_clerk", "孙磊"), ("fgw_deputy", "马丽"), ("czj_head", "吴刚")])
def test_only_the_head_signs(user, username: str, name: str) -> None:
    doc = draft(user("fgw_clerk"))
    before = written()
    with pytest.raises(Refused) as refused:
        sign_and_submit(user(username), doc)
    assert refused.value.explanations == [NOT_THE_HEAD.format(who=name)]
    assert written() == before
    doc.refresh_from_db()
    assert (doc.state, doc.signer) == (DocState.DRAFT, None)


@pytest.mark.article(49)
def test_the_deputy_signs_while_the_head_is_away_and_has_handed_over(user) -> None:
    head = Person.objects.get(user__username="fgw_head")
    deputy_position = Position.objects.get(appointments__person__user__username="fgw_deputy")
    report_absence(user("fgw_head"), head, D(2026, 12, 1), D(2026, 12, 4), "北京", "study", entrust_to=deputy_position)
    doc = draft(user("fgw_clerk"))

    with pytest.raises(Refused):  # the head handed over: the deputy holds the head's authority meanwhile
        sign_and_submit(user("fgw_head"), doc)
    submitted = sign_and_submit(user("fgw_deputy"), doc)

    assert submitted.state == DocState.SUBMITTED
    assert submitted.signer is not None
    assert submitted.signer.name == "马丽"
    record = AuditRecord.objects.get(action="documents.intake.submit", object_id=str(doc.pk))
    assert (record.article, record.actor_name, record.acting_for) == (49, "马丽", "州发展改革委主任")
    assert record.details["acting"] is True


@pytest.mark.article(49)
def test_a_deputy_without_a_handover_does_not_sign(user) -> None:
    head = Person.objects.get(user__username="fgw_head")
    report_absence(user("fgw_head"), head, D(2026, 12, 1), D(2026, 12, 4), "北京", "study")
    doc = draft(user("fgw_clerk"))
    with pytest.raises(Refused):
        sign_and_submit(user("fgw_deputy"), doc)


@pytest.mark.article(49, 50)
def test_not_submitted_while_countersign_is_outstanding(user) -> None:
    doc = draft(user("fgw_clerk"))
    request_countersign(user("fgw_clerk"), doc, [unit("czj")])
    before = written()
    with pytest.raises(Refused) as refused:
        sign_and_submit(user("fgw_head"), doc)
    [decision] = refused.value.decisions
    assert decision.citation is not None
    assert decision.citation.article == 50
    assert "州财政局尚未回复" in decision.explanation
    assert written() == before
    doc.refresh_from_db()
    assert doc.state == DocState.COUNTERSIGNING


@pytest.mark.article(49)
def test_a_submitted_document_is_not_signed_again(user) -> None:
    doc = sign_and_submit(user("fgw_head"), draft(user("fgw_clerk")))
    before = written()
    with pytest.raises(Refused) as refused:
        sign_and_submit(user("fgw_head"), doc)
    assert refused.value.decisions[0].code == "state.wrong"
    assert written() == before


@pytest.mark.article(52)
def test_a_returned_document_is_corrected_before_it_goes_again(user) -> None:
    doc = sign_and_submit(user("fgw_head"), draft(user("fgw_clerk")))
    Document.objects.filter(pk=doc.pk).update(state=DocState.RETURNED)
    before = written()
    with pytest.raises(Refused) as refused:
        sign_and_submit(user("fgw_head"), doc)
    assert refused.value.explanations == [
        "退回的公文应当按退文理由修改后重新报送，本件退回后尚未修改（《工作规则》第五十二条）"
    ]
    assert written() == before
