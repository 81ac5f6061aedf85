"""submit_progress (art. 54): a unit's staff report for their unit, once per period; late is marked."""

from __future__ import annotations

import pytest

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.supervision import actions
from zhengwu.supervision.models import ProgressReport

from .conftest import D, notified, pending_timers

pytestmark = [pytest.mark.django_db, pytest.mark.article(54)]


@pytest.fixture
def reports(open_item, autumn):
    item = open_item(title="进展报告测试事项", every="monthly", due=D(2026, 11, 30))
    return item, {r.unit.code: r for r in ProgressReport.objects.filter(item=item, period=1).select_related("unit")}


def test_each_unit_reports_for_itself(reports, user) -> None:
    item, r = reports
    actions.submit_progress(user("fgw_clerk"), r["fgw"], "已完成方案编制。")
    actions.submit_progress(user("czj_head"), r["czj"], "资金已落实。")
    r["fgw"].refresh_from_db()
    assert r["fgw"].submitted_at is not None
    assert not r["fgw"].late
    assert "clerk_ducha" in notified("进展报告：进展报告测试事项")
    assert f"supervision:report:{r['fgw'].pk}:overdue" not in pending_timers(item)
    assert item.events.filter(kind="progress").count() == 2


@pytest.mark.parametrize("username", ["czj_head", "clerk_ducha", "vice_liu"])
def test_others_may_not_report_for_a_unit(reports, user, username) -> None:
    _, r = reports
    with pytest.raises(Refused):
        actions.submit_progress(user(username), r["fgw"], "代报。")
    r["fgw"].refresh_from_db()
    assert r["fgw"].submitted_at is None


def test_once_per_period_and_not_empty(reports, user) -> None:
    _, r = reports
    with pytest.raises(InvalidInput):
        actions.submit_progress(user("fgw_clerk"), r["fgw"], " ")
    actions.submit_progress(user("fgw_clerk"), r["fgw"], "第一次。")
    with pytest.raises(Refused):
        actions.submit_progress(user("fgw_clerk"), r["fgw"], "第二次。")


@pytest.mark.article(63)
def test_a_report_after_its_due_day_is_late(reports, user, autumn) -> None:
    _, r = reports
    autumn.move_to("2026-10-09 10:00 +0800")  # due 10-08 (10-01 fell in 国庆)
    actions.submit_progress(user("czj_head"), r["czj"], "补报。")
    r["czj"].refresh_from_db()
    assert r["czj"].late
