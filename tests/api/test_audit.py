"""The audit trail: the audit administrator, the 秘书长 and the 办公室主任 read and verify it; others
may not (the system and security administrators: tests/identity/test_separation_of_duties.py)."""

from __future__ import annotations

import pytest

from zhengwu.audit.models import AuditRecord
from zhengwu.org.rules import PositionFact, may_read_audit


@pytest.mark.parametrize("username", ["secretary_general", "office_director", "audit_admin"])
def test_readers(api_as, username):
    response = api_as(username).get("/audit/records", limit=5)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == AuditRecord.objects.count()
    assert [r["seq"] for r in body["items"]] == sorted(r["seq"] for r in body["items"])


@pytest.mark.parametrize("username", ["fgw_clerk", "clerk_wendian", "governor"])
def test_others_are_refused(api_as, username):
    response = api_as(username).get("/audit/records")
    assert response.status_code == 403
    assert response.json()["decisions"][0]["code"] == "audit.not_permitted"
    assert "秘书长" in response.json()["detail"]
    assert api_as(username).post("/audit/verify").status_code == 403


def test_filters_and_resuming_after_a_sequence_number(api_as):
    api = api_as("secretary_general")
    api_as("vice_liu").post("/tokens", {"name": "审计测试"})
    last = AuditRecord.objects.order_by("seq").last()
    assert last is not None
    body = api.get("/audit/records", action="tokens.create", after_seq=last.seq - 1).json()
    assert [r["seq"] for r in body["items"]] == [last.seq]
    assert body["items"][0]["object_type"] == "tokens.apitoken"
    assert api.get("/audit/records", after_seq=last.seq).json()["count"] == 0
    assert api.get("/audit/records", object_type="tokens.apitoken", object_id=last.object_id).json()["count"] == 1


def test_limit_is_at_most_200(api_as):
    assert api_as("secretary_general").get("/audit/records", limit=201).status_code == 422
    assert api_as("secretary_general").get("/audit/records", limit=200).status_code == 200


def test_verify(api_as):
    body = api_as("secretary_general").post("/audit/verify").json()
    assert body == {"ok": True, "checked": AuditRecord.objects.count() - 1, "breach": None}
    record = AuditRecord.objects.order_by("seq").last()  # the check is recorded, after what it checked
    assert (record.action, record.details["checked"]) == ("audit.verify", body["checked"])


def test_verify_names_the_breach(api_as):
    record = AuditRecord.objects.order_by("seq").first()
    assert record is not None
    AuditRecord.objects.filter(pk=record.pk).update(summary=record.summary + "（篡改）")
    body = api_as("audit_admin").post("/audit/verify").json()
    assert body["ok"] is False
    assert body["breach"]["kind"] == "edited"
    assert body["breach"]["seq"] == record.seq


def _p(kind: str) -> PositionFact:
    return PositionFact(1, kind, kind, 1, "office")


@pytest.mark.parametrize(
    ("kinds", "allowed"),
    [
        (["secretary_general"], True),
        (["office_director"], True),
        (["audit_administrator"], True),
        (["administrator"], False),  # 三权分立: the trail records the administrators' own work
        (["security_administrator"], False),
        (["administrator", "office_director"], False),  # whatever other seat they hold
        (["deputy_secretary_general"], False),
        (["clerk"], False),
        (["governor"], False),
        ([], False),
    ],
)
def test_may_read_audit_rule(kinds, allowed):
    assert may_read_audit([_p(k) for k in kinds], None).allowed is allowed
