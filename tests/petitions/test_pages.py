"""The 信访 pages: register, the case as the bureau, the routed leader and an outsider see it."""

from __future__ import annotations

import pytest

from zhengwu.audit.models import AuditRecord
from zhengwu.petitions.models import Petition

pytestmark = [pytest.mark.article(35), pytest.mark.usefixtures("frozen")]

FORM = {
    "channel": "letter",
    "received_on": "2026-02-05",
    "unit_concerned": "jyj",
    "summary": "反映某中学食堂卫生问题。",
    "petitioner_name": "测试·张某某",
    "id_number": "653001198001011234",
    "phone": "13812345678",
    "address": "阿图什市测试路8号",
    "important": "on",
}


def test_register_then_leader_instructs_and_outsider_sees_it_masked(client_as) -> None:
    assert client_as("fgw_clerk").post("/petitions/new/", FORM).status_code == 403
    response = client_as("xfj_head").post("/petitions/new/", FORM)
    assert response.status_code == 302
    petition = Petition.objects.get(is_demo=False)
    assert client_as("fgw_clerk").get(f"/petitions/{petition.pk}/").status_code == 404  # no need to know
    outsider = client_as("governor").get(f"/petitions/{petition.pk}/").content.decode()  # not a handler
    assert "13812345678" not in outsider
    assert "138****5678" in outsider
    assert "仅限经办人员查看" in outsider
    leader = client_as("vice_ayigul")
    page = leader.get(f"/petitions/{petition.pk}/").content.decode()
    assert "13812345678" in page
    assert "待领导批示" in page
    petition.refresh_from_db()
    assert petition.leader_read_at is not None
    refused = client_as("xfj_head").post(f"/petitions/{petition.pk}/act/instruct/", {"instruction": "同意。"})
    assert refused.status_code == 403
    done = leader.post(f"/petitions/{petition.pk}/act/instruct/", {"instruction": "请教育局认真核查。"})
    assert done.status_code == 302
    petition.refresh_from_db()
    assert petition.followup_id
    viewers = AuditRecord.objects.filter(action="petitions.view_personal_data", object_id=str(petition.pk))
    assert sorted(viewers.values_list("actor_name", flat=True)) == ["杜鹏", "阿依古丽·吐尔逊"]  # not 孙磊 (fgw_clerk)
    assert petition.number not in client_as("fgw_clerk").get("/petitions/").content.decode()  # need to know
    assert petition.number in client_as("governor").get("/petitions/").content.decode()


def test_bad_input_shows_what_to_fix(client_as) -> None:
    response = client_as("xfj_head").post("/petitions/new/", FORM | {"received_on": "2026-13-01"})
    assert response.status_code == 400
    assert "格式有误" in response.content.decode()
    assert client_as("vice_ayigul").get("/").status_code == 200


def test_the_bureaus_workbench_and_the_english_page(client_as, letter) -> None:
    petition = letter()
    assert petition.number in client_as("xfj_head").get("/").content.decode()
    english = client_as("governor").get(f"/petitions/{petition.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "it is masked below" in english
