"""Reading what is published: the public list with its filters, search, an item with its history.

Nothing here writes.  :func:`find` combines the filters (主题分类, 发文机关, year, 有效性) with
the full-text query in one query (:func:`zhengwu.portal.search.ranked_ids`), so the ranking is
over the filtered items.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from zhengwu.portal.models import ItemState, PublicationItem, Validity, ValidityEvent
from zhengwu.portal.search import ranked_ids
from zhengwu.workdays.arith import BEIJING

PAGE_SIZE = 20
MAX_RESULTS = 1000
MAX_PAGE = -(-MAX_RESULTS // PAGE_SIZE)  # the last page that can hold a result
FACETS_KEY = "portal:facets"
FACETS_SECONDS = 300


@dataclass(frozen=True)
class Filters:
    query: str = ""
    category: str = ""
    issuer: str = ""
    year: int | None = None
    validity: str = ""

    @classmethod
    def from_params(cls, params: Any) -> Filters:
        year_text = str(params.get("year", "") or "").strip()
        validity = str(params.get("validity", "") or "").strip()
        return cls(
            query=str(params.get("q", "") or "").strip()[:100],
            category=str(params.get("category", "") or "").strip()[:60],
            issuer=str(params.get("issuer", "") or "").strip()[:200],
            year=int(year_text) if year_text.isdigit() and 1949 < int(year_text) < 3000 else None,
            validity=validity if validity in Validity.values and validity else "",
        )

    @property
    def active(self) -> bool:
        return bool(self.query or self.category or self.issuer or self.year or self.validity)


@dataclass
class Results:
    items: list[PublicationItem]
    total: int
    page: int
    pages: int
    filters: Filters
    capped: bool = False
    facets: dict[str, list[str]] = field(default_factory=dict)


def published() -> QuerySet[PublicationItem]:
    return PublicationItem.objects.filter(state=ItemState.PUBLISHED)


def _year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    return (dt.datetime(year, 1, 1, tzinfo=BEIJING), dt.datetime(year + 1, 1, 1, tzinfo=BEIJING))


def _sql_filters(f: Filters) -> tuple[str, list[Any]]:
    parts: list[str] = ["i.state = %s"]
    params: list[Any] = [ItemState.PUBLISHED.value]
    if f.category:
        parts.append("i.category = %s")
        params.append(f.category)
    if f.issuer:
        parts.append("i.issuer_name = %s")
        params.append(f.issuer)
    if f.year:
        lo, hi = _year_bounds(f.year)
        parts.append("i.published_at >= %s AND i.published_at < %s")
        params += [lo, hi]
    if f.validity:
        parts.append("i.validity = %s")
        params.append(f.validity)
    return " AND ".join(parts), params


def find(f: Filters, page: int = 1) -> Results:
    page = min(max(1, page), MAX_PAGE)  # a page past the cap is empty; a huge one would overflow the SQL
    if f.query:
        where, params = _sql_filters(f)
        ids = ranked_ids(f.query, where, params, limit=MAX_RESULTS)
        total = len(ids)
        chunk = ids[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        by_id = {i.pk: i for i in PublicationItem.objects.filter(pk__in=chunk).select_related("issuing_unit")}
        items = [by_id[i] for i in chunk if i in by_id]
        capped = total >= MAX_RESULTS
    else:
        qs = published()
        if f.category:
            qs = qs.filter(category=f.category)
        if f.issuer:
            qs = qs.filter(issuer_name=f.issuer)
        if f.year:
            lo, hi = _year_bounds(f.year)
            qs = qs.filter(published_at__gte=lo, published_at__lt=hi)
        if f.validity:
            qs = qs.filter(validity=f.validity)
        qs = qs.order_by("-published_at", "-pk")
        # counting a million rows on every page would be the slowest part of the page: count up to the cap
        total = qs[:MAX_RESULTS].count()
        capped = total >= MAX_RESULTS
        items = list(qs.select_related("issuing_unit")[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
    pages = max(1, -(-total // PAGE_SIZE))
    return Results(items, total, page, pages, f, capped)


def latest(n: int = 10) -> list[PublicationItem]:
    return list(published().order_by("-published_at", "-pk")[:n])


def facets() -> dict[str, list[Any]]:
    """The values the filters offer: categories and bodies in use, years with publications
    (cached for a few minutes: reading them scans the catalogue)."""
    found = cache.get_or_set(FACETS_KEY, _facets, FACETS_SECONDS)
    return found if isinstance(found, dict) else _facets()


def _facets() -> dict[str, list[Any]]:
    qs = published()
    categories = sorted(set(qs.exclude(category="").values_list("category", flat=True).distinct()[:200]))
    issuers = sorted(set(qs.exclude(issuer_name="").values_list("issuer_name", flat=True).distinct()[:200]))
    first = qs.order_by("published_at").values_list("published_at", flat=True).first()
    this_year = timezone.localdate().year
    years = list(range(this_year, timezone.localtime(first).year - 1, -1)) if first else []
    validities = [(v, label) for v, label in Validity.choices if v]
    return {"categories": categories, "issuers": issuers, "years": years, "validities": validities}


def history(item: PublicationItem) -> list[ValidityEvent]:
    return list(item.validity_events.select_related("related").order_by("effective_on", "pk"))


def interpretations(item: PublicationItem) -> list[PublicationItem]:
    # read by the item's own index, filtered here: a state/date filter in SQL lets the planner
    # walk the (state, published_at) index over the whole catalogue instead
    found = [i for i in item.interpretations.all() if i.state == ItemState.PUBLISHED and i.published_at]
    return sorted(found, key=lambda i: (i.published_at, i.pk))


def superseding(item: PublicationItem) -> list[ValidityEvent]:
    """Events on other items that name this one as what amended or replaced them (「废止」 → successor
    is on the old item; on the successor, the items it replaced)."""
    return list(ValidityEvent.objects.filter(related=item).select_related("item").order_by("effective_on"))
