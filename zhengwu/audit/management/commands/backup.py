"""``zhengwu backup DIR``: the database, the uploaded files and the audit anchors, with an SM3 manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhengwu.audit.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database, the uploaded files and what verifying the audit trail needs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", help="a new or empty folder")

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            manifest = backup(Path(o["directory"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"已备份到 {o['directory']}：{len(manifest['files'])}个文件，"
            f"审计链{manifest['audit']['records']}条记录；清单 manifest.json（SM3）。"
            "审计签名私钥不在备份中，须另行保管。"
        )
