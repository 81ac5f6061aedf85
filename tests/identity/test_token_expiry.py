"""API tokens expire (ZHENGWU_TOKEN_LIFETIME_DAYS, 90 by default; the expiry is shown when created)."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.core.management import call_command
from django.utils import timezone

from zhengwu.tokens.services import create_token


def test_a_new_token_shows_its_expiry(api_as) -> None:
    response = api_as("fgw_clerk").post("/tokens", {"name": "数据报送"})
    assert response.status_code == 201
    expires = dt.datetime.fromisoformat(response.json()["expires_at"])
    assert abs(expires - (timezone.now() + dt.timedelta(days=90))) < dt.timedelta(minutes=1)


def test_a_token_works_until_it_expires(user, bearer) -> None:
    new = create_token(user("fgw_clerk"), "数据报送")
    start = timezone.now()
    with time_machine.travel(start + dt.timedelta(days=89), tick=False):
        assert bearer(new.secret).get("/me").status_code == 200
    with time_machine.travel(start + dt.timedelta(days=90, minutes=1), tick=False):
        response = bearer(new.secret).get("/me")
    assert response.status_code == 401
    assert "有效期" in response.json()["detail"]


def test_lifetime_is_a_setting(user, bearer, settings) -> None:
    settings.ZHENGWU_TOKEN_LIFETIME_DAYS = 7
    new = create_token(user("fgw_clerk"), "短期")
    assert new.token.expires_at is not None
    assert new.token.expires_at - new.token.created_at == dt.timedelta(days=7)


def test_command_line_shows_the_expiry(user, capsys) -> None:
    call_command("token", "create", "fgw_clerk", "--name", "州政务服务平台")
    assert "有效期至" in capsys.readouterr().out
