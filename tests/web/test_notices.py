"""通知: mine, newest first; mark read (htmx); mark all read."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.notices.models import Notice

pytestmark = pytest.mark.django_db


def _notice(user, title: str, minutes: int) -> Notice:
    at = dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC) + dt.timedelta(minutes=minutes)
    return Notice.objects.create(recipient=user, title=title, body="正文", created_at=at)


def test_my_notices_newest_first_and_not_others(client_as, user):
    _notice(user("clerk_wendian"), "较早的通知", 1)
    _notice(user("clerk_wendian"), "较新的通知", 2)
    _notice(user("fgw_clerk"), "别人的通知", 3)
    body = client_as("clerk_wendian").get("/notices/").content.decode()
    assert body.index("较新的通知") < body.index("较早的通知")
    assert "别人的通知" not in body


def test_mark_read_htmx_and_not_someone_elses(client_as, user):
    mine = _notice(user("clerk_wendian"), "我的通知", 1)
    theirs = _notice(user("fgw_clerk"), "别人的通知", 2)
    c = client_as("clerk_wendian")
    response = c.post(f"/notices/{mine.pk}/read/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "已读" in response.content.decode()
    assert c.post(f"/notices/{theirs.pk}/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_read_without_htmx_redirects_only_locally(client_as, user):
    mine = _notice(user("clerk_wendian"), "我的通知", 1)
    response = client_as("clerk_wendian").post(f"/notices/{mine.pk}/read/", {"next": "https://evil.example/"})
    assert response["Location"] == "/notices/"


def test_mark_all_read(client_as, user):
    for i in range(3):
        _notice(user("clerk_wendian"), f"通知{i}", i)
    c = client_as("clerk_wendian")
    assert c.post("/notices/read-all/").status_code == 302
    assert not Notice.objects.filter(recipient=user("clerk_wendian"), read_at__isnull=True).exists()
    assert "全部标为已读" not in c.get("/notices/").content.decode()
