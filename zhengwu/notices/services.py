"""Sending notices.  Called by actions and timer handlers inside their transaction."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from zhengwu.core.decisions import Citation
from zhengwu.notices.models import Notice


def send(
    recipients: Iterable[AbstractBaseUser], title: str, body: str = "", citation: Citation | None = None,
    url: str = "",
) -> list[Notice]:
    now = timezone.now()
    unique = {u.pk: u for u in recipients}
    return Notice.objects.bulk_create([
        Notice(recipient_id=u.pk, title=title[:200], body=body, citation=citation.label if citation else "",
               url=url, created_at=now)
        for u in unique.values()
    ])


def mark_read(recipient: AbstractBaseUser, notice_id: int) -> Notice | None:
    """Mark the recipient's notice read (once; reading again keeps the first time).  None when the
    recipient has no such notice."""
    Notice.objects.filter(pk=notice_id, recipient_id=recipient.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return Notice.objects.filter(pk=notice_id, recipient_id=recipient.pk).first()


def mark_all_read(recipient: AbstractBaseUser) -> int:
    return Notice.objects.filter(recipient_id=recipient.pk, read_at__isnull=True).update(read_at=timezone.now())
