"""作废发文字号 of an issued document withdraws its issue (art. 52; ``cancel_issued_number``): the
document goes back to 已签发 with its number cleared, its deliveries are withdrawn from the
recipients' inboxes and their heads told why, a reply's request is no longer answered, and issued
again it takes the next number; the cancelled number stays taken, with its reason.  Refused for an
archived document (art. 53), a document the portal has published, or a reply whose request is
archived."""

from __future__ import annotations

import pytest

from tests.documents.conftest import notified, unit
from tests.documents.test_outgoing_flow import awaiting_signature, instructed_request
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.documents.actions.archive import archive
from zhengwu.documents.actions.filing import overdue_key, remind_key
from zhengwu.documents.actions.outgoing import (
    draft_outgoing,
    issue,
    receive_delivery,
    record_signing_step,
    review,
    sign,
    submit_for_review,
)
from zhengwu.documents.actions.records import cancel_issued_number
from zhengwu.documents.models import Delivery, Disclosure, DocState, Document, FilingObligation, IssuedNumber
from zhengwu.documents.services import Viewer, document_timeline, document_todos, documents_visible_to
from zhengwu.timers.models import Timer

pytestmark = pytest.mark.usefixtures("frozen")

REASON = "文号误取：本件应以函的形式答复。"


@pytest.fixture
def archive_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    return tmp_path


def issued_reply(user) -> tuple[Document, Document]:
    """The 发展改革委's 请示 and the government's 批复 to it (to the 发展改革委, copied to the 财政局), issued."""
    request = instructed_request(user)
    reply = awaiting_signature(user, request)
    record_signing_step(user("vice_liu"), reply, "同意。")
    sign(user("governor"), reply)
    issue(user("clerk_wendian"), reply)
    return request, reply


def number_of(doc: Document) -> IssuedNumber:
    return IssuedNumber.objects.get(document=doc, cancelled_at__isnull=True)


def inbox_todos(user, username: str, doc: Document) -> list[str]:
    return [t.what for t in document_todos(Viewer.of(user(username))) if t.document.pk == doc.pk]


@pytest.mark.article(52)
def test_cancelling_the_number_withdraws_the_issue_and_issuing_again_takes_the_next_number(user) -> None:
    request, reply = issued_reply(user)
    assert reply.number == "克政发〔2026〕1号"
    request.refresh_from_db()
    assert request.state == DocState.ANSWERED
    assert inbox_todos(user, "fgw_clerk", reply) == ["签收来文（州发展改革委）"]
    issued = number_of(reply)
    fgw_copy = Delivery.objects.get(document=reply, unit__code="fgw")

    cancel_issued_number(user("clerk_wendian"), issued, REASON)

    reply.refresh_from_db()
    assert (reply.state, reply.number, reply.issued_at) == (DocState.SIGNED, "", None)
    assert reply.signer.name == "买买提·艾力"  # still signed: it can be issued again
    issued.refresh_from_db()
    assert issued.cancel_reason == REASON
    assert {(d.unit.code, d.withdrawn_reason) for d in Delivery.objects.filter(document=reply)} == {
        ("fgw", REASON),
        ("czj", REASON),
    }
    assert inbox_todos(user, "fgw_clerk", reply) == []
    assert not documents_visible_to(user("czj_head")).filter(pk=reply.pk).exists()
    with pytest.raises(Refused) as withdrawn:
        receive_delivery(user("fgw_clerk"), fgw_copy)
    assert withdrawn.value.decisions[0].code == "delivery.withdrawn"
    assert {"fgw_head", "czj_head"} <= notified("来文撤回：克政发〔2026〕1号")
    request.refresh_from_db()
    assert request.state == DocState.INSTRUCTED  # no longer answered

    record = AuditRecord.objects.get(action="documents.outgoing.withdraw_issue", object_id=str(reply.pk))
    assert record.article == 52
    assert REASON in record.summary
    assert [d["unit"] for d in record.details["deliveries"]] == ["fgw", "czj"]
    assert (
        AuditRecord.objects.get(action="documents.outgoing.answer_withdrawn", object_id=str(request.pk)).details[
            "state"
        ]
        == DocState.INSTRUCTED
    )
    assert "撤回该文的印发" in AuditRecord.objects.get(action="documents.number.cancel").summary
    assert inbox_todos(user, "clerk_wendian", reply) == ["登记编号、印发"]
    [entry] = [e for e in document_timeline(reply) if e.record.action == "documents.outgoing.withdraw_issue"]
    assert (entry.opinion_label, entry.opinion) == ("作废原因", REASON)

    issue(user("clerk_wendian"), reply)
    reply.refresh_from_db()
    assert reply.number == "克政发〔2026〕2号"  # the cancelled 1号 is never given out again
    assert sorted(
        (d.unit.code, d.copy_number) for d in Delivery.objects.filter(document=reply, withdrawn_at__isnull=True)
    ) == [("czj", 2), ("fgw", 1)]
    assert Delivery.objects.filter(document=reply).count() == 4  # the withdrawn ones are kept
    assert inbox_todos(user, "fgw_clerk", reply) == ["签收来文（州发展改革委）"]
    request.refresh_from_db()
    assert request.state == DocState.ANSWERED
    assert list(IssuedNumber.objects.filter(document=reply).values_list("serial", "cancel_reason")) == [
        (1, REASON),
        (2, ""),
    ]


@pytest.mark.article(52)
def test_only_the_offices_staff_cancel_and_a_refusal_changes_nothing(user) -> None:
    _, reply = issued_reply(user)
    issued = number_of(reply)
    for outsider in ("fgw_clerk", "governor"):
        with pytest.raises(Refused) as refused:
            cancel_issued_number(user(outsider), issued, REASON)
        assert refused.value.decisions[0].code == "records.not_office_staff"
    with pytest.raises(InvalidInput):
        cancel_issued_number(user("clerk_wendian"), issued, "  ")
    reply.refresh_from_db()
    assert (reply.state, reply.number) == (DocState.ISSUED, "克政发〔2026〕1号")
    assert not Delivery.objects.filter(document=reply, withdrawn_at__isnull=False).exists()
    assert not AuditRecord.objects.filter(action="documents.outgoing.withdraw_issue").exists()


@pytest.mark.article(52, 53)
def test_an_archived_document_keeps_its_number(user, archive_storage) -> None:
    _, reply = issued_reply(user)
    archive(user("clerk_wendian"), reply, "permanent")
    with pytest.raises(Refused) as refused:
        cancel_issued_number(user("clerk_wendian"), number_of(reply), REASON)
    assert [d.code for d in refused.value.decisions] == ["withdraw.archived"]
    assert (
        "克政发〔2026〕1号《关于同意启动公路改建项目前期工作的批复》已归档，档案只读，不能作废其发文字号"
        in refused.value.explanations[0]
    )
    assert "（《工作规则》第五十三条）" in refused.value.explanations[0]
    assert number_of(reply).cancelled_at is None
    reply.refresh_from_db()
    assert reply.state == DocState.ISSUED


@pytest.mark.article(52, 53)
def test_a_reply_whose_request_is_archived_keeps_its_number(user, archive_storage) -> None:
    request, reply = issued_reply(user)
    request.refresh_from_db()
    archive(user("clerk_wendian"), request, "permanent")
    with pytest.raises(Refused) as refused:
        cancel_issued_number(user("clerk_wendian"), number_of(reply), REASON)
    assert [d.code for d in refused.value.decisions] == ["withdraw.request_archived"]
    assert "答复的来文《关于启动公路改建项目前期工作的请示》已归档" in refused.value.explanations[0]


def proactive_notice(user) -> Document:
    """A 发展改革委 notice marked 主动公开, issued: it is in the publication queue."""
    doc = draft_outgoing(
        user("fgw_clerk"),
        unit("fgw"),
        "tongzhi",
        "关于印发《重大项目前期工作管理办法》的通知",
        "各县（市）发展改革委：……",
        [unit("atushi")],
        disclosure=Disclosure.PROACTIVE,
    )
    submit_for_review(user("fgw_clerk"), doc)
    review(user("fgw_deputy"), doc, True, "")
    sign(user("fgw_head"), doc)
    return issue(user("fgw_clerk"), doc)


@pytest.mark.article(52)
def test_a_queued_publication_goes_with_the_issue_and_comes_back_with_the_new_number(user) -> None:
    from zhengwu.portal.models import ItemKind
    from zhengwu.portal.services import queued_for

    doc = proactive_notice(user)
    assert queued_for(doc, ItemKind.DOCUMENT).doc_number == "克发改发〔2026〕1号"
    cancel_issued_number(user("clerk_wendian"), number_of(doc), "代字用错。")
    assert queued_for(doc, ItemKind.DOCUMENT) is None  # never published under the cancelled number
    assert "clerk_gongkai" in notified("撤出公开队列：克发改发〔2026〕1号")
    assert AuditRecord.objects.get(action="documents.outgoing.withdraw_issue").details["publication"]
    issue(user("fgw_clerk"), doc)
    assert queued_for(doc, ItemKind.DOCUMENT).doc_number == "克发改发〔2026〕2号"


@pytest.mark.article(52)
def test_a_published_document_keeps_its_number_until_the_publication_is_withdrawn(user) -> None:
    from zhengwu.portal.actions import publish
    from zhengwu.portal.models import ItemKind
    from zhengwu.portal.services import queued_for

    doc = proactive_notice(user)
    item = publish(user("clerk_gongkai"), queued_for(doc, ItemKind.DOCUMENT))
    with pytest.raises(Refused) as refused:
        cancel_issued_number(user("clerk_wendian"), number_of(doc), "代字用错。")
    assert [d.code for d in refused.value.decisions] == ["withdraw.published"]
    assert f"在政府网站主动公开（索引号{item.index_number}），不能直接作废其发文字号" in refused.value.explanations[0]
    assert (
        "请先撤回网站上的公开信息，或另行发文撤销、废止本件（《工作规则》第五十二条）" in refused.value.explanations[0]
    )
    doc.refresh_from_db()
    assert doc.number == "克发改发〔2026〕1号"


@pytest.mark.article(49, 52)
def test_the_filing_obligation_goes_with_the_issue_and_is_opened_again(user) -> None:
    doc = draft_outgoing(
        user("fgw_clerk"),
        unit("fgw"),
        "tongzhi",
        "关于印发《重大项目前期工作管理办法》的通知",
        "各县（市）发展改革委：……",
        [unit("atushi")],
        signing_facts={"agreed_by_government": True},
    )
    submit_for_review(user("fgw_clerk"), doc)
    review(user("fgw_deputy"), doc, True, "")
    sign(user("vice_liu"), doc)
    issue(user("fgw_clerk"), doc)
    obligation = FilingObligation.objects.get(document=doc)
    keys = [remind_key(obligation), overdue_key(obligation)]
    cancel_issued_number(user("clerk_wendian"), number_of(doc), "代字用错。")
    assert not FilingObligation.objects.filter(document=doc).exists()
    assert set(Timer.objects.filter(key__in=keys).values_list("state", flat=True)) == {"cancelled"}
    assert "fgw_clerk" in notified("发文字号作废、撤回印发：克发改发〔2026〕1号")
    issue(user("fgw_clerk"), doc)
    assert FilingObligation.objects.get(document=doc).document.number == "克发改发〔2026〕2号"
