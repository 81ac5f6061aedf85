"""会签 actions (art. 50): request, reply, extension, disagreement statement, and silence at the deadline.

Each action asks :mod:`zhengwu.documents.rules.countersign`, writes, audits, notifies and
schedules in one transaction.  A document keeps the rulebook version it was drafted under.

The deadline of every task is a durable timer (``documents.countersign.due``, key
``countersign:<task id>:due``) at 24:00 Beijing time of the due day; when it fires and the unit
has not replied, the worker records 「逾期未回复，视为无不同意见」 as of that moment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.actions import copy_back, lock
from zhengwu.core.decisions import require
from zhengwu.documents import selectors
from zhengwu.documents.actions.common import lock_document, require_open
from zhengwu.documents.models import (
    CountersignState,
    CountersignTask,
    DocState,
    Document,
    ExtensionState,
)
from zhengwu.documents.rules import countersign as rules
from zhengwu.documents.selectors import countersign_tasks, doc_fact, task_fact, unit_fact
from zhengwu.notices import services as notices
from zhengwu.org.models import Unit
from zhengwu.org.services import positions_of, users_by_person, users_of
from zhengwu.rulebook.models import RulebookVersion
from zhengwu.rulebook.services import rulebook_of
from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer
from zhengwu.workdays.dependents import Moved, Recalc
from zhengwu.workdays.services import UnknownYearError, calendar, deadline_close, office_start

__all__ = [
    "DUE_TIMER",
    "decide_extension",
    "reply",
    "request_countersign",
    "request_extension",
    "sign_statement",
    "timer_key",
    "write_disagreement_statement",
]

DUE_TIMER = "documents.countersign.due"
REMIND_TIMER = "documents.countersign.remind"


def timer_key(task: CountersignTask) -> str:
    return f"countersign:{task.pk}:due"


def remind_key(task: CountersignTask) -> str:
    return f"countersign:{task.pk}:remind"


def _schedule(task: CountersignTask, now: dt.datetime) -> None:
    """The deadline (silence at 24:00 of the due day) and a reminder (催办) at 09:00 of the working
    day before it, unless that moment has already passed."""
    timers.schedule(DUE_TIMER, deadline_close(task.due), timer_key(task), task_id=task.pk)
    try:
        day_before = calendar().add_working_days(task.due, -1)
    except UnknownYearError:
        timers.cancel(remind_key(task))
        return
    at = office_start(day_before)
    if at > now:
        timers.schedule(REMIND_TIMER, at, remind_key(task), task_id=task.pk)
    else:
        timers.cancel(remind_key(task))


# -- reading -------------------------------------------------------------------------------------


def _locked_task(task: CountersignTask) -> CountersignTask:
    """The task row, re-read under a row lock (PostgreSQL), so a reply and the deadline never cross."""
    row = lock(task, "unit", "document__issuer", "document__rulebook_version")
    require_open(row.document)
    return row


# -- request -------------------------------------------------------------------------------------


@transaction.atomic
def request_countersign(
    actor: AbstractBaseUser,
    document: Document,
    units: Sequence[Unit],
    due: dt.date | None = None,
) -> list[CountersignTask]:
    """The lead (issuing) unit asks the units whose powers its draft 请示 touches to countersign it,
    by ``due`` or, without one, within ``countersign.reply_days`` working days (art. 50)."""
    now = timezone.now()
    today = timezone.localdate(now)
    doc = lock_document(document)
    rb = rulebook_of(doc)
    checks = selectors.request_countersign_checks(actor, doc)
    already = set(doc.countersigns.values_list("unit_id", flat=True))
    decisions = rules.may_request(positions_of(actor, today), doc_fact(doc), [unit_fact(u) for u in units], already, rb)
    deadline = rules.due_date(today, rb, calendar(), due)
    require(*checks, *(d for d in decisions if d not in checks), deadline)  # every refusal at once
    due_day = rules.due_of(deadline)
    tasks = CountersignTask.objects.bulk_create(
        [CountersignTask(document=doc, unit=u, requested_at=now, due=due_day) for u in units]
    )
    if any(t.pk is None for t in tasks):  # backends that do not return ids from bulk inserts
        tasks = list(doc.countersigns.filter(unit__in=units).select_related("unit"))
    doc.state = DocState.COUNTERSIGNING
    doc.save(update_fields=["state"])
    document.state = doc.state
    consult = decisions[0]
    names = "、".join(unit_fact(u).name for u in units)
    audit.record(
        actor=actor,
        action="documents.countersign.request",
        target=doc,
        citation=consult.citation,
        summary=f"就《{doc.title}》征求{names}会签意见，回复期限{due_day.isoformat()}",
        details={
            "units": [u.code for u in units],
            "tasks": [t.pk for t in tasks],
            "due": due_day.isoformat(),
            "due_rule": deadline.code,
            "lead_set": due.isoformat() if due else None,
        },
    )
    issuer = unit_fact(doc.issuer).name
    for task in tasks:
        notices.send(
            users_of([selectors.unit_head(task.unit, today)]),
            f"会签请求：{issuer}《{doc.title}》，请于{due_day.isoformat()}前回复",
            f"{deadline.message}逾期未回复的，视为无不同意见。",
            consult.citation,
        )
        _schedule(task, timezone.now())
    return tasks


# -- reply ---------------------------------------------------------------------------------------


@transaction.atomic
def reply(actor: AbstractBaseUser, task: CountersignTask, state: str, text: str = "") -> CountersignTask:
    """The countersigning unit's head (or acting head) replies: 同意, 原则同意 with comments, or
    不同意 with reasons (art. 50); the silence timer is cancelled."""
    now = timezone.now()
    locked = _locked_task(task)
    doc = locked.document
    rb = rulebook_of(doc)
    fact = task_fact(locked)
    head = selectors.unit_head(locked.unit, timezone.localdate(now))
    decision = rules.check_reply(fact, state, text, now, rb)
    checks = selectors.reply_checks(actor, locked)
    require(*checks, *(d for d in [decision] if d not in checks))
    locked.state, locked.reply, locked.replied_by_id, locked.replied_at = state, text.strip(), actor.pk, now
    locked.save(update_fields=["state", "reply", "replied_by", "replied_at"])
    timers.cancel(timer_key(locked))
    timers.cancel(remind_key(locked))
    label = rules.REPLY_LABELS[state]
    audit.record(
        actor=actor,
        action="documents.countersign.reply",
        target=locked,
        citation=decision.citation,
        summary=f"{fact.unit.name}会签《{doc.title}》：{label}"
        + (f"。{locked.reply}" if locked.reply and locked.reply.rstrip("。") != label.rstrip("。") else ""),
        details={"state": state, "text": locked.reply, "due": locked.due.isoformat()},
        acting_for=head.acting_for.position.title if head and head.acting_for else "",
    )
    notices.send(
        [*users_of([selectors.unit_head(doc.issuer, timezone.localdate(now))]), doc.created_by],
        f"{fact.unit.name}已回复会签意见：{label}（《{doc.title}》）",
        locked.reply or decision.message,
        decision.citation,
    )
    return copy_back(task, locked)


# -- extensions ----------------------------------------------------------------------------------


@transaction.atomic
def request_extension(actor: AbstractBaseUser, task: CountersignTask, until: dt.date, reason: str) -> CountersignTask:
    """特殊情况不能按期回复的: the unit's head asks the lead unit, before the deadline, for a later date."""
    now = timezone.now()
    locked = _locked_task(task)
    doc = locked.document
    rb = rulebook_of(doc)
    fact = task_fact(locked)
    decision = rules.check_extension_request(fact, until, reason, now, rb, calendar())
    checks = selectors.request_extension_checks(actor, locked)
    require(*checks, *(d for d in [decision] if d not in checks))
    new_due = rules.due_of(decision)
    locked.extension_state, locked.extension_until = ExtensionState.REQUESTED, new_due
    locked.extension_reason = reason.strip()[:300]
    locked.save(update_fields=["extension_state", "extension_until", "extension_reason"])
    audit.record(
        actor=actor,
        action="documents.countersign.extension_request",
        target=locked,
        citation=decision.citation,
        summary=f"{decision.message}理由：{locked.extension_reason}",
        details={"due": locked.due.isoformat(), "until": new_due.isoformat(), "reason": locked.extension_reason},
    )
    notices.send(
        users_of([selectors.unit_head(doc.issuer, timezone.localdate(now))]),
        f"延期申请：{fact.unit.name}申请将《{doc.title}》会签回复延至{new_due.isoformat()}",
        f"{decision.message}理由：{locked.extension_reason}。请在原期限{locked.due.isoformat()}届满前答复。",
        decision.citation,
    )
    return copy_back(task, locked)


@transaction.atomic
def decide_extension(actor: AbstractBaseUser, task: CountersignTask, grant: bool) -> CountersignTask:
    """The lead unit's head grants (the deadline and its timer move) or refuses a request for more time."""
    now = timezone.now()
    locked = _locked_task(task)
    doc = locked.document
    rb = rulebook_of(doc)
    fact = task_fact(locked)
    decision = rules.check_extension_decision(fact, grant, now, rb)
    lead = unit_fact(doc.issuer)
    checks = selectors.decide_extension_checks(actor, locked)
    require(*checks, *(d for d in [decision] if d not in checks))
    old_due = locked.due
    if grant:
        locked.due = rules.due_of(decision)
        locked.extension_state = ExtensionState.GRANTED
        _schedule(locked, now)
    else:
        locked.extension_state = ExtensionState.REFUSED
    locked.save(update_fields=["due", "extension_state"])
    audit.record(
        actor=actor,
        action="documents.countersign.extension_" + ("grant" if grant else "refuse"),
        target=locked,
        citation=decision.citation,
        summary=decision.message,
        details={
            "old_due": old_due.isoformat(),
            "due": locked.due.isoformat(),
            "requested": locked.extension_until.isoformat() if locked.extension_until else None,
        },
    )
    notices.send(
        users_of([selectors.unit_head(locked.unit, timezone.localdate(now))]),
        f"{lead.name}{'同意' if grant else '不同意'}延期：《{doc.title}》会签回复期限{locked.due.isoformat()}",
        decision.message,
        decision.citation,
    )
    return copy_back(task, locked)


# -- disagreement --------------------------------------------------------------------------------


@transaction.atomic
def write_disagreement_statement(
    actor: AbstractBaseUser,
    document: Document,
    reasons: str,
    proposal: str,
) -> Document:
    """协商后仍不能取得一致意见的: the lead unit's head lists each side's reasons and proposes a
    solution; every unit consulted then countersigns it (与相关部门负责人会签, art. 50).  Rewriting
    it asks for new signatures."""
    now = timezone.now()
    doc = lock_document(document)
    rb = rulebook_of(doc)
    tasks = countersign_tasks(doc)
    require(*selectors.statement_checks(actor, doc))
    decision = rules.check_statement(doc_fact(doc), [task_fact(t) for t in tasks], reasons, proposal, rb)
    require(decision)
    lead = unit_fact(doc.issuer)
    reasons, proposal = reasons.strip(), proposal.strip()
    changed = (reasons, proposal) != (doc.disagreement_reasons, doc.disagreement_proposal)
    doc.disagreement_reasons, doc.disagreement_proposal = reasons, proposal
    doc.save(update_fields=["disagreement_reasons", "disagreement_proposal"])
    document.disagreement_reasons, document.disagreement_proposal = reasons, proposal
    cleared = 0
    if changed:
        cleared = doc.countersigns.filter(statement_signed_at__isnull=False).update(statement_signed_at=None)
    audit.record(
        actor=actor,
        action="documents.countersign.statement",
        target=doc,
        citation=decision.citation,
        summary=f"《{doc.title}》部门间分歧：列明各方理据，提出办理建议"
        + ("（已修改，原会签作废）" if cleared else ""),
        details={
            "reasons": reasons,
            "proposal": proposal,
            "signatures_cleared": cleared,
            "to_sign": [t.unit.code for t in tasks],
        },
    )
    today = timezone.localdate(now)
    notices.send(
        users_of(selectors.unit_head(t.unit, today) for t in tasks),
        f"请会签分歧说明：{lead.name}《{doc.title}》",
        f"办理建议：{proposal}",
        decision.citation,
    )
    return doc


@transaction.atomic
def sign_statement(actor: AbstractBaseUser, task: CountersignTask) -> CountersignTask:
    """A consulted unit's head countersigns the lead unit's statement of reasons and proposal
    (art. 50: every unit consulted, whether it agreed, disagreed or stayed silent)."""
    now = timezone.now()
    locked = _locked_task(task)
    doc = locked.document
    fact = task_fact(locked)
    checks = selectors.sign_statement_checks(actor, locked)
    require(*checks)
    decision = checks[0]  # the statement rule's (its citation is the audit's)
    locked.statement_signed_at = now
    locked.save(update_fields=["statement_signed_at"])
    audit.record(
        actor=actor,
        action="documents.countersign.statement_sign",
        target=locked,
        citation=decision.citation,
        summary=f"{fact.unit.name}会签《{doc.title}》的分歧说明",
        details={"reasons": doc.disagreement_reasons, "proposal": doc.disagreement_proposal},
    )
    notices.send(
        users_of([selectors.unit_head(doc.issuer, timezone.localdate(now))]),
        f"{fact.unit.name}已会签分歧说明（《{doc.title}》）",
        decision.message,
        decision.citation,
    )
    return copy_back(task, locked)


# -- the deadline --------------------------------------------------------------------------------


@timers.batch_handler(DUE_TIMER)
def _countersign_due(batch: Sequence[Timer]) -> None:
    """At 24:00 of the due day, a unit that has not replied is deemed to have no objection (art. 50).

    Fires a batch of deadlines in one transaction: the tasks are read (and locked on PostgreSQL) in
    one query and marked silent in one update; each still gets its own audit record (so each
    document's history is whole) and its notice to the issuer's head.  Recorded as of each timer's
    time; idempotent (a task already answered, or whose deadline moved later, is left alone)."""
    wanted = {timer.payload.get("task_id"): timer for timer in batch}
    tasks = list(
        CountersignTask.objects.select_for_update(of=("self",))
        .select_related("unit", "document__issuer")
        .defer("document__request_items", "document__signing_facts")
        .filter(pk__in=[pk for pk in wanted if pk is not None], state=CountersignState.PENDING)
        .order_by("pk")
    )
    # The rulebook versions the documents live under, each read once and without its source text
    # (read with every task, its text and JSON cost more than all the rest of the batch).
    versions = RulebookVersion.objects.defer(
        "source_text", "metadata", "reconstructed", "warnings", "annotation_origin"
    ).in_bulk({task.document.rulebook_version_id for task in tasks})
    for task in tasks:
        task.document.rulebook_version = versions[task.document.rulebook_version_id]
    silent = [(task, wanted[task.pk]) for task in tasks if rules.silent_at(task_fact(task), wanted[task.pk].fire_at)]
    if not silent:
        return
    for fire_at in {timer.fire_at for _, timer in silent}:  # one update per deadline moment (usually one)
        ids = [task.pk for task, timer in silent if timer.fire_at == fire_at]
        updated = CountersignTask.objects.filter(pk__in=ids, state=CountersignState.PENDING).update(
            state=CountersignState.SILENT_CONSENT, reply=rules.SILENCE_TEXT, replied_at=fire_at, replied_by=None
        )
        if updated != len(ids):  # a reply crossed the read (cannot under the lock): undo, fire one by one
            raise RuntimeError("countersign tasks changed while their deadline fired")
    today = timezone.localdate()
    heads = {task.document.issuer_id: selectors.unit_head(task.document.issuer, today) for task, _ in silent}
    accounts = users_by_person(heads.values())
    for task, timer in silent:
        doc, fact = task.document, task_fact(task)
        decision = rules.silence(fact, rulebook_of(doc))
        audit.record(
            actor=None,
            actor_name="系统",
            action="documents.countersign.silence",
            target=task,
            citation=decision.citation,
            summary=f"《{doc.title}》：{decision.message}",
            details={
                "due": task.due.isoformat(),
                "at": timezone.localtime(timer.fire_at).isoformat(),
                "text": rules.SILENCE_TEXT,
            },
        )
        head = heads[doc.issuer_id]
        account = accounts.get(head.person_id) if head is not None else None
        notices.send(
            [account] if account is not None else [],
            f"{fact.unit.name}逾期未回复会签意见，视为无不同意见（《{doc.title}》）",
            decision.message,
            decision.citation,
        )


@timers.handler(REMIND_TIMER)
def _countersign_remind(timer: Timer) -> None:
    """催办: the working day before the deadline, a unit that has not replied is reminded (art. 50)."""
    task = (
        CountersignTask.objects.select_related("unit", "document__issuer", "document__rulebook_version")
        .filter(pk=timer.payload.get("task_id"), state=CountersignState.PENDING)
        .first()
    )
    if task is None:
        return
    doc = task.document
    citation = rulebook_of(doc).cite("countersign.reply")
    title = f"催办：{unit_fact(doc.issuer).name}《{doc.title}》的会签意见请于{task.due.isoformat()}前回复"
    notices.send(
        users_of([selectors.unit_head(task.unit, timezone.localdate())]),
        title,
        f"逾期未回复的，视为无不同意见。{rules.SILENCE_TEXT}",
        citation,
    )
    audit.record(
        actor=None,
        actor_name="系统",
        action="documents.countersign.remind",
        target=task,
        citation=citation,
        summary=title,
        details={"due": task.due.isoformat()},
    )


# -- when the calendar changes -------------------------------------------------------------------


def recompute_dues(recalc: Recalc) -> list[Moved]:
    """The working calendar changed (a year's schedule came, a local holiday was entered): every
    pending 会签 whose default period (``countersign.reply_days`` working days, art. 50) the change
    touches gets its new last day, its timers move (those that fired stay fired), and the replying
    unit's head and the lead unit's head are told.  A reply date the lead unit set is left alone."""
    moved: list[Moved] = []
    tasks = (
        CountersignTask.objects.select_related("unit", "document__issuer", "document__rulebook_version")
        .filter(state=CountersignState.PENDING, due__gte=recalc.since)
        .exclude(extension_state=ExtensionState.GRANTED)
    )
    today = timezone.localdate()
    now = timezone.now()
    for task in tasks:
        doc = task.document
        days = rulebook_of(doc).param("countersign.reply_days").as_int
        new = recalc.working_days(timezone.localdate(task.requested_at), days, task.due)
        if new is None:
            continue
        old = task.due
        CountersignTask.objects.filter(pk=task.pk).update(due=new)
        task.due = new
        timers.move(timer_key(task), deadline_close(new))
        try:
            day_before = recalc.new.add_working_days(new, -1)
        except UnknownYearError:
            day_before = None
        at = office_start(day_before) if day_before else None
        if at is not None and at > now:
            timers.move(remind_key(task), at)
        people = users_of([selectors.unit_head(task.unit, today), selectors.unit_head(doc.issuer, today)])
        moved.append(
            Moved(f"《{doc.title}》的会签（{unit_fact(task.unit).name}）", old, new, tuple(u.pk for u in people))
        )
    return moved
