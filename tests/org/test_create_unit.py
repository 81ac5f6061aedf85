"""The administrator sets up a unit (art. 4): the other side of the line is refused with its article."""

from __future__ import annotations

import pytest

from tests.org.conftest import org_counts
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.org.admin_actions import UnitFields, create_unit
from zhengwu.org.models import Unit


def _fields(**extra) -> UnitFields:
    values = {
        "name": "克孜勒苏柯尔克孜自治州统计局",
        "kind": "department",
        "short_name": "州统计局",
        "parent": Unit.objects.get(code="gov"),
        "is_component": True,
        "doc_prefix": "克统",
        "org_code": "010478518",
        "functions": [],
    }
    values.update(extra)
    return UnitFields(**values)


@pytest.mark.article(4)
def test_administrator_creates_a_unit(user) -> None:
    unit = create_unit(user("admin"), "tjj", _fields())
    assert (unit.name, unit.short_name, unit.kind, unit.parent.code) == (
        "克孜勒苏柯尔克孜自治州统计局",
        "州统计局",
        "department",
        "gov",
    )
    assert (unit.doc_prefix, unit.org_code, unit.is_component) == ("克统", "010478518", True)
    assert unit.sort_order == max(Unit.objects.exclude(pk=unit.pk).values_list("sort_order", flat=True)) + 1
    record = AuditRecord.objects.get(action="org.unit.create", object_id=str(unit.pk))
    assert record.article == 4
    assert record.actor_name == "高志远"
    assert record.actor_position.endswith("办公室系统管理员")
    assert record.details["org_code"] == "010478518"


@pytest.mark.article(4)
@pytest.mark.parametrize("username", ["office_director", "clerk_wendian"])
def test_others_are_refused_with_the_article(user, username) -> None:
    before = org_counts()
    with pytest.raises(Refused) as refused:
        create_unit(user(username), "tjj", _fields())
    assert refused.value.explanations == [
        "组织机构（单位、职务、人员和账号、任职、分管）由系统管理员维护，您无权修改（《工作规则》第四条）"
    ]
    assert org_counts() == before


@pytest.mark.parametrize(
    ("code", "extra", "field", "says"),
    [
        ("tjj", {"org_code": "01047851X"}, "org_code", "第9位应为“8”"),
        ("tjj", {"org_code": "010478403"}, "org_code", "已由克孜勒苏柯尔克孜自治州发展和改革委员会使用"),
        ("tjj", {"doc_prefix": "克发改"}, "doc_prefix", "机关代字“克发改”已由"),
        ("tjj", {"name": "  "}, "name", "请填写单位名称"),
        ("tjj", {"kind": "ministry"}, "kind", "请选择单位类别"),
        ("tjj", {"kind": "office"}, "kind", "只能有一个"),
        ("tjj", {"functions": ["audit"]}, "functions", "无法识别的职能“audit”"),
        ("fgw", {}, "code", "单位代码“fgw”已被使用"),
        ("统计局", {}, "code", "单位代码应为"),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(user, code, extra, field, says) -> None:
    before = org_counts()
    with pytest.raises(InvalidInput) as invalid:
        create_unit(user("admin"), code, _fields(**extra))
    assert invalid.value.field == field
    assert says in invalid.value.message
    assert org_counts() == before


def test_a_credit_code_is_accepted_and_lower_case_is_normalised(user) -> None:
    unit = create_unit(user("admin"), "tjj", _fields(org_code="12653000010478510l"))
    assert unit.org_code == "12653000010478510L"


def test_the_command_line_operator_is_recorded_as_the_system(db) -> None:
    unit = create_unit(None, "tjj", _fields())
    record = AuditRecord.objects.get(action="org.unit.create", object_id=str(unit.pk))
    assert record.actor_id is None
    assert record.actor_name == "系统（命令行）"
