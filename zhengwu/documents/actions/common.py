"""What every documents action needs beyond :mod:`zhengwu.core.actions`: the locked row (refused
once archived), the actor's person, the current version and opinions."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from zhengwu.core.actions import lock
from zhengwu.core.decisions import require
from zhengwu.documents.models import Document, Opinion
from zhengwu.documents.selectors import actor_person, latest_version, open_check
from zhengwu.org.models import Person
from zhengwu.org.services import describe


def lock_document(document: Document, *, archived_ok: bool = False) -> Document:
    """The document row re-read under a row lock, so two actions on it never interleave.

    Every action that changes a document goes through here, so here an archived document is
    refused (art. 53: the archive is read-only); only archiving itself passes ``archived_ok``."""
    doc = lock(document, "issuer", "rulebook_version", "addressed_person")
    if not archived_ok:
        require_open(doc)
    return doc


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


def require_open(document: Document, what: str = "办理") -> None:
    """Refuse, citing art. 53, anything that would change an archived document."""
    require(open_check(document, what))


__all__ = ["actor_person", "add_opinion", "latest_version", "lock_document", "require_open"]
