"""The read side of the requests approved in advance (arts. 57, 59, 60): who holds the approving
posts, who reviews, and what each user act on a request requires of this person now.

Nothing here writes.  Each act has a check function, ``<act>_checks(actor, request) ->
list[Decision]``, in the order the action asks them; the action calls exactly that function after
taking its lock (``require_checks(*<act>_checks(...))``), and :func:`available_actions` asks the
same functions, so the page, the API and the action cannot disagree.  Checks of the input (the
dates, the texts) stay in the action.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from zhengwu.approvals import rules
from zhengwu.approvals.models import ApprovalRequest, State
from zhengwu.core.decisions import Decision
from zhengwu.core.memo import memo
from zhengwu.core.transitions import Step, check_step, offered
from zhengwu.documents.selectors import units_with_function
from zhengwu.org.models import Unit
from zhengwu.org.rules import ADMINISTRATORS, PositionKind
from zhengwu.org.services import office_unit, overseen_units, person_of, positions_of, who_holds
from zhengwu.rulebook.services import rulebook_of

FOREIGN_AFFAIRS = "foreign_affairs"
MEMO = "approvals.units"


def foreign_affairs_units() -> list[Unit]:
    """The units that review foreign affairs for the government (arts. 59, 60): the 外事办."""
    return units_with_function(FOREIGN_AFFAIRS)


def foreign_affairs_ids() -> frozenset[int]:
    """Read once per memo scope (a request, an action): the checks of every act on every request
    of a list ask it."""
    return memo(MEMO, "foreign_affairs", lambda: frozenset(u.pk for u in foreign_affairs_units()))


def office_id() -> int | None:
    def read() -> int | None:
        office = office_unit()
        return office.pk if office else None

    return memo(MEMO, "office", read)


def holders() -> rules.Holders:
    """Who holds the 州长's authority (the 常务副州长 while presiding on entrustment, art. 6) and
    the 常务副州长's post today."""
    governor, executive = who_holds("governor"), who_holds("executive")
    return rules.Holders(governor.person_id if governor else None, executive.person_id if executive else None)


def actor_person_id(actor: AbstractBaseUser) -> int | None:
    person = person_of(actor)
    return person.pk if person else None


def requests_visible_to(
    user: AbstractBaseUser, day: dt.date | None = None, requests: QuerySet[ApprovalRequest] | None = None
) -> QuerySet[ApprovalRequest]:
    """The requests ``user`` may see on ``day`` (need to know; arts. 57, 59, 60):

    - the staff of the requesting unit, and the person who asked (the author, who files it);
    - the leader in whose 分管 that unit is (art. 7);
    - the approvers: the 州长 and the 常务副州长 (and whoever holds the 州长's authority);
    - the government office's staff, which keeps the register and refers a request to the 州党委;
    - the 外事办's staff for what it reviews: a meeting with foreign guests and an outbound
      delegation (arts. 59, 60), not a publication, a speech or a signed article (art. 57).

    Nobody else: a request names a person's writings and travels before they are approved.  A
    system administrator's post gives no sight of requests.
    """
    requests = requests if requests is not None else ApprovalRequest.objects.all()
    positions = [p for p in positions_of(user, day) if p.kind not in ADMINISTRATORS]
    if not positions:
        return requests.none()
    units = {p.unit_id for p in positions}
    person = actor_person_id(user)
    held = holders()
    approvers = {pid for pid in (held.governor, held.executive) if pid is not None}
    office = office_id()
    if (
        (office is not None and office in units)
        or (person is not None and person in approvers)
        or any(p.kind in {PositionKind.GOVERNOR, PositionKind.EXECUTIVE_VICE_GOVERNOR} for p in positions)
    ):
        return requests
    seen = Q(unit_id__in=units | overseen_units(user, day)) | Q(created_by_id=user.pk)
    if person is not None:
        seen |= Q(author_id=person)
    if units & foreign_affairs_ids():
        seen |= Q(kind__in=rules.REVIEWED_KINDS)
    return requests.filter(seen)


def _step(r: ApprovalRequest, step: Step) -> Decision:
    return check_step(step, r.state, str(State(r.state).label), rulebook_of(r), provision=rules.provision_of(r.kind))


# ---------------------------------------------------------------- the acts


def review_checks(actor: AbstractBaseUser, r: ApprovalRequest) -> list[Decision]:
    """审核: the 外事办, a foreign meeting or a delegation just submitted."""
    rb = rulebook_of(r)
    return [rules.may_review(r.kind, positions_of(actor), foreign_affairs_ids(), rb), _step(r, rules.REVIEW)]


def decide_checks(actor: AbstractBaseUser, r: ApprovalRequest) -> list[Decision]:
    """审批: the approver the rulebook named, once submitted (or, for the 外事办's kinds, reviewed,
    and before the meeting's or the departure's day: after it nothing is approved in advance)."""
    rb = rulebook_of(r)
    checks = [
        _step(r, rules.decide_step(r.kind)),
        rules.may_decide(r.kind, r.approver, actor_person_id(actor), holders(), rb),
    ]
    if r.kind in rules.REVIEWED_KINDS:  # a meeting or a departure is decided before its day
        checks.append(rules.check_in_advance(r.kind, r.planned_on, timezone.localdate(), rb))
    return checks


def refer_checks(actor: AbstractBaseUser, r: ApprovalRequest) -> list[Decision]:
    """报州党委审批: the office, a request whose approver is the 州党委."""
    rb = rulebook_of(r)
    return [
        rules.may_refer(r.kind, r.approver, positions_of(actor), office_id(), rb),
        _step(r, rules.REFER),
    ]


def answer_checks(actor: AbstractBaseUser, r: ApprovalRequest) -> list[Decision]:
    """记录州党委审批结果: the office (the 外事办 for a foreign guest), once referred."""
    rb = rulebook_of(r)
    return [
        rules.may_record_answer(r.kind, positions_of(actor), office_id(), foreign_affairs_ids(), rb),
        _step(r, rules.ANSWER),
    ]


def _own(actor: AbstractBaseUser, r: ApprovalRequest, provision: str) -> Decision:
    return rules.may_act_for_unit(
        positions_of(actor), r.unit_id, r.author_id, actor_person_id(actor), rulebook_of(r), provision
    )


def publish_checks(actor: AbstractBaseUser, r: ApprovalRequest) -> list[Decision]:
    """记录发表: the author or their unit, a publication approved in advance (art. 57)."""
    rb = rulebook_of(r)
    return [
        rules.check_kind(r.kind, rules.PUBLICATION_KINDS, "记录发表", rb, rules.PRIOR_APPROVAL),
        _own(actor, r, rules.PRIOR_APPROVAL),
        check_step(rules.PUBLISH, r.state, str(State(r.state).label), rb),
    ]


def return_checks(actor: AbstractBaseUser, r: ApprovalRequest) -> list[Decision]:
    """记录回国（境）: the sending unit, an approved delegation (art. 59)."""
    rb = rulebook_of(r)
    return [
        rules.check_kind(r.kind, {rules.DELEGATION}, "记录回国（境）", rb, rules.DELEGATION_REPORT),
        _own(actor, r, rules.DELEGATION_REPORT),
        check_step(rules.RETURN, r.state, str(State(r.state).label), rb),
    ]


def report_checks(actor: AbstractBaseUser, r: ApprovalRequest) -> list[Decision]:
    """报送出访报告: the sending unit, after the return (art. 59)."""
    rb = rulebook_of(r)
    return [
        rules.check_kind(r.kind, {rules.DELEGATION}, "报送出访报告", rb, rules.DELEGATION_REPORT),
        _own(actor, r, rules.DELEGATION_REPORT),
        check_step(rules.REPORT, r.state, str(State(r.state).label), rb),
    ]


# ---------------------------------------------------------------- what a person may do now

Checks = Callable[[AbstractBaseUser, ApprovalRequest], list[Decision]]

#: The acts on a request, by the name the page and the API use, in the order a page offers them.
ACTS: dict[str, Checks] = {
    "review": review_checks,
    "decide": decide_checks,
    "refer": refer_checks,
    "answer": answer_checks,
    "publish": publish_checks,
    "return": return_checks,
    "report": report_checks,
}


def available_actions(actor: AbstractBaseUser, r: ApprovalRequest) -> dict[str, Decision]:
    """For each act on a request: allowed (the act's last allowing decision), or the first decision
    that refuses it, with its article: the same decisions the action asks."""
    return offered(ACTS, actor, r)


def allowed_actions(actor: AbstractBaseUser, r: ApprovalRequest) -> set[str]:
    return {name for name, d in available_actions(actor, r).items() if d.allowed}


#: The acts that put a request on someone's to-do list (recording a publication is the author's own business).
TO_DO = frozenset({"review", "decide", "refer", "answer", "return", "report"})


def awaiting(actor: AbstractBaseUser) -> list[ApprovalRequest]:
    """The open requests on which ``actor`` may act now (the workbench's list)."""
    rows = (
        requests_visible_to(actor)
        .select_related("unit", "author", "rulebook_version")
        .exclude(state__in=[State.REFUSED, State.PUBLISHED, State.REPORTED])
        .order_by("planned_on", "id")[:100]
    )
    return [r for r in rows if allowed_actions(actor, r) & TO_DO][:20]
