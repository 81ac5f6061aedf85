"""POST /documents/{id}/joint-countersign (art. 50): a co-issuer's head countersigns a joint document;
nobody else may."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine

from zhengwu.documents.models import Opinion

pytestmark = pytest.mark.article(50)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel("2026-12-01 09:00 +0800", tick=False):
        yield


@pytest.fixture
def joint(api_as) -> int:
    created = api_as("fgw_clerk").post(
        "/documents/outgoing",
        {
            "issuer": "fgw",
            "co_issuers": ["zrzyj"],
            "doc_type": "tongzhi",
            "title": "关于做好重大项目用地保障工作的通知",
            "body": "各县（市）：\n现联合通知如下。",
            "main_recipients": ["atushi"],
            "signing_facts": {"agreed_by_government": True},
        },
    )
    assert created.status_code == 201, created.json()
    doc_id = created.json()["id"]
    api_as("fgw_clerk").post(f"/documents/{doc_id}/submit-for-review")
    assert api_as("fgw_head").post(f"/documents/{doc_id}/review", {"approve": True, "opinion": ""}).status_code == 200
    return doc_id


def test_the_co_issuers_head_countersigns(api_as, joint):
    response = api_as("zrzyj_head").post(f"/documents/{joint}/joint-countersign", {"text": "同意联合印发。"})
    assert response.status_code == 200, response.json()
    last = response.json()["opinions"][-1]
    assert (last["kind"], last["text"], last["author_name"]) == ("joint_countersign", "同意联合印发。", "韩梅")
    assert response.json()["history"][-1]["article"] == 50
    twice = api_as("zrzyj_head").post(f"/documents/{joint}/joint-countersign", {})
    assert twice.status_code == 403
    assert twice.json()["decisions"][0]["code"] == "joint.already"


@pytest.mark.parametrize("outsider", ["fgw_head", "fgw_clerk", "vice_liu"])
def test_others_are_refused_and_nothing_is_written(api_as, joint, outsider):
    response = api_as(outsider).post(f"/documents/{joint}/joint-countersign", {})
    assert response.status_code == 403
    assert response.json()["decisions"][0]["code"] == "joint.not_head"
    assert "（《工作规则》第五十条）" in response.json()["detail"]
    assert not Opinion.objects.filter(document_id=joint, kind="joint_countersign").exists()


def test_a_unit_that_cannot_see_it_gets_404(api_as, joint):
    assert api_as("jyj_head").post(f"/documents/{joint}/joint-countersign", {}).status_code == 404
