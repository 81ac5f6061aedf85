"""The reply to a request reported upward (art. 16)."""

from __future__ import annotations

import pytest

from zhengwu.core.decisions import Refused
from zhengwu.core.transitions import StateConflict
from zhengwu.reporting import actions

pytestmark = [pytest.mark.article(16), pytest.mark.usefixtures("frozen")]


def test_a_reported_request_gets_its_reply(user, make_upward, issued_upward):
    report = make_upward()
    with pytest.raises(StateConflict):
        actions.record_reply(user("clerk_wendian"), report, "同意。")
    actions.link_document(user("clerk_wendian"), report, issued_upward())
    actions.record_reply(user("clerk_wendian"), report, "原则同意，按程序报批。")
    report.refresh_from_db()
    assert report.state == "answered"
    assert report.reply == "原则同意，按程序报批。"


def test_a_report_has_no_reply(user, make_upward, issued_upward):
    report = make_upward(form="report", title="关于上半年经济运行情况的报告")
    actions.link_document(user("clerk_wendian"), report, issued_upward())
    with pytest.raises(Refused) as exc:
        actions.record_reply(user("clerk_wendian"), report, "已阅。")
    assert exc.value.decisions[0].code == "reports.upward.not_request"
    report.refresh_from_db()
    assert report.state == "reported"
