"""The read side of 复议、诉讼、审计 (arts. 32, 33): who keeps a case, and what each user act on a
case requires of this person now.

Nothing here writes.  Each act has a *check function*, ``<act>_checks(actor, case) ->
list[Decision]``: the decisions the act requires, read only and in the order the action asks them.
The action calls exactly that function after taking its lock (``require_checks(*<act>_checks(...))``),
and :func:`available_actions` asks the same functions, so the page, the API and the action cannot
disagree about who may do what.  Checks of the input (the dates, the outcome) stay in the action.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from zhengwu.core.decisions import Decision
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.core.transitions import check_step, offered
from zhengwu.documents.selectors import units_with_function
from zhengwu.org.models import Unit, UnitKind
from zhengwu.org.rules import ADMINISTRATORS, PositionKind
from zhengwu.org.services import office_unit, overseen_units, positions_of
from zhengwu.oversight import rules
from zhengwu.oversight.models import Case, CaseKind, CaseState
from zhengwu.rulebook.services import rulebook_of, version_in_force, view_of


def legal_ids() -> set[int]:
    return {u.pk for u in units_with_function("legal_review")}


def office_id() -> int | None:
    office = office_unit()
    return office.pk if office else None


def keeper(actor: AbstractBaseUser, unit: Unit, kind: str, rb: RulebookView) -> Decision:
    """The unit concerned, the government office and the 司法局 keep the register."""
    return rules.may_register(positions_of(actor), unit.pk, office_id(), legal_ids(), kind, rb)


def register_check(actor: AbstractBaseUser, unit: Unit, kind: str) -> Decision:
    """登记 a case of ``kind`` concerning ``unit`` (under the rulebook in force)."""
    return keeper(actor, unit, kind, view_of(version_in_force()))


def cases_visible_to(
    user: AbstractBaseUser, day: dt.date | None = None, cases: QuerySet[Case] | None = None
) -> QuerySet[Case]:
    """The cases ``user`` may see on ``day`` (need to know; arts. 32, 33, 61):

    - the staff of the unit concerned (the respondent, the defendant, the audited unit), which
      answers, defends and rectifies;
    - the leader in whose 分管 that unit is (art. 7), and the 州长 and the 常务副州长;
    - the government office's staff (it keeps the register and follows the case) and the legal
      affairs unit's (司法局: it registers, answers and defends for the government).

    Nobody else, whatever unit they work in: a case names its applicant or plaintiff and the
    unit's dealings.  A system administrator's post gives no sight of cases.
    """
    cases = cases if cases is not None else Case.objects.all()
    positions = [p for p in positions_of(user, day) if p.kind not in ADMINISTRATORS]
    if not positions:
        return cases.none()
    units = {p.unit_id for p in positions}
    keepers = legal_ids() | {u for u in [office_id()] if u is not None}
    if units & keepers or any(
        p.unit_kind == UnitKind.OFFICE or p.kind in {PositionKind.GOVERNOR, PositionKind.EXECUTIVE_VICE_GOVERNOR}
        for p in positions
    ):
        return cases
    return cases.filter(Q(unit_concerned_id__in=units | overseen_units(user, day)))


# ---------------------------------------------------------------- the acts


def answer_checks(actor: AbstractBaseUser, c: Case) -> list[Decision]:
    """记录答复（答辩）: a keeper of the case, a reconsideration or a suit, still open."""
    rb = rulebook_of(c)
    kind = str(c.kind)
    label = str(CaseState(c.state).label)
    return [
        keeper(actor, c.unit_concerned, kind, rb),
        rules.check_kind(kind, [CaseKind.RECONSIDERATION, CaseKind.SUIT], "答复（答辩）", rb),
        check_step(rules.RECORD_ANSWER, c.state, label, rb, provision=rules.provision_of(kind)),
    ]


def outcome_checks(actor: AbstractBaseUser, c: Case) -> list[Decision]:
    """结案: a keeper of the case, not yet closed."""
    rb = rulebook_of(c)
    kind = str(c.kind)
    label = str(CaseState(c.state).label)
    return [
        keeper(actor, c.unit_concerned, kind, rb),
        check_step(rules.RECORD_OUTCOME, c.state, label, rb, provision=rules.provision_of(kind)),
    ]


# ---------------------------------------------------------------- what a person may do now

Checks = Callable[[AbstractBaseUser, Case], list[Decision]]

#: The acts on a case, by the name the page and the API use, in the order a page offers them.
ACTS: dict[str, Checks] = {"answer": answer_checks, "outcome": outcome_checks}


def available_actions(actor: AbstractBaseUser, c: Case) -> dict[str, Decision]:
    """For each act on a case: allowed (the act's last allowing decision), or the first decision
    that refuses it, with its article — the same decisions the action asks."""
    return offered(ACTS, actor, c)


def allowed_actions(actor: AbstractBaseUser, c: Case) -> set[str]:
    """The names of the acts ``actor`` may take on ``c`` now."""
    return {name for name, d in available_actions(actor, c).items() if d.allowed}
