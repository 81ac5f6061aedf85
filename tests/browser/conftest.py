"""Browser tests drive Debian's chromium through Playwright's sync API against ``live_server``.

Playwright's sync API runs an event loop in the test thread, which trips Django's async-unsafe
check on database access from the test itself; the test only reads, so the check is lifted here.
Never ``playwright install``: the browser is Debian's (installed by ``make test``).

On SQLite the test database is in memory and Django hands the live server's request threads the
test thread's one connection.  Two requests at once on that connection (a page loading while
another tab's request writes) fail with "database table is locked", so the live server here runs
one request at a time: threads still accept connections, a lock serialises the application.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
RESULTS = Path(__file__).resolve().parents[2] / "test-results"

_ONE_REQUEST_AT_A_TIME = threading.Lock()


class SerialisedWSGIServer(ThreadedWSGIServer):
    """Accepts in threads, runs the application (and reads its whole response) under one lock."""

    def set_app(self, application: Any) -> None:
        def serialised(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
            with _ONE_REQUEST_AT_A_TIME:
                response = application(environ, start_response)
                try:
                    return list(response)
                finally:
                    close = getattr(response, "close", None)
                    if close is not None:
                        close()

        super().set_app(serialised)


LiveServerThread.server_class = SerialisedWSGIServer


@pytest.fixture
def browser() -> Iterator[object]:
    playwright_sync = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    with playwright_sync.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()
