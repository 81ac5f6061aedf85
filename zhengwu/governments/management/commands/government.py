"""``zhengwu government``: which government this installation serves, and what it still lacks.

    zhengwu government show              # the configured government and its names (州长 or 县长 …)
    zhengwu government list              # the governments shipped with zhengwu
    zhengwu government check [--date D]  # what is missing before going live; exit status 1 if anything
    zhengwu government use NAME          # serve NAME (a slug or a folder) from now on (var/government)

See docs/adopting.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhengwu.core import government as configured
from zhengwu.core.installation import var_dir
from zhengwu.governments import readiness


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"“{text}”不是 YYYY-MM-DD 格式的日期") from exc


class Command(BaseCommand):
    help = "The government this installation serves: show, list, check what it lacks, use another."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        sub.add_parser("show", help="the configured government and its names")
        sub.add_parser("list", help="the governments shipped with zhengwu")
        p = sub.add_parser("check", help="what the installation still lacks before it can go live")
        p.add_argument("--date", type=_date, default=None, help="check as of this day (default: today)")
        p = sub.add_parser("use", help="serve this government from now on (a slug or a folder)")
        p.add_argument("name")

    def handle(self, *args: Any, **options: Any) -> None:
        what = options["what"]
        if what == "list":
            for slug in configured.available():
                config = configured.read(slug)
                mark = "（虚构，演示用）" if config.fictional else ""
                self.stdout.write(f"{slug:<12} {config.name}{mark}")
        elif what == "show":
            self._show()
        elif what == "use":
            self._use(options["name"])
        else:
            self._check(options["date"])

    def _show(self) -> None:
        config = configured.current()
        self.stdout.write(f"本系统服务于：{config.name}（{config.slug}，{config.folder}）")
        self.stdout.write(f"工作规则：{config.rulebook_code}（{config.rulebook_annotations}）")
        self.stdout.write(f"工作日历：{'、'.join(config.calendar_layers)}")
        self.stdout.write(f"发文字号：{config.numbering_pattern}")
        self.stdout.write("称谓：")
        for key, value in config.terms().as_dict().items():
            self.stdout.write(f"  {key:<26} {value}")

    def _use(self, name: str) -> None:
        try:
            config = configured.read(name)
        except configured.GovernmentConfigError as exc:
            raise CommandError(str(exc)) from None
        configured.record_choice(var_dir(), name)
        self.stdout.write(f"此后本安装服务于{config.name}（{name}）。")
        if os.environ.get("ZHENGWU_GOVERNMENT"):
            self.stderr.write("注意：环境变量 ZHENGWU_GOVERNMENT 已设置，它优先于此处的选择。")
        self.stdout.write("然后运行 zhengwu government check，补齐所缺。")

    def _check(self, day: dt.date | None) -> None:
        gaps = readiness.gaps(day)
        config = configured.current()
        if not gaps:
            self.stdout.write(f"{config.name}：可以上线，未发现缺项。")
            return
        self.stdout.write(f"{config.name}：上线前还有 {len(gaps)} 项需要补齐：")
        for number, gap in enumerate(gaps, 1):
            self.stdout.write(f"{number:>3}. 【{gap.area}】{gap.problem}")
            self.stdout.write(f"     办法：{gap.fix}")
        raise SystemExit(1)
