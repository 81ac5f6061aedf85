"""The capacity in which a document was signed is part of the signature (arts. 6, 49): when the
常务副州长 signs during the 州长's entrusted absence, the signature records 「代州长」 — on the
document, in the audit record, on the printed 签发人 line and on the page — and keeps it after the
州长 returns."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.documents.conftest import unit
from tests.documents.test_outgoing_flow import BODY, instructed_request
from zhengwu.audit.models import AuditRecord
from zhengwu.documents.actions.outgoing import (
    draft_outgoing,
    issue,
    layout_for,
    record_legal_review,
    record_signing_step,
    review,
    sign,
    submit_for_review,
)
from zhengwu.documents.models import DocState, Document
from zhengwu.org.actions import report_absence
from zhengwu.org.models import Person, Position


def _away_and_entrusted(user, day) -> None:
    report_absence(
        user("governor"),
        Person.objects.get(user__username="governor"),
        day,
        day,
        "北京",
        "trip",
        entrust_to=Position.objects.get(kind="executive_vice_governor"),
    )


def _awaiting(user, doc: Document) -> Document:
    submit_for_review(user("clerk_wendian"), doc)
    review(user("office_director"), doc, True, "文种、格式符合要求。")
    return doc


@pytest.mark.article(6, 49)
def test_a_signature_given_acting_for_the_governor_keeps_its_capacity(user, frozen, client_as) -> None:
    request = instructed_request(user)
    reply = draft_outgoing(
        user("clerk_wendian"),
        unit("gov"),
        "pifu",
        "关于同意启动公路改建项目前期工作的批复",
        BODY,
        [unit("fgw")],
        signing_facts={"published_instrument": True},
        replies_to=request,
    )
    _awaiting(user, reply)
    record_legal_review(user("sfj_clerk"), reply, True, "经审核，合法。")
    _away_and_entrusted(user, reply.created_at.date())
    record_signing_step(user("vice_liu"), reply, "审核同意。")
    sign(user("exec_vice"), reply)

    reply.refresh_from_db()
    assert (reply.signer_position, reply.signer_acting_for) == ("常务副州长", "州长")
    record = AuditRecord.objects.get(action="documents.outgoing.sign", object_id=str(reply.pk))
    assert record.acting_for == "州长"
    assert "张建华（常务副州长，代州长）" in record.summary

    frozen.move_to("2026-12-03 09:00 +0800")  # the 州长 is back
    issue(user("clerk_wendian"), reply)
    reply = Document.objects.get(pk=reply.pk)
    assert reply.state == DocState.ISSUED
    assert reply.signer_label == "张建华（常务副州长，代州长）"
    page = client_as("clerk_wendian").get(reverse("web:document", args=[reply.pk])).content.decode()
    assert "已由张建华（常务副州长，代州长）签发" in page
    assert "买买提·艾力（州长）" not in page.split('id="who-signs"')[1].split("</div>")[0]


@pytest.mark.article(6, 49)
def test_the_printed_signer_line_of_an_upward_document_names_the_office_acted_for(user, frozen) -> None:
    report = draft_outgoing(
        user("clerk_wendian"),
        unit("gov"),
        "baogao",
        "关于2026年度公路建设情况的报告",
        "自治区人民政府：\n现将有关情况报告如下。",
        [unit("xj-gov")],
        signing_facts={"concerned_units": ["fgw"]},
    )
    _awaiting(user, report)
    _away_and_entrusted(user, report.created_at.date())
    record_signing_step(user("vice_liu"), report, "审核同意。")
    sign(user("exec_vice"), report)
    frozen.move_to("2026-12-03 09:00 +0800")
    layout = layout_for(Document.objects.get(pk=report.pk))
    assert layout.signers == ("张建华（代州长）",)
