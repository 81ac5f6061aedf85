"""``lock``: an action re-reads its row under a row lock and works on that fresh instance."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from zhengwu.core.actions import lock
from zhengwu.org.models import Person, Unit


def _a_unit_with_a_parent() -> Unit:
    unit = Unit.objects.filter(parent__isnull=False).order_by("pk").first()
    assert unit is not None, "the demo government has units under others"
    return unit


@pytest.mark.django_db
def test_lock_returns_a_fresh_instance_of_the_same_row() -> None:
    unit = _a_unit_with_a_parent()
    Unit.objects.filter(pk=unit.pk).update(short_name="改过")  # written behind the caller's back
    with transaction.atomic():
        fresh = lock(unit)
    assert fresh is not unit
    assert type(fresh) is Unit
    assert fresh.pk == unit.pk
    assert fresh.short_name == "改过"
    assert unit.short_name != "改过"  # the caller's instance is left alone (``copy_back`` is for that)


@pytest.mark.django_db
def test_lock_is_generic_and_joins_the_related_rows_asked_for(django_assert_num_queries) -> None:
    unit = _a_unit_with_a_parent()
    person = Person.objects.order_by("pk").first()
    assert person is not None
    with transaction.atomic():
        with django_assert_num_queries(2):
            locked_unit = lock(unit, "parent")
            locked_person = lock(person, "user")
        with django_assert_num_queries(0):
            assert locked_unit.parent is not None
            assert locked_unit.parent.pk == unit.parent_id
            assert locked_person.user.pk == person.user_id
        plain = lock(unit)
        with django_assert_num_queries(1):  # not asked for: read when used
            assert plain.parent is not None


@pytest.mark.django_db
def test_lock_asks_for_a_row_lock_of_that_row_only(monkeypatch) -> None:
    asked: list[dict[str, object]] = []
    original = QuerySet.select_for_update

    def spy(self: QuerySet, **kwargs: object) -> QuerySet:
        asked.append(kwargs)
        return original(self, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", spy)
    unit = _a_unit_with_a_parent()
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        lock(unit, "parent")
    assert asked == [{"of": ("self",)}]  # the joined rows are read, not locked
    if connection.features.has_select_for_update_of:  # PostgreSQL: the SQL says so
        assert any("FOR UPDATE OF" in q["sql"] for q in queries.captured_queries)


@pytest.mark.django_db
def test_lock_of_a_row_gone_meanwhile_raises() -> None:
    unit = Unit(pk=10**9, code="gone", name="已撤销")
    with transaction.atomic(), pytest.raises(Unit.DoesNotExist):
        lock(unit)
