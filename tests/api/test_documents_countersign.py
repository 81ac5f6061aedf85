"""会签 through the API (art. 50): the lead unit asks, the units reply, ask for more time, disagree,
sign the statement of reasons, or say nothing and are deemed to have no objection.  The 发展改革委's
请示 is sent for countersign on Tuesday 2026-12-01; the 7th working day after is 12-10."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine

from zhengwu.audit.services import action_records
from zhengwu.documents.models import CountersignTask
from zhengwu.timers import services as timers

pytestmark = pytest.mark.article(50)
ART50 = "（《工作规则》第五十条）"


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel("2026-12-01 09:00 +0800", tick=False) as traveller:
        yield traveller


@pytest.fixture
def asked(api_as, clock) -> tuple[int, dict[str, int]]:
    """The 请示, and its tasks by unit code (财政局, 司法局), due 2026-12-10."""
    created = api_as("fgw_clerk").post(
        "/documents/submissions",
        {
            "doc_type": "qingshi",
            "title": "关于设立产业引导基金的请示",
            "body": "州人民政府：……妥否，请批示。",
            "request_items": ["设立产业引导基金"],
        },
    )
    doc_id = created.json()["id"]
    response = api_as("fgw_clerk").post(f"/documents/{doc_id}/countersign", {"units": ["czj", "sfj"]})
    assert response.status_code == 201, response.json()
    return doc_id, {t["unit"]["code"]: t["id"] for t in response.json()["countersigns"]}


def _written():
    return CountersignTask.objects.count(), action_records().count()


def test_the_lead_unit_asks_two_units_within_seven_working_days(api_as, asked):
    doc_id, _ = asked
    body = api_as("fgw_clerk").get(f"/documents/{doc_id}").json()
    assert body["state"] == "countersigning"
    assert [(t["unit"]["code"], t["due"], t["state"]) for t in body["countersigns"]] == [
        ("czj", "2026-12-10", "pending"),
        ("sfj", "2026-12-10", "pending"),
    ]
    assert body["history"][-1]["action"] == "documents.countersign.request"
    assert body["history"][-1]["article"] == 50
    # the units asked now see the document; one not asked does not
    assert doc_id in [d["id"] for d in api_as("czj_head").get("/documents").json()["items"]]
    assert api_as("sfj_head").get(f"/documents/{doc_id}").status_code == 200
    assert api_as("jyj_head").get(f"/documents/{doc_id}").status_code == 404


def test_the_lead_unit_may_set_its_own_date(api_as, clock):
    doc_id = (
        api_as("fgw_clerk")
        .post(
            "/documents/submissions",
            {
                "doc_type": "qingshi",
                "title": "关于有关事项的请示",
                "body": "……请批示。",
                "request_items": ["事项"],
            },
        )
        .json()["id"]
    )
    body = api_as("fgw_head").post(f"/documents/{doc_id}/countersign", {"units": ["czj"], "due": "2026-12-12"}).json()
    assert body["countersigns"][0]["due"] == "2026-12-14"  # 12-12 is a Saturday


def test_only_the_lead_unit_asks_and_not_of_itself_or_twice(api_as, asked):
    doc_id, _ = asked
    before = _written()
    refused = api_as("fgw_clerk").post(f"/documents/{doc_id}/countersign", {"units": ["fgw", "czj"]})
    assert refused.status_code == 403
    codes = {d["code"] for d in refused.json()["decisions"]}
    assert {"countersign.own_unit", "countersign.duplicate", "countersign.not_draft"} <= codes
    assert all(d["citation"]["article"] == 50 for d in refused.json()["decisions"])
    unknown = api_as("fgw_clerk").post(f"/documents/{doc_id}/countersign", {"units": ["nowhere"]})
    assert (unknown.status_code, unknown.json()["field"]) == (422, "units")
    assert _written() == before


def test_a_unit_head_replies_and_nobody_else_may(api_as, asked):
    _, tasks = asked
    refused = api_as("fgw_head").post(f"/countersigns/{tasks['czj']}/reply", {"state": "agreed"})
    assert refused.status_code == 403
    assert refused.json()["detail"].endswith(ART50)
    assert api_as("jyj_head").post(f"/countersigns/{tasks['czj']}/reply", {"state": "agreed"}).status_code == 404

    agreed = api_as("czj_head").post(f"/countersigns/{tasks['czj']}/reply", {"state": "agreed"})
    assert agreed.status_code == 200
    assert (agreed.json()["state"], agreed.json()["replied_by"]) == ("agreed", "吴刚")
    again = api_as("czj_head").post(f"/countersigns/{tasks['czj']}/reply", {"state": "disagreed", "text": "改主意"})
    assert again.status_code == 403
    assert again.json()["decisions"][0]["code"] == "countersign.already_replied"


def test_disagreeing_needs_reasons(api_as, asked):
    _, tasks = asked
    before = _written()
    response = api_as("sfj_head").post(f"/countersigns/{tasks['sfj']}/reply", {"state": "disagreed"})
    assert response.status_code == 403
    assert response.json()["detail"] == "不同意的，请写明理由和依据" + ART50
    assert _written() == before


def test_more_time_is_asked_for_and_granted_by_the_lead_unit(api_as, asked):
    _, tasks = asked
    asked_for = api_as("sfj_head").post(
        f"/countersigns/{tasks['sfj']}/extension", {"until": "2026-12-17", "reason": "需征求基层司法所意见"}
    )
    assert asked_for.status_code == 200
    assert (asked_for.json()["extension_state"], asked_for.json()["extension_until"]) == ("requested", "2026-12-17")

    not_lead = api_as("czj_head").post(f"/countersigns/{tasks['sfj']}/extension/decision", {"grant": True})
    assert not_lead.status_code == 403
    assert not_lead.json()["decisions"][0]["citation"]["article"] == 50

    granted = api_as("fgw_head").post(f"/countersigns/{tasks['sfj']}/extension/decision", {"grant": True}).json()
    assert (granted["due"], granted["extension_state"]) == ("2026-12-17", "granted")


def test_disagreement_blocks_submission_until_the_statement_is_countersigned(api_as, asked):
    doc_id, tasks = asked
    api_as("czj_head").post(f"/countersigns/{tasks['czj']}/reply", {"state": "agreed"})
    api_as("sfj_head").post(
        f"/countersigns/{tasks['sfj']}/reply", {"state": "disagreed", "text": "基金设立程序不符合有关规定"}
    )
    status = api_as("fgw_clerk").get(f"/documents/{doc_id}/countersign-status").json()
    assert status["decision"]["allowed"] is False
    assert "州司法局不同意" in status["decision"]["message"]
    refused = api_as("fgw_head").post(f"/documents/{doc_id}/sign-and-submit")
    assert refused.status_code == 403
    assert refused.json()["decisions"][0]["citation"]["article"] == 50

    too_soon = api_as("sfj_head").post(f"/countersigns/{tasks['sfj']}/sign-statement")
    assert too_soon.status_code == 403
    not_lead = api_as("czj_head").post(
        f"/documents/{doc_id}/disagreement-statement", {"reasons": "……", "proposal": "……"}
    )
    assert not_lead.status_code == 403
    written = api_as("fgw_head").post(
        f"/documents/{doc_id}/disagreement-statement",
        {
            "reasons": "发展改革委认为……；司法局认为……",
            "proposal": "建议按修订后的程序设立基金",
        },
    )
    assert written.status_code == 200
    assert written.json()["disagreement_proposal"] == "建议按修订后的程序设立基金"
    signed = api_as("sfj_head").post(f"/countersigns/{tasks['sfj']}/sign-statement")
    assert signed.status_code == 200
    assert signed.json()["statement_signed_at"] is not None
    status = api_as("fgw_clerk").get(f"/documents/{doc_id}/countersign-status").json()
    assert status["decision"]["message"] == "会签尚未完成：州财政局负责人尚未会签分歧说明。"  # every unit consulted
    assert api_as("fgw_head").post(f"/countersigns/{tasks['czj']}/sign-statement").status_code == 403
    assert api_as("czj_head").post(f"/countersigns/{tasks['czj']}/sign-statement").status_code == 200

    status = api_as("fgw_clerk").get(f"/documents/{doc_id}/countersign-status").json()
    assert (status["decision"]["allowed"], status["decision"]["code"]) == (True, "countersign.complete_with_statement")
    assert api_as("fgw_head").post(f"/documents/{doc_id}/sign-and-submit").json()["state"] == "submitted"


def test_silence_past_the_deadline_is_no_objection(api_as, asked, clock):
    doc_id, tasks = asked
    api_as("czj_head").post(f"/countersigns/{tasks['czj']}/reply", {"state": "agreed"})
    clock.move_to("2026-12-11 08:30 +0800")
    assert timers.sweep().fired == 2  # the 司法局's reminder (催办) and its deadline
    task = next(
        t for t in api_as("fgw_clerk").get(f"/documents/{doc_id}").json()["countersigns"] if t["unit"]["code"] == "sfj"
    )
    assert (task["state"], task["reply"], task["replied_by"]) == ("silent_consent", "逾期未回复，视为无不同意见", "")
    replied_at = dt.datetime.fromisoformat(task["replied_at"].replace("Z", "+00:00"))
    assert replied_at == dt.datetime(2026, 12, 11, tzinfo=ZoneInfo("Asia/Shanghai"))  # 24:00 of the due day
    late = api_as("sfj_head").post(f"/countersigns/{tasks['sfj']}/reply", {"state": "agreed"})
    assert late.status_code == 403
    assert late.json()["decisions"][0]["code"] == "countersign.lapsed"
    history = api_as("fgw_clerk").get(f"/documents/{doc_id}").json()["history"]
    assert ("documents.countersign.silence", "系统", 50) in [
        (r["action"], r["actor_name"], r["article"]) for r in history
    ]
    assert api_as("fgw_clerk").get(f"/documents/{doc_id}/countersign-status").json()["decision"]["allowed"]


def test_bad_dates_are_ninjas_422(api_as, asked):
    _, tasks = asked
    response = api_as("sfj_head").post(
        f"/countersigns/{tasks['sfj']}/extension", {"until": "2026-13-01", "reason": "x"}
    )
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], list)
