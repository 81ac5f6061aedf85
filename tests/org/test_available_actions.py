"""``available_actions`` and the actions agree (issue 14): for every act on an absence report (entrust,
销假) and on an acting arrangement (revoke), in every state they pass through, for people on both
sides of each rule, the act is allowed in :func:`zhengwu.org.selectors.available_actions` exactly
when the action does not refuse.  Each action is tried in a savepoint that is rolled back, on a
fresh copy of the record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from tests import support
from tests.org.conftest import D
from zhengwu.core.decisions import InvalidInput
from zhengwu.org import actions, selectors
from zhengwu.org.models import Absence, ActingArrangement, Position
from zhengwu.org.services import acting_candidates

PEOPLE = ["governor", "exec_vice", "vice_liu", "clerk_huiwu", "fgw_head", "fgw_deputy", "fgw_clerk", "czj_head"]


def refuses(call: Callable[[Any, Any], Any], actor: Any, model: type, pk: int) -> bool:
    """Whether the action refuses, on a fresh copy of the record; whatever it wrote is rolled back."""
    return support.refuses(call, actor, model.objects.get(pk=pk))


def _candidate(absence: Absence) -> Position:
    """The position the page's entrust form offers first (any position when there is none)."""
    candidates = acting_candidates(absence.position)
    return candidates[0] if candidates else Position.objects.get(appointments__person__user__username="exec_vice")


ABSENCE_CALLS: dict[str, Callable[[Any, Absence], Any]] = {
    "entrust": lambda u, a: actions.entrust(u, a, _candidate(a)),
    "return": lambda u, a: actions.report_return(u, a, timezone.localdate()),
}
ACTING_CALLS: dict[str, Callable[[Any, ActingArrangement], Any]] = {
    "revoke": lambda u, x: actions.revoke_acting(u, x),
}
CALLS: dict[type, dict[str, Callable[[Any, Any], Any]]] = {Absence: ABSENCE_CALLS, ActingArrangement: ACTING_CALLS}


def disagreements(user, records: list[Any]) -> list[tuple[str, int, str, str, str, str]]:
    out = []
    for record in records:
        model = type(record)
        calls = CALLS[model]
        for username in PEOPLE:
            actor = user(username)
            offered = selectors.available_actions(actor, model.objects.get(pk=record.pk))
            assert set(calls) == set(offered)
            for name, call in calls.items():
                refused = refuses(call, actor, model, record.pk)
                if offered[name].allowed == refused:
                    out.append(
                        (
                            model.__name__,
                            record.pk,
                            username,
                            name,
                            offered[name].explanation,
                            "refused" if refused else "done",
                        )
                    )
    return out


# ---------------------------------------------------------------- the states a report passes through
# Today is 2026-12-01 (tests/org/conftest.py).


START, END = D(2026, 12, 2), D(2026, 12, 4)


def _report(user, person, username: str, start=START, end=END, **kw) -> Absence:
    return actions.report_absence(user(username), person(username), start, end, "乌鲁木齐", "trip", **kw)


def _ahead(user, person, position, frozen) -> list[Absence]:
    """Reported, not yet left: the 州长's, a unit head's with a deputy, one without."""
    return [_report(user, person, "governor"), _report(user, person, "fgw_head"), _report(user, person, "czj_head")]


def _entrusted(user, person, position, frozen) -> list[Absence]:
    governor = _report(user, person, "governor", entrust_to=position("exec_vice"))
    head = _report(user, person, "fgw_head")
    actions.entrust(user("fgw_head"), head, position("fgw_deputy"))
    return [governor, head]


def _away(user, person, position, frozen) -> list[Absence]:
    """Away now, one entrusted from the start, one not."""
    absences = _entrusted(user, person, position, frozen)
    frozen.move_to("2026-12-03 10:00 +0800")
    return [*absences, _report(user, person, "vice_liu", start=START)]


def _revoked(user, person, position, frozen) -> list[Absence]:
    absences = _entrusted(user, person, position, frozen)
    for absence in absences:
        actions.revoke_acting(user(absence.person.user.username), absence.acting.get())
    return absences


def _overdue(user, person, position, frozen) -> list[Absence]:
    """The expected return has passed without 销假."""
    absences = _entrusted(user, person, position, frozen)
    frozen.move_to("2026-12-08 10:00 +0800")
    return absences


def _returned(user, person, position, frozen) -> list[Absence]:
    absences = _entrusted(user, person, position, frozen)
    frozen.move_to("2026-12-03 10:00 +0800")
    for absence in absences:
        actions.report_return(user("clerk_huiwu"), absence, D(2026, 12, 3))
    return absences


STATES: dict[str, Callable[..., list[Absence]]] = {
    "ahead": _ahead,
    "entrusted": _entrusted,
    "away": _away,
    "revoked": _revoked,
    "overdue": _overdue,
    "returned": _returned,
}


def _records(absences: list[Absence]) -> list[Any]:
    return [
        *[Absence.objects.get(pk=a.pk) for a in absences],
        *ActingArrangement.objects.filter(absence__in=absences),
    ]


@pytest.mark.parametrize("state", list(STATES))
def test_each_act_is_offered_exactly_when_the_action_does_it(user, person, position, frozen, state) -> None:
    absences = STATES[state](user, person, position, frozen)
    assert disagreements(user, _records(absences)) == []


def test_every_act_is_allowed_to_someone_somewhere(user, person, position, frozen) -> None:
    """The agreement tests above are not vacuous: each act is allowed at least once in these states."""
    allowed: set[tuple[str, str]] = set()
    for build in STATES.values():
        with transaction.atomic():
            for record in _records(build(user, person, position, frozen)):
                for username in PEOPLE:
                    allowed |= {
                        (type(record).__name__, n)
                        for n, d in selectors.available_actions(user(username), record).items()
                        if d.allowed
                    }
            frozen.move_to("2026-12-01 09:00 +0800")
            transaction.set_rollback(True)
    expected = {(model.__name__, n) for model, calls in CALLS.items() for n in calls}
    assert expected - allowed == set()


@pytest.mark.article(58)
def test_no_return_is_offered_before_leaving(user, person, position, frozen) -> None:
    [governor, *_others] = _ahead(user, person, position, frozen)
    refused = selectors.available_actions(user("governor"), governor)["return"]
    assert refused.code == "leave.not_left"
    assert refused.explanation.endswith("（《工作规则》第五十八条）")
    with pytest.raises(InvalidInput):  # no return date can be right yet
        actions.report_return(user("governor"), governor, D(2026, 12, 1))


@pytest.mark.article(49)
def test_a_head_without_a_deputy_is_not_offered_to_entrust(user, person, position, frozen) -> None:
    [_governor, fgw, czj] = _ahead(user, person, position, frozen)
    assert "entrust" in selectors.allowed_actions(user("fgw_head"), fgw)
    assert selectors.available_actions(user("czj_head"), czj)["entrust"].code == "acting.no_candidate"


def test_the_page_offers_what_the_actions_allow(client, user, person, position, frozen) -> None:
    [governor, *_others] = _entrusted(user, person, position, frozen)
    arrangement = governor.acting.get()
    client.force_login(user("governor"))
    page = client.get(f"/absences/{governor.pk}/").content.decode()
    assert f"/acting/{arrangement.pk}/revoke/" in page  # the 州长 may take it back
    assert "委托主持工作</button>" not in page  # an arrangement already runs
    assert "登记销假" not in page  # not left yet
    client.force_login(user("exec_vice"))
    page = client.get(f"/absences/{governor.pk}/").content.decode()
    assert f"/acting/{arrangement.pk}/revoke/" not in page
    frozen.move_to("2026-12-03 10:00 +0800")
    client.force_login(user("governor"))
    assert "登记销假" in client.get(f"/absences/{governor.pk}/").content.decode()


def test_the_api_lists_the_callers_actions(client_as, user, person, position, frozen) -> None:
    [governor, *_others] = _entrusted(user, person, position, frozen)
    body = client_as("governor").get(f"/api/absences/{governor.pk}").json()
    rows = {a["name"]: a for a in body["actions"]}
    assert list(rows) == list(selectors.ABSENCE_ACTS)
    assert rows["entrust"]["allowed"] is False
    assert rows["entrust"]["code"] == "acting.already_arranged"
    assert rows["return"]["code"] == "leave.not_left"
    [acting] = body["acting"]
    assert acting["actions"] == [
        {
            "name": "revoke",
            "allowed": True,
            "code": "acting.revocable",
            "explanation": acting["actions"][0]["explanation"],
        }
    ]
    refused = client_as("exec_vice").get(f"/api/absences/{governor.pk}").json()["acting"][0]["actions"][0]
    assert refused["allowed"] is False
    assert refused["code"] == "acting.revoke_not_governor"
