"""The report of dormant accounts: active accounts with no sign-in, no session activity and no API
token use for 90 days (a parameter), on the command line (`zhengwu accounts dormant`), a page and
the API, for the account administrator only."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from tests.identity.conftest import sign_in
from zhengwu.core.decisions import Refused
from zhengwu.core.transitions import require_checks
from zhengwu.identity.selectors import dormant_accounts, dormant_report_checks
from zhengwu.tokens.services import create_token, touch


def _later(days: int) -> time_machine.travel:
    return time_machine.travel(timezone.now() + dt.timedelta(days=days), tick=False)


def test_unused_for_90_days_is_dormant_used_is_not(user, db) -> None:
    token = create_token(user("vice_liu"), "日程同步")
    with _later(30):
        sign_in("fgw_clerk", "zhengwu-demo")
    with _later(40):
        touch(token.token)
    with _later(100):
        names = {a.username: a for a in dormant_accounts(90)}
        assert "governor" in names
        assert names["governor"].last_used is None
        assert names["governor"].idle_days >= 99
        assert "fgw_clerk" not in names  # signed in 70 days ago
        assert "vice_liu" not in names  # its token was used 60 days ago
    with _later(125):
        names = {a.username for a in dormant_accounts(90)}
        assert "fgw_clerk" in names  # 95 days since the sign-in
        assert "vice_liu" not in names  # 85 days since the token's use
    assert "governor" not in {a.username for a in dormant_accounts(90)}  # today: nobody is dormant yet


def test_deactivated_accounts_are_not_listed(user) -> None:
    clerk = user("fgw_clerk")
    clerk.is_active = False
    clerk.save()
    with _later(100):
        assert "fgw_clerk" not in {a.username for a in dormant_accounts(90)}


def test_the_command_line_report(db, capsys) -> None:
    with _later(100):
        call_command("accounts", "dormant", "--days", "90")
    out = capsys.readouterr().out
    assert "90天以上未使用的账号" in out
    assert "governor" in out
    assert "从未使用" in out
    call_command("accounts", "dormant")
    assert "90天以上未使用的账号：0个" in capsys.readouterr().out


def test_page_and_api_for_the_administrator_only(client_as, api_as, user) -> None:
    with _later(100):
        page = client_as("admin").get("/accounts/dormant/?days=90")
        assert page.status_code == 200
        assert "governor" in page.content.decode()
        listed = api_as("admin").get("/accounts/dormant", days=90)
        assert listed.status_code == 200
        assert "governor" in {a["username"] for a in listed.json()}
        assert api_as("fgw_clerk").get("/accounts/dormant").status_code == 403
        assert client_as("fgw_clerk").get("/accounts/dormant/").status_code == 403
    with pytest.raises(Refused):
        require_checks(*dormant_report_checks(user("office_director")))
