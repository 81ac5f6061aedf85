"""Sending notices.  Called by actions and timer handlers inside their transaction.

A notice shows on the recipient's workbench; recipients with an e-mail address also get it by
e-mail, sent after the transaction commits (so a rolled-back action mails nobody), through
Django's configured e-mail backend (``ZHENGWU_EMAIL_*`` settings; the console by default).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from zhengwu.core.decisions import Citation
from zhengwu.notices.models import Notice


def send(
    recipients: Iterable[AbstractBaseUser],
    title: str,
    body: str = "",
    citation: Citation | None = None,
    url: str = "",
) -> list[Notice]:
    now = timezone.now()
    unique = {u.pk: u for u in recipients}
    created = Notice.objects.bulk_create(
        [
            Notice(
                recipient_id=u.pk,
                title=title[:200],
                body=body,
                citation=citation.label if citation else "",
                url=url,
                created_at=now,
            )
            for u in unique.values()
        ]
    )
    addresses = [email for u in unique.values() if (email := getattr(u, "email", ""))]
    if addresses:
        text = "\n\n".join(part for part in (body, f"依据：{citation.label}" if citation else "", url) if part)
        messages = [(f"[政务] {title}", text, None, [address]) for address in addresses]
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))
    return created


def mark_read(recipient: AbstractBaseUser, notice_id: int) -> Notice | None:
    """Mark the recipient's notice read (once; reading again keeps the first time).  None when the
    recipient has no such notice."""
    Notice.objects.filter(pk=notice_id, recipient_id=recipient.pk, read_at__isnull=True).update(read_at=timezone.now())
    return Notice.objects.filter(pk=notice_id, recipient_id=recipient.pk).first()


def mark_all_read(recipient: AbstractBaseUser) -> int:
    return Notice.objects.filter(recipient_id=recipient.pk, read_at__isnull=True).update(read_at=timezone.now())
