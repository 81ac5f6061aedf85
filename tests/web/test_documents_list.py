"""/documents/: to-dos, the 收文 inbox and the 发文 and 来文 registers, filtered, paginated, and
bounded in queries; each person sees only what is theirs (art. 61)."""

from __future__ import annotations

import pytest
import time_machine

from zhengwu.documents.actions.countersign import request_countersign
from zhengwu.documents.actions.intake import check, create_submission, receive, sign_and_submit, write_office_opinion
from zhengwu.documents.models import Document
from zhengwu.org.models import Unit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = "2026-12-01 09:00 +0800"


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def draft(user, title: str, issuer: str = "fgw", clerk: str = "fgw_clerk") -> Document:
    return create_submission(
        user(clerk), unit(issuer), "qingshi", title, "……妥否，请批示。", ["一项事项"], [unit("gov")], []
    )


def test_todo_tab_lists_what_needs_me(client_as, user):
    doc = draft(user, "关于甲事项的请示")
    request_countersign(user("fgw_clerk"), doc, [unit("czj")])
    body = client_as("czj_head").get("/documents/").content.decode()
    assert "关于甲事项的请示" in body
    assert "会签（州财政局）" in body
    assert "2026-12-10" in body
    # The workbench shows the same to-do.
    assert "会签（州财政局）" in client_as("czj_head").get("/").content.decode()
    assert "关于甲事项的请示" in client_as("fgw_clerk").get("/documents/").content.decode()  # my unit's draft
    assert "关于甲事项的请示" not in client_as("jyj_head").get("/documents/").content.decode()


@pytest.mark.article(51)
def test_the_office_and_the_leader_see_their_steps(client_as, user):
    doc = draft(user, "关于乙事项的请示")
    sign_and_submit(user("fgw_head"), doc)
    body = client_as("clerk_wendian").get("/documents/").content.decode()
    assert "关于乙事项的请示" in body
    assert "签收登记" in body
    receive(user("clerk_wendian"), doc)
    check(user("clerk_wendian"), doc)
    assert "拟办" in client_as("office_director").get("/documents/").content.decode()
    assert "关于乙事项的请示" not in client_as("clerk_wendian").get("/documents/").content.decode()  # not a clerk's
    assert "关于乙事项的请示" not in client_as("vice_liu").get("/documents/").content.decode()
    write_office_opinion(user("office_director"), doc, "拟请刘振东副州长阅示。")
    body = client_as("vice_liu").get("/documents/").content.decode()
    assert "关于乙事项的请示" in body
    assert "呈批" in body
    assert "关于乙事项的请示" not in client_as("vice_ayigul").get("/documents/").content.decode()


def test_registers_show_only_visible_documents_and_filter(client_as, user):
    sign_and_submit(user("fgw_head"), draft(user, "关于发展改革甲的请示"))
    sign_and_submit(user("czj_head"), draft(user, "关于财政乙的请示", issuer="czj", clerk="czj_head"))
    draft(user, "关于财政丙的请示", issuer="czj", clerk="czj_head")
    fgw = client_as("fgw_clerk").get("/documents/?tab=incoming").content.decode()
    assert "关于发展改革甲的请示" in fgw
    assert "关于财政乙的请示" not in fgw
    office = client_as("clerk_wendian").get("/documents/?tab=incoming").content.decode()
    assert "关于发展改革甲的请示" in office
    assert "关于财政乙的请示" in office
    assert "关于财政丙的请示" not in office  # a unit's draft stays its own until sent
    filtered = client_as("clerk_wendian").get("/documents/?tab=incoming&q=财政").content.decode()
    assert "关于财政乙的请示" in filtered
    assert "关于发展改革甲的请示" not in filtered
    by_state = client_as("clerk_wendian").get("/documents/?tab=incoming&state=received").content.decode()
    assert "关于财政乙的请示" not in by_state
    assert "暂无公文" in by_state
    assert "暂无公文" in client_as("fgw_clerk").get("/documents/?tab=outgoing").content.decode()
    assert "暂无收文" in client_as("fgw_clerk").get("/documents/?tab=inbox").content.decode()


def test_registers_paginate(client_as, user):
    for n in range(35):
        draft(user, f"关于第{n}号事项的请示")
    c = client_as("fgw_clerk")
    first = c.get("/documents/?tab=incoming").content.decode()
    assert "第1页，共2页" in first
    assert "关于第34号事项的请示" in first  # newest first
    second = c.get("/documents/?tab=incoming&page=2").content.decode()
    assert "关于第0号事项的请示" in second


@pytest.mark.parametrize("tab", ["todo", "incoming", "outgoing", "inbox"])
def test_the_list_does_not_grow_in_queries_with_documents(client_as, user, tab, django_assert_max_num_queries):
    for n in range(40):
        doc = draft(user, f"关于第{n}号事项的请示")
        if n % 2:
            request_countersign(user("fgw_clerk"), doc, [unit("czj"), unit("sfj")])
    for who in ("fgw_clerk", "czj_head", "clerk_wendian"):
        c = client_as(who)
        with django_assert_max_num_queries(22):
            assert c.get(f"/documents/?tab={tab}").status_code == 200
