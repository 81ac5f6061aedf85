"""退文 on the office's own judgement (art. 52): a department matter put up for issue in the
government's or the office's name, a document the law or a document in force already provides for,
one without substance, or any other reason the office writes — office staff only, always with the
reason; the unit is told, the history stays on the one record, and the unit corrects and resubmits
as after a failed check."""

from __future__ import annotations

import pytest

from tests.documents.conftest import notified, unit
from zhengwu.audit.models import AuditRecord
from zhengwu.audit.services import action_records, history_for
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.documents.actions.intake import (
    check,
    create_submission,
    office_return,
    receive,
    revise,
    sign_and_submit,
    write_office_opinion,
)
from zhengwu.documents.models import DocState, Document, DocumentVersion, Opinion, OpinionKind
from zhengwu.notices.models import Notice
from zhengwu.org.models import Person

pytestmark = [pytest.mark.article(52), pytest.mark.usefixtures("frozen")]

REASON = "本件请求以州人民政府名义转发的实施方案，所涉事项属州发展改革委职权范围，请以本部门名义印发。"
ART52 = "（《工作规则》第五十二条）"


def written() -> dict[str, int]:
    return {
        "documents": Document.objects.count(),
        "versions": DocumentVersion.objects.count(),
        "opinions": Opinion.objects.count(),
        "audit": action_records().count(),
        "notices": Notice.objects.count(),
    }


def received(user) -> Document:
    doc = create_submission(
        user("fgw_clerk"),
        unit("fgw"),
        "qingshi",
        "关于转发《重大项目前期工作实施方案》的请示",
        "州人民政府：……请予转发。",
        ["以州人民政府名义转发实施方案"],
        [unit("gov")],
        [],
    )
    sign_and_submit(user("fgw_head"), doc)
    return receive(user("clerk_wendian"), doc)


def test_the_office_returns_a_department_matter_with_the_rule_and_its_reason(user) -> None:
    doc = received(user)
    before = written()
    opinion = office_return(user("clerk_wendian"), doc, ["department_matter"], REASON)

    doc.refresh_from_db()
    assert doc.state == DocState.RETURNED
    assert (opinion.kind, opinion.author_name) == (OpinionKind.CHECK_RETURN, "李娜")
    assert opinion.addressed_to == Person.objects.get(user__username="fgw_head")
    assert opinion.text.splitlines() == [
        "1. 属部门职权范围内的事务、应由部门自行发文或联合发文的，不以自治州人民政府批转或自治州人民政府办公室名义发文"
        + ART52,
        f"2. 退文理由：{REASON.rstrip('。')}{ART52}",
    ]
    record = AuditRecord.objects.get(action="documents.intake.office_return", object_id=str(doc.pk))
    assert (record.article, record.citation, record.actor_name) == (52, "《工作规则》第五十二条", "李娜")
    assert record.details["grounds"] == ["department_matter"]
    assert (record.details["opinion"], record.details["from_state"]) == (opinion.pk, "received")
    assert notified("退文：《关于转发") == {"fgw_head", "fgw_clerk"}
    assert written() == {
        **before,
        "opinions": before["opinions"] + 1,
        "audit": before["audit"] + 1,
        "notices": before["notices"] + 2,
    }


def test_a_document_that_passed_the_check_is_returned_for_having_no_substance(user) -> None:
    doc = received(user)
    assert check(user("clerk_wendian"), doc).passed
    opinion = office_return(
        user("office_director"),
        doc,
        ["no_substance", "already_provided"],
        "现行《重大项目管理办法》已有部署，本件未提出新的措施。",
    )
    doc.refresh_from_db()
    assert doc.state == DocState.RETURNED
    assert [line[:4] for line in opinion.text.splitlines()] == ["1. 凡", "2. 没", "3. 退"]
    record = AuditRecord.objects.get(action="documents.intake.office_return", object_id=str(doc.pk))
    assert record.details["grounds"] == ["already_provided", "no_substance"]
    assert record.details["from_state"] == "checked"


def test_any_other_reason_the_office_writes(user) -> None:
    doc = received(user)
    opinion = office_return(user("clerk_wendian"), doc, [], "附件缺少项目可行性研究报告。")
    assert opinion.text == f"1. 退文理由：附件缺少项目可行性研究报告{ART52}"


@pytest.mark.parametrize("username", ["fgw_clerk", "fgw_head", "vice_liu", "czj_head", "admin"])
def test_only_the_office_returns(user, username: str) -> None:
    doc = received(user)
    before = written()
    with pytest.raises(Refused) as refused:
        office_return(user(username), doc, ["no_substance"], REASON)
    assert refused.value.decisions[0].code == "intake.not_office"
    assert refused.value.explanations[0] == (
        "报送州人民政府的公文由政府办公室退文，您不是政府办公室工作人员（《工作规则》第五十二条）"
    )
    doc.refresh_from_db()
    assert doc.state == DocState.RECEIVED
    assert written() == before


def test_not_before_it_is_received_nor_once_it_has_gone_up(user) -> None:
    doc = create_submission(
        user("fgw_clerk"), unit("fgw"), "qingshi", "关于有关事项的请示", "正文", ["事项"], [unit("gov")], []
    )
    sign_and_submit(user("fgw_head"), doc)
    with pytest.raises(Refused) as refused:
        office_return(user("clerk_wendian"), doc, [], REASON)
    assert refused.value.explanations == [f"公文当前状态为“已报送，待签收”，不能退文{ART52}"]
    receive(user("clerk_wendian"), doc)
    check(user("clerk_wendian"), doc)
    write_office_opinion(user("office_director"), doc, "拟请刘振东副州长阅示。")
    before = written()
    with pytest.raises(Refused, match="不能退文"):
        office_return(user("clerk_wendian"), doc, [], REASON)
    assert written() == before


@pytest.mark.parametrize(
    ("grounds", "reason", "field", "message"),
    [
        (["no_substance"], "  \n ", "reason", "退文应当说明理由：请写明本件不符合要求之处。"),
        (["bogus"], REASON, "grounds", "无法识别的退文理由：bogus。"),
        ("no_substance", REASON, "grounds", "退文依据应当逐项选择。"),
    ],
)
def test_bad_input_writes_nothing(user, grounds, reason: str, field: str, message: str) -> None:
    doc = received(user)
    before = written()
    with pytest.raises(InvalidInput) as invalid:
        office_return(user("clerk_wendian"), doc, grounds, reason)
    assert (invalid.value.field, invalid.value.message) == (field, message)
    assert written() == before
    doc.refresh_from_db()
    assert doc.state == DocState.RECEIVED


def test_the_unit_corrects_and_resubmits_and_the_history_stays_on_one_record(user) -> None:
    doc = received(user)
    office_return(user("clerk_wendian"), doc, ["department_matter"], REASON)
    with pytest.raises(Refused, match="本件退回后尚未修改"):
        sign_and_submit(user("fgw_head"), doc)
    revise(
        user("fgw_clerk"),
        doc,
        "州人民政府：……现将有关情况报告如下。",
        title="关于重大项目前期工作实施方案的请示",
        request_items=["同意实施方案"],
    )
    sign_and_submit(user("fgw_head"), doc)
    doc.refresh_from_db()
    assert doc.state == DocState.SUBMITTED
    assert [v.number for v in doc.versions.order_by("number")] == [1, 2]
    assert [o.kind for o in doc.opinions.all()] == [OpinionKind.CHECK_RETURN]
    actions = [r.action for r in history_for(doc).order_by("seq")]
    assert actions == [
        "documents.intake.create",
        "documents.intake.submit",
        "documents.intake.receive",
        "documents.intake.office_return",
        "documents.intake.revise",
        "documents.intake.resubmit",
    ]
    assert Document.objects.filter(title__contains="实施方案").count() == 1  # one record, not a new document
