"""Outgoing documents (发文): draft → review → the steps before signing → signature by the person
art. 49 requires → a gapless number → delivery to the recipients' inboxes (arts. 49, 51, 52)."""

from __future__ import annotations

import pytest

from tests.documents.conftest import notified, unit
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.documents.actions.intake import (
    check,
    create_submission,
    instruct,
    receive,
    sign_and_submit,
    write_office_opinion,
)
from zhengwu.documents.actions.outgoing import (
    draft_outgoing,
    issue,
    layout_for,
    receive_delivery,
    record_legal_review,
    record_signing_step,
    review,
    revise_outgoing,
    sign,
    submit_for_review,
)
from zhengwu.documents.models import Delivery, DocState, Document, OpinionKind
from zhengwu.documents.render import render_pdf
from zhengwu.documents.selectors import signing_requirement_for

pytestmark = pytest.mark.usefixtures("frozen")

BODY = "发展和改革委员会：\n你委《关于启动公路改建项目前期工作的请示》收悉。经研究，同意启动。\n此复。"


def instructed_request(user) -> Document:
    """A 发展改革委 请示, through intake to the governor's 批示."""
    request = create_submission(
        user("fgw_clerk"),
        unit("fgw"),
        "qingshi",
        "关于启动公路改建项目前期工作的请示",
        "妥否，请批示。",
        ["同意启动公路改建项目前期工作"],
        [unit("gov")],
        [],
    )
    sign_and_submit(user("fgw_head"), request)
    receive(user("clerk_wendian"), request)
    check(user("clerk_wendian"), request)
    write_office_opinion(user("office_director"), request, "拟请刘振东副州长阅示。")
    instruct(user("vice_liu"), request, "同意，请办公室起草批复。")
    return request


def drafted_reply(user, request: Document, **facts) -> Document:
    return draft_outgoing(
        user("clerk_wendian"),
        unit("gov"),
        "pifu",
        "关于同意启动公路改建项目前期工作的批复",
        BODY,
        [unit("fgw")],
        [unit("czj")],
        signing_facts=facts or {"important": True},
        replies_to=request,
    )


def awaiting_signature(user, request: Document, **facts) -> Document:
    reply = drafted_reply(user, request, **facts)
    submit_for_review(user("clerk_wendian"), reply)
    review(user("office_director"), reply, True, "文种、格式符合要求。")
    return reply


@pytest.mark.article(52)
def test_the_office_drafts_the_governments_documents_a_department_clerk_may_not(user) -> None:
    request = instructed_request(user)
    reply = drafted_reply(user, request)
    assert (reply.state, reply.direction, reply.versions.count()) == (DocState.DRAFT, "down", 1)
    with pytest.raises(Refused) as refused:
        draft_outgoing(user("fgw_clerk"), unit("gov"), "pifu", "批复", BODY, [unit("fgw")])
    assert "由政府办公室的工作人员起草（《工作规则》第五十二条）" in refused.value.explanations[0]


def test_bad_input_changes_nothing(user) -> None:
    before = Document.objects.count()
    for kwargs, field in [
        ({"title": " "}, "title"),
        ({"doc_type": "memo"}, "doc_type"),
        ({"main_recipients": []}, "main_recipients"),
        ({"signing_facts": {"importance": True}}, "signing_facts"),
    ]:
        args = {"title": "批复", "doc_type": "pifu", "main_recipients": [unit("fgw")], "signing_facts": {}} | kwargs
        with pytest.raises(InvalidInput) as bad:
            draft_outgoing(
                user("clerk_wendian"),
                unit("gov"),
                args["doc_type"],
                args["title"],
                BODY,
                args["main_recipients"],
                signing_facts=args["signing_facts"],
            )
        assert bad.value.field.startswith(field)
    assert Document.objects.count() == before


@pytest.mark.article(51, 52)
def test_review_returns_with_reasons_or_passes_to_signature(user) -> None:
    reply = drafted_reply(user, instructed_request(user))
    submit_for_review(user("clerk_wendian"), reply)
    with pytest.raises(Refused):
        review(user("clerk_wendian"), reply, True, "")  # a clerk does not review
    with pytest.raises(InvalidInput):
        review(user("office_director"), reply, False, "  ")  # a return needs its reasons
    review(user("office_director"), reply, False, "主送机关应写全称。")
    assert reply.state == DocState.DRAFT
    assert reply.opinions.get(kind=OpinionKind.REVIEW_RETURN).text == "主送机关应写全称。"
    submit_for_review(user("clerk_wendian"), reply)
    review(user("secretary_general"), reply, True, "")
    assert reply.state == DocState.AWAITING_SIGNATURE


@pytest.mark.article(49)
def test_the_right_person_signs_after_the_portfolio_leaders_review(user) -> None:
    reply = awaiting_signature(user, instructed_request(user))
    requirement = signing_requirement_for(reply)
    assert requirement.who == "签发人：买买提·艾力（州长）或张建华（常务副州长）；此前：刘振东（副州长）审核"

    with pytest.raises(Refused) as refused:
        sign(user("fgw_head"), reply)
    assert "您不能签发本件（《工作规则》第四十九条）" in refused.value.explanations[-1]
    with pytest.raises(Refused) as pending:
        sign(user("governor"), reply)
    assert "尚待刘振东（副州长）审核" in pending.value.explanations[-1]
    with pytest.raises(Refused):
        record_signing_step(user("vice_ayigul"), reply, "同意。")  # not her portfolio

    record_signing_step(user("vice_liu"), reply, "同意，请州长签发。")
    sign(user("governor"), reply)
    reply.refresh_from_db()
    assert reply.state == DocState.SIGNED
    assert reply.signer is not None
    assert reply.signer.name == "买买提·艾力"
    assert reply.versions.get().frozen
    record = AuditRecord.objects.get(action="documents.outgoing.sign", object_id=str(reply.pk))
    assert (record.article, record.actor_name) == (49, "买买提·艾力")


@pytest.mark.article(6, 49)
def test_while_the_governor_is_away_the_entrusted_executive_signs_what_the_governor_signs(user) -> None:
    from zhengwu.org.actions import report_absence
    from zhengwu.org.models import Person, Position

    request = instructed_request(user)
    reply = awaiting_signature(user, request, published_instrument=True)
    assert signing_requirement_for(reply).who.startswith("签发人：买买提·艾力（州长）")
    governor = Person.objects.get(user__username="governor")
    executive = Position.objects.get(kind="executive_vice_governor")
    report_absence(
        user("governor"),
        governor,
        reply.created_at.date(),
        reply.created_at.date(),
        "北京",
        "trip",
        entrust_to=executive,
    )
    requirement = signing_requirement_for(reply)
    assert "张建华（常务副州长，代州长）" in requirement.who
    record_signing_step(user("vice_liu"), reply, "审核同意。")
    record_legal_review(user("sfj_clerk"), reply, True, "经审核，合法。")  # a normative document (arts. 20, 22)
    with pytest.raises(Refused):
        sign(user("governor"), reply)  # away, and has entrusted the work
    sign(user("exec_vice"), reply)
    assert reply.state == DocState.SIGNED


@pytest.mark.article(49)
def test_a_substantive_change_after_signature_goes_back_to_the_signer(user) -> None:
    reply = awaiting_signature(user, instructed_request(user))
    record_signing_step(user("vice_liu"), reply, "同意。")
    sign(user("exec_vice"), reply)
    revise_outgoing(user("clerk_wendian"), reply, BODY + "\n（补充：请抄送州财政局。）")
    reply.refresh_from_db()
    assert (reply.state, reply.signer_id, reply.recheck_signer.name) == (DocState.AWAITING_SIGNATURE, None, "张建华")
    assert [v.frozen for v in reply.versions.order_by("number")] == [True, False]
    assert "exec_vice" in notified("待复核签发")
    requirement = signing_requirement_for(reply)
    assert requirement.who == "签发人：张建华（常务副州长）；此前：刘振东（副州长）审核"
    assert "退回原签发人张建华复核签发" in requirement.summary
    with pytest.raises(Refused) as steps:
        sign(user("exec_vice"), reply)  # 复核: the review of version 1 does not count for version 2
    assert "尚待刘振东（副州长）审核" in steps.value.explanations[-1]
    record_signing_step(user("vice_liu"), reply, "同意。")
    with pytest.raises(Refused) as other:
        sign(user("governor"), reply)  # he could have signed it first; the 复核 is the signer's
    assert "应由张建华（常务副州长）签发" in other.value.explanations[-1]
    sign(user("exec_vice"), reply)
    reply.refresh_from_db()
    assert (reply.state, reply.signer.name, reply.recheck_signer_id) == (DocState.SIGNED, "张建华", None)
    record = AuditRecord.objects.filter(action="documents.outgoing.sign", object_id=str(reply.pk)).last()
    assert record.summary.startswith("复核签发")


@pytest.mark.article(52)
def test_issuing_numbers_the_document_and_delivers_it_to_every_recipients_inbox(user) -> None:
    request = instructed_request(user)
    reply = awaiting_signature(user, request)
    record_signing_step(user("vice_liu"), reply, "同意。")
    sign(user("governor"), reply)
    with pytest.raises(Refused):
        issue(user("fgw_clerk"), reply)
    issue(user("clerk_wendian"), reply)

    reply.refresh_from_db()
    assert (reply.state, reply.number) == (DocState.ISSUED, "克政发〔2026〕1号")
    deliveries = {d.unit.code: (d.copy_number, d.is_copy) for d in Delivery.objects.filter(document=reply)}
    assert deliveries == {"fgw": (1, False), "czj": (2, True)}
    request.refresh_from_db()
    assert request.state == DocState.ANSWERED

    inbox = Delivery.objects.get(document=reply, unit__code="fgw")
    with pytest.raises(Refused):
        receive_delivery(user("czj_head"), inbox)  # not addressed to the 财政局's copy
    receive_delivery(user("fgw_clerk"), inbox)
    inbox.refresh_from_db()
    assert inbox.received_at is not None

    second = awaiting_signature(user, instructed_request(user))
    record_signing_step(user("vice_liu"), second, "同意。")
    sign(user("governor"), second)
    issue(user("clerk_wendian"), second)
    assert second.number == "克政发〔2026〕2号"


@pytest.mark.article(52)
def test_the_issued_document_renders_as_a_pdf(user) -> None:
    reply = awaiting_signature(user, instructed_request(user))
    record_signing_step(user("vice_liu"), reply, "同意。")
    sign(user("governor"), reply)
    issue(user("clerk_wendian"), reply)
    layout = layout_for(reply)
    assert (layout.issuer_mark, layout.number) == ("克孜勒苏柯尔克孜自治州人民政府文件", "克政发〔2026〕1号")
    assert render_pdf(layout).startswith(b"%PDF")


@pytest.mark.article(49)
def test_an_office_document_within_its_competence_is_signed_by_the_secretary_general_or_director(user) -> None:
    notice = draft_outgoing(
        user("clerk_huiwu"),
        unit("office"),
        "tongzhi",
        "关于召开全州政务公开工作会议的通知",
        "各县（市）人民政府：\n定于12月10日召开会议。",
        [unit("atushi")],
        signing_facts={"within_office_competence": True},
    )
    submit_for_review(user("clerk_huiwu"), notice)
    review(user("deputy_sg"), notice, True, "")
    with pytest.raises(Refused):
        sign(user("vice_liu"), notice)
    sign(user("office_director"), notice)
    issue(user("clerk_huiwu"), notice)
    assert notice.number == "克政办发〔2026〕1号"
