"""The legislation workflow's refusals that used to cite nothing now name their article (issue 14)."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.core.rulebook_view import RulebookView
from zhengwu.core.transitions import check_step
from zhengwu.legislation import rules


@pytest.mark.article(22)
@pytest.mark.parametrize(
    ("government", "step", "message"),
    [
        (False, "topic", "部门规范性文件由本部门集体审议，无需提请州人民政府常务会议。"),
        (False, "document", "部门规范性文件按本部门发文规定签发，请在印发后登记文号。"),
        (True, "unit_issue", "州人民政府的规章、规范性文件经公文流程签发印发。"),
        (True, "filing_review", "州人民政府的规章、规范性文件由备案机关审查。"),
    ],
)
def test_each_issuer_takes_its_own_route(kizilsu: RulebookView, government: bool, step: str, message: str) -> None:
    refused = rules.check_route(government, step, kizilsu)
    assert (refused.allowed, refused.message, refused.citation.article) == (False, message, 22)
    assert rules.check_route(not government, step, kizilsu).allowed


@pytest.mark.article(22)
def test_once_on_the_agenda_once_reviewed_once_consulted(kizilsu: RulebookView) -> None:
    assert rules.check_not_on_agenda(True, kizilsu).explanation == "已提请常务会议审议（《工作规则》第二十二条）"
    assert rules.check_not_on_agenda(False, kizilsu).allowed
    assert rules.check_unreviewed(True, kizilsu).explanation == "已经审查（《工作规则》第二十二条）"
    assert rules.check_unreviewed(False, kizilsu).allowed
    replied = rules.check_consultation(False, True, kizilsu)
    assert replied.explanation == "本单位已经回复过意见（《工作规则》第二十二条）"
    assert rules.check_consultation(False, False, kizilsu).allowed


@pytest.mark.article(22)
def test_a_cleanup_needs_documents_and_closes_once(kizilsu: RulebookView) -> None:
    nothing = rules.check_cleanup(0, 0, False, kizilsu, closing=False)
    assert nothing.explanation == "目前没有有效的规章、规范性文件，无需清理（《工作规则》第二十二条）"
    closed = rules.check_cleanup(0, 0, True, kizilsu, closing=True)
    assert closed.explanation == "本次清理已结束（《工作规则》第二十二条）"
    assert rules.check_cleanup(3, 0, False, kizilsu, closing=False).allowed
    assert rules.check_cleanup(0, 0, False, kizilsu, closing=True).allowed


@pytest.mark.article(21)
def test_evaluated_once_and_no_evaluation_after_the_listing(kizilsu: RulebookView) -> None:
    done = check_step(rules.EVALUATE, "done", "已评估", kizilsu)
    assert done.explanation == "本评估当前为“已评估”，不能完成评估（《工作规则》第二十一条）"
    assert check_step(rules.EVALUATE, "pending", "待评估", kizilsu).allowed
    listed = rules.check_dispute_open(True, kizilsu)
    assert listed.explanation == "司法局已列明各方理据，不能再记录评估（《工作规则》第二十一条）"
    assert rules.check_dispute_open(False, kizilsu).allowed
    assert rules.check_comment_period_over(dt.date(2026, 10, 13), False, kizilsu).allowed


@pytest.mark.article(20, 21, 22)
def test_each_step_of_a_draft_names_its_states_and_article(kizilsu: RulebookView) -> None:
    from zhengwu.legislation.models import DraftState

    steps = [
        rules.EDIT, rules.CONSULT, rules.RECORD_DISPUTE, rules.OPEN_COMMENT, rules.CLOSE_COMMENT,
        rules.ANSWER_COMMENT, rules.PUBLISH_ANSWERS, rules.REVIEW, rules.RECORD_DELIBERATION,
        rules.PREPARE_DOCUMENT, rules.RECORD_UNIT_ISSUE, rules.PUBLISH,
    ]  # fmt: skip
    for step in steps:
        assert step.from_states <= set(DraftState.values), step.code
    published = check_step(rules.EDIT, DraftState.PUBLISHED, DraftState.PUBLISHED.label, kizilsu)
    assert published.explanation == "草案当前为“已公布”，不能修改（《工作规则》第二十二条）"
    consulting = check_step(rules.OPEN_COMMENT, DraftState.CONSULTING, DraftState.CONSULTING.label, kizilsu)
    assert consulting.explanation == "草案当前为“公开征求意见中”，不能公开征求意见（《工作规则》第二十一条）"
    assert check_step(rules.PUBLISH, DraftState.SIGNING, DraftState.SIGNING.label, kizilsu).allowed
