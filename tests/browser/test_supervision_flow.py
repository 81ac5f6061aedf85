"""An executive meeting's decision followed up as a supervision item (issue 5, arts. 26, 54, 63).

The office (会务) holds the executive meeting of 2026-09-01 and records a decision through the
meetings actions.  The office's 督查 clerk opens, from that decision, a supervision item for the
发展改革委 (lead) and the 财政局 (co-unit) with monthly progress reports: the first is due 10-08
(10-01 falls in 国庆).  The 发展改革委 reports on time; the 财政局 never does: the worker reminds it
(09-30), records it overdue and tells its head (after 24:00 of 10-08), then tells its 分管 leader, the
常务副州长, three working days later (after 10-12; 10-10 is a make-up working day).  The 发展改革委
reports the item done; the office reopens it once with a reason, then verifies and closes it; the
circular (a 通报 drafted by the office) lists both units correctly.

The live server shares the test process's clock, so ``time_machine`` moves both; sessions last 8 hours,
so everyone signs in again after the jump.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tests.browser.conftest import RESULTS

playwright_sync = pytest.importorskip("playwright.sync_api")
expect = playwright_sync.expect

pytestmark = pytest.mark.browser

DECISION = "加快推进州物流园区建设，发展改革委牵头、财政局配合，每月报告进展"
TITLE = "加快推进州物流园区建设"


class People:
    """One browser context (one session) per demo account."""

    def __init__(self, browser, base: str):
        self.browser, self.base, self.pages = browser, base, {}

    def __call__(self, username: str):
        if username not in self.pages:
            context = self.browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
            page = context.new_page()
            page.goto(f"{self.base}/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", "zhengwu-demo")
            page.click("button[type=submit]")
            page.wait_for_url(f"{self.base}/")
            self.pages[username] = page
        return self.pages[username]

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()
        self.pages = {}


def shot(page, name: str) -> None:
    page.screenshot(path=str(RESULTS / f"supervision-{name}.png"), full_page=True)


def notices_of(username: str, part: str) -> list[str]:
    from zhengwu.notices.models import Notice

    return list(
        Notice.objects.filter(recipient__username=username, title__contains=part).values_list("title", flat=True)
    )


@pytest.mark.article(26, 54, 63)
def test_meeting_decision_to_circular(live_server, demo_loaded, browser):
    from django.contrib.auth import get_user_model

    from zhengwu.meetings import actions as meetings
    from zhengwu.supervision.models import ItemState, ProgressReport, SupervisionItem
    from zhengwu.timers import services as timers
    from zhengwu.workdays.arith import BEIJING

    RESULTS.mkdir(exist_ok=True)
    base = live_server.url
    users = get_user_model().objects

    with time_machine.travel("2026-09-01 09:00 +0800", tick=True) as clock:
        # Setup through the meetings actions: the executive meeting is held and its decision recorded.
        huiwu = users.get(username="clerk_huiwu")
        meeting = meetings.create_meeting(
            huiwu,
            kind="executive",
            title="州人民政府第九次常务会议",
            date=dt.date(2026, 9, 1),
            place="州政府第一会议室",
        )
        meetings.hold(huiwu, meeting)
        decision = meetings.add_decision(huiwu, meeting, DECISION)

        as_ = People(browser, base)
        # 1. The 督查 clerk opens the item from the decision: lead 发展改革委, co-unit 财政局, monthly reports.
        office = as_("clerk_ducha")
        office.click("nav.mainnav >> text=督查督办")
        office.wait_for_url(f"{base}/supervision/")
        office.goto(f"{base}/supervision/new/?decision={decision.pk}")
        expect(office.locator("#source-decision")).to_contain_text(DECISION)
        office.fill("#f-title", TITLE)
        office.select_option("#f-lead", "fgw")
        office.check("input[name=co][value=czj]")
        office.fill("#f-due", "2026-11-30")
        office.select_option("#f-every", "monthly")
        office.click("form.card.form button[type=submit]")
        office.wait_for_url(f"{base}/supervision/*/")
        item = SupervisionItem.objects.get(title=TITLE)
        expect(office.locator("#item-sources")).to_contain_text("会议议定事项")
        expect(office.locator("#item-sources")).to_contain_text(DECISION[:20])
        expect(office.locator("#reports")).to_contain_text("2026-10-08")
        shot(office, "1-opened")

        # 2. The 发展改革委 reports on time, from its workbench.
        fgw = as_("fgw_clerk")
        fgw.click(f"#wb-supervision >> text={TITLE}")
        first = ProgressReport.objects.get(item=item, unit__code="fgw", period=1)
        fgw.fill(f"#report-{first.pk} input[name=text]", "已完成可研报告编制，正在办理用地预审。")
        fgw.click(f"#report-{first.pk} button")
        expect(fgw.locator(f"#report-{first.pk}")).to_contain_text("按时报告")

        # 3. The 财政局 never reports: reminded on 09-30, overdue to its head, then to the 常务副州长.
        czj = ProgressReport.objects.get(item=item, unit__code="czj", period=1)
        timers.sweep(dt.datetime(2026, 9, 30, 9, 5, tzinfo=BEIJING))
        assert notices_of("czj_head", f"提醒：“{TITLE}”第1期进展报告将于2026-10-08到期")
        assert not notices_of("fgw_head", f"提醒：“{TITLE}”第1期")  # it has reported
        timers.sweep(dt.datetime(2026, 10, 9, 0, 5, tzinfo=BEIJING))
        assert notices_of("czj_head", f"逾期：“{TITLE}”第1期")
        assert not notices_of("exec_vice", "逾期提级")
        timers.sweep(dt.datetime(2026, 10, 12, 23, 0, tzinfo=BEIJING))
        assert not notices_of("exec_vice", "逾期提级")
        timers.sweep(dt.datetime(2026, 10, 13, 0, 5, tzinfo=BEIJING))
        assert notices_of("exec_vice", f"逾期提级：“{TITLE}”第1期")
        czj.refresh_from_db()
        assert czj.escalation == 2

        # Everyone signs in again after the jump to 10-13.
        clock.move_to("2026-10-13 09:00 +0800")
        as_.close()
        as_ = People(browser, base)
        leader = as_("exec_vice")
        leader.goto(f"{base}/notices/")
        expect(leader.locator("main")).to_contain_text("逾期提级")
        leader.goto(f"{base}/compliance/")
        expect(leader.locator("#compliance")).to_contain_text(f"{TITLE}（第1期进展）")
        expect(leader.locator("#compliance")).to_contain_text("第六十三条")

        # 4. The 发展改革委 reports done; the office reopens once, with a reason.
        head = as_("fgw_head")
        head.goto(f"{base}{item.get_absolute_url()}")
        head.fill("#f-done", "园区道路、管网已开工，用地预审已批复。")
        head.click("#act-report-done button")
        expect(head.locator("#item-state")).to_contain_text("已报办结，待核查")
        office = as_("clerk_ducha")
        office.goto(f"{base}{item.get_absolute_url()}")
        office.fill("#f-reason", "未附用地预审批复文件，请补充后再报。")
        office.click("#act-reopen button")
        expect(office.locator("#item-state")).to_contain_text("督办中")
        expect(office.locator("#events")).to_contain_text("未附用地预审批复文件")

        # 5. Reported again, then verified and closed.
        head.goto(f"{base}{item.get_absolute_url()}")
        head.fill("#f-done", "已补充用地预审批复文件。")
        head.click("#act-report-done button")
        office.goto(f"{base}{item.get_absolute_url()}")
        office.fill("#f-note", "经核查，材料齐全，进度属实。")
        office.click("#act-verify button")
        expect(office.locator("#item-state")).to_contain_text("已核查办结")
        expect(office.locator("#item-state")).to_contain_text("退回重办1次")
        item.refresh_from_db()
        assert item.state == ItemState.CLOSED
        shot(office, "2-closed")

        # 6. The circular: the office drafts the 通报; its table lists both units correctly.
        office.goto(f"{base}/supervision/circulars/")
        office.fill("#f-since", "2026-09-01")
        office.click("#draft-circular button")
        office.wait_for_url(f"{base}/documents/*/")
        body = office.locator("main")
        expect(body).to_contain_text("关于州人民政府督查督办事项办理情况的通报")
        # 单位｜牵头事项｜按期办结｜逾期办结｜逾期未办结｜在办｜按时报告｜逾期报告｜未报告
        expect(body).to_contain_text("州发展改革委｜1｜1｜0｜0｜0｜1｜0｜0")
        expect(body).to_contain_text("州财政局｜0｜0｜0｜0｜0｜0｜0｜1")
        shot(office, "3-circular")
        as_.close()
