"""建议提案 through the API (art. 31)."""

from __future__ import annotations

import pytest

from tests.api.conftest import Api
from tests.suggestions.conftest import D, answer, unit
from zhengwu.suggestions.actions import assign, register
from zhengwu.suggestions.models import Suggestion

pytestmark = [pytest.mark.article(31), pytest.mark.usefixtures("frozen")]

NEW = {
    "kind": "proposal",
    "number": "7",
    "title": "关于加快重点项目前期工作的提案",
    "text": "建议……",
    "proposers": "委员丙",
    "session": "州政协十二届四次会议",
    "received_on": "2025-11-10",
}


def test_register_assign_answer_feedback_publish(client_as, user) -> None:
    ducha = Api(client_as("clerk_ducha"))
    assert Api(client_as("fgw_clerk")).post("/suggestions", NEW).status_code == 403
    sid = ducha.post("/suggestions", NEW).json()["id"]
    assigned = ducha.post(f"/suggestions/{sid}/assignment", {"lead_unit": "fgw", "co_units": ["zrzyj"]}).json()
    assert (assigned["due"], assigned["co_due"]) == ("2026-02-24", "2026-01-23")
    assert ducha.post(f"/suggestions/{sid}/extension", {"due": "2026-05-21", "reason": "复杂"}).status_code == 403
    assert (
        ducha.post(f"/suggestions/{sid}/extension", {"due": "2026-05-20", "reason": "复杂"}).json()["due"]
        == "2026-05-20"
    )
    opinion = Api(client_as("zrzyj_head")).post(f"/suggestions/{sid}/co-opinions", {"unit": "zrzyj", "text": "同意。"})
    assert opinion.json()["co_opinions"][0]["sent"] is True
    drafted = Api(client_as("fgw_clerk")).post(f"/suggestions/{sid}/answer", {"body": "委员：……"})
    assert drafted.status_code == 201
    assert drafted.json()["state"] == "draft"
    assert ducha.post(f"/suggestions/{sid}/feedback", {"satisfaction": "satisfied"}).status_code == 403


def test_feedback_and_publication_after_issue(client_as, user) -> None:
    s = register(
        user("clerk_ducha"),
        kind="suggestion",
        number="3",
        title="建议",
        text="内容",
        proposers="代表",
        session="会议",
        received_on=D(2025, 11, 1),
    )
    assign(user("clerk_ducha"), s, unit("jyj"))
    answer(user, Suggestion.objects.get(pk=s.pk))
    ducha = Api(client_as("clerk_ducha"))
    assert ducha.post(f"/suggestions/{s.pk}/publication", {"withhold_ground": ""}).json()["publication_decided"]
    done = ducha.post(f"/suggestions/{s.pk}/feedback", {"satisfaction": "satisfied"}).json()
    assert (done["state"], done["satisfaction"]) == ("closed", ["satisfied"])
    assert ducha.get(f"/suggestions/{s.pk}").json()["answered"] is True
