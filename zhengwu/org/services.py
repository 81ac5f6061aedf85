"""Reading the organization: positions of a user, the facts rules need, who holds an authority."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Model, Q, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from zhengwu.core.decisions import Citation, Decision, InvalidInput
from zhengwu.core.i18n import _
from zhengwu.core.memo import forget, memo
from zhengwu.org import rules
from zhengwu.org.models import (
    Absence,
    AbsenceState,
    ActingArrangement,
    Appointment,
    OrgVersion,
    Person,
    Portfolio,
    Position,
    PositionKind,
    Unit,
    UnitKind,
)
from zhengwu.org.rules import AppointmentFact, Authority, Holder, OrgFacts, PositionFact
from zhengwu.rulebook.services import rulebook_view

ORG_FACTS = "org.facts"  # the memo namespace of everything read about the organization


def position_fact(position: Position) -> PositionFact:
    return PositionFact(
        position.pk, position.kind, position.title, position.unit_id, position.unit.kind, position.unit.name
    )


def positions_of(user: AbstractBaseUser | AnonymousUser | None, day: dt.date | None = None) -> list[PositionFact]:
    if user is None or not user.is_authenticated:
        return []
    day = day or timezone.localdate()
    person = person_of(user)
    if person is None:
        return []
    return load_facts(day).positions_of(person.pk, day)  # from the organization in memory


def person_of(user: AbstractBaseUser | AnonymousUser | None) -> Person | None:
    if user is None or not user.is_authenticated:
        return None
    user_id = user.pk
    return memo(ORG_FACTS, ("person", user_id), lambda: Person.objects.filter(user_id=user_id).first())


def office_unit() -> Unit | None:
    return Unit.objects.filter(kind=UnitKind.OFFICE).order_by("sort_order").first()


# -- the organization in memory --------------------------------------------------------------------
#
# Each process keeps the organization's facts per day under the version token it read them with
# (``_INDEX``).  The token is a row (:class:`OrgVersion`) that every change to the organization
# rewrites in its own transaction (:func:`organization_changed`, called by the org actions and, for
# any other write through the ORM, by the signals below), with a fresh random value, never reused: a
# token seen by a reader names exactly one committed state.  A memo scope (a request, an action, a
# sweep, a command) reads the token once; a process that finds a token it has not indexed reads the
# organization again, so changes made by other processes are seen from their commit on.  The
# version is read before the facts, so facts indexed under a token are never older than it.

_INDEX_LOCK = threading.Lock()
_INDEX: dict[str, dict[dt.date, OrgFacts]] = {}
_INDEX_DAYS = 64  # days kept per token (a page asks for today, a few days, or the days of a list)


def org_version() -> str | None:
    """The organization's version token, read once per memo scope (``None`` if the row is missing,
    e.g. a database flushed by a test: then nothing is kept across scopes)."""
    return memo(ORG_FACTS, "version", lambda: OrgVersion.objects.filter(pk=1).values_list("token", flat=True).first())


def organization_changed() -> None:
    """Record that the organization changed (inside the changing transaction): a new version token
    for every process, and this scope forgets what it read."""
    token = uuid.uuid4().hex
    if not OrgVersion.objects.filter(pk=1).update(token=token):
        OrgVersion.objects.bulk_create([OrgVersion(pk=1, token=token)], ignore_conflicts=True)
    forget(ORG_FACTS)


def load_facts(day: dt.date) -> OrgFacts:
    """Everything the organization rules need about ``day``: from the process's index when the
    version token has not changed, read once per request or sweep (:mod:`zhengwu.core.memo`)."""
    return memo(ORG_FACTS, day, lambda: _indexed_facts(day))


def _indexed_facts(day: dt.date) -> OrgFacts:
    token = org_version()
    if token is None:
        return _read_facts(day)
    with _INDEX_LOCK:
        facts = _INDEX.get(token, {}).get(day)
    if facts is not None:
        return facts
    facts = _read_facts(day)
    with _INDEX_LOCK:
        days = _INDEX.get(token)
        if days is None:  # a new version: the old ones are of no use any more
            _INDEX.clear()
            days = _INDEX[token] = {}
        if len(days) >= _INDEX_DAYS:
            days.clear()
        days[day] = facts
    return facts


def _org_row_changed(sender: type[Model], **kwargs: Any) -> None:
    if kwargs.get("action", "post_").startswith("post_"):
        organization_changed()


for _model in (Unit, Position, Person, Appointment, Portfolio, Absence, ActingArrangement):
    post_save.connect(_org_row_changed, sender=_model, dispatch_uid=f"org-version-{_model.__name__}-save")
    post_delete.connect(_org_row_changed, sender=_model, dispatch_uid=f"org-version-{_model.__name__}-delete")
m2m_changed.connect(_org_row_changed, sender=Portfolio.units.through, dispatch_uid="org-version-portfolio-units")


def _read_facts(day: dt.date) -> OrgFacts:
    active = Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))
    appointments = [
        AppointmentFact(a.person_id, a.person.name, position_fact(a.position), a.start, a.end)
        for a in Appointment.objects.filter(active).select_related("person", "position__unit")
    ]
    absences = [
        rules.AbsenceFact(a.person_id, a.start, (a.returned_on - dt.timedelta(days=1)) if a.returned_on else a.end)
        for a in Absence.objects.filter(start__lte=day, end__gte=day).exclude(state=AbsenceState.CANCELLED)
    ]
    acting = [
        rules.ActingFact(x.principal_id, x.acting_id, x.start, x.end, x.article)
        for x in ActingArrangement.objects.filter(start__lte=day, end__gte=day, revoked_at__isnull=True)
    ]
    portfolios = [
        rules.PortfolioFact(p.leader_id, frozenset(u.pk for u in p.units.all()), p.start, p.end)
        for p in Portfolio.objects.filter(active).prefetch_related("units")
    ]
    return OrgFacts(appointments, absences, acting, portfolios)


def parse_authority(text: str) -> Authority:
    """``governor``, ``executive``, ``secretary_general``, ``head:<unit code>`` or
    ``portfolio:<unit code>``."""
    kind, _, unit_code = text.partition(":")
    if kind in Authority.POSTS and not unit_code:
        return Authority(kind)
    if kind in {"head", "portfolio"} and unit_code:
        unit_id = memo(
            ORG_FACTS,
            ("unit code", unit_code),
            lambda: Unit.objects.filter(code=unit_code).values_list("pk", flat=True).first(),
        )
        if unit_id is None:
            raise LookupError(f"没有代码为“{unit_code}”的单位。")
        return Authority(kind, unit_id)
    raise LookupError(
        f"无法识别的权限“{text}”：应为 governor、executive、secretary_general、head:单位代码 或 portfolio:单位代码。"
    )


def who_holds(authority: Authority | str, day: dt.date | None = None) -> Holder | None:
    """Who holds ``authority`` on ``day``: the one query every later flow asks (arts. 6, 7, 49)."""
    day = day or timezone.localdate()
    if isinstance(authority, str):
        authority = parse_authority(authority)
    return rules.resolve_holder(authority, day, load_facts(day), rulebook_view(day))


@dataclass(frozen=True)
class ActorInfo:
    """How an actor is named in the audit trail."""

    name: str
    position: str


def administers(user: AbstractBaseUser, citation: Citation | None) -> Decision:
    """:func:`zhengwu.core.administration.may_administer` answered from the user's positions."""
    return rules.may_administer(positions_of(user), citation)


def describe(user: AbstractBaseUser | AnonymousUser | None) -> ActorInfo:
    person = person_of(user)
    positions = positions_of(user)
    name = person.name if person else (user.get_username() if user is not None and user.is_authenticated else "系统")
    return ActorInfo(name, "、".join(f"{p.unit_name}{p.title}" for p in positions)[:120])


def absences_visible_to(user: AbstractBaseUser, absences: QuerySet[Absence] | None = None) -> QuerySet[Absence]:
    """The absence reports a user may read: all of them for the office (it receives and passes on
    every report, art. 58) and administrators; otherwise those about, by, or made to the user."""
    absences = absences if absences is not None else Absence.objects.all()
    office = office_unit()
    if rules.may_see_all_absences(positions_of(user), office.pk if office else None):
        return absences
    q = Q(person__user_id=user.pk) | Q(reported_by_id=user.pk)
    person = person_of(user)
    if person is not None:
        q |= Q(reported_to=person) | Q(notified=person)
    return absences.filter(q).distinct()


def absence_visible_to(user: AbstractBaseUser, absence: Absence) -> bool:
    """Whether ``user`` may read ``absence`` (see :func:`absences_visible_to`)."""
    return absences_visible_to(user).filter(pk=absence.pk).exists()


def executive_vice_governor_position() -> Position:
    """The position the 州长 entrusts while away (art. 6: 负责常务工作的副州长)."""
    position = (
        Position.objects.filter(kind=PositionKind.EXECUTIVE_VICE_GOVERNOR)
        .select_related("unit")
        .order_by("sort_order", "id")
        .first()
    )
    if position is None:
        raise InvalidInput(_("组织机构中没有常务副州长职务，无法委托；请系统管理员先设置该职务。"), field="entrust")
    return position


def acting_candidates(principal: Position) -> list[Position]:
    """The positions that may stand in for ``principal`` (:func:`zhengwu.org.rules.may_act_for`):
    the 常务副州长 for the 州长 (art. 6), the unit's deputies for its head (art. 49)."""
    principal_fact = position_fact(principal)
    if principal.kind == PositionKind.GOVERNOR:
        pool = Position.objects.filter(kind=PositionKind.EXECUTIVE_VICE_GOVERNOR)
    else:
        pool = Position.objects.filter(unit_id=principal.unit_id, kind=PositionKind.UNIT_DEPUTY)
    return [
        p
        for p in pool.select_related("unit").order_by("sort_order", "id")
        if rules.may_act_for(position_fact(p), principal_fact)
    ]


def users_of(people: Iterable[Person | Holder | None]) -> list[AbstractBaseUser]:
    """The accounts of people or of the holders of posts (for notices), each once.

    ``None`` (a vacant post) is skipped, and so is anyone without an account: they cannot be
    notified, and a notice needs a recipient."""
    return list(users_by_person(people).values())


def users_by_person(people: Iterable[Person | Holder | None]) -> dict[int, AbstractBaseUser]:
    """The accounts of people or of the holders of posts, by person id, read in one query (those
    without an account, and vacant posts, are left out)."""
    ids = {p.pk if isinstance(p, Person) else p.person_id for p in people if p is not None}
    return {p.pk: p.user for p in Person.objects.filter(pk__in=ids).select_related("user") if p.user_id is not None}


def _active_portfolios(day: dt.date) -> QuerySet[Portfolio]:
    return Portfolio.objects.filter(start__lte=day).filter(Q(end__isnull=True) | Q(end__gte=day))


def overseen_units(user: AbstractBaseUser | AnonymousUser | None, day: dt.date | None = None) -> set[int]:
    """The units in the 分管 of ``user``'s positions on ``day`` (art. 7): what a leader may follow."""
    positions = [p.id for p in positions_of(user, day)]
    if not positions:
        return set()
    day = day or timezone.localdate()
    return set(
        _active_portfolios(day).filter(leader_id__in=positions, units__isnull=False).values_list("units", flat=True)
    )


def overseers_of(unit_id: int | None, day: dt.date | None = None) -> frozenset[int]:
    """The people whose position leads ``unit_id`` in its 分管 on ``day`` (art. 7): a unit's chain."""
    if unit_id is None:
        return frozenset()
    day = day or timezone.localdate()
    leaders = _active_portfolios(day).filter(units=unit_id).values("leader_id")
    return frozenset(
        Appointment.objects.filter(position_id__in=leaders, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .values_list("person_id", flat=True)
    )
