"""``dumpdata``/``loaddata`` keep the chain verifiable (issue 11: microseconds were cut, so every
record's hash changed and ``audit verify`` failed after a round trip)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils.dateparse import parse_datetime

from zhengwu.audit import services as audit
from zhengwu.audit.chain import canonical_now, head_seal, record_hash, seal
from zhengwu.audit.models import AuditHead, AuditRecord

pytestmark = pytest.mark.article(63)


def test_a_chain_with_microseconds_survives_dumpdata_and_loaddata(db, tmp_path: Path) -> None:
    with transaction.atomic():
        rec = audit.record(actor=None, action="test.dump", summary="变更前写入的记录")
    # A record written before this change carried microseconds: make the last one so, sealed.
    key = settings.AUDIT_SEAL_KEY
    rec.at = rec.at.replace(microsecond=123456)
    rec.hash = record_hash(rec)
    rec.seal = seal(key, rec.hash)
    AuditRecord.objects.filter(pk=rec.pk).update(at=rec.at, hash=rec.hash, seal=rec.seal)
    AuditHead.objects.filter(pk=1).update(hash=rec.hash, seal=head_seal(key, rec.seq, rec.hash))
    assert audit.verify().ok
    dump = tmp_path / "audit.json"
    call_command("dumpdata", "audit", output=str(dump))
    assert ".123456" in dump.read_text()
    AuditRecord.objects.all().delete()
    AuditHead.objects.all().delete()
    call_command("loaddata", str(dump), verbosity=0)
    result = audit.verify()
    assert result.ok, result.breach
    assert result.checked == AuditRecord.objects.count() > 0


def test_new_records_carry_a_time_any_serializer_keeps() -> None:
    """New records are timed to the millisecond, which even Django's own encoder keeps."""
    now = canonical_now()
    assert now.microsecond % 1000 == 0
    assert parse_datetime(DjangoJSONEncoder().default(now)) == now
