"""The administrator sets up a position in a unit (arts. 4, 8)."""

from __future__ import annotations

import pytest

from tests.org.conftest import org_counts
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.org.admin_actions import create_position
from zhengwu.org.models import Unit


@pytest.mark.article(4)
def test_administrator_creates_a_position(user) -> None:
    position = create_position(user("admin"), Unit.objects.get(code="czj"), "unit_deputy", "副局长", "预算")
    assert (position.unit.code, position.kind, position.title, position.duties) == (
        "czj",
        "unit_deputy",
        "副局长",
        "预算",
    )
    record = AuditRecord.objects.get(action="org.position.create", object_id=str(position.pk))
    assert record.summary == "新设职务：克孜勒苏柯尔克孜自治州财政局副局长"
    assert record.article == 4


@pytest.mark.article(4)
@pytest.mark.parametrize("username", ["office_director", "czj_head"])
def test_others_are_refused(user, username) -> None:
    before = org_counts()
    with pytest.raises(Refused) as refused:
        create_position(user(username), Unit.objects.get(code="czj"), "unit_deputy", "副局长")
    assert refused.value.explanations[0].endswith("（《工作规则》第四条）")
    assert org_counts() == before


@pytest.mark.article(4)
def test_a_vice_governor_position_belongs_to_the_government(user) -> None:
    before = org_counts()
    with pytest.raises(Refused) as refused:
        create_position(user("admin"), Unit.objects.get(code="czj"), "vice_governor", "副州长")
    assert "只能设在人民政府" in refused.value.explanations[0]
    assert org_counts() == before
    assert create_position(user("admin"), Unit.objects.get(code="gov"), "vice_governor", "副州长").pk


@pytest.mark.parametrize(
    ("code", "kind", "title", "field"),
    [
        ("czj", "minister", "部长", "kind"),
        ("czj", "clerk", " ", "title"),
        ("xj-gov", "clerk", "科员", "unit"),
    ],
)
def test_bad_input_names_the_field(user, code, kind, title, field) -> None:
    before = org_counts()
    with pytest.raises(InvalidInput) as invalid:
        create_position(user("admin"), Unit.objects.get(code=code), kind, title)
    assert invalid.value.field == field
    assert org_counts() == before
