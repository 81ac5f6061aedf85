"""Sessions end (and are shown ended) when the account is deactivated, when its password is
changed (all but the one that changed it) and when an administrator resets it."""

from __future__ import annotations

import pytest

from tests.api.conftest import Api
from tests.identity.conftest import sign_in
from zhengwu.audit.models import AuditRecord
from zhengwu.identity.actions import reset_password
from zhengwu.identity.models import SessionRecord
from zhengwu.org.admin_actions import deactivate_account

NEW = "Kizilsu-2026-plan"


@pytest.mark.article(4)
def test_deactivation_ends_every_session(user, person) -> None:
    first, second = sign_in("fgw_clerk", "zhengwu-demo"), sign_in("fgw_clerk", "zhengwu-demo")
    deactivate_account(user("admin"), person("fgw_clerk"))
    assert first.get("/").status_code == 302
    assert second.get("/").status_code == 302
    records = SessionRecord.objects.filter(user__username="fgw_clerk")
    assert {r.end_reason for r in records} == {"deactivate"}
    audit = AuditRecord.objects.get(action="org.account.deactivate", object_id=str(person("fgw_clerk").pk))
    assert audit.details["ended"]["sessions"] == 2


def test_a_password_change_ends_the_other_sessions(db) -> None:
    changing, other = sign_in("vice_liu", "zhengwu-demo"), sign_in("vice_liu", "zhengwu-demo")
    api = Api(changing)
    done = api.post("/account/password", {"old_password": "zhengwu-demo", "new_password": NEW, "new_password2": NEW})
    assert done.status_code == 200
    assert other.get("/").status_code == 302
    assert changing.get("/").status_code == 200
    assert len(api.get("/account/sessions").json()) == 1  # its record follows the new session key
    assert SessionRecord.objects.filter(user__username="vice_liu", end_reason="password").count() == 1


def test_a_reset_ends_every_session(user, person) -> None:
    session = sign_in("clerk_wendian", "zhengwu-demo")
    reset_password(user("security_admin"), person("clerk_wendian"))
    assert session.get("/").status_code == 302
    assert SessionRecord.objects.get(user__username="clerk_wendian").end_reason == "reset"
