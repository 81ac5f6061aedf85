"""What every documents action needs beyond :mod:`zhengwu.core.actions`: the locked row (refused
once archived), the actor's person, the current version and opinions."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from zhengwu.core.actions import lock
from zhengwu.core.decisions import InvalidInput, require
from zhengwu.documents.models import ArchivePackage, Document, DocumentVersion, Opinion
from zhengwu.documents.rules import archive as archive_rules
from zhengwu.documents.rules.intake import UnitRef
from zhengwu.org.models import Person, Unit
from zhengwu.org.services import describe, person_of
from zhengwu.rulebook.services import rulebook_of


def lock_document(document: Document, *, archived_ok: bool = False) -> Document:
    """The document row re-read under a row lock, so two actions on it never interleave.

    Every action that changes a document goes through here, so here an archived document is
    refused (art. 53: the archive is read-only); only archiving itself passes ``archived_ok``."""
    doc = lock(document, "issuer", "rulebook_version", "addressed_person")
    if not archived_ok:
        require_open(doc)
    return doc


def require_open(document: Document, what: str = "办理") -> None:
    """Refuse, citing art. 53, anything that would change an archived document."""
    archived = ArchivePackage.objects.filter(document_id=document.pk).exists()
    require(archive_rules.may_change(archived, rulebook_of(document), what))


def actor_person(actor: AbstractBaseUser) -> Person:
    person = person_of(actor)
    if person is None:
        raise InvalidInput("您的账号没有对应的人员信息，请联系系统管理员。", field="actor")
    return person


def latest_version(document: Document) -> DocumentVersion:
    version = document.versions.order_by("-number").first()
    if version is None:  # every document is created with version 1
        raise InvalidInput("该公文没有正文版本。", field="document")
    return version


def add_opinion(
    document: Document, actor: AbstractBaseUser, kind: str, text: str, addressed_to: Person | None = None
) -> Opinion:
    who = describe(actor)
    return Opinion.objects.create(
        document=document,
        kind=kind,
        text=text,
        author_id=actor.pk,
        author_name=who.name[:60],
        author_position=who.position[:120],
        addressed_to=addressed_to,
        created_at=timezone.now(),
    )


def unit_ref(unit: Unit) -> UnitRef:
    """A unit as the documents' rules see it: id, the name people know, kind."""
    return UnitRef(unit.pk, unit.short_name or unit.name, unit.kind)
