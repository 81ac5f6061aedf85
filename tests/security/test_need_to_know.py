"""Need to know in every area (art. 61): oversight cases, suggestions, supervision items, legislation
drafts and the audit trail.  Each area states who may see its objects in one query
(``<things>_visible_to``); a user of another unit gets 404 on the object exactly as for an id that
does not exist, and does not find it in any list, on the pages or in the API; the people
responsible do."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.db import transaction

from tests.api.conftest import Api
from zhengwu.audit import services as audit
from zhengwu.audit.models import AuditRecord
from zhengwu.legislation.actions import comments, drafting
from zhengwu.legislation.models import NormativeKind
from zhengwu.org.models import Unit
from zhengwu.oversight.models import Case
from zhengwu.petitions.models import Petition
from zhengwu.suggestions.actions import assign, register
from zhengwu.supervision import actions as supervision

pytestmark = pytest.mark.article(61)

MISSING = 10**9


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def sees(client_as, username: str, page: str, api: str, marker: str) -> bool:
    """Whether ``username`` finds ``marker`` in the list page and in the API list."""
    client = client_as(username)
    on_page = marker in client.get(page).content.decode()
    in_api = marker in json.dumps(Api(client).get(api).json(), ensure_ascii=False)
    assert on_page == in_api, (username, page, api)
    return on_page


def reads(client_as, username: str, page: str, api: str) -> bool:
    """Whether ``username`` opens the object (page and API); otherwise both answer 404."""
    client = client_as(username)
    on_page, in_api = client.get(page).status_code, Api(client).get(api).status_code
    assert on_page == in_api, (username, page, on_page, api, in_api)
    assert on_page in {200, 404}, (username, page, on_page)
    return on_page == 200


def missing_is_the_same(client_as, username: str, page: str, api: str) -> None:
    client = client_as(username)
    assert client.get(page).status_code == 404
    assert Api(client).get(api).status_code == 404


@pytest.mark.article(33)
def test_an_oversight_case_is_seen_by_its_unit_its_leader_the_office_and_the_legal_unit(client_as) -> None:
    case = Case.objects.get(case_number="克政复〔演示〕3号")  # the 自然资源局 is the respondent
    page, api = f"/oversight/{case.pk}/", f"/oversight/cases/{case.pk}"
    for name in ("fgw_clerk", "czj_head", "vice_ayigul", "admin"):
        assert not reads(client_as, name, page, api), name
        assert not sees(client_as, name, "/oversight/", "/oversight/cases", case.case_number), name
    missing_is_the_same(client_as, "fgw_clerk", f"/oversight/{MISSING}/", f"/oversight/cases/{MISSING}")
    for name in ("zrzyj_head", "vice_liu", "clerk_ducha", "sfj_clerk", "governor"):
        assert reads(client_as, name, page, api), name
        assert sees(client_as, name, "/oversight/", "/oversight/cases", case.case_number), name
    # acting on it is a 404 too, not a refusal that would say it exists
    assert client_as("fgw_clerk").post(f"/oversight/{case.pk}/act/answer/", {}).status_code == 404
    assert Api(client_as("fgw_clerk")).post(f"/oversight/cases/{case.pk}/answer", {}).status_code == 404


@pytest.mark.article(31)
def test_a_suggestion_is_seen_by_the_office_the_units_assigned_and_their_leaders(user, client_as) -> None:
    with time_machine.travel("2025-11-20 10:00 +0800"):
        s = register(
            user("clerk_ducha"),
            kind="suggestion",
            number="88",
            title="关于建设牧区寄宿学校的建议",
            text="建议加大投入。",
            proposers="代表甲",
            session="州十五届人大四次会议",
            received_on=dt.date(2025, 11, 10),
        )
        assert reads(client_as, "clerk_ducha", f"/suggestions/{s.pk}/", f"/suggestions/{s.pk}")
        assert not reads(client_as, "jyj_head", f"/suggestions/{s.pk}/", f"/suggestions/{s.pk}")  # not yet assigned
        assign(user("clerk_ducha"), s, unit("jyj"), [unit("czj")])
    page, api = f"/suggestions/{s.pk}/", f"/suggestions/{s.pk}"
    for name in ("fgw_clerk", "vice_liu", "zrzyj_head", "admin"):
        assert not reads(client_as, name, page, api), name
        assert not sees(client_as, name, "/suggestions/", "/suggestions", s.title), name
    missing_is_the_same(client_as, "fgw_clerk", f"/suggestions/{MISSING}/", f"/suggestions/{MISSING}")
    for name in ("jyj_head", "czj_head", "vice_ayigul", "exec_vice", "clerk_ducha", "governor"):
        assert reads(client_as, name, page, api), name
        assert sees(client_as, name, "/suggestions/", "/suggestions", s.title), name


@pytest.mark.article(26)
def test_a_supervision_item_is_seen_by_the_office_the_units_and_their_leaders(user, client_as) -> None:
    item = supervision.open_item(
        user("clerk_ducha"),
        title="推进牧区寄宿学校建设（需知测试）",
        lead_unit=unit("jyj"),
        co_units=[unit("czj")],
        due=dt.date(2026, 6, 30),
        origin="manual",
        report_every="",
    )
    page, api = f"/supervision/{item.pk}/", f"/supervision/items/{item.pk}"
    for name in ("fgw_clerk", "vice_liu", "zrzyj_head", "admin"):
        assert not reads(client_as, name, page, api), name
        assert not sees(client_as, name, "/supervision/", "/supervision/items", item.title), name
    missing_is_the_same(client_as, "fgw_clerk", f"/supervision/{MISSING}/", f"/supervision/items/{MISSING}")
    for name in ("jyj_head", "czj_head", "vice_ayigul", "exec_vice", "clerk_ducha", "secretary_general", "governor"):
        assert reads(client_as, name, page, api), name
        assert sees(client_as, name, "/supervision/", "/supervision/items", item.title), name


@pytest.mark.article(22)
def test_a_draft_is_seen_by_its_unit_the_legal_unit_the_office_and_its_leader_until_it_is_public(
    user, client_as
) -> None:
    with time_machine.travel("2026-09-28 09:00 +0800"):
        draft = drafting.create_draft(
            user("fgw_clerk"),
            kind=NormativeKind.NORMATIVE,
            title="克孜勒苏柯尔克孜自治州需知测试办法",
            body="为规范管理，制定本办法。\n第一条 本办法自公布之日起施行。",
            drafting_unit=unit("fgw"),
            government_issues=True,
        )
        page, api = f"/legislation/{draft.pk}/", f"/legislation/drafts/{draft.pk}"
        for name in ("jyj_head", "czj_head", "vice_ayigul", "admin"):
            assert not reads(client_as, name, page, api), name
            assert not sees(client_as, name, "/legislation/", "/legislation/drafts", draft.title), name
        missing_is_the_same(client_as, "jyj_head", f"/legislation/{MISSING}/", f"/legislation/drafts/{MISSING}")
        for name in ("fgw_clerk", "sfj_clerk", "clerk_wendian", "vice_liu", "governor"):
            assert reads(client_as, name, page, api), name
            assert sees(client_as, name, "/legislation/", "/legislation/drafts", draft.title), name
        comments.open_for_comment(user("fgw_head"), draft)  # now public (art. 21): any staff member reads it
        assert reads(client_as, "jyj_head", page, api)


def test_the_audit_trail_withholds_a_petitions_records_from_readers_without_need_to_know(user, client_as) -> None:
    letter = Petition.objects.get(number="克信访〔演示〕3号")  # accuses the 财政局
    with transaction.atomic():
        mine = audit.record(actor=user("xfj_head"), action="petitions.test_note", summary="需知测试", target=letter)
        other = audit.record(actor=user("clerk_ducha"), action="supervision.test_note", summary="需知测试")
    for name in ("secretary_general", "office_director", "audit_admin"):  # they read the trail, not this case
        body = Api(client_as(name)).get("/audit/records", after_seq=mine.seq - 1).json()
        actions = [r["action"] for r in body["items"]]
        assert other.action in actions, name
        assert mine.action not in actions, name
        assert "petitions.test_note" not in client_as(name).get("/audit/").content.decode()
    assert Api(client_as("fgw_clerk")).get("/audit/records").status_code == 403  # not a reader of the trail
    assert Api(client_as("admin")).get("/audit/records").status_code == 403  # 三权分立: not the system administrator
    assert AuditRecord.objects.filter(pk=mine.pk).exists()  # withheld, not gone
