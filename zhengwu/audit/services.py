"""Writing and verifying the audit trail.  Actions call :func:`record` inside their transaction."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models import QuerySet

from zhengwu.audit import anchors
from zhengwu.audit.chain import (
    GENESIS_HASH,
    HASH_ALG,
    SEAL_ALG,
    Breach,
    VerifyResult,
    canonical_now,
    head_seal,
    record_hash,
    seal,
)
from zhengwu.audit.models import AuditHead, AuditRecord
from zhengwu.core.decisions import Citation


class Who(Protocol):
    """How an actor is named in the trail: what the organization answers for a user."""

    @property
    def name(self) -> str: ...

    @property
    def position(self) -> str: ...


Describer = Callable[[AbstractBaseUser], Who]

_describers: list[Describer] = []


def describe_actors_with(describer: Describer) -> None:
    """Set how :func:`record` names a user who acts (the org app's ``describe``, from its ``ready()``):
    the trail sits below the organization and does not import it."""
    _describers[:] = [describer]


def _describe(user: AbstractBaseUser) -> Who:
    if not _describers:
        raise ImproperlyConfigured("audit.record needs describe_actors_with(): is zhengwu.org installed?")
    return _describers[0](user)


def object_key(obj: models.Model) -> tuple[str, str]:
    return obj._meta.label_lower, str(obj.pk)


#: A record keeps the object type it was written with: the chain's hash covers it, so the records
#: of a renamed model are never rewritten.  A model's label → the labels it had before.
FORMER_OBJECT_TYPES: dict[str, tuple[str, ...]] = {
    "meetings.agreeditem": ("meetings.decision",),
    "supervision.itemevaluation": ("supervision.evaluation",),
    "legislation.regulationevaluation": ("legislation.evaluation",),
}


def object_types(label: str) -> tuple[str, ...]:
    """The object types a model's records may carry: its label, and the labels it had before."""
    return (label, *FORMER_OBJECT_TYPES.get(label, ()))


def record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    summary: str,
    target: models.Model | None = None,
    citation: Citation | None = None,
    details: dict[str, Any] | None = None,
    actor_name: str = "",
    actor_position: str = "",
    acting_for: str = "",
) -> AuditRecord:
    """Append one record to the chain.  Must run inside the action's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must be called inside the action's transaction")
    user = actor if isinstance(actor, AbstractBaseUser) else None
    if user is None:
        actor_name = actor_name or "系统"
    elif not actor_name:
        who = _describe(user)
        actor_name, actor_position = who.name, actor_position or who.position
    # Store the details as the database will give them back (JSON), so the hash recomputes alike;
    # anything that is not JSON fails here, before anything is written.
    details = json.loads(json.dumps(details or {}, ensure_ascii=False))
    if citation is not None and citation.version_id is not None:  # the version that applied (art. 68)
        details.setdefault("rulebook_version", {"id": citation.version_id, "label": citation.version})
    head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
    rec = AuditRecord(
        seq=head.seq + 1,
        at=canonical_now(),
        actor_id=user.pk if user is not None else None,
        actor_name=actor_name[:60],
        actor_position=actor_position[:120],
        acting_for=acting_for[:120],
        action=action,
        summary=summary[:500],
        object_type=object_key(target)[0] if target is not None else "",
        object_id=object_key(target)[1] if target is not None else "",
        object_repr=str(target)[:200] if target is not None else "",
        rulebook=citation.rulebook_code if citation else "",
        article=citation.article if citation else None,
        citation=citation.label if citation else "",
        details=details,
        hash_alg=HASH_ALG,
        seal_alg=SEAL_ALG,
        prev_hash=head.hash,
    )
    rec.hash = record_hash(rec)
    rec.seal = seal(settings.AUDIT_SEAL_KEY, rec.hash)
    rec.save()
    head.seq, head.hash = rec.seq, rec.hash
    head.seal = head_seal(settings.AUDIT_SEAL_KEY, head.seq, head.hash)
    head.save(update_fields=["seq", "hash", "seal"])
    seq, digest = rec.seq, rec.hash
    transaction.on_commit(lambda: anchors.checkpoint_after_commit(seq, digest))
    return rec


#: Records of security events (:mod:`zhengwu.audit.security`) rather than of actions.
SECURITY_EVENT_PREFIXES = ("auth.", "security.")


def action_records() -> QuerySet[AuditRecord]:
    """The records of actions: the trail without its security events (sign-ins, refusals…), which
    a refused or malformed request writes although it changes nothing."""
    return AuditRecord.objects.exclude(action__regex=r"^(auth|security)\.")


def history_for(obj: models.Model) -> QuerySet[AuditRecord]:
    object_type, object_id = object_key(obj)
    return AuditRecord.objects.filter(object_type__in=object_types(object_type), object_id=object_id).order_by("seq")


def _valid(rec: AuditRecord, key: str) -> bool:
    return record_hash(rec) == rec.hash and seal(key, rec.hash) == rec.seal


def _records() -> Iterator[AuditRecord]:
    return AuditRecord.objects.order_by("seq").iterator(chunk_size=2000)


def _next_after(rec: AuditRecord) -> AuditRecord | None:
    return AuditRecord.objects.filter(seq__gt=rec.seq).order_by("seq").first()


def _diagnose(rec: AuditRecord, expected_prev: str, content_ok: bool) -> Breach:
    where = f"第{rec.seq}号审计记录（id {rec.pk}，{rec.action}）"
    if not content_ok:
        nxt = _next_after(rec)
        if nxt is not None and nxt.prev_hash == expected_prev and rec.prev_hash == expected_prev:
            message = f"{where}是插入的：它没有本系统的签章，后一条记录链接的是它之前的记录。"
            return Breach("inserted", rec.seq, rec.pk, message)
        if nxt is None:
            return Breach("edited", rec.seq, rec.pk, f"{where}没有本系统的签章：末尾记录被修改或被追加。")
        return Breach("edited", rec.seq, rec.pk, f"{where}被修改：内容与其哈希或签章不符。")
    if AuditRecord.objects.filter(hash=rec.prev_hash).exists():
        return Breach("reordered", rec.seq, rec.pk, f"{where}顺序被调换：它链接的前一条记录不在它之前。")
    return Breach("deleted", rec.seq, rec.pk, f"{where}之前的记录被删除：它链接的前一条记录已不存在。")


def verify(*, anchor_dir: Path | None = None, public_keys: dict[str, str] | None = None) -> VerifyResult:
    """Walk the chain in order; return the first breach, or ok.  Then hold the chain against the
    signed checkpoints of the anchor log (:mod:`zhengwu.audit.anchors`): each must verify under a
    public key, and the chain must still hold the record each names, with the hash it signed."""
    key = settings.AUDIT_SEAL_KEY
    points = list(anchors.checkpoints(anchor_dir))
    anchored_seqs = {p.seq for p in points}
    hashes: dict[int, tuple[str, int]] = {}
    expected_prev = GENESIS_HASH
    checked = 0
    last_seq = 0
    for rec in _records():
        content_ok = _valid(rec, key)
        if not content_ok or rec.prev_hash != expected_prev:
            return VerifyResult(False, checked, _diagnose(rec, expected_prev, content_ok))
        if rec.seq in anchored_seqs:
            hashes[rec.seq] = (rec.hash, rec.pk)
        expected_prev, last_seq = rec.hash, rec.seq
        checked += 1
    head, _ = AuditHead.objects.get_or_create(pk=1)
    if head.seq and head.seal != head_seal(key, head.seq, head.hash):
        return VerifyResult(False, checked, Breach("head", head.seq, None, "审计链头的签章无效：链头被改动。"))
    if head.hash != expected_prev:
        message = (
            f"第{last_seq}号之后的审计记录被删除：链头记录到第{head.seq}号，现存记录只到第{last_seq}号。"
            if head.seq > last_seq
            else f"审计链头（第{head.seq}号）与最后一条记录（第{last_seq}号）不符。"
        )
        return VerifyResult(False, checked, Breach("truncated", last_seq + 1, None, message))
    keys = anchors.load_public_keys() if public_keys is None else public_keys
    breach = _anchor_breach(points, keys, hashes, last_seq, checked)
    if breach is not None:
        return VerifyResult(False, checked, breach, anchored=0)
    return VerifyResult(True, checked, anchored=len(points), anchored_seq=max(anchored_seqs, default=0))


def _anchor_breach(
    points: list[anchors.Checkpoint],
    keys: dict[str, str],
    hashes: dict[int, tuple[str, int]],
    last_seq: int,
    count: int,
) -> Breach | None:
    """The first checkpoint that is forged, or that the chain no longer matches."""
    for point in points:
        where = f"锚点日志第{point.line}行"
        public = keys.get(point.key_id)
        if public is None:
            return Breach("anchor", point.seq, None, f"{where}的签名密钥「{point.key_id}」不在审计公钥中，无法验证。")
        if not anchors.signature_valid(public, point.signature, point.signed_bytes()):
            return Breach("anchor", point.seq, None, f"{where}的SM2签名无效：检查点被改动或伪造。")
    for point in sorted(points, key=lambda p: p.seq):
        if point.seq == 0:  # a checkpoint of the empty chain
            continue
        signed = f"锚点（{point.at[:19]}签署，密钥{point.key_id}）"
        if point.seq > last_seq or point.count > count:
            state = "现存0条记录：审计链被清空" if count == 0 else f"现存记录只到第{last_seq}号（共{count}条）"
            message = (
                f"{signed}证明审计链曾有第{point.seq}号记录（共{point.count}条），{state}。审计链被清空、截断或重置。"
            )
            return Breach("truncated", last_seq + 1, None, message)
        found = hashes.get(point.seq)
        if found is None or found[0] != point.hash:
            message = (
                f"第{point.seq}号审计记录的哈希与{signed}不符：该记录或它之前的记录被改写并重新签章，或审计链被重置。"
            )
            return Breach("rewritten", point.seq, found[1] if found else None, message)
    return None


def checkpoint() -> anchors.Checkpoint:
    """Sign and anchor the chain's current end (``zhengwu audit checkpoint``)."""
    with transaction.atomic():
        head, _ = AuditHead.objects.get_or_create(pk=1)
        count = AuditRecord.objects.count()
        seq, digest = head.seq, head.hash
    return anchors.write_checkpoint(seq, digest, count)
