"""Benchmark: the public portal with N published items — search, item pages, the catalogue.

Creates a scratch database (SQLite under /tmp, or DATABASE_URL), migrates, loads the demo, then:

(a) bulk-loads N published items (default 20,000; ``BENCH_PORTAL_ITEMS=1000000`` for a million)
    spread over the 13 bodies and the years 2019–2026, each with a unique 索引号, a title and a
    body of ~40 words drawn (Zipf-weighted) from the vocabulary of the Work Rules, and its search
    text (the same words, space-separated, as :func:`zhengwu.portal.search.segment` stores them —
    composing them instead of running jieba over a million bodies keeps the load to minutes);
    the FTS5 triggers (SQLite) or the GIN index (PostgreSQL) index them as they are inserted;
(b) publishes ``--publish`` queued items with the real action (索引号 counter, segmentation, audit);
(c) times, through the Django test client, median and p95 over ``--requests`` requests each:
    search for a frequent word, a rare word, two words, a word with a category filter, a year
    filter; the catalogue without a query (newest first, and filtered by body); random item pages;
    the home page; the API search;
(d) checks that each search result contains its words (sanity) and exits non-zero if not.

    make bench                                  # BENCH_PORTAL_ITEMS defaults to 20,000
    make bench BENCH_PORTAL_ITEMS=1000000
    python bench/portal.py --items 5000 --requests 10
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BATCH = 5_000
YEARS = list(range(2019, 2027))
CATEGORIES = [
    "州政府",
    "政务公开",
    "发展规划",
    "财政",
    "教育",
    "自然资源",
    "社会保障",
    "农业农村",
    "交通运输",
    "生态环境",
    "卫生健康",
    "安全生产",
]
GENRES = ["通知", "意见", "办法", "决定", "批复", "公告"]


def vocabulary(text: str) -> list[str]:
    """The words of ``text`` (jieba's precise mode, two characters or more), most frequent first."""
    from zhengwu.portal.search import segment

    words: dict[str, int] = {}
    for w in segment(text).split():
        if len(w) >= 2 and not w.isdigit():
            words[w] = words.get(w, 0) + 1
    return [w for w, _ in sorted(words.items(), key=lambda kv: -kv[1])]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=int(os.environ.get("BENCH_PORTAL_ITEMS") or 20_000))
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--publish", type=int, default=50)
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="zhengwu-bench-portal-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
    os.environ.setdefault("ZHENGWU_VAR_DIR", scratch)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengwu.settings")
    import django
    from django.conf import settings

    django.setup()
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    settings.ALLOWED_HOSTS = ["*"]
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client

    from zhengwu.org.management.commands.demo import load_demo
    from zhengwu.org.models import Unit
    from zhengwu.portal import actions
    from zhengwu.portal.models import IndexCounter, ItemKind, ItemState, PublicationItem, Validity
    from zhengwu.portal.search import query_words
    from zhengwu.portal.services import queue_for_publication
    from zhengwu.rulebook import annotations
    from zhengwu.workdays.arith import BEIJING

    rng = random.Random(20261128)
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_demo()
    vendor = connection.vendor
    version = connection.Database.sqlite_version if vendor == "sqlite" else connection.pg_version
    print(
        f"database: {vendor} {version} ({connection.settings_dict['NAME']}); migrate + demo "
        f"{time.perf_counter() - t0:.1f}s; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )

    text_file = annotations.load().text_file
    assert text_file is not None
    words = vocabulary(text_file.read_text(encoding="utf-8"))
    weights = [1 / (rank + 1) for rank in range(len(words))]
    print(f"vocabulary: {len(words)} words from the Work Rules")
    units = [u for u in Unit.objects.exclude(org_code="").order_by("sort_order")]

    # (a) bulk load
    t0 = time.perf_counter()
    serials: dict[tuple[str, int], int] = {}
    made = 0
    while made < args.items:
        batch = []
        for _ in range(min(BATCH, args.items - made)):
            unit = rng.choice(units)
            year = rng.choice(YEARS)
            serial = serials[(unit.org_code, year)] = serials.get((unit.org_code, year), 50_000) + 1
            title_words = rng.choices(words, weights, k=6)
            body_words = rng.choices(words, weights, k=40)
            published = dt.datetime(year, rng.randint(1, 12), rng.randint(1, 28), rng.randint(8, 18), tzinfo=BEIJING)
            title = "关于" + "".join(title_words) + "的" + rng.choice(GENRES)
            batch.append(
                PublicationItem(
                    kind=ItemKind.DOCUMENT,
                    state=ItemState.PUBLISHED,
                    title=title[:300],
                    body="".join(body_words),
                    issuing_unit=unit,
                    issuer_name=unit.name,
                    doc_number=f"{unit.doc_prefix}〔{year}〕{serial - 50_000}号",
                    written_on=published.date() - dt.timedelta(days=3),
                    category=rng.choice(CATEGORIES),
                    genre=rng.choice(GENRES),
                    validity=rng.choice([Validity.IN_FORCE] * 8 + [Validity.REPEALED, Validity.EXPIRED]),
                    counted_from=published.date() - dt.timedelta(days=3),
                    due_on=published.date() + dt.timedelta(days=25),
                    provision="disclosure.proactive",
                    published_at=published,
                    index_number=f"{unit.org_code}/{year}-{serial:05d}",
                    search_text=" ".join([*title_words, *body_words]),
                )
            )
        with transaction.atomic():
            PublicationItem.objects.bulk_create(batch)
        made += len(batch)
        if made % 100_000 == 0 or made == args.items:
            print(f"  loaded {made:,} items ({time.perf_counter() - t0:.0f}s)", flush=True)
    for (org, year), last in serials.items():
        IndexCounter.objects.update_or_create(org_code=org, year=year, defaults={"last": last})
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE portal_publicationitem")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    load_s = time.perf_counter() - t0
    total = PublicationItem.objects.filter(state=ItemState.PUBLISHED).count()
    print(f"(a) bulk load: {args.items:,} items in {load_s:.0f}s ({args.items / load_s:,.0f}/s); {total:,} published")

    # (b) publish with the real action
    clerk = get_user_model().objects.get(username="clerk_gongkai")
    fgw = Unit.objects.get(code="fgw")
    today = dt.date.today()
    queued = []
    with transaction.atomic():
        for i in range(args.publish):
            queued.append(
                queue_for_publication(
                    actor=clerk,
                    kind=ItemKind.DOCUMENT,
                    title=f"关于基准测试第{i}号牦牛养殖补助的通知",
                    counted_from=today,
                    provision="disclosure.proactive",
                    body="".join(rng.choices(words, weights, k=40)),
                    issuing_unit=fgw,
                    category="农业农村",
                )
            )
    t0 = time.perf_counter()
    for item in queued:
        actions.publish(clerk, item)
    publish_s = time.perf_counter() - t0
    print(f"(b) publish: {args.publish} items in {publish_s:.1f}s = {publish_s / args.publish * 1000:.0f} ms each")

    # (c) pages
    client = Client()
    common, rare = words[3], words[len(words) // 2]
    pair = f"{words[10]}{words[20]}"
    top = PublicationItem.objects.order_by("-pk").values_list("pk", flat=True).first() or 1
    ids = list(
        PublicationItem.objects.filter(
            state=ItemState.PUBLISHED, pk__in=[rng.randint(1, top) for _ in range(args.requests * 2)]
        ).values_list("pk", flat=True)
    )[: args.requests]
    cases: list[tuple[str, str, dict[str, Any]]] = [
        (f"search a frequent word 「{common}」", "/public/items/", {"q": common}),
        (f"search a rare word 「{rare}」", "/public/items/", {"q": rare}),
        (f"search two words 「{pair}」", "/public/items/", {"q": pair}),
        (f"search 「{common}」 + category 财政", "/public/items/", {"q": common, "category": "财政"}),
        (
            f"search 「{rare}」 + year 2024 + 有效",
            "/public/items/",
            {"q": rare, "year": "2024", "validity": "in_force"},
        ),
        ("search 「牦牛养殖」 (the items published in (b))", "/public/items/", {"q": "牦牛养殖"}),
        ("catalogue, newest first", "/public/items/", {}),
        ("catalogue, page 40", "/public/items/", {"page": "40"}),
        ("catalogue by body + year", "/public/items/", {"issuer": units[2].name, "year": "2023"}),
        ("item page", "item", {}),
        ("home", "/public/", {}),
        ("API search", "/api/portal/items", {"q": common}),
    ]
    failures: list[str] = []
    client.get("/public/")  # warm the facets cache and jieba
    print(f"(c) pages, {args.requests} requests each (median / p95 ms):")
    rows = []
    for label, url, params in cases:
        times = []
        for n in range(args.requests):
            target = f"/public/items/{ids[n % len(ids)]}/" if url == "item" else url
            if n == 0 and url == "/public/":
                cache.delete("portal:facets")  # the first home page reads the facets from the catalogue
            start = time.perf_counter()
            response = client.get(target, params)
            times.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                failures.append(f"{label}: HTTP {response.status_code}")
                break
        rows.append((label, statistics.median(times), percentile(times, 0.95)))
        print(f"    {label:<48} {statistics.median(times):8.1f} / {percentile(times, 0.95):8.1f}", flush=True)

    # (d) sanity: results contain their words
    from zhengwu.portal.catalogue import Filters, find

    for q in (common, rare, pair, "牦牛养殖"):
        result = find(Filters(query=q))
        wanted = query_words(q)
        for item in result.items:
            if not set(wanted) <= set(item.search_text.split()):
                failures.append(f"「{q}」 found item {item.pk} without its words")
        print(f"(d) 「{q}」: {result.total}{'+' if result.capped else ''} results")
    published_in_b = len(find(Filters(query="牦牛养殖")).items)
    if published_in_b < min(20, args.publish):
        failures.append("the items published in (b) are not found")
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
