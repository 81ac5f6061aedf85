"""The read side of 请示报告 (arts. 16, 46, 55): who keeps which record, and what each user act
requires of this person now.

Nothing here writes.  Each act has a check function, ``<act>_checks(actor, record) ->
list[Decision]``, in the order the action asks them; the action calls exactly that function after
taking its lock (``require_checks(*<act>_checks(...))``), and :func:`available_actions` asks the
same functions, so the page, the API and the action cannot disagree.  Checks of the input (times,
texts, which document) stay in the action.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from zhengwu.core.decisions import Decision
from zhengwu.core.transitions import check_step, offered
from zhengwu.documents.models import Document
from zhengwu.org.models import Person, Unit
from zhengwu.org.rules import ADMINISTRATORS, PositionKind
from zhengwu.org.services import load_facts, office_unit, overseen_units, person_of, positions_of, who_holds
from zhengwu.reporting import rules
from zhengwu.reporting.models import (
    ConcernState,
    Incident,
    IncidentState,
    NpcAttendance,
    PublicConcern,
    UpwardReport,
    UpwardState,
)
from zhengwu.rulebook.services import rulebook_of, version_in_force, view_of

OFFICE_KINDS = frozenset({"clerk", "office_director", "secretary_general", "deputy_secretary_general"})


def office_id() -> int | None:
    office = office_unit()
    return office.pk if office else None


def is_office(actor: AbstractBaseUser) -> bool:
    office = office_id()
    return office is not None and any(p.unit_id == office and p.kind in OFFICE_KINDS for p in positions_of(actor))


def holds_governor(actor: AbstractBaseUser, day: dt.date | None = None) -> bool:
    person = person_of(actor)
    holder = who_holds("governor", day or timezone.localdate())
    return person is not None and holder is not None and holder.person_id == person.pk


# ---------------------------------------------------------------- who sees which record (need to know)

#: The leaders who follow every report to and from the government: the 州长 and the 常务副州长.
_M = TypeVar("_M", bound=Model)

PRINCIPALS = frozenset({PositionKind.GOVERNOR, PositionKind.EXECUTIVE_VICE_GOVERNOR})


def _reader(user: AbstractBaseUser, day: dt.date | None) -> tuple[set[int], bool] | None:
    """The units ``user`` works in on ``day`` and whether they see every record (the government
    office, its duty office included; the 州长 and the 常务副州长; whoever holds the 州长's
    authority); ``None`` for nobody's post (a system administrator's post gives no sight)."""
    positions = [p for p in positions_of(user, day) if p.kind not in ADMINISTRATORS]
    if not positions:
        return None
    units = {p.unit_id for p in positions}
    office = office_id()
    everything = (
        (office is not None and office in units)
        or any(p.kind in PRINCIPALS for p in positions)
        or holds_governor(user, day)
    )
    return units, everything


def _visible(
    user: AbstractBaseUser, day: dt.date | None, rows: QuerySet[_M], unit_field: str | None, own: Q
) -> QuerySet[_M]:
    reader = _reader(user, day)
    if reader is None:
        return rows.none()
    units, everything = reader
    if everything:
        return rows
    seen = own
    if unit_field is not None:
        seen |= Q(**{f"{unit_field}__in": units | overseen_units(user, day)})
    return rows.filter(seen)


def incidents_visible_to(
    user: AbstractBaseUser, day: dt.date | None = None, incidents: QuerySet[Incident] | None = None
) -> QuerySet[Incident]:
    """The incidents ``user`` may see on ``day`` (need to know; art. 55): the reporting unit's
    staff, which keeps the record; the leader in whose 分管 that unit is (art. 7); the government
    office (its duty office takes the reports); the 州长 and the 常务副州长.  Nobody else."""
    rows = incidents if incidents is not None else Incident.objects.all()
    return _visible(user, day, rows, "unit_id", Q(created_by_id=user.pk))


def upward_visible_to(
    user: AbstractBaseUser, day: dt.date | None = None, reports: QuerySet[UpwardReport] | None = None
) -> QuerySet[UpwardReport]:
    """The matters reported upward ``user`` may see on ``day`` (need to know; art. 16): the
    government office, which keeps the register, and the 州长 and the 常务副州长, for whom it
    reports; and whoever registered one.  Nobody else: what the government asks the 自治区 and the
    州党委 is not every unit's business."""
    rows = reports if reports is not None else UpwardReport.objects.all()
    return _visible(user, day, rows, None, Q(created_by_id=user.pk))


def npc_visible_to(
    user: AbstractBaseUser, day: dt.date | None = None, attendances: QuerySet[NpcAttendance] | None = None
) -> QuerySet[NpcAttendance]:
    """The attendances at the 州人大常委会 ``user`` may see on ``day`` (need to know; art. 46): the
    leader assigned to attend; the government office, which arranges it; the 州长 (who assigns) and
    the 常务副州长; whoever assigned it.  Nobody else."""
    rows = attendances if attendances is not None else NpcAttendance.objects.all()
    own = Q(assigned_by_id=user.pk)
    person = person_of(user)
    if person is not None:
        own |= Q(attendee_id=person.pk)
    return _visible(user, day, rows, None, own)


def concerns_visible_to(
    user: AbstractBaseUser, day: dt.date | None = None, concerns: QuerySet[PublicConcern] | None = None
) -> QuerySet[PublicConcern]:
    """The matters raised by the public or the media ``user`` may see on ``day`` (need to know;
    art. 34): the staff of the unit that investigates; the leader in whose 分管 that unit is
    (art. 7); the government office, which registers and follows them; the 州长 and the 常务副州长.
    Nobody else: a matter names who raised it and what is alleged before it is handled (a major
    problem's result is published, art. 34, through the portal, not through this register)."""
    rows = concerns if concerns is not None else PublicConcern.objects.all()
    return _visible(user, day, rows, "unit_id", Q(created_by_id=user.pk))


# ---------------------------------------------------------------- art. 55: incidents


def stages_of(incident: Incident) -> list[str]:
    return list(incident.entries.values_list("stage", flat=True))


def dues_of(incident: Incident) -> dict[str, dt.datetime | None]:
    return {rules.PHONE: incident.phone_due, rules.WRITTEN: incident.written_due}


def open_limits(incident: Incident) -> dict[str, dt.datetime]:
    """The first-report limits of ``incident`` not yet answered."""
    if incident.state == IncidentState.CLOSED:
        return {}
    return rules.open_limits(dues_of(incident), stages_of(incident))


def register_incident_check(actor: AbstractBaseUser, unit: Unit) -> Decision:
    return rules.may_keep(positions_of(actor), unit.pk, office_id(), view_of(version_in_force()))


def _stage_checks(stage: str) -> Callable[[AbstractBaseUser, Incident], list[Decision]]:
    def checks(actor: AbstractBaseUser, incident: Incident) -> list[Decision]:
        rb = rulebook_of(incident)
        label = str(IncidentState(incident.state).label)
        return [
            rules.may_keep(positions_of(actor), incident.unit_id, office_id(), rb),
            check_step(rules.RECORD_REPORT, incident.state, label, rb),
            rules.check_stage(stage, stages_of(incident), rb),
        ]

    checks.__name__ = f"{stage}_checks"
    checks.__doc__ = f"登记{rules.STAGE_NAMES[stage]} (art. 55): the unit or the office, before the final report."
    return checks


phone_checks = _stage_checks(rules.PHONE)
written_checks = _stage_checks(rules.WRITTEN)
follow_up_checks = _stage_checks(rules.FOLLOW_UP)
final_checks = _stage_checks(rules.FINAL)

# ---------------------------------------------------------------- art. 16: upward reports


def register_upward_check(actor: AbstractBaseUser) -> Decision:
    return rules.may_keep_register(is_office(actor), view_of(version_in_force()))


def _upward_label(r: UpwardReport) -> str:
    return str(UpwardState(r.state).label)


def link_checks(actor: AbstractBaseUser, r: UpwardReport) -> list[Decision]:
    """关联报送公文 (art. 16): the office, before the reply."""
    rb = rulebook_of(r)
    return [
        rules.may_keep_register(is_office(actor), rb),
        check_step(rules.LINK_DOCUMENT, r.state, _upward_label(r), rb),
    ]


def carrier_check(r: UpwardReport, document: Document) -> Decision:
    """May ``document`` be linked to ``r`` as the document that carried it?"""
    return rules.check_carrier(
        document.flow,
        document.state,
        set(document.main_recipients.values_list("pk", flat=True)),
        r.recipient_id,
        rulebook_of(r),
    )


def reply_checks(actor: AbstractBaseUser, r: UpwardReport) -> list[Decision]:
    """登记批复 (art. 16): the office, a 请示 that has been reported."""
    rb = rulebook_of(r)
    return [
        rules.may_keep_register(is_office(actor), rb),
        rules.check_request(r.form, rb),
        check_step(rules.RECORD_REPLY, r.state, _upward_label(r), rb),
    ]


# ---------------------------------------------------------------- art. 46: 州人大常委会 sessions


def person_kinds(person: Person, day: dt.date) -> frozenset[str]:
    return frozenset(p.kind for p in load_facts(day).positions_of(person.pk, day))


def assign_checks(
    actor: AbstractBaseUser, person: Person, day: dt.date, entrusted: bool, reason: str
) -> list[Decision]:
    """指派参加州人大常委会会议 (art. 46): the 州长 or the office assigns a 副州长; only the 州长
    entrusts the 秘书长, in a special case stated; the one assigned is in the prefecture that day."""
    rb = view_of(version_in_force())
    governor = holds_governor(actor) or holds_governor(actor, day)
    return [
        rules.may_assign(is_office(actor), governor, rb),
        rules.check_attendee(person_kinds(person, day), entrusted, reason, governor, rb),
        rules.check_not_away(load_facts(day).away(person.pk, day), person.name, day, rb),
    ]


def attend_checks(actor: AbstractBaseUser, a: NpcAttendance) -> list[Decision]:
    """登记参加 (art. 46): the office, on or after the session day."""
    rb = rulebook_of(a)
    return [
        rules.may_assign(is_office(actor), False, rb),
        check_step(rules.RECORD_ATTENDANCE, a.state, str(a.get_state_display()), rb),
        rules.check_session_held(a.session_date, timezone.localdate(), rb),
    ]


# ---------------------------------------------------------------- art. 34: public and media supervision


def register_concern_check(actor: AbstractBaseUser, unit: Unit) -> Decision:
    return rules.may_handle(positions_of(actor), unit.pk, office_id(), view_of(version_in_force()))


def result_checks(actor: AbstractBaseUser, c: PublicConcern) -> list[Decision]:
    """登记处理结果 (art. 34): the unit that investigates or the office, while the matter is open."""
    rb = rulebook_of(c)
    return [
        rules.may_handle(positions_of(actor), c.unit_id, office_id(), rb),
        check_step(rules.RECORD_RESULT, c.state, str(c.get_state_display()), rb),
    ]


def unpublished_results(concerns: QuerySet[PublicConcern] | None = None) -> list[PublicConcern]:
    """The major problems handled whose result has not been published (art. 34), among
    ``concerns`` (all of them by default; a reader's, :func:`concerns_visible_to`)."""
    concerns = concerns if concerns is not None else PublicConcern.objects.all()
    rows = concerns.filter(major=True, state=ConcernState.HANDLED).select_related("unit", "publication")
    return [c for c in rows if rules.unpublished(c.major, c.state, c.publication.state if c.publication else None)]


# ---------------------------------------------------------------- what a person may do now

Checks = Callable[[AbstractBaseUser, Any], list[Decision]]

INCIDENT_ACTS: dict[str, Checks] = {
    "phone": phone_checks,
    "written": written_checks,
    "follow_up": follow_up_checks,
    "final": final_checks,
}
UPWARD_ACTS: dict[str, Checks] = {"link": link_checks, "reply": reply_checks}
NPC_ACTS: dict[str, Checks] = {"attend": attend_checks}
CONCERN_ACTS: dict[str, Checks] = {"result": result_checks}
ACTS: dict[type, dict[str, Checks]] = {
    Incident: INCIDENT_ACTS,
    UpwardReport: UPWARD_ACTS,
    NpcAttendance: NPC_ACTS,
    PublicConcern: CONCERN_ACTS,
}
Record = Incident | UpwardReport | NpcAttendance | PublicConcern


def available_actions(actor: AbstractBaseUser, record: Record) -> dict[str, Decision]:
    """For each act on ``record``: allowed, or the first decision that refuses it, with its article."""
    return offered(ACTS[type(record)], actor, record)


def allowed_actions(actor: AbstractBaseUser, record: Record) -> set[str]:
    return {name for name, d in available_actions(actor, record).items() if d.allowed}
