"""工作规则 (art. 68): the rulebook in force, an article, versions, parameters."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tests.rulebook.texts import reissued
from zhengwu.org.models import Absence, Person
from zhengwu.rulebook.actions import import_version
from zhengwu.rulebook.models import Article, Parameter
from zhengwu.rulebook.services import version_in_force

pytestmark = pytest.mark.django_db


@pytest.mark.article(50)
def test_what_the_system_does_is_said_in_the_interface_language(client_as):
    from django.conf import settings

    c = client_as("clerk_wendian")
    assert "逾期未回复视为无不同意见" in c.get("/rules/articles/50/").content.decode()
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = c.get("/rules/articles/50/").content.decode()
    assert "silence-as-consent" in body
    assert "逾期未回复视为无不同意见" not in body


@pytest.mark.article(68)
def test_rulebook_page_lists_every_article_with_kind_and_tests(client_as, django_assert_max_num_queries):
    c = client_as("clerk_wendian")
    # 13: the menu also asks whether the reader works the publication queue (their posts' duties)
    with django_assert_max_num_queries(13):
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


@pytest.mark.article(68)
def test_versions_page_shows_the_importers_doubts_in_the_readers_language(client_as):
    from django.conf import settings

    c = client_as("clerk_wendian")
    body = c.get("/rules/versions/").content.decode()
    assert "段网页附带文字" in body  # the page chrome dropped after the last article, said in Chinese
    assert "没有序号；为填补" in body  # article 10, promoted
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = c.get("/rules/versions/").content.decode()
    assert "trailing paragraph(s) of page chrome" in body
    assert "no numeral; promoted to an article start" in body
    assert "段网页附带文字" not in body


def _numeric_parameter() -> Parameter:
    return next(
        p
        for p in Parameter.objects.filter(version=version_in_force())
        if isinstance(p.value, int) and not isinstance(p.value, bool)
    )


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


@pytest.mark.article(68)
def test_versions_page_says_what_the_2023_rules_superseded(client_as):
    body = client_as("clerk_wendian").get("/rules/versions/").content.decode()
    assert "2022年6月1日印发的《自治州人民政府工作规则》" in body
    assert "印发日期</dt><dd>2022-06-01" in body
    assert "停止执行日期</dt><dd>2023-11-13" in body
    assert "该版本未导入本系统" in body
    index = client_as("clerk_wendian").get("/rules/").content.decode()
    assert "2022年6月1日印发的《自治州人民政府工作规则》同日（2023-11-13）停止执行" in index


@pytest.mark.article(68)
def test_versions_and_parameters_pages_show_their_history(client_as):
    parameter = _numeric_parameter()
    c = client_as("admin")
    c.post(f"/rules/parameters/{parameter.pk}/", {"value": str(parameter.value + 1), "reason": "州政府通知"})
    versions = c.get("/rules/versions/").content.decode()
    assert "修改记录" in versions
    assert "导入《克孜勒苏柯尔克孜自治州人民政府工作规则》（2023）" in versions
    assert f"修改参数“{parameter.description}”" in versions
    parameters = client_as("clerk_wendian").get("/rules/parameters/").content.decode()
    assert "修改记录" in parameters
    assert f"修改参数“{parameter.description}”：{parameter.value} → {parameter.value + 1}" in parameters


BEIJING = dt.timezone(dt.timedelta(hours=8))


def _stripped_version(effective: dt.date):
    """A version imported the way ``rules import`` without annotations used to leave it: no kinds,
    no provisions, no parameters."""
    version = import_version(None, reissued(), effective)
    Article.objects.filter(version=version).update(kind="", does="", provisions=[])
    version.parameters.all().delete()
    version.revision += 1
    version.save(update_fields=["revision"])
    return version


@pytest.mark.article(68)
@time_machine.travel(dt.datetime(2026, 6, 2, 9, tzinfo=BEIJING), tick=False)
def test_an_unannotated_version_in_force_is_explained_not_a_server_error(client_as):
    version = _stripped_version(dt.date(2026, 6, 1))
    admin = client_as("admin")
    admin.raise_request_exception = False
    workbench = admin.get("/")
    assert workbench.status_code == 409
    body = workbench.content.decode()
    assert "没有标注条款要点" in body
    assert f"zhengwu rules annotate {version.pk} --annotations" in body
    assert "没有标注任何条款要点" in body  # the administrator's banner
    page = admin.get("/rules/versions/")
    assert page.status_code == 200
    assert "没有标注任何条款要点" in page.content.decode()
    assert admin.get("/rules/").status_code == 200

    clerk = client_as("fgw_clerk")
    clerk.raise_request_exception = False
    assert clerk.get("/").status_code == 409
    assert "没有标注任何条款要点" not in clerk.get("/rules/").content.decode()  # the banner is the administrator's
    # an action whose rule cannot be cited is still refused, and nothing is written
    liu = Person.objects.get(user__username="vice_liu")
    vice = client_as("vice_liu")
    vice.raise_request_exception = False
    before = Absence.objects.count()
    response = vice.post(
        "/absences/new/",
        {
            "person": liu.pk,
            "start": "2026-06-03",
            "end": "2026-06-05",
            "destination": "北京",
            "purpose": "trip",
            "reason": "汇报工作",
        },
    )
    assert response.status_code == 409
    assert "leave." in response.content.decode()
    assert Absence.objects.count() == before


@pytest.mark.article(68)
@time_machine.travel(dt.datetime(2026, 6, 2, 9, tzinfo=BEIJING), tick=False)
def test_an_unannotated_version_to_come_is_announced_to_the_administrator(client_as):
    version = _stripped_version(dt.date(2026, 7, 1))
    body = client_as("admin").get("/").content.decode()
    assert f"将于2026-07-01起施行的《克孜勒苏柯尔克孜自治州人民政府工作规则》（2026）（版本编号{version.pk}）" in body
    assert "尚未施行" in client_as("admin").get("/rules/versions/").content.decode()
    assert "zhengwu rules withdraw" in client_as("admin").get("/rules/versions/").content.decode()
