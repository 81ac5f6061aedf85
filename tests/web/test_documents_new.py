"""Drafting a submission to the government through /documents/new/ (arts. 48, 50)."""

from __future__ import annotations

import pytest
import time_machine

from zhengwu.documents.models import CountersignTask, DocState, Document, Flow
from zhengwu.org.models import Unit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = "2026-12-01 09:00 +0800"
TITLE = "关于申请安排重大项目前期工作经费的请示"


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def form(**extra) -> dict:
    data = {
        "issuer": unit("fgw").pk,
        "doc_type": "qingshi",
        "title": TITLE,
        "body": "州人民政府：\n……妥否，请批示。",
        "request_items": "安排前期工作经费\n",
        "main_recipient": unit("gov").pk,
        "classification": "none",
        "urgency": "normal",
    }
    data.update(extra)
    return data


def test_the_form_defaults_to_the_government_and_the_clerks_unit(client_as):
    body = client_as("fgw_clerk").get("/documents/new/").content.decode()
    assert "请示事项" in body
    assert "会签单位" in body
    gov = unit("gov")
    assert f'<option value="{gov.pk}" selected>' in body
    fgw = unit("fgw")
    assert f'<option value="{fgw.pk}" selected>' in body  # the only unit the clerk drafts for


def test_a_clerk_drafts_a_request(client_as):
    response = client_as("fgw_clerk").post("/documents/new/", form())
    assert response.status_code == 302
    doc = Document.objects.get(title=TITLE)
    assert response["Location"] == f"/documents/{doc.pk}/"
    assert (doc.flow, doc.state, doc.request_items) == (Flow.SUBMISSION, DocState.DRAFT, ["安排前期工作经费"])
    assert list(doc.main_recipients.values_list("code", flat=True)) == ["gov"]
    assert doc.versions.get().body == "州人民政府：\n……妥否，请批示。"


@pytest.mark.article(50)
def test_units_to_countersign_are_asked_at_once(client_as):
    response = client_as("fgw_clerk").post("/documents/new/", form(countersign_units=[unit("czj").pk, unit("sfj").pk]))
    assert response.status_code == 302
    doc = Document.objects.get(title=TITLE)
    assert doc.state == DocState.COUNTERSIGNING
    assert sorted(CountersignTask.objects.filter(document=doc).values_list("unit__code", flat=True)) == ["czj", "sfj"]


@pytest.mark.article(50)
def test_a_report_cannot_be_sent_for_countersign_and_nothing_is_saved(client_as):
    response = client_as("fgw_clerk").post(
        "/documents/new/", form(doc_type="baogao", request_items="", countersign_units=[unit("czj").pk])
    )
    assert response.status_code == 403
    assert "会签适用于报送州人民政府的请示性公文" in response.content.decode()
    assert "第五十条" in response.content.decode()
    assert not Document.objects.filter(title=TITLE).exists()  # one transaction: the draft is not kept


def test_staff_of_another_unit_cannot_submit_in_its_name(client_as):
    response = client_as("fgw_clerk").post("/documents/new/", form(issuer=unit("czj").pk))
    assert response.status_code == 400  # not a unit the clerk may choose
    assert not Document.objects.filter(title=TITLE).exists()


@pytest.mark.article(48)
def test_the_office_cannot_submit_to_its_own_government(client_as):
    body = client_as("clerk_wendian").get("/documents/new/").content.decode()
    assert "不能以本单位名义报送公文" in body


def test_a_missing_title_rerenders_the_form_with_the_message(client_as):
    response = client_as("fgw_clerk").post("/documents/new/", form(title=""))
    assert response.status_code == 400
    body = response.content.decode()
    assert "has-error" in body
    assert "安排前期工作经费" in body  # what was typed is kept
    assert not Document.objects.filter(title="").exists()


def test_the_same_unit_both_main_and_copy_is_explained(client_as):
    response = client_as("fgw_clerk").post("/documents/new/", form(copy_recipients=[unit("gov").pk]))
    assert response.status_code == 400
    assert "同一机关不能既主送又抄送" in response.content.decode()


# ---------------------------------------------------------------- to a leader; skipping a level (art. 48)


def instruction_of_liu(user):
    from zhengwu.documents.actions.intake import (
        check,
        create_submission,
        instruct,
        receive,
        sign_and_submit,
        write_office_opinion,
    )

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
    check(user("clerk_wendian"), doc)
    write_office_opinion(user("office_director"), doc, "拟请刘振东副州长阅示。")
    return instruct(user("vice_liu"), doc, "请发展改革委月底前报告进展。")


@pytest.mark.article(48)
def test_a_report_to_a_leader_names_the_instruction_it_answers(client_as, user):
    instruction = instruction_of_liu(user)
    liu = user("vice_liu").person
    page = client_as("fgw_clerk").get("/documents/new/").content.decode()
    assert 'name="addressed_person"' in page
    assert f'<option value="{instruction.pk}">刘振东：请发展改革委月底前报告进展。' in page
    response = client_as("fgw_clerk").post(
        "/documents/new/",
        form(
            doc_type="baogao",
            title="关于公路改建项目进展的报告",
            request_items="",
            addressed_person=liu.pk,
            assignment_opinion=instruction.pk,
        ),
    )
    assert response.status_code == 302
    doc = Document.objects.get(title="关于公路改建项目进展的报告")
    assert (doc.addressed_person, doc.answers_leader_assignment) == (liu, True)
    assert doc.signing_facts == {"leader_assignment": {"opinion": instruction.pk}}
    page = client_as("fgw_clerk").get(f"/documents/{doc.pk}/").content.decode()
    assert "交办依据：刘振东同志2026年12月1日在《关于公路改建项目的请示》上的批示" in page


@pytest.mark.article(48)
def test_an_instruction_the_clerk_cannot_read_is_not_offered_nor_taken(client_as, user):
    from django.utils import timezone

    from zhengwu.documents.models import Opinion, OpinionKind

    other = Document.objects.create(
        flow=Flow.SUBMISSION,
        doc_type="qingshi",
        direction="up",
        title="关于财政资金的请示",
        issuer=unit("czj"),
        state=DocState.INSTRUCTED,
        rulebook_version=instruction_of_liu(user).document.rulebook_version,
        created_by=user("czj_head"),
        created_at=timezone.now(),
    )
    hidden = Opinion.objects.create(
        document=other,
        kind=OpinionKind.INSTRUCTION,
        text="同意。",
        author=user("vice_liu"),
        author_name="刘振东",
        created_at=timezone.now(),
    )
    page = client_as("fgw_clerk").get("/documents/new/").content.decode()
    assert f'<option value="{hidden.pk}">刘振东：同意。' not in page
    response = client_as("fgw_clerk").post(
        "/documents/new/", form(addressed_person=user("vice_liu").person.pk, assignment_opinion=hidden.pk)
    )
    assert response.status_code == 400
    assert not Document.objects.filter(title=TITLE).exists()


@pytest.mark.article(48)
def test_a_unit_states_why_it_skips_a_level(client_as):
    response = client_as("fgw_clerk").post(
        "/documents/new/",
        form(
            main_recipient=unit("xj-gov").pk,
            copy_recipients=[unit("gov").pk],
            skip_level_reason="灾后重建资金申报截止在即",
        ),
    )
    assert response.status_code == 302
    doc = Document.objects.get(title=TITLE)
    assert doc.signing_facts == {"skip_level_reason": "灾后重建资金申报截止在即"}
    page = client_as("fgw_clerk").get(f"/documents/{doc.pk}/").content.decode()
    assert "越级行文理由" in page
