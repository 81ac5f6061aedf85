"""Benchmark: official documents at scale — the full path, the workbench, the countersign sweep.

Creates a scratch database (SQLite under /tmp, or DATABASE_URL), migrates, loads the demo
government, then:

(a) bulk-loads N documents (default 100,000) with their versions, recipients, opinions, countersign
    tasks (and the timers of those still pending), numbers and deliveries — a realistic mix of
    incoming and outgoing documents in every state, dated over 2025–2026 — with ``bulk_create``
    (no audit records for this history);
(b) drives ``--paths`` documents through the whole path with the real actions, each in its own
    transaction, audit and notices included: create_submission → request_countersign → 2 replies →
    sign_and_submit → receive → check → office opinion → instruct → draft the 批复 → submit for
    review → review → the 分管 leader's step → sign → issue (15 actions), reporting paths/s,
    actions/s and the mean time of each action (``--profile`` adds a cProfile of this part);
(c) times the workbench: GET / and GET /documents/ as clerk_wendian and as the governor, median and
    p95 over ``--requests`` requests, with the queries per request;
(d) bulk-creates ``--sweep`` pending countersign tasks whose deadline timers are already due and
    times ``zhengwu.timers.services.sweep`` until none is due (timers/s); then checks that every
    task was recorded as silent consent (art. 50).

Exits non-zero if a sanity check fails.  E-mail is not sent (dummy backend); notices are written.

    make bench                                   # documents at 100,000 on SQLite (and the deadlines bench)
    make bench BENCH_DOCS=1000000
    make bench-postgres                          # the same on a throwaway PostgreSQL cluster
    python bench/documents.py --docs 20000 --paths 50 --profile
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BATCH = 5_000
SUBMITTERS = ["fgw", "czj", "sfj", "wsb", "xfj", "jyj", "zrzyj", "atushi", "akto", "aheqi", "wuqia"]
DEPARTMENTS = ["fgw", "czj", "sfj", "wsb", "xfj", "jyj", "zrzyj"]
COUNTIES = ["atushi", "akto", "aheqi", "wuqia"]
# (state, weight) — what a year or two of a prefecture's documents look like
SUBMISSION_STATES = [
    ("draft", 3),
    ("countersigning", 2),
    ("submitted", 2),
    ("received", 2),
    ("checked", 2),
    ("returned", 4),
    ("routed", 5),
    ("instructed", 15),
    ("answered", 45),
    ("closed", 20),
]
OUTGOING_STATES = [("draft", 3), ("reviewing", 2), ("awaiting_signature", 3), ("signed", 2), ("issued", 90)]
# documents older than a month are done: answered, closed, or returned and not resubmitted; issued
SUBMISSION_DONE = [("returned", 3), ("instructed", 7), ("answered", 60), ("closed", 30)]
OUTGOING_DONE = [("draft", 1), ("issued", 99)]
IN_FLIGHT = dt.timedelta(days=30)
SUBMISSION_TYPES = [("qingshi", 6), ("baogao", 3), ("han", 1)]
OUTGOING_TYPES = [("tongzhi", 5), ("pifu", 2), ("han", 2), ("yijian", 1), ("jiyao", 1)]
TOPICS = [
    "公路改建项目前期工作",
    "重大项目前期工作经费",
    "教育布局调整",
    "边境口岸建设",
    "自然资源确权登记",
    "冬季供暖保障",
    "农村饮水安全",
    "信访积案化解",
    "外事接待安排",
    "财政预算执行",
    "安全生产检查",
    "政务公开工作",
    "优化营商环境",
    "乡村振兴衔接资金",
    "防汛抗旱准备",
]


def weighted(rng: random.Random, table: list[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in table], weights=[w for _, w in table])[0]


@contextmanager
def timed(label: str, results: dict[str, float]) -> Iterator[None]:
    t0 = time.perf_counter()
    yield
    results[label] = time.perf_counter() - t0


# ---------------------------------------------------------------- (a) bulk load


class Loader:
    """Writes N documents and everything hanging off them with bulk_create and explicit ids."""

    def __init__(self, rng: random.Random) -> None:
        from django.contrib.auth import get_user_model

        from zhengwu.documents.models import Document, DocumentVersion, Opinion
        from zhengwu.org.models import Person, Unit
        from zhengwu.rulebook.services import version_in_force

        self.rng = rng
        self.units = {u.code: u for u in Unit.objects.all()}
        users = {u.username: u for u in get_user_model().objects.all()}
        self.user_id = {name: u.pk for name, u in users.items()}
        self.person = {p.user.username: p for p in Person.objects.select_related("user")}
        self.version = version_in_force()
        self.next_id = {
            m: (m.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
            for m in (Document, DocumentVersion, Opinion)
        }
        self.serials: dict[tuple[str, int], int] = defaultdict(int)

    def drafter(self, code: str) -> int:
        for name in (f"{code}_clerk", f"{code}_head"):
            if name in self.user_id:
                return self.user_id[name]
        return self.user_id["clerk_wendian"]

    def head(self, code: str) -> Any:
        return self.person.get(f"{code}_head")

    def take(self, model: Any, n: int = 1) -> int:
        first = self.next_id[model]
        self.next_id[model] += n
        return first

    def load(self, n: int, start: dt.datetime, end: dt.datetime) -> dict[str, int]:
        from django.db import connection, transaction

        counts: dict[str, int] = defaultdict(int)
        span = (end - start).total_seconds()
        for first in range(0, n, BATCH):
            size = min(BATCH, n - first)
            moments = sorted(start + dt.timedelta(seconds=self.rng.random() * span) for _ in range(size))
            with transaction.atomic():
                for key, value in self.batch(moments).items():
                    counts[key] += value
        with transaction.atomic():
            self.sequences()
        if connection.vendor == "postgresql":
            from django.core.management.color import no_style

            from zhengwu.documents.models import CountersignTask, Delivery, Document, DocumentVersion, Opinion
            from zhengwu.timers.models import Timer

            models = [
                Document,
                DocumentVersion,
                Opinion,
                CountersignTask,
                Delivery,
                Timer,
                Document.main_recipients.through,
                Document.copy_recipients.through,
            ]
            with connection.cursor() as cur:
                for sql in connection.ops.sequence_reset_sql(no_style(), models):
                    cur.execute(sql)
        return dict(counts)

    def batch(self, moments: list[dt.datetime]) -> dict[str, int]:
        from django.utils import timezone

        from zhengwu.documents.actions.countersign import DUE_TIMER
        from zhengwu.documents.models import (
            CountersignTask,
            Delivery,
            Document,
            DocumentVersion,
            IssuedNumber,
            Opinion,
            OpinionKind,
        )
        from zhengwu.timers.models import Timer
        from zhengwu.workdays.services import deadline_close

        rng, units = self.rng, self.units
        docs: list[Document] = []
        versions: list[DocumentVersion] = []
        opinions: list[Opinion] = []
        tasks: list[tuple[CountersignTask, bool]] = []
        deliveries: list[Delivery] = []
        numbers: list[IssuedNumber] = []
        mains: list[tuple[int, int]] = []
        copies: list[tuple[int, int]] = []
        now = timezone.now()
        office_director = self.person["office_director"]
        governor = self.person["governor"]
        answerable: list[Document] = []

        def opinion(doc: Document, kind: str, text: str, who: Any, at: dt.datetime, to: Any = None) -> None:
            opinions.append(
                Opinion(
                    id=self.take(Opinion),
                    document_id=doc.pk,
                    kind=kind,
                    text=text,
                    author_id=who.user_id,
                    author_name=who.name,
                    author_position="",
                    addressed_to=to,
                    created_at=at,
                )
            )

        for created in moments:
            doc_id = self.take(Document)
            topic = rng.choice(TOPICS)
            later = [created + dt.timedelta(hours=rng.randint(2, 96)) for _ in range(6)]
            later.sort()
            if rng.random() < 0.55:  # submitted to the government by a department or county
                code = rng.choice(SUBMITTERS)
                state = weighted(rng, SUBMISSION_STATES if created > now - IN_FLIGHT else SUBMISSION_DONE)
                kind = weighted(rng, SUBMISSION_TYPES)
                label = {"qingshi": "请示", "baogao": "报告", "han": "函"}[kind]
                head = self.head(code)
                signed = state not in {"draft", "countersigning"}
                received = signed and state != "submitted"
                doc = Document(
                    id=doc_id,
                    flow="submission",
                    doc_type=kind,
                    direction="up",
                    issuer_id=units[code].pk,
                    title=f"关于{topic}的{label}",
                    request_items=[f"{topic}有关事项"] if kind == "qingshi" else [],
                    urgency=rng.choice(["normal"] * 8 + ["urgent", "extra_urgent"]),
                    state=state,
                    rulebook_version_id=self.version.pk,
                    created_by_id=self.drafter(code),
                    created_at=created,
                    signer=head if signed else None,
                    signed_at=later[0] if signed else None,
                    received_at=later[1] if received else None,
                    received_by_id=self.user_id["clerk_wendian"] if received else None,
                )
                mains.append((doc_id, units["gov"].pk))
                if rng.random() < 0.2:
                    copies.append((doc_id, units["office"].pk))
                body = f"州人民政府：\n关于{topic}，现{label}如下。……\n妥否，请批示。"
                versions.append(
                    DocumentVersion(
                        id=self.take(DocumentVersion),
                        document_id=doc_id,
                        number=1,
                        body=body,
                        created_by_id=doc.created_by_id,
                        created_at=created,
                        frozen=signed,
                    )
                )
                if state == "returned":
                    opinion(
                        doc,
                        OpinionKind.CHECK_RETURN,
                        "请示应当一文一事（《工作规则》第四十八条）",
                        self.person["clerk_wendian"],
                        later[2],
                        head,
                    )
                    versions.append(
                        DocumentVersion(
                            id=self.take(DocumentVersion),
                            document_id=doc_id,
                            number=2,
                            body=body + "\n（已修改）",
                            created_by_id=doc.created_by_id,
                            created_at=later[3],
                        )
                    )
                if state in {"routed", "instructed", "answered", "closed"}:
                    leader = self.person["vice_liu"]
                    opinion(
                        doc, OpinionKind.OFFICE_OPINION, "拟请刘振东副州长阅示。", office_director, later[2], leader
                    )
                    if state != "routed":
                        opinion(doc, OpinionKind.INSTRUCTION, "同意，请办公室起草批复。", leader, later[3])
                if kind == "qingshi" and code in DEPARTMENTS and rng.random() < 0.3:
                    partners = rng.sample([c for c in DEPARTMENTS if c != code], 2)
                    pending = state == "countersigning"
                    requested = now - dt.timedelta(days=1) if pending else created
                    due = (now + dt.timedelta(days=6)).date() if pending else (created + dt.timedelta(days=9)).date()
                    for partner in partners:
                        answer = (
                            "pending"
                            if pending
                            else rng.choice(["agreed", "agreed", "agreed_with_comments", "silent_consent"])
                        )
                        tasks.append(
                            (
                                CountersignTask(
                                    document_id=doc_id,
                                    unit_id=units[partner].pk,
                                    requested_at=requested,
                                    due=due,
                                    state=answer,
                                    reply="同意。" if answer.startswith("agreed") else "",
                                    replied_at=None if pending else created + dt.timedelta(days=3),
                                    replied_by_id=None
                                    if pending or answer == "silent_consent"
                                    else self.user_id[f"{partner}_head"],
                                ),
                                pending,
                            )
                        )
                if state == "answered":
                    answerable.append(doc)
            else:  # drafted by the office in the name of the government or the office
                state = weighted(rng, OUTGOING_STATES if created > now - IN_FLIGHT else OUTGOING_DONE)
                kind = weighted(rng, OUTGOING_TYPES)
                issuer = "gov" if rng.random() < 0.6 else "office"
                signed = state in {"signed", "issued"}
                doc = Document(
                    id=doc_id,
                    flow="outgoing",
                    doc_type=kind,
                    direction="down",
                    issuer_id=units[issuer].pk,
                    title=f"关于{topic}的通知" if kind == "tongzhi" else f"关于{topic}的意见",
                    state=state,
                    rulebook_version_id=self.version.pk,
                    signing_facts={},
                    created_by_id=self.user_id["clerk_wendian"],
                    created_at=created,
                    signer=(governor if issuer == "gov" else office_director) if signed else None,
                    signed_at=later[3] if signed else None,
                )
                recipients = rng.sample(COUNTIES + DEPARTMENTS, rng.randint(1, 4))
                for code in recipients:
                    mains.append((doc_id, units[code].pk))
                versions.append(
                    DocumentVersion(
                        id=self.take(DocumentVersion),
                        document_id=doc_id,
                        number=1,
                        body=f"各有关单位：\n关于{topic}，……",
                        created_by_id=doc.created_by_id,
                        created_at=created,
                        frozen=signed,
                    )
                )
                if state not in {"draft", "reviewing"}:
                    opinion(doc, OpinionKind.REVIEW_PASSED, "审核通过。", office_director, later[1])
                if state == "issued":
                    assert doc.signed_at is not None
                    issued_at = later[4]
                    prefix = "克政发" if issuer == "gov" else "克政办发"
                    year = timezone.localtime(issued_at).year
                    self.serials[(prefix, year)] += 1
                    serial = self.serials[(prefix, year)]
                    doc.number, doc.issued_at = f"{prefix}〔{year}〕{serial}号", issued_at
                    numbers.append(
                        IssuedNumber(prefix=prefix, year=year, serial=serial, document_id=doc_id, taken_at=issued_at)
                    )
                    for i, code in enumerate(recipients, start=1):
                        deliveries.append(
                            Delivery(
                                document_id=doc_id,
                                unit_id=units[code].pk,
                                copy_number=i,
                                delivered_at=issued_at,
                                received_at=issued_at + dt.timedelta(hours=3),
                            )
                        )
            docs.append(doc)
        # about half of the outgoing documents answer an incoming one
        outgoing = [d for d in docs if d.flow == "outgoing" and d.doc_type == "pifu"]
        for reply, request in zip(outgoing, answerable, strict=False):
            reply.replies_to_id = request.pk

        Document.objects.bulk_create(docs)
        DocumentVersion.objects.bulk_create(versions)
        Opinion.objects.bulk_create(opinions)
        Document.main_recipients.through.objects.bulk_create(
            [Document.main_recipients.through(document_id=d, unit_id=u) for d, u in mains]
        )
        Document.copy_recipients.through.objects.bulk_create(
            [Document.copy_recipients.through(document_id=d, unit_id=u) for d, u in copies]
        )
        created_tasks = CountersignTask.objects.bulk_create([t for t, _ in tasks])
        pending_ids = [t.pk for t, pending in tasks if pending]
        if pending_ids and None in pending_ids:  # a backend that does not return ids from bulk inserts
            raise SystemExit("bulk_create did not return the countersign tasks' ids")
        Timer.objects.bulk_create(
            [
                Timer(
                    kind=DUE_TIMER,
                    fire_at=deadline_close(t.due),
                    key=f"countersign:{t.pk}:due",
                    payload={"task_id": t.pk},
                    state="pending",
                )
                for t, pending in tasks
                if pending
            ]
        )
        Delivery.objects.bulk_create(deliveries)
        IssuedNumber.objects.bulk_create(numbers)
        return {
            "documents": len(docs),
            "versions": len(versions),
            "opinions": len(opinions),
            "recipients": len(mains) + len(copies),
            "countersign tasks": len(created_tasks),
            "pending timers": len(pending_ids),
            "deliveries": len(deliveries),
            "numbers": len(numbers),
        }

    def sequences(self) -> None:
        """The 发文字号 sequences continue where the history stops, so the real ``issue`` is gapless."""
        from zhengwu.documents.models import NumberSequence

        for (prefix, year), last in self.serials.items():
            NumberSequence.objects.update_or_create(prefix=prefix, year=year, defaults={"last": last})


# ---------------------------------------------------------------- (b) the full path


def full_path(n: int, profile: bool) -> tuple[float, dict[str, list[float]], str]:
    from django.contrib.auth import get_user_model

    from zhengwu.documents.actions import countersign, intake, outgoing
    from zhengwu.documents.models import CountersignState, DocState
    from zhengwu.org.models import Unit

    users = {u.username: u for u in get_user_model().objects.all()}
    units = {u.code: u for u in Unit.objects.all()}
    timings: dict[str, list[float]] = defaultdict(list)

    from zhengwu.core.memo import scope

    def act(name: str, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        with scope():  # one memo scope per action, as the web, the API, the CLI and the worker give it
            result = func(*args, **kwargs)
        timings[name].append(time.perf_counter() - t0)
        return result

    def one(i: int) -> None:
        u = users
        doc = act(
            "create_submission",
            intake.create_submission,
            u["fgw_clerk"],
            units["fgw"],
            "qingshi",
            f"关于第{i}个公路改建项目前期工作的请示",
            "妥否，请批示。",
            [f"同意启动第{i}个项目前期工作"],
            [units["gov"]],
        )
        tasks = act(
            "request_countersign", countersign.request_countersign, u["fgw_clerk"], doc, [units["czj"], units["sfj"]]
        )
        for task in tasks:
            act("reply", countersign.reply, u[f"{task.unit.code}_head"], task, CountersignState.AGREED)
        act("sign_and_submit", intake.sign_and_submit, u["fgw_head"], doc)
        act("receive", intake.receive, u["clerk_wendian"], doc)
        result = act("check", intake.check, u["clerk_wendian"], doc)
        assert result.passed, result.reasons
        act("write_office_opinion", intake.write_office_opinion, u["office_director"], doc, "拟请刘振东副州长阅示。")
        act("instruct", intake.instruct, u["vice_liu"], doc, "同意，请办公室起草批复。")
        reply = act(
            "draft_outgoing",
            outgoing.draft_outgoing,
            u["clerk_wendian"],
            units["gov"],
            "pifu",
            f"关于同意启动第{i}个公路改建项目前期工作的批复",
            "发展和改革委员会：\n同意。\n此复。",
            [units["fgw"]],
            [units["czj"]],
            signing_facts={"important": True},
            replies_to=doc,
        )
        act("submit_for_review", outgoing.submit_for_review, u["clerk_wendian"], reply)
        act("review", outgoing.review, u["office_director"], reply, True, "文种、格式符合要求。")
        act("record_signing_step", outgoing.record_signing_step, u["vice_liu"], reply, "同意，请州长签发。")
        act("sign", outgoing.sign, u["governor"], reply)
        act("issue", outgoing.issue, u["clerk_wendian"], reply)
        assert reply.state == DocState.ISSUED, reply.state
        assert reply.number, reply
        doc.refresh_from_db()
        assert doc.state == DocState.ANSWERED, doc.state

    one(-1)  # warm up (imports, caches) — not counted
    timings.clear()
    profiler = cProfile.Profile() if profile else None
    t0 = time.perf_counter()
    if profiler:
        profiler.enable()
    for i in range(n):
        one(i)
    if profiler:
        profiler.disable()
    elapsed = time.perf_counter() - t0
    report = ""
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(45)
        report = out.getvalue()
    return elapsed, timings, report


# ---------------------------------------------------------------- (c) the workbench


def workbench(requests: int, budget: float) -> tuple[list[tuple[str, str, float, float, int, int, int]], list[str]]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    rows, problems = [], []
    for username in ("clerk_wendian", "governor"):
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(get_user_model().objects.get(username=username))
        for path in ("/", "/documents/"):
            try:
                first = client.get(path)
            except Exception as exc:  # the page is someone else's work in progress
                problems.append(f"GET {path} as {username}: {type(exc).__name__}: {exc}"[:300])
                continue
            if first.status_code == 404 and path != "/":
                problems.append(f"GET {path}: 404 — the documents page does not exist yet, skipped")
                continue
            if first.status_code != 200:
                problems.append(f"GET {path} as {username}: HTTP {first.status_code}")
                continue
            times = []
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                for _ in range(requests):
                    t0 = time.perf_counter()
                    response = client.get(path)
                    times.append(time.perf_counter() - t0)
                    assert response.status_code == 200
                    if time.perf_counter() - started > budget:  # a slow page: fewer samples, said so
                        break
            times.sort()
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            rows.append(
                (
                    username,
                    path,
                    statistics.median(times),
                    p95,
                    len(queries) // len(times),
                    len(first.content),
                    len(times),
                )
            )
    return rows, problems


# ---------------------------------------------------------------- (d) the sweep


def make_due(n: int, rng: random.Random) -> None:
    """``n`` pending countersign tasks (two per 请示) whose deadlines closed in the past week, with
    their due timers: what the worker finds after being down for a while."""
    from django.db import connection, transaction
    from django.utils import timezone

    from zhengwu.documents.actions.countersign import DUE_TIMER
    from zhengwu.documents.models import CountersignTask, Document, DocumentVersion
    from zhengwu.timers.models import Timer
    from zhengwu.workdays.services import calendar, deadline_close

    loader = Loader(rng)
    units = loader.units
    cal = calendar()
    today = timezone.localdate()
    due_days = []
    day = today - dt.timedelta(days=1)
    while len(due_days) < 5:
        if cal.is_working(day):
            due_days.append(day)
        day -= dt.timedelta(days=1)
    now = timezone.now()
    for first in range(0, n // 2, BATCH):
        size = min(BATCH, n // 2 - first)
        with transaction.atomic():
            docs, versions, mains = [], [], []
            for _ in range(size):
                doc_id = loader.take(Document)
                code = rng.choice(DEPARTMENTS)
                docs.append(
                    Document(
                        id=doc_id,
                        flow="submission",
                        doc_type="qingshi",
                        direction="up",
                        issuer_id=units[code].pk,
                        title=f"关于{rng.choice(TOPICS)}的请示",
                        request_items=["有关事项"],
                        state="countersigning",
                        rulebook_version_id=loader.version.pk,
                        created_by_id=loader.drafter(code),
                        created_at=now - dt.timedelta(days=14),
                    )
                )
                versions.append(
                    DocumentVersion(
                        id=loader.take(DocumentVersion),
                        document_id=doc_id,
                        number=1,
                        body="妥否，请批示。",
                        created_by_id=loader.drafter(code),
                        created_at=now - dt.timedelta(days=14),
                    )
                )
                mains.append(Document.main_recipients.through(document_id=doc_id, unit_id=units["gov"].pk))
            Document.objects.bulk_create(docs)
            DocumentVersion.objects.bulk_create(versions)
            Document.main_recipients.through.objects.bulk_create(mains)
            tasks = []
            for doc in docs:
                due = rng.choice(due_days)
                for partner in rng.sample([c for c in DEPARTMENTS if c != _code(units, doc.issuer_id)], 2):
                    tasks.append(
                        CountersignTask(
                            document_id=doc.pk,
                            unit_id=units[partner].pk,
                            requested_at=now - dt.timedelta(days=14),
                            due=due,
                        )
                    )
            CountersignTask.objects.bulk_create(tasks)
            Timer.objects.bulk_create(
                [
                    Timer(
                        kind=DUE_TIMER,
                        fire_at=deadline_close(t.due),
                        key=f"countersign:{t.pk}:due",
                        payload={"task_id": t.pk},
                    )
                    for t in tasks
                ]
            )
    if connection.vendor == "postgresql":
        from django.core.management.color import no_style

        with connection.cursor() as cur:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Document, DocumentVersion]):
                cur.execute(sql)


def _code(units: dict[str, Any], pk: int) -> str:
    return next(code for code, u in units.items() if u.pk == pk)


def sweep_all(limit: int) -> tuple[float, int, int, int]:
    from zhengwu.timers.services import sweep

    fired = failed = calls = 0
    t0 = time.perf_counter()
    while True:
        result = sweep(limit=limit)
        calls += 1
        fired += result.fired
        failed += result.failed
        if result.fired + result.failed + result.skipped == 0:
            break
    return time.perf_counter() - t0, fired, failed, calls


def sql_update_of_due_tasks() -> tuple[float, int]:
    """P4's yardstick: the same change as the sweep (the due tasks marked silent) as one SQL UPDATE."""
    from django.db import transaction
    from django.utils import timezone

    from zhengwu.documents.models import CountersignState, CountersignTask
    from zhengwu.documents.rules.countersign import SILENCE_TEXT

    t0 = time.perf_counter()
    with transaction.atomic():
        rows = CountersignTask.objects.filter(state=CountersignState.PENDING, due__lt=timezone.localdate()).update(
            state=CountersignState.SILENT_CONSENT, reply=SILENCE_TEXT, replied_at=timezone.now()
        )
    return time.perf_counter() - t0, rows


def spiff_peer(n: int, scratch: str) -> dict[str, Any] | None:
    """P2's peer: the 请示 lifecycle on SpiffWorkflow (``../shared/peers/spiff``) on the same database
    kind (the same PostgreSQL cluster, or SQLite with zhengwu's ``synchronous=NORMAL``)."""
    import json
    import subprocess

    from django.db import connection

    python = os.environ.get("SPIFF_PY", "/tmp/spiffenv/bin/python")
    script = Path(__file__).resolve().parents[2] / "shared" / "peers" / "spiff" / "bench.py"
    script = Path(os.environ.get("SPIFF_BENCH", script))
    if not (Path(python).exists() and script.exists()):
        print(f"    (P2 peer skipped: {python} or {script} missing; see ../shared/peers/README.md)")
        return None
    if connection.vendor == "sqlite":
        db = f"sqlite:///{scratch}/spiff.sqlite3"
    else:
        s, options = connection.settings_dict, connection.settings_dict.get("OPTIONS", {})
        host, port = s["HOST"] or options.get("host", ""), s["PORT"] or options.get("port") or 5432
        db = f"postgres://{s['USER']}@/{s['NAME']}?host={host}&port={port}"
    env = {**os.environ, "SPIFF_SQLITE_SYNC": "normal"}
    out = subprocess.run([python, str(script), "--n", str(n), "--db", db], capture_output=True, text=True, env=env)
    if out.returncode:
        print(f"    (P2 peer failed: {out.stderr.strip().splitlines()[-1:]})")
        return None
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=int(os.environ.get("BENCH_DOCS") or 100_000))
    parser.add_argument("--paths", type=int, default=200)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument(
        "--request-budget",
        type=float,
        default=60.0,
        help="seconds per page after which fewer than --requests are timed",
    )
    parser.add_argument("--sweep", type=int, default=10_000)
    parser.add_argument("--sweep-limit", type=int, default=500)
    parser.add_argument("--spiff", type=int, default=50, help="lifecycles of the SpiffWorkflow peer (P2); 0: none")
    parser.add_argument("--profile", action="store_true", help="cProfile the full path and the sweep and print the top")
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="zhengwu-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
    os.environ.setdefault("ZHENGWU_VAR_DIR", scratch)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengwu.settings")
    import django
    from django.conf import settings

    django.setup()
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from zhengwu.documents.models import CountersignState, CountersignTask, Document
    from zhengwu.org.management.commands.demo import load_demo
    from zhengwu.timers.models import Timer, TimerState

    failures: list[str] = []
    t: dict[str, float] = {}
    rng = random.Random(20261127)
    with timed("migrate", t):
        call_command("migrate", verbosity=0)
        load_demo()
    vendor = connection.vendor
    print(
        f"database: {vendor} {connection.Database.sqlite_version if vendor == 'sqlite' else ''}"
        f"{connection.pg_version if vendor == 'postgresql' else ''}  ({connection.settings_dict['NAME']})"
    )
    print(f"migrate + demo: {t['migrate']:.1f}s; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    # (a)
    end = timezone.now() - dt.timedelta(days=2)
    start = timezone.make_aware(dt.datetime(2025, 1, 1, 9))
    with timed("load", t):
        counts = Loader(rng).load(args.docs, start, end)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")  # fresh statistics, as autovacuum (PostgreSQL) or optimize (SQLite) would give
    rows = sum(counts.values())
    print(f"(a) bulk load: {args.docs:,} documents, {rows:,} rows in {t['load']:.1f}s ({rows / t['load']:,.0f} rows/s)")
    print("    " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    if Document.objects.count() != args.docs:
        failures.append(f"loaded {Document.objects.count()} documents, expected {args.docs}")

    # (b)
    elapsed, timings, report = full_path(args.paths, args.profile)
    actions = sum(len(v) for v in timings.values())
    print(
        f"(b) full path: {args.paths} paths, {actions:,} actions in {elapsed:.1f}s — "
        f"{args.paths / elapsed:.2f} paths/s, {actions / elapsed:.1f} actions/s"
    )
    for name, values in sorted(timings.items(), key=lambda kv: -statistics.mean(kv[1])):
        print(f"    {name:22s} mean {1000 * statistics.mean(values):6.1f} ms  (n={len(values)})")
    if report:
        print(report)

    # (c)
    bench_rows, problems = workbench(args.requests, args.request_budget)
    print(f"(c) workbench, up to {args.requests} requests each:")
    for username, path, median, p95, queries, size, n in bench_rows:
        print(
            f"    GET {path:12s} as {username:14s} median {1000 * median:7.1f} ms, p95 {1000 * p95:7.1f} ms "
            f"(n={n}), {queries} queries, {size:,} bytes"
        )
    for problem in problems:
        print(f"    {problem}")
    if not any(path == "/" for _, path, *_ in bench_rows):
        failures.append("the workbench did not answer")

    # (d)
    with timed("due", t):
        make_due(args.sweep, rng)
    now = timezone.now()
    due_before = Timer.objects.filter(state=TimerState.PENDING, fire_at__lte=now).count()
    print(f"(d) {due_before:,} due countersign timers created in {t['due']:.1f}s")
    sweep_profiler = cProfile.Profile() if args.profile else None
    if sweep_profiler:
        sweep_profiler.enable()
    seconds, fired, failed, calls = sweep_all(args.sweep_limit)
    if sweep_profiler:
        sweep_profiler.disable()
        out = io.StringIO()
        pstats.Stats(sweep_profiler, stream=out).sort_stats("cumulative").print_stats(40)
        print(out.getvalue())
    left = Timer.objects.filter(state=TimerState.PENDING, fire_at__lte=now).count()
    silent = CountersignTask.objects.filter(
        state=CountersignState.SILENT_CONSENT, replied_by__isnull=True, replied_at__gte=now - dt.timedelta(days=30)
    ).count()
    print(
        f"    sweep(limit={args.sweep_limit}): {fired:,} fired, {failed} failed in {calls} calls, {seconds:.1f}s — "
        f"{fired / seconds:,.0f} timers/s; {left} due timers left"
    )
    if left:
        failures.append(f"the sweep left {left} due timers")
    if failed or fired != due_before:
        failures.append(f"the sweep fired {fired} of {due_before} timers ({failed} failed)")
    if silent < args.sweep // 2 * 2:
        failures.append(f"only {silent} of {args.sweep} overdue tasks were recorded as silent consent")

    # P4: the sweep against one SQL UPDATE of the same rows (as many tasks, made due the same way)
    make_due(args.sweep, rng)
    update_seconds, updated = sql_update_of_due_tasks()
    print(f"    one SQL UPDATE of the same {updated:,} rows: {update_seconds:.3f}s")
    ratios = [f"P4 sweep / SQL UPDATE = {seconds / update_seconds:,.1f}x (target <= 5x)"]

    # P2: actions/s of the 请示 lifecycle beside SpiffWorkflow's, same database
    peer = spiff_peer(args.spiff, scratch) if args.spiff else None
    if peer is not None:
        print(f"(P2) SpiffWorkflow peer: {peer}")
        ratios.append(
            f"P2 zhengwu {actions / elapsed:.1f} actions/s / SpiffWorkflow {peer['actions_per_s']} actions/s = "
            f"{actions / elapsed / peer['actions_per_s']:.2f}x (target >= 1x)"
        )
    for ratio in ratios:
        print(f"ratio | {vendor} | N={args.docs:,} | {ratio}")

    print()
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"summary | {vendor} | N={args.docs:,} | load {t['load']:.1f}s | "
        f"{args.paths / elapsed:.2f} paths/s, {actions / elapsed:.1f} actions/s | "
        + " | ".join(f"{p} {u}: {1000 * m:.0f}/{1000 * p95:.0f} ms" for u, p, m, p95, *_ in bench_rows)
        + f" | sweep {fired:,} in {seconds:.1f}s = {fired / seconds:,.0f}/s"
    )
    for failure in failures:
        print(f"FAILED: {failure}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
