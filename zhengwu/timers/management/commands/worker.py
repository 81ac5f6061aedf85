"""``zhengwu worker``: fire due timers, forever (production), or until none is due (``--once``).

A sweep fires at most a batch of timers (``--batch``, 500); when it fills its batch the worker sweeps
again at once instead of waiting its interval, so a backlog (timers that fell due while the worker
was down) is worked off without pauses.  Each timer still fires in its own transaction."""

from __future__ import annotations

import signal
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections, connection

from zhengwu.timers.services import BATCH, sweep


class Command(BaseCommand):
    help = "Run the timer worker: fires every due timer exactly once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="fire every timer due now, then exit")
        parser.add_argument("--interval", type=float, default=None, help="seconds between sweeps")
        parser.add_argument("--batch", type=int, default=BATCH, help="timers fired per sweep at most")

    def handle(self, *args: Any, **o: Any) -> None:
        interval = o["interval"] or settings.ZHENGWU_WORKER_INTERVAL
        if o["batch"] < 1:
            raise CommandError("--batch 至少为 1。")
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
            result = sweep(limit=o["batch"])
            if result.fired or result.failed:
                self.stdout.write(f"fired {result.fired}, failed {result.failed}")
            if result.more:
                continue  # the batch was full: more timers are due, sweep again without waiting
            if o["once"]:
                return
            deadline = time.monotonic() + interval
            while not stopping and time.monotonic() < deadline:
                time.sleep(0.2)
