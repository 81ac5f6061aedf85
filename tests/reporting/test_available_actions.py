"""``available_actions`` and the actions agree: for every act on an incident, an upward matter and
an attendance, in every state, for people on both sides of each rule (the reporting unit, the
office, another unit, the 州长, the administrator), the act is offered exactly when the action does
not refuse.  Each action is tried in a savepoint that is rolled back, on a fresh copy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import models

from tests import support
from tests.reporting.conftest import D, person, unit
from zhengwu.reporting import actions, selectors
from zhengwu.reporting.models import Incident, NpcAttendance, PublicConcern, UpwardReport

pytestmark = pytest.mark.usefixtures("frozen")


def refuses(call: Callable[[Any, Any], Any], actor: Any, record: models.Model) -> bool:
    return support.refuses(call, actor, type(record).objects.get(pk=record.pk))


INCIDENT_CALLS: dict[str, Callable[[Any, Incident], Any]] = {
    stage: (lambda s: lambda u, i: actions.record_report(u, i, stage=s, content="报告。"))(stage)
    for stage in ("phone", "written", "follow_up", "final")
}
UPWARD_CALLS: dict[str, Callable[[Any, UpwardReport], Any]] = {
    "link": lambda u, r: actions.link_document(u, r, _DOC[0]),
    "reply": lambda u, r: actions.record_reply(u, r, "同意。"),
}
CONCERN_CALLS: dict[str, Callable[[Any, PublicConcern], Any]] = {
    "result": lambda u, c: actions.record_result(u, c, "已处理。"),
}
NPC_CALLS: dict[str, Callable[[Any, NpcAttendance], Any]] = {
    "attend": lambda u, a: actions.record_npc_attendance(u, a),
}
_DOC: list[Any] = []
PEOPLE = ["atushi_head", "clerk_wendian", "fgw_clerk", "governor", "admin"]


def _agree(user, record, calls) -> set[str]:
    out, allowed = [], set()
    for username in PEOPLE:
        actor = user(username)
        offered = selectors.available_actions(actor, type(record).objects.get(pk=record.pk))
        assert list(offered) == list(calls)
        allowed |= {n for n, d in offered.items() if d.allowed}
        for name, call in calls.items():
            refused = refuses(call, actor, record)
            if offered[name].allowed == refused:
                out.append((username, name, offered[name].explanation))
    assert out == []
    return allowed


@pytest.mark.article(55)
@pytest.mark.parametrize(
    ("done", "expected"),
    [
        ([], {"phone", "written"}),
        (["phone"], {"written"}),
        (["phone", "written"], {"follow_up", "final"}),
        (["written", "final"], set()),
    ],
)
def test_an_incidents_acts(user, make_incident, done, expected) -> None:
    incident = make_incident()
    for stage in done:
        actions.record_report(user("atushi_head"), incident, stage=stage, content="报告。")
    assert _agree(user, incident, INCIDENT_CALLS) == expected


@pytest.mark.article(16)
@pytest.mark.parametrize(
    ("state", "expected"), [("registered", {"link"}), ("reported", {"link", "reply"}), ("answered", set())]
)
def test_an_upward_matters_acts(user, make_upward, issued_upward, state, expected) -> None:
    report = make_upward()
    _DOC[:] = [issued_upward()]
    if state != "registered":
        actions.link_document(user("clerk_wendian"), report, issued_upward())
    if state == "answered":
        actions.record_reply(user("clerk_wendian"), report, "同意。")
    assert _agree(user, report, UPWARD_CALLS) == expected


@pytest.mark.article(46)
@pytest.mark.parametrize(("move", "expected"), [(False, set()), (True, {"attend"})])
def test_an_attendances_acts(user, frozen, move, expected) -> None:
    a = actions.assign_npc_attendance(
        user("governor"), session="州人大常委会会议", session_date=D(2026, 11, 5), attendee=person("vice_liu")
    )
    if move:
        frozen.move_to("2026-11-05 15:00 +0800")
    assert _agree(user, a, NPC_CALLS) == expected


@pytest.mark.article(34)
@pytest.mark.parametrize(("handled", "expected"), [(False, {"result"}), (True, set())])
def test_a_concerns_acts(user, handled, expected) -> None:
    c = actions.register_concern(
        user("clerk_wendian"), source="public", title="反映问题", unit=unit("atushi"), received_on=D(2026, 11, 2)
    )
    if handled:
        actions.record_result(user("atushi_head"), c, "已处理。")
    assert _agree(user, c, CONCERN_CALLS) == expected
