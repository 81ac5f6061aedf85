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


# ------------------------------------------------------------------ administration (arts. 4, 7, 8)


def _unit_payload(**extra):
    return {
        "code": "tjj",
        "name": "克孜勒苏柯尔克孜自治州统计局",
        "kind": "department",
        "short_name": "州统计局",
        "parent": "gov",
        "doc_prefix": "克统",
        "org_code": "010478518",
        **extra,
    }


@pytest.mark.article(4)
def test_administrator_creates_and_edits_a_unit(api_as):
    api = api_as("admin")
    response = api.post("/org/units", _unit_payload())
    assert response.status_code == 201
    body = response.json()
    assert (body["code"], body["parent"], body["org_code"]) == ("tjj", "gov", "010478518")
    assert body["history"][0]["action"] == "org.unit.create"
    assert body["history"][0]["article"] == 4
    edited = api.patch("/org/units/tjj", {"short_name": "州统计", "functions": ["legal_review"], "parent": None})
    assert edited.status_code == 200
    assert (edited.json()["short_name"], edited.json()["parent"]) == ("州统计", None)
    assert edited.json()["functions"] == ["legal_review"]
    assert [r["action"] for r in edited.json()["history"]] == ["org.unit.create", "org.unit.edit"]


@pytest.mark.article(4)
@pytest.mark.parametrize("username", ["office_director", "clerk_wendian"])
def test_others_get_403_with_the_article(api_as, username):
    api = api_as(username)
    for response in (
        api.post("/org/units", _unit_payload()),
        api.patch("/org/units/fgw", {"short_name": "x"}),
        api.post("/org/people", {"name": "张三", "username": "zhang3"}),
    ):
        assert response.status_code == 403
        assert response.json()["decisions"][0]["citation"]["article"] == 4
        assert response.json()["detail"].endswith("（《工作规则》第四条）")
    assert not Person.objects.filter(user__username="zhang3").exists()


def test_bad_organization_code_is_422_naming_the_field(api_as):
    response = api_as("admin").post("/org/units", _unit_payload(org_code="01047851X"))
    assert response.status_code == 422
    assert response.json()["field"] == "org_code"
    assert "第9位应为“8”" in response.json()["detail"]


@pytest.mark.article(4)
def test_position_person_appointment_and_who_holds(api_as):
    api = api_as("admin")
    api.post("/org/units", _unit_payload())
    position = api.post("/org/units/tjj/positions", {"kind": "unit_head", "title": "局长"})
    assert position.status_code == 201
    position_id = position.json()["id"]
    account = api.post("/org/people", {"name": "张三", "username": "tjj_head"})
    assert account.status_code == 201
    assert account.json()["generated"] is True
    assert len(account.json()["password"]) == 14
    person_id = account.json()["person"]["id"]
    appointed = api.post(
        "/org/appointments", {"person_id": person_id, "position_id": position_id, "start": "2026-07-01"}
    )
    assert appointed.status_code == 201
    head = api.get("/org/authority", authority="head:tjj", date="2026-07-01").json()
    assert head["person"]["name"] == "张三"
    ended = api.post(f"/org/appointments/{appointed.json()['id']}/end", {"end": "2026-12-31"})
    assert ended.status_code == 200
    assert ended.json()["end"] == "2026-12-31"
    assert api.get("/org/authority", authority="head:tjj", date="2027-01-01").status_code == 404
    detail = api.get(f"/org/positions/{position_id}").json()
    assert [r["action"] for r in detail["history"]] == [
        "org.position.create",
        "org.appointment.create",
        "org.appointment.end",
    ]
    person = api.get(f"/org/people/{person_id}").json()
    assert person["account_active"] is True
    assert "org.person.create" in [r["action"] for r in person["history"]]
    renamed = api.patch(f"/org/positions/{position_id}", {"title": "局长（正处级）"})
    assert renamed.json()["title"] == "局长（正处级）"


@pytest.mark.article(4)
def test_a_second_governor_is_403(api_as):
    api = api_as("admin")
    person_id = api.post("/org/people", {"name": "新州长", "username": "new_gov"}).json()["person"]["id"]
    governor = api.get("/org/authority", authority="governor").json()["position"]["id"]
    response = api.post("/org/appointments", {"person_id": person_id, "position_id": governor, "start": "2026-07-01"})
    assert response.status_code == 403
    assert "同一时间只能由一人担任" in response.json()["detail"]


def test_unknown_person_or_position_is_422(api_as):
    response = api_as("admin").post("/org/appointments", {"person_id": 999999, "position_id": 1, "start": "2026-07-01"})
    assert response.status_code == 422
    assert response.json()["field"] == "person_id"


@pytest.mark.article(4)
def test_accounts_deactivate_activate_and_password(api_as, bearer):
    from zhengwu.tokens.services import create_token

    api = api_as("admin")
    clerk = Person.objects.get(user__username="fgw_clerk")
    token = create_token(clerk.user, "测试")
    assert bearer(token.secret).get("/me").status_code == 200
    response = api.post(f"/org/people/{clerk.pk}/deactivate")
    assert response.status_code == 200
    assert response.json()["account_active"] is False
    assert bearer(token.secret).get("/me").status_code == 401
    assert api_as("office_director").post(f"/org/people/{clerk.pk}/activate").status_code == 403
    assert api.post(f"/org/people/{clerk.pk}/activate").json()["account_active"] is True
    assert api.post(f"/org/people/{clerk.pk}/password", {"password": "Kizilsu-2026-new"}).status_code == 403
    reset = api_as("security_admin").post(f"/org/people/{clerk.pk}/password", {"password": "Kizilsu-2026-new"})
    assert reset.status_code == 200
    assert reset.json()["temporary_password"] is None  # a given password is not echoed
    assert "Kizilsu-2026-new" not in reset.content.decode()
    assert api.patch(f"/org/people/{clerk.pk}", {"name": "孙磊磊"}).json()["name"] == "孙磊磊"


@pytest.mark.article(7)
def test_portfolios(api_as):
    api = api_as("admin")
    listing = api.get("/org/portfolios", current=True).json()
    assert listing["count"] == 4
    liu = next(p for p in listing["items"] if p["leaders"] and p["leaders"][0]["name"] == "刘振东")
    clash = api.post(
        "/org/portfolios",
        {
            "leader_position_id": liu["leader_position"]["id"],
            "areas": "发展改革、财政",
            "units": ["fgw", "czj"],
            "start": "2026-07-01",
        },
    )
    assert clash.status_code == 403
    assert clash.json()["decisions"][0]["citation"]["article"] == 7
    refused = api_as("vice_liu").post(
        "/org/portfolios",
        {
            "leader_position_id": liu["leader_position"]["id"],
            "areas": "发展改革",
            "units": ["fgw"],
            "start": "2026-07-01",
        },
    )
    assert refused.status_code == 403
    created = api.post(
        "/org/portfolios",
        {
            "leader_position_id": liu["leader_position"]["id"],
            "areas": "发展改革",
            "units": ["fgw"],
            "start": "2026-07-01",
        },
    )
    assert created.status_code == 201
    assert created.json()["units"] == ["fgw"]
    assert api.get("/org/authority", authority="portfolio:zrzyj", date="2026-07-01").status_code == 404
    old = api.get(f"/org/portfolios/{liu['id']}").json()
    assert old["end"] == "2026-06-30"
    ended = api.post(f"/org/portfolios/{created.json()['id']}/end", {"end": "2026-12-31"})
    assert ended.json()["end"] == "2026-12-31"
    assert [r["action"] for r in ended.json()["history"]] == ["org.portfolio.set", "org.portfolio.end"]
    assert (
        api.post(
            "/org/portfolios",
            {
                "leader_position_id": liu["leader_position"]["id"],
                "areas": "x",
                "units": ["nope"],
                "start": "2027-01-01",
            },
        ).json()["field"]
        == "units"
    )
