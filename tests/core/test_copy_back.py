"""``copy_back``: what an action wrote on its locked instance is seen on the caller's instance."""

from __future__ import annotations

import pytest

from zhengwu.core.actions import copy_back
from zhengwu.org.models import Unit


@pytest.mark.django_db
def test_copy_back_copies_every_written_field_and_returns_the_written_instance() -> None:
    mine = Unit.objects.filter(parent__isnull=False).order_by("pk").first()
    assert mine is not None
    written = Unit.objects.get(pk=mine.pk)
    written.short_name, written.sort_order, written.functions = "新简称", 999, ["legal_review"]
    assert copy_back(mine, written) is written
    assert (mine.short_name, mine.sort_order, mine.functions) == ("新简称", 999, ["legal_review"])


@pytest.mark.django_db
def test_copy_back_of_a_changed_link_does_not_leave_the_old_related_row_cached() -> None:
    mine = Unit.objects.filter(parent__isnull=False).order_by("pk").first()
    assert mine is not None
    old_parent = mine.parent  # cached on the caller's instance
    assert old_parent is not None
    other = Unit.objects.exclude(pk__in=[mine.pk, old_parent.pk]).order_by("pk").first()
    assert other is not None
    written = Unit.objects.get(pk=mine.pk)
    written.parent = other
    copy_back(mine, written)
    assert mine.parent_id == other.pk
    assert mine.parent == other  # not the stale cached parent


@pytest.mark.django_db
def test_copy_back_onto_itself_changes_nothing() -> None:
    unit = Unit.objects.order_by("pk").first()
    assert unit is not None
    unit.short_name = "未保存"
    assert copy_back(unit, unit) is unit
    assert unit.short_name == "未保存"
