"""The administrator deactivates (and reactivates) an account (art. 4)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.org.conftest import org_counts, signs_in
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.org.admin_actions import activate_account, deactivate_account
from zhengwu.org.models import Appointment
from zhengwu.tokens.services import create_token


@pytest.mark.article(4)
def test_a_deactivated_account_cannot_sign_in_nor_use_its_session_or_token(user, person, client_as) -> None:
    clerk = person("fgw_clerk")
    session = client_as("fgw_clerk")
    token = create_token(user("fgw_clerk"), "测试")
    deactivate_account(user("admin"), clerk)
    clerk.user.refresh_from_db()
    assert not clerk.user.is_active
    assert not signs_in("fgw_clerk", "zhengwu-demo")
    assert session.get("/").status_code == 302  # back to the login page
    api = Client().get("/api/me", headers={"Authorization": f"Bearer {token.secret}"})
    assert api.status_code == 401
    assert Appointment.objects.filter(person=clerk, end__isnull=True).exists()  # appointments are kept
    assert AuditRecord.objects.filter(action="org.account.deactivate", object_id=str(clerk.pk)).exists()
    activate_account(user("admin"), clerk)
    assert signs_in("fgw_clerk", "zhengwu-demo")


@pytest.mark.article(4)
def test_a_non_administrator_is_refused(user, person) -> None:
    before = org_counts()
    with pytest.raises(Refused):
        deactivate_account(user("office_director"), person("fgw_clerk"))
    assert org_counts() == before
    assert signs_in("fgw_clerk", "zhengwu-demo")


def test_the_administrator_cannot_lock_himself_out(user, person) -> None:
    with pytest.raises(InvalidInput) as invalid:
        deactivate_account(user("admin"), person("admin"))
    assert invalid.value.field == "active"


def test_deactivating_twice_says_so(user, person) -> None:
    deactivate_account(user("admin"), person("fgw_clerk"))
    with pytest.raises(InvalidInput, match="已停用"):
        deactivate_account(user("admin"), person("fgw_clerk"))
