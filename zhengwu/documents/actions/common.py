"""What every documents action needs: the rulebook a document lives under, the locked row,
copying what was written back to the caller, opinions, and who to tell."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.utils import timezone

from zhengwu.core.decisions import InvalidInput, require
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.documents.models import ArchivePackage, Document, DocumentVersion, Opinion
from zhengwu.documents.rules import archive as archive_rules
from zhengwu.documents.rules.intake import UnitRef
from zhengwu.org.models import Person, Unit
from zhengwu.org.rules import Holder
from zhengwu.org.services import describe, person_of
from zhengwu.rulebook.services import view_of

M = TypeVar("M", bound=models.Model)


def rulebook_of(document: Document) -> RulebookView:
    """A document keeps the rulebook version it started under (art. 68)."""
    return view_of(document.rulebook_version)


def lock_document(document: Document, *, archived_ok: bool = False) -> Document:
    """The document row re-read under a row lock, so two actions on it never interleave.

    Every action that changes a document goes through here, so here an archived document is
    refused (art. 53: the archive is read-only); only archiving itself passes ``archived_ok``."""
    doc = (
        Document.objects.select_for_update(of=("self",))
        .select_related("issuer", "rulebook_version", "addressed_person")
        .get(pk=document.pk)
    )
    if not archived_ok:
        require_open(doc)
    return doc


def require_open(document: Document, what: str = "办理") -> None:
    """Refuse, citing art. 53, anything that would change an archived document."""
    archived = ArchivePackage.objects.filter(document_id=document.pk).exists()
    require(archive_rules.may_change(archived, rulebook_of(document), what))


def copy_back(target: M, written: M) -> M:
    """Copy what an action wrote into the caller's instance, so the caller sees the new state."""
    if target is not written:
        for f in target._meta.concrete_fields:
            setattr(target, f.attname, getattr(written, f.attname))
    return written


def actor_person(actor: AbstractBaseUser) -> Person:
    person = person_of(actor)
    if person is None:
        raise InvalidInput("您的账号没有对应的人员信息，请联系系统管理员。")
    return person


def latest_version(document: Document) -> DocumentVersion:
    version = document.versions.order_by("-number").first()
    if version is None:  # every document is created with version 1
        raise InvalidInput("该公文没有正文版本。")
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


def users_of(people: Iterable[Person | Holder | None]) -> list[AbstractBaseUser]:
    """The accounts of people or of position holders (for notices), each once."""
    ids = {p.pk if isinstance(p, Person) else p.person_id for p in people if p is not None}
    return [p.user for p in Person.objects.filter(pk__in=ids).select_related("user")]


def unit_ref(unit: Unit) -> UnitRef:
    """A unit as the documents' rules see it: id, the name people know, kind."""
    return UnitRef(unit.pk, unit.short_name or unit.name, unit.kind)
