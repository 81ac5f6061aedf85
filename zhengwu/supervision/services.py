"""Facts for the supervision rules, read from the database; queries the pages and the API share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from zhengwu.org.models import Appointment, Person, Portfolio, Unit
from zhengwu.org.rules import Authority
from zhengwu.org.services import office_unit, users_of, who_holds
from zhengwu.supervision import rules
from zhengwu.supervision.models import ItemState, ProgressReport, SupervisionItem


def actor_fact(user: AbstractBaseUser | AnonymousUser | None, day: dt.date | None = None) -> rules.Actor:
    office = office_unit()
    office_id = office.pk if office else None
    if user is None or not user.is_authenticated:
        return rules.Actor((), office_id)
    day = day or timezone.localdate()
    appointments = (
        Appointment.objects.filter(person__user_id=user.pk, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .select_related("position")
    )
    positions = tuple(rules.Staff(a.position.kind, a.position.unit_id, a.position.duties) for a in appointments)
    functions = frozenset(
        f
        for u in Unit.objects.filter(pk__in={p.unit_id for p in positions}).only("functions")
        for f in (u.functions or [])
    )
    return rules.Actor(positions, office_id, functions)


def unit_name(unit: Unit) -> str:
    return unit.short_name or unit.name


def unit_ids(item: SupervisionItem) -> list[int]:
    return [item.lead_unit_id, *item.co_units.values_list("id", flat=True)]


def open_item_facts() -> list[rules.ItemFact]:
    items = SupervisionItem.objects.exclude(state=ItemState.CLOSED).prefetch_related("co_units", "sources")
    return [
        rules.ItemFact(
            i.pk,
            i.title,
            i.state,
            frozenset([i.lead_unit_id, *(u.pk for u in i.co_units.all())]),
            frozenset((s.content_type_id, s.object_id) for s in i.sources.all() if s.content_type_id),
        )
        for i in items
    ]


def status_of(item: SupervisionItem, today: dt.date) -> str:
    reported_on = timezone.localdate(item.reported_at) if item.reported_at else None
    return rules.item_status(item.state, item.due, item.done_on, reported_on, today)


def status_facts(items: Iterable[SupervisionItem], today: dt.date) -> list[rules.StatusFact]:
    return [rules.StatusFact(i.pk, i.title, i.lead_unit_id, status_of(i, today), i.due) for i in items]


def report_facts(reports: Iterable[ProgressReport]) -> list[rules.ReportFact]:
    return [
        rules.ReportFact(
            r.item_id, r.unit_id, r.period, r.due, timezone.localdate(r.submitted_at) if r.submitted_at else None
        )
        for r in reports
    ]


def unit_order() -> list[tuple[int, str]]:
    return [(u.pk, unit_name(u)) for u in Unit.objects.order_by("sort_order", "code")]


def items_in(since: dt.date | None, until: dt.date) -> QuerySet[SupervisionItem]:
    qs = SupervisionItem.objects.filter(opened_on__lte=until)
    if since is not None:
        qs = qs.filter(opened_on__gte=since)
    return qs.select_related("lead_unit").order_by("lead_unit__sort_order", "due", "id")


def unit_table(since: dt.date | None, until: dt.date, today: dt.date) -> list[rules.UnitRow]:
    items = list(items_in(since, until))
    reports = ProgressReport.objects.filter(item__in=[i.pk for i in items], due__lte=today)
    return rules.unit_table(unit_order(), status_facts(items, today), report_facts(reports), today)


def portfolios(day: dt.date) -> list[tuple[str, frozenset[int]]]:
    """Each government leader's 分管 portfolio on ``day``: (leader label, unit ids)."""
    found: dict[str, set[int]] = {}
    active = Portfolio.objects.filter(start__lte=day).filter(Q(end__isnull=True) | Q(end__gte=day))
    for p in active.select_related("leader").prefetch_related("units").order_by("leader__sort_order", "id"):
        holder = (
            Appointment.objects.filter(position=p.leader, start__lte=day)
            .filter(Q(end__isnull=True) | Q(end__gte=day))
            .select_related("person")
            .first()
        )
        label = f"{holder.person.name}（{p.leader.title}）" if holder else p.leader.title
        found.setdefault(label, set()).update(u.pk for u in p.units.all())
    return [(label, frozenset(ids)) for label, ids in found.items()]


def head_users(unit: Unit, day: dt.date) -> list[AbstractBaseUser]:
    return users_of([who_holds(Authority("head", unit.pk), day)])


def portfolio_users(unit: Unit, day: dt.date) -> list[AbstractBaseUser]:
    return users_of([who_holds(Authority("portfolio", unit.pk), day)])


def unit_staff_users(unit: Unit, day: dt.date) -> list[AbstractBaseUser]:
    people = (
        Person.objects.filter(
            appointments__position__unit=unit,
            appointments__start__lte=day,
        )
        .filter(Q(appointments__end__isnull=True) | Q(appointments__end__gte=day))
        .select_related("user")
        .distinct()
    )
    return [p.user for p in people]


def supervisor_users(day: dt.date) -> list[AbstractBaseUser]:
    """The office's 督查 clerks (who verify what units report)."""
    office = office_unit()
    if office is None:
        return []
    people = (
        Person.objects.filter(
            appointments__position__unit=office,
            appointments__position__kind="clerk",
            appointments__position__duties__contains=rules.SUPERVISION_DUTY,
            appointments__start__lte=day,
        )
        .filter(Q(appointments__end__isnull=True) | Q(appointments__end__gte=day))
        .select_related("user")
        .distinct()
    )
    return [p.user for p in people]
