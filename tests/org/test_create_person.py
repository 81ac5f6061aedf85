"""The administrator adds a person with a login account; the password is shown once (art. 4)."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model

from tests.org.conftest import org_counts, signs_in
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.org.admin_actions import create_person


@pytest.mark.article(4)
def test_administrator_adds_a_person_with_a_given_password(user, settings) -> None:
    from zhengwu import settings as application

    settings.PASSWORD_HASHERS = application.PASSWORD_HASHERS
    result = create_person(user("admin"), "张三", "tjj_head", "Kizilsu-2026-tjj")
    assert not result.generated
    account = get_user_model().objects.get(username="tjj_head")
    assert account.password.startswith("argon2")
    assert account.check_password("Kizilsu-2026-tjj")
    assert result.person.name == "张三"
    assert result.person.user == account
    assert not result.person.is_demo
    record = AuditRecord.objects.get(action="org.person.create", object_id=str(result.person.pk))
    assert "Kizilsu-2026-tjj" not in json.dumps(record.details, ensure_ascii=False) + record.summary
    assert record.details["password"] == "given"
    assert signs_in("tjj_head", "Kizilsu-2026-tjj")


@pytest.mark.article(4)
def test_a_generated_password_is_returned_once_and_works(user) -> None:
    result = create_person(user("admin"), "李四", "tjj_clerk")
    assert result.generated
    assert len(result.password) == 14
    assert signs_in("tjj_clerk", result.password)
    record = AuditRecord.objects.get(action="org.person.create", object_id=str(result.person.pk))
    assert result.password not in json.dumps(record.details) + record.summary


@pytest.mark.article(4)
@pytest.mark.parametrize("username", ["office_director", "clerk_wendian"])
def test_others_are_refused(user, username) -> None:
    before = org_counts()
    with pytest.raises(Refused):
        create_person(user(username), "张三", "tjj_head")
    assert org_counts() == before


@pytest.mark.parametrize(
    ("name", "username", "password", "field", "says"),
    [
        ("", "tjj_head", None, "name", "请填写姓名"),
        ("张三", "", None, "username", "请填写登录账号"),
        ("张三", "FGW_HEAD", None, "username", "已被使用"),
        ("张三", "tjj head", None, "username", "只能包含"),
        ("张三", "tjj_head", "123", "password", "密码不符合要求"),
    ],
)
def test_bad_input_names_the_field_and_creates_nothing(user, name, username, password, field, says) -> None:
    before = org_counts()
    with pytest.raises(InvalidInput) as invalid:
        create_person(user("admin"), name, username, password)
    assert invalid.value.field == field
    assert says in invalid.value.message
    assert org_counts() == before
