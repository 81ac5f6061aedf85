"""``zhengwu archive export DIR [--year Y]`` and ``zhengwu archive verify DIR [--manifest-sm3 HEX]``.

- ``export``: every archive package (art. 53), or those of one archival year, into a new folder with
  the transfer list ``manifest.json``; prints the list's SM3 for the transfer form.  Recorded in
  the audit trail.
- ``verify``: check an exported folder (no database needed): exit 0 when every package and the
  list agree, 1 naming each problem.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhengwu.documents import archive_export


class Command(BaseCommand):
    help = "Export the archive packages for transfer to the archives; verify an exported folder."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        out = sub.add_parser("export", help="write every package (of a year) and the transfer list into DIR")
        out.add_argument("folder", metavar="DIR", help="a new or empty folder")
        out.add_argument("--year", type=int, help="only the packages of this archival year (the year completed)")
        check = sub.add_parser("verify", help="check an exported folder; exit 1 naming each problem")
        check.add_argument("folder", metavar="DIR")
        check.add_argument("--manifest-sm3", help="the transfer list's SM3 as written on the transfer form")

    def handle(self, *args: Any, **o: Any) -> None:
        folder = Path(o["folder"])
        if o["sub"] == "export":
            try:
                done = archive_export.export(folder, o.get("year"), exported_by=f"命令行（{getpass.getuser()}）")
            except archive_export.ExportError as exc:
                raise CommandError(str(exc)) from exc
            year = f"{o['year']}年度" if o.get("year") else "全部"
            self.stdout.write(f"已导出{year}归档包{done.count}个到 {done.folder}。")
            self.stdout.write(f"移交清单 {archive_export.MANIFEST} 的SM3：{done.manifest_sm3}（请填入移交登记表）")
            return
        result = archive_export.verify_folder(folder, o.get("manifest_sm3"))
        if result.ok:
            self.stdout.write(f"导出文件夹完整：{result.checked}个归档包与移交清单一致，SM3校验通过。")
            return
        for problem in result.problems:
            self.stderr.write(problem)
        self.stderr.write(f"导出文件夹校验失败：{len(result.problems)}处问题。")
        sys.exit(1)
