"""Actions of 请示报告 (arts. 16, 46, 55).

- Art. 55: :func:`register_incident` (the clock-time limits of the first report are fixed from the
  moment the unit learned of the event) and :func:`record_report` (one entry on the timeline: the
  first report by phone or in writing, a follow-up, the final report).  A timer at each limit marks
  a first report that has not come in as overdue, records it and tells the unit's head and the
  office.
- Art. 16: :func:`register_upward`, :func:`link_document`, :func:`record_reply`.
- Art. 46: :func:`assign_npc_attendance`, :func:`record_npc_attendance`.
- Art. 34: :func:`register_concern`, :func:`record_result` (a major problem's result is queued for
  publication).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.actions import copy_back, lock
from zhengwu.core.decisions import InvalidInput, require
from zhengwu.core.i18n import _
from zhengwu.core.memo import action
from zhengwu.core.transitions import require_checks
from zhengwu.documents.models import Document
from zhengwu.notices import services as notices
from zhengwu.org.models import Person, Unit
from zhengwu.org.rules import Authority
from zhengwu.org.services import load_facts, office_unit, users_of, who_holds
from zhengwu.portal.models import ItemKind
from zhengwu.portal.services import queue_for_publication
from zhengwu.reporting import rules, selectors
from zhengwu.reporting.models import (
    AttendanceState,
    ConcernSource,
    ConcernState,
    Incident,
    IncidentEntry,
    IncidentKind,
    IncidentState,
    NpcAttendance,
    PublicConcern,
    Severity,
    Stage,
    UpwardCategory,
    UpwardForm,
    UpwardReport,
    UpwardState,
)
from zhengwu.rulebook.services import rulebook_of, version_in_force, view_of
from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer

OVERDUE_TIMER = "reporting.incident.overdue"
LIMIT_LABELS = {rules.PHONE: "电话初报", rules.WRITTEN: "书面初报"}


def incident_url(incident: Incident) -> str:
    return f"/reporting/incidents/{incident.pk}/"


def upward_url(report: UpwardReport) -> str:
    return f"/reporting/upward/{report.pk}/"


def npc_url(a: NpcAttendance) -> str:
    return f"/reporting/npc/{a.pk}/"


def _text(value: str, field: str, what: str, max_length: int | None = None, required: bool = True) -> str:
    text = value.strip()
    if required and not text:
        raise InvalidInput(_("请填写{what}。", what=what), field=field)
    if max_length is not None and len(text) > max_length:
        raise InvalidInput(_("{what}不能超过{max_length}个字。", what=what, max_length=max_length), field=field)
    return text


def _choice(value: str, choices: type, field: str) -> str:
    if value not in choices.values:  # type: ignore[attr-defined]
        raise InvalidInput(_("“{value}”不是可选的取值。", value=value), field=field)
    return value


def _not_future(moment: dt.datetime, field: str, what: str) -> dt.datetime:
    if timezone.is_naive(moment):
        raise InvalidInput(_("{what}须带时区。", what=what), field=field)
    if moment > timezone.now():
        raise InvalidInput(_("{what}不能晚于现在。", what=what), field=field)
    return moment


def _people(incident: Incident) -> list[AbstractBaseUser]:
    office = office_unit()
    units = [incident.unit, *([office] if office else [])]
    return users_of([who_holds(Authority("head", u.pk)) for u in units])


# ---------------------------------------------------------------- art. 55: incidents


def _timer_key(incident: Incident, limit: str) -> str:
    return f"reporting.incident.{incident.pk}.{limit}"


@timers.handler(OVERDUE_TIMER)
def _overdue(timer: Timer) -> None:
    """A first report not in by its limit: marked overdue once, recorded, and the unit's head and
    the office told."""
    with transaction.atomic():
        incident = (
            Incident.objects.select_for_update(of=("self",))
            .select_related("unit", "rulebook_version")
            .filter(pk=timer.payload.get("incident_id"))
            .first()
        )
        limit = str(timer.payload.get("limit", ""))
        due = selectors.open_limits(incident).get(limit) if incident else None
        if incident is None or due is None or timer.fire_at < due or limit in incident.overdue_limits:
            return
        incident.overdue_limits = [*incident.overdue_limits, limit]
        incident.save(update_fields=["overdue_limits"])
        rb = rulebook_of(incident)
        label = LIMIT_LABELS[limit]
        audit.record(
            actor=None,
            action="reporting.incident.overdue",
            target=incident,
            citation=rb.cite(rules.INCIDENTS),
            summary=f"{incident}：{label}已超过时限（{timezone.localtime(due):%Y-%m-%d %H:%M}）",
            details={"limit": limit, "due": due.isoformat()},
        )
        notices.send(
            _people(incident),
            f"{label}超时：{incident.unit.short_name or incident.unit.name}{incident.title}",
            incident.summary,
            rb.cite(rules.INCIDENTS),
            incident_url(incident),
        )


@action
def register_incident(
    actor: AbstractBaseUser,
    *,
    unit: Unit,
    kind: str,
    severity: str,
    title: str,
    occurred_at: dt.datetime,
    known_at: dt.datetime | None = None,
    place: str = "",
    summary: str = "",
    is_demo: bool = False,
) -> Incident:
    """Register an emergency or a safety accident to be reported to the 州人民政府 (art. 55).  The
    limits of its first report run in clock time from ``known_at`` (接报; the occurrence when not
    given)."""
    version = version_in_force()
    rb = view_of(version)
    _choice(kind, IncidentKind, "kind")
    _choice(severity, Severity, "severity")
    heading = _text(title, "title", "事件名称", 200)
    where = _text(place, "place", "地点", 200, required=False)
    occurred = _not_future(occurred_at, "occurred_at", "发生时间")
    known = _not_future(known_at or occurred_at, "known_at", "接报时间")
    if known < occurred:
        raise InvalidInput(_("接报时间不能早于发生时间。"), field="known_at")
    require(selectors.register_incident_check(actor, unit))
    dues = rules.limits(kind, severity, known, rb)
    incident = Incident.objects.create(
        kind=kind,
        severity=severity,
        title=heading,
        place=where,
        unit=unit,
        occurred_at=occurred,
        known_at=known,
        summary=summary.strip(),
        phone_due=dues.get(rules.PHONE),
        written_due=dues.get(rules.WRITTEN),
        rulebook_version=version,
        created_by_id=actor.pk,
        created_at=timezone.now(),
        is_demo=is_demo,
    )
    limits_text = "；".join(f"{LIMIT_LABELS[k]}限{timezone.localtime(v):%m-%d %H:%M}前" for k, v in dues.items())
    audit.record(
        actor=actor,
        action="reporting.incident.register",
        target=incident,
        citation=rb.cite(rules.INCIDENTS),
        summary=f"登记{incident}（{incident.get_severity_display()}，{unit.short_name or unit.name}）"
        + (f"：{limits_text}" if limits_text else "：及时报告"),
        details={"kind": kind, "severity": severity, **{k: v.isoformat() for k, v in dues.items()}},
    )
    for limit, due in dues.items():
        timers.schedule(OVERDUE_TIMER, due, _timer_key(incident, limit), incident_id=incident.pk, limit=limit)
    if dues:
        notices.send(
            _people(incident),
            f"突发事件信息报告时限：{heading}",
            limits_text,
            rb.cite(rules.INCIDENTS),
            incident_url(incident),
        )
    return incident


CHECKS_BY_STAGE = {
    Stage.PHONE: selectors.phone_checks,
    Stage.WRITTEN: selectors.written_checks,
    Stage.FOLLOW_UP: selectors.follow_up_checks,
    Stage.FINAL: selectors.final_checks,
}


@action
def record_report(
    actor: AbstractBaseUser,
    incident: Incident,
    *,
    stage: str,
    content: str,
    reported_at: dt.datetime | None = None,
    document: Document | None = None,
) -> IncidentEntry:
    """One report on the incident's timeline (art. 55): the first report by phone or in writing, a
    follow-up, the final report (which closes the record).  A report after a limit it answers is
    marked late."""
    _choice(stage, Stage, "stage")
    i = lock(incident, "unit", "rulebook_version")
    rb = rulebook_of(i)
    require_checks(*CHECKS_BY_STAGE[Stage(stage)](actor, i))
    text = _text(content, "content", "报告内容")
    at = _not_future(reported_at or timezone.now(), "reported_at", "报告时间")
    if at < i.known_at:
        raise InvalidInput(_("报告时间不能早于接报时间。"), field="reported_at")
    late = rules.late_for(stage, at, selectors.dues_of(i))
    entry = IncidentEntry.objects.create(
        incident=i,
        stage=stage,
        reported_at=at,
        content=text,
        late=late,
        document=document,
        recorded_by_id=actor.pk,
        recorded_at=timezone.now(),
    )
    i.state = IncidentState.CLOSED if stage == Stage.FINAL else IncidentState.REPORTED
    i.save(update_fields=["state"])
    for limit in rules.LIMITS:
        if rules.satisfies(stage, limit) or stage == Stage.FINAL:
            timers.cancel(_timer_key(i, limit))
    audit.record(
        actor=actor,
        action=f"reporting.incident.{stage}",
        target=i,
        citation=rb.cite(rules.INCIDENTS),
        summary=f"{i}：{entry.get_stage_display()}（{timezone.localtime(at):%Y-%m-%d %H:%M}）"
        + ("，超过时限" if late else ""),
        details={
            "stage": stage,
            "reported_at": at.isoformat(),
            "late": late,
            "document": document.pk if document else None,
        },
    )
    copy_back(incident, i)
    return entry


# ---------------------------------------------------------------- art. 16: the upward register


@action
def register_upward(
    actor: AbstractBaseUser,
    *,
    recipient: Unit,
    category: str,
    form: str,
    title: str,
    summary: str = "",
    is_demo: bool = False,
) -> UpwardReport:
    """A major decision, matter or situation to be reported to the 自治区人民政府 or the 州党委
    (art. 16)."""
    version = version_in_force()
    rb = view_of(version)
    _choice(category, UpwardCategory, "category")
    _choice(form, UpwardForm, "form")
    heading = _text(title, "title", "事项", 200)
    require(selectors.register_upward_check(actor), rules.check_recipient(recipient.code, rb))
    report = UpwardReport.objects.create(
        recipient=recipient,
        category=category,
        form=form,
        title=heading,
        summary=summary.strip(),
        rulebook_version=version,
        created_by_id=actor.pk,
        created_at=timezone.now(),
        is_demo=is_demo,
    )
    audit.record(
        actor=actor,
        action="reporting.upward.register",
        target=report,
        citation=rb.cite(rules.UPWARD),
        summary=f"登记向{recipient.short_name or recipient.name}{report.get_form_display()}的"
        f"{report.get_category_display()}：{heading}",
        details={"recipient": recipient.code, "category": category, "form": form},
    )
    return report


@action
def link_document(actor: AbstractBaseUser, report: UpwardReport, document: Document) -> UpwardReport:
    """The document that carried the matter (art. 16): an issued 发文 sent to the recipient.  The
    first one makes the matter reported, on the day it was issued."""
    r = lock(report, "recipient", "rulebook_version")
    rb = rulebook_of(r)
    require_checks(*selectors.link_checks(actor, r))
    require(selectors.carrier_check(r, document))
    if r.documents.filter(pk=document.pk).exists():
        raise InvalidInput(_("该公文已关联本事项。"), field="document")
    r.documents.add(document)
    if r.state == UpwardState.REGISTERED:
        r.state = UpwardState.REPORTED
        r.reported_on = timezone.localdate(document.issued_at) if document.issued_at else timezone.localdate()
        r.save(update_fields=["state", "reported_on"])
    audit.record(
        actor=actor,
        action="reporting.upward.link",
        target=r,
        citation=rb.cite(rules.UPWARD),
        summary=f"{r}：由{document.number or document.title}报送",
        details={"document": document.pk, "number": document.number},
    )
    return copy_back(report, r)


@action
def record_reply(
    actor: AbstractBaseUser, report: UpwardReport, reply: str, replied_on: dt.date | None = None
) -> UpwardReport:
    """The reply (批复) to a 请示 (art. 16)."""
    r = lock(report, "recipient", "rulebook_version")
    rb = rulebook_of(r)
    require_checks(*selectors.reply_checks(actor, r))
    text = _text(reply, "reply", "批复意见")
    day = replied_on or timezone.localdate()
    if day > timezone.localdate():
        raise InvalidInput(_("批复日期不能晚于今天。"), field="replied_on")
    if r.reported_on and day < r.reported_on:
        raise InvalidInput(_("批复日期不能早于报送日期。"), field="replied_on")
    r.reply, r.replied_on, r.state = text, day, UpwardState.ANSWERED
    r.save(update_fields=["reply", "replied_on", "state"])
    audit.record(
        actor=actor,
        action="reporting.upward.reply",
        target=r,
        citation=rb.cite(rules.UPWARD),
        summary=f"{r}：{r.recipient.short_name or r.recipient.name}于{day:%Y-%m-%d}批复",
        details={"replied_on": day.isoformat()},
    )
    return copy_back(report, r)


# ---------------------------------------------------------------- art. 46: 州人大常委会 sessions


@action
def assign_npc_attendance(
    actor: AbstractBaseUser,
    *,
    session: str,
    session_date: dt.date,
    attendee: Person,
    entrusted: bool = False,
    reason: str = "",
    is_demo: bool = False,
) -> NpcAttendance:
    """Who attends a session of the 州人大常委会 (art. 46): a 副州长; in special cases the 秘书长,
    entrusted by the 州长."""
    version = version_in_force()
    rb = view_of(version)
    name = _text(session, "session", "会议名称", 200)
    why = _text(reason, "reason", "特殊情况", 300, required=False)
    require_checks(*selectors.assign_checks(actor, attendee, session_date, entrusted, why))
    kinds = sorted(selectors.person_kinds(attendee, session_date))
    position = next(
        (
            p.title
            for p in load_facts(session_date).positions_of(attendee.pk, session_date)
            if p.kind in rules.ATTENDEE_KINDS
        ),
        "",
    )
    a = NpcAttendance.objects.create(
        session=name,
        session_date=session_date,
        attendee=attendee,
        attendee_position=position,
        entrusted=entrusted,
        reason=why,
        rulebook_version=version,
        assigned_by_id=actor.pk,
        assigned_at=timezone.now(),
        is_demo=is_demo,
    )
    audit.record(
        actor=actor,
        action="reporting.npc.assign",
        target=a,
        citation=rb.cite(rules.NPC),
        summary=f"安排{attendee.name}（{position}）参加{name}（{session_date:%Y-%m-%d}）"
        + (f"，受州长委托：{why}" if entrusted else ""),
        details={"attendee": attendee.pk, "kinds": kinds, "entrusted": entrusted},
    )
    notices.send(
        users_of([attendee]),
        f"请参加{name}（{session_date:%Y-%m-%d}）",
        why,
        rb.cite(rules.NPC),
        npc_url(a),
    )
    return a


@action
def record_npc_attendance(actor: AbstractBaseUser, attendance: NpcAttendance) -> NpcAttendance:
    """The assigned leader attended (art. 46), recorded by the office on or after the session day."""
    a = lock(attendance, "attendee", "rulebook_version")
    rb = rulebook_of(a)
    require_checks(*selectors.attend_checks(actor, a))
    a.state = AttendanceState.ATTENDED
    a.save(update_fields=["state"])
    audit.record(
        actor=actor,
        action="reporting.npc.attend",
        target=a,
        citation=rb.cite(rules.NPC),
        summary=f"{a.attendee.name}已参加{a.session}",
    )
    return copy_back(attendance, a)


# ---------------------------------------------------------------- art. 34: public and media supervision


def concern_url(c: PublicConcern) -> str:
    return f"/reporting/concerns/{c.pk}/"


@action
def register_concern(
    actor: AbstractBaseUser,
    *,
    source: str,
    title: str,
    unit: Unit,
    received_on: dt.date,
    description: str = "",
    major: bool = False,
    is_demo: bool = False,
) -> PublicConcern:
    """A matter raised by the public or the media, to be investigated and handled (art. 34)."""
    version = version_in_force()
    rb = view_of(version)
    _choice(source, ConcernSource, "source")
    heading = _text(title, "title", "反映的问题", 200)
    if received_on > timezone.localdate():
        raise InvalidInput(_("受理日期不能晚于今天。"), field="received_on")
    require(selectors.register_concern_check(actor, unit))
    c = PublicConcern.objects.create(
        source=source,
        title=heading,
        description=description.strip(),
        unit=unit,
        received_on=received_on,
        major=major,
        rulebook_version=version,
        created_by_id=actor.pk,
        created_at=timezone.now(),
        is_demo=is_demo,
    )
    audit.record(
        actor=actor,
        action="reporting.concern.register",
        target=c,
        citation=rb.cite(rules.PUBLIC_SUPERVISION),
        summary=f"登记{c}（{unit.short_name or unit.name}调查处理）" + ("，重大问题" if major else ""),
        details={"source": source, "major": major},
    )
    return c


@action
def record_result(
    actor: AbstractBaseUser, concern: PublicConcern, result: str, *, major: bool | None = None
) -> PublicConcern:
    """The matter was investigated and handled (art. 34).  A major problem's result goes to the
    publication queue, to be published like every proactive disclosure (arts. 27–29)."""
    c = lock(concern, "unit", "rulebook_version")
    rb = rulebook_of(c)
    require_checks(*selectors.result_checks(actor, c))
    text = _text(result, "result", "处理结果")
    if major is not None:
        c.major = major
    today = timezone.localdate()
    publish = rules.publication_required(c.major, rb)
    c.result, c.handled_on, c.state = text, today, ConcernState.HANDLED
    if publish.code == "reports.concern.publish":
        c.publication = queue_for_publication(
            actor=actor,
            kind=ItemKind.SUPERVISION_RESULT,
            title=f"关于{c.title}的处理结果",
            body=text,
            counted_from=today,
            provision=rules.PUBLIC_SUPERVISION,
            source=c,
            issuing_unit=c.unit,
        )
    c.save(update_fields=["result", "handled_on", "state", "major", "publication"])
    audit.record(
        actor=actor,
        action="reporting.concern.result",
        target=c,
        citation=publish.citation,
        summary=f"{c}：已处理" + ("，处理结果列入公开队列" if c.publication_id else ""),
        details={"major": c.major, "publication": c.publication_id},
    )
    return copy_back(concern, c)
