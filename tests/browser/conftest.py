"""Browser tests drive Debian's chromium through Playwright's sync API against ``live_server``.

Playwright's sync API runs an event loop in the test thread, which trips Django's async-unsafe
check on database access from the test itself; the test only reads, so the check is lifted here.
"""

from __future__ import annotations

import os

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
