"""The organization held in memory per process, under a version token that every change rewrites:
a change is seen by the next read in the same process and in any other process."""

from __future__ import annotations

import copy

import pytest
from django.db import transaction
from django.utils import timezone

from zhengwu.core.memo import scope
from zhengwu.org import admin_actions
from zhengwu.org import services as org
from zhengwu.org.models import Appointment, OrgVersion, PositionKind

pytestmark = pytest.mark.article(6)


def czj_head() -> Appointment:
    return Appointment.objects.get(
        position__unit__code="czj",
        position__kind=PositionKind.UNIT_HEAD,
        end__isnull=True,
        person__user__username="czj_head",
    )


def head_name() -> str | None:
    holder = org.who_holds("head:czj")
    return holder.person_name if holder else None


def test_a_scope_with_an_unchanged_version_reads_no_appointments(db, django_assert_num_queries) -> None:
    with scope():
        name = head_name()
    assert name
    with scope(), django_assert_num_queries(3):  # the version row, the unit's code, the rulebook
        assert head_name() == name
        assert head_name() == name


def test_a_change_is_seen_by_the_next_read_in_the_same_scope_and_the_next_scope(db) -> None:
    appointment = czj_head()
    today = timezone.localdate()
    with scope():
        assert head_name() == appointment.person.name
        admin_actions.end_appointment(None, appointment, today - timezone.timedelta(days=1))
        assert head_name() is None
    with scope():
        assert head_name() is None


def test_a_change_made_by_another_process_is_seen_from_its_commit(db) -> None:
    """This process indexed the organization; another process changes it (simulated: the change is
    made, then this process's memory is put back as it was, as it would be in a process that did not
    make the change).  The token in the database differs from the one indexed: read again."""
    appointment = czj_head()
    with scope():
        assert head_name() == appointment.person.name
    before = copy.copy(org._INDEX)
    assert before  # indexed
    with transaction.atomic():  # "the other process"
        appointment.end = timezone.localdate() - timezone.timedelta(days=1)
        appointment.save(update_fields=["end"])  # even a plain ORM write bumps the version
    org._INDEX.clear()
    org._INDEX.update(before)
    with scope():
        assert head_name() is None


def test_a_rolled_back_change_leaves_no_token_behind(db) -> None:
    appointment = czj_head()
    token = OrgVersion.objects.get(pk=1).token
    seen: list[str | None] = []

    def change_then_fail() -> None:
        with transaction.atomic(), scope():
            Appointment.objects.get(pk=appointment.pk).delete()
            seen.append(head_name())  # indexed under the uncommitted token
            raise RuntimeError

    with pytest.raises(RuntimeError):
        change_then_fail()
    assert seen == [None]
    assert OrgVersion.objects.get(pk=1).token == token
    with scope():
        assert head_name() == appointment.person.name


def test_without_the_version_row_nothing_is_kept_across_scopes(db) -> None:
    OrgVersion.objects.all().delete()
    appointment = czj_head()
    with scope():
        assert head_name() == appointment.person.name
    Appointment.objects.filter(pk=appointment.pk).delete()  # no signal: only the row's absence protects
    with scope():
        assert head_name() is None
