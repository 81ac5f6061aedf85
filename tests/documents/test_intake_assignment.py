"""Not addressed to a leader personally unless it answers that leader's own assignment, and no
越级 unless the unit states the special circumstance and copies the body it skipped (art. 48;
公文条例).  The assignment is a link to the record — the leader's 批示 or the document the leader
gave — and 初审 checks that this leader really gave it."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.documents.conftest import unit
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput
from zhengwu.documents.actions.intake import (
    check,
    create_submission,
    instruct,
    receive,
    revise,
    sign_and_submit,
    write_office_opinion,
)
from zhengwu.documents.models import (
    Delivery,
    Direction,
    DocState,
    DocType,
    Document,
    Flow,
    Opinion,
    OpinionKind,
)
from zhengwu.documents.services import documents_visible_to
from zhengwu.org.models import Person

pytestmark = [pytest.mark.article(48), pytest.mark.usefixtures("frozen")]


def person(username: str) -> Person:
    return Person.objects.select_related("user").get(user__username=username)


def instructed(user, *, major: bool = False, leader: str = "vice_liu") -> Opinion:
    """A 请示 of the 发展改革委 routed to ``leader`` (the 分管 副州长, or the 州长 for a major matter)
    and instructed by them: their 批示."""
    doc = create_submission(
        user("fgw_clerk"),
        unit("fgw"),
        "qingshi",
        "关于公路改建项目前期工作的请示",
        "州人民政府：……妥否，请批示。",
        ["同意启动前期工作"],
        [unit("gov")],
        [],
    )
    sign_and_submit(user("fgw_head"), doc)
    receive(user("clerk_wendian"), doc)
    assert check(user("clerk_wendian"), doc).passed
    write_office_opinion(user("office_director"), doc, "拟请领导阅示。", major=major)
    return instruct(user(leader), doc, "请发展改革委抓紧研究，月底前将进展情况报我。")


def report(user, addressed: str = "vice_liu", **kwargs) -> Document:
    return create_submission(
        user("fgw_clerk"),
        unit("fgw"),
        "baogao",
        "关于公路改建项目前期工作进展情况的报告",
        "刘振东副州长：现将进展情况报告如下。……特此报告。",
        [],
        [unit("gov")],
        [],
        addressed_person=person(addressed),
        **kwargs,
    )


def checked(user, doc: Document):
    sign_and_submit(user("fgw_head"), doc)
    receive(user("clerk_wendian"), doc)
    return check(user("clerk_wendian"), doc)


def test_a_report_answering_the_leaders_own_instruction_goes_to_that_leader(user) -> None:
    instruction = instructed(user)
    doc = report(user, leader_assignment=instruction)
    assert doc.answers_leader_assignment
    assert doc.signing_facts == {"leader_assignment": {"opinion": instruction.pk}}
    result = checked(user, doc)
    assert result.passed
    decision = next(d for d in result.decisions if d.code == "intake.leader_assignment")
    assert decision.message == (
        "本件答复刘振东同志交办的事项（刘振东同志2026年12月1日在《关于公路改建项目前期工作的请示》上的批示），"
        "可以直接报送刘振东同志。"
    )
    record = AuditRecord.objects.get(action="documents.intake.create", object_id=str(doc.pk))
    assert record.details["leader_assignment"] == {"opinion": instruction.pk}


def test_another_leaders_instruction_does_not_open_the_way(user) -> None:
    governors = instructed(user, major=True, leader="governor")
    result = checked(user, report(user, leader_assignment=governors))
    assert not result.passed
    assert [d.code for d in result.decisions if not d.allowed] == ["intake.assignment_not_by_leader"]
    assert result.reasons[0].startswith("本件直接报送刘振东同志，但所注明的交办依据（")
    assert result.reasons[0].endswith("（《工作规则》第四十八条）")
    assert result.document.state == DocState.RETURNED


def test_without_a_named_assignment_it_is_returned(user) -> None:
    result = checked(user, report(user))
    assert [d.code for d in result.decisions if not d.allowed] == ["intake.to_individual"]


def test_a_document_the_leader_signed_is_an_assignment(user, make_document) -> None:
    notice = make_document(
        flow=Flow.OUTGOING,
        doc_type=DocType.NOTICE,
        direction=Direction.DOWNWARD,
        issuer_code="gov",
        state=DocState.ISSUED,
        number="克政发〔2026〕9号",
        title="关于加快重大项目前期工作的通知",
        signer=person("vice_liu"),
        issued_at=timezone.now(),
        main_recipient_codes=["fgw"],
    )
    Delivery.objects.create(document=notice, unit=unit("fgw"), copy_number=1, delivered_at=timezone.now())
    result = checked(user, report(user, leader_assignment=notice))
    assert result.passed
    decision = next(d for d in result.decisions if d.code == "intake.leader_assignment")
    assert "克政发〔2026〕9号《关于加快重大项目前期工作的通知》" in decision.message
    # the same document does not answer the other 副州长
    assert not checked(user, report(user, addressed="vice_ayigul", leader_assignment=notice)).passed


def test_only_an_instruction_the_drafter_can_read_is_named(user, make_document) -> None:
    office_opinion = instructed(user).document.opinions.get(kind=OpinionKind.OFFICE_OPINION)
    with pytest.raises(InvalidInput) as invalid:
        report(user, leader_assignment=office_opinion)
    assert invalid.value.field == "assignment_opinion"
    assert invalid.value.message == "所注明的交办依据应当是领导同志的批示。"
    czj = make_document(issuer_code="czj", state=DocState.INSTRUCTED, title="关于财政资金的请示")
    elsewhere = Opinion.objects.create(
        document=czj,
        kind=OpinionKind.INSTRUCTION,
        text="同意。",
        author=user("vice_liu"),
        author_name="刘振东",
        created_at=timezone.now(),
    )
    before = Document.objects.count()
    with pytest.raises(InvalidInput, match=f"没有编号为{elsewhere.pk}的批示，或您无权查看"):
        report(user, leader_assignment=elsewhere)
    with pytest.raises(InvalidInput, match=f"没有编号为{czj.pk}的公文，或您无权查看"):
        report(user, leader_assignment=czj)
    assert Document.objects.count() == before


def test_revise_names_or_clears_the_assignment(user) -> None:
    instruction = instructed(user)
    doc = report(user)
    revise(user("fgw_clerk"), doc, "补充后的正文。", leader_assignment=instruction)
    doc.refresh_from_db()
    assert doc.answers_leader_assignment
    assert doc.signing_facts["leader_assignment"] == {"opinion": instruction.pk}
    revise(user("fgw_clerk"), doc, "再次修改，其他不变。")
    doc.refresh_from_db()
    assert doc.signing_facts["leader_assignment"] == {"opinion": instruction.pk}  # kept unless given
    revise(user("fgw_clerk"), doc, "改为报送州人民政府。", addressed_person=None, leader_assignment=None)
    doc.refresh_from_db()
    assert (doc.answers_leader_assignment, doc.signing_facts, doc.addressed_person) == (False, {}, None)
    record = AuditRecord.objects.filter(action="documents.intake.revise", object_id=str(doc.pk)).last()
    assert record is not None
    assert set(record.details["changed"]) >= {"signing_facts", "answers_leader_assignment", "addressed_person"}


# ---------------------------------------------------------------- 越级 (skipping a level)


def skipping(user, reason: str, copies=("gov",)) -> Document:
    return create_submission(
        user("fgw_clerk"),
        unit("fgw"),
        "qingshi",
        "关于申请地震灾后重建资金的请示",
        "自治区人民政府：……妥否，请批示。",
        ["申请灾后重建资金"],
        [unit("xj-gov")],
        [unit(c) for c in copies],
        skip_level_reason=reason,
    )


def test_a_stated_special_circumstance_with_the_skipped_body_copied_passes(user) -> None:
    doc = skipping(user, "  地震灾后重建资金申报\n截止在即，时间紧迫 ")
    assert doc.signing_facts == {"skip_level_reason": "地震灾后重建资金申报 截止在即，时间紧迫"}
    sign_and_submit(user("fgw_head"), doc)
    assert documents_visible_to(user("clerk_wendian")).filter(pk=doc.pk).exists()  # copied to the government
    receive(user("clerk_wendian"), doc)
    result = check(user("clerk_wendian"), doc)
    assert result.passed
    decision = next(d for d in result.decisions if d.code == "intake.stated_skip")
    assert decision.explanation == (
        "因特殊情况越级行文（地震灾后重建资金申报 截止在即，时间紧迫），已抄送被越过的州人民政府"
        "（《工作规则》第四十八条）"
    )


def test_a_stated_reason_without_the_copy_or_no_reason_is_returned(user) -> None:
    doc = skipping(user, "时间紧迫", copies=("czj",))
    sign_and_submit(user("fgw_head"), doc)
    receive(user("clerk_wendian"), doc)
    result = check(user("clerk_wendian"), doc)
    assert [d.code for d in result.decisions if not d.allowed] == ["intake.skip_not_copied"]
    unstated = skipping(user, "")
    sign_and_submit(user("fgw_head"), unstated)
    receive(user("clerk_wendian"), unstated)
    assert [d.code for d in check(user("clerk_wendian"), unstated).decisions if not d.allowed] == [
        "intake.skipped_level"
    ]


def test_the_reason_is_kept_short(user) -> None:
    with pytest.raises(InvalidInput) as invalid:
        skipping(user, "理" * 301)
    assert invalid.value.field == "skip_level_reason"
