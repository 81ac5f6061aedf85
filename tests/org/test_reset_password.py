"""The administrator resets an account's password; the new one is shown once (art. 4)."""

from __future__ import annotations

import pytest

from tests.org.conftest import signs_in
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Refused
from zhengwu.org.admin_actions import reset_password


@pytest.mark.article(4)
def test_administrator_resets_a_password(user, person) -> None:
    result = reset_password(user("admin"), person("fgw_clerk"))
    assert result.generated
    assert signs_in("fgw_clerk", result.password)
    assert not signs_in("fgw_clerk", "zhengwu-demo")
    record = AuditRecord.objects.get(action="org.account.password", object_id=str(person("fgw_clerk").pk))
    assert result.password not in record.summary + str(record.details)


@pytest.mark.article(4)
def test_office_director_may_not(user, person) -> None:
    with pytest.raises(Refused):
        reset_password(user("office_director"), person("fgw_clerk"), "Another-Secret-2026")
    assert signs_in("fgw_clerk", "zhengwu-demo")
