"""Who sees a document (art. 61): those it is addressed, routed or distributed to."""

from __future__ import annotations

import pytest

from tests.documents.conftest import unit
from tests.documents.test_outgoing_flow import awaiting_signature, instructed_request
from zhengwu.documents.actions.countersign import request_countersign
from zhengwu.documents.actions.intake import create_submission
from zhengwu.documents.actions.outgoing import issue, record_signing_step, sign
from zhengwu.documents.services import document_visible_to, documents_visible_to

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.mark.article(61)
def test_a_draft_is_seen_by_its_unit_and_the_units_asked_to_countersign_only(user) -> None:
    draft = create_submission(
        user("fgw_clerk"),
        unit("fgw"),
        "qingshi",
        "关于调整项目资金的请示",
        "请批示。",
        ["调整项目资金"],
        [unit("gov")],
        [],
    )
    request_countersign(user("fgw_head"), draft, [unit("czj")])
    for username in ["fgw_clerk", "fgw_head", "czj_head"]:
        assert document_visible_to(user(username), draft), username
    # the office sees it once it is sent; the system administrator reads no documents
    for username in ["clerk_wendian", "admin", "sfj_head", "jyj_head", "vice_ayigul", "atushi_head"]:
        assert not document_visible_to(user(username), draft), username


@pytest.mark.article(61)
def test_a_routed_request_and_its_reply_reach_the_leaders_and_the_recipients(user) -> None:
    request = instructed_request(user)  # routed to vice_liu, who instructed
    assert document_visible_to(user("vice_liu"), request)
    assert not document_visible_to(user("czj_head"), request)
    reply = awaiting_signature(user, request)
    record_signing_step(user("vice_liu"), reply, "同意。")
    sign(user("governor"), reply)
    assert not document_visible_to(user("czj_head"), reply)
    issue(user("clerk_wendian"), reply)  # delivered to 发改委, copied to 财政局
    assert document_visible_to(user("czj_head"), reply)
    assert not document_visible_to(user("sfj_head"), reply)
    assert reply in documents_visible_to(user("fgw_clerk"))


@pytest.mark.article(7, 49, 61)
def test_the_portfolio_leader_sees_and_approves_a_departments_agreed_document(user) -> None:
    from zhengwu.documents.actions.outgoing import draft_outgoing, review, submit_for_review

    notice = draft_outgoing(
        user("fgw_clerk"),
        unit("fgw"),
        "tongzhi",
        "关于做好项目储备工作的通知",
        "各县（市）发展改革委：\n经自治州人民政府同意，现就有关事项通知如下。",
        [unit("atushi")],
        signing_facts={"agreed_by_government": True},
    )
    assert not document_visible_to(user("vice_liu"), notice)  # a draft stays in the unit
    submit_for_review(user("fgw_clerk"), notice)
    review(user("fgw_deputy"), notice, True, "")
    assert document_visible_to(user("vice_liu"), notice)  # 发改委 is in his portfolio
    assert not document_visible_to(user("vice_ayigul"), notice)
    sign(user("vice_liu"), notice)  # 「经同意」: the 分管 leader 签批 (art. 49)
    assert notice.signer is not None
    assert notice.signer.name == "刘振东"


@pytest.mark.article(50, 52, 61)
def test_co_issuers_and_the_legal_review_unit_see_what_they_must_act_on(user) -> None:
    from zhengwu.documents.actions.outgoing import draft_outgoing

    joint = draft_outgoing(
        user("fgw_clerk"),
        unit("fgw"),
        "tongzhi",
        "关于联合开展项目资金检查的通知",
        "各县（市）：\n现联合通知如下。",
        [unit("atushi")],
        co_issuers=[unit("czj")],
    )
    assert document_visible_to(user("czj_head"), joint)
    assert not document_visible_to(user("sfj_clerk"), joint)
    agreement = draft_outgoing(
        user("clerk_wendian"),
        unit("gov"),
        "han",
        "关于签署区域合作框架协议的函",
        "合作框架协议文本。",
        [unit("xj-gov")],
        signing_facts={"cooperation_agreement": True, "concerned_units": ["fgw"]},
    )
    assert document_visible_to(user("sfj_clerk"), agreement)
    assert not document_visible_to(user("czj_head"), agreement)
