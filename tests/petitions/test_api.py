"""信访 through the API: the same actions; the petitioner's data only for those handling the case,
each view recorded (art. 35)."""

from __future__ import annotations

import pytest

from tests.api.conftest import Api
from zhengwu.audit.models import AuditRecord
from zhengwu.org.models import Person

pytestmark = [pytest.mark.article(35), pytest.mark.usefixtures("frozen")]

LETTER = {
    "channel": "letter",
    "received_on": "2026-02-05",
    "summary": "反映某中学食堂卫生问题。",
    "unit_concerned": "jyj",
    "petitioner_name": "测试·张某某",
    "id_number": "653001198001011234",
    "phone": "13812345678",
    "address": "阿图什市测试路8号",
    "important": True,
}


def api(client_as, username: str) -> Api:
    return Api(client_as(username))


def test_register_route_instruct_and_the_petitioners_data(client_as) -> None:
    xfj = api(client_as, "xfj_head")
    assert api(client_as, "fgw_clerk").post("/petitions", LETTER).status_code == 403
    created = xfj.post("/petitions", LETTER)
    assert created.status_code == 201
    body = created.json()
    assert (body["accept_due"], body["leader"], body["state"]) == ("2026-02-24", "阿依古丽·吐尔逊", "registered")
    pid = body["id"]
    assert api(client_as, "fgw_clerk").get(f"/petitions/{pid}").status_code == 404  # no need to know
    masked = api(client_as, "governor").get(f"/petitions/{pid}").json()["petitioner"]
    assert (masked["name"], masked["phone"], masked["masked"]) == ("测***", "138****5678", True)
    refused = api(client_as, "governor").get(f"/petitions/{pid}/petitioner")  # sees the case, not its petitioner
    assert refused.status_code == 403
    full = xfj.get(f"/petitions/{pid}/petitioner").json()
    assert (full["id_number"], full["masked"]) == ("653001198001011234", False)
    assert AuditRecord.objects.filter(action="petitions.view_personal_data", object_id=str(pid)).count() == 1

    ayigul = api(client_as, "vice_ayigul")
    assert ayigul.post(f"/petitions/{pid}/instruction", {"text": "请核查。"}).status_code == 403  # not read
    assert ayigul.post(f"/petitions/{pid}/read").json()["leader_read"] is True
    done = ayigul.post(f"/petitions/{pid}/instruction", {"text": "请教育局认真核查。"}).json()
    assert done["supervision_item_id"]
    accepted = xfj.post(f"/petitions/{pid}/acceptance", {"accept": True, "told_how": "书面告知"}).json()
    assert (accepted["state"], accepted["handle_due"]) == ("handling", "2026-04-07")
    bad = xfj.post(f"/petitions/{pid}/extension", {"days": 10, "reason": "复杂", "told_how": "书面"})
    assert bad.status_code == 403
    ok = ayigul.post(f"/petitions/{pid}/extension", {"days": 10, "reason": "复杂", "told_how": "书面"})
    assert ok.json()["extended_days"] == 10
    closed = api(client_as, "jyj_head").post(f"/petitions/{pid}/conclusion", {"result": "已整改。", "told_how": "书面"})
    assert closed.json()["state"] == "concluded"
    review = xfj.post(f"/petitions/{pid}/reviews", {"stage": "review", "organ": "州人民政府"})
    assert review.status_code == 201
    assert review.json()["reviews"][0]["due"] == "2026-03-09"  # 02-05 + 30 = 03-07 (Saturday)
    decided = xfj.post(f"/petitions/{pid}/reviews/decision", {"outcome": "维持。"}).json()
    assert decided["state"] == "reviewed"


def test_bad_input_is_422(client_as) -> None:
    response = api(client_as, "xfj_head").post("/petitions", LETTER | {"unit_concerned": "nope"})
    assert response.status_code == 422
    leader = Person.objects.get(user__username="jyj_head").pk
    response = api(client_as, "xfj_head").post("/petitions", LETTER | {"leader_id": leader})
    assert response.status_code == 403  # a unit head is not a government leader
