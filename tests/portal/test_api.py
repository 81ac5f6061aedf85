"""The portal API: published items readable without login; staff actions with the same rules
(403 with the article, 422 for bad input)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from zhengwu.portal.models import Application, ItemState

pytestmark = [pytest.mark.article(29), pytest.mark.usefixtures("frozen")]


def _post(client: Client, url: str, data: dict | None = None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def test_public_read_needs_no_login(queued, client_as) -> None:
    item = queued(title="关于牧区饮水安全工程的通知")
    assert _post(client_as("clerk_gongkai"), f"/api/portal/queue/{item.pk}/publish").status_code == 200
    anonymous = Client()
    found = anonymous.get("/api/portal/items", {"q": "饮水安全"}).json()
    assert item.pk in [i["id"] for i in found["items"]]
    detail = anonymous.get(f"/api/portal/items/{item.pk}").json()
    assert detail["index_number"].startswith("010478403/2026-")
    assert detail["title"] == item.title


def test_queue_and_publish_refused_for_others(queued, client_as) -> None:
    item = queued()
    assert client_as("fgw_clerk").get("/api/portal/queue").status_code == 403
    refused = _post(client_as("fgw_clerk"), f"/api/portal/queue/{item.pk}/publish")
    assert refused.status_code == 403
    assert "第二十九条" in refused.json()["detail"]
    item.refresh_from_db()
    assert item.state == ItemState.QUEUED
    queue = client_as("clerk_gongkai").get("/api/portal/queue").json()
    assert item.pk in [i["id"] for i in queue]


@pytest.mark.article(27)
def test_withhold_and_applications(queued, client_as) -> None:
    item = queued()
    bad = _post(client_as("clerk_gongkai"), f"/api/portal/queue/{item.pk}/withhold", {"exemption": "", "reason": ""})
    assert bad.status_code == 403
    ok = _post(
        client_as("clerk_gongkai"),
        f"/api/portal/queue/{item.pk}/withhold",
        {"exemption": "process", "reason": "过程稿"},
    )
    assert ok.status_code == 200
    assert ok.json()["state"] == "withheld"
    app = Application.objects.create(
        number="依申请〔2026〕9001号",
        applicant_name="王五",
        contact="1",
        description="某信息",
        received_on="2026-11-02",
        received_at="2026-11-02T09:00+08:00",
        due_on="2026-11-30",
    )
    assert (
        _post(client_as("clerk_gongkai"), f"/api/portal/applications/{app.pk}/extend", {"reason": "x"}).status_code
        == 403
    )
    ext = _post(client_as("office_director"), f"/api/portal/applications/{app.pk}/extend", {"reason": "调档"})
    assert ext.status_code == 200
    assert ext.json()["extended"]
    rep = _post(
        client_as("clerk_gongkai"),
        f"/api/portal/applications/{app.pk}/reply",
        {"reply_type": "disclosed", "text": "见附件"},
    )
    assert rep.status_code == 200
    assert rep.json()["state"] == "answered"
    report = client_as("clerk_gongkai").get("/api/portal/applications/report", {"year": 2026}).json()
    assert report["answered"] >= 1
