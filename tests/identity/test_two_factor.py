"""Two factors (GB/T 22239-2019 8.1.4.1 d): after the password, a TOTP code (RFC 6238).  Required for
administrators and leaders (ZHENGWU_2FA_REQUIRED_KINDS), optional for others; the demo people skip it
only while ZHENGWU_DEMO is on."""

from __future__ import annotations

import datetime as dt
import re

import pyotp
import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from zhengwu.identity import actions
from zhengwu.identity.models import Account
from zhengwu.identity.services import second_factor_required


@pytest.fixture
def no_demo_shortcut(settings, db) -> None:
    settings.ZHENGWU_DEMO = False


def _password_step(username: str) -> tuple[Client, object]:
    c = Client()
    response = c.post("/login/", {"username": username, "password": "zhengwu-demo"})
    return c, response


def _secret_on(page: str) -> str:
    match = re.search(r'<code class="secret">([A-Z2-7]+)</code>', page)
    assert match, "the enrolment page shows the secret"
    return match.group(1)


def test_who_must_use_it(user, no_demo_shortcut) -> None:
    assert second_factor_required(user("admin"))
    assert second_factor_required(user("governor"))
    assert second_factor_required(user("vice_liu"))
    assert not second_factor_required(user("fgw_clerk"))
    assert not second_factor_required(user("czj_head"))


def test_the_demo_skips_it_only_when_switched_on(user, settings) -> None:
    settings.ZHENGWU_DEMO = True
    assert not second_factor_required(user("governor"))
    _c, response = _password_step("governor")
    assert response["Location"] == "/"


def test_production_never_has_the_demo_switch() -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "ZHENGWU_PROFILE": "production", "ZHENGWU_DEMO": "1"}
    out = subprocess.run(
        [sys.executable, "-c", "from zhengwu import settings; print(settings.ZHENGWU_DEMO)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "False"


def test_a_leader_enrols_at_first_login_and_then_needs_both_factors(no_demo_shortcut) -> None:
    c, response = _password_step("governor")
    assert response["Location"] == "/login/second-factor/"
    assert c.get("/").status_code == 302  # the password alone did not sign in
    page = c.get("/login/second-factor/")
    assert "<svg" in page.content.decode()  # the QR code, inline
    secret = _secret_on(page.content.decode())
    wrong = c.post("/login/second-factor/", {"code": "000000"})
    assert wrong.status_code == 400
    done = c.post("/login/second-factor/", {"code": pyotp.TOTP(secret).now()})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9-]{11})</code></li>", done.content.decode())
    assert len(codes) == 10
    assert c.get("/").status_code == 200

    # next time: the password, then the code; a code is accepted once
    later = timezone.now() + dt.timedelta(minutes=2)
    with time_machine.travel(later, tick=False):
        c2, response = _password_step("governor")
        assert response["Location"] == "/login/second-factor/"
        assert "<svg" not in c2.get("/login/second-factor/").content.decode()
        code = pyotp.TOTP(secret).now()
        assert c2.post("/login/second-factor/", {"code": code})["Location"] == "/"
        assert c2.get("/").status_code == 200
        c3, _response = _password_step("governor")
        assert c3.post("/login/second-factor/", {"code": code}).status_code == 400  # replayed
        # a recovery code stands in once
        assert c3.post("/login/second-factor/", {"code": codes[0]})["Location"] == "/"
        c4, _response = _password_step("governor")
        assert c4.post("/login/second-factor/", {"code": codes[0]}).status_code == 400


def test_five_wrong_codes_end_the_pending_step(no_demo_shortcut, user) -> None:
    secret = actions.start_enrolment(user("exec_vice")).secret
    actions.confirm_enrolment(user("exec_vice"), pyotp.TOTP(secret).now())
    c, _response = _password_step("exec_vice")
    for _attempt in range(4):
        assert c.post("/login/second-factor/", {"code": "123456"}).status_code == 400
    assert c.post("/login/second-factor/", {"code": "123456"})["Location"] == "/login/"
    assert c.get("/login/second-factor/")["Location"] == "/login/"


def test_optional_for_a_clerk_who_may_enrol(no_demo_shortcut, client_as) -> None:
    _c, response = _password_step("fgw_clerk")
    assert response["Location"] == "/"  # no second factor asked
    page = client_as("fgw_clerk").get("/account/two-factor/")
    assert page.status_code == 200
    assert "可选" in page.content.decode()
    assert "<svg" in page.content.decode()
    signed_in = client_as("fgw_clerk")
    signed_in.get("/account/two-factor/")  # (a new secret each time the page starts an enrolment)
    secret = Account.objects.get(user__username="fgw_clerk").totp_secret
    assert signed_in.post("/account/two-factor/", {"code": pyotp.TOTP(secret).now()}).status_code == 200
    _c, response = _password_step("fgw_clerk")
    assert response["Location"] == "/login/second-factor/"  # enrolled: now asked


def test_security_administrator_resets_a_lost_authenticator(no_demo_shortcut, user, client_as) -> None:
    from zhengwu.org.models import Person

    secret = actions.start_enrolment(user("vice_liu")).secret
    actions.confirm_enrolment(user("vice_liu"), pyotp.TOTP(secret).now())
    liu = Person.objects.get(user__username="vice_liu")
    assert client_as("fgw_clerk").post(f"/api/org/people/{liu.pk}/second-factor/reset").status_code == 403
    assert client_as("admin").post(f"/api/org/people/{liu.pk}/second-factor/reset").status_code == 403
    assert client_as("security_admin").post(f"/api/org/people/{liu.pk}/second-factor/reset").status_code == 200
    c, _response = _password_step("vice_liu")
    assert "<svg" in c.get("/login/second-factor/").content.decode()  # enrols anew
