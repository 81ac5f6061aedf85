"""A normative document from its draft to its repeal, through the pages (issue 6).

The 发展改革委 drafts a normative document of the government; its head opens it for comment; a member
of the public, with no account, comments on its 第三条; the period closes by the timer; the unit
answers and publishes the answers; the 司法局's review flags the sentence that sets a 罚款 and
returns it; the unit revises it; the review passes; it goes on an executive meeting's agenda (the
meetings area's guard lets it through only now) and the office records the deliberation; the 分管
副州长 reviews and the 州长 signs it as art. 49 requires; the office issues it with its 发文字号 and
publishes it; the portal gives it its 索引号; the public finds it by a word of its body; it is filed
with the 自治区人民政府 and the 州人大常委会 within 30 days; a year later a successor repeals it, and its
public page shows 废止 with a link to the new one.

The clock: the whole story happens in 2025-26 (the official calendar is known up to 2026), so the
process travels in time (``time_machine``, ticking) — the live server and the browser's forms see
the same clock.  Cookies are session cookies so that the browser, on the real date, keeps them.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine

from tests.browser.conftest import RESULTS

playwright_sync = pytest.importorskip("playwright.sync_api")
expect = playwright_sync.expect

pytestmark = pytest.mark.browser

TITLE = "克孜勒苏柯尔克孜自治州重要商品价格监测管理办法"
BODY = """为规范重要商品价格监测工作，制定本办法。
第一条 本办法适用于本州行政区域内的重要商品价格监测。
第二条 州发展改革委负责组织实施价格监测。
第三条 价格监测点应当按时报送监测数据。
第四条 价格监测点未按时报送数据的，由州发展改革委处以二千元罚款。
第五条 本办法自公布之日起施行。"""
FINE = "第四条 价格监测点未按时报送数据的，由州发展改革委处以二千元罚款。"
FIXED = "第四条 价格监测点未按时报送数据的，由州发展改革委督促其改正。"


class People:
    """One browser context (one session) per demo account; ``None``: the public, no login."""

    def __init__(self, browser, base: str):
        self.browser, self.base, self.pages = browser, base, {}

    def __call__(self, username: str | None):
        if username not in self.pages:
            context = self.browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
            page = context.new_page()
            if username is not None:
                page.goto(f"{self.base}/login/")
                page.fill("#id_username", username)
                page.fill("#id_password", "zhengwu-demo")
                page.click("button[type=submit]")
                page.wait_for_url(f"{self.base}/")
            self.pages[username] = page
        return self.pages[username]


def shot(page, name: str) -> None:
    page.screenshot(path=str(RESULTS / f"normative-document-{name}.png"), full_page=True)


def click_act(page, name: str) -> None:
    page.locator(f"form.act-{name} button[type=submit]").click()


@pytest.mark.article(20, 21, 22, 24, 49)
def test_normative_document(live_server, demo_loaded, browser, settings):
    from zhengwu.legislation.models import NormativeDraft
    from zhengwu.meetings.actions.agenda import collect_topic, review_topic
    from zhengwu.meetings.actions.meetings import create_meeting
    from zhengwu.meetings.models import Topic
    from zhengwu.org.models import Person
    from zhengwu.timers import services as timers

    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None
    settings.ZHENGWU_PUBLIC_FORM_MIN_SECONDS = 1
    RESULTS.mkdir(exist_ok=True)
    base = live_server.url

    def user(name: str):
        return Person.objects.get(user__username=name).user

    with time_machine.travel("2025-06-09 09:00 +0800", tick=True) as clock:
        as_ = People(browser, base)

        # 1. The 发展改革委's clerk drafts it (the government's normative document).
        clerk = as_("fgw_clerk")
        clerk.click("nav.mainnav >> text=规章和规范性文件")
        clerk.click("text=起草")
        clerk.select_option("select[name=kind]", "normative")
        clerk.fill("input[name=title]", TITLE)
        clerk.fill("textarea[name=body]", BODY)
        clerk.click("text=保存草案")
        expect(clerk.locator("#draft-state")).to_have_text("起草中")
        draft = NormativeDraft.objects.get(title=TITLE)
        draft_url = f"{base}/legislation/{draft.pk}/"

        # 2. Its head opens it for comment (7 working days on Xinjiang's calendar, 06-10 being 古尔邦节:
        #    to 2025-06-19).
        head = as_("fgw_head")
        head.goto(draft_url)
        head.click("#act-open")
        expect(head.locator("#draft-state")).to_have_text("公开征求意见中")

        # 3. A member of the public comments on its 第三条, with no account and no name.
        public = as_(None)
        public.goto(f"{base}/public/consultations/")
        public.click(f"text={TITLE}")
        expect(public.locator("#draft-text")).to_contain_text("第三条 价格监测点应当按时报送监测数据。")
        public.select_option("#id_article", label="第三条")
        public.fill("#id_text", "建议明确监测数据的报送频次。")
        public.wait_for_timeout(1100)  # the form's minimum fill time
        public.click("text=提交意见")
        expect(public.locator("#comment")).to_contain_text("意见已收到")
        shot(public, "1-public-comment")
        assert draft.comments.get().article == 3

        # 4. The period closes at 24:00 of 06-19 (the worker's timer); the unit answers and publishes.
        clock.move_to("2025-06-20 09:00 +0800")
        timers.sweep()
        as_ = People(browser, base)  # fresh sessions after the jump
        clerk = as_("fgw_clerk")
        clerk.goto(draft_url)
        expect(clerk.locator("#draft-state")).to_have_text("征求意见结束，待反馈")
        clerk.select_option("form.answer select[name=outcome]", "adopted")
        clerk.click("form.answer button")
        head = as_("fgw_head")
        head.goto(draft_url)
        head.click("#act-publish-answers")
        expect(head.locator("#draft-state")).to_have_text("意见已反馈")

        # 5. Legality review: the fine is flagged, the draft returned.
        head.click("#act-submit")
        expect(head.locator("#draft-state")).to_have_text("合法性审查中")
        sfj = as_("sfj_clerk")
        sfj.goto(draft_url)
        expect(sfj.locator("#flags")).to_contain_text("第4条")
        expect(sfj.locator("#flags")).to_contain_text("罚款")
        expect(sfj.locator("#flags")).to_contain_text("行政处罚")
        shot(sfj, "2-review-flags")
        sfj.select_option("#review-passed", "no")
        sfj.fill("#review-reasons", "第四条设定罚款，规范性文件不得设定行政处罚，请删除。")
        sfj.click("#act-review")
        expect(sfj.locator("#draft-state")).to_have_text("审查退回修改")

        # 6. The unit revises it (a new version) and sends it again; the review passes.
        clerk.goto(draft_url)
        text = clerk.locator("form textarea[name=body]")
        text.fill(BODY.replace(FINE, FIXED))
        clerk.fill("form input[name=note]", "删除罚款规定")
        clerk.click("text=保存新版本")
        head.goto(draft_url)
        head.click("#act-submit")
        sfj.goto(draft_url)
        expect(sfj.locator("#flags")).to_have_count(0)
        sfj.click("#act-review")
        expect(sfj.locator("#draft-state")).to_have_text("合法性审查通过")

        # 7. On an executive meeting's agenda (the 分管副州长 reviews the topic; the office collects it).
        clerk.goto(draft_url)
        clerk.click("#act-topic")
        draft.refresh_from_db()
        topic = Topic.objects.get(pk=draft.topic_id)
        review_topic(user("vice_liu"), topic, "同意提请常务会议审议。", True)
        meeting = create_meeting(
            user("clerk_huiwu"), kind="executive", title="州人民政府第十次常务会议", date=dt.date(2025, 6, 20)
        )
        collect_topic(user("clerk_huiwu"), topic, meeting)
        clock.move_to("2025-06-20 15:00 +0800")
        huiwu = as_("clerk_huiwu")
        huiwu.goto(draft_url)
        huiwu.click("#act-deliberate")
        expect(huiwu.locator("#draft-state")).to_have_text("已集体审议")
        expect(huiwu.locator("main")).to_contain_text("州人民政府第十次常务会议")

        # 8. Signed per art. 49 and issued with its 发文字号 through the documents flow.
        wendian = as_("clerk_wendian")
        wendian.goto(draft_url)
        wendian.click("#act-document")
        wendian.wait_for_url(re.compile(r".*/documents/\d+/$"))
        doc_url = wendian.url
        click_act(wendian, "submit_for_review")
        director = as_("office_director")
        director.goto(doc_url)
        director.fill("form.act-review textarea[name=opinion]", "送签。")
        click_act(director, "review")
        liu = as_("vice_liu")
        liu.goto(doc_url)
        liu.fill("form.act-signing_step textarea[name=text]", "同意，请州长签发。")
        click_act(liu, "signing_step")
        governor = as_("governor")
        governor.goto(doc_url)
        click_act(governor, "sign")
        expect(governor.locator("#doc-state")).to_have_text("已签发，待登记印发")
        wendian.goto(doc_url)
        click_act(wendian, "issue")
        expect(wendian.locator("#doc-number")).to_have_text("克政发〔2025〕1号")

        # 9. Published: the office publishes it, and the portal gives it its 索引号.
        gongkai = as_("clerk_gongkai")
        gongkai.goto(draft_url)
        gongkai.click("#act-publish")
        expect(gongkai.locator("#draft-state")).to_have_text("已公布")
        gongkai.goto(f"{base}/portal/queue/")
        row = gongkai.locator("tr", has_text=TITLE).filter(has_text="规章和规范性文件")
        row.locator("button", has_text="发布").click()

        # 10. The public finds it by a word of its body.
        public.goto(f"{base}/public/items/?q=监测点")
        public.locator(".results a", has_text=TITLE).first.click()
        expect(public.locator("dl.catalogue")).to_contain_text("克政发〔2025〕1号")
        expect(public.locator("dl.catalogue")).to_contain_text("有效")
        index = public.locator("dl.catalogue dd").first.inner_text()
        assert re.fullmatch(r"01047834X/2025-\d{5}", index), index
        item_url = public.url
        shot(public, "3-published")

        # 11. Filed with the 自治区人民政府 and the 州人大常委会 within 30 days.
        clock.move_to("2025-07-10 10:00 +0800")
        as_ = People(browser, base)
        sfj = as_("sfj_clerk")
        sfj.goto(draft_url)
        sfj.click("button.file-xj-gov")
        sfj.click("button.file-npc-standing")
        expect(sfj.locator("#filings")).not_to_contain_text("待备案")
        expect(sfj.locator("#filings")).not_to_contain_text("逾期")
        assert sorted(draft.filings.values_list("state", "filed_late")) == [("filed", False), ("filed", False)]

        # 12. A year later a successor repeals it (its own procedure is run through the actions).
        clock.move_to("2026-06-08 09:00 +0800")
        successor = _successor(draft, clock)
        as_ = People(browser, base)
        public = as_(None)
        public.goto(item_url)
        expect(public.locator("dl.catalogue")).to_contain_text("废止")
        link = public.locator("section", has_text="效力变化").locator("a", has_text=successor.title)
        expect(link).to_be_visible()
        link.click()
        expect(public.locator("h1")).to_have_text(successor.title)
        shot(public, "4-repealed")


def _successor(old, clock):
    """The successor's procedure, by the same actions the pages call."""
    from zhengwu.documents.actions import outgoing
    from zhengwu.legislation.actions import adoption, comments, drafting, review
    from zhengwu.org.models import Person, Unit
    from zhengwu.portal.actions import publish as portal_publish
    from zhengwu.portal.models import ItemKind
    from zhengwu.portal.services import queued_for

    def user(name: str):
        return Person.objects.get(user__username=name).user

    new = drafting.create_draft(
        user("fgw_clerk"),
        kind="normative",
        title=f"{old.title}（2026年修订）",
        body=BODY.replace(FINE, FIXED) + "\n第六条 本办法施行后，原办法同时废止。",
        drafting_unit=Unit.objects.get(code="fgw"),
        replaces=old,
        replace_mode="repeal",
    )
    comments.open_for_comment(user("fgw_head"), new)
    clock.move_to("2026-06-18 09:00 +0800")
    comments.close_comments(user("fgw_clerk"), new)
    comments.publish_answers(user("fgw_head"), new)
    review.submit_for_review(user("fgw_head"), new)
    review.review(user("sfj_clerk"), new, passed=True, reasons="")
    adoption.record_deliberation(
        user("clerk_huiwu"), new, meeting_ref="州人民政府第二十二次常务会议", held_on=dt.date(2026, 6, 18)
    )
    doc = adoption.prepare_document(user("clerk_wendian"), new)
    outgoing.submit_for_review(user("clerk_wendian"), doc)
    outgoing.review(user("office_director"), doc, True, "")
    outgoing.record_signing_step(user("vice_liu"), doc, "同意。")
    outgoing.sign(user("governor"), doc)
    outgoing.issue(user("clerk_wendian"), doc)
    adoption.publish(user("clerk_gongkai"), new)
    portal_publish(user("clerk_gongkai"), queued_for(new, ItemKind.NORMATIVE))
    return new
