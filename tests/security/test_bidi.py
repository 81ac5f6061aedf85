"""Bidirectional control characters never reach a document (issue 11: "U+202E (right-to-left
override) in a title reverses text in the issued PDF").  They are refused where the text is written,
with the character and its position, on every path (the API, the pages, the actions)."""

from __future__ import annotations

import pytest

from tests.security.conftest import SUBMISSION
from zhengwu.core.decisions import InvalidInput
from zhengwu.core.text_checks import BIDI_CONTROLS, bidi_problem
from zhengwu.documents.actions.intake import create_submission
from zhengwu.documents.models import Document
from zhengwu.org.models import Unit

pytestmark = pytest.mark.django_db

ALL = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)]


def test_every_bidi_control_is_known():
    assert set(ALL) == BIDI_CONTROLS


@pytest.mark.parametrize("char", ALL)
def test_each_one_is_named_with_its_position(char):
    problem = bidi_problem("关于" + char + "的请示", "标题")
    assert f"U+{ord(char):04X}" in problem
    assert "第3个字符" in problem
    assert "“标题”" in problem


def test_ordinary_chinese_uyghur_and_kirghiz_text_passes():
    assert bidi_problem("克孜勒苏柯尔克孜自治州 قىزىلسۇ Кызылсуу", "标题") == ""


def test_a_title_with_a_right_to_left_override_is_refused_by_the_api(api_as):
    before = Document.objects.count()
    response = api_as("fgw_clerk").post("/documents/submissions", {**SUBMISSION, "title": "关于\u202e请示的安排"})
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == "title"
    assert "U+202E" in body["detail"]
    assert "RIGHT-TO-LEFT OVERRIDE" in body["detail"]
    assert Document.objects.count() == before


@pytest.mark.parametrize("where", ["title", "body"])
def test_title_and_body_are_refused_by_the_action(user, where):
    text = {"title": "关于经费的请示", "body": "州人民政府：……"}
    text[where] = text[where][:2] + "\u2067" + text[where][2:]
    with pytest.raises(InvalidInput) as refused:
        create_submission(
            user("fgw_clerk"),
            Unit.objects.get(code="fgw"),
            "qingshi",
            text["title"],
            text["body"],
            ["一项"],
            [Unit.objects.get(code="gov")],
            [],
        )
    assert refused.value.field == where
    assert "U+2067" in refused.value.message


def test_a_page_shows_the_refusal(client_as):
    response = client_as("fgw_clerk").post(
        "/documents/new/",
        {
            "issuer": Unit.objects.get(code="fgw").pk,
            "doc_type": "qingshi",
            "title": "关于\u202e请示",
            "body": "州人民政府：……",
            "request_items": "一项\n",
            "main_recipient": Unit.objects.get(code="gov").pk,
            "classification": "none",
            "urgency": "normal",
        },
    )
    assert response.status_code == 400
    assert "U+202E" in response.content.decode()
