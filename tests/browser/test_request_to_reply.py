"""A department's 请示 to the government, through the pages, to the 批复 that answers it.

发展改革委's clerk drafts a 请示 touching the 财政局's and the 司法局's powers; the head sends it for
countersign; the 财政局 agrees, the 司法局 never answers; the timer worker, run in the test process
at a time past the deadline, records the silence; the head signs and submits; the office receives,
checks and writes its 拟办 to the 分管 副州长, who passes it to the 州长, who instructs.  The office
then drafts the 批复, reviews it; the 副州长 reviews and the 州长 signs — as art. 49 names them —
and the office issues it with a number; it arrives in the department's inbox and its PDF downloads.

Nothing is frozen in the browser: the clock moves only for :func:`zhengwu.timers.services.sweep`.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tests.browser.conftest import RESULTS

playwright_sync = pytest.importorskip("playwright.sync_api")

TITLE = "关于申请安排重大项目前期工作经费的请示"
REPLY = "关于申请安排重大项目前期工作经费的批复"
SILENCE = "逾期未回复，视为无不同意见"

pytestmark = pytest.mark.browser


class People:
    """One browser context (one session) per demo account."""

    def __init__(self, browser, base: str):
        self.browser, self.base, self.pages = browser, base, {}

    def __call__(self, username: str):
        if username not in self.pages:
            context = self.browser.new_context(
                viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True
            )
            page = context.new_page()
            page.goto(f"{self.base}/login/")
            page.fill("#id_username", username)
            page.fill("#id_password", "zhengwu-demo")
            page.click("button[type=submit]")
            page.wait_for_url(f"{self.base}/")
            self.pages[username] = page
        return self.pages[username]


def expect_state(page, text: str) -> None:
    playwright_sync.expect(page.locator("#doc-state")).to_have_text(text)


def click_act(page, name: str) -> None:
    page.locator(f"form.act-{name} button[type=submit]").click()


def shot(page, name: str) -> None:
    page.screenshot(path=str(RESULTS / f"request-to-reply-{name}.png"), full_page=True)


@pytest.mark.article(49, 50)
def test_request_to_reply(live_server, demo_loaded, browser):
    from zhengwu.documents.models import CountersignState, CountersignTask, Document
    from zhengwu.org.models import Person
    from zhengwu.timers import services as timers
    from zhengwu.workdays.services import deadline_close

    RESULTS.mkdir(exist_ok=True)
    base = live_server.url
    as_ = People(browser, base)

    # 1. The 发展改革委's clerk drafts the 请示 (the government is the default main recipient).
    clerk = as_("fgw_clerk")
    clerk.click("nav.mainnav >> text=公文")
    clerk.wait_for_url(f"{base}/documents/")
    clerk.click("text=起草报送公文")
    clerk.wait_for_url(f"{base}/documents/new/")
    clerk.fill("#id_title", TITLE)
    clerk.fill("#id_body", "州人民政府：\n为推进重大项目前期工作，拟申请安排前期工作经费。\n妥否，请批示。")
    clerk.fill("#id_request_items", "安排重大项目前期工作经费")
    clerk.click("button[type=submit].primary")
    clerk.wait_for_url(re.compile(r"/documents/\d+/$"))
    doc = Document.objects.get(title=TITLE)
    url = f"{base}/documents/{doc.pk}/"
    expect_state(clerk, "起草")

    # 2. Its head asks the 财政局 and the 司法局 to countersign (art. 50), due in 7 working days.
    head = as_("fgw_head")
    head.goto(url)
    head.click("#countersign summary:has-text('发起会签')")
    head.select_option("form.act-request_countersign select[name=units]", label=["州财政局", "州司法局"])
    click_act(head, "request_countersign")
    expect_state(head, "会签中")
    playwright_sync.expect(head.locator("table.countersign tbody tr")).to_have_count(2)

    # 3. The 财政局's head agrees; the 司法局 never answers.
    czj = as_("czj_head")
    czj.goto(url)
    czj.click("table.countersign summary:has-text('回复会签意见')")
    czj.select_option("table.countersign select[name=state]", "agreed")
    czj.fill("table.countersign textarea[name=text]", "同意。")
    czj.click("table.countersign button:has-text('提交会签意见')")
    playwright_sync.expect(czj.locator("ol.timeline")).to_contain_text("州财政局会签")
    sfj_task = CountersignTask.objects.get(document=doc, unit__code="sfj")
    assert sfj_task.state == CountersignState.PENDING

    # 4. The clock passes the deadline: the worker records the silence, whether anyone looks or not.
    result = timers.sweep(now=deadline_close(sfj_task.due) + dt.timedelta(minutes=5))
    assert result.fired == 2  # the reminder (催办) the day before, and the deadline
    head.reload()
    playwright_sync.expect(head.locator("table.countersign")).to_contain_text(SILENCE)
    playwright_sync.expect(head.locator("ol.timeline")).to_contain_text(SILENCE)
    shot(head, "countersign")

    # 5. The head signs and submits (art. 49); the office receives, checks and writes its 拟办.
    click_act(head, "sign_and_submit")
    expect_state(head, "已报送，待签收")
    wendian = as_("clerk_wendian")
    wendian.goto(f"{base}/documents/")
    wendian.click(f"text={TITLE}")
    wendian.wait_for_url(url)
    click_act(wendian, "receive")
    expect_state(wendian, "已签收登记，待初审")
    click_act(wendian, "check")
    expect_state(wendian, "初审通过，待拟办")
    director = as_("office_director")
    director.goto(url)
    director.fill("form.act-office_opinion textarea[name=text]", "拟请刘振东副州长阅示。")
    click_act(director, "office_opinion")
    expect_state(director, "已拟办，呈批中")

    # 6. The 分管 副州长 passes it to the 州长, who instructs (art. 51).
    liu = as_("vice_liu")
    liu.goto(url)
    governor_pk = Person.objects.get(user__username="governor").pk
    liu.select_option("form.act-pass_on select[name=to_person]", str(governor_pk))
    liu.fill("form.act-pass_on input[name=text]", "请州长审定。")
    click_act(liu, "pass_on")
    playwright_sync.expect(liu.locator("ol.timeline")).to_contain_text("转请买买提·艾力")
    governor = as_("governor")
    governor.goto(f"{base}/documents/")
    governor.click(f"text={TITLE}")
    governor.fill("form.act-instruct textarea[name=text]", "同意。请发展改革委抓紧实施。")
    click_act(governor, "instruct")
    expect_state(governor, "已批示")
    shot(governor, "instructed")

    # 7. The office drafts the 批复 (an important document sent down: art. 49 names the signers).
    wendian.goto(url)
    wendian.click("text=起草答复")
    wendian.wait_for_url(re.compile(r"/documents/outgoing/new/\?replies_to=\d+"))
    assert wendian.locator("#id_important").is_checked()
    wendian.fill("#id_title", REPLY)
    wendian.fill("#id_body", "州发展改革委：\n你委《关于申请安排重大项目前期工作经费的请示》收悉。经研究，同意。")
    wendian.click("button[type=submit].primary")
    wendian.wait_for_url(re.compile(r"/documents/\d+/$"))
    reply = Document.objects.get(title=REPLY)
    reply_url = f"{base}/documents/{reply.pk}/"
    who = wendian.locator("#who-signs")
    playwright_sync.expect(who).to_contain_text("由州长或常务副州长签发")
    playwright_sync.expect(who).to_contain_text("刘振东（副州长）审核")
    playwright_sync.expect(who).to_contain_text("第四十九条")
    click_act(wendian, "submit_for_review")
    expect_state(wendian, "办公室审核中")

    director.goto(reply_url)
    director.fill("form.act-review textarea[name=opinion]", "文种、格式符合要求，送签。")
    click_act(director, "review")
    expect_state(director, "待签发")

    # 8. The 分管 副州长 reviews; the 州长 signs.
    liu.goto(reply_url)
    liu.fill("form.act-signing_step textarea[name=text]", "同意，请州长签发。")
    click_act(liu, "signing_step")
    playwright_sync.expect(liu.locator("ol.timeline")).to_contain_text("审核")
    governor.goto(f"{base}/documents/")
    playwright_sync.expect(governor.locator(".doc-todos")).to_contain_text("待签发")
    governor.goto(reply_url)
    click_act(governor, "sign")
    expect_state(governor, "已签发，待登记印发")

    # 9. The office registers it with a number and issues it to the department's inbox.
    wendian.goto(reply_url)
    click_act(wendian, "issue")
    expect_state(wendian, "已印发")
    number = wendian.locator("#doc-number").inner_text().strip()
    assert re.fullmatch(r"克政发〔\d{4}〕\d+号", number), number
    shot(wendian, "issued")

    clerk.goto(f"{base}/documents/?tab=inbox")
    playwright_sync.expect(clerk.locator("table")).to_contain_text(number)
    clerk.click(f"text={REPLY}")
    clerk.wait_for_url(reply_url)
    click_act(clerk, "receive_delivery")
    playwright_sync.expect(clerk.locator("#doc")).to_contain_text("孙磊")
    with clerk.expect_download() as info:
        clerk.click("text=下载PDF")
    download = info.value
    assert download.suggested_filename == f"{number}.pdf"
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF")
    shot(clerk, "received")

    # The request shows it was answered, with the link to the 批复.
    clerk.goto(url)
    expect_state(clerk, "已答复")
    playwright_sync.expect(clerk.locator("dl.facts")).to_contain_text(number)
