"""Records an area withholds from the readers of the whole trail (need to know).

The trail's readers (:func:`zhengwu.org.selectors.records_visible_to`) read every record, except
those about an object whose area says so here: the records about such an object are read only by
those who may see the object itself.  An area registers from its ``AppConfig.ready()``::

    visibility.withhold("petitions.petition", lambda user, day: petitions_visible_to(user))

(信访: whom a letter accuses, and its petitioner, are confidential, 《信访工作条例》.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from zhengwu.audit.models import AuditRecord
from zhengwu.audit.services import object_types

#: (user, day) → the objects of the type that ``user`` may see.
Visible = Callable[[AbstractBaseUser, dt.date | None], QuerySet[Any]]

_WITHHELD: dict[str, Visible] = {}


def withhold(object_type: str, visible: Visible) -> None:
    """The records about objects of ``object_type`` (a model label, ``app.model``) are read only by
    those to whom ``visible`` shows the object."""
    _WITHHELD[object_type] = visible


def withheld_types() -> tuple[str, ...]:
    return tuple(_WITHHELD)


def restrict(user: AbstractBaseUser, day: dt.date | None, records: QuerySet[AuditRecord]) -> QuerySet[AuditRecord]:
    """``records`` without those about withheld objects ``user`` may not see."""
    for object_type, visible in _WITHHELD.items():
        ids = visible(user, day).annotate(key=Cast("pk", CharField())).values("key")  # a subquery
        records = records.exclude(Q(object_type__in=object_types(object_type)) & ~Q(object_id__in=ids))
    return records
