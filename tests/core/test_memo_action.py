"""``memo.action``: one transaction, and the organization read once while the action runs; within a
request it shares the request's scope, so what it forgets (or undoes) is not served stale afterwards."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhengwu.core.memo import action, forget, memo, scope
from zhengwu.org import admin_actions
from zhengwu.org.models import Appointment, Person, Unit
from zhengwu.org.services import person_of, positions_of


class Boom(Exception):
    pass


@pytest.mark.django_db
def test_an_action_outside_a_scope_memoises_for_its_duration_only() -> None:
    calls: list[int] = []

    @action
    def act() -> int:
        memo("ns", 1, lambda: calls.append(1))
        memo("ns", 1, lambda: calls.append(1))
        return len(calls)

    assert act() == 1  # read once within the action
    memo("ns", 1, lambda: calls.append(1))
    assert len(calls) == 2  # nothing kept after it
    assert act() == 3  # the next action reads afresh


@pytest.mark.django_db
def test_an_action_within_a_scope_shares_it_and_what_it_forgets_is_forgotten() -> None:
    calls: list[str] = []

    @action
    def act() -> None:
        memo("ns", 1, lambda: calls.append("inside"))  # kept from before: not read again
        forget("ns")

    with scope():
        memo("ns", 1, lambda: calls.append("before"))
        act()
        memo("ns", 1, lambda: calls.append("after"))
    assert calls == ["before", "after"]


@pytest.mark.django_db
def test_a_failed_action_is_rolled_back_and_its_scope_forgets_what_it_read() -> None:
    unit = Unit.objects.order_by("pk").first()
    assert unit is not None
    calls: list[str] = []

    @action
    def act() -> None:
        Unit.objects.filter(pk=unit.pk).update(short_name="未成")
        memo("ns", 1, lambda: calls.append("read after the write"))
        raise Boom

    with scope():
        memo("other", 1, lambda: calls.append("before"))
        with pytest.raises(Boom):
            act()
        memo("ns", 1, lambda: calls.append("again"))
        memo("other", 1, lambda: calls.append("before, again"))
    assert calls == ["before", "read after the write", "again", "before, again"]
    unit.refresh_from_db()
    assert unit.short_name != "未成"


@pytest.mark.django_db
def test_the_organizations_actions_forget_what_they_change(user) -> None:
    """What makes the scope safe for them: within one scope, a read after the change sees it."""
    account = user("vice_liu")
    today = timezone.localdate()
    with scope():
        before = positions_of(account, today)
        assert before
        person = person_of(account)
        assert person is not None
        admin_actions.edit_person(None, Person.objects.get(pk=person.pk), "改名测试")  # not the memoised one
        assert person_of(account).name == "改名测试"
        appointment = Appointment.objects.filter(person=person, end__isnull=True).order_by("pk").first()
        assert appointment is not None
        admin_actions.end_appointment(None, appointment, today - dt.timedelta(days=1))
        assert len(positions_of(account, today)) == len(before) - 1


@pytest.mark.parametrize(("command", "scoped"), [("org", True), ("audit", True), ("worker", False), ("serve", False)])
def test_a_one_shot_command_runs_in_one_memo_scope_a_long_running_one_does_not(monkeypatch, command, scoped) -> None:
    """Actions called from the command line read the organization once, as in a request; the server
    and the worker open a scope per request and per sweep instead of one for their whole life."""
    from django.core import management

    from zhengwu import cli
    from zhengwu.core import memo as memo_module

    seen: list[bool] = []
    monkeypatch.setattr(
        management, "execute_from_command_line", lambda args: seen.append(memo_module._current.get() is not None)
    )
    monkeypatch.setenv("ZHENGWU_PROFILE", "test")
    cli.main(["zhengwu", command, "--help"])
    assert seen == [scoped]
