"""``available_actions`` and the actions agree on the topics board and the prefecture-wide requests
(issue 14): for every act on a topic (review, step, paper, drop) and on a prefecture-wide meeting
request (consent, submit, decide), in each state, for people on both sides of each rule, the act is
offered exactly when its action does not refuse (tried in a rolled-back savepoint)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from tests.meetings.conftest import MEETING_DAY, unit
from tests.meetings.test_available_actions import refuses
from zhengwu.meetings import actions, rules, selectors
from zhengwu.meetings.models import PrefectureMeetingRequest, Topic

pytestmark = pytest.mark.usefixtures("frozen")

PEOPLE = ["clerk_huiwu", "governor", "exec_vice", "vice_liu", "vice_ayigul", "jyj_head", "fgw_head", "sfj_head"]


def _step(t: Topic) -> str:
    needed = rules.required_steps(t.major_decision, t.public_interest, t.market_activity)
    return needed[0] if needed else "legal_review"


TOPIC_CALLS: dict[str, Callable[[Any, Topic], Any]] = {
    "review": lambda u, t: actions.review_topic(u, t, "已协调一致。", True),
    "step": lambda u, t: actions.record_step(u, t, _step(t), "审查意见书。"),
    "paper": lambda u, t: actions.add_paper(u, t, "材料", SimpleUploadedFile("a.pdf", "%PDF-1.7 正文".encode())),
    "drop": lambda u, t: actions.drop_topic(u, t, "暂缓。"),
}
WIDE_CALLS: dict[str, Callable[[Any, PrefectureMeetingRequest], Any]] = {
    "consent": lambda u, r: actions.consent_request(u, r),
    "submit": lambda u, r: actions.submit_request(u, r),
    "decide": lambda u, r: actions.decide_request(u, r, False),
}
CALLS: dict[type, dict[str, Callable[[Any, Any], Any]]] = {Topic: TOPIC_CALLS, PrefectureMeetingRequest: WIDE_CALLS}


def disagreements(user, records: list[Any]) -> list[tuple[str, int, str, str, str, str]]:
    out = []
    for record in records:
        model = type(record)
        for username in PEOPLE:
            actor = user(username)
            offered = selectors.available_actions(actor, model.objects.get(pk=record.pk))
            assert set(CALLS[model]) == set(offered)
            for name, call in CALLS[model].items():
                refused = refuses(call, actor, model, record.pk)
                if offered[name].allowed == refused:
                    verdict = "refused" if refused else "done"
                    out.append((model.__name__, record.pk, username, name, offered[name].explanation, verdict))
    return out


def _topics(user, make_topic) -> list[Any]:
    """A topic requested, one reviewed, one needing the major-decision steps, one on an agenda."""
    requested = make_topic("jyj")
    reviewed = make_topic("fgw", reviewed=True)
    major = make_topic("sfj", major_decision=True, title="重大决策议题")
    m = actions.create_meeting(user("clerk_huiwu"), kind="executive", title="常务会议", date=MEETING_DAY)
    collected = make_topic("wsb", reviewed=True, title="上会议题")
    actions.collect_topic(user("clerk_huiwu"), collected, m)
    return [requested, reviewed, major, collected]


def _request(user, **kw: Any) -> PrefectureMeetingRequest:
    return actions.create_request(
        user("fgw_head"), unit=unit("fgw"), title="全州会议", date=dt.date(2026, 12, 15), venue="会堂", **kw
    )


def _wide(user, make_topic) -> list[Any]:
    """A request in each state: draft, consented, submitted, approved."""
    draft = _request(user)
    consented = _request(user, exception_reason="年度重点工作部署。")  # beyond the yearly quota
    actions.consent_request(user("vice_liu"), consented)
    submitted = _request(user)
    actions.consent_request(user("vice_liu"), submitted)
    actions.submit_request(user("fgw_head"), submitted)
    approved = _request(user)
    actions.consent_request(user("vice_liu"), approved)
    actions.submit_request(user("fgw_head"), approved)
    actions.decide_request(user("governor"), approved, True)
    return [draft, consented, submitted, approved]


STATES: dict[str, Callable[..., list[Any]]] = {"topics": _topics, "wide": _wide}


@pytest.mark.parametrize("state", list(STATES))
def test_each_act_is_offered_exactly_when_the_action_does_it(user, make_topic, state) -> None:
    assert disagreements(user, STATES[state](user, make_topic)) == []


def test_every_act_is_allowed_to_someone_somewhere(user, make_topic) -> None:
    allowed: set[tuple[str, str]] = set()
    for build in STATES.values():
        with transaction.atomic():
            for record in build(user, make_topic):
                for username in PEOPLE:
                    allowed |= {
                        (type(record).__name__, n)
                        for n, d in selectors.available_actions(user(username), record).items()
                        if d.allowed
                    }
            transaction.set_rollback(True)
    expected = {(model.__name__, n) for model, calls in CALLS.items() for n in calls}
    assert expected - allowed == set()


def test_the_pages_offer_what_the_actions_allow(client, user, make_topic) -> None:
    requested, reviewed, *_rest = _topics(user, make_topic)
    client.force_login(user("vice_ayigul"))  # jyj's 分管 leader
    page = client.get("/meetings/topics/").content.decode()
    assert f"/meetings/topics/{requested.pk}/review/" in page
    assert f"/meetings/topics/{reviewed.pk}/review/" not in page  # fgw is vice_liu's
    draft = _request(user)
    client.force_login(user("fgw_head"))
    page = client.get("/meetings/wide/").content.decode()
    assert f"/meetings/wide/{draft.pk}/consent/" not in page  # the 分管 leader consents, not the unit
    client.force_login(user("vice_liu"))
    assert f"/meetings/wide/{draft.pk}/consent/" in client.get("/meetings/wide/").content.decode()
