"""The public portal in a browser: the office publishes a queued item; a member of the public
finds it by a word of its body, reads it with its 索引号, and applies for other information; the
office sees the application in its register and answers it.

Nothing is frozen: the portal's dates are today's.
"""

from __future__ import annotations

import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from tests.browser.conftest import RESULTS
from zhengwu.org.models import Unit
from zhengwu.portal.models import ItemKind
from zhengwu.portal.services import queue_for_publication

playwright_sync = pytest.importorskip("playwright.sync_api")
expect = playwright_sync.expect

pytestmark = pytest.mark.browser

TITLE = "关于做好高原牧区冬春草场防灾减灾工作的通知"
BODY = "各县（市）人民政府：\n入冬以来，请切实做好冬春草场防灾减灾和牲畜越冬饲草料储备工作。"


def login(browser, base: str, username: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "zhengwu-demo")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def test_publish_find_read_and_apply(live_server, demo_loaded, browser) -> None:
    base = live_server.url
    with transaction.atomic():  # as the area that queues it would, inside its action
        queue_for_publication(
            actor=get_user_model().objects.get(username="clerk_gongkai"),
            kind=ItemKind.DOCUMENT,
            title=TITLE,
            counted_from=timezone.localdate(),
            provision="disclosure.proactive",
            body=BODY,
            issuing_unit=Unit.objects.get(code="zrzyj"),
            category="农业农村",
            genre="通知",
        )
    # the office's 信息公开 clerk publishes it from the queue
    staff = login(browser, base, "clerk_gongkai")
    staff.goto(f"{base}/portal/queue/")
    row = staff.locator("tr", has_text=TITLE)
    expect(row).to_contain_text(TITLE)
    row.get_by_role("button", name="发布").click()
    expect(staff.locator(".flash")).to_contain_text("索引号010478462/")

    # the public: no login, search a word of the body, open the item
    public = browser.new_context(locale="zh-CN").new_page()
    public.goto(f"{base}/public/")
    public.keyboard.press("Tab")
    expect(public.locator("a.skip")).to_be_focused()
    public.get_by_label("关键词").fill("饲草料")
    public.get_by_role("button", name="检索").click()
    public.get_by_role("link", name=TITLE).click()
    expect(public.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(public.locator("dl.catalogue")).to_contain_text(re.compile(r"010478462/\d{4}-\d{5}"))
    expect(public.locator("dl.catalogue")).to_contain_text("农业农村")
    public.screenshot(path=str(RESULTS / "portal-item.png"), full_page=True)

    # 依申请公开: the form asks for three things
    public.get_by_role("link", name="依申请公开").first.click()
    public.get_by_label("申请人姓名或者名称").fill("吐尔洪")
    public.get_by_label("联系方式（电话、电子邮箱或通信地址）").fill("0908-1234567")
    public.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill("2026年草场防灾减灾资金的分配情况")
    time.sleep(3.2)  # a person takes a few seconds; robots that post at once are refused
    public.get_by_role("button", name="提交申请").click()
    expect(public.get_by_role("status")).to_contain_text("申请编号")
    number = re.search(r"依申请〔\d{4}〕\d+号", public.get_by_role("status").inner_text())
    assert number is not None

    # the office answers it
    staff.goto(f"{base}/portal/applications/")
    staff.get_by_role("link", name=number.group(0)).click()
    staff.get_by_label("答复类型").select_option("disclosed")
    staff.get_by_label("答复内容").fill("所申请信息已予公开，见附件。")
    staff.get_by_role("button", name="答复", exact=True).click()
    expect(staff.locator("dl.facts")).to_contain_text("予以公开")
