"""Full-text search in Chinese: jieba word segmentation, FTS5 on SQLite, a tsvector on PostgreSQL.

Chinese has no spaces between words, so substring matching finds 「公开」 inside 「不公开」's
neighbours and 「市场」 inside 「超市场地」.  Each published item stores its title and body as
jieba segments them (``search_text``, words separated by spaces, lower-cased); a query is
segmented the same way and every one of its words must be a whole word of the item.

- SQLite: ``portal_search``, an FTS5 table over ``search_text`` (triggers keep it in step), ranked
  with ``bm25``.
- PostgreSQL: ``array_to_tsvector(string_to_array(search_text, ' '))`` with a GIN index; the
  query is a ``tsquery`` of the words joined by ``&``, ranked with ``ts_rank``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper

WORD = re.compile(r"[\w\u3400-\u9fff]", re.UNICODE)


@cache
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def _keep(token: str) -> bool:
    return bool(WORD.search(token))


def segment(text: str) -> str:
    """Title and body as the index stores them: search-mode segments (words and the shorter words
    inside long ones), lower-cased, separated by single spaces."""
    tokens = (t.strip().lower() for t in _jieba().cut_for_search(text))
    return " ".join(t for t in tokens if t and _keep(t))


def query_words(query: str) -> list[str]:
    """The words of a query (precise mode), each once, in order."""
    seen: dict[str, None] = {}
    for token in _jieba().cut(query.strip()):
        t = token.strip().lower()
        if t and _keep(t):
            seen.setdefault(t, None)
    return list(seen)[:12]


# -- the index ---------------------------------------------------------------------------------

SQLITE_INDEX = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS portal_search USING fts5("
    "search_text, content='portal_publicationitem', content_rowid='id')",
    "CREATE TRIGGER IF NOT EXISTS portal_search_ai AFTER INSERT ON portal_publicationitem BEGIN "
    "INSERT INTO portal_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS portal_search_ad AFTER DELETE ON portal_publicationitem BEGIN "
    "INSERT INTO portal_search(portal_search, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS portal_search_au AFTER UPDATE OF search_text ON portal_publicationitem BEGIN "
    "INSERT INTO portal_search(portal_search, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO portal_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO portal_search(portal_search) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS portal_search_ai",
    "DROP TRIGGER IF EXISTS portal_search_ad",
    "DROP TRIGGER IF EXISTS portal_search_au",
    "DROP TABLE IF EXISTS portal_search",
]
PG_VECTOR = "array_to_tsvector(string_to_array(search_text, ' '))"
PG_INDEX = [f"CREATE INDEX IF NOT EXISTS portal_search_gin ON portal_publicationitem USING GIN (({PG_VECTOR}))"]
PG_DROP = ["DROP INDEX IF EXISTS portal_search_gin"]


def install_index(connection: BaseDatabaseWrapper) -> None:
    statements = SQLITE_INDEX if connection.vendor == "sqlite" else PG_INDEX
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def remove_index(connection: BaseDatabaseWrapper) -> None:
    statements = SQLITE_DROP if connection.vendor == "sqlite" else PG_DROP
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


# -- searching ---------------------------------------------------------------------------------


def _fts5_query(words: Sequence[str]) -> str:
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def _tsquery(words: Sequence[str]) -> str:
    return " & ".join("'" + w.replace("\\", "\\\\").replace("'", "''") + "'" for w in words)


def ranked_ids(
    query: str,
    candidates_sql: str = "",
    params: Iterable[Any] = (),
    limit: int = 1000,
    connection: BaseDatabaseWrapper | None = None,
) -> list[int]:
    """Ids of the items whose words include every word of ``query``, best first.

    ``candidates_sql`` is an optional ``WHERE`` fragment on ``portal_publicationitem`` (alias
    ``i``) with its ``params``: the filters, applied in the same query so they combine with the
    ranking instead of cutting its result afterwards.
    """
    words = query_words(query)
    if not words:
        return []
    conn = connection or default_connection
    extra = f" AND ({candidates_sql})" if candidates_sql else ""
    if conn.vendor == "sqlite":
        # the fragments are constants; every value is a parameter
        sql = (
            "SELECT i.id FROM portal_search s JOIN portal_publicationitem i ON i.id = s.rowid "  # noqa: S608
            f"WHERE portal_search MATCH %s{extra} ORDER BY bm25(portal_search), i.published_at DESC LIMIT %s"
        )
        args: list[Any] = [_fts5_query(words), *params, limit]
    else:
        sql = (
            f"SELECT i.id FROM portal_publicationitem i WHERE {PG_VECTOR.replace('search_text', 'i.search_text')} "  # noqa: S608
            f"@@ %s::tsquery{extra} "
            f"ORDER BY ts_rank({PG_VECTOR.replace('search_text', 'i.search_text')}, %s::tsquery) DESC, "
            "i.published_at DESC LIMIT %s"
        )
        tsq = _tsquery(words)
        args = [tsq, *params, tsq, limit]
    with conn.cursor() as cursor:
        cursor.execute(sql, args)
        return [row[0] for row in cursor.fetchall()]
