"""Who may see meeting topics and their papers (need to know; art. 40): one set-based query each,
like :func:`zhengwu.documents.services.documents_visible_to`.

- the requesting unit's staff;
- its 分管 leader (art. 7), and the 州长 and 常务副州长 who decide the agenda;
- the government office's staff (会务: it collects, checks and distributes the papers);
- the people invited to the meeting a topic is on, once its papers are distributed.

A system administrator's post gives no sight of them.

The follow-ups of meeting decisions (:func:`follow_ups_visible_to`) and the requests to hold a
prefecture-wide meeting (:func:`wide_requests_visible_to`) follow the same lines: the unit
concerned and its 分管 leader, the office, the 州长 and the 常务副州长.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from zhengwu.meetings.models import FollowUp, Paper, PrefectureMeetingRequest, Topic
from zhengwu.org.models import UnitKind
from zhengwu.org.rules import ADMINISTRATORS, PositionKind
from zhengwu.org.services import overseen_units, person_of, positions_of

DECIDERS = frozenset({PositionKind.GOVERNOR, PositionKind.EXECUTIVE_VICE_GOVERNOR})


def _topic_q(user: AbstractBaseUser, prefix: str = "") -> Q | None:
    """The condition on topics (``prefix``: the path to the topic, e.g. ``"topic__"``); None: all;
    ``Q(pk__in=[])``: none."""
    positions = [p for p in positions_of(user) if p.kind not in ADMINISTRATORS]
    if not positions:
        return Q(pk__in=[])
    if any(p.kind in DECIDERS or p.unit_kind == UnitKind.OFFICE for p in positions):
        return None
    units = {p.unit_id for p in positions} | overseen_units(user)
    q = Q(**{f"{prefix}unit_id__in": units})
    person = person_of(user)
    if person is not None:
        q |= Q(
            **{
                f"{prefix}meeting__invitations__person": person,
                f"{prefix}papers__distributed_at__isnull": False,
            }
        )
    return q


def topics_visible_to(user: AbstractBaseUser, topics: QuerySet[Topic] | None = None) -> QuerySet[Topic]:
    """The topics ``user`` may see (see the module's list)."""
    topics = topics if topics is not None else Topic.objects.all()
    q = _topic_q(user)
    return topics if q is None else topics.filter(q).distinct()


def papers_visible_to(user: AbstractBaseUser, papers: QuerySet[Paper] | None = None) -> QuerySet[Paper]:
    """The papers ``user`` may read: those of the topics they may see; an attendee only once the
    paper itself is distributed."""
    papers = papers if papers is not None else Paper.objects.all()
    q = _topic_q(user, "topic__")
    if q is None:
        return papers
    person = person_of(user)
    attendee = Q(topic__meeting__invitations__person=person, distributed_at__isnull=False) if person else Q(pk__in=[])
    units = {p.unit_id for p in positions_of(user) if p.kind not in ADMINISTRATORS} | overseen_units(user)
    return papers.filter(Q(topic__unit_id__in=units) | attendee).distinct()


def _unit_scope(user: AbstractBaseUser, day: dt.date | None) -> tuple[bool, set[int]]:
    """(sees all: the office's staff, the 州长 and the 常务副州长; else the units whose matters
    the user follows: their own and those in their 分管)."""
    positions = [p for p in positions_of(user, day) if p.kind != PositionKind.ADMINISTRATOR]
    if any(p.kind in DECIDERS or p.unit_kind == UnitKind.OFFICE for p in positions):
        return True, set()
    if not positions:
        return False, set()
    return False, {p.unit_id for p in positions} | overseen_units(user, day)


def follow_ups_visible_to(user: AbstractBaseUser, day: dt.date | None = None) -> QuerySet[FollowUp]:
    """The follow-ups of meeting decisions ``user`` may see and act on (arts. 44, 54): the office's
    staff (it tracks them), the 州长 and the 常务副州长; the unit that owns one and its 分管 leader;
    the person it is assigned to.  A system administrator's post gives no sight of them."""
    rows = FollowUp.objects.all()
    everything, units = _unit_scope(user, day)
    if everything:
        return rows
    person = person_of(user)
    q = Q(owner_unit_id__in=units)
    if person is not None:
        q |= Q(owner_person=person)
    return rows.filter(q)


def wide_requests_visible_to(user: AbstractBaseUser, day: dt.date | None = None) -> QuerySet[PrefectureMeetingRequest]:
    """The requests to hold a prefecture-wide meeting (全州性会议, art. 25) ``user`` may see: the
    requesting unit's staff and its 分管 leader, who consents; the office's staff, who put it to the
    government, and the 州长 and the 常务副州长, who decide.  A system administrator's post gives no
    sight of them."""
    rows = PrefectureMeetingRequest.objects.all()
    everything, units = _unit_scope(user, day)
    if everything:
        return rows
    return rows.filter(unit_id__in=units)
