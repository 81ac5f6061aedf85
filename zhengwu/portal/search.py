"""Full-text search in Chinese: jieba word segmentation, FTS5 on SQLite, a tsvector on PostgreSQL.

Chinese has no spaces between words, so substring matching finds 「公开」 inside 「不公开」's
neighbours and 「市场」 inside 「超市场地」.  Each published item stores its title and body as
jieba segments them (``search_text``, words separated by spaces, lower-cased); a query is
segmented the same way and every one of its words must be a whole word of the item.

The segmenter picks one way to cut a phrase: 「重点项目前期工作经费」 comes out as 重点 / 项目前期 /
工作 / 经费, so a reader who sees 「重点项目」 or 「前期工作」 in the title would not find it.  The index
therefore also keeps the words of a cut into fewer words of two or more characters over the same
stretch (:func:`other_cuts`): 「重点项目」 and 「前期工作」 are there, while 「超市场地」 (超市 / 场地)
still does not hold 「市场」, which only a cut through the single characters 超 and 地 would give.

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
HAN_RUN = re.compile(r"[\u3400-\u9fff]{2,}")


@cache
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def _keep(token: str) -> bool:
    return bool(WORD.search(token))


#: How many of the segmenter's pieces a shorter cut may replace: compounds are local.
SPAN = 4


def _shortest(ends: dict[int, list[int]], a: int, b: int) -> tuple[int, set[tuple[int, int]]]:
    """The fewest words of 2+ characters that cut ``[a, b)`` exactly, and the words on such cuts."""
    inf = b - a + 1
    dist = {a: 0}
    for i in range(a, b):
        if i in dist:
            for j in ends.get(i, ()):
                if j <= b and dist[i] + 1 < dist.get(j, inf):
                    dist[j] = dist[i] + 1
    best = dist.get(b, inf)
    if best == inf:
        return inf, set()
    back = {b: 0}
    for i in range(b - 1, a - 1, -1):
        steps = [back[j] + 1 for j in ends.get(i, ()) if j in back]
        if steps:
            back[i] = min(steps)
    on = {(i, j) for i in dist for j in ends.get(i, ()) if j in back and dist[i] + 1 + back[j] == best}
    return best, on


def other_cuts(run: str) -> list[str]:
    """The words of a run of Chinese characters that the segmenter split more than it had to: where
    a cut into fewer words of two or more characters covers the same stretch as a few of its
    pieces (「重点项目/前期工作」 for 「重点/项目前期/工作」), the words of that cut.  A cut with as
    many pieces is not taken (「克孜勒/苏州」 for 「克孜勒苏/州」 would find a city in a name)."""
    jieba = _jieba()
    cut = list(jieba.cut(run))
    bounds = [0]
    for token in cut:
        bounds.append(bounds[-1] + len(token))
    ends = {i: [j + 1 for j in js if j > i] for i, js in jieba.dt.get_DAG(run).items()}  # words of 2+ characters
    held = set(cut)
    found: dict[str, None] = {}
    for k, a in enumerate(bounds):
        for pieces in range(2, SPAN + 1):
            if k + pieces >= len(bounds):
                break
            fewest, words = _shortest(ends, a, bounds[k + pieces])
            if fewest < pieces:
                for i, j in sorted(words):
                    if run[i:j] not in held:
                        found.setdefault(run[i:j], None)
    return list(found)


def segment(text: str) -> str:
    """Title and body as the index stores them: search-mode segments (words and the shorter words
    inside long ones) and the words of other cuts (:func:`other_cuts`), lower-cased, separated by
    single spaces."""
    tokens = [t.strip().lower() for t in _jieba().cut_for_search(text)]
    tokens += [w for run in HAN_RUN.findall(text) for w in other_cuts(run)]
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
