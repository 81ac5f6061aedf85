"""Disagreement (art. 50): the lead unit lists each side's reasons and proposes a solution; every
unit consulted countersigns that statement (与相关部门负责人会签) — the one that disagreed and the one
that agreed alike; only then may the 请示 go up."""

from __future__ import annotations

import pytest

from tests.documents.conftest import counts, notified
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Refused
from zhengwu.documents.actions.countersign import (
    reply,
    sign_statement,
    write_disagreement_statement,
)
from zhengwu.documents.models import CountersignState
from zhengwu.documents.selectors import countersign_status

pytestmark = pytest.mark.article(50)
ART50 = "（《工作规则》第五十条）"
REASONS = "发展改革委：项目已列入年度计划，前期经费须先行安排。财政局：年度预算已无调剂空间，资金渠道不明。"
PROPOSAL = "建议前期经费从州本级预备费中安排，下年度纳入预算。"


@pytest.fixture
def disagreed(user, countersigning):
    doc, tasks = countersigning
    reply(user("czj_head"), tasks["czj"], CountersignState.DISAGREED, "年度预算已无调剂空间，资金渠道不明。")
    reply(user("sfj_head"), tasks["sfj"], CountersignState.AGREED)
    return doc, tasks


def test_the_whole_path(user, disagreed) -> None:
    doc, tasks = disagreed
    status = countersign_status(doc)
    assert not status.allowed
    assert status.explanation == ("会签尚未完成：州财政局不同意，主办单位尚未列明各方理据并提出办理建议" + ART50)

    write_disagreement_statement(user("fgw_head"), doc, REASONS, PROPOSAL)
    doc.refresh_from_db()
    assert (doc.disagreement_reasons, doc.disagreement_proposal) == (REASONS, PROPOSAL)
    assert notified("请会签分歧说明") == {"czj_head", "sfj_head"}  # every unit consulted, the 司法局 agreed
    record = AuditRecord.objects.get(action="documents.countersign.statement", object_id=str(doc.pk))
    assert (record.article, record.actor_name) == (50, "周强")
    assert record.details["to_sign"] == ["czj", "sfj"]
    status = countersign_status(doc)
    assert not status.allowed
    assert status.message == "会签尚未完成：州财政局、州司法局负责人尚未会签分歧说明。"

    task = sign_statement(user("czj_head"), tasks["czj"])
    assert task.statement_signed_at is not None
    assert notified("州财政局已会签分歧说明") == {"fgw_head"}
    status = countersign_status(doc)
    assert not status.allowed
    assert status.message == "会签尚未完成：州司法局负责人尚未会签分歧说明。"

    sign_statement(user("sfj_head"), tasks["sfj"])  # the unit that agreed countersigns too
    status = countersign_status(doc)
    assert status.allowed
    assert status.code == "countersign.complete_with_statement"


def test_rewriting_the_statement_asks_for_signatures_again(user, disagreed) -> None:
    doc, tasks = disagreed
    write_disagreement_statement(user("fgw_head"), doc, REASONS, PROPOSAL)
    sign_statement(user("czj_head"), tasks["czj"])
    write_disagreement_statement(user("fgw_head"), doc, REASONS, "建议由州财政局与发展改革委另行协商后报批。")
    tasks["czj"].refresh_from_db()
    assert tasks["czj"].statement_signed_at is None
    assert not countersign_status(doc).allowed
    sign_statement(user("czj_head"), tasks["czj"])
    assert not countersign_status(doc).allowed
    sign_statement(user("sfj_head"), tasks["sfj"])
    assert countersign_status(doc).allowed


@pytest.mark.parametrize(
    ("username", "reasons", "proposal", "expected"),
    [
        ("fgw_clerk", REASONS, PROPOSAL, "列明各方理据应由州发展改革委负责人（周强（主任））办理"),
        ("czj_head", REASONS, PROPOSAL, "列明各方理据应由州发展改革委负责人"),
        ("fgw_head", REASONS, "", "分歧说明应列明各方理据并提出办理建议；请填写办理建议"),
        ("fgw_head", "", "", "分歧说明应列明各方理据并提出办理建议；请填写各方理据、办理建议"),
    ],
)
def test_statement_refusals_change_nothing(user, disagreed, username, reasons, proposal, expected) -> None:
    doc, _ = disagreed
    before = counts()
    with pytest.raises(Refused) as refused:
        write_disagreement_statement(user(username), doc, reasons, proposal)
    assert refused.value.explanations[0].startswith(expected), refused.value.explanations
    assert all(e.endswith(ART50) for e in refused.value.explanations)
    assert counts() == before
    doc.refresh_from_db()
    assert doc.disagreement_reasons == ""


def test_no_statement_before_every_unit_has_answered(user, countersigning) -> None:
    doc, tasks = countersigning
    reply(user("czj_head"), tasks["czj"], CountersignState.DISAGREED, "不同意")
    with pytest.raises(Refused, match="州司法局尚未回复；各单位回复后，方能列明各方理据"):
        write_disagreement_statement(user("fgw_head"), doc, REASONS, PROPOSAL)


def test_no_statement_without_disagreement(user, countersigning) -> None:
    doc, tasks = countersigning
    reply(user("czj_head"), tasks["czj"], CountersignState.AGREED)
    reply(user("sfj_head"), tasks["sfj"], CountersignState.AGREED)
    with pytest.raises(Refused, match="各会签单位均无不同意见，不需要分歧说明"):
        write_disagreement_statement(user("fgw_head"), doc, REASONS, PROPOSAL)


@pytest.mark.parametrize(
    ("username", "code", "expected"),
    [
        ("jyj_head", "czj", "会签分歧说明应由州财政局负责人"),
        ("fgw_head", "czj", "会签分歧说明应由州财政局负责人"),
        ("czj_head", "sfj", "会签分歧说明应由州司法局负责人"),
        ("sfj_clerk", "sfj", "会签分歧说明应由州司法局负责人"),
    ],
)
def test_signing_refusals_change_nothing(user, disagreed, username, code, expected) -> None:
    doc, tasks = disagreed
    write_disagreement_statement(user("fgw_head"), doc, REASONS, PROPOSAL)
    before = counts()
    with pytest.raises(Refused) as refused:
        sign_statement(user(username), tasks[code])
    assert refused.value.explanations[0].startswith(expected), refused.value.explanations
    assert counts() == before
    assert not countersign_status(doc).allowed


def test_signing_before_the_statement_or_twice_is_refused(user, disagreed) -> None:
    doc, tasks = disagreed
    with pytest.raises(Refused, match="主办单位尚未列明各方理据并提出办理建议，暂不能会签"):
        sign_statement(user("czj_head"), tasks["czj"])
    write_disagreement_statement(user("fgw_head"), doc, REASONS, PROPOSAL)
    sign_statement(user("czj_head"), tasks["czj"])
    with pytest.raises(Refused, match="州财政局已会签分歧说明"):
        sign_statement(user("czj_head"), tasks["czj"])
    assert AuditRecord.objects.filter(action="documents.countersign.statement_sign").count() == 1


def test_a_unit_deemed_to_have_no_objection_may_countersign_but_is_not_waited_for(user, countersigning, frozen) -> None:
    from zhengwu.timers import services as timers

    doc, tasks = countersigning
    reply(user("czj_head"), tasks["czj"], CountersignState.DISAGREED, "资金渠道不明。")
    frozen.move_to("2026-12-11 08:30 +0800")
    timers.sweep()
    tasks["sfj"].refresh_from_db()
    assert tasks["sfj"].state == CountersignState.SILENT_CONSENT
    write_disagreement_statement(user("fgw_head"), doc, REASONS, PROPOSAL)
    assert notified("请会签分歧说明") == {"czj_head", "sfj_head"}
    sign_statement(user("czj_head"), tasks["czj"])
    assert countersign_status(doc).allowed  # the silent 司法局 already answered by its silence
    sign_statement(user("sfj_head"), tasks["sfj"])  # and may still sign
    assert countersign_status(doc).allowed


def test_without_a_disagreement_there_is_nothing_to_countersign(user, countersigning) -> None:
    _, tasks = countersigning
    reply(user("czj_head"), tasks["czj"], CountersignState.AGREED)
    with pytest.raises(Refused, match="各会签单位均无不同意见，没有需要会签的分歧说明"):
        sign_statement(user("czj_head"), tasks["czj"])
