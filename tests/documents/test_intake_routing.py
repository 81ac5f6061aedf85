"""The office's handling opinion and 呈批 by the leaders' division of work; 转批 and 批示 (art. 51);
and the whole path of one document, returned once and resubmitted (arts. 48, 49, 51, 52)."""

from __future__ import annotations

import pytest

from tests.documents.conftest import notified, unit
from zhengwu.audit.models import AuditRecord
from zhengwu.audit.services import action_records, history_for
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.documents.actions.intake import (
    check,
    create_submission,
    instruct,
    pass_on,
    receive,
    revise,
    sign_and_submit,
    write_office_opinion,
)
from zhengwu.documents.models import DocState, Document, DocumentVersion, Opinion, OpinionKind
from zhengwu.notices.models import Notice
from zhengwu.org.models import Person

pytestmark = pytest.mark.usefixtures("frozen")

OPINION = "拟请刘振东副州长阅示。该项目已列入州“十四五”规划，建议同意启动前期工作。"


def written() -> dict[str, int]:
    return {
        "documents": Document.objects.count(),
        "versions": DocumentVersion.objects.count(),
        "opinions": Opinion.objects.count(),
        "audit": action_records().count(),
        "notices": Notice.objects.count(),
    }


def person(username: str) -> Person:
    return Person.objects.select_related("user").get(user__username=username)


def checked(user) -> Document:
    """A 请示 of the 发展改革委, submitted, received and passed by 初审."""
    doc = create_submission(
        user("fgw_clerk"),
        unit("fgw"),
        "qingshi",
        "关于启动公路改建项目前期工作的请示",
        "州人民政府：……妥否，请批示。",
        ["同意启动公路改建项目前期工作"],
        [unit("gov")],
        [],
    )
    sign_and_submit(user("fgw_head"), doc)
    receive(user("clerk_wendian"), doc)
    assert check(user("clerk_wendian"), doc).passed
    return doc


def routed(user, major: bool = False) -> Document:
    doc = checked(user)
    write_office_opinion(user("office_director"), doc, OPINION, major=major)
    return doc


@pytest.mark.article(51)
def test_the_office_director_writes_the_opinion_and_sends_it_to_the_portfolio_leader(user) -> None:
    doc = checked(user)
    opinion = write_office_opinion(user("office_director"), doc, OPINION)

    doc.refresh_from_db()
    assert doc.state == DocState.ROUTED
    assert (opinion.kind, opinion.text, opinion.author_name) == (OpinionKind.OFFICE_OPINION, OPINION, "陈静")
    assert opinion.addressed_to == person("vice_liu")
    record = AuditRecord.objects.get(action="documents.intake.office_opinion", object_id=str(doc.pk))
    assert (record.article, record.details["route"], record.details["major"]) == (51, "review.to_portfolio", False)
    assert record.details["routing"] == (
        "按政府领导同志分工，呈州发展改革委的分管领导刘振东（副州长）（《工作规则》第五十一条）"
    )
    assert notified("呈批") == {"vice_liu"}


@pytest.mark.article(51)
def test_a_major_matter_goes_to_the_governor(user) -> None:
    doc = routed(user, major=True)
    opinion = doc.opinions.get(kind=OpinionKind.OFFICE_OPINION)
    assert opinion.addressed_to == person("governor")
    assert notified("呈批") == {"governor"}


@pytest.mark.article(51)
@pytest.mark.parametrize("username", ["clerk_wendian", "fgw_head", "vice_liu"])
def test_only_the_office_leadership_writes_the_opinion(user, username: str) -> None:
    doc = checked(user)
    before = written()
    with pytest.raises(Refused) as refused:
        write_office_opinion(user(username), doc, OPINION)
    assert refused.value.explanations == [
        "拟办意见由秘书长、副秘书长或办公室主任提出，您无权拟办（《工作规则》第五十一条）"
    ]
    assert written() == before


@pytest.mark.article(51)
def test_the_secretary_general_and_deputy_also_write_it(user) -> None:
    assert write_office_opinion(user("deputy_sg"), checked(user), OPINION).addressed_to == person("vice_liu")
    assert write_office_opinion(user("secretary_general"), checked(user), OPINION).addressed_to == person("vice_liu")


@pytest.mark.article(48, 51)
def test_no_opinion_before_the_check_has_passed(user) -> None:
    doc = create_submission(
        user("fgw_clerk"), unit("fgw"), "qingshi", "关于有关事项的请示", "正文", ["事项"], [unit("gov")], []
    )
    sign_and_submit(user("fgw_head"), doc)
    receive(user("clerk_wendian"), doc)
    before = written()
    with pytest.raises(Refused) as refused:
        write_office_opinion(user("office_director"), doc, OPINION)
    assert refused.value.explanations == ["公文签收后应当先经初审，初审通过后才能拟办（《工作规则》第四十八条）"]
    assert written() == before


@pytest.mark.article(51)
def test_an_empty_opinion_is_bad_input(user) -> None:
    doc = checked(user)
    before = written()
    with pytest.raises(InvalidInput):
        write_office_opinion(user("office_director"), doc, "   ")
    assert written() == before


@pytest.mark.article(51)
def test_the_portfolio_leader_passes_it_to_the_governor(user) -> None:
    doc = routed(user)
    opinion = pass_on(user("vice_liu"), doc, person("governor"), "请买买提·艾力州长审示。")

    assert (opinion.kind, opinion.addressed_to) == (OpinionKind.PASS_ON, person("governor"))
    doc.refresh_from_db()
    assert doc.state == DocState.ROUTED
    record = AuditRecord.objects.get(action="documents.intake.pass_on", object_id=str(doc.pk))
    assert (record.article, record.actor_name) == (51, "刘振东")
    assert notified("转批") == {"governor"}


@pytest.mark.article(51)
def test_another_leader_does_not_pass_it_on(user) -> None:
    doc = routed(user)
    before = written()
    with pytest.raises(Refused) as refused:
        pass_on(user("vice_ayigul"), doc, person("governor"), "")
    assert refused.value.decisions[0].code == "review.not_routed_to_actor"
    assert written() == before


@pytest.mark.article(51)
def test_it_is_passed_only_to_a_government_leader(user) -> None:
    doc = routed(user)
    with pytest.raises(Refused) as refused:
        pass_on(user("vice_liu"), doc, person("fgw_head"), "")
    assert refused.value.decisions[0].code == "review.pass_to_non_leader"


@pytest.mark.article(51)
def test_the_leader_it_is_routed_to_instructs(user) -> None:
    doc = routed(user)
    opinion = instruct(user("vice_liu"), doc, "同意。请州发展改革委抓紧开展前期工作。")

    assert opinion.kind == OpinionKind.INSTRUCTION
    assert opinion.author_name == "刘振东"
    doc.refresh_from_db()
    assert doc.state == DocState.INSTRUCTED
    record = AuditRecord.objects.get(action="documents.intake.instruct", object_id=str(doc.pk))
    assert record.article == 51
    assert record.details["text"] == "同意。请州发展改革委抓紧开展前期工作。"
    assert notified("领导批示") == {"fgw_head", "office_director", "clerk_wendian"}


@pytest.mark.article(51)
def test_the_governor_instructs_what_was_passed_to_him_and_a_vice_governor_does_not(user) -> None:
    doc = routed(user)
    pass_on(user("vice_liu"), doc, person("governor"))
    before = written()
    with pytest.raises(Refused) as refused:
        instruct(user("vice_ayigul"), doc, "同意。")
    assert refused.value.explanations == [
        "公文按政府领导同志分工呈批，本件当前呈买买提·艾力（州长），您不能批示（《工作规则》第五十一条）"
    ]
    with pytest.raises(Refused):  # passed on: no longer with vice_liu
        instruct(user("vice_liu"), doc, "同意。")
    assert written() == before

    instruct(user("governor"), doc, "同意。")
    doc.refresh_from_db()
    assert doc.state == DocState.INSTRUCTED


@pytest.mark.article(51)
def test_an_empty_instruction_is_bad_input(user) -> None:
    doc = routed(user)
    before = written()
    with pytest.raises(InvalidInput):
        instruct(user("vice_liu"), doc, "")
    assert written() == before


@pytest.mark.article(48, 49, 51, 52)
def test_the_whole_path_stays_on_one_record(user) -> None:
    clerk, head, wendian = user("fgw_clerk"), user("fgw_head"), user("clerk_wendian")
    doc = create_submission(
        clerk,
        unit("fgw"),
        "qingshi",
        "关于启动公路改建项目前期工作并安排经费的请示",
        "第一稿。妥否，请批示。",
        ["同意启动公路改建项目前期工作", "安排前期工作经费200万元"],
        [unit("gov")],
        [unit("czj")],
    )
    sign_and_submit(head, doc)
    receive(wendian, doc)
    first = check(wendian, doc)
    assert not first.passed
    doc.refresh_from_db()
    assert doc.state == DocState.RETURNED
    assert doc.opinions.get().text == "1. 请示应当一文一事，本件列有2项请示事项（《工作规则》第四十八条）"

    revise(
        clerk,
        doc,
        "第二稿，只请示启动前期工作。妥否，请批示。",
        request_items=["同意启动公路改建项目前期工作"],
        title="关于启动公路改建项目前期工作的请示",
    )
    sign_and_submit(head, doc)
    receive(wendian, doc)
    assert check(wendian, doc).passed
    write_office_opinion(user("office_director"), doc, OPINION)
    pass_on(user("vice_liu"), doc, person("governor"), "请州长审示。")
    instruct(user("governor"), doc, "同意。")

    doc.refresh_from_db()
    assert doc.state == DocState.INSTRUCTED
    assert Document.objects.filter(title__contains="公路改建项目前期工作").count() == 1
    versions = list(doc.versions.order_by("number").values_list("number", "frozen"))
    assert versions == [(1, True), (2, True)]
    assert doc.signer == person("fgw_head")
    assert list(doc.opinions.values_list("kind", "author_name")) == [
        (OpinionKind.CHECK_RETURN, "李娜"),
        (OpinionKind.OFFICE_OPINION, "陈静"),
        (OpinionKind.PASS_ON, "刘振东"),
        (OpinionKind.INSTRUCTION, "买买提·艾力"),
    ]
    trail = list(history_for(doc).values_list("action", "article"))
    assert trail == [
        ("documents.intake.create", 48),
        ("documents.intake.submit", 49),
        ("documents.intake.receive", 48),
        ("documents.intake.return", 52),
        ("documents.intake.revise", 52),
        ("documents.intake.resubmit", 49),
        ("documents.intake.receive", 48),
        ("documents.intake.check_passed", 48),
        ("documents.intake.office_opinion", 51),
        ("documents.intake.pass_on", 51),
        ("documents.intake.instruct", 51),
    ]
