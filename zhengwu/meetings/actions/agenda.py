"""The agenda pipeline (arts. 24, 25, 40): a unit requests a topic in writing with its papers, the 分管
leader reviews it, major-decision steps are recorded, the office collects topics, the 州长 confirms the
agenda; papers are checked, print-approved (批印) and distributed before the meeting."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.actions import copy_back, lock
from zhengwu.core.decisions import Decision, InvalidInput, require
from zhengwu.core.hashing import sm3_of_file
from zhengwu.core.i18n import _
from zhengwu.core.transitions import require_checks, require_step
from zhengwu.core.uploads import check_upload
from zhengwu.meetings import rules, selectors
from zhengwu.meetings.actions.common import (
    actor_person,
    governor_person,
    in_unit,
    is_office,
    meeting_url,
    move,
    people_of_unit,
    portfolio_holder,
    rb_on,
)
from zhengwu.meetings.actions.meetings import invite
from zhengwu.meetings.models import Meeting, MeetingState, Paper, Role, Topic, TopicState, TopicStep
from zhengwu.meetings.selectors import papers_deadline, schedulable
from zhengwu.notices import services as notices
from zhengwu.org.models import Person, Unit
from zhengwu.org.services import users_of, who_holds

FLAGS = (
    "touches_projects",
    "touches_funds",
    "touches_staffing",
    "touches_rewards",
    "major_decision",
    "public_interest",
    "market_activity",
)


def lock_topic(topic: Topic) -> Topic:
    return lock(topic, "unit")


@transaction.atomic
def request_topic(
    actor: AbstractBaseUser,
    *,
    unit: Unit,
    title: str,
    summary: str = "",
    kind: str = "executive",
    touches_projects: bool = False,
    touches_funds: bool = False,
    touches_staffing: bool = False,
    touches_rewards: bool = False,
    major_decision: bool = False,
    public_interest: bool = False,
    market_activity: bool = False,
    subject: models.Model | None = None,
) -> Topic:
    """A county or department asks in writing for an agenda topic (art. 40).  ``subject``: what the topic
    is about in another area (a draft normative document…), which that area's guards look at."""
    today = timezone.localdate()
    rb = rb_on(today)
    if not title.strip():
        raise InvalidInput(_("请填写议题名称。"), field="title")
    if kind not in rules.KIND_NAMES or kind == rules.STUDY:
        raise InvalidInput(_("议题应提交全体会议、常务会议、州长办公会议或专题会议。"), field="kind")
    require(
        Decision.allow("meetings.request", _("本单位申请议题。"), rb.cite("meetings.agenda"))
        if in_unit(actor, unit) or is_office(actor)
        else Decision.refuse(
            "meetings.request", _("议题由{name}书面提出申请。", name=unit.name), rb.cite("meetings.agenda")
        )
    )
    topic = Topic.objects.create(
        unit=unit,
        title=title.strip()[:200],
        summary=summary.strip(),
        kind=kind,
        touches_projects=touches_projects,
        touches_funds=touches_funds,
        touches_staffing=touches_staffing,
        touches_rewards=touches_rewards,
        major_decision=major_decision,
        public_interest=public_interest,
        market_activity=market_activity,
        requested_by_id=actor.pk,
        requested_at=timezone.now(),
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=subject.pk if subject is not None else None,
    )
    audit.record(
        actor=actor,
        action="meetings.topic.request",
        target=topic,
        citation=rb.cite("meetings.agenda"),
        summary=f"{unit.name}申请上会议题：{topic.title}",
        details={"unit": unit.code, "kind": kind, **{f: getattr(topic, f) for f in FLAGS}},
    )
    leader = portfolio_holder(unit, today)
    notices.send(users_of([leader]), f"议题待审核：{topic.title}", "", rb.cite("meetings.agenda"), "/meetings/topics/")
    return topic


@transaction.atomic
def add_paper(actor: AbstractBaseUser, topic: Topic, name: str, upload: File[Any]) -> Paper:
    """The reporting unit drafts the papers (art. 40); kept with their SM3."""
    t = lock_topic(topic)
    rb = rb_on(timezone.localdate())
    require_checks(*selectors.add_paper_checks(actor, t))
    size = upload.size or 0
    if size == 0:
        raise InvalidInput(_("材料文件是空的，请重新选择文件。"), field="file")
    if size > settings.ZHENGWU_ATTACHMENT_MAX_BYTES:
        raise InvalidInput(_("材料文件过大。"), field="file")
    check_upload(upload)  # by content: accepted kinds only, extension agrees, bounded when inflated
    title = (name or upload.name or "").strip()
    if not title:
        raise InvalidInput(_("请填写材料名称。"), field="name")
    digest = sm3_of_file(upload)
    paper = Paper(topic=t, name=title[:200], size=size, sm3=digest, uploaded_by_id=actor.pk, uploaded_at=timezone.now())
    paper.file.save(upload.name or "paper", ContentFile(upload.read()), save=False)
    paper.save()
    audit.record(
        actor=actor,
        action="meetings.paper.add",
        target=t,
        citation=rb.cite("meetings.papers"),
        summary=f"议题“{t.title}”上传会议材料：{paper.name}",
        details={"paper": paper.pk, "sm3": digest, "size": size, "path": paper.file.name},
    )
    return paper


@transaction.atomic
def review_topic(actor: AbstractBaseUser, topic: Topic, consensus: str, coordination_done: bool) -> Topic:
    """The 分管 leader studies the topic, coordinates it and records the consensus reached (art. 40)."""
    t = lock_topic(topic)
    today = timezone.localdate()
    rb = rb_on(today)
    person = actor_person(actor)
    require_checks(*selectors.review_checks(actor, t))
    if not consensus.strip():
        raise InvalidInput(_("请填写审核协调意见（达成的共识）。"), field="consensus")
    t.consensus, t.coordination_done = consensus.strip(), coordination_done
    t.reviewed_by, t.reviewed_at, t.state = person, timezone.now(), TopicState.REVIEWED
    t.save(update_fields=["consensus", "coordination_done", "reviewed_by", "reviewed_at", "state"])
    audit.record(
        actor=actor,
        action="meetings.topic.review",
        target=t,
        citation=rb.cite("meetings.agenda"),
        summary=f"分管领导审核议题“{t.title}”" + ("，协调已完成" if coordination_done else "，协调未完成"),
        details={"consensus": t.consensus, "coordination_done": coordination_done},
    )
    notices.send(
        users_of(people_of_unit(t.unit, today)),
        f"议题已审核：{t.title}",
        t.consensus,
        rb.cite("meetings.agenda"),
        "/meetings/topics/",
    )
    return copy_back(topic, t)


@transaction.atomic
def record_step(actor: AbstractBaseUser, topic: Topic, step: str, evidence: str) -> TopicStep:
    """Record a step of the major-decision procedure with its evidence (arts. 24, 25)."""
    t = lock_topic(topic)
    rb = rb_on(timezone.localdate())
    if step not in rules.STEP_NAMES:
        raise InvalidInput(_("无法识别的步骤“{step}”。", step=step), field="step")
    if not evidence.strip():
        raise InvalidInput(
            _("请填写该步骤的依据材料（如审查意见、评估报告、听证记录的文号或说明）。"), field="evidence"
        )
    require_checks(*selectors.record_step_checks(actor, t, step))
    row, _unused = TopicStep.objects.update_or_create(
        topic=t,
        step=step,
        defaults={"evidence": evidence.strip(), "recorded_by_id": actor.pk, "recorded_at": timezone.now()},
    )
    provision = rules.STEP_PROVISION.get(step, "meetings.major_matter_steps")
    audit.record(
        actor=actor,
        action="meetings.topic.step",
        target=t,
        citation=rb.cite(provision),
        summary=f"议题“{t.title}”完成{rules.STEP_NAMES[step]}",
        details={"step": step, "evidence": row.evidence},
    )
    return row


@transaction.atomic
def collect_topic(actor: AbstractBaseUser, topic: Topic, meeting: Meeting) -> Topic:
    """The office collects a reviewed topic for a meeting (art. 40), refused when it may not go on."""
    m = lock(meeting)
    t = lock_topic(topic)
    rb = rb_on(m.date)
    require_checks(*selectors.collect_checks(actor, m))
    require_step(rules.COLLECT_TOPIC, t.state, t.get_state_display(), rb)
    require(*schedulable(t, m))
    t.meeting, t.state = m, TopicState.COLLECTED
    t.position = (m.topics.aggregate(p=Max("position"))["p"] or 0) + 1
    t.save(update_fields=["meeting", "state", "position"])
    audit.record(
        actor=actor,
        action="meetings.topic.collect",
        target=t,
        citation=rb.cite("meetings.agenda"),
        summary=f"议题“{t.title}”汇总列入{m.title}",
        details={"meeting": m.pk},
    )
    return copy_back(topic, t)


@transaction.atomic
def drop_topic(actor: AbstractBaseUser, topic: Topic, reason: str) -> Topic:
    t = lock_topic(topic)
    rb = rb_on(timezone.localdate())
    require_checks(*selectors.drop_checks(actor, t))
    meeting = t.meeting
    t.meeting, t.state = None, TopicState.REVIEWED
    t.save(update_fields=["meeting", "state"])
    audit.record(
        actor=actor,
        action="meetings.topic.drop",
        target=t,
        citation=rb.cite("meetings.agenda"),
        summary=f"议题“{t.title}”撤出{meeting.title if meeting else '会议'}：{reason}",
        details={},
    )
    return copy_back(topic, t)


@transaction.atomic
def confirm_agenda(actor: AbstractBaseUser, meeting: Meeting) -> Meeting:
    """The 州长 confirms the agenda; every topic is checked again on the meeting date (arts. 24, 25, 40);
    the reporting units' heads are invited."""
    m = lock(meeting)
    rb = rb_on(m.date)
    require_checks(*selectors.confirm_checks(actor, m))
    topics = selectors.collected_topics(m)
    move(actor, m, MeetingState.AGENDA_CONFIRMED, f"州长确定议题{len(topics)}项", "meetings.agenda")
    reporters: list[Person] = []
    for t in topics:
        t.state = TopicState.CONFIRMED
        t.save(update_fields=["state"])
        head = who_holds(f"head:{t.unit.code}", m.date)
        if head is not None:
            person = Person.objects.get(pk=head.person_id)
            invite(m, person, Role.REPORTER, t.unit)
            reporters.append(person)
    notices.send(
        users_of([i.person for i in m.invitations.all()]),
        f"会议议题已确定：{m.title}",
        "\n".join(f"{i}. {t.title}（{t.unit.name}）" for i, t in enumerate(topics, 1)),
        rb.cite("meetings.agenda"),
        meeting_url(m),
    )
    return copy_back(meeting, m)


# ---------------------------------------------------------------- papers


def lock_paper(paper: Paper) -> Paper:
    return lock(paper, "topic__unit", "topic__meeting")


@transaction.atomic
def check_paper(actor: AbstractBaseUser, paper: Paper) -> Paper:
    """The office checks (审核) the papers."""
    p = lock_paper(paper)
    rb = rb_on(timezone.localdate())
    require_checks(*selectors.check_paper_checks(actor, p))
    p.checked_by, p.checked_at = actor_person(actor), timezone.now()
    p.save(update_fields=["checked_by", "checked_at"])
    audit.record(
        actor=actor,
        action="meetings.paper.check",
        target=p.topic,
        citation=rb.cite("meetings.papers"),
        summary=f"办公室审核会议材料：{p.name}",
        details={"paper": p.pk, "sm3": p.sm3},
    )
    notices.send(
        users_of([governor_person(timezone.localdate())]),
        f"会议材料待批印：{p.name}",
        "",
        rb.cite("meetings.papers"),
        "/meetings/topics/",
    )
    return p


@transaction.atomic
def approve_print(actor: AbstractBaseUser, paper: Paper) -> Paper:
    """The 州长 approves the papers for printing (批印)."""
    p = lock_paper(paper)
    rb = rb_on(timezone.localdate())
    require_checks(*selectors.print_checks(actor, p))
    p.print_approved_by, p.print_approved_at = actor_person(actor), timezone.now()
    p.save(update_fields=["print_approved_by", "print_approved_at"])
    audit.record(
        actor=actor,
        action="meetings.paper.print",
        target=p.topic,
        citation=rb.cite("meetings.papers"),
        summary=f"州长批印会议材料：{p.name}",
        details={"paper": p.pk, "sm3": p.sm3},
    )
    return p


@transaction.atomic
def distribute_papers(actor: AbstractBaseUser, meeting: Meeting) -> list[Paper]:
    """Distribute every print-approved paper of the agenda to every attendee; late ones are flagged (art. 40)."""
    m = lock(meeting)
    rb = rb_on(m.date)
    require_checks(*selectors.distribute_checks(actor, m))
    papers = list(
        Paper.objects.select_for_update(of=("self",)).filter(
            topic__meeting=m, topic__state=TopicState.CONFIRMED, distributed_at__isnull=True
        )
    )
    deadline = papers_deadline(m)
    now = timezone.now()
    late = rules.paper_late(timezone.localdate(now), deadline, timezone.localdate(now))
    for p in papers:
        p.distributed_at, p.late = now, late
        p.save(update_fields=["distributed_at", "late"])
    audit.record(
        actor=actor,
        action="meetings.paper.distribute",
        target=m,
        citation=rb.cite("meetings.papers"),
        summary=f"{m.title}分送会议材料{len(papers)}份" + (f"（晚于{deadline:%Y-%m-%d}，已标记逾期）" if late else ""),
        details={"papers": [p.pk for p in papers], "late": late, "deadline": deadline.isoformat()},
    )
    notices.send(
        users_of([i.person for i in m.invitations.all()] + [i.deputy for i in m.invitations.all()]),
        f"会议材料：{m.title}",
        "",
        rb.cite("meetings.papers"),
        meeting_url(m),
    )
    return papers


__all__ = [
    "add_paper",
    "approve_print",
    "check_paper",
    "collect_topic",
    "confirm_agenda",
    "distribute_papers",
    "drop_topic",
    "record_step",
    "request_topic",
    "review_topic",
    "schedulable",
]
