"""``zhengwu accounts``: account administration on the command line.

zhengwu accounts dormant [--days 90]    accounts not used for that many days (sign-in, session, token)
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from zhengwu.identity.selectors import dormant_accounts

DEFAULT_DAYS = 90


class Command(BaseCommand):
    help = "Account administration: the report of dormant accounts."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        p = sub.add_parser("dormant", help="list active accounts not used for DAYS days (default 90)")
        p.add_argument("--days", type=int, default=DEFAULT_DAYS)

    def handle(self, *args: Any, **o: Any) -> None:
        getattr(self, "_" + o["sub"])(o)

    def _dormant(self, o: dict[str, Any]) -> None:
        days = max(1, int(o["days"]))
        found = dormant_accounts(days)
        self.stdout.write(f"{days}天以上未使用的账号：{len(found)}个")
        for a in found:
            last = f"{timezone.localtime(a.last_used):%Y-%m-%d %H:%M}" if a.last_used else "从未使用"
            self.stdout.write(f"{a.username}\t{a.name or '—'}\t最近使用：{last}\t未使用{a.idle_days}天")
