"""The read side of 信访 (art. 35): who handles a petition, the limit now running, and what each
user act on a petition requires of this person now.

Nothing here writes.  Each act has a *check function*, ``<act>_checks(actor, petition) ->
list[Decision]``: the decisions the act requires, read only and in the order the action asks them.
The action calls exactly that function after taking its lock (``require_checks(*<act>_checks(...))``),
and :func:`available_actions` asks the same functions, so the page, the API and the action cannot
disagree about who may do what.  Checks of the input (a text not empty, the days of an extension
within the limit, the date a review was asked for) stay in the action.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from zhengwu.core.decisions import Decision
from zhengwu.core.transitions import Step, check_step, offered
from zhengwu.org.models import Unit
from zhengwu.org.rules import ADMINISTRATORS, GOVERNMENT_LEADERS, PositionKind
from zhengwu.org.services import overseen_units, overseers_of, person_of, positions_of
from zhengwu.petitions import rules
from zhengwu.petitions.models import Petition, Stage, State
from zhengwu.rulebook.services import rulebook_of, version_in_force, view_of
from zhengwu.workdays.services import calendar

PETITIONS_FUNCTION = "petitions"


def petitions_units() -> list[Unit]:
    """The units whose ``functions`` include ``petitions`` (the 信访局)."""
    return [
        u
        for u in Unit.objects.exclude(functions=[]).order_by("sort_order", "code")
        if PETITIONS_FUNCTION in u.functions
    ]


def access_of(petition: Petition) -> rules.CaseAccess:
    return rules.CaseAccess(
        frozenset(u.pk for u in petitions_units()),
        petition.handling_unit_id,
        petition.leader_id,
        petition.accused_unit_id,
        overseers_of(petition.accused_unit_id),
    )


def petitions_visible_to(user: AbstractBaseUser, petitions: QuerySet[Petition] | None = None) -> QuerySet[Petition]:
    """The petitions ``user`` may see (need to know; 《信访工作条例》):

    - the petitions bureau's staff (信访局: it registers, accepts and follows every case);
    - the handling unit's staff, once a case is assigned to it;
    - the leader an important letter was routed to, and the leaders in charge: the 州长 and the
      常务副州长, and the 分管 leader of the unit handling or concerned;
    - never the unit a letter accuses, nor the leaders whose 分管 includes it (its chain for the
      matter), whatever else they are: it is neither shown to them nor found by their searches.

    A system administrator's post gives no sight of petitions.
    """
    petitions = petitions if petitions is not None else Petition.objects.all()
    positions = [p for p in positions_of(user) if p.kind not in ADMINISTRATORS]
    if not positions:
        return petitions.none()
    units = {p.unit_id for p in positions}
    overseen = overseen_units(user)
    bureau = {u.pk for u in petitions_units()}
    q = Q(handling_unit_id__in=units)
    if units & bureau:
        q |= Q(pk__isnull=False)
    if any(p.kind in {PositionKind.GOVERNOR, PositionKind.EXECUTIVE_VICE_GOVERNOR} for p in positions):
        q |= Q(pk__isnull=False)
    if any(p.kind in GOVERNMENT_LEADERS for p in positions):
        q |= Q(handling_unit_id__in=overseen) | Q(unit_concerned_id__in=overseen)
    person = person_of(user)
    if person is not None:
        q |= Q(leader_id=person.pk)
    return petitions.filter(q).exclude(accused_unit_id__in=units | overseen)


def petition_visible_to(user: AbstractBaseUser, petition: Petition) -> bool:
    """Whether ``user`` may see ``petition`` (see :func:`petitions_visible_to`)."""
    return petitions_visible_to(user).filter(pk=petition.pk).exists()


def person_id(actor: AbstractBaseUser) -> int | None:
    person = person_of(actor)
    return person.pk if person else None


def open_limits(petition: Petition) -> dict[str, dt.date]:
    """The time limit now running (受理告知, 办结, 复查 or 复核) and its last day."""
    if petition.state == State.REGISTERED:
        return {"accept": petition.accept_due}
    if petition.state == State.HANDLING and petition.handle_due:
        return {"handle": petition.handle_due}
    for state, stage in ((State.REVIEWING, Stage.REVIEW), (State.REREVIEWING, Stage.REREVIEW)):
        if petition.state == state:
            review = petition.reviews.filter(stage=stage).first()
            if review is not None:
                return {str(stage): review.due}
    return {}


def may_see_petitioner(actor: AbstractBaseUser, petition: Petition) -> bool:
    return rules.may_see_personal_data(
        positions_of(actor), person_id(actor), access_of(petition), rulebook_of(petition)
    ).allowed


def _step(p: Petition, step: Step) -> Decision:
    return check_step(step, p.state, str(State(p.state).label), rulebook_of(p))


def _bureau(actor: AbstractBaseUser, p: Petition) -> Decision:
    return rules.may_register(positions_of(actor), access_of(p).petitions_unit_ids, rulebook_of(p))


# ---------------------------------------------------------------- the acts


def register_check(actor: AbstractBaseUser) -> Decision:
    """登记来信来访: the petitions bureau's staff (under the rulebook in force)."""
    return rules.may_register(positions_of(actor), {u.pk for u in petitions_units()}, view_of(version_in_force()))


def route_checks(actor: AbstractBaseUser, p: Petition) -> list[Decision]:
    """呈领导阅批: the bureau, while the letter is registered or handled, before any instruction."""
    instructed = rules.check_not_instructed(p.instructed_at is not None, rulebook_of(p))
    return [_bureau(actor, p), _step(p, rules.ROUTE_IMPORTANT), instructed]


def read_checks(actor: AbstractBaseUser, p: Petition) -> list[Decision]:
    """The leader an important letter was routed to reads it."""
    return [rules.may_read(person_id(actor), p.leader_id, rulebook_of(p))]


def instruct_checks(actor: AbstractBaseUser, p: Petition) -> list[Decision]:
    """批示: that leader, once, after reading the letter."""
    return [
        rules.may_instruct(
            person_id(actor), p.leader_id, p.leader_read_at is not None, p.instructed_at is not None, rulebook_of(p)
        )
    ]


def decide_acceptance_checks(actor: AbstractBaseUser, p: Petition) -> list[Decision]:
    """受理 or 不予受理: the bureau, a registered letter."""
    return [_bureau(actor, p), _step(p, rules.DECIDE_ACCEPTANCE)]


def extend_checks(actor: AbstractBaseUser, p: Petition) -> list[Decision]:
    """延期: a government leader, a petition being handled, not yet extended (the days asked for are
    checked by the action: here, the most the rule allows)."""
    rb = rulebook_of(p)
    most = rb.param("petitions.extend_max_days").as_int
    return [rules.may_extend(positions_of(actor), p.state, p.extended_days, most, rb)]


def conclude_checks(actor: AbstractBaseUser, p: Petition) -> list[Decision]:
    """办结: the bureau or the handling unit, a petition being handled, an important letter only
    after its instruction."""
    rb = rulebook_of(p)
    return [
        rules.may_handle(positions_of(actor), person_id(actor), access_of(p), rb),
        _step(p, rules.CONCLUDE),
        rules.may_conclude(p.important, p.instructed_at is not None, rb),
    ]


def review_stage(p: Petition) -> str:
    """The review the petitioner may ask for next: 复核 after a 复查 opinion, else 复查."""
    return str(Stage.REREVIEW if p.state == State.REVIEWED else Stage.REVIEW)


def answered_on(p: Petition, stage: str) -> dt.date | None:
    """When the answer a review of ``stage`` is asked against was given."""
    if stage == Stage.REVIEW:
        return p.concluded_on
    previous = p.reviews.filter(stage=Stage.REVIEW).first()
    return previous.decided_on if previous else None


def request_review_checks(actor: AbstractBaseUser, p: Petition) -> list[Decision]:
    """登记复查（复核）请求: the bureau, after the answer the review is asked against (the day the
    request was received is checked by the action; here, the earliest day it may be)."""
    stage = review_stage(p)
    answered = answered_on(p, stage)
    day = answered or timezone.localdate()
    return [_bureau(actor, p), rules.may_request_review(stage, p.state, answered, day, rulebook_of(p), calendar())]


def decide_review_checks(actor: AbstractBaseUser, p: Petition) -> list[Decision]:
    """出具复查（复核）意见: the bureau, while a review is running."""
    return [_bureau(actor, p), _step(p, rules.REVIEW_OPINION)]


# ---------------------------------------------------------------- what a person may do now

Checks = Callable[[AbstractBaseUser, Petition], list[Decision]]

#: The acts on a petition, by the name the page and the API use, in the order a page offers them.
ACTS: dict[str, Checks] = {
    "read": read_checks,
    "instruct": instruct_checks,
    "decide_acceptance": decide_acceptance_checks,
    "route": route_checks,
    "extend": extend_checks,
    "conclude": conclude_checks,
    "request_review": request_review_checks,
    "decide_review": decide_review_checks,
}


def available_actions(actor: AbstractBaseUser, p: Petition) -> dict[str, Decision]:
    """For each act on a petition: allowed (the act's last allowing decision), or the first decision
    that refuses it, with its article — the same decisions the action asks."""
    return offered(ACTS, actor, p)


def allowed_actions(actor: AbstractBaseUser, p: Petition) -> set[str]:
    """The names of the acts ``actor`` may take on ``p`` now."""
    return {name for name, d in available_actions(actor, p).items() if d.allowed}
