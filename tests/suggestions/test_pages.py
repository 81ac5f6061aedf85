"""The 建议提案 pages: register, assign, a co-unit opinion, the answer drafted into the documents flow."""

from __future__ import annotations

import pytest

from tests.suggestions.conftest import answer
from zhengwu.suggestions.models import Suggestion

pytestmark = [pytest.mark.article(31), pytest.mark.usefixtures("frozen")]

FORM = {
    "kind": "suggestion",
    "session": "州十五届人大四次会议",
    "number": "21",
    "title": "关于改善牧区饮水条件的建议",
    "proposers": "代表丁",
    "received_on": "2025-11-12",
    "text": "建议……",
}


def test_register_assign_opinion_answer_through_the_pages(client_as, user) -> None:
    assert client_as("jyj_head").post("/suggestions/new/", FORM).status_code == 403
    assert client_as("clerk_ducha").post("/suggestions/new/", FORM).status_code == 302
    s = Suggestion.objects.get(number="21")
    ducha = client_as("clerk_ducha")
    assert ducha.post(f"/suggestions/{s.pk}/act/assign/", {"lead_unit": "jyj", "co_units": ["czj"]}).status_code == 302
    page = client_as("czj_head").get(f"/suggestions/{s.pk}/").content.decode()
    assert "提出协办意见" in page
    assert "2026-01-23" in page
    assert (
        client_as("czj_head").post(f"/suggestions/{s.pk}/act/opinion/", {"unit": "czj", "text": "同意。"}).status_code
        == 302
    )
    drafted = client_as("jyj_head").post(f"/suggestions/{s.pk}/act/answer/", {"body": "代表：……", "title": ""})
    assert drafted.status_code == 302
    assert drafted["Location"].startswith("/documents/")
    assert client_as("fgw_clerk").post(f"/suggestions/{s.pk}/act/feedback/", {}).status_code == 404  # need to know
    refused = client_as("czj_head").post(f"/suggestions/{s.pk}/act/feedback/", {"satisfaction": "satisfied"})
    assert refused.status_code == 403
    assert "第三十一条" in refused.content.decode()
    assert "关于改善牧区饮水条件的建议" in client_as("jyj_head").get("/").content.decode()  # the workbench


def test_feedback_and_publication_pages(client_as, user, assigned) -> None:
    answer(user, assigned)
    ducha = client_as("clerk_ducha")
    assert "记录代表委员意见" in ducha.get(f"/suggestions/{assigned.pk}/").content.decode()
    assert ducha.post(f"/suggestions/{assigned.pk}/act/publication/", {"withhold_ground": ""}).status_code == 302
    assert ducha.post(f"/suggestions/{assigned.pk}/act/feedback/", {"satisfaction": "satisfied"}).status_code == 302
    assert Suggestion.objects.get(pk=assigned.pk).state == "closed"
    assert "建议提案" in ducha.get("/suggestions/").content.decode()
