"""Following a case as a supervision item (arts. 26, 32, 35): a petition after its leader's
instruction, an audit finding's rectification.  A matter already supervised — the same source,
or a similar item sharing a unit — is linked to that item rather than supervised twice (art. 26)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.db import models

from zhengwu.org.models import Unit
from zhengwu.supervision.actions import candidates, open_item
from zhengwu.supervision.models import SupervisionItem


def follow_up(
    actor: AbstractBaseUser,
    *,
    title: str,
    lead_unit: Unit,
    due: dt.date,
    origin: str,
    source: models.Model,
    description: str = "",
    co_units: Sequence[Unit] = (),
) -> tuple[int, bool]:
    """Open (or link to) the supervision item; returns its id and whether it was linked."""
    found = candidates(title, lead_unit, co_units, source)
    if found:
        target = SupervisionItem.objects.get(pk=found[0].item_id)
        if found[0].same_source:
            return target.pk, True
        item = open_item(
            actor,
            title=title,
            lead_unit=lead_unit,
            due=due,
            origin=origin,
            co_units=co_units,
            source=source,
            description=description,
            link_to=target,
        )
        return item.pk, True
    item = open_item(
        actor,
        title=title,
        lead_unit=lead_unit,
        due=due,
        origin=origin,
        co_units=co_units,
        source=source,
        description=description,
    )
    return item.pk, False


def item_url(item_id: int | None) -> str:
    if item_id is None:
        return ""
    item = SupervisionItem.objects.filter(pk=item_id).first()
    return item.get_absolute_url() if item else ""
