"""Benchmark: working-day deadlines for N items computed in SQL, with no Python loop.

Creates a scratch database (SQLite under /tmp, or DATABASE_URL), seeds the official calendar,
fills a table of N items with dates received in 2025–2026, and times the same join that
``zhengwu.workdays.services.working_day_deadline`` generates (the N-th working day after each
item's date, via ``work_index``) as a SELECT and as a set-based UPDATE.  A random sample is checked
against the pure ``WorkCalendar``.

    make bench                     # 1,000,000 items on SQLite
    python bench/deadlines.py --items 200000
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=7)
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="zhengwu-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
    os.environ.setdefault("ZHENGWU_VAR_DIR", scratch)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengwu.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from zhengwu.workdays.actions import seed_official
    from zhengwu.workdays.models import CalendarDay
    from zhengwu.workdays.services import calendar, working_day_deadline

    call_command("migrate", verbosity=0)
    seed_official(None)
    orm = CalendarDay.objects.annotate(due=working_day_deadline("date", args.days)).values("due")
    print("ORM expression:", str(orm.query)[:400], "…")
    rng = random.Random(20261127)
    first = dt.date(2025, 1, 1)
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_item")
        cur.execute("CREATE TABLE bench_item (id integer PRIMARY KEY, received_on date NOT NULL, due date NULL)")
        batch = 50_000
        t0 = time.perf_counter()
        for start in range(0, args.items, batch):
            rows = [
                (i, first + dt.timedelta(days=rng.randrange(0, 700)))
                for i in range(start, min(start + batch, args.items))
            ]
            with transaction.atomic():
                cur.executemany("INSERT INTO bench_item (id, received_on) VALUES (%s, %s)", rows)
        print(f"inserted {args.items:,} items in {time.perf_counter() - t0:.1f}s")
        deadline_sql = (
            "(SELECT d2.date FROM workdays_calendarday d2 WHERE d2.is_working AND d2.work_index = "
            "(SELECT d1.work_index FROM workdays_calendarday d1 WHERE d1.date = i.received_on) + %s LIMIT 1)"
        )
        t0 = time.perf_counter()
        select = f"SELECT COUNT(*), MIN(due), MAX(due) FROM (SELECT {deadline_sql} AS due FROM bench_item i) t"
        cur.execute(select, [args.days])
        count, lo, hi = cur.fetchone()
        select_s = time.perf_counter() - t0
        print(f"SELECT deadlines for {count:,} items: {select_s:.2f}s (due {lo} … {hi})")
        t0 = time.perf_counter()
        with transaction.atomic():
            update_sql = deadline_sql.replace("i.received_on", "bench_item.received_on")
            cur.execute(f"UPDATE bench_item SET due = {update_sql}", [args.days])
        update_s = time.perf_counter() - t0
        print(f"UPDATE (store deadlines) for {args.items:,} items: {update_s:.2f}s")
        cur.execute("SELECT received_on, due FROM bench_item ORDER BY id LIMIT 2000")
        sample = cur.fetchall()
    cal = calendar()
    bad = 0
    for received, due in sample:
        received = received if isinstance(received, dt.date) else dt.date.fromisoformat(received)
        due = due if isinstance(due, dt.date) else dt.date.fromisoformat(due)
        bad += cal.add_working_days(received, args.days) != due
    print(f"checked {len(sample)} rows against WorkCalendar: {bad} mismatches")
    print(f"database: {connection.vendor}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
