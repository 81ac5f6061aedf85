"""Submissions to the government through the API (arts. 48, 49, 51, 52): a department drafts a 请示,
its head signs and submits it, the office receives, checks, writes its opinion and sends it up,
and the leaders pass it on and instruct.  Today is Tuesday 2026-12-01 throughout."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine

from zhengwu.audit.services import action_records
from zhengwu.documents.models import Document, DocumentVersion, Opinion
from zhengwu.org.models import Person


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel("2026-12-01 09:00 +0800", tick=False):
        yield


def _request(**extra):
    return {
        "doc_type": "qingshi",
        "title": "关于申请安排公路改建项目前期工作经费的请示",
        "body": "州人民政府：\n为推进公路改建项目……\n妥否，请批示。",
        "request_items": ["安排公路改建项目前期工作经费"],
        **extra,
    }


def _written():
    return (
        Document.objects.count(),
        DocumentVersion.objects.count(),
        Opinion.objects.count(),
        action_records().count(),
    )


def _person(username: str) -> int:
    return Person.objects.get(user__username=username).pk


def _submitted(api_as, **extra) -> int:
    created = api_as("fgw_clerk").post("/documents/submissions", _request(**extra))
    assert created.status_code == 201, created.json()
    doc_id = created.json()["id"]
    submitted = api_as("fgw_head").post(f"/documents/{doc_id}/sign-and-submit")
    assert submitted.status_code == 200, submitted.json()
    return doc_id


def _checked(api_as) -> int:
    doc_id = _submitted(api_as)
    assert api_as("clerk_wendian").post(f"/documents/{doc_id}/receive").status_code == 200
    assert api_as("clerk_wendian").post(f"/documents/{doc_id}/check").json()["passed"] is True
    return doc_id


@pytest.mark.article(48)
def test_a_department_clerk_drafts_a_request_for_their_own_unit(api_as):
    response = api_as("fgw_clerk").post("/documents/submissions", _request())
    assert response.status_code == 201
    body = response.json()
    assert (body["flow"], body["doc_type_label"], body["state"]) == ("submission", "请示", "draft")
    assert body["issuer"] == {"code": "fgw", "name": "州发展改革委"}  # the clerk's only unit
    assert [u["code"] for u in body["main_recipients"]] == ["gov"]
    assert body["request_items"] == ["安排公路改建项目前期工作经费"]
    assert [(v["number"], v["frozen"], v["created_by"]) for v in body["versions"]] == [(1, False, "孙磊")]
    assert body["signing"] is None  # who signs a submission is art. 49's last row: the unit head
    assert [r["action"] for r in body["history"]] == ["documents.intake.create"]


@pytest.mark.article(48)
def test_another_units_staff_may_not_draft_in_its_name(api_as):
    before = _written()
    response = api_as("czj_head").post("/documents/submissions", _request(issuer="fgw"))
    assert response.status_code == 403
    decision = response.json()["decisions"][0]
    assert decision["code"] == "intake.not_issuer_staff"
    assert decision["citation"]["article"] == 48
    assert _written() == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"doc_type": "memo"}, "doc_type"),
        ({"title": "  "}, "title"),
        ({"main_recipients": ["nowhere"]}, "main_recipients"),
        ({"copy_recipients": ["gov"]}, "copy_recipients"),
        ({"addressed_person_id": 999999}, "addressed_person_id"),
        ({"urgency": "very"}, "urgency"),
    ],
)
def test_bad_input_is_422_and_nothing_is_written(api_as, change, field):
    before = _written()
    response = api_as("fgw_clerk").post("/documents/submissions", _request(**change))
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert _written() == before


def test_a_clerk_of_two_units_or_none_must_name_the_issuer(api_as):
    response = api_as("admin").post("/documents/submissions", _request())
    assert response.status_code == 422
    assert response.json()["field"] == "issuer"


@pytest.mark.article(49)
def test_only_the_unit_head_signs_and_submits(api_as):
    doc_id = api_as("fgw_clerk").post("/documents/submissions", _request()).json()["id"]
    before = _written()
    refused = api_as("fgw_clerk").post(f"/documents/{doc_id}/sign-and-submit")
    assert refused.status_code == 403
    body = refused.json()
    assert body["decisions"][0]["code"] == "signing.not_unit_head"
    assert "（《工作规则》第四十九条）" in body["detail"]
    assert _written() == before

    signed = api_as("fgw_head").post(f"/documents/{doc_id}/sign-and-submit").json()
    assert signed["state"] == "submitted"
    assert signed["signer"]["name"] == "周强"
    assert signed["versions"][-1]["frozen"] is True


@pytest.mark.article(48)
def test_the_office_receives_and_checks_and_nobody_else_does(api_as):
    doc_id = _submitted(api_as)
    refused = api_as("fgw_head").post(f"/documents/{doc_id}/receive")
    assert refused.status_code == 403
    assert refused.json()["decisions"][0]["citation"]["article"] == 48

    received = api_as("clerk_wendian").post(f"/documents/{doc_id}/receive").json()
    assert received["state"] == "received"
    checked = api_as("clerk_wendian").post(f"/documents/{doc_id}/check")
    assert checked.status_code == 200
    result = checked.json()
    assert result["passed"] is True
    assert result["reasons"] == []
    assert result["decisions"]
    assert all(d["allowed"] for d in result["decisions"])
    assert {d["citation"]["article"] for d in result["decisions"]} >= {48}
    assert result["document"]["state"] == "checked"


@pytest.mark.article(48, 52)
def test_a_request_with_two_matters_is_returned_with_its_reasons_then_corrected(api_as):
    doc_id = _submitted(api_as, request_items=["安排前期工作经费", "调整项目建设规模"])
    office = api_as("clerk_wendian")
    office.post(f"/documents/{doc_id}/receive")
    result = office.post(f"/documents/{doc_id}/check").json()
    assert result["passed"] is False
    failed = [d for d in result["decisions"] if not d["allowed"]]
    assert failed[0]["citation"]["article"] == 48
    assert "一文一事" in result["reasons"][0]
    document = result["document"]
    assert document["state"] == "returned"
    assert [(o["kind"], o["addressed_to"]["name"]) for o in document["opinions"]] == [("return", "周强")]
    assert document["history"][-1]["article"] == 52

    # the same record: corrected, resubmitted, checked again
    revised = api_as("fgw_clerk").put(
        f"/documents/{doc_id}/body",
        {"body": "州人民政府：……妥否，请批示。", "request_items": ["安排前期工作经费"]},
    )
    assert revised.status_code == 200
    assert [v["number"] for v in revised.json()["versions"]] == [1, 2]
    resubmitted = api_as("fgw_head").post(f"/documents/{doc_id}/sign-and-submit").json()
    assert resubmitted["state"] == "submitted"
    assert "documents.intake.resubmit" in [r["action"] for r in resubmitted["history"]]


@pytest.mark.article(52)
def test_a_returned_document_is_not_resubmitted_uncorrected(api_as):
    doc_id = _submitted(api_as, request_items=["甲事项", "乙事项"])
    api_as("clerk_wendian").post(f"/documents/{doc_id}/receive")
    api_as("clerk_wendian").post(f"/documents/{doc_id}/check")
    refused = api_as("fgw_head").post(f"/documents/{doc_id}/sign-and-submit")
    assert refused.status_code == 403
    assert refused.json()["decisions"][0]["citation"]["article"] == 52


@pytest.mark.article(51)
def test_the_office_sends_it_up_to_the_portfolio_leader_who_passes_it_to_the_governor(api_as):
    doc_id = _checked(api_as)
    clerk = api_as("clerk_wendian").post(f"/documents/{doc_id}/office-opinion", {"text": "拟请刘副州长阅示。"})
    assert clerk.status_code == 403
    assert clerk.json()["decisions"][0]["citation"]["article"] == 51

    routed = api_as("office_director").post(f"/documents/{doc_id}/office-opinion", {"text": "拟请刘副州长阅示。"})
    assert routed.status_code == 200
    body = routed.json()
    assert body["state"] == "routed"
    assert body["opinions"][-1]["addressed_to"]["name"] == "刘振东"  # 分管 发展改革

    passed = api_as("vice_liu").post(
        f"/documents/{doc_id}/pass-on", {"to_person_id": _person("governor"), "text": "请州长审定。"}
    )
    assert passed.status_code == 200
    assert passed.json()["opinions"][-1]["addressed_to"]["name"] == "买买提·艾力"

    no_longer = api_as("vice_liu").post(f"/documents/{doc_id}/instruct", {"text": "同意。"})
    assert no_longer.status_code == 403  # it is with the 州长 now
    assert no_longer.json()["decisions"][0]["citation"]["article"] == 51

    instructed = api_as("governor").post(f"/documents/{doc_id}/instruct", {"text": "同意，请财政局统筹安排。"})
    assert instructed.status_code == 200
    body = instructed.json()
    assert body["state"] == "instructed"
    assert (body["opinions"][-1]["kind"], body["opinions"][-1]["text"]) == ("instruction", "同意，请财政局统筹安排。")
    assert [r["action"] for r in body["history"]][-3:] == [
        "documents.intake.office_opinion",
        "documents.intake.pass_on",
        "documents.intake.instruct",
    ]


@pytest.mark.article(51)
def test_a_major_matter_goes_to_the_governor(api_as):
    doc_id = _checked(api_as)
    body = (
        api_as("secretary_general")
        .post(f"/documents/{doc_id}/office-opinion", {"text": "事关重大，拟呈州长审批。", "major": True})
        .json()
    )
    assert body["major"] is True
    assert body["opinions"][-1]["addressed_to"]["name"] == "买买提·艾力"


def test_bad_input_on_the_way_up_is_422_and_nothing_changes(api_as):
    doc_id = _checked(api_as)
    before = _written()
    empty = api_as("office_director").post(f"/documents/{doc_id}/office-opinion", {"text": " "})
    assert (empty.status_code, empty.json()["field"]) == (422, "text")
    api_as("office_director").post(f"/documents/{doc_id}/office-opinion", {"text": "拟请刘副州长阅示。"})
    before = _written()
    nobody = api_as("vice_liu").post(f"/documents/{doc_id}/pass-on", {"to_person_id": 999999})
    assert (nobody.status_code, nobody.json()["field"]) == (422, "to_person_id")
    assert _written() == before


def test_acting_on_a_document_one_cannot_see_is_404(api_as):
    doc_id = api_as("fgw_clerk").post("/documents/submissions", _request()).json()["id"]
    for username in ("clerk_wendian", "czj_head", "vice_liu"):
        assert api_as(username).post(f"/documents/{doc_id}/sign-and-submit").status_code == 404
    assert api_as("fgw_clerk").post("/documents/999999/receive").status_code == 404


# ---------------------------------------------------------------- 退文 (art. 52)

RETURN_REASON = "本件请求以州人民政府名义转发的方案，属州发展改革委职权范围，请以本部门名义印发。"


def _received(api_as) -> int:
    doc_id = _submitted(api_as)
    assert api_as("clerk_wendian").post(f"/documents/{doc_id}/receive").status_code == 200
    return doc_id


@pytest.mark.article(52)
def test_the_office_returns_a_department_matter_and_the_unit_resubmits(api_as):
    doc_id = _received(api_as)
    returned = api_as("clerk_wendian").post(
        f"/documents/{doc_id}/office-return", {"grounds": ["department_matter"], "reason": RETURN_REASON}
    )
    assert returned.status_code == 200, returned.json()
    body = returned.json()
    assert body["state"] == "returned"
    [opinion] = body["opinions"]
    assert opinion["kind"] == "return"
    assert opinion["text"].startswith("1. 属部门职权范围内的事务、应由部门自行发文或联合发文的")
    assert opinion["addressed_to"]["name"] == "周强"
    assert body["history"][-1]["action"] == "documents.intake.office_return"
    assert body["history"][-1]["article"] == 52

    resubmit = api_as("fgw_head").post(f"/documents/{doc_id}/sign-and-submit")
    assert resubmit.status_code == 403  # not corrected yet
    api_as("fgw_clerk").put(f"/documents/{doc_id}/body", {"body": "州人民政府：\n修改后的正文。"})
    again = api_as("fgw_head").post(f"/documents/{doc_id}/sign-and-submit").json()
    assert again["state"] == "submitted"
    assert [v["number"] for v in again["versions"]] == [1, 2]  # one record keeps the whole history


@pytest.mark.article(52)
@pytest.mark.parametrize("username", ["fgw_clerk", "fgw_head", "vice_liu"])
def test_only_the_office_returns_through_the_api(api_as, username):
    doc_id = _received(api_as)
    before = _written()
    response = api_as(username).post(
        f"/documents/{doc_id}/office-return", {"grounds": ["no_substance"], "reason": RETURN_REASON}
    )
    assert response.status_code in (403, 404)
    if response.status_code == 403:
        assert response.json()["decisions"][0]["code"] == "intake.not_office"
    assert _written() == before


@pytest.mark.article(52)
@pytest.mark.parametrize(
    ("payload", "field"),
    [({"grounds": ["no_substance"], "reason": " "}, "reason"), ({"grounds": ["bogus"], "reason": "x"}, "grounds")],
)
def test_a_return_without_its_reason_is_422(api_as, payload, field):
    doc_id = _received(api_as)
    before = _written()
    response = api_as("clerk_wendian").post(f"/documents/{doc_id}/office-return", payload)
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert _written() == before


# ---------------------------------------------------------------- the leader's assignment, 越级 (art. 48)


def _instruction(api_as) -> int:
    doc_id = _checked(api_as)
    api_as("office_director").post(f"/documents/{doc_id}/office-opinion", {"text": "拟请刘振东副州长阅示。"})
    body = api_as("vice_liu").post(f"/documents/{doc_id}/instruct", {"text": "请发展改革委月底前报告进展。"}).json()
    return next(o["id"] for o in body["opinions"] if o["kind"] == "instruction")


@pytest.mark.article(48)
def test_a_report_to_a_leader_names_the_leaders_instruction_and_passes_the_check(api_as):
    instruction = _instruction(api_as)
    report = {
        "doc_type": "baogao",
        "title": "关于公路改建项目进展情况的报告",
        "body": "现将进展报告如下。",
        "request_items": [],
        "addressed_person_id": _person("vice_liu"),
        "assignment_opinion_id": instruction,
    }
    created = api_as("fgw_clerk").post("/documents/submissions", report)
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["answers_leader_assignment"] is True
    assert body["leader_assignment"]["kind"] == "instruction"
    assert body["leader_assignment"]["id"] == instruction
    assert body["leader_assignment"]["leader_ids"] == [_person("vice_liu")]
    doc_id = body["id"]
    api_as("fgw_head").post(f"/documents/{doc_id}/sign-and-submit")
    api_as("clerk_wendian").post(f"/documents/{doc_id}/receive")
    result = api_as("clerk_wendian").post(f"/documents/{doc_id}/check").json()
    assert result["passed"] is True
    assert "intake.leader_assignment" in [d["code"] for d in result["decisions"]]

    # the same instruction does not open the way to another leader
    other = api_as("fgw_clerk").post("/documents/submissions", {**report, "addressed_person_id": _person("governor")})
    other_id = other.json()["id"]
    api_as("fgw_head").post(f"/documents/{other_id}/sign-and-submit")
    api_as("clerk_wendian").post(f"/documents/{other_id}/receive")
    failed = api_as("clerk_wendian").post(f"/documents/{other_id}/check").json()
    assert [d["code"] for d in failed["decisions"] if not d["allowed"]] == ["intake.assignment_not_by_leader"]


@pytest.mark.article(48)
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"assignment_opinion_id": 999999}, "assignment_opinion_id"),
        ({"assignment_document_id": 999999}, "assignment_document_id"),
        ({"assignment_opinion_id": 1, "assignment_document_id": 1}, "assignment_document_id"),
        ({"skip_level_reason": "理" * 301}, "skip_level_reason"),
    ],
)
def test_an_unknown_assignment_or_an_overlong_reason_is_422(api_as, change, field):
    before = _written()
    response = api_as("fgw_clerk").post("/documents/submissions", _request(**change))
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert _written() == before


@pytest.mark.article(48)
def test_a_stated_skip_copied_to_the_government_reaches_the_office_and_passes(api_as):
    doc_id = _submitted(
        api_as, main_recipients=["xj-gov"], copy_recipients=["gov"], skip_level_reason="灾后重建资金申报截止在即"
    )
    detail = api_as("clerk_wendian").get(f"/documents/{doc_id}")
    assert detail.status_code == 200
    assert detail.json()["skip_level_reason"] == "灾后重建资金申报截止在即"
    api_as("clerk_wendian").post(f"/documents/{doc_id}/receive")
    assert api_as("clerk_wendian").post(f"/documents/{doc_id}/check").json()["passed"] is True
