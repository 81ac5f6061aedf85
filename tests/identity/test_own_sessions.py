"""Each user sees their own sessions (started, last seen, client address, browser) on a page and
through the API, and signs out the others; nobody sees another's."""

from __future__ import annotations

from tests.api.conftest import Api
from tests.identity.conftest import sign_in
from zhengwu.audit.models import AuditRecord
from zhengwu.identity.models import SessionRecord

PROXY = "10.0.0.1"


def test_the_page_lists_own_sessions_and_signs_out_the_others(settings, db) -> None:
    settings.ZHENGWU_TRUSTED_PROXIES = [PROXY]
    office = sign_in("fgw_clerk", "zhengwu-demo", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.20")
    phone = sign_in("fgw_clerk", "zhengwu-demo", REMOTE_ADDR="198.51.100.30", HTTP_USER_AGENT="PhoneBrowser/1.0")
    someone_else = sign_in("vice_liu", "zhengwu-demo")
    page = office.get("/account/sessions/").content.decode()
    assert "198.51.100.20" in page  # the client behind the proxy, not the proxy
    assert "198.51.100.30" in page
    assert "PhoneBrowser/1.0" in page
    assert "本次会话" in page
    assert page.count("<tr>") == 3  # the header and two sessions: not vice_liu's
    assert office.post("/account/sessions/").status_code == 302
    assert office.get("/").status_code == 200  # this one stays
    assert phone.get("/").status_code == 302  # the other is signed out
    assert someone_else.get("/").status_code == 200
    assert SessionRecord.objects.get(user__username="fgw_clerk", ip_address="198.51.100.30").end_reason == "signed_out"
    record = AuditRecord.objects.get(action="identity.sessions.end_others")
    assert record.details["sessions_ended"] == 1


def test_the_api_lists_and_ends_the_others(db) -> None:
    api = Api(sign_in("clerk_wendian", "zhengwu-demo"))
    other = Api(sign_in("clerk_wendian", "zhengwu-demo"))
    listed = api.get("/account/sessions").json()
    assert len(listed) == 2
    assert [s["current"] for s in listed].count(True) == 1
    assert {"started_at", "last_seen_at", "ip_address", "user_agent"} <= set(listed[0])
    ended = api.post("/account/sessions/end-others")
    assert ended.status_code == 200
    assert ended.json()["sessions_ended"] == 1
    assert other.get("/me").status_code == 401
    assert len(api.get("/account/sessions").json()) == 1


def test_logging_out_ends_the_record(db) -> None:
    c = sign_in("governor", "zhengwu-demo")
    c.post("/logout/")
    assert SessionRecord.objects.get(user__username="governor").end_reason == "logout"
