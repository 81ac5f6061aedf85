"""``zhengwu restore DIR``: check the SM3 manifest, restore, and succeed only if ``audit verify`` passes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhengwu.audit.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `zhengwu backup`; verify the audit trail before reporting success."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", help="a folder written by `zhengwu backup`")

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            done = restore(Path(o["directory"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"已恢复：{done.files}个文件校验一致；审计链完整，共{done.result.checked}条记录，"
            f"与{done.result.anchored}个签名检查点一致。"
        )
