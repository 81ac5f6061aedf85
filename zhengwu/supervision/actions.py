"""督查督办 actions (arts. 26, 54, 63): one function per thing a user does.

Each gathers facts, asks :mod:`zhengwu.supervision.rules`, writes, records an :class:`ItemEvent`
and an audit record, tells the people concerned and (re)schedules the durable timers:

- ``supervision.remind`` at 09:00 of the working day ``supervision.remind_days`` before a
  deadline (an item's final deadline, a unit's periodic report, a rectification order);
- ``supervision.overdue`` at 24:00 of the deadline: still not done → recorded overdue and the
  responsible unit's head is told;
- ``supervision.escalate`` at 24:00 of the ``supervision.escalate_days``-th working day after it:
  still not done → the unit's 分管 leader is told.

Timer keys: ``supervision:<item|report|rect>:<id>:<remind|overdue|escalate>``.  Handlers re-read
the row and do nothing if the thing was done meanwhile, so they are idempotent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from zhengwu.audit import services as audit
from zhengwu.core.actions import copy_back, lock
from zhengwu.core.decisions import Citation, Decision, InvalidInput, require
from zhengwu.core.i18n import _
from zhengwu.core.memo import action
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.documents.actions.outgoing import draft_outgoing
from zhengwu.documents.models import DocType, Document
from zhengwu.notices import services as notices
from zhengwu.org.models import Unit
from zhengwu.org.services import describe, office_unit
from zhengwu.rulebook.services import rulebook_of, version_in_force, view_of
from zhengwu.supervision import rules, selectors
from zhengwu.supervision import services as facts
from zhengwu.supervision.models import (
    Circular,
    ItemEvaluation,
    ItemEvent,
    ItemSource,
    ItemState,
    Origin,
    ProgressReport,
    Rectification,
    SupervisionItem,
)
from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer, TimerState
from zhengwu.workdays.arith import WorkCalendar
from zhengwu.workdays.dependents import Moved, Recalc
from zhengwu.workdays.services import UnknownYearError, calendar, deadline_close, office_start

__all__ = [
    "candidates",
    "complete_rectification",
    "draft_circular",
    "open_item",
    "order_rectification",
    "record_evaluation",
    "reopen",
    "report_done",
    "submit_progress",
    "verify",
]

REMIND = "supervision.remind"
OVERDUE = "supervision.overdue"
ESCALATE = "supervision.escalate"


# -- helpers --------------------------------------------------------------------------------------


def _key(what: str, pk: int, step: str) -> str:
    return f"supervision:{what}:{pk}:{step}"


def _schedule(what: str, pk: int, due: dt.date, rb: RulebookView, now: dt.datetime) -> None:
    """The reminder before ``due`` (unless its moment has passed) and the overdue check at its end
    (at once when the deadline has already passed, e.g. an item reopened late)."""
    try:
        remind_on = rules.remind_day(due, rb, calendar())
        at: dt.datetime | None = office_start(remind_on)
    except UnknownYearError:
        at = None
    if at is not None and at > now:
        timers.schedule(REMIND, at, _key(what, pk, "remind"), what=what, id=pk)
    else:
        timers.cancel(_key(what, pk, "remind"))
    timers.schedule(OVERDUE, max(deadline_close(due), now), _key(what, pk, "overdue"), what=what, id=pk)
    timers.cancel(_key(what, pk, "escalate"))


def _cancel(what: str, pk: int) -> None:
    for step in ("remind", "overdue", "escalate"):
        timers.cancel(_key(what, pk, step))


def _event(
    item: SupervisionItem,
    kind: str,
    label: str,
    actor: AbstractBaseUser | None,
    citation: Citation | None,
    reason: str = "",
    from_state: str = "",
    to_state: str = "",
    at: dt.datetime | None = None,
) -> ItemEvent:
    name = describe(actor).name if actor is not None else "系统"
    return ItemEvent.objects.create(
        item=item,
        kind=kind,
        label=label[:60],
        from_state=from_state,
        to_state=to_state,
        actor_id=actor.pk if actor is not None else None,
        actor_name=name[:60],
        reason=reason,
        citation=citation.label[:80] if citation else "",
        at=at or timezone.now(),
    )


def _locked(item: SupervisionItem) -> SupervisionItem:
    return lock(item, "lead_unit", "rulebook_version")


def _source_key(source: models.Model | None) -> tuple[int, str] | None:
    if source is None or source.pk is None:
        return None
    return ContentType.objects.get_for_model(source).pk, str(source.pk)


def _source_row(
    item: SupervisionItem, origin: str, source: models.Model | None, actor: AbstractBaseUser | None, linked: bool
) -> ItemSource:
    key = _source_key(source)
    url = ""
    if isinstance(source, Document):  # documents have a page but no get_absolute_url
        url = reverse("web:document", args=[source.pk])
    elif source is not None and hasattr(source, "get_absolute_url"):
        try:
            url = str(source.get_absolute_url())
        except NoReverseMatch:  # a source without a page is shown without a link
            url = ""
    elif source is not None and getattr(source, "meeting_id", None):  # a meeting's decision: the meeting's page
        try:
            url = reverse("web:meeting", args=[getattr(source, "meeting_id", 0)])
        except NoReverseMatch:
            url = ""
    label = str(source) if source is not None else str(Origin(origin).label) if origin in Origin.values else origin
    return ItemSource.objects.create(
        item=item,
        origin=origin,
        content_type_id=key[0] if key else None,
        object_id=key[1] if key else "",
        label=label[:300],
        url=url[:300],
        linked=linked,
        added_by_id=actor.pk if actor is not None else None,
        added_at=timezone.now(),
    )


def _unit_users(unit: Unit, day: dt.date) -> list[AbstractBaseUser]:
    return facts.head_users(unit, day) or facts.unit_staff_users(unit, day)


def _units(item: SupervisionItem) -> list[Unit]:
    return [item.lead_unit, *item.co_units.order_by("sort_order", "code")]


def _invalid_from(decision: Decision) -> None:
    if not decision.allowed:
        field = {
            "supervision.no_title": "title",
            "supervision.due_past": "due",
            "supervision.bad_origin": "origin",
            "supervision.bad_every": "report_every",
            "supervision.lead_in_co": "co_units",
            "supervision.no_text": "text",
            "supervision.no_reason": "reason",
            "supervision.rect_due_past": "due",
        }.get(decision.code, "")
        raise InvalidInput(decision.message, field=field)


# -- reading --------------------------------------------------------------------------------------


def candidates(
    title: str, lead_unit: Unit, co_units: Sequence[Unit] = (), source: models.Model | None = None
) -> list[rules.Candidate]:
    """Items still supervised about the same matter, for the page to offer linking (art. 26)."""
    return rules.duplicates(
        title, [lead_unit.pk, *(u.pk for u in co_units)], _source_key(source), facts.open_item_facts()
    )


# -- opening --------------------------------------------------------------------------------------


@action
def open_item(
    actor: AbstractBaseUser,
    *,
    title: str,
    lead_unit: Unit,
    due: dt.date,
    origin: str,
    co_units: Sequence[Unit] = (),
    source: models.Model | None = None,
    description: str = "",
    report_every: str = "",
    link_to: SupervisionItem | None = None,
    new_despite: str = "",
) -> SupervisionItem:
    """Open a supervision item (arts. 26, 54), or — with ``link_to`` — link this matter to an item
    already supervised and return that item (art. 26: no duplicate supervision).

    Refused when an open item has the same ``source``; when one has a similar title and a unit in
    common, refused unless ``new_despite`` gives the reason for a new item.  ``report_every``
    ("weekly"/"monthly") sets periodic reports for the lead unit and every co-unit."""
    now = timezone.now()
    today = timezone.localdate(now)
    version = version_in_force(today)
    rb = view_of(version)
    co = list({u.pk: u for u in co_units}.values())
    if link_to is not None:
        target = _locked(link_to)
        require(
            *selectors.open_checks(actor, origin, target.lead_unit_id, rb),
            rules.check_link(target.state, view_of(target.rulebook_version)),
        )
        if origin not in rules.ORIGINS:
            raise InvalidInput(_("无法识别的来源“{origin}”。", origin=origin), field="origin")
        row = _source_row(target, origin, source, actor, linked=True)
        citation = rb.cite("supervision.no_duplicate")
        _event(target, "link", "关联并入", actor, citation, f"{row.label}（{row.get_origin_display()}）")
        audit.record(
            actor=actor,
            action="supervision.link",
            target=target,
            citation=citation,
            summary=f"将“{row.label}”关联到已督办事项“{target.title}”，不重复督查",
            details={"source": row.label, "origin": origin, "item": target.pk},
        )
        notices.send(
            _unit_users(target.lead_unit, today),
            f"督办事项新增交办来源：{target.title}",
            f"{row.get_origin_display()}：{row.label}",
            citation,
            target.get_absolute_url(),
        )
        return copy_back(link_to, target)

    _invalid_from(rules.check_new(title, origin, report_every, due, today, lead_unit.pk, [u.pk for u in co], rb))
    title = title.strip()[:300]
    found = candidates(title, lead_unit, co, source)
    require(*selectors.open_checks(actor, origin, lead_unit.pk, rb), rules.check_duplicates(found, new_despite, rb))
    dues = rules.report_dues(today, due, report_every, calendar())
    item = SupervisionItem.objects.create(
        title=title,
        description=description.strip(),
        origin=origin,
        lead_unit=lead_unit,
        due=due,
        report_every=report_every,
        state=ItemState.OPEN,
        opened_on=today,
        opened_by_id=actor.pk,
        new_despite=new_despite.strip()[:300] if found else "",
        rulebook_version=version,
        created_at=now,
    )
    item.co_units.set(co)
    source_row = _source_row(item, origin, source, actor, linked=False)
    units = [lead_unit, *co]
    reports = ProgressReport.objects.bulk_create(
        [ProgressReport(item=item, unit=u, period=k, due=d) for k, d in enumerate(dues, start=1) for u in units]
    )
    if any(r.pk is None for r in reports):
        reports = list(item.reports.all())
    citation = rb.cite("supervision.implement")
    names = "、".join(facts.unit_name(u) for u in co)
    every = {"weekly": "每周", "monthly": "每月"}.get(report_every, "")
    _event(
        item,
        "open",
        "立项",
        actor,
        citation,
        f"来源：{source_row.label}" + (f"；另行立项理由：{item.new_despite}" if item.new_despite else ""),
        "",
        ItemState.OPEN,
    )
    audit.record(
        actor=actor,
        action="supervision.open",
        target=item,
        citation=citation,
        summary=f"督办立项：{title}，牵头单位{facts.unit_name(lead_unit)}"
        + (f"，协办单位{names}" if names else "")
        + f"，限{due.isoformat()}前办结"
        + (f"，{every}报告进展" if every else ""),
        details={
            "origin": origin,
            "lead": lead_unit.code,
            "co": [u.code for u in co],
            "due": due.isoformat(),
            "report_every": report_every,
            "report_dues": [d.isoformat() for d in dues],
            "source": source_row.label,
            "new_despite": item.new_despite,
            "similar": [c.item_id for c in found],
        },
    )
    body = (
        f"办结期限：{due.isoformat()}。"
        + (f"{every}报告进展，首次报告期限{dues[0].isoformat()}。" if dues else "")
        + (f"\n{item.description}" if item.description else "")
    )
    for u in units:
        role = "牵头" if u.pk == lead_unit.pk else "协办"
        notices.send(_unit_users(u, today), f"督办事项（{role}）：{title}", body, citation, item.get_absolute_url())
    _schedule("item", item.pk, due, rb, now)
    for r in reports:
        _schedule("report", r.pk, r.due, rb, now)
    return item


# -- progress reports -----------------------------------------------------------------------------


@action
def submit_progress(actor: AbstractBaseUser, report: ProgressReport, text: str) -> ProgressReport:
    """A unit reports its progress for one period (限期报告, art. 54); late reports are marked late."""
    now = timezone.now()
    row = ProgressReport.objects.select_for_update(of=("self",)).select_related("unit", "item").get(pk=report.pk)
    item = _locked(row.item)
    row.item = item
    if not text.strip():
        raise InvalidInput(_("请填写进展情况。"), field="text")
    checks = selectors.submit_progress_checks(actor, row)
    require(*checks)
    decision = checks[0]
    row.text, row.submitted_at, row.submitted_by_id = text.strip(), now, actor.pk
    row.late = timezone.localdate(now) > row.due
    row.save(update_fields=["text", "submitted_at", "submitted_by", "late"])
    _cancel("report", row.pk)
    label = f"第{row.period}期进展（{facts.unit_name(row.unit)}）" + ("，逾期报告" if row.late else "")
    _event(item, "progress", label, actor, decision.citation, row.text)
    audit.record(
        actor=actor,
        action="supervision.progress",
        target=item,
        citation=decision.citation,
        summary=f"{facts.unit_name(row.unit)}报告“{item.title}”第{row.period}期进展" + ("（逾期）" if row.late else ""),
        details={"report": row.pk, "period": row.period, "due": row.due.isoformat(), "late": row.late},
    )
    notices.send(
        facts.supervisor_users(timezone.localdate(now)),
        f"进展报告：{item.title}",
        label,
        decision.citation,
        item.get_absolute_url(),
    )
    copy_back(report, row)
    return row


# -- the item's states ----------------------------------------------------------------------------


@action
def report_done(actor: AbstractBaseUser, item: SupervisionItem, text: str) -> SupervisionItem:
    """The lead unit reports the item done (报办结); the office then verifies it."""
    now = timezone.now()
    row = _locked(item)
    rb = rulebook_of(row)
    _invalid_from(rules.check_report_done(0, text, rb))
    checks = selectors.report_done_checks(actor, row)
    require(*checks)
    decision = checks[0]
    before = row.state
    row.state, row.reported_at, row.report_text = ItemState.REPORTED, now, text.strip()
    row.save(update_fields=["state", "reported_at", "report_text"])
    _cancel("item", row.pk)
    late = timezone.localdate(now) > row.due
    _event(
        row,
        "report_done",
        "报办结" + ("（逾期）" if late else ""),
        actor,
        decision.citation,
        row.report_text,
        before,
        row.state,
    )
    audit.record(
        actor=actor,
        action="supervision.report_done",
        target=row,
        citation=decision.citation,
        summary=f"{facts.unit_name(row.lead_unit)}报“{row.title}”办结" + ("（已逾期）" if late else ""),
        details={"text": row.report_text, "due": row.due.isoformat(), "late": late},
    )
    notices.send(
        facts.supervisor_users(timezone.localdate(now)),
        f"待核查：{row.title}",
        f"{facts.unit_name(row.lead_unit)}报办结：{row.report_text}",
        decision.citation,
        row.get_absolute_url(),
    )
    return copy_back(item, row)


@action
def verify(actor: AbstractBaseUser, item: SupervisionItem, note: str = "") -> SupervisionItem:
    """核查复核: the office accepts the lead unit's report and closes the item."""
    now = timezone.now()
    row = _locked(item)
    checks = selectors.verify_checks(actor, row)
    require(*checks)
    decision = checks[0]
    before = row.state
    row.state, row.closed_at = ItemState.CLOSED, now
    row.done_on = timezone.localdate(row.reported_at) if row.reported_at else timezone.localdate(now)
    row.save(update_fields=["state", "closed_at", "done_on"])
    _cancel("item", row.pk)
    for pk in row.reports.filter(submitted_at__isnull=True).values_list("pk", flat=True):
        _cancel("report", pk)
    on_time = row.done_on <= row.due
    _event(row, "verify", "核查办结", actor, decision.citation, note.strip(), before, row.state)
    audit.record(
        actor=actor,
        action="supervision.verify",
        target=row,
        citation=decision.citation,
        summary=f"核查复核“{row.title}”：办结" + ("（按期）" if on_time else "（逾期办结）"),
        details={"note": note.strip(), "done_on": row.done_on.isoformat(), "due": row.due.isoformat()},
    )
    notices.send(
        _unit_users(row.lead_unit, timezone.localdate(now)),
        f"督办事项已核查办结：{row.title}",
        note.strip(),
        decision.citation,
        row.get_absolute_url(),
    )
    return copy_back(item, row)


@action
def reopen(actor: AbstractBaseUser, item: SupervisionItem, reason: str) -> SupervisionItem:
    """The office finds the report wanting (or a closed matter not done) and sends the item back."""
    now = timezone.now()
    row = _locked(item)
    rb = rulebook_of(row)
    _invalid_from(rules.check_reason(reason, "退回理由", rb))
    checks = selectors.reopen_checks(actor, row)
    require(*checks)
    decision = checks[0]
    before = row.state
    row.state, row.reported_at, row.done_on, row.closed_at = ItemState.OPEN, None, None, None
    row.reopen_count += 1
    row.save(update_fields=["state", "reported_at", "done_on", "closed_at", "reopen_count"])
    _schedule("item", row.pk, row.due, rb, now)
    if before == ItemState.CLOSED:  # the reports still to come are watched again
        for r in row.reports.filter(submitted_at__isnull=True, due__gte=timezone.localdate(now)):
            _schedule("report", r.pk, r.due, rb, now)
    _event(row, "reopen", "退回重办", actor, decision.citation, reason.strip(), before, row.state)
    audit.record(
        actor=actor,
        action="supervision.reopen",
        target=row,
        citation=decision.citation,
        summary=f"核查复核“{row.title}”：退回重办。理由：{reason.strip()}",
        details={"reason": reason.strip(), "from": before, "count": row.reopen_count},
    )
    notices.send(
        _unit_users(row.lead_unit, timezone.localdate(now)),
        f"督办事项退回重办：{row.title}",
        reason.strip(),
        decision.citation,
        row.get_absolute_url(),
    )
    return copy_back(item, row)


# -- rectification, evaluation ---------------------------------------------------------------------


@action
def order_rectification(
    actor: AbstractBaseUser, item: SupervisionItem, requirement: str, due: dt.date
) -> Rectification:
    """督促整改: the office orders the lead unit to put something right by ``due``; an item
    awaiting verification goes back to 督办中 until the rectification is done and reported."""
    now = timezone.now()
    today = timezone.localdate(now)
    row = _locked(item)
    rb = rulebook_of(row)
    _invalid_from(rules.check_reason(requirement, "整改要求", rb))
    _invalid_from(rules.check_rectification_due(due, today, rb))
    checks = selectors.rectify_checks(actor, row)
    require(*checks)
    decision = checks[0]
    rect = Rectification.objects.create(
        item=row, requirement=requirement.strip(), due=due, ordered_by_id=actor.pk, ordered_at=now
    )
    before = row.state
    if row.state != ItemState.OPEN:
        row.state, row.reported_at = ItemState.OPEN, None
        row.save(update_fields=["state", "reported_at"])
        _schedule("item", row.pk, row.due, rb, now)
    _schedule("rect", rect.pk, due, rb, now)
    _event(
        row,
        "rectify",
        f"督促整改（限{due.isoformat()}）",
        actor,
        decision.citation,
        rect.requirement,
        before,
        row.state,
    )
    audit.record(
        actor=actor,
        action="supervision.rectify",
        target=row,
        citation=decision.citation,
        summary=f"督促整改“{row.title}”，限{due.isoformat()}前整改到位：{rect.requirement}",
        details={"rectification": rect.pk, "due": due.isoformat()},
    )
    notices.send(
        _unit_users(row.lead_unit, today),
        f"督促整改：{row.title}",
        f"限{due.isoformat()}前整改到位：{rect.requirement}",
        decision.citation,
        row.get_absolute_url(),
    )
    copy_back(item, row)
    return rect


@action
def complete_rectification(actor: AbstractBaseUser, rectification: Rectification, text: str) -> Rectification:
    now = timezone.now()
    rect = Rectification.objects.select_for_update(of=("self",)).select_related("item").get(pk=rectification.pk)
    row = _locked(rect.item)
    rect.item = row
    _invalid_from(rules.check_reason(text, "整改情况", rulebook_of(row)))
    checks = selectors.complete_rectification_checks(actor, rect)
    require(*checks)
    decision = checks[0]
    rect.done_at, rect.done_text, rect.done_by_id = now, text.strip(), actor.pk
    rect.late = timezone.localdate(now) > rect.due
    rect.save(update_fields=["done_at", "done_text", "done_by", "late"])
    _cancel("rect", rect.pk)
    _event(row, "rectified", "整改完成" + ("（逾期）" if rect.late else ""), actor, decision.citation, rect.done_text)
    audit.record(
        actor=actor,
        action="supervision.rectified",
        target=row,
        citation=decision.citation,
        summary=f"{facts.unit_name(row.lead_unit)}报告“{row.title}”整改完成" + ("（逾期）" if rect.late else ""),
        details={"rectification": rect.pk, "text": rect.done_text, "late": rect.late},
    )
    notices.send(
        facts.supervisor_users(timezone.localdate(now)),
        f"整改完成：{row.title}",
        rect.done_text,
        decision.citation,
        row.get_absolute_url(),
    )
    copy_back(rectification, rect)
    return rect


@action
def record_evaluation(
    actor: AbstractBaseUser, item: SupervisionItem, evaluator: str, rating: str, findings: str
) -> ItemEvaluation:
    """第三方评估: the office records what an outside evaluator found (art. 26)."""
    row = _locked(item)
    rb = rulebook_of(row)
    if not evaluator.strip():
        raise InvalidInput(_("请填写评估机构。"), field="evaluator")
    if rating not in ItemEvaluation.Rating.values:
        raise InvalidInput(_("请选择评估等次。"), field="rating")
    _invalid_from(rules.check_reason(findings, "评估意见", rb))
    checks = selectors.evaluate_checks(actor, row)
    require(*checks)
    decision = checks[0]
    ev = ItemEvaluation.objects.create(
        item=row,
        evaluator=evaluator.strip()[:120],
        rating=rating,
        findings=findings.strip(),
        recorded_by_id=actor.pk,
        recorded_at=timezone.now(),
    )
    _event(
        row,
        "evaluate",
        f"第三方评估：{ev.get_rating_display()}",
        actor,
        decision.citation,
        f"{ev.evaluator}：{ev.findings}",
    )
    audit.record(
        actor=actor,
        action="supervision.evaluate",
        target=row,
        citation=decision.citation,
        summary=f"记录“{row.title}”第三方评估：{ev.evaluator}评为{ev.get_rating_display()}",
        details={"evaluation": ev.pk, "evaluator": ev.evaluator, "rating": rating},
    )
    return ev


# -- circulars ------------------------------------------------------------------------------------

COLUMNS = ("单位", "牵头事项", "按期办结", "逾期办结", "逾期未办结", "在办", "按时报告", "逾期报告", "未报告")


def circular_lines(rows: Sequence[rules.UnitRow]) -> list[list[object]]:
    return [
        [
            r.unit_name,
            r.lead,
            r.done_on_time,
            r.done_late,
            r.overdue,
            r.in_progress,
            r.reports_on_time,
            r.reports_late,
            r.reports_missing,
        ]
        for r in rows
    ]


def circular_body(rows: Sequence[rules.UnitRow], as_of: dt.date, since: dt.date | None) -> str:
    total = rules.UnitRow(0, "合计")
    for r in rows:
        total.add(r)
    span = f"{since:%Y年%-m月%-d日}至{as_of:%Y年%-m月%-d日}" if since else f"截至{as_of:%Y年%-m月%-d日}"
    lines = [
        "各有关单位：",
        f"　　现将{span}州人民政府督查督办事项办理情况通报如下。",
        f"　　一、总体情况。督办事项共{total.lead}项，其中按期办结{total.done_on_time}项，逾期办结{total.done_late}项，"
        f"逾期未办结{total.overdue}项，在办{total.in_progress}项；限期报告按时报送{total.reports_on_time}次，"
        f"逾期报送{total.reports_late}次，逾期未报送{total.reports_missing}次。",
        "　　二、各单位办理情况。",
        "　　" + "｜".join(COLUMNS),
        *("　　" + "｜".join(str(v) for v in line) for line in circular_lines(rows)),
    ]
    overdue = [(r.unit_name, t) for r in rows for t in r.overdue_titles]
    if overdue:
        lines.append("　　三、逾期未办结事项。")
        lines.extend(f"　　{i}. {name}：{t}" for i, (name, t) in enumerate(overdue, start=1))
    lines.append("　　请各单位对照通报情况，逾期事项抓紧办结，按时报送进展情况。")
    return "\n".join(lines)


@action
def draft_circular(actor: AbstractBaseUser, as_of: dt.date | None = None, since: dt.date | None = None) -> Circular:
    """情况通报: the table by unit, drafted as the office's 通报 to the units concerned; it is then
    reviewed, signed and issued through the documents flow like any document (art. 26)."""
    today = timezone.localdate()
    as_of = as_of or today
    if as_of > today:
        raise InvalidInput(_("统计截止日期不能晚于今天。"), field="as_of")
    if since is not None and since > as_of:
        raise InvalidInput(_("统计起始日期不能晚于截止日期。"), field="since")
    checks = selectors.draft_circular_checks(actor)
    require(*checks)
    decision = checks[0]
    office = office_unit()
    rows = facts.unit_table(since, as_of, as_of)
    if office is None or not rows:
        raise InvalidInput(_("统计期间没有督办事项，无需通报。"), field="as_of")
    units = list(Unit.objects.filter(pk__in=[r.unit_id for r in rows]).order_by("sort_order", "code"))
    title = f"关于州人民政府督查督办事项办理情况的通报（截至{as_of:%Y年%-m月%-d日}）"
    doc = draft_outgoing(actor, office, DocType.CIRCULAR, title, circular_body(rows, as_of, since), units)
    circular = Circular.objects.create(
        document=doc,
        as_of=as_of,
        since=since,
        rows=[r.as_dict() for r in rows],
        created_by_id=actor.pk,
        created_at=timezone.now(),
    )
    audit.record(
        actor=actor,
        action="supervision.circular",
        target=circular,
        citation=decision.citation,
        summary=f"生成督查情况通报（截至{as_of.isoformat()}），起草通报公文",
        details={"document": doc.pk, "rows": len(rows), "since": since.isoformat() if since else None},
    )
    return circular


# -- the timers -----------------------------------------------------------------------------------


def _pending(what: str, pk: int) -> tuple[SupervisionItem, Unit, dt.date, str] | None:
    """The open thing a timer is about: (item, responsible unit, deadline, description), or None."""
    if what == "item":
        item = (
            SupervisionItem.objects.select_related("lead_unit", "rulebook_version")
            .filter(pk=pk, state=ItemState.OPEN)
            .first()
        )
        return (item, item.lead_unit, item.due, f"督办事项“{item.title}”") if item else None
    if what == "report":
        r = (
            ProgressReport.objects.select_related("unit", "item__lead_unit", "item__rulebook_version")
            .filter(pk=pk, submitted_at__isnull=True)
            .exclude(item__state=ItemState.CLOSED)
            .first()
        )
        return (r.item, r.unit, r.due, f"“{r.item.title}”第{r.period}期进展报告") if r else None
    rect = (
        Rectification.objects.select_related("item__lead_unit", "item__rulebook_version")
        .filter(pk=pk, done_at__isnull=True)
        .first()
    )
    return (rect.item, rect.item.lead_unit, rect.due, f"“{rect.item.title}”整改") if rect else None


def _mark(what: str, pk: int, **values: object) -> None:
    model = {"item": SupervisionItem, "report": ProgressReport, "rect": Rectification}[what]
    model.objects.filter(pk=pk).update(**values)  # type: ignore[attr-defined]


@timers.handler(REMIND)
def _remind(timer: Timer) -> None:
    what, pk = str(timer.payload.get("what")), int(timer.payload.get("id", 0))
    found = _pending(what, pk)
    if found is None:
        return
    item, unit, due, desc = found
    citation = rulebook_of(item).cite("time_limits")
    title = f"提醒：{desc}将于{due.isoformat()}到期（{facts.unit_name(unit)}）"
    users = facts.unit_staff_users(unit, timezone.localdate())
    notices.send(users, title, "请按期办理、报告。", citation, item.get_absolute_url())
    if what == "report":
        _mark(what, pk, reminded_at=timer.fire_at)
    _event(item, "remind", f"到期提醒（{facts.unit_name(unit)}）", None, citation, title, at=timer.fire_at)
    audit.record(
        actor=None,
        action="supervision.remind",
        target=item,
        citation=citation,
        summary=title,
        details={"what": what, "id": pk, "due": due.isoformat(), "unit": unit.code},
    )


@timers.handler(OVERDUE)
def _overdue(timer: Timer) -> None:
    """At 24:00 of the deadline: recorded overdue; the responsible unit's head is told."""
    what, pk = str(timer.payload.get("what")), int(timer.payload.get("id", 0))
    found = _pending(what, pk)
    if found is None:
        return
    item, unit, due, desc = found
    rb = rulebook_of(item)
    decision = rules.overdue_message(desc, facts.unit_name(unit), due, 1, rb)
    _mark(what, pk, overdue_at=timer.fire_at, escalation=1)
    day = timezone.localdate()
    notices.send(
        [*facts.head_users(unit, day), *facts.supervisor_users(day)],
        f"逾期：{desc}",
        decision.message,
        decision.citation,
        item.get_absolute_url(),
    )
    _event(
        item,
        "overdue",
        f"逾期告知{facts.unit_name(unit)}主要负责人",
        None,
        decision.citation,
        decision.message,
        at=timer.fire_at,
    )
    audit.record(
        actor=None,
        action="supervision.overdue",
        target=item,
        citation=decision.citation,
        summary=decision.message,
        details={"what": what, "id": pk, "due": due.isoformat(), "level": 1},
    )
    try:
        at = max(deadline_close(rules.escalate_day(due, rb, calendar())), timer.fire_at)
    except UnknownYearError:
        return
    timers.schedule(ESCALATE, at, _key(what, pk, "escalate"), what=what, id=pk)


@timers.handler(ESCALATE)
def _escalate(timer: Timer) -> None:
    """Still not done N working days after the deadline: the unit's 分管 leader is told."""
    what, pk = str(timer.payload.get("what")), int(timer.payload.get("id", 0))
    found = _pending(what, pk)
    if found is None:
        return
    item, unit, due, desc = found
    decision = rules.overdue_message(desc, facts.unit_name(unit), due, 2, rulebook_of(item))
    _mark(what, pk, escalation=2)
    day = timezone.localdate()
    notices.send(
        [*facts.portfolio_users(unit, day), *facts.supervisor_users(day)],
        f"逾期提级：{desc}",
        decision.message,
        decision.citation,
        item.get_absolute_url(),
    )
    _event(
        item,
        "escalate",
        f"逾期报{facts.unit_name(unit)}分管领导",
        None,
        decision.citation,
        decision.message,
        at=timer.fire_at,
    )
    audit.record(
        actor=None,
        action="supervision.escalate",
        target=item,
        citation=decision.citation,
        summary=decision.message,
        details={"what": what, "id": pk, "due": due.isoformat(), "level": 2},
    )


# -- the calendar changed -------------------------------------------------------------------------


def _report_period(opened: dt.date, every: str, due: dt.date, cal: WorkCalendar) -> int | None:
    """Which ``k`` (months, or weeks, after the item was opened) gave a report's ``due`` on ``cal``;
    None when none did (not a date the rule gave)."""
    k = 1
    while True:
        try:
            day = cal.add_months(opened, k) if every == "monthly" else cal.add_days(opened, 7 * k)
        except UnknownYearError:
            return None
        if day == due:
            return k
        if day > due:  # the dates only grow with k
            return None
        k += 1


def _move_remind(what: str, pk: int, due: dt.date, rb: RulebookView, cal: WorkCalendar, now: dt.datetime) -> None:
    """The pending reminder to 09:00 of the working day ``supervision.remind_days`` before ``due``
    on ``cal``, unless that moment has passed."""
    try:
        at = office_start(rules.remind_day(due, rb, cal))
    except UnknownYearError:
        return
    if at > now:
        timers.move(_key(what, pk, "remind"), at)


def recompute_dues(recalc: Recalc) -> list[Moved]:
    """The working calendar changed.  A periodic report not yet given (and not yet recorded
    overdue) whose day is still the one its month or week after the item was opened gave on the old
    calendar, rolled off a rest day, gets the day it gives now; its reminder and overdue timers move
    and the unit's staff are told (art. 54).  An item's or a rectification's deadline is the date
    the office set and stays, but its reminder (working days before it) moves; so does a pending
    escalation (working days after a missed deadline).  Fired timers stay fired."""
    moved: list[Moved] = []
    now = timezone.now()
    today = timezone.localdate(now)
    reports = (
        ProgressReport.objects.select_related("unit", "item__lead_unit", "item__rulebook_version")
        .filter(submitted_at__isnull=True, overdue_at__isnull=True, due__gte=recalc.since)
        .exclude(item__state=ItemState.CLOSED)
        .exclude(item__report_every="")
    )
    for r in reports:
        item = r.item
        k = _report_period(item.opened_on, item.report_every, r.due, recalc.old)
        if k is None:
            continue
        new = (
            recalc.months(item.opened_on, k, r.due)
            if item.report_every == "monthly"
            else recalc.days(item.opened_on, 7 * k, r.due)
        )
        if new is None or new >= item.due:
            continue  # a report is due before the final deadline (the final report covers it)
        ProgressReport.objects.filter(pk=r.pk).update(due=new)
        _move_remind("report", r.pk, new, rulebook_of(item), recalc.new, now)
        timers.move(_key("report", r.pk, "overdue"), max(deadline_close(new), now))
        moved.append(
            Moved(
                f"督办事项“{item.title}”第{r.period}期进展报告（{facts.unit_name(r.unit)}）的报告期限",
                r.due,
                new,
                tuple(u.pk for u in facts.unit_staff_users(r.unit, today)),
                item.get_absolute_url(),
            )
        )
    for item in SupervisionItem.objects.select_related("rulebook_version").filter(
        state=ItemState.OPEN, overdue_at__isnull=True, due__gte=recalc.since
    ):
        _move_remind("item", item.pk, item.due, rulebook_of(item), recalc.new, now)
    for rect in Rectification.objects.select_related("item__rulebook_version").filter(
        done_at__isnull=True, overdue_at__isnull=True, due__gte=recalc.since
    ):
        _move_remind("rect", rect.pk, rect.due, rulebook_of(rect.item), recalc.new, now)
    for timer in Timer.objects.filter(kind=ESCALATE, state=TimerState.PENDING):
        what, pk = str(timer.payload.get("what")), int(timer.payload.get("id", 0))
        found = _pending(what, pk)
        if found is None:
            continue
        item, _unit, due, _desc = found
        rb = rulebook_of(item)
        try:
            old_at = deadline_close(rules.escalate_day(due, rb, recalc.old))
            new_at = deadline_close(rules.escalate_day(due, rb, recalc.new))
        except UnknownYearError:
            continue
        if timer.fire_at == old_at and new_at != old_at:  # not one held back to its overdue check
            timers.move(timer.key, max(new_at, now))
    return moved
