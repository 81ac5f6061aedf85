"""The read side of absences (离州外出, art. 58) and their acting arrangements (art. 6; a unit head's
deputy, art. 49): what each user act on a report or an arrangement requires.

Nothing here writes.  Each user act has a *check function*, ``<act>_checks(actor, obj) ->
list[Decision]``: the decisions the act requires of this person on this record now, read only.  The
action calls exactly that function (``require_checks(*<act>_checks(actor, obj))``) after taking its
lock, and :func:`available_actions` asks the same functions, so the page, the API and the action
cannot disagree about who may do what.  An act whose input refines it takes the input as an optional
argument: :func:`entrust_checks` without a candidate asks whether this person may entrust anyone
now; the action adds the candidate chosen.  Checks of the input itself (a date not in the future…)
stay in the action.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.utils import timezone

from zhengwu.audit import visibility
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Decision
from zhengwu.core.i18n import _
from zhengwu.core.transitions import check_step
from zhengwu.core.transitions import offered as offered_acts
from zhengwu.org import rules
from zhengwu.org.models import Absence, ActingArrangement, Position
from zhengwu.org.services import acting_candidates, office_unit, person_of, position_fact, positions_of
from zhengwu.rulebook.services import rulebook_view


def entry_start(absence: Absence, start: dt.date | None = None) -> dt.date:
    """The first day an arrangement entrusted now covers: with the report, the whole absence
    (``start``); later, from today (never backdated)."""
    return start or max(absence.start, timezone.localdate())


def running_arrangement(absence: Absence, start: dt.date) -> ActingArrangement | None:
    """The arrangement of ``absence`` still in force on or after ``start``, if any."""
    return (
        absence.acting.filter(revoked_at__isnull=True, ended_early_at__isnull=True, end__gte=start)
        .select_related("acting")
        .first()
    )


def entrust_checks(
    actor: AbstractBaseUser, absence: Absence, acting: Position | None = None, start: dt.date | None = None
) -> list[Decision]:
    """委托主持工作 / 指定代理 (arts. 6, 49): the principal, while the report is open, for the rest
    of the absence, when no other arrangement runs.  With ``acting``: that position may stand in;
    without it: someone may."""
    rb = rulebook_view(absence.start)
    principal = position_fact(absence.position)
    acting_fact = position_fact(acting) if acting is not None else None
    decision = rules.may_entrust(positions_of(actor, absence.start), acting_fact, principal, rb)
    provision = decision.citation.provision if decision.citation else rules.ENTRUST.provision
    first = entry_start(absence, start)
    running = running_arrangement(absence, first)
    described = f"{running.acting.title}，{running.start}至{running.end}" if running else ""
    checks = [decision]
    if acting is None:
        checks.append(
            rules.check_candidates(absence.position.title, bool(acting_candidates(absence.position)), rb, provision)
        )
    return [
        *checks,
        check_step(rules.ENTRUST, absence.state, str(absence.get_state_display()), rb, provision=provision),
        rules.check_entrust_period(absence.end, first, described, rb, provision),
    ]


def return_checks(actor: AbstractBaseUser, absence: Absence) -> list[Decision]:
    """销假 (art. 58): the person concerned or the office for them, a report still open, once gone."""
    rb = rulebook_view(absence.start)
    office = office_unit()
    person = person_of(actor)
    if person is None:
        recorder = Decision.refuse(
            "leave.no_person", _("您的账号没有对应的人员信息，请联系系统管理员。"), rb.cite("leave.return")
        )
    else:
        recorder = rules.may_record_for(
            person.pk, positions_of(actor), absence.person_id, office.pk if office else None, rb, "leave.return"
        )
    return [
        recorder,
        check_step(rules.RETURN, absence.state, str(absence.get_state_display()), rb),
        rules.check_returnable(absence.start, timezone.localdate(), rb),
    ]


def revoke_checks(actor: AbstractBaseUser, arrangement: ActingArrangement) -> list[Decision]:
    """撤销委托 (art. 6; art. 49 for a unit head): the principal, an arrangement in force not yet expired."""
    rb = rulebook_view(arrangement.start)
    day = arrangement.absence.start if arrangement.absence else arrangement.start
    decision = rules.may_revoke_acting(positions_of(actor, day), position_fact(arrangement.principal), rb)
    provision = decision.citation.provision if decision.citation else "acting.governor"
    return [
        decision,
        rules.check_revocable(arrangement.in_force, arrangement.end, timezone.localdate(), rb, provision),
    ]


# ---------------------------------------------------------------- what a person may do now

Checks = Callable[[AbstractBaseUser, Any], list[Decision]]

#: The acts on an absence report, by the name the page and the API use, in the order a page offers them.
ABSENCE_ACTS: dict[str, Checks] = {"entrust": entrust_checks, "return": return_checks}
#: The acts on an acting arrangement.
ACTING_ACTS: dict[str, Checks] = {"revoke": revoke_checks}

ACTS: dict[type, dict[str, Checks]] = {Absence: ABSENCE_ACTS, ActingArrangement: ACTING_ACTS}

Record = Absence | ActingArrangement


def available_actions(actor: AbstractBaseUser, obj: Record) -> dict[str, Decision]:
    """For each act on ``obj`` (an absence report or an acting arrangement): allowed (the act's last
    allowing decision), or the first decision that refuses it, with its article — the same
    decisions the action asks."""
    return offered_acts(ACTS[type(obj)], actor, obj)


def allowed_actions(actor: AbstractBaseUser, obj: Record) -> set[str]:
    """The names of the acts ``actor`` may take on ``obj`` now."""
    return {name for name, d in available_actions(actor, obj).items() if d.allowed}


# ---------------------------------------------------------------- the audit trail


def may_read_trail(user: AbstractBaseUser, day: dt.date | None = None) -> Decision:
    """Whether ``user`` reads the audit trail as a whole (:func:`zhengwu.org.rules.may_read_audit`)."""
    try:
        citation = rulebook_view().cite("confidentiality")
    except LookupError:
        citation = None
    return rules.may_read_audit(positions_of(user, day), citation)


def records_visible_to(user: AbstractBaseUser, day: dt.date | None = None) -> QuerySet[AuditRecord]:
    """The audit records ``user`` may read in the trail on ``day`` (need to know; art. 61):

    - the readers of the whole trail (:func:`zhengwu.org.rules.may_read_audit`: the audit
      administrator, the 秘书长 and the 办公室主任) read every record, except the records about an
      object its area withholds (:mod:`zhengwu.audit.visibility`): those about a 信访 case only
      if they may see the case (whom a letter accuses and who wrote it are confidential);
    - everyone else reads none through the trail: the history of a matter is on the matter's own
      page, for those who may open it.
    """
    records = AuditRecord.objects.all()
    if not may_read_trail(user, day).allowed:
        return records.none()
    return visibility.restrict(user, day, records)
