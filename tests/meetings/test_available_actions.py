"""``available_actions`` and the actions agree (issue 14): for every act on a meeting, an invitation,
a paper and a decision's follow-up, in every state a meeting passes through, for people on both
sides of each rule, the act is allowed in :func:`zhengwu.meetings.selectors.available_actions`
exactly when the action does not refuse.  Each action is tried in a savepoint that is rolled back,
on a fresh copy of the record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from tests import support
from tests.documents.test_outgoing_draft import draft
from tests.meetings.conftest import MEETING_DAY, person, unit
from zhengwu.meetings import actions, selectors
from zhengwu.meetings.models import FollowUp, Invitation, Meeting, Paper, Topic
from zhengwu.org.models import Appointment, Person, Position
from zhengwu.org.services import positions_of

pytestmark = pytest.mark.usefixtures("frozen")

PEOPLE = ["clerk_huiwu", "governor", "secretary_general", "exec_vice", "vice_liu", "jyj_head", "fgw_head", "admin"]


def refuses(call: Callable[[Any, Any], Any], actor: Any, model: type, pk: int) -> bool:
    """Whether the action refuses, on a fresh copy of the record; whatever it wrote is rolled back."""
    return support.refuses(call, actor, model.objects.get(pk=pk))


def _companion() -> Person:
    """Someone on nobody's list: a staff member a unit brings along."""
    account = get_user_model().objects.create_user("suixing", password="x")
    return Person.objects.create(user=account, name="随行人员")


def _staff_unit(actor: Any, m: Meeting) -> Any:
    """The unit the actor registers staff for: their own reporting unit if any, else their first unit
    (the office: the first reporting unit, else its own)."""
    own = [p.unit_id for p in positions_of(actor)]
    reporting = [t.unit_id for t in m.topics.all()]
    chosen = next((u for u in own if u in reporting), None)
    if chosen is None and selectors.is_office(actor) and reporting:
        chosen = reporting[0]
    if chosen is None and own:
        chosen = own[0]
    return unit("jyj") if chosen is None else type(unit("jyj")).objects.get(pk=chosen)


def _colleague(actor: Any) -> Person:
    """Someone of the actor's own unit (the deputy the page offers: ``deputies`` in the view)."""
    units = {p.unit_id for p in positions_of(actor)}
    for appointment in Appointment.objects.filter(position__unit_id__in=units).select_related("person__user"):
        if appointment.person.user_id != actor.pk and units & {
            p.unit_id for p in positions_of(appointment.person.user)
        }:
            return appointment.person
    return person("czj_head")


MEETING_CALLS: dict[str, Callable[[Any, Meeting], Any]] = {
    "consent": lambda u, m: actions.consent(u, m),
    "confirm": lambda u, m: actions.confirm_agenda(u, m),
    "distribute": lambda u, m: actions.distribute_papers(u, m),
    "hold": lambda u, m: actions.hold(u, m),
    "reschedule": lambda u, m: actions.reschedule(u, m, date=MEETING_DAY + dt.timedelta(days=1)),
    "cancel": lambda u, m: actions.cancel_meeting(u, m, "另行安排。"),
    "collect": lambda u, m: actions.collect_topic(u, Topic.objects.get(title="待汇总的议题"), m),
    "roll_call": lambda u, m: actions.roll_call(u, m, {}),
    "sitting_in": lambda u, m: actions.invite_sitting_in(u, m, [person("czj_head")]),
    "staff": lambda u, m: actions.register_staff(u, m, _staff_unit(u, m), Person.objects.get(name="随行人员")),
    "minutes": lambda u, m: actions.draft_minutes(u, m, "纪要。"),
    "decision": lambda u, m: actions.add_decision(u, m, "议定。"),
    "review_major": lambda u, m: actions.review_major(u, m),
    "sign": lambda u, m: actions.sign_minutes(u, m),
    "press": lambda u, m: actions.draft_press(u, m, "新闻稿。"),
    "approve_press": lambda u, m: actions.approve_press(u, m),
}
INVITATION_CALLS: dict[str, Callable[[Any, Invitation], Any]] = {
    "leave": lambda u, i: actions.request_leave(u, i, "同日另有公务。"),
    "decide": lambda u, i: actions.decide_leave(u, i, True),
    "deputy": lambda u, i: actions.name_deputy(u, i, _colleague(u)),
}
PAPER_CALLS: dict[str, Callable[[Any, Paper], Any]] = {
    "check": lambda u, p: actions.check_paper(u, p),
    "print": lambda u, p: actions.approve_print(u, p),
}
FOLLOW_UP_CALLS: dict[str, Callable[[Any, FollowUp], Any]] = {
    "document": lambda u, f: actions.link_document(u, f, _outgoing()),
    "done": lambda u, f: actions.complete_task(u, f),
    "supervise": lambda u, f: actions.send_to_supervision(u, f),
}
CALLS: dict[type, dict[str, Callable[[Any, Any], Any]]] = {
    Meeting: MEETING_CALLS,
    Invitation: INVITATION_CALLS,
    Paper: PAPER_CALLS,
    FollowUp: FOLLOW_UP_CALLS,
}


def _outgoing() -> Any:
    from zhengwu.documents.models import Document, Flow

    return Document.objects.filter(flow=Flow.OUTGOING).first()


def disagreements(user, records: list[Any]) -> list[tuple[str, str, str, str, str]]:
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
                        (model.__name__, username, name, offered[name].explanation, "refused" if refused else "done")
                    )
    return out


# ---------------------------------------------------------------- the states a meeting passes through


def _records(m: Meeting) -> list[Any]:
    m = Meeting.objects.get(pk=m.pk)
    invitations = list(m.invitations.all())
    papers = list(Paper.objects.filter(topic__meeting=m))
    follow_ups = list(FollowUp.objects.filter(decision__meeting=m))
    return [m, *invitations, *papers, *follow_ups]


def _setting(user, make_topic) -> None:
    _companion()
    deputy = Person.objects.create(user=get_user_model().objects.create_user("jyj_deputy", password="x"), name="副局长")
    position = Position.objects.create(unit=unit("jyj"), kind="clerk", title="副局长")
    Appointment.objects.create(person=deputy, position=position, start=dt.date(2020, 1, 1))
    draft(user)  # an outgoing document to link
    make_topic("wsb", reviewed=True, title="待汇总的议题")


def _planned(user, make_topic) -> Meeting:
    _setting(user, make_topic)
    m = actions.create_meeting(user("clerk_huiwu"), kind="executive", title="常务会议", date=MEETING_DAY)
    topic = make_topic("jyj", reviewed=True)
    actions.collect_topic(user("clerk_huiwu"), topic, m)
    actions.add_paper(user("jyj_head"), topic, "汇报材料", SimpleUploadedFile("a.pdf", "%PDF-1.7 材料正文".encode()))
    return m


def _confirmed(user, make_topic, frozen) -> Meeting:
    m = _planned(user, make_topic)
    actions.confirm_agenda(user("governor"), m)
    [paper] = Paper.objects.filter(topic__meeting=m)
    actions.check_paper(user("clerk_huiwu"), paper)
    leader = Invitation.objects.get(meeting=m, person=person("vice_liu"))
    actions.request_leave(user("vice_liu"), leader, "赴乌鲁木齐开会。")
    head = Invitation.objects.get(meeting=m, person=person("jyj_head"))
    actions.request_leave(user("jyj_head"), head, "同日另有公务。")
    actions.decide_leave(user("clerk_huiwu"), head, True)
    return m


def _held(user, make_topic, frozen) -> Meeting:
    m = _confirmed(user, make_topic, frozen)
    frozen.move_to("2026-11-12 15:00 +0800")
    actions.hold(user("clerk_huiwu"), m)
    actions.add_decision(
        user("clerk_huiwu"),
        m,
        "落实。",
        task_title="制定实施方案",
        task_unit=unit("jyj"),
        task_due=dt.date(2026, 12, 31),
    )
    actions.add_decision(user("clerk_huiwu"), m, "印发。", document_title="印发方案")
    return m


def _drafted(user, make_topic, frozen) -> Meeting:
    m = _held(user, make_topic, frozen)
    actions.draft_minutes(user("clerk_huiwu"), m, "纪要。")
    actions.draft_press(user("clerk_huiwu"), m, "新闻稿。")
    return m


def _signed(user, make_topic, frozen) -> Meeting:
    m = _drafted(user, make_topic, frozen)
    actions.sign_minutes(user("governor"), m)
    return m


def _meeting_day(user, make_topic, frozen) -> Meeting:
    m = _confirmed(user, make_topic, frozen)
    [paper] = Paper.objects.filter(topic__meeting=m)
    actions.approve_print(user("governor"), paper)
    frozen.move_to("2026-11-12 09:00 +0800")
    return m


def _proposed(user, make_topic, frozen) -> Meeting:
    _setting(user, make_topic)
    return actions.create_meeting(
        user("vice_liu"), kind="topic", title="决策性专题会议", date=MEETING_DAY, unit=unit("fgw"), decision_making=True
    )


def _topic_major(user, make_topic, frozen) -> Meeting:
    _setting(user, make_topic)
    m = actions.create_meeting(user("vice_liu"), kind="topic", title="专题会议", date=MEETING_DAY, unit=unit("fgw"))
    frozen.move_to("2026-11-12 15:00 +0800")
    actions.hold(user("clerk_huiwu"), m)
    actions.draft_minutes(user("clerk_huiwu"), m, "纪要。", major_matters=True)
    actions.draft_press(user("clerk_huiwu"), m, "新闻稿。", escalated=True)
    return m


def _cancelled(user, make_topic, frozen) -> Meeting:
    m = _planned(user, make_topic)
    actions.cancel_meeting(user("clerk_huiwu"), m, "另行安排。")
    return m


STATES: dict[str, Callable[..., Meeting]] = {
    "planned": lambda user, make_topic, frozen: _planned(user, make_topic),
    "agenda_confirmed": _confirmed,
    "meeting_day": _meeting_day,
    "held": _held,
    "minutes_drafted": _drafted,
    "minutes_signed": _signed,
    "proposed": _proposed,
    "topic_major": _topic_major,
    "cancelled": _cancelled,
}


@pytest.mark.parametrize("state", list(STATES))
def test_each_act_is_offered_exactly_when_the_action_does_it(user, make_topic, frozen, state) -> None:
    m = STATES[state](user, make_topic, frozen)
    assert disagreements(user, _records(m)) == []


def test_every_act_is_allowed_to_someone_somewhere(user, make_topic, frozen) -> None:
    """The agreement tests above are not vacuous: each act is allowed at least once in these states."""
    allowed: set[tuple[str, str]] = set()
    for build in STATES.values():
        with transaction.atomic():
            for record in _records(build(user, make_topic, frozen)):
                for username in PEOPLE:
                    allowed |= {
                        (type(record).__name__, n)
                        for n, d in selectors.available_actions(user(username), record).items()
                        if d.allowed
                    }
            frozen.move_to("2026-11-03 09:00 +0800")
            transaction.set_rollback(True)
    expected = {(model.__name__, n) for model, calls in CALLS.items() for n in calls}
    assert expected - allowed == set()


@pytest.mark.article(43)
def test_the_chair_signs_a_topic_meetings_minutes_on_major_matters_only_after_the_governors_review(
    user, make_topic, frozen
) -> None:
    m = _topic_major(user, make_topic, frozen)
    sign = selectors.available_actions(user("vice_liu"), m)["sign"]
    assert not sign.allowed
    assert sign.code == "meetings.major_review"
    assert "（《工作规则》第四十三条）" in sign.explanation
    assert "review_major" in selectors.allowed_actions(user("governor"), m)
    actions.review_major(user("governor"), m)
    assert "sign" in selectors.allowed_actions(user("vice_liu"), m)
    assert "sign" not in selectors.allowed_actions(user("governor"), m)


def test_the_page_offers_what_the_actions_allow(client, user, make_topic, frozen) -> None:
    m = _confirmed(user, make_topic, frozen)
    client.force_login(user("governor"))
    page = client.get(f"/meetings/{m.pk}/").content.decode()
    assert f"/meetings/{m.pk}/act/confirm/" not in page  # confirmed already
    assert f"/meetings/{m.pk}/act/consent/" not in page  # not a proposed meeting
    assert f"/meetings/{m.pk}/act/cancel/" in page  # the 州长 may cancel it
    assert "批准请假" in page  # vice_liu's request waits for the 州长
    assert "登记会议召开" not in page  # the office's
    assert "分送会议材料" not in page
    client.force_login(user("clerk_huiwu"))
    page = client.get(f"/meetings/{m.pk}/").content.decode()
    assert "登记会议召开" not in page  # not before the meeting day (art. 37)
    assert "分送会议材料" not in page  # the paper is not print-approved yet (art. 40)
    frozen.move_to("2026-11-12 09:00 +0800")
    client.force_login(user("clerk_huiwu"))
    page = client.get(f"/meetings/{m.pk}/").content.decode()
    assert "登记会议召开" in page


def test_the_api_lists_the_callers_actions(client_as, user, make_topic, frozen) -> None:
    m = _confirmed(user, make_topic, frozen)
    rows = {a["name"]: a for a in client_as("governor").get(f"/api/meetings/{m.pk}").json()["actions"]}
    assert list(rows) == list(selectors.MEETING_ACTS)
    assert rows["cancel"]["allowed"] is True
    assert rows["confirm"]["allowed"] is False
    assert rows["confirm"]["code"] == "meetings.agenda.empty"  # its topics are confirmed already
    assert rows["confirm"]["explanation"].endswith("（《工作规则》第四十条）")


def test_the_api_lists_the_callers_actions_on_each_invitation_topic_and_paper(
    client_as, user, make_topic, frozen
) -> None:
    """Each record inside a meeting's API detail lists what the caller may do on it, as its page does."""
    from zhengwu.meetings.models import Invitation, Paper, Topic

    m = _confirmed(user, make_topic, frozen)
    for username in ("governor", "vice_liu", "clerk_huiwu"):
        body = client_as(username).get(f"/api/meetings/{m.pk}").json()
        for row in body["invitations"]:
            expected = selectors.available_actions(user(username), Invitation.objects.get(pk=row["id"]))
            assert {a["name"]: a["allowed"] for a in row["actions"]} == {n: d.allowed for n, d in expected.items()}
        for row in body["topics"]:
            expected = selectors.available_actions(user(username), Topic.objects.get(pk=row["id"]))
            assert {a["name"]: a["allowed"] for a in row["actions"]} == {n: d.allowed for n, d in expected.items()}
            for paper in row["papers"]:
                expected = selectors.available_actions(user(username), Paper.objects.get(pk=paper["id"]))
                assert {a["name"]: a["allowed"] for a in paper["actions"]} == {
                    n: d.allowed for n, d in expected.items()
                }
    governor = client_as("governor").get(f"/api/meetings/{m.pk}").json()
    leave = [a for row in governor["invitations"] for a in row["actions"] if a["name"] == "decide" and a["allowed"]]
    assert leave  # vice_liu's request for leave waits for the 州长
    assert client_as("governor").get("/api/meetings/topics").json()[0]["actions"] == []  # none in a listing
