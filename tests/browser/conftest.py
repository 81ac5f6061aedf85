"""Browser tests drive Debian's chromium through Playwright's sync API against ``live_server``.

Playwright's sync API runs an event loop in the test thread, which trips Django's async-unsafe
check on database access from the test itself; the test only reads, so the check is lifted here.
Never ``playwright install``: the browser is Debian's (installed by ``make test``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
RESULTS = Path(__file__).resolve().parents[2] / "test-results"


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
