"""Encrypting personal data at rest: SM4-CBC with a random IV per value, and an HMAC-SM3 tag.

A value is stored as ``sm4:<key id>:<base64(iv ‖ ciphertext ‖ tag)>``:

- ``iv``: 16 random bytes, new for every value written (the same name written twice is stored as
  two different strings, so equal values cannot be spotted in the database);
- ``ciphertext``: SM4 (GB/T 32907, ``gmssl``) in CBC mode over the UTF-8 text, PKCS#7 padded;
- ``tag``: HMAC-SM3 over the format, the key id, the *context* (which column the value belongs to,
  e.g. ``petitions.petitioner.name``) and ``iv ‖ ciphertext``.  It is checked before anything is
  decrypted: a changed byte, a value moved into another column, or a key that is not the one that
  wrote it are refused (:class:`TamperedValue`), never decrypted into garbage.

The keys live in a key file of their own (``settings.ZHENGWU_DATA_KEY_FILE``, default
``var/keys/data-keys.json``, mode 0600, generated on first use), never in the database and never in
``var/secrets.json``: whoever copies the database, a backup folder or a ``dumpdata`` gets only
ciphertext.  The file is a key ring ``{"current": key id, "keys": {key id: 32 bytes hex}}``: each key
is a 256-bit master from which the SM4 key and the HMAC key are derived (HMAC-SM3 with distinct
labels).  The key id is derived from the key, so a value names the key that wrote it: a value whose
key is not in the ring is refused with :class:`DataKeyError` naming the key id and the file.
Rotation (``zhengwu datakey rotate``) adds a new key, makes it current and re-encrypts every value;
old keys stay in the ring so that older backups can still be read (docs/data-keys.md).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from gmssl.sm4 import SM4_DECRYPT, SM4_ENCRYPT, CryptSM4

PREFIX = "sm4"
ALG = "SM4-CBC+HMAC-SM3"
_FORMAT = b"zhengwu-sm4-cbc-hmac-sm3/1"
_IV = 16
_TAG = 32  # SM3 digest size


class DataKeyError(Exception):
    """The key file is missing, unreadable, or lacks the key a value was written with."""


class TamperedValue(Exception):
    """A stored value fails its integrity tag: changed, moved from another column, or not a value at all."""


@dataclass(frozen=True)
class DataKey:
    key_id: str
    enc_key: bytes  # 16 bytes: the SM4 key
    mac_key: bytes  # 32 bytes: the HMAC-SM3 key


@dataclass(frozen=True)
class KeyRing:
    path: Path
    current: DataKey
    keys: dict[str, DataKey]


def _derive(master: bytes, label: bytes) -> bytes:
    return hmac.new(master, label, "sm3").digest()


def data_key(master: bytes) -> DataKey:
    if len(master) != 32:
        raise DataKeyError("数据密钥必须是32字节（64个十六进制字符）。")
    key_id = "sm4-" + _derive(master, b"zhengwu data key id").hex()[:16]
    return DataKey(key_id, _derive(master, b"zhengwu sm4 encryption")[:16], _derive(master, b"zhengwu hmac-sm3 tag"))


def key_file() -> Path:
    from django.conf import settings

    return Path(settings.ZHENGWU_DATA_KEY_FILE)


def _written(path: Path, current: str, masters: dict[str, str]) -> Path:
    """The ring written and synced to a temporary file of its own beside ``path`` (0600)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump({"alg": ALG, "current": current, "keys": masters}, handle, indent=2, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    return tmp


def _write_ring(path: Path, current: str, masters: dict[str, str]) -> None:
    """Replace the ring (a rotation) in one rename."""
    _written(path, current, masters).replace(path)


def _create_ring(path: Path, current: str, masters: dict[str, str]) -> None:
    """Create the ring only if no process has yet: a hard link fails when the file exists, so two
    processes starting at once (two workers, two servers) end up with the same key, never one each."""
    tmp = _written(path, current, masters)
    try:
        os.link(tmp, path)
    except FileExistsError:
        pass  # another process made it first: its key is the key
    finally:
        tmp.unlink(missing_ok=True)


def _read_masters(path: Path) -> tuple[str, dict[str, str]]:
    try:
        stored = json.loads(path.read_text())
        current = str(stored["current"])
        masters = {str(k): str(v) for k, v in dict(stored["keys"]).items()}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataKeyError(f"无法读取数据密钥文件 {path}：{exc}") from exc
    if current not in masters:
        raise DataKeyError(f"数据密钥文件 {path} 中没有当前密钥 {current}。")
    return current, masters


_lock = threading.Lock()
_cache: dict[tuple[str, int, int], KeyRing] = {}


def key_ring(*, create: bool = True) -> KeyRing:
    """The key ring of ``settings.ZHENGWU_DATA_KEY_FILE``, generated with one key on first use when
    ``create``.  Read again whenever the file changes."""
    path = key_file()
    with _lock:
        if not path.exists():
            if not create:
                raise DataKeyError(f"没有数据密钥文件：{path}。个人信息无法解密。")
            master_bytes = secrets.token_bytes(32)
            key = data_key(master_bytes)
            master = {key.key_id: master_bytes.hex()}
            _create_ring(path, key.key_id, master)
        stat = path.stat()
        cache_key = (str(path), stat.st_mtime_ns, stat.st_size)
        ring = _cache.get(cache_key)
        if ring is not None:
            return ring
        current, masters = _read_masters(path)
        keys: dict[str, DataKey] = {}
        for stated_id, hex_key in masters.items():
            try:
                key = data_key(bytes.fromhex(hex_key))
            except ValueError as exc:
                raise DataKeyError(f"数据密钥文件 {path} 中的密钥 {stated_id} 无效：{exc}") from exc
            if key.key_id != stated_id:
                raise DataKeyError(f"数据密钥文件 {path} 中的密钥 {stated_id} 与其编号不符（应为 {key.key_id}）。")
            keys[key.key_id] = key
        ring = KeyRing(path, keys[current], keys)
        _cache.clear()
        _cache[cache_key] = ring
        return ring


def rotate() -> DataKey:
    """Add a new key to the ring and make it current; the old keys stay (values re-encrypted by
    ``zhengwu datakey rotate``, older backups still readable)."""
    path = key_file()
    key_ring()  # the file exists and reads
    with _lock:
        _, masters = _read_masters(path)
        master_bytes = secrets.token_bytes(32)
        key = data_key(master_bytes)
        masters[key.key_id] = master_bytes.hex()
        _write_ring(path, key.key_id, masters)
        _cache.clear()
    return key


# --- values ----------------------------------------------------------------------------------------


def _tag(key: DataKey, context: str, body: bytes) -> bytes:
    message = b"|".join([_FORMAT, key.key_id.encode(), context.encode()]) + b"|" + body
    return hmac.new(key.mac_key, message, "sm3").digest()


def _sm4(key: bytes, mode: int) -> CryptSM4:
    crypt = CryptSM4()
    crypt.set_key(key, mode)
    return crypt


def is_encrypted(value: str) -> bool:
    """Whether ``value`` has the form of a stored value (it may still fail its tag)."""
    parts = value.split(":")
    return len(parts) == 3 and parts[0] == PREFIX and parts[1].startswith("sm4-")


def encrypt(plaintext: str, context: str, key: DataKey | None = None) -> str:
    """``plaintext`` sealed for the column ``context`` with the current key (or ``key``)."""
    key = key or key_ring().current
    iv = secrets.token_bytes(_IV)
    ciphertext = _sm4(key.enc_key, SM4_ENCRYPT).crypt_cbc(iv, plaintext.encode("utf-8"))
    body = iv + ciphertext
    return f"{PREFIX}:{key.key_id}:{base64.b64encode(body + _tag(key, context, body)).decode('ascii')}"


def key_id_of(stored: str) -> str:
    if not is_encrypted(stored):
        raise TamperedValue("存储的值不是加密数据（可能是未加密的明文或已被改写）。")
    return stored.split(":")[1]


def decrypt(stored: str, context: str) -> str:
    """The plaintext of a stored value, after its tag is checked.  :class:`DataKeyError` if the key
    that wrote it is not in the ring; :class:`TamperedValue` if it is not intact."""
    key_id = key_id_of(stored)
    ring = key_ring()
    key = ring.keys.get(key_id)
    if key is None:
        raise DataKeyError(
            f"“{context}”的数据由密钥 {key_id} 加密，数据密钥文件 {ring.path} 中没有这把密钥"
            f"（现有：{', '.join(sorted(ring.keys))}）：密钥文件不对，或轮换时删除了旧密钥。数据无法解密。"
        )
    try:
        blob = base64.b64decode(stored.split(":")[2].encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise TamperedValue(f"“{context}”的加密数据已损坏：{exc}") from exc
    body, tag = blob[:-_TAG], blob[-_TAG:]
    if len(body) < 2 * _IV or len(body) % 16 or not hmac.compare_digest(tag, _tag(key, context, body)):
        raise TamperedValue(f"“{context}”的加密数据未通过完整性校验（HMAC-SM3）：已被改动，或不属于此字段。")
    plain = _sm4(key.enc_key, SM4_DECRYPT).crypt_cbc(body[:_IV], body[_IV:])
    try:
        return bytes(plain).decode("utf-8")
    except UnicodeDecodeError as exc:  # only with a valid tag, i.e. never unless the key is shared
        raise TamperedValue(f"“{context}”的加密数据无法解码：{exc}") from exc
