"""The read side of 政务公开: who the staff are, and what each act on an item of the publication
queue or on an application for disclosure requires of this person now.

Each act has a *check function*, ``<act>_checks(actor, obj) -> list[Decision]``: the decisions the
act requires, read only.  The action in :mod:`zhengwu.portal.actions` calls exactly that function
(``require(*<act>_checks(actor, obj), <the input's decision>)``) after taking its lock, and
:func:`available_actions` / :func:`application_actions` ask the same functions, so the staff pages,
the API and the actions cannot disagree about who may do what.  Checks of the input (the exemption
and reason of a withholding, a reply's type and text…) stay in the action.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q
from django.utils import timezone

from zhengwu.core.decisions import Decision
from zhengwu.core.memo import memo
from zhengwu.core.transitions import offered
from zhengwu.org.models import Appointment, Unit, UnitKind
from zhengwu.org.services import ORG_FACTS
from zhengwu.portal import rules
from zhengwu.portal.models import Application, PublicationItem
from zhengwu.rulebook.services import rulebook_view

T = TypeVar("T")


def staff_facts(user: AbstractBaseUser | AnonymousUser | None, day: dt.date | None = None) -> list[rules.StaffFact]:
    """The positions ``user`` holds on ``day`` with their duties (信息公开…)."""
    if user is None or not user.is_authenticated:
        return []
    day = day or timezone.localdate()
    active = (
        Appointment.objects.filter(person__user_id=user.pk, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .select_related("position__unit")
    )
    facts = [rules.StaffFact(a.position.kind, a.position.unit.kind, a.position.duties) for a in active]
    return facts


def _staff(actor: AbstractBaseUser | AnonymousUser | None, day: dt.date) -> list[rules.StaffFact]:
    """:func:`staff_facts`, read once per request: a queue page asks every act of every item."""
    if actor is None or not actor.is_authenticated:
        return []
    return memo(ORG_FACTS, ("portal.staff", actor.pk, day), lambda: staff_facts(actor, day))


def may_manage(actor: AbstractBaseUser | AnonymousUser | None, day: dt.date | None = None) -> Decision:
    """Whether ``actor`` works the queue and the register (the staff pages and the API ask this)."""
    day = day or timezone.localdate()
    return rules.may_manage(_staff(actor, day), rulebook_view(day))


def government() -> Unit | None:
    """The people's government: the issuing body of an item that names none (read once per request)."""
    return memo(
        ORG_FACTS,
        ("portal.government",),
        lambda: Unit.objects.filter(kind=UnitKind.GOVERNMENT).order_by("sort_order").first(),
    )


def index_body(item: PublicationItem) -> Unit | None:
    """The body whose organization code the 索引号 carries: the issuing unit, else the government."""
    return item.issuing_unit or government()


# ---------------------------------------------------------------- the publication queue


def publish_checks(actor: AbstractBaseUser, item: PublicationItem) -> list[Decision]:
    """发布: the office's 信息公开 staff, a queued item, an issuing body with an organization code."""
    today = timezone.localdate()
    rb = rulebook_view(today)
    body = index_body(item)
    return [
        rules.may_manage(_staff(actor, today), rb),
        rules.check_state(item.state, rules.ItemState.QUEUED, "发布", rb),
        rules.check_index_body(body.org_code if body else "", item.issuer_name, rb),
    ]


def withhold_checks(actor: AbstractBaseUser, item: PublicationItem) -> list[Decision]:
    """不予公开: the office's 信息公开 staff, a queued item (the exemption and reason are input)."""
    today = timezone.localdate()
    rb = rulebook_view(today)
    return [
        rules.may_manage(_staff(actor, today), rb),
        rules.check_state(item.state, rules.ItemState.QUEUED, "不予公开", rb),
    ]


def interpret_checks(actor: AbstractBaseUser, item: PublicationItem) -> list[Decision]:
    """发布解读 (art. 30): the office's 信息公开 staff, of a published item that is not itself a
    解读 (the title and text are input)."""
    today = timezone.localdate()
    rb = rulebook_view(today)
    return [
        rules.may_manage(_staff(actor, today), rb),
        rules.check_interpretation_target(item.state, item.kind, rb),
    ]


# ---------------------------------------------------------------- applications for disclosure


def extend_checks(actor: AbstractBaseUser, app: Application) -> list[Decision]:
    """延长答复期限: with the office leadership's approval (the approver acts), once, before the
    answer (the reason is input)."""
    today = timezone.localdate()
    rb = rulebook_view(today)
    return [
        rules.may_approve_extension(_staff(actor, today), rb),
        rules.check_extension_state(app.state, app.extended, rb),
    ]


def consult_checks(actor: AbstractBaseUser, app: Application) -> list[Decision]:
    """征求第三方意见: the office's 信息公开 staff, an application in hand (the third party is input)."""
    today = timezone.localdate()
    rb = rulebook_view(today)
    return [rules.may_manage(_staff(actor, today), rb), rules.check_consultation(app.state, True, rb)]


def resume_checks(actor: AbstractBaseUser, app: Application) -> list[Decision]:
    """第三方意见收到: the office's 信息公开 staff, an application whose third party is consulted."""
    today = timezone.localdate()
    rb = rulebook_view(today)
    return [rules.may_manage(_staff(actor, today), rb), rules.check_consultation(app.state, False, rb)]


def reply_checks(actor: AbstractBaseUser, app: Application) -> list[Decision]:
    """答复: the office's 信息公开 staff, an application not answered and not with a third party
    (the reply's type, exemption and text are input)."""
    today = timezone.localdate()
    rb = rulebook_view(today)
    return [rules.may_manage(_staff(actor, today), rb), rules.check_reply_state(app.state, rb)]


# ---------------------------------------------------------------- what a person may do now

Checks = Callable[[AbstractBaseUser, T], list[Decision]]

#: The acts on an item of the publication queue, by the name the pages and the API use.
ITEM_ACTS: dict[str, Checks[PublicationItem]] = {
    "publish": publish_checks,
    "withhold": withhold_checks,
    "interpret": interpret_checks,
}
#: The acts on an application for disclosure, in the order a page offers them.
APPLICATION_ACTS: dict[str, Checks[Application]] = {
    "resume": resume_checks,
    "reply": reply_checks,
    "consult": consult_checks,
    "extend": extend_checks,
}


def available_actions(actor: AbstractBaseUser, item: PublicationItem) -> dict[str, Decision]:
    """For each act on ``item``: allowed (the act's last allowing decision), or the first decision
    that refuses it, with its citation: the same decisions the action asks."""
    return offered(ITEM_ACTS, actor, item)


def allowed_actions(actor: AbstractBaseUser, item: PublicationItem) -> set[str]:
    """The names of the acts ``actor`` may take on ``item`` now."""
    return {name for name, d in available_actions(actor, item).items() if d.allowed}


def application_actions(actor: AbstractBaseUser, app: Application) -> dict[str, Decision]:
    """For each act on an application: allowed, or the first decision that refuses it."""
    return offered(APPLICATION_ACTS, actor, app)


def allowed_application_actions(actor: AbstractBaseUser, app: Application) -> set[str]:
    return {name for name, d in application_actions(actor, app).items() if d.allowed}
