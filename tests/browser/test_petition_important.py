"""An important letter, through the pages (art. 35).

The 信访局 registers a letter about the 教育局 and marks it important; it is routed to the 分管
副州长 阿依古丽, and stays open — shown as awaiting her on her workbench — until she has read it and
written an instruction, after which it is followed as a supervision item.  A 发展改革委 clerk, who
has nothing to do with the case, sees the petitioner's personal data masked.

The live server shares the test process's clock, so ``time_machine`` moves both (to June 2026, so
that every limit falls within the calendar's known years).
"""

from __future__ import annotations

import pytest
import time_machine

from tests.browser.conftest import RESULTS

playwright_sync = pytest.importorskip("playwright.sync_api")
expect = playwright_sync.expect

pytestmark = pytest.mark.browser

SUMMARY = "反映某乡村学校寄宿生宿舍冬季供暖不足，请求解决。"
PHONE = "13912340000"
ID_NUMBER = "653022199001011234"


def login(browser, base: str, username: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "zhengwu-demo")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def shot(page, name: str) -> None:
    page.screenshot(path=str(RESULTS / f"petition-important-{name}.png"), full_page=True)


@pytest.mark.article(35)
def test_an_important_letter_waits_for_the_leaders_instruction(live_server, demo_loaded, browser):
    from zhengwu.petitions.models import Petition, State
    from zhengwu.supervision.models import SupervisionItem

    RESULTS.mkdir(exist_ok=True)
    base = live_server.url
    with time_machine.travel("2026-06-02 09:00 +0800", tick=True):
        # 1. The 信访局 registers the letter, marks it important: routed to the 分管 副州长.
        xfj = login(browser, base, "xfj_head")
        xfj.click("nav.mainnav >> text=信访")
        xfj.wait_for_url(f"{base}/petitions/")
        xfj.click("text=登记来信来访")
        xfj.select_option("#id_channel", "letter")
        xfj.fill("#id_received_on", "2026-06-01")
        xfj.select_option("#id_unit_concerned", "jyj")
        xfj.fill("#id_summary", SUMMARY)
        xfj.fill("#id_petitioner_name", "演示·马某某")
        xfj.fill("#id_id_number", ID_NUMBER)
        xfj.fill("#id_phone", PHONE)
        xfj.fill("#id_address", "乌恰县演示村3组")
        xfj.check("#id_important")
        xfj.click("button:has-text('登记')")
        xfj.wait_for_url(f"{base}/petitions/*/")
        expect(xfj.locator("#leader-instruction")).to_contain_text("阿依古丽·吐尔逊")
        expect(xfj.locator("#awaiting-instruction")).to_be_visible()
        expect(xfj.locator("#petitioner-phone")).to_have_text(PHONE)  # the bureau handles the case
        petition = Petition.objects.get(summary=SUMMARY)
        url = f"{base}/petitions/{petition.pk}/"
        shot(xfj, "1-registered")

        # 2. A clerk outside the case does not find it (need to know, 信访工作条例): the page
        #    answers as for a letter that does not exist, and shows nothing of the petitioner.
        outsider = login(browser, base, "fgw_clerk")
        response = outsider.goto(url)
        assert response is not None
        assert response.status == 404
        expect(outsider.locator("#petitioner-masked")).to_have_count(0)
        assert SUMMARY not in outsider.content()
        assert PHONE not in outsider.content()
        #    The 州长 reads the case, but not handling it, sees the petitioner's data masked.
        governor = login(browser, base, "governor")
        governor.goto(url)
        expect(governor.locator("#petitioner-masked")).to_be_visible()
        expect(governor.locator("#petitioner-phone")).to_have_text("139****0000")
        expect(governor.locator("#petitioner-id")).to_have_text("65************1234")
        assert PHONE not in governor.content()
        assert ID_NUMBER not in governor.content()
        shot(governor, "2-masked")

        # 3. Still open: the leader sees it awaiting her on the workbench; it cannot be concluded.
        assert Petition.objects.get(pk=petition.pk).awaiting_instruction
        leader = login(browser, base, "vice_ayigul")
        expect(leader.locator("#petitions-awaiting")).to_contain_text(petition.number)
        shot(leader, "3-workbench")
        leader.click(f"#petitions-awaiting >> text={petition.number}")
        leader.wait_for_url(url)
        expect(leader.locator("#petitioner-phone")).to_have_text(PHONE)  # the leader it went to
        assert Petition.objects.get(pk=petition.pk).leader_read_at is not None

        # 4. She writes the instruction; it becomes a supervision item.
        leader.fill("#id_instruction", "请教育局会同阿图什市立即核查，确保寄宿生温暖过冬，结果报我。")
        leader.click("#instruct")
        leader.wait_for_url(url)
        expect(leader.locator("#instruction")).to_contain_text("确保寄宿生温暖过冬")
        expect(leader.locator("#awaiting-instruction")).to_have_count(0)
        shot(leader, "4-instructed")
        leader.click("#followup")
        expect(leader.locator("h1")).to_contain_text("落实领导批示")
        shot(leader, "5-supervision")

        petition.refresh_from_db()
        item = SupervisionItem.objects.get(pk=petition.followup_id)
        assert (item.origin, item.lead_unit.code, petition.state) == ("petition", "jyj", State.REGISTERED)
        assert not petition.awaiting_instruction
