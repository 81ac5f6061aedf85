"""The to-do list (待办, ``document_todos``) before signature: a co-issuer's head countersigns a joint
document (art. 50), the 司法局 reviews a cooperation agreement (art. 52), and 待签发 is offered
only to a signer who can sign now (art. 49) — a signer kept waiting by a step, a countersign, the
legality review or a vacant seat is told what the document waits for, and whoever must act first
has the to-do."""

from __future__ import annotations

import pytest

from tests.documents.conftest import unit
from tests.documents.test_agreement_review import agreement
from tests.documents.test_joint_documents import BODY as JOINT_BODY
from tests.documents.test_joint_documents import joint
from tests.documents.test_outgoing_draft import draft, to_signature
from zhengwu.documents.actions.outgoing import (
    countersign_joint,
    draft_outgoing,
    record_legal_review,
    record_signing_step,
    revise_outgoing,
    sign,
)
from zhengwu.documents.models import Document
from zhengwu.documents.services import Todo, Viewer, document_todos
from zhengwu.org.models import Unit, UnitKind

pytestmark = pytest.mark.usefixtures("frozen")


def todos_of(user, username: str, doc: Document) -> list[Todo]:
    return [t for t in document_todos(Viewer.of(user(username))) if t.document.pk == doc.pk]


def kinds(user, username: str, doc: Document) -> list[tuple[str, str]]:
    return [(t.kind, t.what) for t in todos_of(user, username, doc)]


# ---------------------------------------------------------------- 联合发文会签 (art. 50)


@pytest.mark.article(50)
def test_a_co_issuers_head_has_the_joint_countersign_until_it_is_done(user) -> None:
    doc = joint(user, "zrzyj")  # the 发展改革委 with the 自然资源局, 刘振东 签批
    [todo] = todos_of(user, "zrzyj_head", doc)
    assert (todo.kind, todo.what) == ("joint_countersign", "联合发文会签")
    assert "请代表州自然资源局会签现行版本" in todo.note
    assert "（《工作规则》第五十条）" in todo.note
    for outsider in ("czj_head", "fgw_head", "fgw_clerk", "wsb_head"):
        assert ("joint_countersign", "联合发文会签") not in kinds(user, outsider, doc), outsider

    countersign_joint(user("zrzyj_head"), doc)
    assert kinds(user, "zrzyj_head", doc) == []


@pytest.mark.article(50)
def test_a_revision_puts_the_joint_countersign_back_on_the_list(user) -> None:
    doc = joint(user, "zrzyj", "czj")
    countersign_joint(user("zrzyj_head"), doc)
    assert kinds(user, "zrzyj_head", doc) == []
    assert kinds(user, "czj_head", doc) == [("joint_countersign", "联合发文会签")]
    revise_outgoing(user("fgw_clerk"), doc, JOINT_BODY + "\n一、严格用地审批。")
    # reviewing again: the countersign of version 1 no longer counts, it may be given on version 2
    assert kinds(user, "zrzyj_head", doc) == [("joint_countersign", "联合发文会签")]


@pytest.mark.article(6, 50)
def test_the_acting_head_of_a_co_issuer_has_the_joint_countersign(user) -> None:
    from zhengwu.org.actions import report_absence
    from zhengwu.org.models import Person, Position

    doc = draft_outgoing(
        user("zrzyj_head"),
        unit("zrzyj"),
        "tongzhi",
        "关于做好重大项目用地保障工作的通知",
        JOINT_BODY,
        [unit("atushi")],
        signing_facts={"agreed_by_government": True, "concerned_units": ["fgw", "zrzyj"]},
        co_issuers=[unit("fgw")],
    )
    assert kinds(user, "fgw_deputy", doc) == []
    head = Person.objects.get(user__username="fgw_head")
    day = doc.created_at.date()
    report_absence(
        user("fgw_head"),
        head,
        day,
        day,
        "乌鲁木齐",
        "trip",
        entrust_to=Position.objects.get(unit__code="fgw", kind="unit_deputy"),
    )
    assert kinds(user, "fgw_deputy", doc) == [("joint_countersign", "联合发文会签")]


@pytest.mark.article(49, 50)
def test_the_signer_of_a_joint_document_waits_for_the_countersign(user) -> None:
    doc = joint(user, "zrzyj")
    [waiting] = todos_of(user, "vice_liu", doc)
    assert (waiting.kind, waiting.what) == ("sign_waiting", "待签批（尚不能签批）")
    assert "尚待州自然资源局负责人会签，暂不能签发" in waiting.note
    countersign_joint(user("zrzyj_head"), doc)
    [ready] = todos_of(user, "vice_liu", doc)
    assert (ready.kind, ready.what) == ("sign", "待签批")
    sign(user("vice_liu"), doc)
    assert kinds(user, "vice_liu", doc) == []


# ---------------------------------------------------------------- 合作协议合法性审核 (art. 52)


@pytest.mark.article(52)
def test_the_legal_review_units_staff_have_the_review_until_it_passes(user) -> None:
    doc = agreement(user)  # awaiting signature; 刘振东 has reviewed it
    for staff in ("sfj_clerk", "sfj_head"):
        [todo] = todos_of(user, staff, doc)
        assert (todo.kind, todo.what) == ("legal_review", "合作协议合法性审核"), staff
        assert "（《工作规则》第五十二条）" in todo.note
    for outsider in ("fgw_clerk", "clerk_wendian", "czj_head"):
        assert ("legal_review", "合作协议合法性审核") not in kinds(user, outsider, doc), outsider
    [waiting] = todos_of(user, "governor", doc)
    assert (waiting.kind, waiting.what) == ("sign_waiting", "待签发（尚不能签发）")
    assert "须经州司法局合法性审核后方能签署" in waiting.note

    record_legal_review(user("sfj_clerk"), doc, False, "第五条违约责任约定不明确。")
    [failed] = todos_of(user, "sfj_clerk", doc)
    assert "现行版本审核未通过" in failed.note
    assert "审核未通过：第五条违约责任约定不明确" in todos_of(user, "governor", doc)[0].note

    record_legal_review(user("sfj_clerk"), doc, True, "")
    assert kinds(user, "sfj_clerk", doc) == []
    assert kinds(user, "governor", doc) == [("sign", "待签发")]
    sign(user("governor"), doc)
    assert kinds(user, "governor", doc) == []


@pytest.mark.article(52)
def test_a_draft_agreement_can_be_reviewed_and_a_signed_one_no_longer(user) -> None:
    doc = draft_outgoing(
        user("clerk_wendian"),
        unit("gov"),
        "han",
        "关于共建产业园区的合作协议",
        "协议正文。",
        [unit("fgw")],
        signing_facts={"cooperation_agreement": True, "important": True, "concerned_units": ["fgw"]},
    )
    assert kinds(user, "sfj_clerk", doc) == [("legal_review", "合作协议合法性审核")]  # 起草中 it may be reviewed
    letter = draft(user, signing_facts={"important": True, "concerned_units": ["fgw"]})
    assert kinds(user, "sfj_clerk", letter) == []  # not an agreement


# ---------------------------------------------------------------- 待签发 only when signing is possible (art. 49)


@pytest.mark.article(49)
def test_the_step_holder_acts_first_and_the_signer_is_told_what_it_waits_for(user) -> None:
    notice = to_signature(user, draft(user, signing_facts={"important": True, "concerned_units": ["fgw"]}))
    assert kinds(user, "vice_liu", notice) == [("signing_step", "签发前审核")]
    for signer in ("governor", "exec_vice"):
        [waiting] = todos_of(user, signer, notice)
        assert waiting.kind == "sign_waiting", signer
        assert "尚待刘振东（副州长）审核，暂不能签发" in waiting.note
    record_signing_step(user("vice_liu"), notice, "同意。")
    assert kinds(user, "vice_liu", notice) == []
    assert kinds(user, "governor", notice) == [("sign", "待签发")]
    assert kinds(user, "vice_ayigul", notice) == []


@pytest.mark.article(49)
def test_a_vacant_seat_is_shown_to_the_signer_as_the_block(user) -> None:
    Unit.objects.create(
        code="dag",
        name="克孜勒苏柯尔克孜自治州档案馆",
        short_name="州档案馆",
        kind=UnitKind.DIRECT_UNIT,
        parent=unit("gov"),
        sort_order=99,
    )
    notice = to_signature(user, draft(user, signing_facts={"important": True, "concerned_units": ["fgw", "dag"]}))
    record_signing_step(user("vice_liu"), notice, "同意。")
    [blocked] = todos_of(user, "governor", notice)
    assert (blocked.kind, blocked.what) == ("sign_waiting", "待签发（尚不能签发）")
    assert "州档案馆当日没有分管领导同志" in blocked.note


@pytest.mark.article(49)
def test_a_unit_head_has_his_units_document_to_sign(user) -> None:
    letter = draft_outgoing(
        user("fgw_clerk"), unit("fgw"), "han", "关于商请提供项目资料的函", "州财政局：……", [unit("czj")]
    )
    to_signature(user, letter, reviewer="fgw_deputy")
    assert kinds(user, "fgw_head", letter) == [("sign", "待签发")]
    assert kinds(user, "czj_head", letter) == []
    assert kinds(user, "fgw_deputy", letter) == []
    sign(user("fgw_head"), letter)
    assert kinds(user, "fgw_head", letter) == []


def test_awaiting_documents_cost_no_query_each(user, django_assert_max_num_queries) -> None:
    from zhengwu.core.memo import scope

    def notice(n: int) -> Document:
        return to_signature(
            user,
            draft_outgoing(
                user("clerk_wendian"),
                unit("gov"),
                "tongzhi",
                f"关于第{n}项工作的通知",
                "正文。",
                [unit("atushi")],
                signing_facts={"important": True, "concerned_units": ["fgw"]},
            ),
        )

    governor = user("governor")
    notice(0)
    with scope(), django_assert_max_num_queries(30) as few:
        assert len(document_todos(Viewer.of(governor))) == 1
    for n in range(1, 8):
        notice(n)
    with scope(), django_assert_max_num_queries(len(few.captured_queries)):  # not one more for 7 more documents
        assert len(document_todos(Viewer.of(governor))) == 8


@pytest.mark.article(51)
def test_the_office_reviews_only_the_governments_and_its_own_documents(user) -> None:
    """No to-do for an act the rules refuse: a department's document is reviewed by its own leadership."""
    from zhengwu.documents.actions.outgoing import submit_for_review

    letter = draft_outgoing(
        user("fgw_clerk"), unit("fgw"), "han", "关于商请提供项目资料的函", "州财政局：……", [unit("czj")]
    )
    submit_for_review(user("fgw_clerk"), letter)
    assert kinds(user, "office_director", letter) == []
    notice = draft(user, signing_facts={"important": True, "concerned_units": ["fgw"]})
    submit_for_review(user("clerk_wendian"), notice)
    assert kinds(user, "office_director", notice) == [("intake", "审核")]
