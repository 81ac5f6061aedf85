"""Anchors of the audit chain outside the database: signed checkpoints in an append-only log.

A checkpoint states ``{seq, hash, count, at, key_id}``: the chain had ``count`` records, the last one
numbered ``seq`` with SM3 hash ``hash``.  It is signed with SM2 (SM3 digest, GB/T 32918 via
``gmssl``) by the installation's private signing key, and appended as one JSON line to
``checkpoints.jsonl`` in ``settings.ZHENGWU_AUDIT_ANCHOR_DIR`` (a folder on another volume or host in
production).  Verifying needs only the public keys (``public-keys.json``, by key id): whoever runs
``zhengwu audit verify`` cannot sign, and whoever can write the database cannot sign either, so a
chain emptied, truncated, reset or rewritten and resealed no longer matches its checkpoints.

Keys: the private key is a file of its own (``settings.ZHENGWU_AUDIT_SIGNING_KEY_FILE``), never
``var/secrets.json``; a new key (``zhengwu audit keygen``) gets a new key id, its public key is added
to the public keys, and old public keys stay so that old checkpoints still verify
(docs/audit-anchors.md).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from gmssl import sm2

from zhengwu.audit.chain import sm3_hex

logger = logging.getLogger("zhengwu.audit")

SIGN_ALG = "SM2-with-SM3"
CHECKPOINTS = "checkpoints.jsonl"
PUBLIC_KEYS = "public-keys.json"
_N = int(sm2.default_ecc_table["n"], 16)


class AnchorError(Exception):
    """The anchor log or the keys cannot be read or written."""


# --- SM2 keys and signatures ------------------------------------------------------------------


def _crypt(private_hex: str, public_hex: str) -> Any:
    crypt = sm2.CryptSM2(private_key=private_hex, public_key="")
    crypt.public_key = public_hex  # set directly: gmssl's constructor lstrip("04")s a key that starts so
    return crypt


def public_key_of(private_hex: str) -> str:
    return str(_crypt(private_hex, "")._kg(int(private_hex, 16), sm2.default_ecc_table["g"]))


def key_id_of(public_hex: str) -> str:
    return "sm2-" + sm3_hex(bytes.fromhex(public_hex))[:16]


def new_private_key() -> str:
    return f"{secrets.randbelow(_N - 2) + 1:064x}"


def sign(private_hex: str, public_hex: str, message: bytes) -> str:
    crypt = _crypt(private_hex, public_hex)
    while True:  # a nonce from the system's CSPRNG (gmssl's default uses random.choice)
        signature = crypt.sign_with_sm3(message, f"{secrets.randbelow(_N - 1) + 1:064x}")
        if signature:
            return str(signature)


def signature_valid(public_hex: str, signature: str, message: bytes) -> bool:
    if len(signature) != 128 or len(public_hex) != 128:
        return False
    try:
        r, s = int(signature[:64], 16), int(signature[64:], 16)
        if not (0 < r < _N and 0 < s < _N):
            return False
        return bool(_crypt("", public_hex).verify_with_sm3(signature, message))
    except (ValueError, TypeError, AttributeError):
        return False


@dataclass(frozen=True)
class SigningKey:
    key_id: str
    private_hex: str
    public_hex: str


def _write_private(path: Path, private_hex: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump({"alg": "SM2", "private_key": private_hex}, handle)
    tmp.replace(path)


def signing_key(*, create: bool = True) -> SigningKey:
    """The installation's signing key (generated on first use when ``create``); its public key is
    published to the public keys file."""
    path = Path(settings.ZHENGWU_AUDIT_SIGNING_KEY_FILE)
    if not path.exists():
        if not create:
            raise AnchorError(f"没有审计签名私钥：{path}")
        _write_private(path, new_private_key())
    private_hex = str(json.loads(path.read_text())["private_key"])
    public_hex = public_key_of(private_hex)
    key = SigningKey(key_id_of(public_hex), private_hex, public_hex)
    publish_public_key(key.key_id, key.public_hex)
    return key


def rotate_signing_key() -> SigningKey:
    """A new private key replaces the old one; the old public key stays published."""
    path = Path(settings.ZHENGWU_AUDIT_SIGNING_KEY_FILE)
    _write_private(path, new_private_key())
    return signing_key(create=False)


def public_keys_file() -> Path:
    configured = getattr(settings, "ZHENGWU_AUDIT_PUBLIC_KEYS_FILE", "")
    return Path(configured) if configured else anchor_dir() / PUBLIC_KEYS


def load_public_keys(path: Path | None = None) -> dict[str, str]:
    path = path or public_keys_file()
    if not path.exists():
        return {}
    return {str(k): str(v) for k, v in json.loads(path.read_text()).items()}


def publish_public_key(key_id: str, public_hex: str) -> None:
    path = public_keys_file()
    known = load_public_keys(path)
    if known.get(key_id) == public_hex:
        return
    known[key_id] = public_hex
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(known, indent=2, sort_keys=True))
    tmp.replace(path)


# --- the checkpoint log ---------------------------------------------------------------------


def anchor_dir() -> Path:
    return Path(settings.ZHENGWU_AUDIT_ANCHOR_DIR)


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    count: int
    at: str
    key_id: str
    signature: str
    line: int = 0

    def signed_bytes(self) -> bytes:
        return signed_message(self.seq, self.hash, self.count, self.at, self.key_id)


def signed_message(seq: int, digest: str, count: int, at: str, key_id: str) -> bytes:
    body = {"alg": SIGN_ALG, "at": at, "count": count, "hash": digest, "key_id": key_id, "seq": seq}
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


def write_checkpoint(seq: int, digest: str, count: int) -> Checkpoint:
    """Sign and append one checkpoint (``O_APPEND``, fsynced)."""
    key = signing_key()
    at = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    signature = sign(key.private_hex, key.public_hex, signed_message(seq, digest, count, at, key.key_id))
    point = Checkpoint(seq, digest, count, at, key.key_id, signature)
    line = {
        "seq": seq,
        "hash": digest,
        "count": count,
        "at": at,
        "key_id": key.key_id,
        "alg": SIGN_ALG,
        "signature": signature,
    }
    folder = anchor_dir()
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / CHECKPOINTS, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, (json.dumps(line, sort_keys=True) + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    return point


def checkpoints(folder: Path | None = None) -> Iterator[Checkpoint]:
    """The checkpoints in the order they were written.  A line that cannot be read is yielded with
    an empty signature, so that verification reports it."""
    path = (folder or anchor_dir()) / CHECKPOINTS
    if not path.exists():
        return
    for number, raw in enumerate(path.read_text().splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
            yield Checkpoint(
                int(data["seq"]),
                str(data["hash"]),
                int(data["count"]),
                str(data["at"]),
                str(data["key_id"]),
                str(data["signature"]),
                number,
            )
        except (ValueError, KeyError, TypeError):
            yield Checkpoint(0, "", 0, "", "", "", number)


def checkpoint_after_commit(seq: int, digest: str) -> None:
    """Called once the transaction that appended record ``seq`` has committed: every
    ``ZHENGWU_AUDIT_CHECKPOINT_EVERY`` records, write a checkpoint.  A failure is logged, never
    raised: the change it follows is committed."""
    every = int(getattr(settings, "ZHENGWU_AUDIT_CHECKPOINT_EVERY", 0))
    if every <= 0 or seq % every:
        return
    try:
        write_checkpoint(seq, digest, seq)
    except Exception:
        logger.exception("audit checkpoint #%s could not be written", seq)
