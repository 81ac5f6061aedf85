"""The document's timeline (``services.document_timeline``): each step's entry carries the opinion
written at that step — the office's review, 拟办, 转批, 批示, a return's reasons, the steps before
signing, the statement of a disagreement — not only a separate list of opinions."""

from __future__ import annotations

import pytest

from tests.documents.conftest import unit
from zhengwu.documents.actions.countersign import reply, write_disagreement_statement
from zhengwu.documents.actions.intake import (
    check,
    create_submission,
    instruct,
    office_return,
    pass_on,
    receive,
    sign_and_submit,
    write_office_opinion,
)
from zhengwu.documents.actions.outgoing import draft_outgoing, record_signing_step, review, submit_for_review
from zhengwu.documents.models import CountersignState
from zhengwu.documents.services import document_timeline
from zhengwu.org.models import Person

pytestmark = pytest.mark.usefixtures("frozen")


def opinions(doc) -> dict[str, tuple[str, str]]:
    return {e.record.action: (e.opinion_label, e.opinion) for e in document_timeline(doc) if e.opinion}


def submitted(user):
    doc = create_submission(
        user("fgw_clerk"),
        unit("fgw"),
        "qingshi",
        "关于公路改建项目的请示",
        "正文。",
        ["同意启动前期工作"],
        [unit("gov")],
        [],
    )
    sign_and_submit(user("fgw_head"), doc)
    receive(user("clerk_wendian"), doc)
    return doc


@pytest.mark.article(51)
def test_the_office_opinion_the_pass_on_and_the_instruction_are_in_their_entries(user) -> None:
    doc = submitted(user)
    check(user("clerk_wendian"), doc)
    write_office_opinion(user("office_director"), doc, "拟请刘振东副州长阅示。")
    pass_on(user("vice_liu"), doc, Person.objects.get(user__username="governor"), "请州长审定。")
    instruct(user("governor"), doc, "同意。请发展改革委抓紧实施。")
    assert opinions(doc) == {
        "documents.intake.office_opinion": ("拟办意见", "拟请刘振东副州长阅示。"),
        "documents.intake.pass_on": ("转请其他领导核批", "请州长审定。"),
        "documents.intake.instruct": ("批示", "同意。请发展改革委抓紧实施。"),
    }
    entries = document_timeline(doc)
    assert [e.record.action for e in entries][:3] == [
        "documents.intake.create",
        "documents.intake.submit",
        "documents.intake.receive",
    ]
    assert all(e.opinion == "" for e in entries[:3])


@pytest.mark.article(48, 52)
def test_returns_carry_their_reasons(user) -> None:
    failing = create_submission(
        user("fgw_clerk"), unit("fgw"), "qingshi", "关于两件事的请示", "正文。", ["事项一", "事项二"], [unit("gov")], []
    )
    sign_and_submit(user("fgw_head"), failing)
    receive(user("clerk_wendian"), failing)
    check(user("clerk_wendian"), failing)
    label, text = opinions(failing)["documents.intake.return"]
    assert (label, text) == ("退文理由", "1. 请示应当一文一事，本件列有2项请示事项（《工作规则》第四十八条）")
    doc = submitted(user)
    office_return(user("clerk_wendian"), doc, [], "附件不全。")
    assert opinions(doc)["documents.intake.office_return"] == (
        "退文理由",
        "1. 退文理由：附件不全（《工作规则》第五十二条）",
    )


@pytest.mark.article(49, 51)
def test_the_review_and_the_step_before_signing_are_in_their_entries(user) -> None:
    doc = draft_outgoing(
        user("clerk_wendian"),
        unit("gov"),
        "tongzhi",
        "关于加强项目管理的通知",
        "各县（市）：正文。",
        [unit("atushi")],
        [],
        signing_facts={"important": True, "concerned_units": ["fgw"]},
    )
    submit_for_review(user("clerk_wendian"), doc)
    review(user("office_director"), doc, False, "标题不规范，请修改。")
    found = opinions(doc)
    assert found["documents.outgoing.review_returned"] == ("审核退回意见", "标题不规范，请修改。")
    submit_for_review(user("clerk_wendian"), doc)
    review(user("office_director"), doc, True, "文种、格式符合要求。")
    record_signing_step(user("vice_liu"), doc, "同意，请州长签发。")
    found = opinions(doc)
    assert found["documents.outgoing.review_passed"] == ("审核意见", "文种、格式符合要求。")
    assert found["documents.outgoing.signing_step"] == ("签发前审核、同意", "同意，请州长签发。")


@pytest.mark.article(50)
def test_the_statement_of_a_disagreement_is_in_its_entry(user, countersigning) -> None:
    doc, tasks = countersigning
    reply(user("czj_head"), tasks["czj"], CountersignState.DISAGREED, "资金渠道不明。")
    reply(user("sfj_head"), tasks["sfj"], CountersignState.AGREED)
    write_disagreement_statement(user("fgw_head"), doc, "各方理据。", "办理建议。")
    assert opinions(doc)["documents.countersign.statement"] == (
        "分歧说明",
        "各方理据：各方理据。\n办理建议：办理建议。",
    )
