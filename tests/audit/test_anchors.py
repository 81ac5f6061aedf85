"""The chain anchored outside the database (issue 11): signed SM2 checkpoints in an append-only log.

Before: deleting both audit tables left 「审计链完整：共0条记录」, and whoever had the sealing key
(``var/secrets.json``, beside the database) could rewrite a record, reseal the chain and pass.
"""

from __future__ import annotations

import json
import stat
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

from zhengwu.audit import anchors
from zhengwu.audit import services as audit
from zhengwu.audit.chain import head_seal, record_hash, seal
from zhengwu.audit.models import AuditHead, AuditRecord

pytestmark = [pytest.mark.article(63), pytest.mark.django_db]


def _write(n: int) -> list[AuditRecord]:
    with transaction.atomic():
        return [audit.record(actor=None, action="test.anchor", summary=f"锚定记录{i}") for i in range(n)]


def _wipe() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditrecord")
        cursor.execute("DELETE FROM audit_audithead")


def _verify_fails() -> str:
    err = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("audit", "verify", stdout=StringIO(), stderr=err)
    assert exit_.value.code == 1
    return err.getvalue()


def test_intact_chain_matches_its_checkpoints(anchored) -> None:
    _write(3)
    point = audit.checkpoint()
    assert point.seq == AuditHead.objects.get().seq
    assert point.count == AuditRecord.objects.count()
    _write(2)  # records after the last checkpoint are fine
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "与1个SM2签名检查点一致" in out.getvalue()


def test_emptied_chain_fails_when_anchors_say_there_was_more(anchored) -> None:
    _write(3)
    audit.checkpoint()
    _wipe()
    message = _verify_fails()
    assert "truncated" in message
    assert "现存0条记录：审计链被清空" in message


def test_chain_reset_and_rewritten_from_scratch_fails(anchored) -> None:
    _write(3)
    point = audit.checkpoint()
    _wipe()
    _write(2)  # a fresh, validly sealed chain, shorter than the anchored one
    assert "truncated" in _verify_fails()
    _wipe()
    _write(point.seq + 1)  # a fresh chain as long: the anchored record's hash differs
    message = _verify_fails()
    assert "rewritten" in message
    assert f"第{point.seq}号审计记录的哈希与锚点" in message


def test_record_rewritten_and_resealed_with_the_seal_key_fails(anchored) -> None:
    records = _write(4)
    audit.checkpoint()
    # The attacker has the database and var/secrets.json: rewrite a record, reseal it and every later one.
    key = settings.AUDIT_SEAL_KEY
    target = records[1]
    AuditRecord.objects.filter(pk=target.pk).update(summary="改写过的摘要")
    prev = AuditRecord.objects.get(pk=target.pk).prev_hash
    for rec in AuditRecord.objects.filter(seq__gte=target.seq).order_by("seq"):
        rec.prev_hash = prev
        rec.hash = record_hash(rec)
        rec.seal = seal(key, rec.hash)
        AuditRecord.objects.filter(pk=rec.pk).update(prev_hash=rec.prev_hash, hash=rec.hash, seal=rec.seal)
        prev = rec.hash
    last = AuditRecord.objects.order_by("-seq").first()
    assert last is not None
    AuditHead.objects.filter(pk=1).update(hash=last.hash, seal=head_seal(key, last.seq, last.hash))
    message = _verify_fails()
    assert "rewritten" in message
    assert "改写并重新签章" in message


def test_a_forged_or_altered_checkpoint_is_refused(anchored: Path) -> None:
    _write(2)
    audit.checkpoint()
    log = anchored / anchors.CHECKPOINTS
    line = json.loads(log.read_text())
    line["seq"] -= 1  # claim less, to hide a truncation
    log.write_text(json.dumps(line) + "\n")
    assert "SM2签名无效" in _verify_fails()


def test_verify_needs_only_the_public_key(anchored: Path, tmp_path: Path) -> None:
    _write(2)
    audit.checkpoint()
    Path(settings.ZHENGWU_AUDIT_SIGNING_KEY_FILE).unlink()  # the verifier has no private key
    public = tmp_path / "pinned-public-keys.json"
    public.write_text((anchored / anchors.PUBLIC_KEYS).read_text())
    (anchored / anchors.PUBLIC_KEYS).unlink()
    out = StringIO()
    call_command("audit", "verify", "--public-keys", str(public), stdout=out)
    assert "SM2签名检查点一致" in out.getvalue()
    other = anchors.public_key_of(anchors.new_private_key())
    public.write_text(json.dumps({json.loads(public.read_text()).popitem()[0]: other}))
    err = StringIO()
    with pytest.raises(SystemExit):
        call_command("audit", "verify", "--public-keys", str(public), stdout=StringIO(), stderr=err)
    assert "SM2签名无效" in err.getvalue()


def test_key_rotation_keeps_old_checkpoints_verifiable(anchored: Path) -> None:
    _write(1)
    first = audit.checkpoint()
    call_command("audit", "keygen", stdout=StringIO())
    _write(1)
    second = audit.checkpoint()
    assert first.key_id != second.key_id
    assert set(anchors.load_public_keys()) == {first.key_id, second.key_id}
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "与2个SM2签名检查点一致" in out.getvalue()


def test_the_signing_key_is_kept_apart_from_the_installation_secrets(anchored: Path) -> None:
    _write(1)
    audit.checkpoint()
    key_file = Path(settings.ZHENGWU_AUDIT_SIGNING_KEY_FILE)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    private = json.loads(key_file.read_text())["private_key"]
    secrets_file = Path(settings.VAR_DIR) / "secrets.json"
    assert not secrets_file.exists() or private not in secrets_file.read_text()
    assert private not in (anchored / anchors.PUBLIC_KEYS).read_text()
    assert private not in (anchored / anchors.CHECKPOINTS).read_text()


def test_a_checkpoint_every_n_records_once_committed(anchored: Path, settings, django_capture_on_commit_callbacks):
    settings.ZHENGWU_AUDIT_CHECKPOINT_EVERY = 2
    with django_capture_on_commit_callbacks(execute=True):
        _write(4)
    points = list(anchors.checkpoints())
    assert len(points) == 2
    assert all(p.seq % 2 == 0 for p in points)
    head = AuditHead.objects.get().seq
    assert points[-1].seq == head - head % 2
    _write(4)  # a transaction that rolls back (the test's) anchors nothing
    assert len(list(anchors.checkpoints())) == 2
