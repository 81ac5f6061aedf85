"""The administrator corrects a person's name (art. 4)."""

from __future__ import annotations

import pytest

from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.org.admin_actions import edit_person


@pytest.mark.article(4)
def test_administrator_corrects_a_name(user, person) -> None:
    clerk = person("fgw_clerk")
    edit_person(user("admin"), clerk, "孙磊磊")
    clerk.refresh_from_db()
    assert clerk.name == "孙磊磊"
    record = AuditRecord.objects.get(action="org.person.edit", object_id=str(clerk.pk))
    assert record.summary == "修改人员姓名：孙磊 → 孙磊磊"


@pytest.mark.article(4)
def test_the_person_himself_may_not(user, person) -> None:
    with pytest.raises(Refused):
        edit_person(user("fgw_clerk"), person("fgw_clerk"), "孙磊磊")


def test_an_empty_name_is_bad_input(user, person) -> None:
    with pytest.raises(InvalidInput) as invalid:
        edit_person(user("admin"), person("fgw_clerk"), " ")
    assert invalid.value.field == "name"
