"""The organization: units, positions and holders, people, and who holds an authority (arts. 6, 7)."""

from __future__ import annotations

import pytest

from zhengwu.org.models import Person


def test_units_are_paged(api_as):
    api = api_as("fgw_clerk")
    first = api.get("/org/units", limit=2).json()
    assert first["count"] >= 16
    assert [u["code"] for u in first["items"]] == ["gov", "office"]
    second = api.get("/org/units", limit=2, offset=2).json()
    assert second["items"][0]["code"] == "fgw"
    assert second["items"][0]["parent"] == "gov"


def test_limit_above_200_is_refused(api_as):
    response = api_as("fgw_clerk").get("/org/units", limit=201)
    assert response.status_code == 422


@pytest.mark.article(7)
def test_unit_with_positions_holders_and_portfolio_leader(api_as):
    body = api_as("fgw_clerk").get("/org/units/fgw").json()
    assert body["name"] == "克孜勒苏柯尔克孜自治州发展和改革委员会"
    holders = {p["title"]: [h["person"]["name"] for h in p["holders"]] for p in body["positions"]}
    assert holders["主任"] == ["周强"]
    assert holders["副主任"] == ["马丽"]
    assert [(p["leader_position"], [x["name"] for x in p["leaders"]]) for p in body["portfolio"]] == [
        ("副州长", ["刘振东"])
    ]


def test_unknown_unit_is_404(api_as):
    response = api_as("fgw_clerk").get("/org/units/nope")
    assert response.status_code == 404
    assert "nope" in response.json()["detail"]


def test_person(api_as):
    liu = Person.objects.get(user__username="vice_liu")
    body = api_as("fgw_clerk").get(f"/org/people/{liu.pk}").json()
    assert body["name"] == "刘振东"
    assert [p["title"] for p in body["positions"]] == ["副州长"]
    assert body["appointments"][0]["start"] == "2023-01-01"
    assert api_as("fgw_clerk").get("/org/people/999999").status_code == 404


@pytest.mark.article(6)
def test_governor_authority_held_by_the_governor(api_as):
    body = api_as("fgw_clerk").get("/org/authority", authority="governor", date="2026-06-01").json()
    assert body["person"]["name"] == "买买提·艾力"
    assert body["away"] is False
    assert body["acting_for"] is None
    assert body["basis"]["citation"]["article"] == 6
    assert body["basis"]["explanation"].endswith("（《工作规则》第六条）")


@pytest.mark.article(7)
def test_portfolio_authority_is_the_leader_in_charge(api_as):
    body = api_as("fgw_clerk").get("/org/authority", authority="portfolio:fgw", date="2026-06-01").json()
    assert body["person"]["name"] == "刘振东"
    assert body["position"]["title"] == "副州长"
    assert body["basis"]["citation"]["article"] == 7


@pytest.mark.article(7)
def test_each_vice_governor_holds_their_own_portfolio(api_as):
    body = api_as("fgw_clerk").get("/org/authority", authority="portfolio:jyj", date="2026-06-01").json()
    assert body["person"]["name"] == "阿依古丽·吐尔逊"


def test_head_authority(api_as):
    body = api_as("fgw_clerk").get("/org/authority", authority="head:fgw").json()
    assert body["person"]["name"] == "周强"


def test_nobody_holds_it_is_404_with_a_message(api_as):
    response = api_as("fgw_clerk").get("/org/authority", authority="head:xj-gov", date="2026-06-01")
    assert response.status_code == 404
    assert "无人担任" in response.json()["detail"]


@pytest.mark.parametrize("authority", ["mayor", "head:", "head:nope", "portfolio"])
def test_unreadable_authority_is_422(api_as, authority):
    response = api_as("fgw_clerk").get("/org/authority", authority=authority)
    assert response.status_code == 422
    assert response.json()["field"] == "authority"
    assert "单位" in response.json()["detail"]
