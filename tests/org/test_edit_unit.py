"""The administrator changes a unit's name, 机关代字, organization code, parent (art. 4)."""

from __future__ import annotations

import pytest

from tests.org.conftest import org_counts
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.org.admin_actions import UnitFields, edit_unit
from zhengwu.org.models import Unit


def _fields(unit: Unit, **changes) -> UnitFields:
    values = {
        "name": unit.name,
        "kind": unit.kind,
        "short_name": unit.short_name,
        "parent": unit.parent,
        "is_component": unit.is_component,
        "doc_prefix": unit.doc_prefix,
        "org_code": unit.org_code,
        "functions": list(unit.functions),
    }
    values.update(changes)
    return UnitFields(**values)


@pytest.mark.article(4)
def test_administrator_renames_a_unit_and_the_change_is_audited(user) -> None:
    unit = Unit.objects.get(code="czj")
    edit_unit(user("admin"), unit, _fields(unit, short_name="州财政", functions=["legal_review"]))
    unit.refresh_from_db()
    assert unit.short_name == "州财政"
    assert unit.functions == ["legal_review"]
    record = AuditRecord.objects.get(action="org.unit.edit", object_id=str(unit.pk))
    assert record.details["changed"]["short_name"] == ["州财政局", "州财政"]
    assert record.article == 4


@pytest.mark.article(4)
def test_a_non_administrator_is_refused(user) -> None:
    unit = Unit.objects.get(code="czj")
    before = org_counts()
    with pytest.raises(Refused):
        edit_unit(user("czj_head"), unit, _fields(unit, short_name="州财政"))
    assert org_counts() == before
    unit.refresh_from_db()
    assert unit.short_name == "州财政局"


def test_a_unit_cannot_be_its_own_ancestor(user) -> None:
    gov = Unit.objects.get(code="gov")
    with pytest.raises(InvalidInput) as invalid:
        edit_unit(user("admin"), gov, _fields(gov, parent=Unit.objects.get(code="fgw")))
    assert invalid.value.field == "parent"


def test_a_wrong_check_character_is_refused(user) -> None:
    unit = Unit.objects.get(code="czj")
    with pytest.raises(InvalidInput) as invalid:
        edit_unit(user("admin"), unit, _fields(unit, org_code="010478417"))
    assert invalid.value.field == "org_code"
    assert "应为“1”" in invalid.value.message


def test_nothing_to_change_says_so(user) -> None:
    unit = Unit.objects.get(code="czj")
    with pytest.raises(InvalidInput, match="没有需要保存的修改"):
        edit_unit(user("admin"), unit, _fields(unit))
