"""The embedded database commits durably (issue 11: "SQLite runs with synchronous=NORMAL … it can
lose the last commits on power loss")."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own setting")
def test_sqlite_syncs_every_commit():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 2  # FULL (NORMAL is 1)
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0].lower() in ("wal", "memory")


def test_the_setting_asks_for_full():
    from zhengwu import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        assert "PRAGMA synchronous=FULL" in settings.DATABASES["default"]["OPTIONS"]["init_command"]
