"""A newer release's annotations reach an installed rulebook version without re-importing it (art. 68)."""

from __future__ import annotations

import pytest

from zhengwu.rulebook import annotations
from zhengwu.rulebook.actions import apply_annotations
from zhengwu.rulebook.models import Article, Parameter
from zhengwu.rulebook.services import version_in_force


@pytest.mark.article(68)
@pytest.mark.django_db
def test_annotations_update_articles_and_add_parameters_but_keep_edited_values() -> None:
    version = version_in_force()
    Article.objects.filter(version=version, number=50).update(kind="", provisions=[])
    Parameter.objects.filter(version=version, key="meeting.study_interval_months").delete()
    Parameter.objects.filter(version=version, key="countersign.reply_days").update(value=10)
    revision = version.revision

    changed = apply_annotations(version, annotations.load())

    assert changed == ["第50条", "参数meeting.study_interval_months"]
    a50 = version.articles.get(number=50)
    assert a50.kind == "E"
    assert "countersign.silence" in a50.provisions
    assert version.parameters.get(key="meeting.study_interval_months").value == 2
    assert version.parameters.get(key="countersign.reply_days").value == 10  # an administrator's edit stays
    version.refresh_from_db()
    assert version.revision == revision + 1
    assert apply_annotations(version, annotations.load()) == []
