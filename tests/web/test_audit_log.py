"""审计记录: readers on both sides of the line, filters, pagination, chain verification."""

from __future__ import annotations

import pytest
from django.db import transaction

from zhengwu.audit import services as audit
from zhengwu.audit.models import AuditRecord

pytestmark = pytest.mark.django_db


def _fill(n: int) -> None:
    with transaction.atomic():
        for i in range(n):
            audit.record(actor=None, action="test.fill", summary=f"测试记录{i}")


@pytest.mark.parametrize("username", ["audit_admin", "secretary_general", "office_director"])
def test_readers_see_the_log(client_as, username):
    response = client_as(username).get("/audit/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "审计记录" in body
    assert "校验审计链" in body


@pytest.mark.parametrize("username", ["fgw_clerk", "clerk_wendian", "vice_liu"])
def test_others_are_refused_in_chinese(client_as, username):
    response = client_as(username).get("/audit/")
    assert response.status_code == 403
    assert "审计记录仅限安全审计员、秘书长和办公室主任查阅" in response.content.decode()
    assert client_as(username).post("/audit/verify/").status_code == 403


def test_rows_paginated_without_a_query_per_row(client_as, django_assert_max_num_queries):
    c = client_as("audit_admin")  # signing in is itself a record: before the 60, so the first page is theirs
    _fill(60)
    with django_assert_max_num_queries(
        18
    ):  # fixed overhead: former object types, records_visible_to (who reads the trail, what areas withhold)
        response = c.get("/audit/")
    body = response.content.decode()
    assert body.count("测试记录") == 50
    last = AuditRecord.objects.order_by("-seq").first()
    assert last is not None
    assert last.hash[:12] in body
    assert "第1页" in body
    assert "测试记录" in c.get("/audit/", {"page": 2}).content.decode()


def test_filter_by_action_and_object(client_as):
    _fill(2)
    c = client_as("audit_admin")
    body = c.get("/audit/", {"action": "test.fill"}).content.decode()
    assert "测试记录1" in body
    assert "载入演示政府" not in body
    body = c.get("/audit/", {"object": "workdays.calendaryear"}).content.decode()
    assert "测试记录" not in body


def test_verify_chain_ok_and_breach(client_as):
    _fill(3)
    c = client_as("secretary_general")
    response = c.post("/audit/verify/", HTTP_HX_REQUEST="true")
    assert "审计链完整" in response.content.decode()
    record = AuditRecord.objects.order_by("-seq")[1]
    AuditRecord.objects.filter(pk=record.pk).update(summary="被篡改")
    response = c.post("/audit/verify/", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "审计链被破坏" in body
    assert f"第{record.seq}号审计记录" in body
