"""The document page (arts. 48, 49, 51, 52): facts, 正文 and versions, timeline, and the intake
actions offered to — and refused to — the people on each side of each line."""

from __future__ import annotations

import pytest
import time_machine

from zhengwu.documents.actions.intake import create_submission
from zhengwu.documents.models import DocState, Document, OpinionKind
from zhengwu.org.models import Unit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = "2026-12-01 09:00 +0800"  # a Tuesday
TITLE = "关于启动公路改建项目前期工作的请示"


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def draft(user, items=("同意启动公路改建项目前期工作",), doc_type="qingshi") -> Document:
    return create_submission(
        user("fgw_clerk"),
        Unit.objects.get(code="fgw"),
        doc_type,
        TITLE,
        "州人民政府：\n……妥否，请批示。",
        list(items),
        [Unit.objects.get(code="gov")],
        [],
    )


def act(client, doc: Document, action: str, data: dict | None = None, **extra):
    return client.post(f"/documents/{doc.pk}/act/{action}/", data or {}, **extra)


def state(doc: Document) -> str:
    doc.refresh_from_db()
    return doc.state


def test_the_page_shows_the_facts_the_body_and_the_timeline(client_as, user):
    doc = draft(user)
    body = client_as("fgw_clerk").get(f"/documents/{doc.pk}/").content.decode()
    assert TITLE in body
    assert "克孜勒苏柯尔克孜自治州发展和改革委员会" in body  # the issuer
    assert "州人民政府" in body  # the main recipient
    assert "同意启动公路改建项目前期工作" in body  # the request item
    assert "妥否，请批示" in body  # the 正文
    assert "第1版" in body
    assert f"起草报送州人民政府的请示：{TITLE}" in body  # the timeline, from the audit trail
    assert "孙磊" in body  # who
    assert "发起会签" in body  # a draft 请示 may be sent for countersign by its unit's staff
    assert "签发并报送" not in body  # the clerk does not sign


def test_people_outside_the_document_get_404(client_as, user):
    doc = draft(user)
    assert client_as("jyj_head").get(f"/documents/{doc.pk}/").status_code == 404
    assert client_as("vice_liu").get(f"/documents/{doc.pk}/").status_code == 404  # not routed to him yet
    assert client_as("clerk_wendian").get(f"/documents/{doc.pk}/").status_code == 404  # a unit's draft is its own
    assert client_as("fgw_head").get(f"/documents/{doc.pk}/").status_code == 200
    act(client_as("fgw_head"), doc, "sign_and_submit")
    assert client_as("clerk_wendian").get(f"/documents/{doc.pk}/").status_code == 200  # sent: the office's now


@pytest.mark.article(49)
def test_only_the_unit_head_signs_and_submits(client_as, user):
    doc = draft(user)
    refused = act(client_as("fgw_clerk"), doc, "sign_and_submit")
    assert refused.status_code == 403
    text = refused.content.decode()
    assert "报送州人民政府审批的公文由本单位行政主要负责人签发" in text
    assert "第四十九条" in text
    assert state(doc) == DocState.DRAFT
    head = client_as("fgw_head")
    assert "签发并报送" in head.get(f"/documents/{doc.pk}/").content.decode()
    ok = act(head, doc, "sign_and_submit")
    assert ok.status_code == 302
    assert ok["Location"] == f"/documents/{doc.pk}/"
    assert state(doc) == DocState.SUBMITTED
    page = head.get(ok["Location"]).content.decode()
    assert "已签发冻结" in page
    assert "签发报送" in page
    assert "签发人周强" in page


@pytest.mark.article(48, 51)
def test_the_office_receives_checks_routes_and_leaders_instruct(client_as, user):
    doc = draft(user)
    act(client_as("fgw_head"), doc, "sign_and_submit")
    refused = act(client_as("fgw_clerk"), doc, "receive")
    assert refused.status_code == 403
    assert "由政府办公室签收登记" in refused.content.decode()

    wendian = client_as("clerk_wendian")
    assert "签收登记" in wendian.get(f"/documents/{doc.pk}/").content.decode()
    assert act(wendian, doc, "receive").status_code == 302
    assert act(wendian, doc, "check").status_code == 302
    assert state(doc) == DocState.CHECKED

    # 拟办 is for the office's leadership (art. 51), not its clerks.
    refused = act(wendian, doc, "office_opinion", {"text": "拟请刘振东副州长阅示。"})
    assert refused.status_code == 403
    assert "拟办意见由秘书长、副秘书长或办公室主任提出" in refused.content.decode()
    assert "第五十一条" in refused.content.decode()
    director = client_as("office_director")
    assert 'name="major"' in director.get(f"/documents/{doc.pk}/").content.decode()
    bad = act(director, doc, "office_opinion", {"text": ""})
    assert bad.status_code == 400  # the form again, with the message
    assert "这个字段是必填项" in bad.content.decode() or "This field is required" in bad.content.decode()
    assert act(director, doc, "office_opinion", {"text": "拟请刘振东副州长阅示。"}).status_code == 302
    assert state(doc) == DocState.ROUTED

    # Now routed to the 分管 副州长, who sees it; the governor does not act on it yet.
    liu = client_as("vice_liu")
    page = liu.get(f"/documents/{doc.pk}/").content.decode()
    assert "当前呈批" in page
    assert "转批" in page
    assert "批示" in page
    refused = act(client_as("governor"), doc, "instruct", {"text": "同意。"})
    assert refused.status_code in (403, 404)
    governor = user("governor").person
    assert act(liu, doc, "pass_on", {"to_person": governor.pk, "text": "请州长审定。"}).status_code == 302
    refused = act(liu, doc, "instruct", {"text": "同意。"})
    assert refused.status_code == 403
    assert "本件当前呈买买提·艾力" in refused.content.decode()
    assert act(client_as("governor"), doc, "instruct", {"text": "同意。请发展改革委抓紧实施。"}).status_code == 302
    assert state(doc) == DocState.INSTRUCTED
    page = client_as("fgw_clerk").get(f"/documents/{doc.pk}/").content.decode()
    assert "同意。请发展改革委抓紧实施。" in page
    assert doc.opinions.filter(kind=OpinionKind.INSTRUCTION).count() == 1
    # The office may now draft the answer.
    assert "起草答复" in client_as("clerk_wendian").get(f"/documents/{doc.pk}/").content.decode()


@pytest.mark.article(48, 52)
def test_a_request_with_two_matters_is_returned_with_its_reasons_and_resubmitted(client_as, user):
    doc = draft(user, items=("启动前期工作", "安排工作经费"))
    act(client_as("fgw_head"), doc, "sign_and_submit")
    wendian = client_as("clerk_wendian")
    act(wendian, doc, "receive")
    assert act(wendian, doc, "check").status_code == 302
    assert state(doc) == DocState.RETURNED
    page = client_as("fgw_clerk").get(f"/documents/{doc.pk}/").content.decode()
    assert "请示应当一文一事，本件列有2项请示事项" in page
    assert "第四十八条" in page
    assert "修改正文" in page
    revised = act(
        client_as("fgw_clerk"),
        doc,
        "revise",
        {"title": TITLE, "body": "州人民政府：\n……妥否，请批示。", "request_items": "启动前期工作"},
    )
    assert revised.status_code == 302
    assert doc.versions.count() == 2
    assert act(client_as("fgw_head"), doc, "sign_and_submit").status_code == 302
    assert state(doc) == DocState.SUBMITTED
    page = client_as("fgw_clerk").get(f"/documents/{doc.pk}/").content.decode()
    assert "全部2个版本" in page
    assert "重新报送" in page  # one record keeps the whole history


def test_htmx_posts_get_the_page_back_with_the_refusal(client_as, user):
    doc = draft(user)
    response = act(client_as("fgw_clerk"), doc, "sign_and_submit", HTTP_HX_REQUEST="true")
    assert response.status_code == 200  # htmx swaps only 2xx responses
    assert 'id="doc"' in response.content.decode()
    assert "第四十九条" in response.content.decode()


def test_an_unknown_action_is_404_and_get_is_refused(client_as, user):
    doc = draft(user)
    assert act(client_as("fgw_head"), doc, "explode").status_code == 404
    assert client_as("fgw_head").get(f"/documents/{doc.pk}/act/sign_and_submit/").status_code == 405


def test_the_page_speaks_english_too(client_as, user):
    from django.conf import settings

    doc = draft(user)
    c = client_as("fgw_head")
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = c.get(f"/documents/{doc.pk}/").content.decode()
    assert "Sign and submit" in body
    assert "Request countersign" in body


# ---------------------------------------------------------------- 退文 on the page (art. 52)

RETURN_REASON = "本件请求以州人民政府名义印发的方案属州发展改革委职权范围，请以本部门名义印发。"


def received(client_as, user) -> Document:
    doc = draft(user)
    act(client_as("fgw_head"), doc, "sign_and_submit")
    act(client_as("clerk_wendian"), doc, "receive")
    return doc


@pytest.mark.article(52)
def test_the_office_returns_from_the_page_with_the_ground_and_its_reason(client_as, user):
    doc = received(client_as, user)
    wendian = client_as("clerk_wendian")
    page = wendian.get(f"/documents/{doc.pk}/").content.decode()
    assert 'id="office-return"' in page
    assert 'value="department_matter"' in page
    assert "属部门职权范围内的事务，不以州人民政府或办公室名义发文" in page

    bad = act(wendian, doc, "office_return", {"grounds": ["department_matter"], "reason": ""})
    assert bad.status_code == 400  # the form again, with the message
    assert state(doc) == DocState.RECEIVED

    assert (
        act(wendian, doc, "office_return", {"grounds": ["department_matter"], "reason": RETURN_REASON}).status_code
        == 302
    )
    assert state(doc) == DocState.RETURNED
    page = client_as("fgw_clerk").get(f"/documents/{doc.pk}/").content.decode()
    assert "属部门职权范围内的事务、应由部门自行发文或联合发文的" in page
    assert "第五十二条" in page
    assert "修改正文" in page  # the unit corrects it and resubmits


@pytest.mark.article(52)
def test_the_unit_neither_sees_nor_uses_the_return(client_as, user):
    doc = received(client_as, user)
    for username in ("fgw_clerk", "fgw_head"):
        client = client_as(username)
        assert 'id="office-return"' not in client.get(f"/documents/{doc.pk}/").content.decode()
        refused = act(client, doc, "office_return", {"grounds": ["no_substance"], "reason": RETURN_REASON})
        assert refused.status_code == 403
        assert "由政府办公室退文" in refused.content.decode()
    assert state(doc) == DocState.RECEIVED


# ---------------------------------------------------------------- the timeline shows what was written


def timeline_of(page: str) -> str:
    return page[page.index('id="h-tl"') :]


@pytest.mark.article(51)
def test_the_timeline_entries_carry_the_opinions(client_as, user):
    doc = received(client_as, user)
    act(client_as("clerk_wendian"), doc, "check")
    act(client_as("office_director"), doc, "office_opinion", {"text": "拟请刘振东副州长阅示。"})
    act(client_as("vice_liu"), doc, "instruct", {"text": "同意。请发展改革委抓紧实施。"})
    timeline = timeline_of(client_as("fgw_clerk").get(f"/documents/{doc.pk}/").content.decode())
    assert "<strong>拟办意见</strong>：拟请刘振东副州长阅示。" in timeline
    assert "<strong>批示</strong>：同意。请发展改革委抓紧实施。" in timeline
    assert timeline.index("拟请刘振东副州长阅示。") < timeline.index("同意。请发展改革委抓紧实施。")


@pytest.mark.article(52)
def test_a_returns_reasons_are_in_its_timeline_entry(client_as, user):
    doc = received(client_as, user)
    act(client_as("clerk_wendian"), doc, "office_return", {"grounds": ["no_substance"], "reason": RETURN_REASON})
    timeline = timeline_of(client_as("fgw_clerk").get(f"/documents/{doc.pk}/").content.decode())
    assert "<strong>退文理由</strong>：1. 没有实质内容、可发可不发的文件简报，一律不发" in timeline
    assert RETURN_REASON.rstrip("。") in timeline


# ---------------------------------------------------------------- each recipient's copy (份号)


def issued_notice(user) -> Document:
    from django.utils import timezone

    from zhengwu.documents.models import Delivery, DocumentVersion
    from zhengwu.rulebook.services import version_in_force

    now = timezone.now()
    doc = Document.objects.create(
        flow="outgoing",
        doc_type="tongzhi",
        direction="down",
        title="关于加强项目管理的通知",
        issuer=Unit.objects.get(code="gov"),
        state=DocState.ISSUED,
        number="克政发〔2026〕40号",
        signer=user("governor").person,
        signed_at=now,
        issued_at=now,
        rulebook_version=version_in_force(),
        created_by=user("clerk_wendian"),
        created_at=now,
    )
    DocumentVersion.objects.create(
        document=doc,
        number=1,
        body="各有关单位：\n正文。",
        created_by=user("clerk_wendian"),
        created_at=now,
        frozen=True,
    )
    for n, code in enumerate(("fgw", "czj"), start=1):
        unit = Unit.objects.get(code=code)
        doc.main_recipients.add(unit)
        Delivery.objects.create(document=doc, unit=unit, copy_number=n, delivered_at=now)
    return doc


def first_line(response) -> str:
    import io

    import pdfplumber

    assert response.status_code == 200
    with pdfplumber.open(io.BytesIO(response.content)) as document:
        return document.pages[0].extract_text().splitlines()[0]


@pytest.mark.article(52)
def test_a_recipient_downloads_its_own_copy_and_the_office_the_file_copy(client_as, user):
    import io

    from docx import Document as Docx

    doc = issued_notice(user)
    czj_copy = doc.deliveries.get(unit__code="czj")
    assert first_line(client_as("fgw_clerk").get(f"/documents/{doc.pk}/pdf")) == "000001"
    assert first_line(client_as("czj_head").get(f"/documents/{doc.pk}/pdf?copy={czj_copy.pk}")) == "000002"
    assert client_as("fgw_clerk").get(f"/documents/{doc.pk}/pdf?copy={czj_copy.pk}").status_code == 404
    assert client_as("fgw_clerk").get(f"/documents/{doc.pk}/pdf?copy=x").status_code == 404
    file_copy = client_as("clerk_wendian").get(f"/documents/{doc.pk}/pdf")
    assert first_line(file_copy) == "克孜勒苏柯尔克孜自治州人民政府文件"  # no 份号 on the file copy
    docx = client_as("czj_head").get(f"/documents/{doc.pk}/docx")
    assert docx.status_code == 200
    assert Docx(io.BytesIO(docx.content)).paragraphs[0].text == "000002"
