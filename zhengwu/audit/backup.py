"""``zhengwu backup DIR`` and ``zhengwu restore DIR``.

A backup folder holds:

- ``database.sqlite3`` (SQLite's online backup API: a consistent copy while the server runs) or
  ``database.pgdump`` (``pg_dump -Fc``; restored with ``pg_restore``);
- ``media/``: the uploaded files;
- ``audit/``: what verifying the audit trail needs: the anchor log (``checkpoints.jsonl``) and the
  public keys.  Not the private signing key: it is backed up apart, by whoever keeps it;
- ``manifest.json``: every file with its SM3 checksum and size, and the chain's end at backup time.

``restore`` checks every checksum before it touches anything, restores the database, the files and
the anchors, then runs ``audit verify``, and reports success only if the chain verifies.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection

from zhengwu.audit import anchors
from zhengwu.audit.chain import VerifyResult
from zhengwu.audit.models import AuditHead, AuditRecord
from zhengwu.audit.services import verify

FORMAT = "zhengwu-backup/1"
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"


class BackupError(Exception):
    """A backup or restore that cannot be done, or a backup that does not check out."""


@dataclass(frozen=True)
class Restored:
    files: int
    result: VerifyResult


def sm3_file(path: Path) -> str:
    digest = hashlib.new("sm3")
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def media_dir() -> Path:
    return Path(getattr(default_storage, "location", settings.VAR_DIR / "media"))


def _pg_env() -> dict[str, str]:
    """libpq's environment for the configured database (host, port, user, password: from its URL or
    its OPTIONS, e.g. ``?host=/run/socket-dir``)."""
    params = connection.get_connection_params()
    env = dict(os.environ)
    for key, name in (("host", "PGHOST"), ("port", "PGPORT"), ("user", "PGUSER"), ("password", "PGPASSWORD")):
        if params.get(key):
            env[name] = str(params[key])
    return env


def _run(args: list[str]) -> None:
    done = subprocess.run(args, env=_pg_env(), capture_output=True, text=True, check=False)  # noqa: S603  (fixed argv, no shell)
    if done.returncode != 0:
        raise BackupError(f"{args[0]} 失败：{done.stderr.strip()}")


# --- backup ----------------------------------------------------------------------------------


def _backup_database(target: Path) -> None:
    if connection.vendor == "sqlite":
        if connection.in_atomic_block:  # the online backup would wait for this very transaction
            raise BackupError("不能在事务中备份 SQLite 数据库。")
        connection.ensure_connection()
        out = sqlite3.connect(target / SQLITE_FILE)
        try:
            connection.connection.backup(out)
        finally:
            out.close()
    elif connection.vendor == "postgresql":
        _run(["pg_dump", "-Fc", "--no-owner", "-f", str(target / PG_FILE), str(connection.settings_dict["NAME"])])
    else:
        raise BackupError(f"不支持备份这种数据库：{connection.vendor}")


def _copy_tree(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)


def backup(target: Path) -> dict[str, Any]:
    """Write a backup into ``target`` (a new or empty folder); return its manifest."""
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"备份目录不是空的：{target}")
    target.mkdir(parents=True, exist_ok=True)
    _backup_database(target)
    _copy_tree(media_dir(), target / "media")
    audit_dir = target / "audit"
    audit_dir.mkdir()
    log = anchors.anchor_dir() / anchors.CHECKPOINTS
    if log.exists():
        shutil.copy2(log, audit_dir / anchors.CHECKPOINTS)
    keys = anchors.load_public_keys()
    (audit_dir / anchors.PUBLIC_KEYS).write_text(json.dumps(keys, indent=2, sort_keys=True))
    head = AuditHead.objects.filter(pk=1).first()
    files = {
        path.relative_to(target).as_posix(): {"sm3": sm3_file(path), "bytes": path.stat().st_size}
        for path in sorted(target.rglob("*"))
        if path.is_file()
    }
    manifest = {
        "format": FORMAT,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "audit": {
            "records": AuditRecord.objects.count(),
            "head_seq": head.seq if head else 0,
            "head_hash": head.hash if head else "",
        },
        "private_signing_key": "not included: back it up separately (docs/audit-anchors.md)",
        "files": files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


# --- restore ---------------------------------------------------------------------------------


def check(source: Path) -> dict[str, Any]:
    """Read the manifest and check every file against it: nothing missing, changed or added."""
    try:
        manifest: dict[str, Any] = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"无法读取备份清单 {source / MANIFEST}：{exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"备份清单格式不符：{manifest.get('format')!r}")
    problems: list[str] = []
    listed: dict[str, dict[str, Any]] = manifest["files"]
    for name, entry in listed.items():
        path = source / name
        if not path.is_file():
            problems.append(f"缺少 {name}")
        elif sm3_file(path) != entry["sm3"]:
            problems.append(f"{name} 的SM3校验值不符")
    present = {p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file()} - {MANIFEST}
    problems += [f"清单外的文件 {name}" for name in sorted(present - set(listed))]
    if problems:
        raise BackupError("备份校验失败：" + "；".join(problems))
    return manifest


def _restore_database(source: Path, manifest: dict[str, Any]) -> None:
    if manifest["database"] != connection.vendor:
        raise BackupError(f"备份来自 {manifest['database']}，当前数据库是 {connection.vendor}。")
    connection.close()
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        backup_db = sqlite3.connect(source / SQLITE_FILE)
        try:
            backup_db.backup(connection.connection)
        finally:
            backup_db.close()
        connection.close()
    else:
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "-d",
                str(connection.settings_dict["NAME"]),
                str(source / PG_FILE),
            ]
        )


def _restore_anchors(source: Path) -> None:
    """The anchor log: taken from the backup when this installation has none.  A log already here
    is kept (it may hold checkpoints newer than the backup: then ``verify`` says what was lost)."""
    folder = anchors.anchor_dir()
    folder.mkdir(parents=True, exist_ok=True)
    log = source / "audit" / anchors.CHECKPOINTS
    if log.exists() and not (folder / anchors.CHECKPOINTS).exists():
        shutil.copy2(log, folder / anchors.CHECKPOINTS)
    keys = json.loads((source / "audit" / anchors.PUBLIC_KEYS).read_text())
    for key_id, public in keys.items():
        anchors.publish_public_key(str(key_id), str(public))


def restore(source: Path) -> Restored:
    """Check, restore, verify.  Raises :class:`BackupError` unless the restored chain verifies."""
    manifest = check(source)
    _restore_database(source, manifest)
    _copy_tree(source / "media", media_dir())
    _restore_anchors(source)
    result = verify()
    if not result.ok:
        assert result.breach is not None
        raise BackupError(f"已恢复，但审计链校验失败（{result.breach.kind}）：{result.breach.message}")
    return Restored(len(manifest["files"]), result)
