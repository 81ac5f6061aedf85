"""Notices: the caller's own, unread first filter, marking read."""

from __future__ import annotations

import pytest

from zhengwu.notices.models import Notice


@pytest.fixture
def reported(api_as, june_2026):
    """vice_liu reports an absence: the 州长 is told (art. 58)."""
    return (
        api_as("vice_liu")
        .post(
            "/absences",
            {
                "start": "2026-06-10",
                "end": "2026-06-12",
                "destination": "喀什",
                "purpose": "trip",
            },
        )
        .json()
    )


@pytest.mark.article(58)
def test_the_governor_is_notified_and_marks_it_read(api_as, reported):
    api = api_as("governor")
    unread = api.get("/notices", unread="true").json()
    assert unread["unread"] >= 1
    notice = next(n for n in unread["items"] if f"/absences/{reported['id']}/" in n["url"])
    assert notice["citation"] == "《工作规则》第五十八条"
    assert "刘振东" in notice["title"]

    read = api.post(f"/notices/{notice['id']}/read")
    assert read.status_code == 200
    assert read.json()["read_at"] is not None
    again = api.get("/notices", unread="true").json()
    assert notice["id"] not in [n["id"] for n in again["items"]]
    assert again["unread"] == unread["unread"] - 1
    assert notice["id"] in [n["id"] for n in api.get("/notices").json()["items"]]


def test_someone_elses_notice_is_404(api_as, reported):
    notice = Notice.objects.filter(recipient__username="governor").first()
    assert notice is not None
    response = api_as("fgw_clerk").post(f"/notices/{notice.pk}/read")
    assert response.status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_paging(api_as, reported):
    body = api_as("governor").get("/notices", limit=1).json()
    assert len(body["items"]) == 1
    assert api_as("governor").get("/notices", limit=0).status_code == 422
