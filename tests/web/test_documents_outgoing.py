"""The 批复 through the pages (arts. 49, 51, 52): drafted by the office in answer to a request,
reviewed, reviewed and signed by exactly whom art. 49 names, numbered, delivered to the
department's inbox, signed for there, and downloaded as PDF and DOCX."""

from __future__ import annotations

from urllib.parse import quote

import pytest
import time_machine

from zhengwu.documents.actions.intake import (
    check,
    create_submission,
    instruct,
    receive,
    sign_and_submit,
    write_office_opinion,
)
from zhengwu.documents.models import Delivery, DocState, DocType, Document, Flow
from zhengwu.org.models import Unit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = "2026-12-01 09:00 +0800"
REPLY_TITLE = "关于启动公路改建项目前期工作的批复"


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


@pytest.fixture
def instructed(user) -> Document:
    doc = create_submission(
        user("fgw_clerk"),
        unit("fgw"),
        "qingshi",
        "关于启动公路改建项目前期工作的请示",
        "州人民政府：……妥否，请批示。",
        ["同意启动前期工作"],
        [unit("gov")],
        [],
    )
    sign_and_submit(user("fgw_head"), doc)
    receive(user("clerk_wendian"), doc)
    check(user("clerk_wendian"), doc)
    write_office_opinion(user("office_director"), doc, "拟请刘振东副州长阅示。")
    instruct(user("vice_liu"), doc, "同意。")
    return doc


def reply_form(request: Document, **extra) -> dict:
    data = {
        "issuer": unit("gov").pk,
        "doc_type": "pifu",
        "title": REPLY_TITLE,
        "body": "州发展改革委：\n你委《关于启动公路改建项目前期工作的请示》收悉。经研究，同意启动。",
        "main_recipients": [unit("fgw").pk],
        "classification": "none",
        "urgency": "normal",
        "replies_to": request.pk,
        "important": "on",
    }
    data.update(extra)
    return data


def act(client, doc, action, data=None):
    return client.post(f"/documents/{doc.pk}/act/{action}/", data or {})


def drafted(client_as, instructed) -> Document:
    response = client_as("clerk_wendian").post(
        f"/documents/outgoing/new/?replies_to={instructed.pk}", reply_form(instructed)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Document.objects.get(title=REPLY_TITLE)


def test_the_reply_form_is_prefilled_from_the_request(client_as, instructed):
    body = client_as("clerk_wendian").get(f"/documents/outgoing/new/?replies_to={instructed.pk}").content.decode()
    assert REPLY_TITLE in body
    assert '<option value="pifu" selected>' in body
    assert "答复来文" in body


def test_a_department_clerk_cannot_draft_in_the_governments_name(client_as, instructed):
    response = client_as("fgw_clerk").post("/documents/outgoing/new/", reply_form(instructed))
    assert response.status_code in (400, 404)
    assert not Document.objects.filter(title=REPLY_TITLE).exists()


@pytest.mark.article(49)
def test_who_signs_is_shown_before_anyone_asks(client_as, instructed):
    reply = drafted(client_as, instructed)
    assert (reply.flow, reply.doc_type, reply.replies_to_id) == (Flow.OUTGOING, DocType.REPLY, instructed.pk)
    page = client_as("clerk_wendian").get(f"/documents/{reply.pk}/").content.decode()
    assert "谁签发" in page
    assert "经分管副州长审核后，由州长或常务副州长签发" in page
    assert "刘振东（副州长）审核" in page
    assert "第四十九条" in page


@pytest.mark.article(49, 51, 52)
def test_review_sign_issue_and_deliver(client_as, instructed):
    reply = drafted(client_as, instructed)
    wendian = client_as("clerk_wendian")
    assert act(wendian, reply, "submit_for_review").status_code == 302
    refused = act(wendian, reply, "review", {"approve": "1", "opinion": ""})
    assert refused.status_code == 403
    assert "您无权审核" in refused.content.decode()
    director = client_as("office_director")
    bad = act(director, reply, "review", {"approve": "0", "opinion": ""})
    assert bad.status_code == 400
    assert "退回修改应当说明理由" in bad.content.decode()
    assert act(director, reply, "review", {"approve": "1", "opinion": "文种、格式符合要求。"}).status_code == 302
    reply.refresh_from_db()
    assert reply.state == DocState.AWAITING_SIGNATURE

    # Nobody but the people art. 49 names signs; the 分管副州长's review comes first.
    refused = act(client_as("secretary_general"), reply, "sign")
    assert refused.status_code == 403
    assert "您不能签发本件" in refused.content.decode()
    assert "第四十九条" in refused.content.decode()
    governor = client_as("governor")
    assert "待签发" in governor.get("/documents/").content.decode()
    early = act(governor, reply, "sign")
    assert early.status_code == 403
    assert "尚待刘振东（副州长）审核" in early.content.decode()
    liu = client_as("vice_liu")
    assert "审核同意" in liu.get(f"/documents/{reply.pk}/").content.decode()
    assert act(liu, reply, "signing_step", {"text": "同意，请州长签发。"}).status_code == 302
    assert act(governor, reply, "sign").status_code == 302
    reply.refresh_from_db()
    assert reply.state == DocState.SIGNED
    assert reply.signer.user.username == "governor"

    refused = act(client_as("vice_liu"), reply, "issue", {"number_kind": "fa"})
    assert refused.status_code == 403
    assert "由其文电人员登记、印发" in refused.content.decode()
    assert client_as("fgw_clerk").get(f"/documents/{reply.pk}/").status_code == 404  # not delivered yet
    assert act(wendian, reply, "issue", {"number_kind": "fa"}).status_code == 302
    reply.refresh_from_db()
    assert reply.state == DocState.ISSUED
    assert reply.number == "克政发〔2026〕1号"
    instructed.refresh_from_db()
    assert instructed.state == DocState.ANSWERED

    # It arrives in the department's inbox, where the department signs for it.
    fgw = client_as("fgw_clerk")
    inbox = fgw.get("/documents/?tab=inbox").content.decode()
    assert "克政发〔2026〕1号" in inbox
    assert "待签收" in inbox
    page = fgw.get(f"/documents/{reply.pk}/").content.decode()
    assert "签收" in page
    assert act(fgw, reply, "receive_delivery").status_code == 302
    assert Delivery.objects.get(document=reply, unit=unit("fgw")).received_at is not None
    assert "已签收" in fgw.get("/documents/?tab=inbox").content.decode()
    assert client_as("czj_head").get(f"/documents/{reply.pk}/").status_code == 404

    pdf = fgw.get(f"/documents/{reply.pk}/pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert quote("克政发〔2026〕1号.pdf") in pdf["Content-Disposition"]
    docx = fgw.get(f"/documents/{reply.pk}/docx")
    assert docx.status_code == 200
    assert docx.content.startswith(b"PK")


def test_a_draft_previews_without_a_number_and_a_submission_has_no_pdf(client_as, instructed):
    reply = drafted(client_as, instructed)
    preview = client_as("clerk_wendian").get(f"/documents/{reply.pk}/pdf")
    assert preview.status_code == 200
    assert preview.content.startswith(b"%PDF")
    assert quote("（草稿）") in preview["Content-Disposition"]
    assert client_as("clerk_wendian").get(f"/documents/{instructed.pk}/pdf").status_code == 404
    assert client_as("jyj_head").get(f"/documents/{reply.pk}/pdf").status_code == 404


@pytest.mark.article(52)
def test_a_review_sends_it_back_with_reasons_and_the_drafter_revises(client_as, instructed):
    reply = drafted(client_as, instructed)
    wendian = client_as("clerk_wendian")
    act(wendian, reply, "submit_for_review")
    assert (
        act(client_as("office_director"), reply, "review", {"approve": "0", "opinion": "请补充实施要求。"}).status_code
        == 302
    )
    page = wendian.get(f"/documents/{reply.pk}/").content.decode()
    assert "请补充实施要求。" in page
    assert "送办公室审核" in page
    assert act(wendian, reply, "revise", {"title": REPLY_TITLE, "body": "新的正文。"}).status_code == 302
    assert reply.versions.count() == 2


# ---------------------------------------------------------------- the draft form asks for every art. 49 fact


def test_the_form_asks_for_every_art_49_fact_and_the_reply_names_the_requesting_unit(client_as, instructed):
    page = client_as("clerk_wendian").get(f"/documents/outgoing/new/?replies_to={instructed.pk}").content.decode()
    for name in (
        "concerned_units",
        "co_issuers",
        "secrecy_period",
        "note",
        "for_approval_by",
        "to_people_congress",
        "to_region_departments",
        "forwarding_request",
        "spans_portfolios",
        "cooperation_agreement",
        "published_instrument",
        "on_leader_instruction",
        "within_office_competence",
        "agreed_by_government",
    ):
        assert f'name="{name}"' in page, name
    assert f'<option value="{unit("fgw").pk}" selected>州发展改革委</option>' in page  # 主办单位: the requester
    assert "由谁签发（第四十九条）按公文本身认定" in page


@pytest.mark.article(49)
def test_an_important_notice_naming_no_unit_is_sent_back_to_the_form(client_as):
    data = {
        "issuer": unit("gov").pk,
        "doc_type": "tongzhi",
        "title": "关于做好冬季安全生产工作的通知",
        "body": "各县（市）人民政府：……",
        "main_recipients": [unit("atushi").pk],
        "classification": "none",
        "urgency": "normal",
        "important": "on",
    }
    response = client_as("clerk_wendian").post("/documents/outgoing/new/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "请注明本件的主办、涉及单位" in body
    assert 'class="field has-error"' in body
    data["concerned_units"] = [unit("jyj").pk]
    assert client_as("clerk_wendian").post("/documents/outgoing/new/", data).status_code == 302
    doc = Document.objects.get(title="关于做好冬季安全生产工作的通知")
    page = client_as("clerk_wendian").get(f"/documents/{doc.pk}/").content.decode()
    assert "阿依古丽·吐尔逊（副州长）审核" in page
    assert "主办、涉及单位：州教育局" in page


@pytest.mark.article(49)
def test_a_contradictory_box_is_refused_on_its_field(client_as):
    data = {
        "issuer": unit("gov").pk,
        "doc_type": "tongzhi",
        "title": "关于有关事项的通知",
        "body": "……",
        "main_recipients": [unit("atushi").pk],
        "classification": "none",
        "urgency": "normal",
        "within_office_competence": "on",
    }
    response = client_as("clerk_wendian").post("/documents/outgoing/new/", data)
    assert response.status_code == 400
    assert "只适用于以州人民政府办公室名义的发文" in response.content.decode()
    assert not Document.objects.filter(title="关于有关事项的通知").exists()


@pytest.mark.article(49, 50)
def test_co_issuers_and_note_posted_are_kept(client_as):
    data = {
        "issuer": unit("fgw").pk,
        "doc_type": "tongzhi",
        "title": "关于联合开展项目检查的通知",
        "body": "……",
        "main_recipients": [unit("atushi").pk],
        "co_issuers": [unit("zrzyj").pk],
        "classification": "none",
        "urgency": "normal",
        "note": "此件发至县级。",
        "agreed_by_government": "on",
    }
    assert client_as("fgw_clerk").post("/documents/outgoing/new/", data).status_code == 302
    doc = Document.objects.get(title="关于联合开展项目检查的通知")
    assert [u.code for u in doc.co_issuers.all()] == ["zrzyj"]
    assert doc.note == "此件发至县级。"
    page = client_as("fgw_clerk").get(f"/documents/{doc.pk}/").content.decode()
    assert "州自然资源局" in page
    assert "此件发至县级。" in page


@pytest.mark.article(51)
def test_a_revision_awaiting_signature_goes_back_to_review(client_as, instructed):
    reply = drafted(client_as, instructed)
    wendian, director = client_as("clerk_wendian"), client_as("office_director")
    act(wendian, reply, "submit_for_review")
    act(director, reply, "review", {"approve": "1", "opinion": ""})
    assert act(wendian, reply, "revise", {"title": REPLY_TITLE, "body": "修改后的正文。"}).status_code == 302
    reply.refresh_from_db()
    assert reply.state == DocState.REVIEWING
    assert "提交审核意见" in director.get(f"/documents/{reply.pk}/").content.decode()
