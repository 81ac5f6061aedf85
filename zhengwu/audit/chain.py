"""Hashing, sealing and verifying the audit chain (SM3 through hashlib, HMAC-SM3 seals)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any, Protocol

HASH_ALG = "SM3"
SEAL_ALG = "HMAC-SM3"
GENESIS_HASH = "0" * 64


class Chained(Protocol):
    seq: int
    prev_hash: str
    hash: str
    seal: str


def sm3_hex(data: bytes) -> str:
    return hashlib.new("sm3", data).hexdigest()


def seal(key: str, digest: str) -> str:
    return hmac.new(key.encode(), digest.encode(), "sm3").hexdigest()


def canonical_now() -> dt.datetime:
    """The time a new record carries: now, to the millisecond.  Django's JSON serializer
    (``dumpdata``) keeps milliseconds only; a time already at that precision survives a
    ``dumpdata``/``loaddata`` round trip, so its hash recomputes.  (Records written before keep their
    microseconds; ``zhengwu.core.serializers`` keeps them in a dump.)"""
    now = dt.datetime.now(dt.UTC)
    return now.replace(microsecond=now.microsecond - now.microsecond % 1000)


def _utc_iso(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def canonical(fields: dict[str, Any]) -> bytes:
    """The bytes hashed for a record: its content fields and ``prev_hash`` as sorted JSON."""
    normal = {k: (_utc_iso(v) if isinstance(v, dt.datetime) else v) for k, v in fields.items()}
    return json.dumps(normal, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


HASHED_FIELDS = (
    "at",
    "actor_id",
    "actor_name",
    "actor_position",
    "acting_for",
    "action",
    "summary",
    "object_type",
    "object_id",
    "object_repr",
    "rulebook",
    "article",
    "citation",
    "details",
    "hash_alg",
    "prev_hash",
)


def content_of(record: Any) -> dict[str, Any]:
    return {name: getattr(record, name) for name in HASHED_FIELDS}


def record_hash(record: Any) -> str:
    return sm3_hex(canonical(content_of(record)))


def head_seal(key: str, seq: int, digest: str) -> str:
    return seal(key, f"{seq}:{digest}")


@dataclass(frozen=True)
class Breach:
    """The first place the chain is broken."""

    kind: str  # edited | inserted | deleted | reordered | truncated | head | anchor | rewritten
    seq: int
    record_id: int | None
    message: str


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    breach: Breach | None = None
    anchored: int = 0  # signed checkpoints that verified
    anchored_seq: int = 0  # the last record they cover
