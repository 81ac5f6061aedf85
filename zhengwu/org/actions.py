"""Actions of the organization: report an absence and a return (art. 58), entrust and revoke (art. 6).

The administrator's actions (units, positions, people, appointments, 分管) are in
:mod:`zhengwu.org.admin_actions`.

Each action asks the rules, writes, audits, notifies and schedules in one transaction.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.decisions import InvalidInput, require
from zhengwu.core.i18n import _
from zhengwu.core.transitions import require_checks
from zhengwu.notices import services as notices
from zhengwu.org import rules, selectors
from zhengwu.org.models import (
    Absence,
    AbsencePurpose,
    AbsenceState,
    ActingArrangement,
    Appointment,
    Person,
    Position,
    PositionKind,
)
from zhengwu.org.services import (
    load_facts,
    office_unit,
    organization_changed,
    person_of,
    position_fact,
    positions_of,
)
from zhengwu.rulebook.services import rulebook_view
from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer
from zhengwu.workdays.services import deadline_close

RETURN_DUE_TIMER = "org.absence.return_due"


def _actor_person(actor: AbstractBaseUser) -> Person:
    person = person_of(actor)
    if person is None:
        raise InvalidInput(_("您的账号没有对应的人员信息，请联系系统管理员。"), field="account")
    return person


def _covered_position(person: Person, day: dt.date) -> Position:
    appointments = list(
        Appointment.objects.filter(person=person, start__lte=day).select_related("position__unit").exclude(end__lt=day)
    )
    if not appointments:
        raise InvalidInput(
            _("{name}在{isoformat}没有任职记录。", name=person.name, isoformat=day.isoformat()), field="person"
        )
    order: list[str] = [
        PositionKind.GOVERNOR,
        PositionKind.EXECUTIVE_VICE_GOVERNOR,
        PositionKind.VICE_GOVERNOR,
        PositionKind.SECRETARY_GENERAL,
        PositionKind.UNIT_HEAD,
        PositionKind.OFFICE_DIRECTOR,
    ]
    appointments.sort(key=lambda a: order.index(a.position.kind) if a.position.kind in order else len(order))
    return appointments[0].position


def _office_leader_ids(day: dt.date) -> list[int]:
    office = office_unit()
    if office is None:
        return []
    kinds = {PositionKind.OFFICE_DIRECTOR, PositionKind.SECRETARY_GENERAL}
    return list(
        Appointment.objects.filter(position__unit=office, position__kind__in=kinds, start__lte=day)
        .exclude(end__lt=day)
        .values_list("person_id", flat=True)
        .distinct()
    )


def _users(person_ids: tuple[int, ...] | list[int]) -> list[AbstractBaseUser]:
    return [p.user for p in Person.objects.filter(pk__in=person_ids).select_related("user")]


@transaction.atomic
def report_absence(
    actor: AbstractBaseUser,
    person: Person,
    start: dt.date,
    end: dt.date,
    destination: str,
    purpose: str,
    reason: str = "",
    entrust_to: Position | None = None,
) -> Absence:
    """A leader or unit head leaving the prefecture reports it (art. 58); the 州长 may entrust the
    常务副州长 to preside meanwhile (art. 6)."""
    today = timezone.localdate()
    rb = rulebook_view(today)
    if not destination.strip():
        raise InvalidInput(_("请填写前往地点。"), field="destination")
    if end < start:
        raise InvalidInput(
            _("预计返回日期不能早于离州日期，请更正。"),
            field="end",
        )
    if purpose not in AbsencePurpose.values:
        raise InvalidInput(_("请选择外出事由类别。"), field="purpose")
    actor_person = _actor_person(actor)
    office = office_unit()
    facts = load_facts(start)
    position = _covered_position(person, start)
    route = rules.absence_route(position_fact(position), person.pk, start, facts, rb, _office_leader_ids(start))
    timing = rules.check_absence_dates(start, end, today, rb)
    require(
        rules.may_record_for(actor_person.pk, positions_of(actor), person.pk, office.pk if office else None, rb),
        timing,
        route.decision,
    )
    overlapping = Absence.objects.filter(person=person, state=AbsenceState.REPORTED, start__lte=end, end__gte=start)
    require(rules.check_no_open_absence(person.name, overlapping.exists(), rb))
    absence = Absence.objects.create(
        person=person,
        position=position,
        start=start,
        end=end,
        destination=destination.strip(),
        purpose=purpose,
        reason=reason.strip(),
        reported_to_id=route.report_to[0] if route.report_to else None,
        reported_by_id=actor.pk,
        reported_at=timezone.now(),
    )
    absence.notified.set([*route.report_to, *route.inform])
    organization_changed()
    audit.record(
        actor=actor,
        action="org.absence.report",
        target=absence,
        citation=route.decision.citation,
        summary=f"报告离州外出：{person.name}，{start.isoformat()}至{end.isoformat()}，{absence.destination}",
        details={
            "route": route.decision.code,
            "report_to": list(route.report_to),
            "inform": list(route.inform),
            "late": bool(timing.facts.get("late")),
            "purpose": purpose,
        },
    )
    url = reverse("web:absence", args=[absence.pk])
    when = f"{start:%m月%d日}至{end:%m月%d日}"
    notices.send(
        _users(route.report_to),
        f"{position.title}{person.name}报告离州外出（{when}，{absence.destination}）",
        route.decision.message,
        route.decision.citation,
        url,
    )
    notices.send(
        _users(route.inform),
        f"通报：{position.title}{person.name}{when}离州外出",
        route.decision.message,
        route.decision.citation,
        url,
    )
    timers.schedule(RETURN_DUE_TIMER, deadline_close(end), f"absence:{absence.pk}:return", absence_id=absence.pk)
    if entrust_to is not None:
        entrust(actor, absence, entrust_to, start=start)
    return absence


@transaction.atomic
def entrust(
    actor: AbstractBaseUser, absence: Absence, acting: Position, start: dt.date | None = None
) -> ActingArrangement:
    """The 州长 entrusts the 常务副州长 to preside while away (art. 6); a unit head names a deputy
    (art. 49).  With the report, the arrangement covers the whole absence; entrusted later, it runs
    from today (never backdated: who held the authority on a past day does not change) to the
    expected return."""
    absence = Absence.objects.select_for_update().select_related("person", "position").get(pk=absence.pk)
    start = selectors.entry_start(absence, start)
    checks = selectors.entrust_checks(actor, absence, acting, start)
    require_checks(*checks)
    decision = checks[0]
    organization_changed()
    arrangement = ActingArrangement.objects.create(
        principal=absence.position,
        acting=acting,
        start=start,
        end=absence.end,
        absence=absence,
        entrusted_by=absence.person,
        created_at=timezone.now(),
        article=decision.citation.article if decision.citation else 0,
    )
    audit.record(
        actor=actor,
        action="org.acting.entrust",
        target=arrangement,
        citation=decision.citation,
        summary=f"{absence.position.title}{absence.person.name}委托{acting.title}主持工作（{start}至{absence.end}）",
        details={
            "absence": absence.pk,
            "acting_position": acting.pk,
            "start": start.isoformat(),
            "later": start != absence.start,
        },
    )
    holders = Person.objects.filter(appointments__position=acting).select_related("user").distinct()
    notices.send(
        [p.user for p in holders],
        f"受委托主持工作：{start:%m月%d日}至{absence.end:%m月%d日}",
        decision.message,
        decision.citation,
        reverse("web:absence", args=[absence.pk]),
    )
    return arrangement


@transaction.atomic
def revoke_acting(actor: AbstractBaseUser, arrangement: ActingArrangement) -> ActingArrangement:
    """The principal takes the arrangement back early (art. 6; art. 49 for a unit head).

    Not yet begun: it never takes effect (``revoked_at``).  Already running: it ends the day
    before today (``ended_early_at``), so the days it covered keep their acting holder."""
    arrangement = (
        ActingArrangement.objects.select_for_update(of=("self",))
        .select_related("principal__unit", "acting", "absence__person")
        .get(pk=arrangement.pk)
    )
    checks = selectors.revoke_checks(actor, arrangement)
    require_checks(*checks)
    decision = checks[0]
    today = timezone.localdate()
    now = timezone.now()
    original_end = arrangement.end
    if arrangement.start >= today:
        arrangement.revoked_at = now
        arrangement.save(update_fields=["revoked_at"])
        summary = f"撤销委托：{arrangement.acting.title}不再代{arrangement.principal.title}主持工作（尚未开始）"
    else:
        arrangement.end, arrangement.ended_early_at = today - dt.timedelta(days=1), now
        arrangement.save(update_fields=["end", "ended_early_at"])
        summary = (
            f"提前撤销委托：{arrangement.acting.title}代{arrangement.principal.title}主持工作"
            f"至{arrangement.end.isoformat()}止（原定至{original_end.isoformat()}）"
        )
    organization_changed()
    audit.record(
        actor=actor,
        action="org.acting.revoke",
        target=arrangement,
        citation=decision.citation,
        summary=summary,
        details={
            "original_end": original_end.isoformat(),
            "end": arrangement.end.isoformat(),
            "void": arrangement.revoked_at is not None,
        },
    )
    holders = Person.objects.filter(appointments__position=arrangement.acting).select_related("user").distinct()
    url = reverse("web:absence", args=[arrangement.absence_id]) if arrangement.absence_id else ""
    notices.send([p.user for p in holders], summary, decision.message, decision.citation, url)
    return arrangement


@transaction.atomic
def report_return(actor: AbstractBaseUser, absence: Absence, returned_on: dt.date) -> Absence:
    """销假: the return is recorded; the acting arrangement ends the day before the return."""
    rb = rulebook_view(absence.start)
    _actor_person(actor)
    Absence.objects.select_for_update().filter(pk=absence.pk).values_list("pk").get()  # one 销假 at a time
    absence.refresh_from_db(fields=["state", "returned_on"])
    if returned_on < absence.start:
        raise InvalidInput(_("返回日期不能早于离州日期，请更正。"), field="returned_on")
    if returned_on > timezone.localdate():
        raise InvalidInput(_("销假应在返回后登记，返回日期不能是将来的日期。"), field="returned_on")
    require_checks(*selectors.return_checks(actor, absence))
    absence.state, absence.returned_on = AbsenceState.RETURNED, returned_on
    absence.returned_recorded_at = timezone.now()
    absence.save(update_fields=["state", "returned_on", "returned_recorded_at"])
    last_day = returned_on - dt.timedelta(days=1)
    # The acting arrangement lasts while the principal is away: to the day before the return,
    # or not at all if the principal came back before it began.
    open_arrangements = absence.acting.filter(revoked_at__isnull=True, ended_early_at__isnull=True)
    open_arrangements.filter(start__gt=last_day).update(revoked_at=timezone.now())
    open_arrangements.filter(start__lte=last_day).update(end=last_day)
    organization_changed()
    timers.cancel(f"absence:{absence.pk}:return")
    citation = rb.cite("leave.return")
    audit.record(
        actor=actor,
        action="org.absence.return",
        target=absence,
        citation=citation,
        summary=f"销假：{absence.person.name}于{returned_on.isoformat()}返回",
        details={"returned_on": returned_on.isoformat()},
    )
    told = [p.user for p in absence.notified.select_related("user")]
    notices.send(
        told,
        f"{absence.position.title}{absence.person.name}已返回（{returned_on:%m月%d日}）",
        "已销假。",
        citation,
        reverse("web:absence", args=[absence.pk]),
    )
    return absence


@timers.handler(RETURN_DUE_TIMER)
def _return_due(timer: Timer) -> None:
    """At the close of the expected return day, remind the person and the office if no 销假."""
    absence = Absence.objects.select_related("person__user", "position").get(pk=timer.payload["absence_id"])
    if absence.state != AbsenceState.REPORTED:
        return
    rb = rulebook_view(absence.start)
    citation = rb.cite("leave.return")
    office_people = Person.objects.filter(pk__in=_office_leader_ids(absence.end)).select_related("user")
    recipients = [absence.person.user, *[p.user for p in office_people]]
    title = f"销假提醒：{absence.person.name}预计{absence.end:%m月%d日}返回，尚未销假"
    notices.send(recipients, title, "请返回后及时销假。", citation, reverse("web:absence", args=[absence.pk]))
    audit.record(
        actor=None,
        action="org.absence.return_reminder",
        target=absence,
        citation=citation,
        summary=title,
        actor_name="系统",
    )
