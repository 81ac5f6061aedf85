"""A refusal reaches the person who clicked, on the page, where they clicked (issue 10).

The 发展改革委's head clicks 「签发并报送」 on a 请示 whose countersign the 财政局 has not answered:
the rules refuse (art. 50) and the page shows why, with the article.  Then the same page meets what
htmx alone would drop — a rulebook version that lacks art. 50's parameter (409), a proxy's 502, a
network that is down and a form that expired (403) — and each time the red box appears just before the
form that was sent, and goes away when it is sent again.

The live server shares the test process's clock, so ``time_machine`` moves both (to June 2026, whose
working days are on the calendar).
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tests.browser.conftest import RESULTS

playwright_sync = pytest.importorskip("playwright.sync_api")
expect = playwright_sync.expect

pytestmark = pytest.mark.browser

TITLE = "关于申请安排重大项目前期工作经费的请示"


def sign_in(browser, base: str, username: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "zhengwu-demo")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def draft(countersign_units: tuple[str, ...] = ()):
    from django.contrib.auth import get_user_model

    from zhengwu.documents.actions import countersign
    from zhengwu.documents.actions.intake import create_submission
    from zhengwu.org.models import Unit

    users = get_user_model().objects
    doc = create_submission(
        users.get(username="fgw_clerk"),
        Unit.objects.get(code="fgw"),
        "qingshi",
        TITLE,
        "州人民政府：……妥否，请批示。",
        ["安排前期工作经费"],
        [Unit.objects.get(code="gov")],
        [],
    )
    if countersign_units:
        countersign.request_countersign(
            users.get(username="fgw_head"), doc, list(Unit.objects.filter(code__in=countersign_units))
        )
    return doc


@pytest.mark.article(50)
def test_signing_before_countersign_is_answered_shows_the_refusal_with_its_article(live_server, demo_loaded, browser):
    from zhengwu.documents.models import DocState, Document

    RESULTS.mkdir(exist_ok=True)
    with time_machine.travel("2026-06-15 10:00 +0800", tick=True):
        doc = draft()
        head = sign_in(browser, live_server.url, "fgw_head")
        head.goto(f"{live_server.url}/documents/{doc.pk}/")
        expect(head.locator("#doc-state")).to_have_text("起草")
        # the page offered 签发并报送; meanwhile the 财政局's countersign was asked for (a stale page)
        from django.contrib.auth import get_user_model

        from zhengwu.documents.actions import countersign
        from zhengwu.org.models import Unit

        countersign.request_countersign(
            get_user_model().objects.get(username="fgw_head"), doc, [Unit.objects.get(code="czj")]
        )
        head.locator("form.act-sign_and_submit button[type=submit]").click()
        refusal = head.locator("#doc .refusal[role=alert]")
        expect(refusal).to_be_visible()
        expect(refusal).to_contain_text("州财政局")
        expect(refusal).to_contain_text("（《工作规则》第五十条）")
        expect(refusal).to_be_in_viewport()
        head.screenshot(path=str(RESULTS / "refusal-shown-art50.png"), full_page=True)
        assert Document.objects.get(pk=doc.pk).state == DocState.COUNTERSIGNING


def test_what_htmx_would_drop_is_shown_before_the_form(live_server, demo_loaded, browser):
    from tests.rulebook.texts import reissued
    from zhengwu.rulebook.actions import import_version

    base = live_server.url
    with time_machine.travel(dt.datetime(2026, 6, 2, 9, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=True):
        version = import_version(None, reissued(), dt.date(2026, 6, 1))
        doc = draft()
        head = sign_in(browser, base, "fgw_head")
        head.goto(f"{base}/documents/{doc.pk}/")
        form = "form.act-request_countersign"
        head.click("#countersign summary:has-text('发起会签')")
        head.select_option(f"{form} select[name=units]", label=["州财政局"])

        # 1. The version in force lost art. 50's 7 working days: 409, the box says what to do.
        reply_days = version.parameters.get(key="countersign.reply_days")
        reply_days.delete()
        version.revision += 1
        version.save(update_fields=["revision"])
        head.locator(f"{form} button[type=submit]").click()
        refusal = head.locator(".htmx-refusal")
        expect(refusal).to_have_count(1)
        expect(refusal).to_have_attribute("role", "alert")
        expect(refusal).to_contain_text("没有标注参数“countersign.reply_days”")
        expect(refusal).to_contain_text("这不是您的操作有误")
        assert head.evaluate(
            "document.querySelector('.htmx-refusal').nextElementSibling.matches('form.act-request_countersign')"
        )
        head.screenshot(path=str(RESULTS / "refusal-shown-409.png"), full_page=True)

        # 2. A proxy answers 502 with a page of its own: the sentence with the status, one box only.
        head.route(
            "**/act/request_countersign/",
            lambda route: route.fulfill(status=502, body="Bad Gateway", content_type="text/plain"),
        )
        head.locator(f"{form} button[type=submit]").click()
        expect(refusal).to_have_count(1)
        expect(refusal).to_contain_text("服务器未能完成这项操作（HTTP 502）")

        # 3. The network is down.
        head.unroute("**/act/request_countersign/")
        head.route("**/act/request_countersign/", lambda route: route.abort())
        head.locator(f"{form} button[type=submit]").click()
        expect(refusal).to_have_count(1)
        expect(refusal).to_contain_text("无法连接服务器")
        head.unroute("**/act/request_countersign/")

        # 4. The parameter is back: the request goes through and the box is gone with the old form.
        reply_days.pk = None
        reply_days.save()
        version.revision += 1
        version.save(update_fields=["revision"])
        head.locator(f"{form} button[type=submit]").click()
        expect(head.locator("#doc-state")).to_have_text("会签中")
        expect(refusal).to_have_count(0)

        # 5. The form expired (signed in again elsewhere: a new CSRF cookie): reload, with a link.
        doc = draft()  # a fresh draft, whose page offers 签发并报送
        head.goto(f"{base}/documents/{doc.pk}/")
        cookies = [c for c in head.context.cookies() if c["name"] == "csrftoken"]
        head.context.add_cookies([{**cookies[0], "value": "x" * 32}])
        sign = "form.act-sign_and_submit"
        head.locator(f"{sign} button[type=submit]").click()
        expect(refusal).to_have_count(1)
        expect(refusal).to_contain_text("页面已过期")
        assert head.evaluate(f"document.querySelector('.htmx-refusal').nextElementSibling.matches('{sign}')")
        expect(refusal.locator("a")).to_have_attribute("href", f"{base}/documents/{doc.pk}/")
