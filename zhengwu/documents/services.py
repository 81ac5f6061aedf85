"""Reading documents: who may see which (art. 61: a document is seen by those it is addressed,
routed or distributed to), as one set-based query shared by the web pages and the API."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import InvalidInput
from zhengwu.documents.models import CountersignTask, Delivery, DocState, Document, Flow
from zhengwu.org.models import Portfolio, Unit, UnitKind
from zhengwu.org.rules import ADMINISTRATOR, GOVERNMENT_LEADERS
from zhengwu.org.services import person_of, positions_of


def documents_visible_to(user: AbstractBaseUser, documents: QuerySet[Document] | None = None) -> QuerySet[Document]:
    """The documents ``user`` may read:

    - the issuing unit's and any co-issuer's staff, and the staff of units it was delivered to
      (核发) or asked to countersign (会签); the legality-review unit (司法局) for the
      cooperation agreements it must review (art. 52);
    - the government office's staff (not its system administrator): everything issued in the name
      of the government or its office, and what is submitted to them once it has been sent (the
      office receives, reviews, numbers and distributes them) — not a unit's drafts;
    - government leaders: the government's and the office's documents, what the units in their
      portfolio (分管, art. 7) send out once drafted (their 「经同意」 documents await the leader's 签批),
      and submissions routed to them (拟办, 转批) or addressed to them;
    - the person a document is addressed to.
    """
    documents = documents if documents is not None else Document.objects.all()
    positions = positions_of(user)
    units = {p.unit_id for p in positions if p.kind != ADMINISTRATOR}
    q = (Q(issuer_id__in=units) | Q(co_issuers__in=units) | Q(deliveries__unit_id__in=units)
         | Q(countersigns__unit_id__in=units))
    functions = {f for u in Unit.objects.filter(pk__in=units).only("functions") for f in (u.functions or [])}
    if "legal_review" in functions:  # the legality-review unit (art. 52) sees the agreements it must review
        q |= Q(signing_facts__cooperation_agreement=True)
    government = Q(issuer__kind__in=[UnitKind.GOVERNMENT, UnitKind.OFFICE])
    sent = ~Q(state__in=[DocState.DRAFT, DocState.COUNTERSIGNING])
    if any(p.unit_kind == UnitKind.OFFICE and p.kind != ADMINISTRATOR for p in positions):
        q |= government | (Q(main_recipients__kind__in=[UnitKind.GOVERNMENT, UnitKind.OFFICE]) & sent)
    person = person_of(user)
    if person is not None:
        q |= Q(addressed_person=person) | Q(opinions__addressed_to=person) | Q(signer=person)
        if any(p.kind in GOVERNMENT_LEADERS for p in positions):
            overseen = Portfolio.objects.filter(leader_id__in=[p.id for p in positions]).filter(
                Q(end__isnull=True) | Q(end__gte=timezone.localdate())
            ).values("units")
            q |= government | (Q(issuer_id__in=overseen, flow=Flow.OUTGOING) & sent)
    return documents.filter(q).distinct()


SIGNING_STATES = (DocState.REVIEWING, DocState.AWAITING_SIGNATURE)


def document_visible_to(user: AbstractBaseUser, document: Document) -> bool:
    """One document: :func:`documents_visible_to`, and also the people art. 49 names to review
    or sign an outgoing document awaiting signature (worked out for today, not stored)."""
    if documents_visible_to(user).filter(pk=document.pk).exists():
        return True
    person = person_of(user)
    if person is None or document.flow != Flow.OUTGOING or document.state not in SIGNING_STATES:
        return False
    from zhengwu.documents.actions.outgoing import signing_requirement_for

    try:
        requirement = signing_requirement_for(document)
    except InvalidInput:
        return False
    named = set(requirement.signer_person_ids).union(*(s.person_ids for s in requirement.steps))
    return person.pk in named


def document_history(document: Document) -> list[AuditRecord]:
    """The document's whole audit history in the chain's order: its own records and those of its
    countersign tasks and deliveries (the timeline on its page, in the API and in the archive)."""
    q = Q(object_type=Document._meta.label_lower, object_id=str(document.pk))
    for model, ids in ((CountersignTask, document.countersigns.values_list("pk", flat=True)),
                       (Delivery, document.deliveries.values_list("pk", flat=True))):
        keys = [str(pk) for pk in ids]
        if keys:
            q |= Q(object_type=model._meta.label_lower, object_id__in=keys)
    return list(AuditRecord.objects.filter(q).order_by("seq"))
