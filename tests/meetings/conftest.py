"""Helpers for the meetings tests: frozen time (Tuesday 2026-11-03), an executive meeting on Thursday
2026-11-12 planned by the office's 会务 clerk, topics requested by departments, absences of leaders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine

from zhengwu.meetings import actions
from zhengwu.meetings.models import Meeting, Topic
from zhengwu.org.models import Absence, AbsencePurpose, Appointment, Person, Unit

NOW = "2026-11-03 09:00 +0800"  # a Tuesday
MEETING_DAY = dt.date(2026, 11, 12)  # a Thursday
D = dt.date


@pytest.fixture
def frozen() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW) as traveller:
        yield traveller


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def person(username: str) -> Person:
    return Person.objects.get(user__username=username)


def away(username: str, start: dt.date, end: dt.date) -> Absence:
    p = person(username)
    position = Appointment.objects.filter(person=p).first().position  # type: ignore[union-attr]
    return Absence.objects.create(
        person=p,
        position=position,
        start=start,
        end=end,
        destination="乌鲁木齐",
        purpose=AbsencePurpose.TRIP,
        reported_by=p.user,
        reported_at=dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC),
    )


@pytest.fixture
def executive(user, frozen) -> Meeting:
    return actions.create_meeting(
        user("clerk_huiwu"), kind="executive", title="州人民政府第十三次常务会议", date=MEETING_DAY, place="第一会议室"
    )


@pytest.fixture
def make_topic(user, frozen) -> Callable[..., Topic]:
    """``make_topic("jyj", reviewed=True, **flags)`` → a topic requested by that unit's head."""

    def make(code: str = "jyj", reviewed: bool = False, coordination_done: bool = True, **kw: Any) -> Topic:
        kw.setdefault("title", f"关于{unit(code).short_name}有关事项的议题")
        topic = actions.request_topic(user(f"{code}_head"), unit=unit(code), summary="书面申请。", **kw)
        if reviewed:
            leader = {
                "fgw": "vice_liu",
                "zrzyj": "vice_liu",
                "jyj": "vice_ayigul",
                "wsb": "vice_ayigul",
                "xfj": "vice_ayigul",
                "czj": "exec_vice",
                "sfj": "exec_vice",
            }[code]
            topic = actions.review_topic(user(leader), topic, "已协调一致。", coordination_done)
        return topic

    return make


@pytest.fixture
def confirmed(user, executive, make_topic) -> Meeting:
    """The executive meeting with jyj's topic collected and the agenda confirmed by the 州长."""
    topic = make_topic("jyj", reviewed=True)
    actions.collect_topic(user("clerk_huiwu"), topic, executive)
    return actions.confirm_agenda(user("governor"), executive)


@pytest.fixture
def held(user, confirmed, frozen) -> Meeting:
    frozen.move_to("2026-11-12 15:00 +0800")
    return actions.hold(user("clerk_huiwu"), confirmed)
