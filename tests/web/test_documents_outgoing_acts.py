"""The document page offers 联合发文会签 (art. 50) to exactly the co-issuers' heads and 合法性审核
(art. 52) to exactly the 司法局's staff; a post by anyone else is refused with the article."""

from __future__ import annotations

import pytest
import time_machine

from zhengwu.documents.actions.outgoing import (
    draft_outgoing,
    record_legal_review,
    record_signing_step,
    review,
    submit_for_review,
)
from zhengwu.documents.models import Document, OpinionKind
from zhengwu.org.models import Unit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen():
    with time_machine.travel("2026-12-01 09:00 +0800", tick=False) as traveller:
        yield traveller


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def act(client, doc, action, data=None):
    return client.post(f"/documents/{doc.pk}/act/{action}/", data or {})


@pytest.fixture
def joint(user) -> Document:
    doc = draft_outgoing(
        user("fgw_clerk"),
        unit("fgw"),
        "tongzhi",
        "关于联合开展项目检查的通知",
        "各县（市）：……",
        [unit("atushi")],
        co_issuers=[unit("zrzyj")],
        signing_facts={"agreed_by_government": True},
    )
    submit_for_review(user("fgw_clerk"), doc)
    review(user("fgw_head"), doc, True, "")
    return doc


@pytest.fixture
def agreement(user) -> Document:
    return draft_outgoing(
        user("clerk_wendian"),
        unit("gov"),
        "han",
        "关于共建产业园区的合作协议",
        "甲方：……",
        [unit("fgw")],
        signing_facts={"cooperation_agreement": True, "important": True, "concerned_units": ["fgw"]},
    )


@pytest.mark.article(50)
def test_the_co_issuers_head_is_offered_the_joint_countersign_and_uses_it(client_as, joint):
    head = client_as("zrzyj_head")
    assert "act-countersign_joint" in head.get(f"/documents/{joint.pk}/").content.decode()
    assert act(head, joint, "countersign_joint", {"text": "同意。"}).status_code == 302
    opinion = joint.opinions.get(kind=OpinionKind.JOINT_COUNTERSIGN)
    assert (opinion.unit.code, opinion.text) == ("zrzyj", "同意。")
    assert "act-countersign_joint" not in head.get(f"/documents/{joint.pk}/").content.decode()  # done for this version


@pytest.mark.article(50)
@pytest.mark.parametrize("outsider", ["fgw_head", "fgw_clerk", "vice_liu"])
def test_others_are_not_offered_it_and_are_refused(client_as, joint, outsider):
    client = client_as(outsider)
    assert "act-countersign_joint" not in client.get(f"/documents/{joint.pk}/").content.decode()
    refused = act(client, joint, "countersign_joint")
    assert refused.status_code == 403
    assert "第五十条" in refused.content.decode()
    assert not joint.opinions.filter(kind=OpinionKind.JOINT_COUNTERSIGN).exists()


@pytest.mark.article(52)
@pytest.mark.parametrize("reviewer", ["sfj_head", "sfj_clerk"])
def test_the_legal_review_units_staff_are_offered_the_review_and_record_it(client_as, agreement, reviewer):
    client = client_as(reviewer)
    assert "act-legal_review" in client.get(f"/documents/{agreement.pk}/").content.decode()
    bad = act(client, agreement, "legal_review", {"passed": "0", "opinion": ""})
    assert bad.status_code == 400
    assert "写明不合法或需修改之处" in bad.content.decode()
    assert act(client, agreement, "legal_review", {"passed": "1", "opinion": "合法。"}).status_code == 302
    assert agreement.opinions.get(kind=OpinionKind.LEGAL_REVIEW).passed is True


@pytest.mark.article(52)
@pytest.mark.parametrize("outsider", ["clerk_wendian", "office_director", "governor"])
def test_others_are_not_offered_the_legal_review_and_are_refused(client_as, agreement, outsider):
    client = client_as(outsider)
    assert "act-legal_review" not in client.get(f"/documents/{agreement.pk}/").content.decode()
    refused = act(client, agreement, "legal_review", {"passed": "1", "opinion": ""})
    assert refused.status_code == 403
    assert "第五十二条" in refused.content.decode()
    assert not agreement.opinions.filter(kind=OpinionKind.LEGAL_REVIEW).exists()


@pytest.mark.article(49)
def test_a_blocked_document_says_why_and_offers_no_signature(client_as, user, agreement):
    submit_for_review(user("clerk_wendian"), agreement)
    review(user("office_director"), agreement, True, "")
    # not before the 分管 leader's review (art. 49) and the legality review (art. 52): the action refuses it
    assert "act-sign " not in client_as("governor").get(f"/documents/{agreement.pk}/").content.decode()
    record_legal_review(user("sfj_clerk"), agreement, True, "")
    record_signing_step(user("vice_liu"), agreement, "同意。")
    assert "act-sign " in client_as("governor").get(f"/documents/{agreement.pk}/").content.decode()
    Document.objects.filter(pk=agreement.pk).update(signing_facts={"cooperation_agreement": True, "important": True})
    page = client_as("governor").get(f"/documents/{agreement.pk}/").content.decode()
    assert "未能确定分管副州长：本件没有注明主办、涉及单位" in page
    assert "act-sign " not in page  # the 签发 form (act act-sign inline) is not offered
