"""The publication queue's entry point for every other area.

``queue_for_publication`` is called inside the caller's action (its transaction): a meeting
decision to publish (art. 28), an answer to a suggestion (art. 31), a normative document or a draft
for comment (arts. 21, 22), an issued document marked public.  The item is due 20 working days
(parameter ``disclosure.proactive_days``) after ``counted_from``, the day the information was
formed or changed (《政府信息公开条例》第二十六条).  Queuing the same source and kind again returns
the existing item: nothing is published twice.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.org.models import Unit
from zhengwu.portal.models import Application, ItemKind, ItemState, PublicationItem, ValidityEvent
from zhengwu.portal.rules import AnnualReport, ApplicationFact, annual_report
from zhengwu.rulebook.services import rulebook_view
from zhengwu.workdays.services import calendar

PROACTIVE_DAYS = "disclosure.proactive_days"


def publication_due(counted_from: dt.date) -> dt.date:
    days = int(rulebook_view(counted_from).param(PROACTIVE_DAYS).value)
    return calendar().add_working_days(counted_from, days)


def queued_for(source: models.Model, kind: str | None = None) -> PublicationItem | None:
    items = PublicationItem.objects.filter(source_type=ContentType.objects.get_for_model(source), source_id=source.pk)
    if kind:
        items = items.filter(kind=kind)
    return items.first()


def queue_for_publication(
    *,
    actor: AbstractBaseUser | None,
    kind: ItemKind | str,
    title: str,
    counted_from: dt.date,
    provision: str,
    source: models.Model | None = None,
    body: str = "",
    issuing_unit: Unit | None = None,
    issuer_name: str = "",
    doc_number: str = "",
    written_on: dt.date | None = None,
    category: str = "",
    genre: str = "",
    validity: str = "",
) -> PublicationItem:
    """Put an item in the publication queue (or return the one already queued for ``source``)."""
    if source is not None:
        existing = queued_for(source, str(kind))
        if existing is not None:
            return existing
    item = PublicationItem.objects.create(
        kind=kind,
        title=title,
        body=body,
        counted_from=counted_from,
        due_on=publication_due(counted_from),
        provision=provision,
        issuing_unit=issuing_unit,
        issuer_name=issuer_name or (issuing_unit.name if issuing_unit else ""),
        doc_number=doc_number,
        written_on=written_on,
        category=category,
        genre=genre,
        validity=validity,
        source_type=ContentType.objects.get_for_model(source) if source is not None else None,
        source_id=source.pk if source is not None else None,
        queued_by_id=actor.pk if actor is not None else None,
        state=ItemState.QUEUED,
    )
    audit.record(
        actor=actor,
        action="portal.queue",
        target=item,
        citation=rulebook_view(counted_from).cite(provision),
        summary=f"列入公开队列：{title}（应于{item.due_on:%Y-%m-%d}前公开）",
        details={"kind": str(kind), "due_on": item.due_on.isoformat()},
    )
    return item


def record_validity(
    *,
    actor: AbstractBaseUser | None,
    source: models.Model,
    validity: str,
    effective_on: dt.date,
    note: str = "",
    related_source: models.Model | None = None,
    provision: str = "normative.validity",
) -> list[ValidityEvent]:
    """The validity of what was queued from ``source`` changed (a successor repealed it, …).

    Every item queued from ``source`` (the document itself, its catalogue entry…) gets the new
    validity and a :class:`ValidityEvent` linking the item queued from ``related_source``.
    Returns the events written (none when nothing was queued from ``source``).
    """
    items = list(
        PublicationItem.objects.select_for_update(of=("self",)).filter(
            source_type=ContentType.objects.get_for_model(source), source_id=source.pk
        )
    )
    related = queued_for(related_source) if related_source is not None else None
    events = []
    for item in items:
        item.validity = validity
        item.save(update_fields=["validity"])
        events.append(
            ValidityEvent.objects.create(
                item=item, validity=validity, effective_on=effective_on, note=note, related=related
            )
        )
        audit.record(
            actor=actor,
            action="portal.validity",
            target=item,
            citation=rulebook_view(effective_on).cite(provision),
            summary=f"{item.title}：有效性改为「{item.get_validity_display()}」",
            details={
                "validity": validity,
                "effective_on": effective_on.isoformat(),
                "related": related.pk if related else None,
            },
        )
    return events


def register_report(year: int) -> AnnualReport:
    """The annual-report table of applications for disclosure (条例第五十条) for ``year``."""
    start, end = dt.date(year - 1, 1, 1), dt.date(year, 12, 31)
    rows = (
        Application.objects.filter(received_on__lte=end)
        .filter(models.Q(answered_at__isnull=True) | models.Q(answered_at__date__gte=start))
        .values_list("received_on", "answered_at", "reply_type", "answered_late")
    )
    facts = [
        ApplicationFact(received, timezone.localtime(answered).date() if answered else None, reply_type, late)
        for received, answered, reply_type, late in rows
    ]
    return annual_report(facts, year)
