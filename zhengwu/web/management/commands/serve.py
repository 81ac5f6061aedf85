"""``zhengwu serve``: the production server (gunicorn), DEBUG off, after ``check --deploy``.

``--insecure-loopback`` serves plain HTTP on 127.0.0.1 for the demo (``make run``); without it
the production profile applies (HTTPS behind a TLS proxy, HSTS, secure cookies).
"""

from __future__ import annotations

import os
from typing import Any, ClassVar

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Serve zhengwu with gunicorn (production profile unless --insecure-loopback)."
    requires_system_checks: ClassVar[list[str]] = []  # type: ignore[misc]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("ZHENGWU_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("ZHENGWU_WEB_WORKERS", "2")))
        parser.add_argument(
            "--insecure-loopback", action="store_true", help="plain HTTP on the loopback address, for the demo only"
        )

    def handle(self, *args: Any, **o: Any) -> None:
        if o["insecure_loopback"]:
            host = o["bind"].rsplit(":", 1)[0]
            if host not in {"127.0.0.1", "localhost", "[::1]"}:
                raise CommandError("--insecure-loopback serves plain HTTP, so it only binds to 127.0.0.1.")
            call_command("check")
        else:
            call_command("check", deploy=True, fail_level="WARNING")
        if settings.DEBUG:
            raise CommandError("DEBUG is on; unset ZHENGWU_DEBUG before serving.")
        call_command("collectstatic", interactive=False, verbosity=0)
        from gunicorn.app.wsgiapp import run  # type: ignore[import-untyped]

        os.environ.setdefault("GUNICORN_CMD_ARGS", "")
        import sys

        sys.argv = [
            "gunicorn",
            "zhengwu.wsgi:application",
            "--bind",
            o["bind"],
            "--workers",
            str(o["workers"]),
            "--threads",
            "4",
            "--access-logfile",
            "-",
            "--forwarded-allow-ips",
            "127.0.0.1",
        ]
        run()
