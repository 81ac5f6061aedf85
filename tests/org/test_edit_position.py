"""The administrator renames a position; its kind changes only while nobody has held it (art. 4)."""

from __future__ import annotations

import pytest

from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.org.admin_actions import create_position, edit_position
from zhengwu.org.models import Position, Unit


@pytest.mark.article(4)
def test_administrator_renames_a_held_position(user) -> None:
    position = Position.objects.get(appointments__person__user__username="fgw_clerk")
    edit_position(user("admin"), position, position.kind, "综合科科员", "文电")
    position.refresh_from_db()
    assert position.title == "综合科科员"
    record = AuditRecord.objects.get(action="org.position.edit", object_id=str(position.pk))
    assert record.details["changed"]["title"] == ["办公室科员", "综合科科员"]


@pytest.mark.article(4)
def test_a_non_administrator_is_refused(user) -> None:
    position = Position.objects.get(appointments__person__user__username="fgw_clerk")
    with pytest.raises(Refused):
        edit_position(user("fgw_head"), position, position.kind, "综合科科员")
    position.refresh_from_db()
    assert position.title == "办公室科员"


def test_the_kind_of_a_held_position_is_fixed(user) -> None:
    position = Position.objects.get(appointments__person__user__username="fgw_clerk")
    with pytest.raises(InvalidInput) as invalid:
        edit_position(user("admin"), position, "unit_deputy", position.title)
    assert invalid.value.field == "kind"


def test_the_kind_of_a_new_position_may_change(user) -> None:
    position = create_position(user("admin"), Unit.objects.get(code="fgw"), "clerk", "科员")
    edit_position(user("admin"), position, "unit_deputy", "副主任")
    position.refresh_from_db()
    assert (position.kind, position.title) == ("unit_deputy", "副主任")
