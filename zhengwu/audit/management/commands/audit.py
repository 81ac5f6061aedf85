"""``zhengwu audit verify``: check the hash chain; exit 0 when intact, 1 naming the first breach."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from zhengwu.audit.services import verify


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        sub.add_parser("verify", help="verify the chain; exit 1 at the first breach")

    def handle(self, *args: Any, **o: Any) -> None:
        result = verify()
        if result.ok:
            self.stdout.write(f"审计链完整：共{result.checked}条记录，SM3哈希链与HMAC-SM3签章均有效。")
            return
        assert result.breach is not None
        self.stderr.write(f"审计链被破坏（{result.breach.kind}）：{result.breach.message}")
        sys.exit(1)
