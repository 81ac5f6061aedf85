"""An executive meeting from agenda topics to decisions carried out (issue 4).

Two departments request topics for the executive meeting of Thursday 2026-11-12: the 发展改革委's, whose
分管 副州长 刘振东 is away that day, is refused when the office collects it (art. 40); the 教育局's is
reviewed by 阿依古丽 and the 州长 confirms the agenda.  The 发展改革委's head, invited to sit in, asks
for leave, the office approves, he names his deputy.  The meeting is held, the office drafts the
minutes with two decisions to issue documents, the 州长 signs.  One document is issued on the sixth
working day (11-20) and shows done; the other, never issued, shows overdue on the eighth (11-24).

The live server shares the test process's clock, so ``time_machine`` moves both; sessions last 8 hours,
so everyone signs in again after each jump.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tests.browser.conftest import RESULTS

playwright_sync = pytest.importorskip("playwright.sync_api")
expect = playwright_sync.expect

pytestmark = pytest.mark.browser

MEETING_DAY = dt.date(2026, 11, 12)


class People:
    """One browser context (one session) per demo account; ``reset()`` after the clock jumps."""

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

    def reset(self) -> None:
        for page in self.pages.values():
            page.context.close()
        self.pages = {}


def shot(page, name: str) -> None:
    page.screenshot(path=str(RESULTS / f"executive-meeting-{name}.png"), full_page=True)


def request_topic(page, base: str, unit_code: str, title: str) -> None:
    page.goto(f"{base}/meetings/topics/")
    form = page.locator("#topic-form")
    form.locator("select[name=unit]").select_option(unit_code)
    form.locator("input[name=title]").fill(title)
    form.locator("textarea[name=summary]").fill("请州人民政府常务会议审议。")
    form.locator("input[name=touches_funds]").check()
    form.locator("button").click()
    expect(page.locator("table.topics")).to_contain_text(title)


def review(page, base: str, title: str) -> None:
    page.goto(f"{base}/meetings/topics/")
    row = page.locator("tr", has_text=title)
    row.locator("input[name=consensus]").fill("已与财政局协调一致。")
    row.locator("form.review-form button").click()
    expect(page.locator("tr", has_text=title)).to_contain_text("分管领导已审核")


@pytest.mark.article(40, 41, 42)
def test_executive_meeting(live_server, demo_loaded, browser):
    from django.contrib.auth import get_user_model

    from zhengwu.documents.models import Direction, DocState, DocType, Document, Flow
    from zhengwu.meetings import actions
    from zhengwu.meetings.models import FollowUp, Meeting, Topic
    from zhengwu.org.actions import report_absence
    from zhengwu.org.models import Person, Unit
    from zhengwu.rulebook.services import version_in_force

    RESULTS.mkdir(exist_ok=True)
    base = live_server.url
    users = get_user_model().objects
    fgw_title, jyj_title = "关于争取中央预算内投资项目的议题", "关于新建寄宿制学校的议题"

    with time_machine.travel("2026-11-03 09:00 +0800", tick=True) as clock:
        as_ = People(browser, base)
        # Setup through the actions: the meeting, the 发展改革委's head invited to sit in, 刘振东's trip.
        meeting = actions.create_meeting(
            users.get(username="clerk_huiwu"),
            kind="executive",
            title="州人民政府第十三次常务会议",
            date=MEETING_DAY,
            place="州政府第一会议室",
        )
        actions.invite_sitting_in(
            users.get(username="clerk_huiwu"), meeting, [Person.objects.get(user__username="fgw_head")]
        )
        report_absence(
            users.get(username="vice_liu"),
            Person.objects.get(user__username="vice_liu"),
            dt.date(2026, 11, 11),
            dt.date(2026, 11, 13),
            "北京",
            "trip",
            "赴国家发展改革委汇报项目",
        )

        # 1. Two departments request topics in writing; their 分管 leaders review them.
        request_topic(as_("fgw_head"), base, "fgw", fgw_title)
        request_topic(as_("jyj_head"), base, "jyj", jyj_title)
        review(as_("vice_liu"), base, fgw_title)
        review(as_("vice_ayigul"), base, jyj_title)

        # 2. The office collects: the 发展改革委's topic is refused, citing art. 40; the 教育局's goes on.
        office = as_("clerk_huiwu")
        office.goto(f"{base}/meetings/{meeting.pk}/")
        office.locator("#collect-form select[name=topic]").select_option(str(Topic.objects.get(title=fgw_title).pk))
        office.locator("#collect-form button").click()
        flash = office.locator("ul.flash")
        expect(flash).to_contain_text("刘振东")
        expect(flash).to_contain_text("不安排上会")
        expect(flash).to_contain_text("《工作规则》第四十条")
        shot(office, "refused")
        office.locator("#collect-form select[name=topic]").select_option(str(Topic.objects.get(title=jyj_title).pk))
        office.locator("#collect-form button").click()
        expect(office.locator("ol.agenda")).to_contain_text(jyj_title)
        expect(office.locator("ol.agenda")).not_to_contain_text(fgw_title)

        # 3. The 州长 confirms the agenda.
        gov = as_("governor")
        gov.goto(f"{base}/meetings/{meeting.pk}/")
        gov.get_by_role("button", name="确定议题").click()
        expect(gov.locator("#meeting-state")).to_have_text("议题已确定")

        # 4. The 发展改革委's head asks for leave; the office approves; he names his deputy.
        head = as_("fgw_head")
        head.goto(f"{base}/meetings/{meeting.pk}/")
        head.locator("#leave-form input[name=reason]").fill("同日赴乌鲁木齐参加自治区项目推进会")
        head.locator("#leave-form button").click()
        expect(head.locator("table.attendance")).to_contain_text("已请假待批")
        office.goto(f"{base}/meetings/{meeting.pk}/")
        office.get_by_role("button", name="批准请假").click()
        expect(office.locator("table.attendance")).to_contain_text("请假已批准")
        head.goto(f"{base}/meetings/{meeting.pk}/")
        head.locator("#deputy-form select[name=deputy]").select_option(
            str(Person.objects.get(user__username="fgw_deputy").pk)
        )
        head.locator("#deputy-form button").click()
        expect(head.locator("table.attendance")).to_contain_text("马丽")
        shot(head, "deputy")

        # 5. The meeting day: held, minutes with two decisions to issue documents, signed by the 州长.
        clock.move_to("2026-11-12 15:00 +0800")
        as_.reset()
        office = as_("clerk_huiwu")
        office.goto(f"{base}/meetings/{meeting.pk}/")
        office.get_by_role("button", name="登记会议召开").click()
        expect(office.locator("#meeting-state")).to_have_text("已召开")
        office.locator("#minutes-form textarea[name=text]").fill("会议原则通过新建寄宿制学校方案。")
        office.locator("#minutes-form button").click()
        for text, doc in (
            ("原则通过新建寄宿制学校方案，由州人民政府印发。", "印发新建寄宿制学校方案"),
            ("制定寄宿制学校管理办法，另行印发。", "印发寄宿制学校管理办法"),
        ):
            form = office.locator("#decision-form")
            form.locator("input[name=text]").fill(text)
            form.locator("input[name=document_title]").fill(doc)
            form.locator("button").click()
            expect(office.locator("ol.decisions")).to_contain_text(doc)
        gov = as_("governor")
        gov.goto(f"{base}/meetings/{meeting.pk}/")
        gov.locator("#sign-minutes").click()
        expect(gov.locator("#meeting-state")).to_have_text("纪要已签发")
        expect(gov.locator("#minutes-signed")).to_contain_text("买买提·艾力")
        shot(gov, "signed")

        # 6. The sixth working day (Fri 11-20): the first document is issued (setup through the records).
        clock.move_to("2026-11-20 10:00 +0800")
        first = FollowUp.objects.get(title="印发新建寄宿制学校方案")
        doc = Document.objects.create(
            flow=Flow.OUTGOING,
            doc_type=DocType.NOTICE,
            direction=Direction.DOWNWARD,
            title="关于印发新建寄宿制学校方案的通知",
            issuer=Unit.objects.get(code="gov"),
            state=DocState.DRAFT,
            rulebook_version=version_in_force(),
            created_by=users.get(username="clerk_wendian"),
            created_at=dt.datetime(2026, 11, 16, 2, tzinfo=dt.UTC),
        )
        actions.link_document(users.get(username="clerk_huiwu"), first, doc)
        Document.objects.filter(pk=doc.pk).update(
            state=DocState.ISSUED, number="克政发〔2026〕88号", issued_at=dt.datetime(2026, 11, 20, 2, tzinfo=dt.UTC)
        )

        # 7. The eighth working day (Tue 11-24): one decision done, the other overdue.
        clock.move_to("2026-11-24 10:00 +0800")
        as_.reset()
        office = as_("clerk_huiwu")
        office.goto(f"{base}/meetings/{meeting.pk}/")
        decisions = office.locator("ol.decisions > li")
        expect(decisions.nth(0).locator(".follow-up[data-kind=document]")).to_contain_text("已完成")
        expect(decisions.nth(0).locator(".follow-up[data-kind=document]")).to_contain_text("2026-11-20")
        expect(decisions.nth(1).locator(".follow-up[data-kind=document]")).to_contain_text("已逾期")
        expect(decisions.nth(1).locator(".follow-up[data-kind=document]")).to_contain_text("2026-11-23")
        shot(office, "done-and-overdue")
        assert Meeting.objects.get(pk=meeting.pk).state == "minutes_signed"
        as_.reset()
