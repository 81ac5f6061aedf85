"""工作台: to-dos (销假 due, absences reported to the office), deadlines in working days, notices."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from zhengwu.notices.models import Notice
from zhengwu.org import actions
from zhengwu.org.models import Person

pytestmark = pytest.mark.django_db

BEIJING = dt.timezone(dt.timedelta(hours=8))


def test_empty_panels_say_so(client_as):
    body = client_as("fgw_clerk").get("/").content.decode()
    assert "工作台" in body
    assert "我的待办" in body
    assert "暂无待办" in body
    assert "暂无期限" in body
    assert "暂无未读通知" in body


@pytest.mark.article(58)
@time_machine.travel(dt.datetime(2026, 9, 21, 10, tzinfo=BEIJING), tick=False)
def test_open_absence_is_a_todo_with_working_days_left(client_as, user):
    liu = user("vice_liu")
    actions.report_absence(
        liu, Person.objects.get(user=liu), dt.date(2026, 9, 22), dt.date(2026, 9, 30), "乌鲁木齐", "trip", "参加会议"
    )
    body = client_as("vice_liu").get("/").content.decode()
    assert "销假" in body
    assert "乌鲁木齐" in body
    # 9/22–9/30: 9/25–9/27 are the Mid-Autumn holiday, 9/28 (Mon)–9/30 work: 22,23,24,28,29,30 → 6
    assert "还有6个工作日" in body
    # The office sees it among the absences reported to it; the governor got a notice.
    assert "刘振东" in client_as("clerk_wendian").get("/").content.decode()
    assert "报告离州外出" in client_as("governor").get("/").content.decode()


def test_mark_a_notice_read_with_htmx(client_as, user):
    wendian = user("clerk_wendian")
    notice = Notice.objects.create(recipient=wendian, title="测试通知", created_at=dt.datetime.now(dt.UTC))
    c = client_as("clerk_wendian")
    assert "测试通知" in c.get("/").content.decode()
    response = c.post(f"/notices/{notice.pk}/read/", {"compact": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "已读" in response.content.decode()
    assert 'id="unread-badge"' in response.content.decode()
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_admin_warned_when_next_year_is_missing(client_as):
    with time_machine.travel(dt.datetime(2026, 11, 20, 10, tzinfo=BEIJING), tick=False):
        admin_page = client_as("admin").get("/").content.decode()
        clerk_page = client_as("clerk_wendian").get("/").content.decode()
    assert "2027年的官方放假安排尚未全部录入：该年的期限暂按法定节假日推算" in admin_page
    assert "/calendar/?year=2027" in admin_page
    assert "2027年的官方放假安排尚未全部录入" not in clerk_page


def test_nav_in_english_after_switching_language(client_as):
    c = client_as("clerk_wendian")
    response = c.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    body = c.get("/").content.decode()
    assert "Workbench" in body
    assert "Work Rules" in body
    assert "My to-dos" in body
    c.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "工作台" in c.get("/").content.decode()


def test_nav_shows_name_positions_and_unread_count(client_as):
    body = client_as("clerk_wendian").get("/").content.decode()
    assert "李娜" in body
    assert "文电科科员" in body
    assert 'id="unread-badge"' in body
    assert "审计记录" not in body  # not an audit reader
    assert "审计记录" in client_as("secretary_general").get("/").content.decode()


@pytest.mark.article(50, 52)
def test_joint_countersign_and_legal_review_are_on_the_workbench_of_those_who_act(client_as, user):
    from tests.documents.test_agreement_review import agreement
    from tests.documents.test_joint_documents import joint
    from zhengwu.documents.actions.outgoing import countersign_joint, record_legal_review

    with time_machine.travel(dt.datetime(2026, 12, 1, 9, tzinfo=BEIJING), tick=False):
        doc = joint(user, "zrzyj")
        deal = agreement(user)
        head = client_as("zrzyj_head").get("/").content.decode()
        assert "联合发文会签" in head
        assert doc.title in head
        assert "联合发文会签" not in client_as("czj_head").get("/").content.decode()
        review = client_as("sfj_clerk").get("/").content.decode()
        assert "合作协议合法性审核" in review
        assert deal.title in review
        assert "合作协议合法性审核" not in client_as("fgw_clerk").get("/").content.decode()
        assert "待签发（尚不能签发）" in client_as("governor").get("/documents/?tab=todo").content.decode()

        countersign_joint(user("zrzyj_head"), doc)
        record_legal_review(user("sfj_clerk"), deal, True, "")
        assert "联合发文会签" not in client_as("zrzyj_head").get("/").content.decode()
        assert "合作协议合法性审核" not in client_as("sfj_clerk").get("/").content.decode()
