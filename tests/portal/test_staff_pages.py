"""Staff pages (arts. 27–29): the publication queue with due dates and what is late, publish and
withhold; the applications register with the annual-report table; the workbench panel."""

from __future__ import annotations

import pytest

from tests.portal.conftest import D
from zhengwu.portal.models import Application, ItemState

pytestmark = [pytest.mark.article(29), pytest.mark.usefixtures("frozen")]


def test_queue_shows_due_dates_and_lateness(queued, client_as) -> None:
    late = queued(title="逾期的会议纪要公开", counted_from=D(2026, 10, 9))
    page = client_as("clerk_gongkai").get("/portal/queue/")
    html = page.content.decode()
    assert page.status_code == 200
    assert late.title in html
    assert "2026-11-05" in html
    assert "已逾期" in html
    assert client_as("fgw_clerk").get("/portal/queue/").status_code == 403


def test_publish_and_withhold_from_the_page(queued, client_as) -> None:
    a, b = queued(title="甲"), queued(title="乙")
    client_as("clerk_gongkai").post(f"/portal/queue/{a.pk}/publish/")
    client_as("clerk_gongkai").post(f"/portal/queue/{b.pk}/withhold/", {"exemption": "process", "reason": "过程稿"})
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.state == ItemState.PUBLISHED
    assert b.state == ItemState.WITHHELD
    c = queued(title="丙")
    response = client_as("clerk_wendian").post(f"/portal/queue/{c.pk}/publish/", follow=True)
    assert "信息公开" in response.content.decode()
    c.refresh_from_db()
    assert c.state == ItemState.QUEUED


def test_workbench_panel_for_disclosure_staff(queued, client_as) -> None:
    item = queued(title="临近公开期限的信息", counted_from=D(2026, 11, 3))
    assert item.title in client_as("clerk_gongkai").get("/").content.decode()
    assert item.title not in client_as("fgw_clerk").get("/").content.decode()


@pytest.mark.article(27)
def test_applications_register_and_reply(db, client_as, user) -> None:
    app = Application.objects.create(
        number="依申请〔2026〕9101号",
        applicant_name="赵六",
        contact="1",
        description="某信息",
        received_on=D(2026, 11, 20),
        received_at="2026-11-20T09:00+08:00",
        due_on=D(2026, 12, 18),
    )
    register = client_as("clerk_gongkai").get("/portal/applications/")
    assert register.status_code == 200
    assert app.number in register.content.decode()
    assert "年度报告" in register.content.decode()
    client_as("clerk_gongkai").post(
        f"/portal/applications/{app.pk}/reply/", {"reply_type": "other_channel", "text": "请向不动产登记中心申请。"}
    )
    app.refresh_from_db()
    assert app.state == "answered"
    assert app.reply_type == "other_channel"
    detail = client_as("clerk_gongkai").get(f"/portal/applications/{app.pk}/").content.decode()
    assert "告知通过其他途径办理" in detail
