"""Policy interpretations (art. 30): a 解读 is published linked to the published document it explains."""

from __future__ import annotations

import pytest

from zhengwu.core.decisions import Refused
from zhengwu.portal import actions
from zhengwu.portal.models import ItemKind, ItemState

pytestmark = [pytest.mark.article(30), pytest.mark.usefixtures("frozen")]


def test_interpretation_is_published_and_linked(queued, user) -> None:
    doc = queued(title="关于促进民营经济发展的若干措施")
    actions.publish(user("clerk_gongkai"), doc)
    made = actions.interpret(user("clerk_gongkai"), doc, "《若干措施》政策解读", "一、出台背景……")
    assert made.kind == ItemKind.INTERPRETATION
    assert made.state == ItemState.PUBLISHED
    assert made.interprets_id == doc.pk
    assert made.index_number
    assert list(doc.interpretations.all()) == [made]


def test_unpublished_document_cannot_be_interpreted(queued, user) -> None:
    doc = queued()
    with pytest.raises(Refused, match="已公开"):
        actions.interpret(user("clerk_gongkai"), doc, "解读", "正文")


def test_interpretation_needs_title_and_body_and_staff(queued, user) -> None:
    doc = queued()
    actions.publish(user("clerk_gongkai"), doc)
    with pytest.raises(Refused, match="标题和正文"):
        actions.interpret(user("clerk_gongkai"), doc, "", "正文")
    with pytest.raises(Refused):
        actions.interpret(user("jyj_head"), doc, "解读", "正文")
    assert not doc.interpretations.exists()
