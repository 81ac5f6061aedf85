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
