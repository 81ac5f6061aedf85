"""The audit trail is a hash chain: every kind of tampering is found, at the first bad record."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection, transaction

from zhengwu.audit import services as audit
from zhengwu.audit.chain import record_hash, sm3_hex
from zhengwu.audit.models import AuditHead, AuditRecord
from zhengwu.audit.services import verify

pytestmark = pytest.mark.article(63)


@pytest.fixture
def chain(user) -> list[AuditRecord]:
    """Five fresh records at the end of the chain (after whatever the demo already wrote)."""
    actor = user("clerk_wendian")
    records = []
    with transaction.atomic():
        for i in range(5):
            records.append(
                audit.record(actor=actor, action="test.step", summary=f"第{i}步", details={"i": i, "list": [1, 2]})
            )
    assert [r.seq for r in records] == list(range(records[0].seq, records[0].seq + 5))
    return records


def sql(statement: str, *params: object) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def breach_of():
    result = verify()
    assert not result.ok
    assert result.breach is not None
    return result.breach


def test_intact_chain_verifies(chain) -> None:
    result = verify()
    assert result.ok
    assert result.breach is None
    assert result.checked == AuditRecord.objects.count()
    assert chain[0].prev_hash == AuditRecord.objects.get(seq=chain[0].seq - 1).hash
    head = AuditHead.objects.get(pk=1)
    assert (head.seq, head.hash) == (chain[-1].seq, chain[-1].hash)


def test_records_are_sealed_and_hashed_with_sm3(chain) -> None:
    rec = AuditRecord.objects.get(pk=chain[2].pk)
    assert rec.hash_alg == "SM3"
    assert rec.seal_alg == "HMAC-SM3"
    assert record_hash(rec) == rec.hash
    assert len(rec.seal) == 64
    assert rec.seal != rec.hash


def test_edit_is_found_at_the_edited_record(chain) -> None:
    k = chain[2]
    sql("UPDATE audit_auditrecord SET summary = %s WHERE seq = %s", "篡改的摘要", k.seq)
    breach = breach_of()
    assert breach.kind == "edited"
    assert breach.seq == k.seq
    assert breach.record_id == k.pk
    assert f"第{k.seq}号" in breach.message


def test_edit_of_the_last_record_is_found(chain) -> None:
    sql("UPDATE audit_auditrecord SET summary = %s WHERE seq = %s", "篡改", chain[-1].seq)
    breach = breach_of()
    assert breach.kind == "edited"
    assert breach.seq == chain[-1].seq


def test_edit_with_a_recomputed_sm3_hash_but_no_valid_seal_is_still_found(chain) -> None:
    k = AuditRecord.objects.get(pk=chain[2].pk)
    k.summary = "篡改后重算哈希"
    forged_hash = record_hash(k)
    assert forged_hash != chain[2].hash
    sql("UPDATE audit_auditrecord SET summary = %s, hash = %s WHERE seq = %s", k.summary, forged_hash, k.seq)
    breach = breach_of()
    assert breach.kind == "edited"
    assert breach.seq == k.seq


def test_rewriting_the_rest_of_the_chain_without_the_key_is_still_found(chain) -> None:
    """Recompute every SM3 hash from k on (what an attacker without the seal key can do)."""
    k = chain[2]
    sql("UPDATE audit_auditrecord SET summary = %s WHERE seq = %s", "篡改", k.seq)
    prev = chain[1].hash
    for rec in AuditRecord.objects.filter(seq__gte=k.seq).order_by("seq"):
        rec.prev_hash = prev
        new_hash = record_hash(rec)
        sql("UPDATE audit_auditrecord SET prev_hash = %s, hash = %s WHERE seq = %s", prev, new_hash, rec.seq)
        prev = new_hash
    breach = breach_of()
    assert breach.kind == "edited"
    assert breach.seq == k.seq


def test_delete_in_the_middle_is_found_at_the_next_record(chain) -> None:
    k = chain[2]
    sql("DELETE FROM audit_auditrecord WHERE seq = %s", k.seq)
    breach = breach_of()
    assert breach.kind == "deleted"
    assert breach.seq == k.seq + 1
    assert breach.record_id == chain[3].pk


def test_insert_is_found_at_the_forged_record(chain) -> None:
    k = chain[2]
    sql("UPDATE audit_auditrecord SET seq = seq + 1000 WHERE seq >= %s", k.seq)
    sql("UPDATE audit_auditrecord SET seq = seq - 999 WHERE seq >= %s", k.seq + 1000)
    forged = AuditRecord.objects.get(pk=chain[1].pk)
    forged.pk = None
    forged.seq = k.seq
    forged.summary = "伪造的记录"
    forged.prev_hash = chain[1].hash
    forged.hash = record_hash(forged)  # a plausible SM3 hash
    forged.seal = sm3_hex(b"no key")
    forged.save(force_insert=True)
    breach = breach_of()
    assert breach.kind == "inserted"
    assert breach.seq == k.seq
    assert breach.record_id == forged.pk


def test_reorder_is_found(chain) -> None:
    k, k1 = chain[2], chain[3]
    sql("UPDATE audit_auditrecord SET seq = %s WHERE seq = %s", -1, k.seq)
    sql("UPDATE audit_auditrecord SET seq = %s WHERE seq = %s", k.seq, k1.seq)
    sql("UPDATE audit_auditrecord SET seq = %s WHERE seq = %s", k1.seq, -1)
    breach = breach_of()
    assert breach.kind == "reordered"
    assert breach.seq == k.seq
    assert breach.record_id == k1.pk


def test_truncation_is_found(chain) -> None:
    last = chain[-1]
    sql("DELETE FROM audit_auditrecord WHERE seq = %s", last.seq)
    breach = breach_of()
    assert breach.kind == "truncated"
    assert breach.seq == last.seq
    assert f"第{last.seq - 1}号" in breach.message


def test_forged_head_is_found(chain) -> None:
    sql("DELETE FROM audit_auditrecord WHERE seq = %s", chain[-1].seq)
    sql("UPDATE audit_audithead SET seq = %s, hash = %s WHERE id = 1", chain[-2].seq, chain[-2].hash)
    breach = breach_of()
    assert breach.kind == "head"


def test_seal_needs_the_installation_key(chain, settings) -> None:
    assert verify().ok
    settings.AUDIT_SEAL_KEY = "another installation's key"
    breach = breach_of()
    assert breach.kind == "edited"


def test_details_survive_the_database_round_trip(user) -> None:
    with transaction.atomic():
        rec = audit.record(
            actor=None,
            action="test.details",
            summary="详情",
            details={"tuple": (1, 2), "nested": {"b": 1, "a": [True, None, 1.5]}, "中文": "是"},
        )
    assert verify().ok
    assert AuditRecord.objects.get(pk=rec.pk).hash == rec.hash


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_raises() -> None:
    before = AuditRecord.objects.count()
    with pytest.raises(RuntimeError, match="inside the action's transaction"):
        audit.record(actor=None, action="test.outside", summary="事务外")
    assert AuditRecord.objects.count() == before


def test_settings_has_an_audit_key() -> None:
    assert settings.AUDIT_SEAL_KEY
