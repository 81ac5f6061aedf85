"""政务公开 actions: publish, withhold, interpret (arts. 27–30), and 依申请公开.

Each action gathers facts, asks :mod:`zhengwu.portal.rules`, writes, audits, notifies and
schedules in one transaction.

- :func:`publish` gives the item its 索引号 (once, from an atomic per-body-per-year counter),
  its publication time and its segmented search text;
- :func:`withhold` records why an item is not published, citing the exemption;
- :func:`interpret` publishes a 解读 linked to a published item (art. 30);
- :func:`submit_application` (the public form), :func:`extend_application`,
  :func:`start_consultation` / :func:`end_consultation` (the time limit pauses),
  :func:`reply_application`; timers remind three working days before the due day and record the
  application overdue at 24:00 of it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.actions import copy_back, lock
from zhengwu.core.decisions import Decision, InvalidInput, require
from zhengwu.core.i18n import _
from zhengwu.core.memo import action
from zhengwu.notices import services as notices
from zhengwu.org.models import Appointment, Person, UnitKind
from zhengwu.portal import rules, selectors
from zhengwu.portal.models import (
    Application,
    ApplicationCounter,
    ApplicationState,
    IndexCounter,
    ItemKind,
    ItemState,
    PublicationItem,
)
from zhengwu.portal.search import segment
from zhengwu.rulebook.services import rulebook_view
from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer, TimerState
from zhengwu.workdays.dependents import Moved, Recalc
from zhengwu.workdays.services import UnknownYearError, calendar, deadline_close, office_start

REMIND_TIMER = "portal.application.remind"
OVERDUE_TIMER = "portal.application.overdue"
REMIND_DAYS = 3  # the office's practice: a reminder three working days before the due day


# -- facts ------------------------------------------------------------------------------------


def disclosure_staff(day: dt.date | None = None) -> list[AbstractBaseUser]:
    """The office's 信息公开 staff and its director: who is told about the queue and applications."""
    day = day or timezone.localdate()
    active = (
        Appointment.objects.filter(start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .filter(position__unit__kind=UnitKind.OFFICE)
        .filter(Q(position__duties__contains=rules.DUTY) | Q(position__kind="office_director"))
    )
    return [p.user for p in Person.objects.filter(pk__in=active.values("person_id")).select_related("user")]


def _locked(item: PublicationItem) -> PublicationItem:
    return lock(item, "issuing_unit")


# -- 索引号 -------------------------------------------------------------------------------------


def _bump_counter(model: type[IndexCounter] | type[ApplicationCounter], **key: Any) -> int:
    """The next value of the counter row ``key`` of ``model`` (created at 0 the first time).  The
    UPDATE locks the row until the transaction ends, so two transactions never take the same value
    (PostgreSQL and SQLite); a row another transaction created first is simply used."""
    counters = model.objects.filter(**key)
    if not counters.update(last=F("last") + 1):
        with contextlib.suppress(IntegrityError), transaction.atomic():
            model.objects.create(**key, last=0)
        counters.update(last=F("last") + 1)
    return int(counters.values_list("last", flat=True).get())


def _bump(org_code: str, year: int) -> int:
    """The next 索引号 serial for ``org_code`` in ``year``."""
    return _bump_counter(IndexCounter, org_code=org_code, year=year)


def take_index_number(org_code: str, year: int) -> str:
    """A 索引号 never used before: skips serials already taken (e.g. by imported items)."""
    while True:
        number = rules.index_number(org_code, year, _bump(org_code, year))
        if not PublicationItem.objects.filter(index_number=number).exists():
            return number


def reserve_index_number(number: str) -> None:
    """An imported 索引号: move the body's counter past it so no new item takes it."""
    parsed = rules.parse_index_number(number)
    if parsed is None:
        return
    org, year, serial = parsed
    counter, _unused = IndexCounter.objects.get_or_create(org_code=org, year=year)
    IndexCounter.objects.filter(pk=counter.pk, last__lt=serial).update(last=serial)


# -- publish, withhold, interpret -------------------------------------------------------------


@action
def publish(actor: AbstractBaseUser, item: PublicationItem, category: str = "") -> PublicationItem:
    """Publish a queued item: its 索引号 (issuing body's organization code / year-serial), its
    publication time, its search words; ``category`` (主题分类) if the queuing area gave none."""
    now = timezone.now()
    today = timezone.localdate(now)
    row = _locked(item)
    rb = rulebook_view(today)
    body_unit = selectors.index_body(row)
    org_code = body_unit.org_code if body_unit else ""
    require(*selectors.publish_checks(actor, row))
    row.index_number = take_index_number(org_code, today.year)
    row.state, row.published_at, row.decided_by_id = ItemState.PUBLISHED, now, actor.pk
    row.search_text = segment(f"{row.title}\n{row.doc_number}\n{row.body}")
    if not row.issuer_name and body_unit is not None:
        row.issuer_name = body_unit.name
    if category.strip():
        row.category = category.strip()[:60]
    row.save(
        update_fields=["index_number", "state", "published_at", "decided_by", "search_text", "issuer_name", "category"]
    )
    late = today > row.due_on
    audit.record(
        actor=actor,
        action="portal.publish",
        target=row,
        citation=rb.cite(rules.PUBLISH),
        summary=f"公开《{row.title}》，索引号{row.index_number}" + ("（逾期公开）" if late else ""),
        details={"index_number": row.index_number, "due_on": row.due_on.isoformat(), "late": late},
    )
    if row.queued_by_id and row.queued_by_id != actor.pk and row.queued_by is not None:
        notices.send(
            [row.queued_by],
            f"已公开：《{row.title}》",
            f"索引号{row.index_number}",
            rb.cite(rules.PUBLISH),
            url=f"/public/items/{row.pk}/",
        )
    copy_back(item, row)
    return item


@action
def withhold(actor: AbstractBaseUser, item: PublicationItem, exemption: str, reason: str) -> PublicationItem:
    """Do not publish a queued item, citing the exemption of 条例第十四至十六条."""
    now = timezone.now()
    today = timezone.localdate(now)
    row = _locked(item)
    rb = rulebook_view(today)
    decision = rules.check_withhold(exemption, reason, rb)
    require(*selectors.withhold_checks(actor, row), decision)
    row.state, row.withheld_exemption, row.withheld_reason = ItemState.WITHHELD, exemption, reason.strip()
    row.decided_by_id = actor.pk
    row.save(update_fields=["state", "withheld_exemption", "withheld_reason", "decided_by"])
    audit.record(
        actor=actor,
        action="portal.withhold",
        target=row,
        citation=decision.citation,
        summary=f"《{row.title}》不予公开：{rules.EXEMPTIONS[exemption]}。{row.withheld_reason}",
        details={"exemption": exemption, "reason": row.withheld_reason},
    )
    copy_back(item, row)
    return item


@action
def interpret(actor: AbstractBaseUser, target: PublicationItem, title: str, body: str) -> PublicationItem:
    """Publish a 政策解读 linked to the published item it explains (art. 30)."""
    today = timezone.localdate()
    rb = rulebook_view(today)
    target = PublicationItem.objects.select_related("issuing_unit").get(pk=target.pk)
    require(*selectors.interpret_checks(actor, target), rules.check_interpretation_text(title, body, rb))
    item = PublicationItem.objects.create(
        kind=ItemKind.INTERPRETATION,
        title=title.strip()[:300],
        body=body.strip(),
        counted_from=today,
        due_on=calendar().add_working_days(today, rb.param(rules.PROACTIVE_DAYS).as_int),
        provision=rules.INTERPRETATION,
        issuing_unit=target.issuing_unit,
        issuer_name=target.issuer_name,
        category=target.category,
        genre="解读",
        interprets=target,
        queued_by_id=actor.pk,
    )
    audit.record(
        actor=actor,
        action="portal.interpret",
        target=item,
        citation=rb.cite(rules.INTERPRETATION),
        summary=f"解读《{target.title}》：{item.title}",
        details={"interprets": target.pk},
    )
    return publish(actor, item)


# -- 依申请公开 ---------------------------------------------------------------------------------

MAX_NAME, MAX_CONTACT = 100, 200


def _schedule(app: Application, now: dt.datetime) -> None:
    timers.schedule(
        OVERDUE_TIMER, deadline_close(app.due_on), f"portal:application:{app.pk}:overdue", application_id=app.pk
    )
    try:
        day = calendar().add_working_days(app.due_on, -REMIND_DAYS)
    except UnknownYearError:
        return
    at = office_start(day)
    if at > now:
        timers.schedule(REMIND_TIMER, at, f"portal:application:{app.pk}:remind", application_id=app.pk)
    else:
        timers.cancel(f"portal:application:{app.pk}:remind")


def _cancel(app: Application) -> None:
    timers.cancel(f"portal:application:{app.pk}:overdue")
    timers.cancel(f"portal:application:{app.pk}:remind")


def _next_application_number(year: int) -> str:
    return f"依申请〔{year}〕{_bump_counter(ApplicationCounter, year=year)}号"


@action
def submit_application(name: str, contact: str, description: str) -> Application:
    """A member of the public applies (条例第二十九条: name, contact, a description of the
    information wanted — nothing more).  Received today; due in 20 working days."""
    name, contact, description = name.strip(), contact.strip(), description.strip()
    if not name:
        raise InvalidInput(_("请填写申请人姓名或者名称。"), field="applicant_name")
    if not contact:
        raise InvalidInput(_("请填写联系方式（电话、电子邮箱或通信地址），以便答复。"), field="contact")
    if len(description) < 4:
        raise InvalidInput(_("请写明所需政府信息的名称、文号或者便于查询的其他特征性描述。"), field="description")
    if len(name) > MAX_NAME or len(contact) > MAX_CONTACT:
        raise InvalidInput(
            _("姓名不超过{MAX_NAME}字，联系方式不超过{MAX_CONTACT}字。", MAX_NAME=MAX_NAME, MAX_CONTACT=MAX_CONTACT),
            field="contact",
        )
    now = timezone.now()
    today = timezone.localdate(now)
    rb = rulebook_view(today)
    due = rules.application_due(today, rb, calendar())
    app = Application.objects.create(
        number=_next_application_number(today.year),
        applicant_name=name,
        contact=contact,
        description=description,
        received_on=today,
        received_at=now,
        due_on=_due_of(due),
    )
    audit.record(
        actor=None,
        actor_name="公众",
        action="portal.application.submit",
        target=app,
        citation=due.citation,
        summary=f"收到政府信息公开申请{app.number}，{due.message}",
        details={"due_on": app.due_on.isoformat()},
    )
    notices.send(
        disclosure_staff(today),
        f"政府信息公开申请：{app.number}",
        due.message,
        due.citation,
        url=f"/portal/applications/{app.pk}/",
    )
    _schedule(app, now)
    return app


def _due_of(decision: Decision) -> dt.date:
    due = decision.facts["due"]
    assert isinstance(due, dt.date)
    return due


def _recompute(row: Application) -> None:
    rb = rulebook_view(row.received_on)
    row.due_on = _due_of(
        rules.application_due(row.received_on, rb, calendar(), extended=row.extended, paused_days=row.paused_days)
    )


@action
def extend_application(actor: AbstractBaseUser, app: Application, reason: str) -> Application:
    """Extend the time limit by ``disclosure.application_extension_days``, with the approval of the
    office's leadership (the approver is the actor, recorded)."""
    today = timezone.localdate()
    row = lock(app)
    rb = rulebook_view(today)
    decision = rules.check_extension(row.state, row.extended, reason, rb)
    require(*selectors.extend_checks(actor, row), rules.check_extension_reason(reason, rb))
    row.extended, row.extension_reason, row.extension_approved_by_id = True, reason.strip()[:300], actor.pk
    _recompute(row)
    row.save(update_fields=["extended", "extension_reason", "extension_approved_by", "due_on"])
    audit.record(
        actor=actor,
        action="portal.application.extend",
        target=row,
        citation=decision.citation,
        summary=f"{row.number}延长答复期限至{row.due_on.isoformat()}：{row.extension_reason}",
        details={"due_on": row.due_on.isoformat(), "reason": row.extension_reason},
    )
    if row.state == ApplicationState.RECEIVED:
        _schedule(row, timezone.now())
    copy_back(app, row)
    return app


@action
def start_consultation(actor: AbstractBaseUser, app: Application, third_party: str) -> Application:
    """Ask a third party whose rights the disclosure may harm (条例第三十二条); the time limit pauses."""
    today = timezone.localdate()
    row = lock(app)
    checks = selectors.consult_checks(actor, row)
    require(*checks)
    decision = checks[-1]
    if not third_party.strip():
        raise InvalidInput(_("请写明征求意见的第三方。"), field="third_party")
    row.state, row.consultation_started_on = ApplicationState.CONSULTING, today
    row.consultation_third_party = third_party.strip()[:200]
    row.save(update_fields=["state", "consultation_started_on", "consultation_third_party"])
    _cancel(row)
    audit.record(
        actor=actor,
        action="portal.application.consult",
        target=row,
        citation=decision.citation,
        summary=f"{row.number}征求第三方（{row.consultation_third_party}）意见，答复期限暂停计算",
        details={"third_party": row.consultation_third_party},
    )
    copy_back(app, row)
    return app


@action
def end_consultation(actor: AbstractBaseUser, app: Application) -> Application:
    """The third party answered (or its time ran out): the time limit runs again, moved by the
    working days spent (at most ``disclosure.third_party_days``)."""
    now = timezone.now()
    today = timezone.localdate(now)
    row = lock(app)
    rb = rulebook_view(today)
    checks = selectors.resume_checks(actor, row)
    require(*checks)
    decision = checks[-1]
    assert row.consultation_started_on is not None
    spent = rules.excluded_days(row.consultation_started_on, today, rb, calendar())
    row.paused_days += spent
    row.state, row.consultation_started_on = ApplicationState.RECEIVED, None
    _recompute(row)
    row.save(update_fields=["paused_days", "state", "consultation_started_on", "due_on"])
    audit.record(
        actor=actor,
        action="portal.application.resume",
        target=row,
        citation=decision.citation,
        summary=f"{row.number}征求第三方意见结束，{spent}个工作日不计入答复期限，答复期限至{row.due_on.isoformat()}",
        details={"excluded_days": spent, "due_on": row.due_on.isoformat()},
    )
    _schedule(row, now)
    copy_back(app, row)
    return app


@action
def reply_application(
    actor: AbstractBaseUser, app: Application, reply_type: str, text: str, exemption: str = ""
) -> Application:
    """Answer the application with one of the reply types of 条例第三十六条."""
    now = timezone.now()
    today = timezone.localdate(now)
    row = lock(app)
    rb = rulebook_view(today)
    decision = rules.check_reply_content(reply_type, exemption, text, rb)
    require(*selectors.reply_checks(actor, row), decision)
    row.state, row.reply_type, row.reply_text = ApplicationState.ANSWERED, reply_type, text.strip()
    row.exemption = exemption if reply_type in rules.NEEDS_EXEMPTION else ""
    row.answered_at, row.answered_by_id, row.answered_late = now, actor.pk, today > row.due_on
    row.save(
        update_fields=["state", "reply_type", "reply_text", "exemption", "answered_at", "answered_by", "answered_late"]
    )
    _cancel(row)
    audit.record(
        actor=actor,
        action="portal.application.reply",
        target=row,
        citation=decision.citation,
        summary=f"{row.number}答复：{rules.REPLY_TYPES[reply_type]}" + ("（逾期）" if row.answered_late else ""),
        details={"reply_type": reply_type, "exemption": row.exemption, "late": row.answered_late},
    )
    copy_back(app, row)
    return app


@timers.handler(REMIND_TIMER)
def _application_remind(timer: Timer) -> None:
    app = Application.objects.filter(pk=timer.payload.get("application_id")).first()
    if app is None or app.state == ApplicationState.ANSWERED:
        return
    rb = rulebook_view(app.received_on)
    notices.send(
        disclosure_staff(),
        f"催办：政府信息公开申请{app.number}应于{app.due_on.isoformat()}前答复",
        app.description[:200],
        rb.param_citation(rules.APPLICATION_DAYS),
        url=f"/portal/applications/{app.pk}/",
    )


@timers.handler(OVERDUE_TIMER)
def _application_overdue(timer: Timer) -> None:
    with transaction.atomic():
        app = Application.objects.select_for_update(of=("self",)).filter(pk=timer.payload.get("application_id")).first()
        if app is None or app.state != ApplicationState.RECEIVED:
            return
        rb = rulebook_view(app.received_on)
        citation = rb.param_citation(rules.APPLICATION_DAYS)
        audit.record(
            actor=None,
            action="portal.application.overdue",
            target=app,
            citation=citation,
            summary=f"政府信息公开申请{app.number}逾期未答复（期限{app.due_on.isoformat()}）",
            details={"due_on": app.due_on.isoformat()},
        )
        notices.send(
            disclosure_staff(),
            f"逾期：政府信息公开申请{app.number}未在期限内答复",
            "",
            citation,
            url=f"/portal/applications/{app.pk}/",
        )


# -- the calendar changed -----------------------------------------------------------------------


def recompute_dues(recalc: Recalc) -> list[Moved]:
    """The working calendar changed: every queued item whose day to publish is still
    ``disclosure.proactive_days`` working days from the day the information was formed (条例第二十六条),
    and every application being answered (not paused for a third party, not recorded overdue) whose
    day to answer is still ``disclosure.application_days`` working days from receipt — plus the
    approved extension and the consultation days not counted (条例第三十三条) — gets the day it gives
    on the new calendar; an application's reminder and overdue timers move (a fired one stays fired).
    The office's 信息公开 staff and its director are told."""
    moved: list[Moved] = []
    now = timezone.now()
    today = timezone.localdate(now)
    staff = tuple(u.pk for u in disclosure_staff(today))
    for item in PublicationItem.objects.filter(state=ItemState.QUEUED, due_on__gte=recalc.since):
        days = rulebook_view(item.counted_from).param(rules.PROACTIVE_DAYS).as_int
        new = recalc.working_days(item.counted_from, days, item.due_on)
        if new is None:
            continue
        PublicationItem.objects.filter(pk=item.pk).update(due_on=new)
        moved.append(Moved(f"《{item.title}》的公开期限", item.due_on, new, staff, f"/portal/queue/#item-{item.pk}"))
    for app in Application.objects.filter(state=ApplicationState.RECEIVED, due_on__gte=recalc.since):
        if Timer.objects.filter(key=f"portal:application:{app.pk}:overdue", state=TimerState.FIRED).exists():
            continue  # recorded overdue already
        rb = rulebook_view(app.received_on)
        days = rb.param(rules.APPLICATION_DAYS).as_int
        extra = rb.param(rules.EXTENSION_DAYS).as_int if app.extended else 0
        new = recalc.working_days(app.received_on, days + extra + app.paused_days, app.due_on)
        if new is None:
            continue
        Application.objects.filter(pk=app.pk).update(due_on=new)
        timers.move(f"portal:application:{app.pk}:overdue", deadline_close(new))
        try:
            at = office_start(recalc.new.add_working_days(new, -REMIND_DAYS))
        except UnknownYearError:
            at = None
        if at is not None and at > now:
            timers.move(f"portal:application:{app.pk}:remind", at)
        moved.append(
            Moved(f"政府信息公开申请{app.number}的答复期限", app.due_on, new, staff, f"/portal/applications/{app.pk}/")
        )
    return moved
