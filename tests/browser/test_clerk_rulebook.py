"""A clerk logs in, sees the workbench, opens the rulebook and article 50 (countersign)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import RESULTS

playwright_sync = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser


@pytest.mark.article(50)
def test_clerk_reads_article_50(live_server, demo_loaded, browser):
    RESULTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "clerk_wendian")
    page.fill("#id_password", "zhengwu-demo")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "工作台"
    assert "待办" in page.content()
    page.screenshot(path=str(RESULTS / "workbench.png"), full_page=True)

    page.click("nav.mainnav >> text=工作规则")
    page.wait_for_url(f"{live_server.url}/rules/")
    assert "第五十条" in page.content()
    page.click("#a50 a.num")
    page.wait_for_url(f"{live_server.url}/rules/articles/50/")
    text = page.locator("blockquote.article-text").inner_text()
    assert "会签" in text
    assert "7个工作日" in text
    assert page.locator("h1 .kind-E").inner_text().strip() == "E 系统强制"
    page.screenshot(path=str(RESULTS / "article-50.png"), full_page=True)

    # On a phone the nav collapses behind the menu button and still works.
    phone = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN")
    phone.context.add_cookies(page.context.cookies())
    phone.goto(f"{live_server.url}/rules/articles/50/")
    nav_link = phone.locator("nav.mainnav >> text=工作日历")
    assert not nav_link.is_visible()
    phone.screenshot(path=str(RESULTS / "article-50-phone.png"), full_page=True)
    phone.click("label.nav-button")
    assert nav_link.is_visible()
    phone.screenshot(path=str(RESULTS / "nav-phone-open.png"))
    nav_link.click()
    phone.wait_for_url(f"{live_server.url}/calendar/")
    assert "工作日历" in phone.locator("h1").inner_text()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    phone.screenshot(path=str(RESULTS / "calendar-phone.png"), full_page=True)
