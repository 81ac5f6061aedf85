"""Login: argon2 hashes, lockout of an address after 5 failures (django-axes), the Chinese locked-out page."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PAGES = ["/", "/org/", "/absences/", "/calendar/", "/rules/", "/audit/", "/notices/"]


def test_passwords_are_hashed_with_argon2(user, settings):
    """The suite hashes with MD5 for speed (tests/settings.py); the application's settings use Argon2."""
    from zhengwu import settings as application

    assert application.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    settings.PASSWORD_HASHERS = application.PASSWORD_HASHERS
    account = user("clerk_wendian")
    account.set_password("Kizilsu-2026-wendian")
    assert account.password.startswith("argon2")
    assert account.check_password("Kizilsu-2026-wendian")


def test_login_page_is_chinese_with_demo_hint(client: Client):
    response = client.get("/login/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "登录" in body
    assert "密码" in body
    assert "zhengwu-demo" in body  # development profile in tests


def test_demo_hint_hidden_in_production(client: Client, settings):
    settings.PROFILE = "production"
    assert "zhengwu-demo" not in client.get("/login/").content.decode()


def test_login_with_the_demo_password(client: Client):
    response = client.post("/login/", {"username": "clerk_wendian", "password": "zhengwu-demo"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "工作台" in client.get("/").content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_pages_require_login(client: Client, url: str):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_five_failures_lock_the_address_for_30_minutes(client: Client, settings):
    settings.ZHENGWU_LOGIN_DELAY_AFTER = 1000  # the account's growing delay: tests/identity/test_login_delay.py
    for _ in range(4):
        response = client.post("/login/", {"username": "clerk_wendian", "password": "wrong"})
        assert response.status_code == 200
        assert "用户名或密码不正确" in response.content.decode()
    locked = client.post("/login/", {"username": "clerk_wendian", "password": "wrong"})
    assert locked.status_code == 429
    # Even the right password is refused while locked.
    again = client.post("/login/", {"username": "clerk_wendian", "password": "zhengwu-demo"})
    assert again.status_code == 429
    body = again.content.decode()
    assert "来自该地址的登录已被锁定30分钟" in body
    assert "系统管理员" in body
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post(client_as):
    c = client_as("clerk_wendian")
    assert c.post("/logout/").status_code == 302
    assert c.get("/").status_code == 302
