"""Passwords expire (ZHENGWU_PASSWORD_EXPIRY_DAYS_ADMIN, 90 days for administrators by default;
ZHENGWU_PASSWORD_EXPIRY_DAYS for everyone else, off by default): the next sign-in must change it
first, through the same forced change as after a reset.  (The demo people's passwords do not
expire while ZHENGWU_DEMO is on: these tests turn it off.)"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from tests.api.conftest import Api
from tests.identity.conftest import sign_in
from zhengwu.identity.actions import change_password
from zhengwu.identity.services import password_change_due

NEW = "Kizilsu-2026-plan"


@pytest.fixture(autouse=True)
def production_like(settings) -> None:
    settings.ZHENGWU_DEMO = False
    settings.ZHENGWU_2FA_REQUIRED_KINDS = []  # the second factor has its own tests


def test_demo_people_do_not_expire_in_the_demo(user, settings) -> None:
    settings.ZHENGWU_DEMO = True
    with _later(400):
        assert password_change_due(user("admin")) == ""


def _later(days: int) -> time_machine.travel:
    return time_machine.travel(timezone.now() + dt.timedelta(days=days), tick=False)


def test_an_administrators_password_expires_after_90_days(user) -> None:
    with _later(89):
        assert password_change_due(user("admin")) == ""
        assert sign_in("admin", "zhengwu-demo").get("/org/").status_code == 200
    with _later(91):
        assert password_change_due(user("admin")) == "expired"
        c = sign_in("admin", "zhengwu-demo")
        assert c.signed_in  # the password still signs in …
        page = c.get("/org/")
        assert page.status_code == 302  # … but only to change it
        assert page["Location"].startswith("/account/password/")
        form = c.get("/account/password/").content.decode()
        assert "已过有效期" in form
        done = c.post("/account/password/", {"old_password": "zhengwu-demo", "new_password": NEW, "new_password2": NEW})
        assert done.status_code == 302
        assert c.get("/org/").status_code == 200
        assert password_change_due(user("admin")) == ""


def test_others_passwords_do_not_expire_unless_configured(user, settings) -> None:
    with _later(400):
        assert password_change_due(user("fgw_clerk")) == ""
        assert sign_in("fgw_clerk", "zhengwu-demo").get("/documents/").status_code == 200
    settings.ZHENGWU_PASSWORD_EXPIRY_DAYS = 180
    with _later(181):
        assert password_change_due(user("fgw_clerk")) == "expired"


def test_a_change_restarts_the_clock(user) -> None:
    admin = user("admin")
    with _later(80):
        change_password(admin, "zhengwu-demo", NEW, NEW)
    with _later(160):  # 80 days after the change
        assert password_change_due(user("admin")) == ""
    with _later(171):
        assert password_change_due(user("admin")) == "expired"


def test_the_api_says_the_password_expired(db, settings) -> None:
    settings.ZHENGWU_PASSWORD_EXPIRY_DAYS_ADMIN = 30
    with _later(31):
        api = Api(sign_in("admin", "zhengwu-demo"))
        response = api.get("/org/units")
        assert response.status_code == 403
        assert response.json()["code"] == "password_change_required"
        assert "已过有效期" in response.json()["detail"]
        assert (
            api.post(
                "/account/password", {"old_password": "zhengwu-demo", "new_password": NEW, "new_password2": NEW}
            ).status_code
            == 200
        )
        assert api.get("/org/units").status_code == 200


def test_expiry_off_for_administrators_when_set_to_zero(user, settings) -> None:
    settings.ZHENGWU_PASSWORD_EXPIRY_DAYS_ADMIN = 0
    with _later(1000):
        assert password_change_due(user("admin")) == ""
