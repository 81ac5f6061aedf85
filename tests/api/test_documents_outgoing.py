"""Outgoing documents through the API (arts. 49, 51, 52): the 批复 to a department's 请示 is drafted by
the office, reviewed, reviewed by the 分管副州长, signed by exactly the person art. 49 names,
numbered, issued into the department's inbox, received there, and printed as PDF."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine

from zhengwu.audit.services import action_records
from zhengwu.documents.models import Document, DocumentVersion, IssuedNumber
from zhengwu.org.models import Person


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel("2026-12-01 09:00 +0800", tick=False):
        yield


def _person(username: str) -> int:
    return Person.objects.get(user__username=username).pk


def _written():
    return (
        Document.objects.count(),
        DocumentVersion.objects.count(),
        action_records().count(),
        IssuedNumber.objects.count(),
    )


@pytest.fixture
def request_id(api_as) -> int:
    """The 发展改革委's 请示, submitted to the government."""
    doc_id = (
        api_as("fgw_clerk")
        .post(
            "/documents/submissions",
            {
                "doc_type": "qingshi",
                "title": "关于申请安排公路改建项目前期工作经费的请示",
                "body": "州人民政府：……妥否，请批示。",
                "request_items": ["安排前期工作经费"],
            },
        )
        .json()["id"]
    )
    assert api_as("fgw_head").post(f"/documents/{doc_id}/sign-and-submit").status_code == 200
    return doc_id


def _reply(request_id: int, **extra):
    return {
        "issuer": "gov",
        "doc_type": "pifu",
        "title": "关于同意安排公路改建项目前期工作经费的批复",
        "body": "州发展改革委：\n你委《关于申请安排公路改建项目前期工作经费的请示》收悉。经研究，同意。",
        "main_recipients": ["fgw"],
        "copy_recipients": ["czj"],
        "replies_to": request_id,
        "signing_facts": {"important": True},
        **extra,
    }


@pytest.fixture
def awaiting_signature(api_as, request_id) -> int:
    created = api_as("clerk_wendian").post("/documents/outgoing", _reply(request_id))
    assert created.status_code == 201, created.json()
    doc_id = created.json()["id"]
    assert api_as("clerk_wendian").post(f"/documents/{doc_id}/submit-for-review").status_code == 200
    reviewed = api_as("office_director").post(
        f"/documents/{doc_id}/review", {"approve": True, "opinion": "文种、格式无误。"}
    )
    assert reviewed.status_code == 200, reviewed.json()
    return doc_id


def test_the_office_drafts_the_governments_reply(api_as, request_id):
    response = api_as("clerk_wendian").post("/documents/outgoing", _reply(request_id))
    assert response.status_code == 201
    body = response.json()
    assert (body["flow"], body["state"], body["direction"], body["replies_to"]) == (
        "outgoing",
        "draft",
        "down",
        request_id,
    )
    assert body["signing_facts"] == {"important": True, "concerned_units": ["fgw"]}  # the requesting unit
    assert body["history"][0]["action"] == "documents.outgoing.draft"


@pytest.mark.article(52)
def test_a_department_does_not_draft_in_the_governments_name(api_as, request_id):
    before = _written()
    response = api_as("fgw_clerk").post("/documents/outgoing", _reply(request_id))
    assert response.status_code == 403
    assert response.json()["decisions"][0]["code"] == "outgoing.not_drafter"
    assert response.json()["decisions"][0]["citation"]["article"] == 52
    assert _written() == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"doc_type": "memo"}, "doc_type"),
        ({"main_recipients": []}, "main_recipients"),
        ({"copy_recipients": ["nowhere"]}, "copy_recipients"),
        ({"replies_to": 999999}, "replies_to"),
        ({"signing_facts": {"for_approval_by": "the_moon"}}, "signing_facts.for_approval_by"),
        ({"signing_facts": {"concerned_units": ["nowhere"]}}, "signing_facts.concerned_units"),
    ],
)
def test_bad_input_is_422_and_nothing_is_written(api_as, request_id, change, field):
    before = _written()
    response = api_as("clerk_wendian").post("/documents/outgoing", _reply(request_id, **change))
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert _written() == before


@pytest.mark.article(51)
def test_only_the_office_leadership_reviews(api_as, request_id):
    doc_id = api_as("clerk_wendian").post("/documents/outgoing", _reply(request_id)).json()["id"]
    api_as("clerk_wendian").post(f"/documents/{doc_id}/submit-for-review")
    refused = api_as("clerk_wendian").post(f"/documents/{doc_id}/review", {"approve": True, "opinion": ""})
    assert refused.status_code == 403
    assert refused.json()["decisions"][0]["citation"]["article"] == 51
    no_reason = api_as("office_director").post(f"/documents/{doc_id}/review", {"approve": False, "opinion": " "})
    assert (no_reason.status_code, no_reason.json()["field"]) == (422, "opinion")
    returned = (
        api_as("office_director")
        .post(f"/documents/{doc_id}/review", {"approve": False, "opinion": "标题文种有误，请修改。"})
        .json()
    )
    assert returned["state"] == "draft"
    assert returned["opinions"][-1]["kind"] == "review_return"
    assert returned["history"][-1]["article"] == 52


@pytest.mark.article(49)
def test_who_signs_is_shown_before_anyone_asks(api_as, awaiting_signature):
    signing = api_as("clerk_wendian").get(f"/documents/{awaiting_signature}/signing")
    assert signing.status_code == 200
    body = signing.json()
    assert body["decision"]["allowed"] is True
    assert body["decision"]["citation"]["article"] == 49
    assert set(body["signer_person_ids"]) == {_person("governor"), _person("exec_vice")}
    assert "刘振东" in body["who"]  # the 分管副州长 reviews first
    detail = api_as("clerk_wendian").get(f"/documents/{awaiting_signature}").json()
    assert detail["signing"] == body


def test_signing_of_a_submission_is_not_an_outgoing_question(api_as, request_id):
    response = api_as("fgw_head").get(f"/documents/{request_id}/signing")
    assert response.status_code == 422


@pytest.mark.article(49)
def test_only_the_person_art_49_names_signs_and_only_after_the_review(api_as, awaiting_signature):
    doc_id = awaiting_signature
    before = _written()
    not_signer = api_as("vice_liu").post(f"/documents/{doc_id}/sign")
    assert not_signer.status_code == 403
    assert not_signer.json()["decisions"][0]["code"] == "signing.not_signer"
    assert "（《工作规则》第四十九条）" in not_signer.json()["detail"]
    too_early = api_as("governor").post(f"/documents/{doc_id}/sign")
    assert too_early.status_code == 403
    assert too_early.json()["decisions"][0]["code"] == "signing.steps_pending"
    assert _written() == before

    wrong_step = api_as("vice_ayigul").post(f"/documents/{doc_id}/signing-step", {"text": "同意。"})
    assert wrong_step.status_code == 403
    assert wrong_step.json()["decisions"][0]["citation"]["article"] == 49
    step = api_as("vice_liu").post(f"/documents/{doc_id}/signing-step", {"text": "拟同意，请州长签发。"})
    assert step.status_code == 200
    assert step.json()["opinions"][-1]["kind"] == "signing_step"

    signed = api_as("governor").post(f"/documents/{doc_id}/sign")
    assert signed.status_code == 200
    body = signed.json()
    assert (body["state"], body["signer"]["name"]) == ("signed", "买买提·艾力")
    assert body["versions"][-1]["frozen"] is True


@pytest.mark.article(49)
def test_a_change_after_signature_goes_back_to_the_signer(api_as, awaiting_signature):
    doc_id = awaiting_signature
    api_as("vice_liu").post(f"/documents/{doc_id}/signing-step", {"text": "同意。"})
    api_as("exec_vice").post(f"/documents/{doc_id}/sign")
    revised = api_as("clerk_wendian").put(f"/documents/{doc_id}/body", {"body": "州发展改革委：……经研究，同意安排。"})
    assert revised.status_code == 200
    body = revised.json()
    assert (body["state"], body["signer"]) == ("awaiting_signature", None)
    assert [v["number"] for v in body["versions"]] == [1, 2]
    assert body["history"][-1]["article"] == 49
    unchanged = api_as("clerk_wendian").put(f"/documents/{doc_id}/body", {"body": "州发展改革委：……经研究，同意安排。"})
    assert unchanged.status_code == 422


@pytest.mark.article(52)
def test_issued_with_a_number_into_the_recipients_inboxes(api_as, awaiting_signature, request_id):
    doc_id = awaiting_signature
    api_as("vice_liu").post(f"/documents/{doc_id}/signing-step", {"text": "同意。"})
    api_as("governor").post(f"/documents/{doc_id}/sign")
    assert api_as("fgw_clerk").get("/documents/inbox").json()["count"] == 0

    not_office = api_as("vice_liu").post(f"/documents/{doc_id}/issue", {})
    assert not_office.status_code == 403
    assert not_office.json()["decisions"][0]["citation"]["article"] == 52
    bad_kind = api_as("clerk_wendian").post(f"/documents/{doc_id}/issue", {"number_kind": "memo"})
    assert (bad_kind.status_code, bad_kind.json()["field"]) == (422, "number_kind")

    issued = api_as("clerk_wendian").post(f"/documents/{doc_id}/issue", {"number_kind": "fa"})
    assert issued.status_code == 200
    body = issued.json()
    assert (body["state"], body["number"]) == ("issued", "克政发〔2026〕1号")
    assert [(x["unit"]["code"], x["copy_number"], x["is_copy"]) for x in body["deliveries"]] == [
        ("fgw", 1, False),
        ("czj", 2, True),
    ]
    request = api_as("fgw_clerk").get(f"/documents/{request_id}").json()
    assert (request["state"], request["answers"]) == ("answered", [doc_id])

    inbox = api_as("fgw_clerk").get("/documents/inbox").json()
    assert inbox["count"] == 1
    item = inbox["items"][0]
    assert (item["document"]["number"], item["delivery"]["received_at"]) == ("克政发〔2026〕1号", None)
    assert api_as("jyj_head").get("/documents/inbox").json()["count"] == 0
    assert api_as("jyj_head").post(f"/deliveries/{item['delivery']['id']}/receive").status_code == 404

    received = api_as("fgw_clerk").post(f"/deliveries/{item['delivery']['id']}/receive")
    assert received.status_code == 200
    assert received.json()["received_by"] == "孙磊"
    assert api_as("fgw_clerk").get("/documents/inbox", received="false").json()["count"] == 0
    twice = api_as("fgw_clerk").post(f"/deliveries/{item['delivery']['id']}/receive")
    assert twice.status_code == 403
    assert twice.json()["decisions"][0]["citation"]["article"] == 52
    # the copy recipient reads it too; a unit it was not sent to does not
    assert api_as("czj_head").get(f"/documents/{doc_id}").status_code == 200
    assert api_as("jyj_head").get(f"/documents/{doc_id}").status_code == 404


def test_the_issued_document_as_pdf(api_as, awaiting_signature):
    doc_id = awaiting_signature
    api_as("vice_liu").post(f"/documents/{doc_id}/signing-step", {"text": "同意。"})
    api_as("governor").post(f"/documents/{doc_id}/sign")
    api_as("clerk_wendian").post(f"/documents/{doc_id}/issue", {})
    response = api_as("fgw_head").get(f"/documents/{doc_id}/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert api_as("jyj_head").get(f"/documents/{doc_id}/pdf").status_code == 404


# ---------------------------------------------------------------- the draft carries every art. 49 fact


def _notice(**extra):
    return {
        "issuer": "gov",
        "doc_type": "tongzhi",
        "title": "关于做好重大项目用地保障工作的通知",
        "body": "各县（市）人民政府：\n现就有关事项通知如下。",
        "main_recipients": ["atushi", "akto"],
        **extra,
    }


@pytest.mark.article(49)
def test_a_government_notice_naming_no_unit_is_refused_until_it_names_one(api_as):
    before = _written()
    refused = api_as("clerk_wendian").post("/documents/outgoing", _notice(signing_facts={"important": True}))
    assert refused.status_code == 422
    assert refused.json()["field"] == "signing_facts.concerned_units"
    assert "请注明本件的主办、涉及单位" in refused.json()["detail"]
    assert _written() == before
    created = api_as("clerk_wendian").post(
        "/documents/outgoing", _notice(signing_facts={"important": True, "concerned_units": ["zrzyj"]})
    )
    assert created.status_code == 201, created.json()
    signing = created.json()["signing"]
    assert signing["who"] == "签发人：买买提·艾力（州长）或张建华（常务副州长）；此前：刘振东（副州长）审核"
    assert signing["concerned_units"] == [{"code": "zrzyj", "name": "州自然资源局"}]
    assert signing["blocked"] == ""


@pytest.mark.article(49)
def test_the_signer_comes_from_the_document_a_decision_is_the_governors(api_as):
    created = api_as("clerk_wendian").post(
        "/documents/outgoing",
        _notice(doc_type="jueding", signing_facts={"important": True, "concerned_units": ["fgw"]}),
    )
    assert created.status_code == 201, created.json()
    signing = created.json()["signing"]
    assert set(signing["signer_person_ids"]) == {_person("governor")}
    assert "文种为决定" in signing["basis"]
    upward = (
        api_as("clerk_wendian")
        .post(
            "/documents/outgoing",
            _notice(doc_type="qingshi", main_recipients=["xj-gov"], signing_facts={"concerned_units": ["fgw"]}),
        )
        .json()
    )
    assert upward["direction"] == "up"
    assert "上报自治区人民政府审批" in upward["signing"]["summary"]
    assert "下发" not in upward["signing"]["summary"]


@pytest.mark.article(49, 50, 52)
def test_co_issuers_cooperation_agreement_secrecy_period_and_note_are_kept(api_as, settings):
    settings.ZHENGWU_CLASSIFICATION_CEILING = "internal"
    joint = api_as("fgw_clerk").post(
        "/documents/outgoing",
        _notice(
            issuer="fgw",
            co_issuers=["zrzyj"],
            classification="internal",
            secrecy_period="1年",
            note="此件发至县级。",
            signing_facts={"agreed_by_government": True},
        ),
    )
    assert joint.status_code == 201, joint.json()
    body = joint.json()
    assert body["co_issuers"] == [{"code": "zrzyj", "name": "州自然资源局"}]
    assert (body["secrecy_period"], body["note"]) == ("1年", "此件发至县级。")
    assert "须经州自然资源局负责人会签" in body["signing"]["summary"]
    agreement = (
        api_as("clerk_wendian")
        .post(
            "/documents/outgoing",
            _notice(
                doc_type="han",
                main_recipients=["fgw"],
                signing_facts={"cooperation_agreement": True, "important": True, "concerned_units": ["fgw"]},
            ),
        )
        .json()
    )
    assert agreement["signing_facts"]["cooperation_agreement"] is True
    assert "州司法局合法性审核" in agreement["signing"]["summary"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"co_issuer": ["zrzyj"]}, "co_issuer"),  # a typo is not silently dropped
        ({"co_issuers": ["nowhere"]}, "co_issuers"),
        ({"signing_facts": {"importance": True, "concerned_units": ["fgw"]}}, "signing_facts.importance"),
        (
            {"doc_type": "jueding", "signing_facts": {"published_instrument": False, "concerned_units": ["fgw"]}},
            "signing_facts.published_instrument",
        ),
        ({"signing_facts": {"on_leader_instruction": True}}, "signing_facts.on_leader_instruction"),
        (
            {
                "main_recipients": ["xj-gov"],
                "signing_facts": {"for_approval_by": "party_committee", "concerned_units": ["fgw"]},
            },
            "signing_facts.for_approval_by",
        ),
        ({"classification": "internal"}, "secrecy_period"),
        ({"secrecy_period": "10年"}, "secrecy_period"),
    ],
)
def test_unknown_or_contradictory_input_is_422_naming_the_field(api_as, settings, change, field):
    settings.ZHENGWU_CLASSIFICATION_CEILING = "internal"
    before = _written()
    response = api_as("clerk_wendian").post("/documents/outgoing", _notice(**change))
    assert response.status_code == 422, response.json()
    assert response.json()["field"] == field
    assert _written() == before


@pytest.mark.article(49, 51)
def test_a_revision_awaiting_signature_goes_back_to_review_and_the_review_counts_again(api_as, awaiting_signature):
    doc_id = awaiting_signature
    api_as("vice_liu").post(f"/documents/{doc_id}/signing-step", {"text": "同意。"})
    revised = api_as("clerk_wendian").put(
        f"/documents/{doc_id}/body", {"body": "州发展改革委：……经研究，同意安排。", "concerned_units": ["zrzyj"]}
    )
    assert revised.status_code == 200, revised.json()
    body = revised.json()
    assert body["state"] == "reviewing"
    assert body["signing_facts"]["concerned_units"] == ["zrzyj"]
    api_as("office_director").post(f"/documents/{doc_id}/review", {"approve": True, "opinion": ""})
    early = api_as("governor").post(f"/documents/{doc_id}/sign")
    assert early.status_code == 403
    assert early.json()["decisions"][-1]["code"] == "signing.steps_pending"  # the review was of version 1
    assert api_as("vice_liu").post(f"/documents/{doc_id}/signing-step", {"text": "同意。"}).status_code == 200
    assert api_as("governor").post(f"/documents/{doc_id}/sign").json()["state"] == "signed"


@pytest.mark.article(49)
def test_after_signature_only_the_original_signer_rechecks(api_as, awaiting_signature):
    doc_id = awaiting_signature
    api_as("vice_liu").post(f"/documents/{doc_id}/signing-step", {"text": "同意。"})
    api_as("governor").post(f"/documents/{doc_id}/sign")
    body = api_as("clerk_wendian").put(f"/documents/{doc_id}/body", {"body": "州发展改革委：……同意。"}).json()
    assert (body["state"], body["recheck_signer"]["name"]) == ("awaiting_signature", "买买提·艾力")
    assert body["signing"]["signer_person_ids"] == [_person("governor")]
    api_as("vice_liu").post(f"/documents/{doc_id}/signing-step", {"text": "同意。"})
    other = api_as("exec_vice").post(f"/documents/{doc_id}/sign")
    assert other.status_code == 403
    assert other.json()["decisions"][-1]["code"] == "signing.not_signer"
    assert api_as("governor").post(f"/documents/{doc_id}/sign").json()["recheck_signer"] is None
