"""会签 through the document page (art. 50): request, reply, extension, silence at the deadline,
and the statement of disagreement — each by the unit's head, refused to anyone else."""

from __future__ import annotations

import pytest
import time_machine

from zhengwu.documents.actions.intake import create_submission
from zhengwu.documents.models import CountersignState, CountersignTask, DocState, Document
from zhengwu.org.models import Unit
from zhengwu.timers import services as timers

pytestmark = [pytest.mark.django_db, pytest.mark.article(50)]

NOW = "2026-12-01 09:00 +0800"  # a Tuesday; 7 working days later is 2026-12-10
SILENCE = "逾期未回复，视为无不同意见"


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


@pytest.fixture
def doc(user, frozen) -> Document:
    return create_submission(
        user("fgw_clerk"),
        unit("fgw"),
        "qingshi",
        "关于申请安排重大项目前期工作经费的请示",
        "州人民政府：……妥否，请批示。",
        ["安排前期工作经费"],
        [unit("gov")],
        [],
    )


def tasks(doc: Document) -> dict[str, CountersignTask]:
    return {t.unit.code: t for t in doc.countersigns.select_related("unit")}


def request(client, doc, *codes, **data):
    return client.post(f"/documents/{doc.pk}/act/request_countersign/", {"units": [unit(c).pk for c in codes], **data})


def task_act(client, doc, task, action, data=None, **extra):
    return client.post(f"/documents/{doc.pk}/countersign/{task.pk}/{action}/", data or {}, **extra)


def test_the_lead_unit_requests_countersign_due_in_seven_working_days(client_as, doc):
    response = request(client_as("fgw_head"), doc, "czj", "sfj")
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.state == DocState.COUNTERSIGNING
    page = client_as("fgw_head").get(f"/documents/{doc.pk}/").content.decode()
    assert "州财政局" in page
    assert "州司法局" in page
    assert page.count("2026-12-10") >= 2
    assert "待回复" in page
    # The countersigning units' heads now see the document; another unit does not.
    assert client_as("czj_head").get(f"/documents/{doc.pk}/").status_code == 200
    assert client_as("jyj_head").get(f"/documents/{doc.pk}/").status_code == 404


def test_a_unit_outside_the_lead_unit_cannot_request(client_as, doc):
    response = request(client_as("czj_head"), doc, "sfj")
    assert response.status_code == 404  # not the lead unit's document: they cannot even see it


def test_asking_the_government_itself_is_refused_with_the_article(client_as, doc):
    response = client_as("fgw_head").post(f"/documents/{doc.pk}/act/request_countersign/", {"units": [unit("gov").pk]})
    assert response.status_code == 400  # not a unit one may choose
    assert doc.countersigns.count() == 0


def test_only_the_units_head_replies(client_as, doc):
    request(client_as("fgw_head"), doc, "czj", "sfj")
    czj = tasks(doc)["czj"]
    refused = task_act(client_as("sfj_head"), doc, czj, "reply", {"state": "agreed"})
    assert refused.status_code == 403
    assert "会签应由州财政局负责人" in refused.content.decode()
    assert "第五十条" in refused.content.decode()
    page = client_as("czj_head").get(f"/documents/{doc.pk}/").content.decode()
    assert "回复会签意见" in page
    ok = task_act(client_as("czj_head"), doc, czj, "reply", {"state": "agreed", "text": "同意。"})
    assert ok.status_code == 302
    czj.refresh_from_db()
    assert czj.state == CountersignState.AGREED
    page = client_as("fgw_clerk").get(f"/documents/{doc.pk}/").content.decode()
    assert "州财政局会签《关于申请安排重大项目前期工作经费的请示》：同意" in page  # timeline from the task's audit
    again = task_act(client_as("czj_head"), doc, czj, "reply", {"state": "disagreed", "text": "再议"})
    assert again.status_code == 403
    assert "不能重复回复" in again.content.decode()


def test_disagreeing_without_reasons_is_explained(client_as, doc):
    request(client_as("fgw_head"), doc, "czj")
    response = task_act(client_as("czj_head"), doc, tasks(doc)["czj"], "reply", {"state": "disagreed", "text": ""})
    assert response.status_code == 403
    assert "第五十条" in response.content.decode()


def test_silence_is_shown_after_the_deadline_and_submission_proceeds(client_as, doc, frozen):
    request(client_as("fgw_head"), doc, "czj", "sfj")
    task_act(client_as("czj_head"), doc, tasks(doc)["czj"], "reply", {"state": "agreed"})
    refused = client_as("fgw_head").post(f"/documents/{doc.pk}/act/sign_and_submit/")
    assert refused.status_code == 403
    assert "州司法局" in refused.content.decode()
    frozen.move_to("2026-12-11 08:30 +0800")
    assert timers.sweep().fired == 2  # the 司法局's reminder (催办) and its deadline
    page = client_as("fgw_head").get(f"/documents/{doc.pk}/").content.decode()
    assert SILENCE in page
    assert "系统" in page  # recorded by the worker, not a person
    assert client_as("fgw_head").post(f"/documents/{doc.pk}/act/sign_and_submit/").status_code == 302
    doc.refresh_from_db()
    assert doc.state == DocState.SUBMITTED


def test_an_extension_is_asked_by_the_unit_and_granted_by_the_lead(client_as, doc):
    request(client_as("fgw_head"), doc, "sfj")
    sfj = tasks(doc)["sfj"]
    bad = task_act(client_as("sfj_head"), doc, sfj, "extension", {"until": "", "reason": "需调研"})
    assert bad.status_code == 400
    asked = task_act(client_as("sfj_head"), doc, sfj, "extension", {"until": "2026-12-17", "reason": "需调研"})
    assert asked.status_code == 302
    page = client_as("fgw_head").get(f"/documents/{doc.pk}/").content.decode()
    assert "同意延期" in page
    assert task_act(client_as("sfj_head"), doc, sfj, "decide", {"grant": "1"}).status_code == 403
    assert task_act(client_as("fgw_head"), doc, sfj, "decide", {"grant": "1"}).status_code == 302
    sfj.refresh_from_db()
    assert sfj.due.isoformat() == "2026-12-17"
    assert "2026-12-17" in client_as("sfj_head").get(f"/documents/{doc.pk}/").content.decode()


def test_a_disagreement_is_stated_by_the_lead_and_countersigned(client_as, doc):
    request(client_as("fgw_head"), doc, "czj")
    czj = tasks(doc)["czj"]
    task_act(client_as("czj_head"), doc, czj, "reply", {"state": "disagreed", "text": "资金渠道不明"})
    head = client_as("fgw_head")
    assert "列明各方理据" in head.get(f"/documents/{doc.pk}/").content.decode()
    refused = head.post(f"/documents/{doc.pk}/act/sign_and_submit/")
    assert refused.status_code == 403
    ok = head.post(
        f"/documents/{doc.pk}/act/statement/",
        {"reasons": "发展改革委：已列入规划；财政局：资金渠道不明", "proposal": "由州财政统筹解决"},
    )
    assert ok.status_code == 302
    page = client_as("czj_head").get(f"/documents/{doc.pk}/").content.decode()
    assert "会签分歧说明" in page
    assert task_act(client_as("czj_head"), doc, czj, "sign_statement").status_code == 302
    assert head.post(f"/documents/{doc.pk}/act/sign_and_submit/").status_code == 302


def test_every_unit_consulted_countersigns_the_statement(client_as, doc):
    request(client_as("fgw_head"), doc, "czj", "sfj")
    czj, sfj = tasks(doc)["czj"], tasks(doc)["sfj"]
    task_act(client_as("czj_head"), doc, czj, "reply", {"state": "disagreed", "text": "资金渠道不明"})
    task_act(client_as("sfj_head"), doc, sfj, "reply", {"state": "agreed"})
    head = client_as("fgw_head")
    head.post(
        f"/documents/{doc.pk}/act/statement/",
        {"reasons": "发展改革委：已列入规划；财政局：资金渠道不明", "proposal": "由州财政统筹解决"},
    )
    page = client_as("sfj_head").get(f"/documents/{doc.pk}/").content.decode()
    assert f"/documents/{doc.pk}/countersign/{sfj.pk}/sign_statement/" in page  # the agreeing unit signs too
    assert f"/countersign/{czj.pk}/sign_statement/" not in page
    assert task_act(client_as("czj_head"), doc, sfj, "sign_statement").status_code == 403
    assert task_act(client_as("czj_head"), doc, czj, "sign_statement").status_code == 302
    assert head.post(f"/documents/{doc.pk}/act/sign_and_submit/").status_code == 403  # the 司法局 has not signed
    todos = client_as("sfj_head").get("/documents/?tab=todo").content.decode()
    assert "会签分歧说明" in todos
    assert task_act(client_as("sfj_head"), doc, sfj, "sign_statement").status_code == 302
    assert head.post(f"/documents/{doc.pk}/act/sign_and_submit/").status_code == 302


def test_htmx_reply_gets_the_page_fragment(client_as, doc):
    request(client_as("fgw_head"), doc, "czj")
    response = task_act(
        client_as("czj_head"), doc, tasks(doc)["czj"], "reply", {"state": "agreed"}, HTTP_HX_REQUEST="true", follow=True
    )
    assert response.status_code == 200
    assert 'id="doc"' in response.content.decode()
    assert "同意" in response.content.decode()
