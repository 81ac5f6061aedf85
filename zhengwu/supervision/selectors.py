"""The read side of 督查督办: what each user act on an item, a progress report or a rectification
requires of this person now, and which acts a page or the API may offer.

Each act has a *check function*, ``<act>_checks(actor, obj) -> list[Decision]``: the decisions the
act requires, read only.  The action in :mod:`zhengwu.supervision.actions` calls exactly that
function (``require(*<act>_checks(actor, obj))``) after taking its lock, and
:func:`available_actions` asks the same functions, so the page, the API and the action cannot
disagree about who may do what.  Checks of the input (a text not empty, a due date after today…)
stay in the action.

The facts the rules read (who the person is, the organization) are in
:mod:`zhengwu.supervision.services`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from zhengwu.core.decisions import Decision
from zhengwu.core.i18n import _
from zhengwu.core.memo import memo
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.core.transitions import offered, outcome
from zhengwu.org.models import UnitKind
from zhengwu.org.rules import ADMINISTRATORS, PositionKind
from zhengwu.org.services import ORG_FACTS, overseen_units, positions_of
from zhengwu.rulebook.services import rulebook_of, rulebook_view
from zhengwu.supervision import rules
from zhengwu.supervision import services as facts
from zhengwu.supervision.models import Origin, ProgressReport, Rectification, SupervisionItem

T = TypeVar("T")


def actor_fact(actor: AbstractBaseUser, day: dt.date | None = None) -> rules.Actor:
    """Who ``actor`` is on ``day`` (today), read once per request: a page asks every act."""
    day = day or timezone.localdate()
    return memo(ORG_FACTS, ("supervision.actor", actor.pk, day), lambda: facts.actor_fact(actor, day))


def items_visible_to(user: AbstractBaseUser, day: dt.date | None = None) -> QuerySet[SupervisionItem]:
    """The supervision items ``user`` may see on ``day`` (need to know; arts. 26, 54, 61):

    - the government office's staff and leadership (督查: it opens, follows, verifies every item),
      and the 州长 and the 常务副州长;
    - the staff of the lead unit (牵头) and of the co-units (协办) the item is assigned to;
    - the leader in whose 分管 the lead unit or a co-unit is (art. 7): the item is reported to
      them when it runs late.

    Nobody else.  A system administrator's post gives no sight of items.
    """
    items = SupervisionItem.objects.select_related("lead_unit")
    positions = [p for p in positions_of(user, day) if p.kind not in ADMINISTRATORS]
    if not positions:
        return items.none()
    if any(
        p.unit_kind == UnitKind.OFFICE
        or p.kind in rules.OFFICE_LEADERS
        or p.kind in {PositionKind.GOVERNOR, PositionKind.EXECUTIVE_VICE_GOVERNOR}
        for p in positions
    ):
        return items
    units = {p.unit_id for p in positions} | overseen_units(user, day)
    return items.filter(
        Q(lead_unit_id__in=units)
        | Q(pk__in=SupervisionItem.co_units.through.objects.filter(unit_id__in=units).values("supervisionitem_id"))
    )


# ---------------------------------------------------------------- acts not on an item


def open_checks(
    actor: AbstractBaseUser,
    origin: str = Origin.MANUAL,
    lead_unit_id: int = 0,
    rb: RulebookView | None = None,
) -> list[Decision]:
    """立项 (arts. 26, 54): the office and the government's leaders; a case's keeper for its case
    (the origin and the lead unit are input: a page offers the office's own 立项)."""
    today = timezone.localdate()
    return [rules.may_open(actor_fact(actor, today), origin, lead_unit_id, rb or rulebook_view(today))]


def draft_circular_checks(actor: AbstractBaseUser) -> list[Decision]:
    """情况通报 (art. 26): the office's 督查 staff and leadership."""
    today = timezone.localdate()
    return [rules.may_verify(actor_fact(actor, today), rulebook_view(today), "发布情况通报")]


# ---------------------------------------------------------------- acts on an item


def report_done_checks(actor: AbstractBaseUser, item: SupervisionItem) -> list[Decision]:
    """报办结: the lead unit's staff, an open item, every rectification ordered on it done.  The
    first decision is the one whose citation the action records."""
    rb = rulebook_of(item)
    open_rectifications = item.rectifications.filter(done_at__isnull=True).count()
    return [
        rules.may_report(actor_fact(actor), item.lead_unit_id, facts.unit_name(item.lead_unit), rb, "报办结"),
        rules.check_transition(item.state, "report_done", rb),
        rules.check_rectifications_done(open_rectifications, rb),
    ]


def _office(actor: AbstractBaseUser, item: SupervisionItem, act: str, what: str) -> list[Decision]:
    rb = rulebook_of(item)
    return [rules.may_verify(actor_fact(actor), rb, what), rules.check_transition(item.state, act, rb)]


def verify_checks(actor: AbstractBaseUser, item: SupervisionItem) -> list[Decision]:
    """核查复核: the office's 督查 staff, an item reported done."""
    return _office(actor, item, "verify", "核查复核")


def reopen_checks(actor: AbstractBaseUser, item: SupervisionItem) -> list[Decision]:
    """退回重办: the office's 督查 staff, an item reported done or closed (the reason is input)."""
    return _office(actor, item, "reopen", "退回重办")


def rectify_checks(actor: AbstractBaseUser, item: SupervisionItem) -> list[Decision]:
    """督促整改: the office's 督查 staff, an item not closed (the requirement and due date are input)."""
    return _office(actor, item, "rectify", "督促整改")


def evaluate_checks(actor: AbstractBaseUser, item: SupervisionItem) -> list[Decision]:
    """记录第三方评估: the office's 督查 staff (the evaluator, rating and findings are input)."""
    return _office(actor, item, "evaluate", "记录第三方评估")


# ---------------------------------------------------------------- a progress report, a rectification


def submit_progress_checks(actor: AbstractBaseUser, report: ProgressReport) -> list[Decision]:
    """报送进展 (art. 54): the reporting unit's staff, an item not closed, a period not yet
    reported.  The first decision is the one whose citation the action records."""
    item = report.item
    rb = rulebook_of(item)
    if report.submitted_at:
        pending = Decision.refuse(
            "supervision.report_done_already",
            _(
                "第{period}期进展已于{localtime:%Y-%m-%d}报告。",
                period=report.period,
                localtime=timezone.localtime(report.submitted_at),
            ),
            rb.cite("supervision.implement"),
        )
    else:
        pending = Decision.allow(
            "supervision.report_pending",
            _("第{period}期进展应于{due}前报告。", period=report.period, due=report.due.isoformat()),
            rb.cite("supervision.implement"),
        )
    return [
        rules.may_report(actor_fact(actor), report.unit_id, facts.unit_name(report.unit), rb),
        rules.check_transition(item.state, "progress", rb),
        pending,
    ]


def complete_rectification_checks(actor: AbstractBaseUser, rect: Rectification) -> list[Decision]:
    """报告整改完成: the lead unit's staff, a rectification not yet reported done (the text is input)."""
    item = rect.item
    rb = rulebook_of(item)
    done = (
        Decision.refuse("supervision.rect_done", _("该项整改已报告完成。"), rb.cite("supervision.duties"))
        if rect.done_at
        else Decision.allow(
            "supervision.rect_open",
            _("限{isoformat}前整改到位。", isoformat=rect.due.isoformat()),
            rb.cite("supervision.duties"),
        )
    )
    return [
        rules.may_report(actor_fact(actor), item.lead_unit_id, facts.unit_name(item.lead_unit), rb, "报告整改情况"),
        done,
    ]


# ---------------------------------------------------------------- what a person may do now

Checks = Callable[[AbstractBaseUser, T], list[Decision]]

#: The acts on an item, by the name the page and the API use, in the order a page offers them.
ACTS: dict[str, Checks[SupervisionItem]] = {
    "report_done": report_done_checks,
    "verify": verify_checks,
    "reopen": reopen_checks,
    "rectify": rectify_checks,
    "evaluate": evaluate_checks,
}
#: The act on a unit's periodic progress report.
REPORT_ACTS: dict[str, Checks[ProgressReport]] = {"submit_progress": submit_progress_checks}
#: The act on a rectification ordered on an item.
RECTIFICATION_ACTS: dict[str, Checks[Rectification]] = {"complete_rectification": complete_rectification_checks}
#: The acts on no item: opening one, drafting the circular.
GENERAL_ACTS: dict[str, Callable[[AbstractBaseUser], list[Decision]]] = {
    "open": open_checks,
    "draft_circular": draft_circular_checks,
}


def available_actions(actor: AbstractBaseUser, item: SupervisionItem) -> dict[str, Decision]:
    """For each act on ``item``: allowed (the act's last allowing decision), or the first decision
    that refuses it, with its article: the same decisions the action asks."""
    return offered(ACTS, actor, item)


def allowed_actions(actor: AbstractBaseUser, item: SupervisionItem) -> set[str]:
    """The names of the acts ``actor`` may take on ``item`` now."""
    return {name for name, d in available_actions(actor, item).items() if d.allowed}


def report_actions(actor: AbstractBaseUser, report: ProgressReport) -> dict[str, Decision]:
    return offered(REPORT_ACTS, actor, report)


def rectification_actions(actor: AbstractBaseUser, rect: Rectification) -> dict[str, Decision]:
    return offered(RECTIFICATION_ACTS, actor, rect)


def general_actions(actor: AbstractBaseUser) -> dict[str, Decision]:
    """Opening an item and drafting the circular: what the list and circulars pages offer."""
    return {name: outcome(checks(actor)) for name, checks in GENERAL_ACTS.items()}


def allowed(decisions: dict[str, Decision]) -> set[str]:
    """The names of the allowed acts among ``decisions``."""
    return {name for name, d in decisions.items() if d.allowed}
