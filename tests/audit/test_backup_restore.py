"""``zhengwu backup`` / ``zhengwu restore`` round-trip the demo (issue 11: there were none).

The backup is taken in-process from the test database (the demo, loaded for the session); it is
restored in another process into a fresh installation (a new SQLite file, or a new PostgreSQL
database on the same server when the suite runs on PostgreSQL, as ``scripts/test.sh`` does), whose
``restore`` must check the SM3 manifest and pass ``audit verify`` against the anchors it brought.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from zhengwu.audit import services as audit
from zhengwu.audit.backup import MANIFEST, PG_FILE, SQLITE_FILE
from zhengwu.audit.models import AuditRecord

pytestmark = pytest.mark.article(63)

UPLOAD = "backup-test/附件.txt"


@pytest.fixture
def backed_up(transactional_db, demo_loaded, anchored, tmp_path: Path) -> Iterator[Path]:
    """The demo, committed (SQLite's online backup reads committed pages), backed up."""
    audit.checkpoint()  # anchor the demo's chain
    default_storage.save(UPLOAD, ContentFile("上传的附件".encode()))
    target = tmp_path / "backup"
    try:
        call_command("backup", str(target), stdout=open(os.devnull, "w"))  # noqa: SIM115
    finally:
        default_storage.delete(UPLOAD)
    return target


def _pg_url(name: str) -> str:
    params = connection.get_connection_params()
    user = quote(str(params.get("user") or ""))
    password = f":{quote(str(params['password']))}" if params.get("password") else ""
    host = str(params.get("host") or "")
    socket = host.startswith("/")
    port = f":{params['port']}" if params.get("port") else ""
    netloc = f"{user}{password}@{'' if socket else host}{port}"
    return f"postgres://{netloc}/{name}" + (f"?host={quote(host)}" if socket else "")


@pytest.fixture
def fresh_installation(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of a new installation: its own var/ and anchor folder, an empty database."""
    var = tmp_path / "restored"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "zhengwu.settings",
        "ZHENGWU_VAR_DIR": str(var),
        "ZHENGWU_AUDIT_ANCHOR_DIR": str(var / "anchors"),
        "ZHENGWU_AUDIT_SIGNING_KEY_FILE": str(tmp_path / "no-private-key-here.json"),
        "ZHENGWU_AUDIT_CHECKPOINT_EVERY": "0",
        # The installation's secrets travel apart from the backup, like the signing key (README).
        "ZHENGWU_AUDIT_KEY": settings.AUDIT_SEAL_KEY,
        "ZHENGWU_SECRET_KEY": settings.SECRET_KEY,
    }
    env.pop("ZHENGWU_AUDIT_PUBLIC_KEYS_FILE", None)
    if connection.vendor == "sqlite":
        env.pop("DATABASE_URL", None)  # var/zhengwu.sqlite3 of the new installation
        yield env
        return
    import psycopg

    name = f"zhengwu_restore_{uuid.uuid4().hex[:8]}"
    params = {k: v for k, v in connection.get_connection_params().items() if k in {"host", "port", "user", "password"}}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = _pg_url(name)
    try:
        yield env
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _zhengwu(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "zhengwu", *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_backup_holds_the_database_files_and_anchors_with_checksums(backed_up: Path) -> None:
    manifest = json.loads((backed_up / MANIFEST).read_text())
    database = SQLITE_FILE if connection.vendor == "sqlite" else PG_FILE
    assert database in manifest["files"]
    assert f"media/{UPLOAD}" in manifest["files"]
    assert {"audit/checkpoints.jsonl", "audit/public-keys.json"} <= set(manifest["files"])
    assert all(len(entry["sm3"]) == 64 for entry in manifest["files"].values())
    private = json.loads(Path(settings.ZHENGWU_AUDIT_SIGNING_KEY_FILE).read_text())["private_key"]
    for path in backed_up.rglob("*"):
        if path.is_file() and path.suffix in {".json", ".jsonl"}:
            assert private not in path.read_text()  # the private key is never in a backup


def test_restore_refuses_a_backup_that_does_not_check_out(backed_up: Path) -> None:
    (backed_up / "media" / UPLOAD).write_bytes("被改过的附件".encode())
    (backed_up / "media" / "extra.bin").write_bytes(b"x")
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(backed_up))  # checked before anything is touched
    assert f"media/{UPLOAD} 的SM3校验值不符" in str(refused.value)
    assert "清单外的文件 media/extra.bin" in str(refused.value)


def test_the_demo_round_trips_into_a_new_installation(backed_up: Path, fresh_installation: dict[str, str]) -> None:
    done = _zhengwu(fresh_installation, "restore", str(backed_up))
    assert done.returncode == 0, done.stderr
    assert "审计链完整" in done.stdout
    assert "与1个签名检查点一致" in done.stdout
    var = Path(fresh_installation["ZHENGWU_VAR_DIR"])
    assert (var / "media" / UPLOAD).read_text() == "上传的附件"
    verified = _zhengwu(fresh_installation, "audit", "verify")
    assert verified.returncode == 0, verified.stderr
    assert f"共{AuditRecord.objects.count()}条记录" in verified.stdout
