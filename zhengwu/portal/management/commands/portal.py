"""``zhengwu portal import FILE``: store an item already published elsewhere, from its page's text."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from zhengwu.core.decisions import InvalidInput
from zhengwu.portal.importer import import_published


class Command(BaseCommand):
    help = "政务公开: import a published page (its metadata block and body) as a published item."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        imp = sub.add_parser("import", help="import FILE (UTF-8 text of a disclosure page)")
        imp.add_argument("file")

    def handle(self, *args: Any, **o: Any) -> None:
        path = Path(o["file"])
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.stderr.write(f"无法读取文件{path}：{exc}")
            sys.exit(2)
        try:
            item, created, parsed = import_published(None, text)
        except InvalidInput as exc:
            self.stderr.write(f"导入失败：{exc.message}")
            sys.exit(1)
        if not created:
            self.stdout.write(f"索引号{item.index_number}已存在（《{item.title}》），未重复导入。")
            return
        self.stdout.write(
            f"已导入《{item.title}》，索引号{item.index_number}，发布日期{parsed.published_at:%Y-%m-%d}。"
        )
        for line in parsed.repairs:
            self.stdout.write(f"  重建条文编号：{line}")
