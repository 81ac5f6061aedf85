"""The idle warning: every signed-in page carries a notice (hidden) and the script, served from
the site's own static files, that shows it ZHENGWU_SESSION_WARN_MINUTES before the idle timeout;
its 「继续使用」 asks /account/keepalive/, which renews the idle clock."""

from __future__ import annotations

import datetime as dt
import re

import time_machine
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import timezone


def test_signed_in_pages_carry_the_warning_and_its_script(client_as, settings) -> None:
    settings.ZHENGWU_SESSION_IDLE_MINUTES = 20
    settings.ZHENGWU_SESSION_WARN_MINUTES = 3
    page = client_as("fgw_clerk").get("/").content.decode()
    assert 'id="session-warning"' in page
    assert "您将在3分钟内自动退出登录" in page
    script = re.search(r'<script src="([^"]+session-timeout\.js)"[^>]*data-idle="(\d+)" data-warn="(\d+)"', page)
    assert script is not None
    assert script.group(1).startswith("/static/")  # served by the site: no CDN
    assert (script.group(2), script.group(3)) == ("1200", "180")
    assert 'data-keepalive="/account/keepalive/"' in page
    assert finders.find("web/session-timeout.js") is not None


def test_the_login_page_has_no_warning(db) -> None:
    assert "session-warning" not in Client().get("/login/").content.decode()


def test_stay_signed_in_renews_the_idle_clock(client_as) -> None:
    c = client_as("clerk_wendian")
    start = timezone.now()
    assert c.get("/").status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=14), tick=False):
        assert c.get("/account/keepalive/").status_code == 204  # the notice's button
    with time_machine.travel(start + dt.timedelta(minutes=28), tick=False):
        assert c.get("/documents/").status_code == 200  # 14 minutes after the keep-alive
    with time_machine.travel(start + dt.timedelta(minutes=44), tick=False):
        assert c.get("/account/keepalive/").status_code == 302  # too late: signed out


def test_keepalive_needs_a_session(db) -> None:
    assert Client().get("/account/keepalive/").status_code == 302
