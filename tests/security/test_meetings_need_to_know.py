"""Meeting topics and papers by need to know (art. 40): the requesting unit, its 分管 leader, the
office, the 州长, and the attendees once papers are distributed.  A paper one may not read is 404,
exactly as one that does not exist; the topics list shows only what the caller may see."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.meetings.conftest import confirmed, executive, frozen, make_topic
from zhengwu.meetings import actions
from zhengwu.meetings.models import Paper

__all__ = ["confirmed", "executive", "frozen", "make_topic"]

pytestmark = pytest.mark.article(40)


def _paper(user, meeting) -> Paper:
    topic = meeting.topics.get()
    return actions.add_paper(
        user("jyj_head"), topic, "汇报材料", SimpleUploadedFile("a.pdf", "%PDF-1.7 材料正文".encode())
    )


def test_a_paper_is_404_to_those_without_need_to_know(user, confirmed, client_as) -> None:
    paper = _paper(user, confirmed)
    url = f"/meetings/papers/{paper.pk}/"
    for name in ("czj_head", "fgw_clerk", "admin"):
        assert client_as(name).get(url).status_code == 404, name
    assert client_as("czj_head").get(f"/meetings/papers/{paper.pk + 1000}/").status_code == 404
    for name in ("jyj_head", "vice_ayigul", "clerk_huiwu", "governor"):  # the unit, its 分管 leader, the office
        assert client_as(name).get(url).status_code == 200, name


def test_attendees_read_papers_once_distributed(user, confirmed, client_as) -> None:
    paper = _paper(user, confirmed)
    url = f"/meetings/papers/{paper.pk}/"
    attendee = confirmed.invitations.exclude(person__user__username__in=["governor", "vice_ayigul"]).filter(
        person__user__isnull=False
    )
    names = [i.person.user.username for i in attendee.select_related("person__user")]
    outsider = next(n for n in names if n not in {"jyj_head", "exec_vice", "secretary_general"}) if names else None
    actions.check_paper(user("clerk_huiwu"), paper)
    actions.approve_print(user("governor"), paper)
    if outsider is not None:
        assert client_as(outsider).get(url).status_code == 404
    actions.distribute_papers(user("clerk_huiwu"), confirmed)
    if outsider is not None:
        assert client_as(outsider).get(url).status_code == 200
    assert client_as("czj_head").get(url).status_code == 404 or "czj_head" in names


def test_the_topics_list_shows_only_what_the_caller_may_see(user, confirmed, client_as) -> None:
    title = confirmed.topics.get().title
    assert title in [t["title"] for t in client_as("jyj_head").get("/api/meetings/topics").json()]
    assert title in [t["title"] for t in client_as("clerk_huiwu").get("/api/meetings/topics").json()]
    assert title not in [t["title"] for t in client_as("fgw_clerk").get("/api/meetings/topics").json()]
    assert client_as("admin").get("/api/meetings/topics").json() == []
