"""报备 actions (art. 49): a department document marked 「经自治州人民政府同意」 is filed with the
government office within 30 days of issue (parameter ``filing.agreed_document_days``, a
calendar-day period: ``calendar().add_days(issue day, 30)``).

- :func:`on_issued` — called by ``outgoing.issue`` in its transaction: opens the obligation when
  the issued document owes one (:func:`open_filing_obligation`);
- :func:`file_with_office` — the issuing department's staff file it (on time, or late: recorded
  either way);
- :func:`overdue_filings` — every obligation past its due day and not filed, as one query.

Two durable timers per obligation: ``documents.filing.remind`` (key ``filing:<id>:remind``), the
催办 to the department's head and clerks ``REMINDER_DAYS`` days before the due day, and
``documents.filing.overdue`` (key ``filing:<id>:overdue``) at 24:00 Beijing time of the due day,
which — if nothing was filed — records the obligation overdue, citing art. 49, and tells the
department's head and the office, exactly once.  Filing cancels both.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.actions import copy_back
from zhengwu.core.decisions import require
from zhengwu.documents.actions.common import require_open
from zhengwu.documents.models import Document, FilingObligation, FilingState
from zhengwu.documents.rules import filing as rules
from zhengwu.notices import services as notices
from zhengwu.org.models import Appointment, Person, PositionKind, Unit
from zhengwu.org.rules import Authority
from zhengwu.org.services import office_unit, positions_of, users_of, who_holds
from zhengwu.rulebook.services import rulebook_of
from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer
from zhengwu.workdays.dependents import Moved, Recalc
from zhengwu.workdays.services import calendar, office_start

__all__ = [
    "FILE",
    "OPEN",
    "OVERDUE",
    "OVERDUE_TIMER",
    "REMIND",
    "REMIND_TIMER",
    "file_with_office",
    "filing_fact",
    "on_issued",
    "open_filing_obligation",
    "overdue_filings",
]

OPEN = "documents.filing.open"
REMIND = "documents.filing.remind"
OVERDUE = "documents.filing.overdue"
FILE = "documents.filing.file"

REMIND_TIMER = "documents.filing.remind"
OVERDUE_TIMER = "documents.filing.overdue"

OFFICE_FILING_DUTY = "文电"  # the office clerks who receive filings (as they receive submissions)


def remind_key(obligation: FilingObligation) -> str:
    return f"filing:{obligation.pk}:remind"


def overdue_key(obligation: FilingObligation) -> str:
    return f"filing:{obligation.pk}:overdue"


# -- reading -------------------------------------------------------------------------------------


def filing_fact(obligation: FilingObligation) -> rules.FilingFact:
    unit = obligation.unit
    return rules.FilingFact(
        unit.pk, unit.short_name or unit.name, obligation.state, obligation.due, obligation.filed_at
    )


def _label(document: Document) -> str:
    return f"{document.number}《{document.title}》" if document.number else f"《{document.title}》"


def _active(day: dt.date) -> Q:
    return Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))


def _department_people(unit: Unit, day: dt.date) -> list[Person]:
    """The department's head (or acting head) and its clerks: who files, and who is reminded."""
    clerks = Appointment.objects.filter(_active(day), position__unit=unit, position__kind=PositionKind.CLERK)
    people = list(Person.objects.filter(pk__in=clerks.values("person_id")).select_related("user"))
    head = who_holds(Authority("head", unit.pk), day)
    if head is not None:
        people.append(Person.objects.select_related("user").get(pk=head.person_id))
    return people


def _head_people(unit: Unit, day: dt.date) -> list[Person]:
    head = who_holds(Authority("head", unit.pk), day)
    return list(Person.objects.filter(pk=head.person_id).select_related("user")) if head else []


def _office_people(day: dt.date) -> list[Person]:
    """The office's head (办公室主任, or acting) and its 文电 clerks, who receive filings."""
    office = office_unit()
    if office is None:
        return []
    clerks = Appointment.objects.filter(
        _active(day),
        position__unit=office,
        position__kind=PositionKind.CLERK,
        position__duties__contains=OFFICE_FILING_DUTY,
    )
    people = list(Person.objects.filter(pk__in=clerks.values("person_id")).select_related("user"))
    return people + _head_people(office, day)


def overdue_filings(today: dt.date | None = None) -> QuerySet[FilingObligation]:
    """Every obligation whose due day has ended with nothing filed (one query, whether or not the
    worker has fired its timer yet)."""
    today = today or timezone.localdate()
    return (
        FilingObligation.objects.filter(state=FilingState.PENDING, due__lt=today)
        .select_related("document", "unit")
        .order_by("due", "id")
    )


# -- opening -------------------------------------------------------------------------------------


@transaction.atomic
def on_issued(actor: AbstractBaseUser, document: Document) -> FilingObligation | None:
    """Call from ``outgoing.issue`` once the document is issued: opens its filing obligation if it
    is a department document marked 「经自治州人民政府同意」, else does nothing."""
    doc = Document.objects.select_related("issuer", "rulebook_version").get(pk=document.pk)
    agreed = bool((doc.signing_facts or {}).get("agreed_by_government"))
    if not rules.needs_filing(doc.flow, doc.state, doc.issuer.kind, agreed):
        return None
    return open_filing_obligation(actor, doc)


@transaction.atomic
def open_filing_obligation(actor: AbstractBaseUser | None, document: Document) -> FilingObligation:
    """The obligation to file ``document`` (issued) within ``filing.agreed_document_days`` calendar
    days of its issue; reminders scheduled.  Idempotent: an existing obligation is returned."""
    existing = FilingObligation.objects.filter(document_id=document.pk).select_related("unit").first()
    if existing is not None:
        return existing
    doc = Document.objects.select_related("issuer", "rulebook_version").get(pk=document.pk)
    require_open(doc, "备案")  # art. 53: an archived document is read-only
    rb = rulebook_of(doc)
    require(rules.check_issued(doc.issued_at is not None, rb))
    assert doc.issued_at is not None  # checked by the rule
    now = timezone.now()
    issued_on = timezone.localdate(doc.issued_at)
    deadline = rules.due_date(issued_on, rb, calendar())
    due = deadline.facts["due"]
    assert isinstance(due, dt.date)
    obligation = FilingObligation.objects.create(
        document=doc, unit=doc.issuer, issued_on=issued_on, due=due, created_at=now
    )
    audit.record(
        actor=actor,
        action=OPEN,
        target=doc,
        citation=deadline.citation,
        summary=f"{_label(doc)}冠以“经自治州人民政府同意”字样，应于{due.isoformat()}前向州人民政府办公室报备",
        details={
            "filing": obligation.pk,
            "issued_on": issued_on.isoformat(),
            "due": due.isoformat(),
            "days": deadline.facts["days"],
        },
    )
    today = timezone.localdate(now)
    notices.send(
        users_of(_department_people(doc.issuer, today)),
        f"请于{due.isoformat()}前报备：{_label(doc)}",
        deadline.message,
        deadline.citation,
    )
    remind = rules.reminder_at(due, office_start)
    if remind > now:
        timers.schedule(REMIND_TIMER, remind, remind_key(obligation), filing_id=obligation.pk)
    timers.schedule(OVERDUE_TIMER, rules.closes_at(due), overdue_key(obligation), filing_id=obligation.pk)
    return obligation


# -- filing --------------------------------------------------------------------------------------


@transaction.atomic
def file_with_office(actor: AbstractBaseUser, obligation: FilingObligation, note: str = "") -> FilingObligation:
    """The issuing department's staff file the document with the government office.  A filing after
    the due day is accepted and recorded as late."""
    now = timezone.now()
    locked = (
        FilingObligation.objects.select_for_update(of=("self",))
        .select_related("unit", "document__issuer", "document__rulebook_version")
        .get(pk=obligation.pk)
    )
    doc = locked.document
    require_open(doc, "备案")  # art. 53: an archived document is read-only
    rb = rulebook_of(doc)
    fact = filing_fact(locked)
    require(rules.may_file(positions_of(actor, timezone.localdate(now)), fact, rb), rules.check_pending(fact, rb))
    timing = rules.lateness(fact, now, rb)
    late = bool(timing.facts["late"])
    locked.state, locked.filed_at, locked.filed_by_id = FilingState.FILED, now, actor.pk
    locked.filed_late, locked.note = late, note.strip()[:300]
    locked.save(update_fields=["state", "filed_at", "filed_by", "filed_late", "note"])
    timers.cancel(remind_key(locked))
    timers.cancel(overdue_key(locked))
    audit.record(
        actor=actor,
        action=FILE,
        target=doc,
        citation=timing.citation,
        summary=f"{fact.unit_name}向州人民政府办公室报备{_label(doc)}" + ("（逾期报备）" if late else ""),
        details={"filing": locked.pk, "due": locked.due.isoformat(), "late": late, "note": locked.note},
    )
    notices.send(
        users_of(_office_people(timezone.localdate(now))),
        f"{'逾期' if late else ''}报备：{fact.unit_name}{_label(doc)}",
        timing.message,
        timing.citation,
    )
    return copy_back(obligation, locked)


# -- the timers ----------------------------------------------------------------------------------


def _obligation(timer: Timer) -> FilingObligation | None:
    return (
        FilingObligation.objects.select_related("unit", "document__issuer", "document__rulebook_version")
        .filter(pk=timer.payload.get("filing_id"))
        .first()
    )


@timers.handler(REMIND_TIMER)
def _filing_remind(timer: Timer) -> None:
    """催办 before the due day: the department's head and clerks, if nothing has been filed."""
    obligation = _obligation(timer)
    if obligation is None or obligation.state != FilingState.PENDING:
        return
    updated = FilingObligation.objects.filter(
        pk=obligation.pk, state=FilingState.PENDING, reminded_at__isnull=True
    ).update(reminded_at=timer.fire_at)
    if not updated:
        return
    doc = obligation.document
    rb = rulebook_of(doc)
    citation = rb.cite(rules.PROVISION)
    due = obligation.due.isoformat()
    audit.record(
        actor=None,
        actor_name="系统",
        action=REMIND,
        target=doc,
        citation=citation,
        summary=f"催办：{_label(doc)}应于{due}前向州人民政府办公室报备",
        details={"filing": obligation.pk, "due": due},
    )
    notices.send(
        users_of(_department_people(obligation.unit, timezone.localdate(timer.fire_at))),
        f"催办：{_label(doc)}报备期限{due}",
        f"请于{due}前向州人民政府办公室报备。",
        citation,
    )


@timers.handler(OVERDUE_TIMER)
def _filing_overdue(timer: Timer) -> None:
    """At 24:00 of the due day, an obligation not filed is recorded overdue, once, citing art. 49;
    the department's head and the office are told."""
    obligation = _obligation(timer)
    if obligation is None:
        return
    fact = filing_fact(obligation)
    if not rules.is_overdue(fact, timer.fire_at):
        return
    updated = FilingObligation.objects.filter(
        pk=obligation.pk, state=FilingState.PENDING, overdue_at__isnull=True
    ).update(overdue_at=timer.fire_at)
    if not updated:
        return
    doc = obligation.document
    decision = rules.overdue(fact, _label(doc), rulebook_of(doc))
    audit.record(
        actor=None,
        actor_name="系统",
        action=OVERDUE,
        target=doc,
        citation=decision.citation,
        summary=decision.message,
        details={
            "filing": obligation.pk,
            "due": obligation.due.isoformat(),
            "at": timezone.localtime(timer.fire_at).isoformat(),
        },
    )
    day = timezone.localdate(timer.fire_at)
    notices.send(
        users_of([*_head_people(obligation.unit, day), *_office_people(day)]),
        f"逾期未报备：{fact.unit_name}{_label(doc)}",
        decision.message,
        decision.citation,
    )


# -- the calendar changed ------------------------------------------------------------------------


def recompute_dues(recalc: Recalc) -> list[Moved]:
    """The working calendar changed: every obligation still pending (not filed, not recorded
    overdue) whose last day is what ``filing.agreed_document_days`` calendar days from the day of
    issue gave on the old calendar gets the day it gives now; its 催办 and overdue timers move (a
    fired one stays fired), and the department's head and clerks are told (art. 49)."""
    moved: list[Moved] = []
    now = timezone.now()
    today = timezone.localdate(now)
    obligations = FilingObligation.objects.select_related(
        "unit", "document__issuer", "document__rulebook_version"
    ).filter(state=FilingState.PENDING, overdue_at__isnull=True, due__gte=recalc.since)
    for obligation in obligations:
        doc = obligation.document
        days = rulebook_of(doc).param(rules.FILING_DAYS).as_int
        new = recalc.days(obligation.issued_on, days, obligation.due)
        if new is None:
            continue
        old = obligation.due
        FilingObligation.objects.filter(pk=obligation.pk).update(due=new)
        remind = rules.reminder_at(new, office_start)
        if remind > now:
            timers.move(remind_key(obligation), remind)
        timers.move(overdue_key(obligation), rules.closes_at(new))
        people = users_of(_department_people(obligation.unit, today))
        moved.append(Moved(f"{_label(doc)}的报备期限", old, new, tuple(u.pk for u in people)))
    return moved
