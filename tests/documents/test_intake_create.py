"""Drafting a submission to the government and revising it (arts. 48, 52, 61)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.documents.conftest import unit
from zhengwu.audit.models import AuditRecord
from zhengwu.audit.services import action_records
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.documents.actions.intake import create_submission, revise
from zhengwu.documents.models import DocState, Document, DocumentVersion, Opinion
from zhengwu.notices.models import Notice
from zhengwu.org.models import Person

pytestmark = pytest.mark.usefixtures("frozen")


def written() -> dict[str, int]:
    return {
        "documents": Document.objects.count(),
        "versions": DocumentVersion.objects.count(),
        "opinions": Opinion.objects.count(),
        "audit": action_records().count(),
        "notices": Notice.objects.count(),
    }


def draft(actor, **overrides) -> Document:
    args: dict[str, Any] = {
        "issuer": unit("fgw"),
        "doc_type": "qingshi",
        "title": "关于启动公路改建项目前期工作的请示",
        "body": "州人民政府：……妥否，请批示。",
        "request_items": ["同意启动公路改建项目前期工作"],
        "main_recipients": [unit("gov")],
        "copy_recipients": [],
    }
    args.update(overrides)
    return create_submission(actor, **args)


@pytest.mark.article(48)
def test_a_department_clerk_drafts_a_request(user) -> None:
    before = written()
    doc = draft(
        user("fgw_clerk"),
        request_items=["  同意启动公路改建项目前期工作 ", ""],
        copy_recipients=[unit("czj")],
        urgency="urgent",
    )

    assert doc.state == DocState.DRAFT
    assert (doc.flow, doc.direction, doc.doc_type) == ("submission", "up", "qingshi")
    assert doc.request_items == ["同意启动公路改建项目前期工作"]
    assert [u.code for u in doc.main_recipients.all()] == ["gov"]
    assert [u.code for u in doc.copy_recipients.all()] == ["czj"]
    assert doc.created_by.username == "fgw_clerk"
    assert doc.rulebook_version.code == "kizilsu-work-rules"
    [version] = doc.versions.all()
    assert (version.number, version.frozen, version.body) == (1, False, "州人民政府：……妥否，请批示。")

    record = AuditRecord.objects.get(action="documents.intake.create", object_id=str(doc.pk))
    assert (record.article, record.actor_name) == (48, "孙磊")
    assert written() == {
        **before,
        "documents": before["documents"] + 1,
        "versions": before["versions"] + 1,
        "audit": before["audit"] + 1,
    }


@pytest.mark.article(48)
def test_the_office_does_not_draft_in_a_departments_name(user) -> None:
    before = written()
    with pytest.raises(Refused) as refused:
        draft(user("clerk_wendian"))
    assert refused.value.explanations == [
        "只有州发展改革委的工作人员可以起草、修改以该单位名义报送的公文（《工作规则》第四十八条）"
    ]
    assert written() == before


@pytest.mark.article(48)
def test_a_notice_is_not_submitted_upward(user) -> None:
    before = written()
    with pytest.raises(Refused) as refused:
        draft(user("fgw_clerk"), doc_type="tongzhi", request_items=[])
    [decision] = refused.value.decisions
    assert decision.code == "intake.wrong_doc_type"
    assert written() == before


@pytest.mark.article(48)
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "  "}, "title"),
        ({"doc_type": "memo"}, "doc_type"),
        ({"classification": "very_secret"}, "classification"),
        ({"urgency": "asap"}, "urgency"),
        ({"main_recipients": []}, "main_recipients"),
        ({"request_items": "同意"}, "request_items"),
    ],
)
def test_bad_input_writes_nothing(user, overrides, field: str) -> None:
    before = written()
    with pytest.raises(InvalidInput) as bad:
        draft(user("fgw_clerk"), **overrides)
    assert bad.value.field == field
    assert written() == before


@pytest.mark.article(48)
def test_empty_title_says_so(user) -> None:
    with pytest.raises(InvalidInput, match="请填写公文标题"):
        draft(user("fgw_clerk"), title="")


@pytest.mark.article(48)
def test_a_body_is_not_both_addressed_and_copied(user) -> None:
    before = written()
    with pytest.raises(InvalidInput) as bad:
        draft(user("fgw_clerk"), copy_recipients=[unit("gov")])
    assert bad.value.field == "copy_recipients"
    assert written() == before


@pytest.mark.article(61)
def test_classified_above_the_ceiling_is_refused_at_once(user) -> None:
    before = written()
    with pytest.raises(Refused) as refused:
        draft(user("fgw_clerk"), classification="secret")
    [decision] = refused.value.decisions
    assert decision.code == "confidentiality.above_ceiling"
    assert decision.citation is not None
    assert decision.citation.article == 61
    assert "本系统只能处理非密及以下的公文，本件为秘密件" in decision.explanation
    assert written() == before


@pytest.mark.article(61)
def test_an_installation_cleared_for_secret_takes_it(user, settings) -> None:
    settings.ZHENGWU_CLASSIFICATION_CEILING = "secret"
    doc = draft(user("fgw_clerk"), classification="secret")
    assert doc.classification == "secret"


@pytest.mark.article(48)
def test_revising_a_draft_adds_a_version(user) -> None:
    doc = draft(user("fgw_clerk"), request_items=["事项一", "事项二"])
    version = revise(
        user("fgw_clerk"),
        doc,
        "第二稿正文。",
        request_items=["事项一"],
        title="关于事项一的请示",
        copy_recipients=[unit("czj")],
    )

    doc.refresh_from_db()
    assert version.number == 2
    assert [v.body for v in doc.versions.order_by("number")] == ["州人民政府：……妥否，请批示。", "第二稿正文。"]
    assert (doc.title, doc.request_items, doc.state) == ("关于事项一的请示", ["事项一"], DocState.DRAFT)
    assert [u.code for u in doc.copy_recipients.all()] == ["czj"]
    record = AuditRecord.objects.get(action="documents.intake.revise", object_id=str(doc.pk))
    assert record.details["changed"] == ["title", "request_items", "copy_recipients"]
    assert record.article == 48


@pytest.mark.article(48)
def test_revise_can_clear_the_leader_addressed(user) -> None:
    liu = Person.objects.get(user__username="vice_liu")
    doc = draft(user("fgw_clerk"), addressed_person=liu)
    revise(user("fgw_clerk"), doc, "改为报送州人民政府。")
    doc.refresh_from_db()
    assert doc.addressed_person == liu  # kept unless given
    revise(user("fgw_clerk"), doc, "改为报送州人民政府。", addressed_person=None)
    doc.refresh_from_db()
    assert doc.addressed_person is None


@pytest.mark.article(48)
def test_another_unit_does_not_revise(user) -> None:
    doc = draft(user("fgw_clerk"))
    before = written()
    with pytest.raises(Refused):
        revise(user("czj_head"), doc, "改稿")
    assert written() == before


@pytest.mark.article(52)
def test_a_submitted_document_is_not_revised(user) -> None:
    doc = draft(user("fgw_clerk"))
    Document.objects.filter(pk=doc.pk).update(state=DocState.SUBMITTED)
    before = written()
    with pytest.raises(Refused) as refused:
        revise(user("fgw_clerk"), doc, "改稿")
    assert refused.value.explanations == ["公文当前状态为“已报送，待签收”，不能修改（《工作规则》第四十八条）"]
    assert written() == before


@pytest.mark.article(61)
def test_revise_may_not_raise_the_classification_above_the_ceiling(user) -> None:
    doc = draft(user("fgw_clerk"))
    before = written()
    with pytest.raises(Refused) as refused:
        revise(user("fgw_clerk"), doc, "改稿", classification="confidential")
    citation = refused.value.decisions[0].citation
    assert citation is not None
    assert citation.article == 61
    assert written() == before
