"""The read side of 建议提案 (art. 31): who supervises them, and what each user act on a suggestion
requires of this person now.

Nothing here writes.  Each act has a *check function*, ``<act>_checks(actor, suggestion) ->
list[Decision]``: the decisions the act requires, read only and in the order the action asks them.
The action calls exactly that function after taking its lock (``require_checks(*<act>_checks(...))``),
and :func:`available_actions` asks the same functions, so the page, the API and the action cannot
disagree about who may do what.  Checks of the input (the units named, the new limit, the
satisfaction, the ground for withholding) stay in the action.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from zhengwu.core.decisions import Decision
from zhengwu.core.i18n import _
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.core.transitions import Step, check_step, offered
from zhengwu.org.models import Appointment, Unit, UnitKind
from zhengwu.org.rules import ADMINISTRATORS, PositionKind
from zhengwu.org.services import office_unit, overseen_units, positions_of
from zhengwu.rulebook.services import rulebook_of, version_in_force, view_of
from zhengwu.suggestions import rules
from zhengwu.suggestions.models import CoUnitOpinion, State, Suggestion


def unit_name(unit: Unit | None) -> str:
    return (unit.short_name or unit.name) if unit else ""


def duties_of(actor: AbstractBaseUser, day: dt.date | None = None) -> list[str]:
    day = day or timezone.localdate()
    return [
        d
        for d in Appointment.objects.filter(person__user_id=actor.pk, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .values_list("position__duties", flat=True)
        if d
    ]


def office_id() -> int | None:
    office = office_unit()
    return office.pk if office else None


def is_supervisor(actor: AbstractBaseUser) -> bool:
    return rules.is_office_supervisor(positions_of(actor), duties_of(actor), office_id())


def manage(actor: AbstractBaseUser, what: str, rb: RulebookView) -> Decision:
    """The office's 督查 clerks and leadership register, assign, extend, record satisfaction."""
    return rules.may_manage(positions_of(actor), duties_of(actor), office_id(), what, rb)


def staff_unit_ids(actor: AbstractBaseUser) -> set[int]:
    return {p.unit_id for p in positions_of(actor) if p.kind not in ADMINISTRATORS}


def suggestions_visible_to(
    user: AbstractBaseUser, day: dt.date | None = None, suggestions: QuerySet[Suggestion] | None = None
) -> QuerySet[Suggestion]:
    """The suggestions and proposals ``user`` may see on ``day`` (need to know; arts. 31, 61):

    - the government office's staff (its 督查 clerks register, assign and follow them; the office
      reviews the answer), and the 州长 and the 常务副州长;
    - the staff of the lead unit (主办) and of the co-units asked for an opinion (协办), once assigned;
    - the leader in whose 分管 the lead unit or a co-unit is (art. 7).

    Nobody else: a suggestion is the deputies' and members' correspondence with the units that
    answer it until its result is published (on the portal).  A system administrator's post gives
    no sight of them.
    """
    suggestions = suggestions if suggestions is not None else Suggestion.objects.all()
    positions = [p for p in positions_of(user, day) if p.kind not in ADMINISTRATORS]
    if not positions:
        return suggestions.none()
    if any(
        p.unit_kind == UnitKind.OFFICE or p.kind in {PositionKind.GOVERNOR, PositionKind.EXECUTIVE_VICE_GOVERNOR}
        for p in positions
    ):
        return suggestions
    units = {p.unit_id for p in positions} | overseen_units(user, day)
    return suggestions.filter(
        Q(lead_unit_id__in=units) | Q(pk__in=CoUnitOpinion.objects.filter(unit_id__in=units).values("suggestion_id"))
    )


def current_opinion(s: Suggestion, unit: Unit) -> CoUnitOpinion | None:
    """``unit``'s co-unit opinion of the round now being handled, if it is a co-unit."""
    return CoUnitOpinion.objects.select_related("unit").filter(suggestion=s, unit=unit, round=s.round).first()


def opinion_unit(actor: AbstractBaseUser, s: Suggestion) -> Unit | None:
    """The co-unit ``actor`` would give an opinion for: one of theirs still owing it, else one of
    theirs, else the first co-unit of the round (whose staff they are not)."""
    opinions = list(
        CoUnitOpinion.objects.select_related("unit").filter(suggestion=s, round=s.round).order_by("unit__sort_order")
    )
    units = staff_unit_ids(actor)
    mine = [o for o in opinions if o.unit_id in units]
    pick = next((o for o in mine if o.sent_at is None), None) or next(iter(mine or opinions), None)
    return pick.unit if pick is not None else None


def _step(s: Suggestion, step: Step) -> Decision:
    return check_step(step, s.state, str(State(s.state).label), rulebook_of(s))


# ---------------------------------------------------------------- the acts


def register_check(actor: AbstractBaseUser) -> Decision:
    """登记: the office's 督查 staff (under the rulebook in force)."""
    return manage(actor, "登记", view_of(version_in_force()))


def assign_checks(actor: AbstractBaseUser, s: Suggestion) -> list[Decision]:
    """交办: the office, a registered suggestion."""
    return [manage(actor, "交办", rulebook_of(s)), _step(s, rules.ASSIGN)]


def extend_checks(actor: AbstractBaseUser, s: Suggestion) -> list[Decision]:
    """延期: the office, while it is handled."""
    return [manage(actor, "批准延期", rulebook_of(s)), _step(s, rules.EXTEND)]


def opinion_checks(actor: AbstractBaseUser, s: Suggestion, unit: Unit | None = None) -> list[Decision]:
    """协办意见: the staff of a co-unit of this round (``unit``; by default the one ``actor`` would
    give it for), while it is handled, once."""
    rb = rulebook_of(s)
    unit = unit or opinion_unit(actor, s)
    opinion = current_opinion(s, unit) if unit is not None else None
    if unit is None or opinion is None:
        return [rules.check_co_unit(False, unit_name(unit) or _("您所在单位"), False, rb)]
    return [
        rules.check_co_unit(True, unit_name(unit), False, rb),
        rules.may_give_opinion(positions_of(actor), unit.pk, unit_name(unit), rb),
        _step(s, rules.CO_OPINION),
        rules.check_co_unit(True, unit_name(unit), opinion.sent_at is not None, rb),
    ]


def answer_checks(actor: AbstractBaseUser, s: Suggestion) -> list[Decision]:
    """起草答复函: the lead unit's staff, while it is handled, once a round."""
    rb = rulebook_of(s)
    return [
        _step(s, rules.DRAFT_ANSWER),
        rules.may_answer(positions_of(actor), s.lead_unit_id, unit_name(s.lead_unit), rb),
        rules.check_draftable(s.answer_document_id is not None, s.answered, rb),
    ]


def feedback_checks(actor: AbstractBaseUser, s: Suggestion) -> list[Decision]:
    """记录代表委员意见: the office, once the answer is issued, while it is handled."""
    rb = rulebook_of(s)
    return [
        manage(actor, "记录代表委员意见", rb),
        _step(s, rules.SATISFACTION),
        rules.check_answered(s.answered, rb, "记录满意度"),
    ]


def publication_checks(actor: AbstractBaseUser, s: Suggestion) -> list[Decision]:
    """决定办理结果公开: the office, once the answer is issued, once a round."""
    rb = rulebook_of(s)
    return [
        manage(actor, "决定办理结果公开", rb),
        rules.check_answered(s.answered, rb, "决定是否公开"),
        rules.check_publication_open(s.publication_decided, rb),
    ]


# ---------------------------------------------------------------- what a person may do now

Checks = Callable[[AbstractBaseUser, Suggestion], list[Decision]]

#: The acts on a suggestion, by the name the page and the API use, in the order a page offers them.
ACTS: dict[str, Checks] = {
    "assign": assign_checks,
    "extend": extend_checks,
    "opinion": opinion_checks,
    "answer": answer_checks,
    "feedback": feedback_checks,
    "publication": publication_checks,
}


def available_actions(actor: AbstractBaseUser, s: Suggestion) -> dict[str, Decision]:
    """For each act on a suggestion: allowed (the act's last allowing decision), or the first
    decision that refuses it, with its article — the same decisions the action asks."""
    return offered(ACTS, actor, s)


def allowed_actions(actor: AbstractBaseUser, s: Suggestion) -> set[str]:
    """The names of the acts ``actor`` may take on ``s`` now."""
    return {name for name, d in available_actions(actor, s).items() if d.allowed}
