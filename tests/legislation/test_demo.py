"""The demo: one draft open for comment, one document in force, loaded once."""

from __future__ import annotations

from zhengwu.legislation.demo import IN_FORCE_TITLE, OPEN_TITLE, load_demo
from zhengwu.legislation.models import NormativeDraft
from zhengwu.portal.models import ItemKind
from zhengwu.portal.services import queued_for


def test_the_demo_is_there_once(db) -> None:
    assert load_demo() is False
    assert NormativeDraft.objects.get(title=OPEN_TITLE).state == "consulting"
    in_force = NormativeDraft.objects.get(title=IN_FORCE_TITLE)
    assert in_force.validity == "in_force"
    assert queued_for(in_force, ItemKind.NORMATIVE) is not None
