"""The 公开属性 of a document is set when it is drafted (《政府信息公开条例》第二十条、第十四至十六条):
主动公开 enters the publication queue on issue (tests/portal/test_document_issue.py); 不予公开 needs
its reason; a classified document may not be 主动公开.  Bad input changes nothing."""

from __future__ import annotations

import pytest

from tests.documents.conftest import unit
from zhengwu.core.decisions import InvalidInput
from zhengwu.documents.actions.outgoing import draft_outgoing
from zhengwu.documents.models import Disclosure, Document

pytestmark = pytest.mark.django_db

TITLE = "关于做好冬季供暖保障工作的通知"


def draft(user, **kwargs) -> Document:
    return draft_outgoing(
        user("fgw_clerk"), unit("fgw"), "tongzhi", TITLE, "各县（市）发展改革委：……", [unit("atushi")], **kwargs
    )


def test_the_default_is_on_request_and_proactive_is_kept(user) -> None:
    assert draft(user).disclosure == Disclosure.ON_REQUEST
    assert draft(user, disclosure=Disclosure.PROACTIVE).disclosure == Disclosure.PROACTIVE


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"disclosure": Disclosure.NOT_PUBLIC}, "disclosure_reason"),
        ({"disclosure": "secretish"}, "disclosure"),
        ({"disclosure": Disclosure.PROACTIVE, "classification": "secret"}, "disclosure"),
    ],
)
def test_bad_disclosure_is_explained_and_changes_nothing(user, kwargs, field) -> None:
    before = Document.objects.count()
    with pytest.raises(InvalidInput) as refused:
        draft(user, **kwargs)
    assert refused.value.field == field
    assert Document.objects.count() == before


def test_not_public_with_its_reason(user) -> None:
    doc = draft(user, disclosure=Disclosure.NOT_PUBLIC, disclosure_reason="内部管理信息（条例第十六条）")
    assert (doc.disclosure, doc.disclosure_reason) == (Disclosure.NOT_PUBLIC, "内部管理信息（条例第十六条）")


def test_the_draft_page_and_the_api_take_it(client_as) -> None:
    office = client_as("clerk_wendian")
    response = office.post(
        "/documents/outgoing/new/",
        {
            "issuer": unit("office").pk,
            "doc_type": "tongzhi",
            "title": TITLE,
            "body": "各单位：……",
            "main_recipients": [unit("fgw").pk],
            "classification": "none",
            "urgency": "normal",
            "disclosure": Disclosure.PROACTIVE,
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert Document.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1])).disclosure == "proactive"
    created = office.post(
        "/api/documents/outgoing",
        {
            "issuer": "office",
            "doc_type": "tongzhi",
            "title": TITLE,
            "body": "各单位：……",
            "main_recipients": ["fgw"],
            "disclosure": "not_public",
        },
        content_type="application/json",
    )
    assert created.status_code == 422
    assert created.json()["field"] == "disclosure_reason"
