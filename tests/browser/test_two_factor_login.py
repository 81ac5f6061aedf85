"""Two factors in a real browser (issue 12, GB/T 22239-2019 8.1.4.1 d): the 州长 signs in with his
password, is asked to bind an authenticator, reads the secret under the QR code, enters the app's
six digits, keeps his recovery codes, and reaches his workbench.  Next time the password alone does
not sign him in: the page asks for the code, and the code lets him in.

``ZHENGWU_DEMO`` is switched off for this test, so the demo people are held to the second factor
as in production.  The live server shares the test process's clock, so ``time_machine`` moves
both: the second sign-in happens a few minutes later, when the authenticator shows a new code.
"""

from __future__ import annotations

import datetime as dt

import pyotp
import pytest
import time_machine
from django.utils import timezone

from tests.browser.conftest import RESULTS

playwright_sync = pytest.importorskip("playwright.sync_api")
expect = playwright_sync.expect

pytestmark = pytest.mark.browser


def _password(browser, base: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.goto(f"{base}/login/")
    page.fill("#id_username", "governor")
    page.fill("#id_password", "zhengwu-demo")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/login/second-factor/")
    return page


def test_the_governor_binds_an_authenticator_and_signs_in_with_it(live_server, demo_loaded, browser, settings) -> None:
    settings.ZHENGWU_DEMO = False
    base = live_server.url
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        page = _password(browser, base)
        expect(page.locator(".qr svg")).to_be_visible()  # the QR code, drawn by the server
        secret = page.locator("code.secret").inner_text().strip()
        page.goto(f"{base}/")  # the password alone has not signed him in
        page.wait_for_url(f"{base}/login/**")
        page.goto(f"{base}/login/second-factor/")
        page.fill("input[name=code]", "000000")
        page.click("button[type=submit]")
        expect(page.locator(".field.has-error small.error")).to_contain_text("动态口令不正确")
        secret = page.locator("code.secret").inner_text().strip() or secret
        page.fill("input[name=code]", pyotp.TOTP(secret).now())
        page.click("button[type=submit]")
        codes = page.locator("ul.recovery-codes code")
        expect(codes).to_have_count(10)
        RESULTS.mkdir(exist_ok=True)
        page.screenshot(path=str(RESULTS / "two-factor-recovery-codes.png"), full_page=True)
        page.click("a.button.primary")
        page.wait_for_url(f"{base}/")
        expect(page.locator("nav.mainnav")).to_be_visible()
        page.close()

    with time_machine.travel(start + dt.timedelta(minutes=3), tick=False):
        page = _password(browser, base)
        expect(page.locator(".qr svg")).to_have_count(0)  # bound: no new secret is offered
        page.fill("input[name=code]", pyotp.TOTP(secret).now())
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/")
        expect(page.locator("nav.mainnav")).to_be_visible()
        page.screenshot(path=str(RESULTS / "two-factor-signed-in.png"), full_page=True)
        page.close()
