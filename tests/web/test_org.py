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
    assert "01047835X" in body


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
        actions.report_absence(governor, Person.objects.get(user=governor), dt.date(2026, 6, 3),
                               dt.date(2026, 6, 5), "北京", "trip", entrust_to=executive)
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
