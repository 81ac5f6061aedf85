"""工作规则 (art. 68): the rulebook in force, an article, versions, parameters."""

from __future__ import annotations

import pytest

from zhengwu.rulebook.models import Parameter
from zhengwu.rulebook.services import version_in_force

pytestmark = pytest.mark.django_db


@pytest.mark.article(68)
def test_rulebook_page_lists_every_article_with_kind_and_tests(client_as, django_assert_max_num_queries):
    c = client_as("clerk_wendian")
    with django_assert_max_num_queries(12):
        response = c.get("/rules/")
    body = response.content.decode()
    assert "克孜勒苏柯尔克孜自治州人民政府工作规则" in body
    assert "第五十八条" in body
    assert "第六十八条" in body
    assert "E 系统强制" in body
    assert "R 系统记录" in body
    assert "I 仅供查阅" in body
    assert "项测试" in body


@pytest.mark.article(68)
def test_article_page(client_as):
    body = client_as("clerk_wendian").get("/rules/articles/58/").content.decode()
    assert "第五十八条" in body
    assert "系统强制" in body
    assert "tests/web/test_absences.py::test_vice_governor_reports_own_absence" in body


@pytest.mark.article(68)
def test_article_page_lists_its_parameters(client_as):
    parameter = Parameter.objects.filter(version=version_in_force()).first()
    assert parameter is not None
    body = client_as("clerk_wendian").get(f"/rules/articles/{parameter.article}/").content.decode()
    assert parameter.key in body


def test_unknown_article_is_404(client_as):
    assert client_as("clerk_wendian").get("/rules/articles/999/").status_code == 404


@pytest.mark.article(68)
def test_versions_page(client_as):
    body = client_as("clerk_wendian").get("/rules/versions/").content.decode()
    assert "施行中" in body
    assert "2023-11-13" in body
    assert "克政发〔2023〕43号" in body


def _numeric_parameter() -> Parameter:
    return next(p for p in Parameter.objects.filter(version=version_in_force())
                if isinstance(p.value, int) and not isinstance(p.value, bool))


@pytest.mark.article(68)
def test_admin_edits_a_parameter(client_as):
    parameter = _numeric_parameter()
    c = client_as("admin")
    assert "修改理由" in c.get("/rules/parameters/").content.decode()
    data = {"value": str(parameter.value + 1), "reason": "测试"}
    response = c.post(f"/rules/parameters/{parameter.pk}/", data)
    assert response.status_code == 302
    old = parameter.value
    parameter.refresh_from_db()
    assert parameter.value == old + 1


@pytest.mark.article(68)
def test_clerk_cannot_edit_a_parameter(client_as):
    parameter = _numeric_parameter()
    c = client_as("clerk_wendian")
    assert "修改理由" not in c.get("/rules/parameters/").content.decode()
    response = c.post(f"/rules/parameters/{parameter.pk}/", {"value": "99", "reason": "测试"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "只有系统管理员可以修改" in body
    assert "第六十八条" in body
    value = parameter.value
    parameter.refresh_from_db()
    assert parameter.value == value


def test_parameter_needs_a_number(client_as):
    parameter = _numeric_parameter()
    data = {"value": "七", "reason": "测试"}
    response = client_as("admin").post(f"/rules/parameters/{parameter.pk}/", data)
    assert response.status_code == 400
    assert "不是数字" in response.content.decode()
