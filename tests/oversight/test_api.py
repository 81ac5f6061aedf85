"""复议、诉讼、审计 through the API (arts. 32, 33)."""

from __future__ import annotations

import pytest

from tests.api.conftest import Api

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.mark.article(33)
def test_reconsideration(client_as) -> None:
    sfj = Api(client_as("sfj_clerk"))
    body = {
        "case_number": "克政复〔2026〕3号",
        "title": "不服土地登记行为",
        "organ": "州人民政府",
        "respondent": "zrzyj",
        "received_on": "2026-02-09",
    }
    assert Api(client_as("fgw_clerk")).post("/oversight/reconsiderations", body).status_code == 403
    case = sfj.post("/oversight/reconsiderations", body).json()
    assert (case["answer_due"], case["decision_due"]) == ("2026-02-24", "2026-04-10")
    assert sfj.post(f"/oversight/cases/{case['id']}/answer", {}).json()["state"] == "answered"
    assert sfj.post(f"/oversight/cases/{case['id']}/outcome", {"outcome": "维持。"}).json()["state"] == "closed"


@pytest.mark.article(32)
def test_suit_and_finding(client_as) -> None:
    fgw = Api(client_as("fgw_clerk"))
    suit = fgw.post(
        "/oversight/suits",
        {
            "case_number": "（2026）新30行初5号",
            "title": "诉信息公开答复",
            "court": "克孜勒苏中级人民法院",
            "defendant": "fgw",
            "served_on": "2026-02-05",
        },
    )
    assert suit.json()["answer_due"] == "2026-02-24"
    finding = Api(client_as("clerk_ducha")).post(
        "/oversight/findings",
        {
            "case_number": "克审〔2026〕2号",
            "title": "专项资金未按进度拨付",
            "organ": "州审计局",
            "unit": "czj",
            "issued_on": "2026-02-02",
            "rectify_due": "2026-05-29",
            "requirement": "限期拨付到位。",
        },
    )
    assert finding.status_code == 201
    assert finding.json()["supervision_item_id"]
    assert Api(client_as("clerk_ducha")).get("/oversight/cases", kind="finding").json()["count"] >= 1
