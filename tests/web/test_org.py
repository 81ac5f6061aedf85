"""组织机构: units, a unit, a person, and who holds an authority (arts. 6, 7)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from zhengwu.org import actions
from zhengwu.org.models import Person, Position, PositionKind, Unit

pytestmark = pytest.mark.django_db

BEIJING = dt.timezone(dt.timedelta(hours=8))


def test_units_grouped_by_kind_with_prefix_and_code(client_as):
    body = client_as("fgw_clerk").get("/org/").content.decode()
    assert "政府部门" in body
    assert "县（市）人民政府" in body
    assert "克政办" in body
    assert "010478358" in body  # GB 11714 check character


def test_unit_page_shows_holders_head_and_portfolio_leader(client_as):
    body = client_as("fgw_clerk").get("/org/units/fgw/").content.decode()
    assert "周强" in body
    assert "马丽" in body
    assert "孙磊" in body
    assert "刘振东" in body  # the 分管 leader (art. 7)
    assert "发展改革、自然资源、重大项目" in body


def test_person_page(client_as):
    liu = Person.objects.get(user__username="vice_liu")
    body = client_as("fgw_clerk").get(f"/org/people/{liu.pk}/").content.decode()
    assert "刘振东" in body
    assert "副州长" in body
    assert "州发展改革委" in body


@pytest.mark.article(6)
def test_who_holds_the_governors_authority(client_as):
    c = client_as("fgw_clerk")
    body = c.get("/org/authority/", {"authority": "governor", "date": "2026-12-01"}).content.decode()
    assert "买买提·艾力" in body
    assert "第六条" in body  # the basis with its article


@pytest.mark.article(6)
def test_while_the_governor_is_away_and_has_entrusted_the_executive_vice_presides(client_as, user):
    governor = user("governor")
    with time_machine.travel(dt.datetime(2026, 6, 1, 9, tzinfo=BEIJING), tick=False):
        executive = Position.objects.get(kind=PositionKind.EXECUTIVE_VICE_GOVERNOR)
        actions.report_absence(
            governor,
            Person.objects.get(user=governor),
            dt.date(2026, 6, 3),
            dt.date(2026, 6, 5),
            "北京",
            "trip",
            entrust_to=executive,
        )
    body = client_as("fgw_clerk").get("/org/authority/", {"authority": "governor", "date": "2026-06-04"})
    text = body.content.decode()
    assert "张建华" in text
    assert "代州长" in text
    assert "受委托由常务副州长张建华主持工作" in text


def test_head_and_portfolio_authorities_and_errors(client_as):
    c = client_as("fgw_clerk")
    assert "周强" in c.get("/org/authority/", {"authority": "head:fgw"}).content.decode()
    assert "刘振东" in c.get("/org/authority/", {"authority": "portfolio:fgw"}).content.decode()
    bad = c.get("/org/authority/", {"authority": "head:nowhere"})
    assert bad.status_code == 400
    assert "没有代码为“nowhere”的单位" in bad.content.decode()
    unknown = c.get("/org/authority/", {"authority": "king"})
    assert "无法识别的权限" in unknown.content.decode()


def test_who_holds_htmx_returns_the_fragment(client_as):
    c = client_as("fgw_clerk")
    response = c.get("/org/authority/", {"authority": "governor"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'id="holder-result"' in body
    assert "<html" not in body
    assert Unit.objects.filter(code="fgw").exists()


# ------------------------------------------------------------------ administration (arts. 4, 7, 8)

ADMIN_PAGES = [
    "/org/manage/units/new/",
    "/org/units/fgw/edit/",
    "/org/units/fgw/positions/new/",
    "/org/manage/people/new/",
    "/org/manage/appointments/new/",
    "/org/manage/portfolios/new/",
]


@pytest.mark.article(4)
@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_administration_pages_open_for_the_administrator(client_as, url):
    response = client_as("admin").get(url)
    assert response.status_code == 200
    assert 'type="submit"' in response.content.decode()


@pytest.mark.article(4)
@pytest.mark.parametrize("username", ["office_director", "clerk_wendian"])
@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_administration_pages_refuse_others_with_the_article(client_as, username, url):
    c = client_as(username)
    for response in (c.get(url), c.post(url, {"name": "x"})):
        assert response.status_code == 403
        body = response.content.decode()
        assert "由系统管理员维护，您无权修改" in body
        article = "第七条" if "portfolios" in url else "第四条"
        assert f"（《工作规则》{article}）" in body


def test_the_organization_page_offers_administration_only_to_the_administrator(client_as):
    assert "新设单位" in client_as("admin").get("/org/").content.decode()
    assert "新设单位" not in client_as("office_director").get("/org/").content.decode()


@pytest.mark.article(4)
def test_administrator_creates_a_unit_and_its_page_shows_the_history(client_as):
    c = client_as("admin")
    gov = Unit.objects.get(code="gov")
    response = c.post(
        "/org/manage/units/new/",
        {
            "code": "tjj",
            "name": "克孜勒苏柯尔克孜自治州统计局",
            "short_name": "州统计局",
            "kind": "department",
            "parent": gov.pk,
            "doc_prefix": "克统",
            "org_code": "010478518",
            "sort_order": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/org/units/tjj/"
    body = c.get("/org/units/tjj/").content.decode()
    assert "克孜勒苏柯尔克孜自治州统计局" in body
    assert "新设单位：克孜勒苏柯尔克孜自治州统计局（tjj）" in body  # the audit history
    assert "第四条" in body


def test_a_wrong_check_character_is_shown_on_its_field(client_as):
    response = client_as("admin").post(
        "/org/manage/units/new/",
        {
            "code": "tjj",
            "name": "统计局",
            "kind": "department",
            "org_code": "01047851X",
        },
    )
    assert response.status_code == 400
    assert "第9位应为“8”" in response.content.decode()
    assert not Unit.objects.filter(code="tjj").exists()


@pytest.mark.article(4)
def test_administrator_edits_a_unit(client_as):
    c = client_as("admin")
    unit = Unit.objects.get(code="czj")
    response = c.post(
        "/org/units/czj/edit/",
        {
            "name": unit.name,
            "short_name": "州财政",
            "kind": unit.kind,
            "parent": unit.parent_id,
            "is_component": "on",
            "doc_prefix": unit.doc_prefix,
            "org_code": unit.org_code,
            "sort_order": unit.sort_order,
        },
    )
    assert response.status_code == 302
    assert "修改单位" in c.get("/org/units/czj/").content.decode()


@pytest.mark.article(4)
def test_person_with_account_password_shown_once_then_appointed_and_ended(client_as):
    c = client_as("admin")
    response = c.post("/org/manage/people/new/", {"name": "张三", "username": "tjj_head", "password": ""})
    assert response.status_code == 201
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    assert "密码只显示这一次" in body
    zhang = Person.objects.get(user__username="tjj_head")
    deputy = Position.objects.get(appointments__person__user__username="fgw_deputy")
    response = c.post(
        "/org/manage/appointments/new/", {"person": zhang.pk, "position": deputy.pk, "start": "2026-07-01"}
    )
    assert response.status_code == 302
    appointment = zhang.appointments.get()
    page = c.get(f"/org/people/{zhang.pk}/").content.decode()
    assert "新增人员及账号：张三（tjj_head）" in page
    assert "任命张三为克孜勒苏柯尔克孜自治州发展和改革委员会副主任" in page
    response = c.post(f"/org/appointments/{appointment.pk}/end/", {"end": "2026-12-31"})
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.end == dt.date(2026, 12, 31)
    assert "不再担任" in c.get(f"/org/people/{zhang.pk}/").content.decode()


@pytest.mark.article(4)
def test_appointing_a_second_governor_is_refused_on_the_page(client_as):
    zhang_user = Person.objects.get(user__username="fgw_clerk")
    governor = Position.objects.get(kind=PositionKind.GOVERNOR)
    response = client_as("admin").post(
        "/org/manage/appointments/new/", {"person": zhang_user.pk, "position": governor.pk, "start": "2026-07-01"}
    )
    assert response.status_code == 403
    body = response.content.decode()
    assert "同一时间只能由一人担任" in body
    assert "第四条" in body


@pytest.mark.article(4)
def test_deactivate_and_reactivate_an_account(client_as):
    c = client_as("admin")
    clerk = Person.objects.get(user__username="fgw_clerk")
    assert c.post(f"/org/people/{clerk.pk}/deactivate/").status_code == 302
    clerk.user.refresh_from_db()
    assert not clerk.user.is_active
    assert "账号已停用" in c.get(f"/org/people/{clerk.pk}/").content.decode()
    assert client_as("office_director").post(f"/org/people/{clerk.pk}/activate/").status_code == 403
    assert c.post(f"/org/people/{clerk.pk}/activate/").status_code == 302
    clerk.user.refresh_from_db()
    assert clerk.user.is_active


@pytest.mark.article(61)
def test_reset_password_page(client_as):
    clerk = Person.objects.get(user__username="fgw_clerk")
    response = client_as("security_admin").post(f"/org/people/{clerk.pk}/password/", {"password": ""})
    assert response.status_code == 200
    assert "密码已重置" in response.content.decode()
    assert client_as("clerk_wendian").get(f"/org/people/{clerk.pk}/password/").status_code == 403
    assert client_as("admin").get(f"/org/people/{clerk.pk}/password/").status_code == 403


@pytest.mark.article(4)
def test_position_pages(client_as):
    c = client_as("admin")
    response = c.post("/org/units/czj/positions/new/", {"kind": "unit_deputy", "title": "副局长", "duties": ""})
    assert response.status_code == 302
    position = Position.objects.get(unit__code="czj", title="副局长")
    assert response["Location"] == f"/org/positions/{position.pk}/"
    assert "新设职务" in c.get(response["Location"]).content.decode()
    response = c.post(f"/org/positions/{position.pk}/edit/", {"kind": "unit_deputy", "title": "副局长（正处级）"})
    assert response.status_code == 302
    body = client_as("fgw_clerk").get(f"/org/positions/{position.pk}/").content.decode()
    assert "副局长（正处级）" in body
    assert "修改职务" in body  # the history, visible to every member of staff
    assert client_as("fgw_clerk").get(f"/org/positions/{position.pk}/edit/").status_code == 403


@pytest.mark.article(7)
def test_portfolio_pages(client_as):
    c = client_as("admin")
    liu = Position.objects.get(appointments__person__user__username="vice_liu")
    units = [Unit.objects.get(code=code).pk for code in ("fgw", "zrzyj", "czj")]
    refused = c.post(
        "/org/manage/portfolios/new/",
        {"leader": liu.pk, "areas": "发展改革、财政", "units": units, "start": "2026-07-01"},
    )
    assert refused.status_code == 403
    assert "由常务副州长分管" in refused.content.decode()
    assert "第七条" in refused.content.decode()
    response = c.post(
        "/org/manage/portfolios/new/",
        {"leader": liu.pk, "areas": "发展改革、自然资源", "units": units[:2], "start": "2026-07-01"},
    )
    assert response.status_code == 302
    page = c.get(response["Location"]).content.decode()
    assert "州自然资源局" in page
    assert "副州长分管发展改革、自然资源" in page  # the history
    listing = client_as("fgw_clerk").get("/org/portfolios/").content.decode()
    assert "发展改革、自然资源" in listing
    assert "设置分管" not in listing
    # end it
    new_pk = int(response["Location"].rstrip("/").rsplit("/", 1)[1])
    assert client_as("vice_liu").post(f"/org/portfolios/{new_pk}/", {"end": "2026-12-31"}).status_code == 403
    assert c.post(f"/org/portfolios/{new_pk}/", {"end": "2026-12-31"}).status_code == 302
