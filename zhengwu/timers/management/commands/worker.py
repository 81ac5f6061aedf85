"""``zhengwu worker``: fire due timers, forever (production), or once (``--once``)."""

from __future__ import annotations

import signal
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection

from zhengwu.timers.services import sweep


class Command(BaseCommand):
    help = "Run the timer worker: fires every due timer exactly once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="one sweep, then exit")
        parser.add_argument("--interval", type=float, default=None, help="seconds between sweeps")

    def handle(self, *args: Any, **o: Any) -> None:
        interval = o["interval"] or settings.ZHENGWU_WORKER_INTERVAL
        stopping = False

        def stop(*_: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(f"zhengwu worker: sweeping every {interval:g}s")
        while not stopping:
            # Drop stale connections between sweeps (never inside a caller's transaction, e.g. a test).
            if not connection.in_atomic_block:
                close_old_connections()
            result = sweep()
            if result.fired or result.failed:
                self.stdout.write(f"fired {result.fired}, failed {result.failed}")
            if o["once"]:
                return
            deadline = time.monotonic() + interval
            while not stopping and time.monotonic() < deadline:
                time.sleep(0.2)
