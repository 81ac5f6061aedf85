"""The office receives, registers and checks a submission (初审, art. 48); a failing one is
returned with its reasons (art. 52)."""

from __future__ import annotations

import pytest

from tests.documents.conftest import notified, unit
from zhengwu.audit.models import AuditRecord
from zhengwu.audit.services import action_records
from zhengwu.core.decisions import Refused
from zhengwu.documents.actions.intake import check, create_submission, receive, sign_and_submit
from zhengwu.documents.models import DocState, Document, DocumentVersion, Opinion, OpinionKind
from zhengwu.notices.models import Notice
from zhengwu.org.models import Person

pytestmark = pytest.mark.usefixtures("frozen")


def written() -> dict[str, int]:
    return {
        "documents": Document.objects.count(),
        "versions": DocumentVersion.objects.count(),
        "opinions": Opinion.objects.count(),
        "audit": action_records().count(),
        "notices": Notice.objects.count(),
    }


def submitted(
    user,
    issuer: str = "fgw",
    *,
    drafter: str = "fgw_clerk",
    head: str = "fgw_head",
    doc_type: str = "qingshi",
    items=("同意启动公路改建项目前期工作",),
    mains=("gov",),
    copies=(),
    body: str = "州人民政府：……妥否，请批示。",
    addressed_person=None,
) -> Document:
    doc = create_submission(
        user(drafter),
        unit(issuer),
        doc_type,
        "关于有关事项的" + ("请示" if doc_type == "qingshi" else "报告"),
        body,
        list(items),
        [unit(c) for c in mains],
        [unit(c) for c in copies],
        addressed_person=addressed_person,
    )
    return sign_and_submit(user(head), doc)


def received(user, **kwargs) -> Document:
    return receive(user("clerk_wendian"), submitted(user, **kwargs))


@pytest.mark.article(48)
def test_the_office_clerk_receives_and_registers(user) -> None:
    doc = receive(user("clerk_wendian"), submitted(user))
    assert doc.state == DocState.RECEIVED
    record = AuditRecord.objects.get(action="documents.intake.receive", object_id=str(doc.pk))
    assert (record.article, record.actor_name) == (48, "李娜")
    assert record.summary.startswith("签收登记：州发展改革委《")


@pytest.mark.article(48)
@pytest.mark.parametrize("username", ["fgw_clerk", "fgw_head", "admin"])
def test_only_the_office_receives(user, username: str) -> None:
    doc = submitted(user)
    before = written()
    with pytest.raises(Refused) as refused:
        receive(user(username), doc)
    assert refused.value.decisions[0].code == "intake.not_office"
    assert refused.value.explanations[0] == (
        "报送州人民政府的公文由政府办公室签收登记，您不是政府办公室工作人员（《工作规则》第四十八条）"
    )
    assert written() == before


@pytest.mark.article(48)
def test_a_draft_is_not_received(user) -> None:
    doc = create_submission(
        user("fgw_clerk"), unit("fgw"), "qingshi", "关于有关事项的请示", "正文", ["事项"], [unit("gov")], []
    )
    with pytest.raises(Refused) as refused:
        receive(user("clerk_wendian"), doc)
    assert refused.value.explanations == ["公文当前状态为“起草”，不能签收（《工作规则》第四十八条）"]


@pytest.mark.article(48)
def test_only_the_office_checks(user) -> None:
    doc = received(user)
    before = written()
    with pytest.raises(Refused) as refused:
        check(user("fgw_clerk"), doc)
    assert refused.value.decisions[0].code == "intake.not_office"
    assert written() == before


@pytest.mark.article(48)
def test_a_sound_request_passes(user) -> None:
    doc = received(user)
    before = written()
    result = check(user("clerk_wendian"), doc)

    assert result.passed
    assert result.reasons == []
    doc.refresh_from_db()
    assert doc.state == DocState.CHECKED
    record = AuditRecord.objects.get(action="documents.intake.check_passed", object_id=str(doc.pk))
    assert (record.article, record.summary) == (48, "初审通过：关于有关事项的请示")
    assert {c["code"] for c in record.details["checks"]} >= {
        "intake.one_matter",
        "intake.one_superior",
        "intake.right_level",
        "confidentiality.within",
    }
    assert written() == {**before, "audit": before["audit"] + 1}


@pytest.mark.article(48)
def test_a_county_submits_to_the_prefecture_government(user) -> None:
    doc = received(user, issuer="atushi", drafter="atushi_head", head="atushi_head")
    assert check(user("clerk_wendian"), doc).passed


@pytest.mark.article(48, 52)
def test_two_matters_are_returned_with_the_reason(user) -> None:
    doc = received(user, items=("同意启动公路改建项目前期工作", "安排前期工作经费200万元"))
    before = written()
    result = check(user("clerk_wendian"), doc)

    assert not result.passed
    assert result.reasons == ["请示应当一文一事，本件列有2项请示事项（《工作规则》第四十八条）"]
    doc.refresh_from_db()
    assert doc.state == DocState.RETURNED
    [opinion] = doc.opinions.all()
    assert opinion.kind == OpinionKind.CHECK_RETURN
    assert opinion.text == "1. 请示应当一文一事，本件列有2项请示事项（《工作规则》第四十八条）"
    assert (opinion.author_name, opinion.addressed_to) == ("李娜", Person.objects.get(user__username="fgw_head"))

    record = AuditRecord.objects.get(action="documents.intake.return", object_id=str(doc.pk))
    assert (record.article, record.citation) == (52, "《工作规则》第五十二条")
    assert record.details["reasons"] == result.reasons
    assert notified("退文") == {"fgw_head", "fgw_clerk"}
    assert written() == {
        **before,
        "opinions": before["opinions"] + 1,
        "audit": before["audit"] + 1,
        "notices": before["notices"] + 2,
    }


@pytest.mark.article(48, 52)
@pytest.mark.parametrize(
    ("kwargs", "codes"),
    [
        pytest.param(
            {"doc_type": "baogao", "items": (), "body": "以上报告，妥否，请批示。"},
            ["intake.request_phrase_in_report"],
            id="报告夹带请示",
        ),
        pytest.param({"mains": ("gov", "xj-gov")}, ["intake.several_superiors", "intake.skipped_level"], id="多头报文"),
        pytest.param({"mains": ("xj-gov",), "copies": ("gov",)}, ["intake.skipped_level"], id="越级"),
        pytest.param({"mains": ("office",)}, ["intake.not_superior"], id="主送办公室"),
    ],
)
def test_failing_submissions_are_returned(user, kwargs, codes: list[str]) -> None:
    result = check(user("clerk_wendian"), received(user, **kwargs))
    assert [d.code for d in result.decisions if not d.allowed] == codes
    assert all(r.endswith("（《工作规则》第四十八条）") for r in result.reasons)
    assert result.document.state == DocState.RETURNED
    assert result.document.opinions.get().text.count("\n") == len(codes) - 1


@pytest.mark.article(48, 52)
def test_addressed_to_a_leader_is_returned_unless_that_leader_assigned_it(user) -> None:
    liu = Person.objects.get(user__username="vice_liu")
    result = check(user("clerk_wendian"), received(user, addressed_person=liu))
    assert result.reasons == [
        "除政府领导同志交办事项和必须直接报送的绝密级事项外，不得直接向领导同志个人报送公文，本件报送刘振东同志"
        "（《工作规则》第四十八条）"
    ]


@pytest.mark.article(48)
def test_a_returned_document_is_not_checked_again_until_resubmitted(user) -> None:
    doc = received(user, items=("一", "二"))
    check(user("clerk_wendian"), doc)
    with pytest.raises(Refused) as refused:
        check(user("clerk_wendian"), doc)
    assert refused.value.explanations == ["公文当前状态为“已退文”，不能初审（《工作规则》第四十八条）"]
