"""An issued document marked 主动公开 enters the publication queue, due 20 working days after issue
(art. 28; 条例第二十六条); one marked otherwise does not; publishing it serves its PDF publicly."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.portal.conftest import D, unit
from zhengwu.documents.actions.outgoing import draft_outgoing, issue, review, sign, submit_for_review
from zhengwu.documents.models import Disclosure, Document
from zhengwu.portal import actions
from zhengwu.portal.models import ItemKind, ItemState
from zhengwu.portal.services import queued_for

pytestmark = [pytest.mark.article(28), pytest.mark.usefixtures("frozen")]

BODY = "各县（市）发展改革委：\n现将《重大项目前期工作管理办法》印发给你们，请认真贯彻执行。"


def _issued(user, disclosure: str) -> Document:
    doc = draft_outgoing(
        user("fgw_clerk"),
        unit("fgw"),
        "tongzhi",
        "关于印发《重大项目前期工作管理办法》的通知",
        BODY,
        [unit("atushi"), unit("akto")],
        disclosure=disclosure,
        disclosure_reason="内部管理信息" if disclosure == Disclosure.NOT_PUBLIC else "",
    )
    submit_for_review(user("fgw_clerk"), doc)
    review(user("fgw_deputy"), doc, True, "")
    sign(user("fgw_head"), doc)
    return issue(user("fgw_clerk"), doc)


def test_proactive_document_is_queued_on_issue(user) -> None:
    doc = _issued(user, Disclosure.PROACTIVE)
    item = queued_for(doc, ItemKind.DOCUMENT)
    assert item is not None
    assert item.state == ItemState.QUEUED
    assert (item.counted_from, item.due_on) == (D(2026, 12, 1), D(2026, 12, 29))
    assert item.doc_number == doc.number
    assert item.issuing_unit == unit("fgw")
    assert "印发给你们" in item.body
    actions.publish(user("clerk_gongkai"), item)
    response = Client().get(f"/public/items/{item.pk}/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_on_request_document_is_not_queued(user) -> None:
    doc = _issued(user, Disclosure.ON_REQUEST)
    assert queued_for(doc) is None
