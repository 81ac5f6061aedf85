"""POST /documents/{id}/legal-review (art. 52): the 司法局's staff review a cooperation agreement in
the government's name before it is signed; nobody else may."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine

from zhengwu.documents.models import Opinion

pytestmark = pytest.mark.article(52)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel("2026-12-01 09:00 +0800", tick=False):
        yield


@pytest.fixture
def agreement(api_as) -> int:
    created = api_as("clerk_wendian").post(
        "/documents/outgoing",
        {
            "issuer": "gov",
            "doc_type": "han",
            "title": "关于共建产业园区的合作协议",
            "body": "甲方：克孜勒苏柯尔克孜自治州人民政府\n乙方：某某集团有限公司",
            "main_recipients": ["fgw"],
            "signing_facts": {"cooperation_agreement": True, "important": True, "concerned_units": ["fgw"]},
        },
    )
    assert created.status_code == 201, created.json()
    return created.json()["id"]


@pytest.mark.parametrize("reviewer", ["sfj_clerk", "sfj_head"])
def test_the_legal_review_units_staff_review(api_as, agreement, reviewer):
    failed = api_as(reviewer).post(f"/documents/{agreement}/legal-review", {"passed": False, "opinion": " "})
    assert (failed.status_code, failed.json()["field"]) == (422, "opinion")
    response = api_as(reviewer).post(
        f"/documents/{agreement}/legal-review", {"passed": True, "opinion": "协议条款合法。"}
    )
    assert response.status_code == 200, response.json()
    last = response.json()["opinions"][-1]
    assert (last["kind"], last["text"]) == ("legal_review", "协议条款合法。")
    assert response.json()["history"][-1]["article"] == 52


@pytest.mark.parametrize("outsider", ["clerk_wendian", "governor", "czj_head"])
def test_others_are_refused_and_nothing_is_written(api_as, agreement, outsider):
    response = api_as(outsider).post(f"/documents/{agreement}/legal-review", {"passed": True})
    assert response.status_code in (403, 404)
    if response.status_code == 403:
        assert response.json()["decisions"][0]["code"] == "agreement.not_legal_reviewer"
    assert not Opinion.objects.filter(document_id=agreement, kind="legal_review").exists()
