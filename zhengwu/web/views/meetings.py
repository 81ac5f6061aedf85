"""会议 (arts. 24-25, 28, 37-47): the meeting calendar with cadence, a meeting's page (agenda builder,
attendance sheet, minutes editor with decisions), the topic board, prefecture-wide meeting requests and
the iCalendar feeds.

Views parse, call the actions in :mod:`zhengwu.meetings.actions` and render; a refusal or bad input is
shown with its article (``explain``) on the page the user came from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.core.i18n import _
from zhengwu.core.numerals import chinese_numeral
from zhengwu.documents.models import Document, Flow
from zhengwu.documents.services import documents_visible_to
from zhengwu.meetings import actions, rules, selectors, services
from zhengwu.meetings.actions.common import holds_governor, is_office, kinds_of, portfolio_holder
from zhengwu.meetings.models import (
    FollowUp,
    Invitation,
    Meeting,
    MeetingKind,
    MeetingState,
    PrefectureMeetingRequest,
    Role,
    Topic,
    TopicState,
)
from zhengwu.meetings.visibility import (
    follow_ups_visible_to,
    papers_visible_to,
    topics_visible_to,
    wide_requests_visible_to,
)
from zhengwu.org.models import Person, Unit
from zhengwu.org.services import person_of, positions_of
from zhengwu.web.helpers import actor, explain, unknown_year_message
from zhengwu.workdays.arith import UnknownYearError
from zhengwu.workdays.services import outside_office_hours


def _date(text: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise InvalidInput(_("请填写日期（如2026-12-15）。"), field=field) from exc


def _time(text: str) -> dt.time | None:
    try:
        return dt.time.fromisoformat(text.strip()) if text.strip() else None
    except ValueError as exc:
        raise InvalidInput(_("请填写时间（如10:00）。"), field="start_time") from exc


def _unit(text: str, field: str = "unit") -> Unit | None:
    if not text:
        return None
    unit = Unit.objects.filter(code=text).first()
    if unit is None:
        raise InvalidInput(_("请选择单位。"), field=field)
    return unit


def _person(text: str, field: str) -> Person:
    person = Person.objects.filter(pk=int(text)).first() if text.isdigit() else None
    if person is None:
        raise InvalidInput(_("请选择人员。"), field=field)
    return person


def _run(request: HttpRequest, call: Callable[[], Any], done: str) -> bool:
    try:
        call()
    except (Refused, InvalidInput) as exc:
        for line in explain(exc):
            messages.error(request, line)
        return False
    except UnknownYearError as exc:
        messages.error(request, unknown_year_message(exc))
        return False
    messages.success(request, done)
    return True


def _flag(request: HttpRequest, name: str) -> bool:
    return request.POST.get(name) in {"on", "1", "true", "yes"}


# ---------------------------------------------------------------- calendar


@login_required
def meeting_calendar(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    try:
        month = (
            dt.date.fromisoformat(request.GET.get("month", "") + "-01")
            if request.GET.get("month")
            else today.replace(day=1)
        )
    except ValueError:
        month = today.replace(day=1)
    nxt = (month + dt.timedelta(days=32)).replace(day=1)
    prev = (month - dt.timedelta(days=1)).replace(day=1)
    meetings = Meeting.objects.filter(date__gte=month, date__lt=nxt).select_related("chair")
    kind = request.GET.get("kind", "")
    if kind:
        meetings = meetings.filter(kind=kind)
    person = person_of(request.user)
    return render(
        request,
        "web/meetings/calendar.html",
        {
            "meetings": meetings,
            "month": month,
            "next": nxt,
            "prev": prev,
            "kinds": MeetingKind.choices,
            "kind": kind,
            "cadence": services.cadence_lines(today),
            "may_plan": is_office(actor(request)) or bool(kinds_of(actor(request)) & rules.LEADERS),
            "feed_key": services.feed_key(person) if person else None,
            "wide_count": PrefectureMeetingRequest.objects.count(),
        },
    )


@login_required
def meeting_new(request: HttpRequest) -> HttpResponse:
    form: dict[str, str] = {}
    if request.method == "POST":
        form = request.POST.dict()
        created: list[Meeting] = []

        def call() -> None:
            created.append(
                actions.create_meeting(
                    actor(request),
                    kind=form.get("kind", ""),
                    title=form.get("title", ""),
                    date=_date(form.get("date", ""), "date"),
                    start_time=_time(form.get("start_time", "")),
                    place=form.get("place", ""),
                    unit=_unit(form.get("unit", "")),
                    decision_making=_flag(request, "decision_making"),
                    on_site=_flag(request, "on_site"),
                    study_topic=form.get("study_topic", ""),
                )
            )

        if _run(request, call, "会议已安排。"):
            return redirect("web:meeting", created[0].pk)
    return render(
        request,
        "web/meetings/new.html",
        {"form": form, "kinds": MeetingKind.choices, "units": Unit.objects.exclude(kind="superior")},
    )


def _follow_rows(m: Meeting, today: dt.date, user: Any) -> list[dict[str, Any]]:
    rows = []
    for d in m.decisions.prefetch_related("follow_ups__document", "follow_ups__owner_unit"):
        fus = [
            {
                "fu": f,
                "status": services.follow_up_state(f, today),
                "status_label": rules.STATUS_NAMES[services.follow_up_state(f, today)],
                "done_on": services.done_on(f),
                "acts": selectors.allowed_actions(user, f),
            }
            for f in d.follow_ups.all()
        ]
        rows.append({"decision": d, "follow_ups": fus})
    return rows


def _attendance_list(invitations: list[Invitation]) -> dict[str, list[str]]:
    """The minutes' attendance list, from the roll call (art. 41)."""
    out: dict[str, list[str]] = {"present": [], "leave": [], "absent": []}
    for i in invitations:
        if i.present:
            out["present"].append(i.person.name)
        elif i.leave_state == "approved":
            out["leave"].append(i.person.name + (f"（{i.deputy.name}代）" if i.deputy else ""))
        elif i.present is False:
            out["absent"].append(i.person.name)
    return out


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    m = get_object_or_404(Meeting.objects.select_related("chair", "minutes_signed_by", "press_approved_by"), pk=pk)
    user = actor(request)
    person = person_of(user)
    today = timezone.localdate()
    invitations = list(m.invitations.select_related("person__user", "unit", "deputy").order_by("role", "id"))
    for inv in invitations:  # what this person may do with each invitation: the actions' own checks
        inv.acts = selectors.allowed_actions(user, inv)  # type: ignore[attr-defined]
    topics = list(m.topics.select_related("unit").prefetch_related("papers"))
    for t in topics:
        t.acts = selectors.allowed_actions(user, t)  # type: ignore[attr-defined]
        t.paper_rows = [(p, selectors.allowed_actions(user, p)) for p in t.papers.all()]  # type: ignore[attr-defined]
    unit_ids = {p.unit_id for p in positions_of(user)}
    deputies = (
        Person.objects.filter(appointments__position__unit_id__in=unit_ids)
        .exclude(pk=person.pk if person else 0)
        .distinct()
    )
    candidates = Topic.objects.filter(
        state__in=[TopicState.REQUESTED, TopicState.REVIEWED], meeting__isnull=True
    ).select_related("unit")
    try:
        deadline = selectors.papers_deadline(m)
    except UnknownYearError:
        deadline = None
    return render(
        request,
        "web/meetings/detail.html",
        {
            "m": m,
            "invitations": invitations,
            "topics": topics,
            "candidates": candidates,
            "acts": selectors.allowed_actions(user, m),
            "decisions": _follow_rows(m, today, user),
            "deputies": deputies,
            "documents": Document.objects.filter(flow=Flow.OUTGOING).order_by("-id")[:50],
            "units": Unit.objects.exclude(kind="superior"),
            "papers_deadline": deadline,
            "hours_warning": outside_office_hours(m.date, m.start_time),
            "papers_overdue": deadline is not None and rules.paper_late(None, deadline, today),
            "transitions": [
                {
                    "t": tr,
                    "from": rules.STATE_NAMES.get(tr.from_state, tr.from_state),
                    "to": rules.STATE_NAMES.get(tr.to_state, tr.to_state),
                    "article": chinese_numeral(tr.article) if tr.article else "",
                }
                for tr in m.transitions.select_related("by")
            ],
            "people": Person.objects.filter(user__isnull=False).order_by("id"),
            "present_count": sum(1 for i in invitations if i.present),
            "attendance_list": _attendance_list(invitations),
            "staff_role": Role.STAFF,
        },
    )


MEETING_ACTS: dict[str, tuple[Callable[[HttpRequest, Meeting], Any], str]] = {
    "consent": (lambda r, m: actions.consent(actor(r), m), "州长已同意召开。"),
    "collect": (
        lambda r, m: actions.collect_topic(actor(r), get_object_or_404(Topic, pk=r.POST.get("topic")), m),
        "议题已汇总。",
    ),
    "confirm": (lambda r, m: actions.confirm_agenda(actor(r), m), "议题已确定。"),
    "distribute": (lambda r, m: actions.distribute_papers(actor(r), m), "会议材料已分送。"),
    "hold": (lambda r, m: actions.hold(actor(r), m), "已登记会议召开。"),
    "cancel": (lambda r, m: actions.cancel_meeting(actor(r), m, r.POST.get("reason", "")), "会议已取消。"),
    "reschedule": (
        lambda r, m: actions.reschedule(
            actor(r), m, date=_date(r.POST.get("date", ""), "date"), start_time=_time(r.POST.get("start_time", ""))
        ),
        "会议已改期。",
    ),
    "sitting_in": (
        lambda r, m: actions.invite_sitting_in(actor(r), m, [_person(r.POST.get("person", ""), "person")]),
        "已邀请列席。",
    ),
    "staff": (
        lambda r, m: actions.register_staff(
            actor(r), m, _unit(r.POST.get("unit", "")) or _missing("unit"), _person(r.POST.get("person", ""), "person")
        ),
        "已登记随行工作人员。",
    ),
    "roll_call": (
        lambda r, m: actions.roll_call(
            actor(r), m, {i.pk: str(i.pk) in r.POST.getlist("present") for i in m.invitations.all()}
        ),
        "点名已登记。",
    ),
    "minutes": (
        lambda r, m: actions.draft_minutes(actor(r), m, r.POST.get("text", ""), _flag(r, "major_matters")),
        "纪要已保存。",
    ),
    "decision": (
        lambda r, m: actions.add_decision(
            actor(r),
            m,
            r.POST.get("text", ""),
            secret=_flag(r, "secret"),
            document_title=r.POST.get("document_title", ""),
            task_title=r.POST.get("task_title", ""),
            task_unit=_unit(r.POST.get("task_unit", "")),
            task_due=_date(r.POST["task_due"], "task_due") if r.POST.get("task_due") else None,
        ),
        "议定事项已登记。",
    ),
    "review_major": (lambda r, m: actions.review_major(actor(r), m), "州长已审核纪要。"),
    "sign": (lambda r, m: actions.sign_minutes(actor(r), m), "纪要已签发。"),
    "press": (
        lambda r, m: actions.draft_press(actor(r), m, r.POST.get("text", ""), _flag(r, "escalated")),
        "新闻稿已保存。",
    ),
    "approve_press": (lambda r, m: actions.approve_press(actor(r), m), "新闻稿已审核同意。"),
}


def _missing(field: str) -> Any:
    raise InvalidInput(_("请选择单位。"), field=field)


@login_required
@require_POST
def meeting_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    m = get_object_or_404(Meeting, pk=pk)
    if action not in MEETING_ACTS:
        raise Http404
    call, done = MEETING_ACTS[action]
    _run(request, lambda: call(request, m), done)
    return redirect("web:meeting", pk)


INVITATION_ACTS: dict[str, tuple[Callable[[HttpRequest, Invitation], Any], str]] = {
    "leave": (lambda r, i: actions.request_leave(actor(r), i, r.POST.get("reason", "")), "请假已提交。"),
    "approve": (lambda r, i: actions.decide_leave(actor(r), i, True), "已批准请假。"),
    "refuse": (lambda r, i: actions.decide_leave(actor(r), i, False), "已不批准请假。"),
    "deputy": (
        lambda r, i: actions.name_deputy(actor(r), i, _person(r.POST.get("deputy", ""), "deputy")),
        "已指定代为出席人员。",
    ),
}


@login_required
@require_POST
def invitation_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    inv = get_object_or_404(Invitation, pk=pk)
    if action not in INVITATION_ACTS:
        raise Http404
    call, done = INVITATION_ACTS[action]
    _run(request, lambda: call(request, inv), done)
    return redirect("web:meeting", inv.meeting_id)


FOLLOW_ACTS: dict[str, tuple[Callable[[HttpRequest, FollowUp], Any], str]] = {
    "document": (
        lambda r, f: actions.link_document(
            actor(r), f, get_object_or_404(documents_visible_to(actor(r)), pk=r.POST.get("document") or 0)
        ),
        "已关联发文。",
    ),
    "done": (lambda r, f: actions.complete_task(actor(r), f, r.POST.get("note", "")), "任务已登记完成。"),
    "supervise": (lambda r, f: actions.send_to_supervision(actor(r), f), "已交督查督办。"),
}


@login_required
@require_POST
def follow_up_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    fu = get_object_or_404(follow_ups_visible_to(actor(request)).select_related("decision"), pk=pk)
    if action not in FOLLOW_ACTS:
        raise Http404
    call, done = FOLLOW_ACTS[action]
    _run(request, lambda: call(request, fu), done)
    return redirect("web:meeting", fu.decision.meeting_id)


# ---------------------------------------------------------------- topics


@login_required
def topic_board(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    today = timezone.localdate()
    unit_ids = {p.unit_id for p in positions_of(user)}
    topics = list(
        topics_visible_to(user, Topic.objects.select_related("unit", "meeting", "reviewed_by"))
        .prefetch_related("steps", "papers")
        .order_by("-id")[:200]
    )
    for t in topics:
        leader = portfolio_holder(t.unit, today)
        t.leader = leader  # type: ignore[attr-defined]
        t.acts = selectors.allowed_actions(user, t)  # type: ignore[attr-defined]
        needed = rules.required_steps(t.major_decision, t.public_interest, t.market_activity)
        done = {s.step for s in t.steps.all()}
        t.step_rows = [(s, rules.STEP_NAMES[s], s in done) for s in needed]  # type: ignore[attr-defined]
    units = Unit.objects.filter(pk__in=unit_ids)
    return render(
        request,
        "web/meetings/topics.html",
        {
            "topics": topics,
            "units": units,
            "office": is_office(user),
            "governor": holds_governor(user),
            "states": TopicState.choices,
            "kinds": [k for k in MeetingKind.choices if k[0] != "study"],
        },
    )


@login_required
@require_POST
def topic_new(request: HttpRequest) -> HttpResponse:
    p = request.POST

    def call() -> None:
        actions.request_topic(
            actor(request),
            unit=_unit(p.get("unit", "")) or _missing("unit"),
            title=p.get("title", ""),
            summary=p.get("summary", ""),
            kind=p.get("kind", "executive"),
            touches_projects=_flag(request, "touches_projects"),
            touches_funds=_flag(request, "touches_funds"),
            touches_staffing=_flag(request, "touches_staffing"),
            touches_rewards=_flag(request, "touches_rewards"),
            major_decision=_flag(request, "major_decision"),
            public_interest=_flag(request, "public_interest"),
            market_activity=_flag(request, "market_activity"),
        )

    _run(request, call, "议题申请已提交。")
    return redirect("web:meeting_topics")


TOPIC_ACTS: dict[str, tuple[Callable[[HttpRequest, Topic], Any], str]] = {
    "review": (
        lambda r, t: actions.review_topic(actor(r), t, r.POST.get("consensus", ""), _flag(r, "coordination_done")),
        "议题已审核。",
    ),
    "step": (
        lambda r, t: actions.record_step(actor(r), t, r.POST.get("step", ""), r.POST.get("evidence", "")),
        "已登记程序。",
    ),
    "paper": (
        lambda r, t: actions.add_paper(actor(r), t, r.POST.get("name", ""), _file(r)),
        "材料已上传。",
    ),
    "drop": (lambda r, t: actions.drop_topic(actor(r), t, r.POST.get("reason", "")), "议题已撤下。"),
}


def _file(request: HttpRequest) -> UploadedFile:
    upload = request.FILES.get("file")
    if not isinstance(upload, UploadedFile):
        raise InvalidInput(_("请选择材料文件。"), field="file")
    return upload


@login_required
@require_POST
def topic_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    t = get_object_or_404(topics_visible_to(actor(request)), pk=pk)
    if action not in TOPIC_ACTS:
        raise Http404
    call, done = TOPIC_ACTS[action]
    _run(request, lambda: call(request, t), done)
    return redirect(request.POST.get("next") or reverse("web:meeting_topics"))


@login_required
@require_POST
def paper_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    paper = get_object_or_404(papers_visible_to(actor(request)), pk=pk)
    if action == "check":
        _run(request, lambda: actions.check_paper(actor(request), paper), "材料已审核。")
    elif action == "print":
        _run(request, lambda: actions.approve_print(actor(request), paper), "材料已批印。")
    else:
        raise Http404
    return redirect(request.POST.get("next") or reverse("web:meeting_topics"))


@login_required
def paper_download(request: HttpRequest, pk: int) -> FileResponse:
    # 404 exactly as for a paper that does not exist when the reader has no need to know (art. 40)
    paper = get_object_or_404(papers_visible_to(actor(request)), pk=pk)
    return FileResponse(paper.file.open("rb"), as_attachment=True, filename=paper.file.name.rsplit("/", 1)[-1])


# ---------------------------------------------------------------- prefecture-wide meetings (art. 44)


@login_required
def wide_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    unit_ids = {p.unit_id for p in positions_of(user)}
    if request.method == "POST":
        p = request.POST
        _run(
            request,
            lambda: actions.create_request(
                user,
                unit=_unit(p.get("unit", "")) or _missing("unit"),
                title=p.get("title", ""),
                date=_date(p.get("date", ""), "date"),
                venue=p.get("venue", ""),
                city=p.get("city", "阿图什市"),
                outside_reason=p.get("outside_reason", ""),
                high_end_hotel=_flag(request, "high_end_hotel"),
                scenic_area=_flag(request, "scenic_area"),
                invites_county_heads=_flag(request, "invites_county_heads"),
                video_conference=_flag(request, "video_conference"),
                budget=p.get("budget", "0") or "0",
                exception_reason=p.get("exception_reason", ""),
            ),
            "申请已保存。",
        )
        return redirect("web:meeting_wide")
    requests = list(wide_requests_visible_to(user).select_related("unit", "consent_by", "decided_by"))
    for r in requests:
        r.acts = selectors.allowed_actions(user, r)  # type: ignore[attr-defined]
    return render(
        request,
        "web/meetings/wide.html",
        {
            "requests": requests,
            "units": Unit.objects.filter(pk__in=unit_ids),
        },
    )


@login_required
@require_POST
def wide_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    req = get_object_or_404(wide_requests_visible_to(actor(request)), pk=pk)
    user = actor(request)
    acts: dict[str, Callable[[], Any]] = {
        "consent": lambda: actions.consent_request(user, req),
        "submit": lambda: actions.submit_request(user, req),
        "approve": lambda: actions.decide_request(
            user,
            req,
            True,
            grant_exception=_flag(request, "grant_exception"),
            approve_county_heads=_flag(request, "approve_county_heads"),
        ),
        "refuse": lambda: actions.decide_request(user, req, False),
    }
    if action not in acts:
        raise Http404
    _run(request, acts[action], "已办理。")
    return redirect("web:meeting_wide")


# ---------------------------------------------------------------- iCalendar feeds


def person_feed(request: HttpRequest, key: str) -> HttpResponse:
    """A person's meetings; the secret key in the address stands in for a login (calendar clients cannot log in)."""
    person = services.person_for_key(key)
    if person is None:
        raise Http404
    body = services.ical(services.meetings_for(person), f"{person.name}的会议")
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def keyed_kind_feed(request: HttpRequest, key: str, kind: str) -> HttpResponse:
    """Every meeting of one type, for a calendar client holding a person's secret key."""
    if services.person_for_key(key) is None:
        raise Http404
    return _kind_feed(kind)


@login_required
def kind_feed(request: HttpRequest, kind: str) -> HttpResponse:
    return _kind_feed(kind)


def _kind_feed(kind: str) -> HttpResponse:
    if kind not in MeetingKind.values:
        raise Http404
    meetings = Meeting.objects.filter(kind=kind).exclude(state=MeetingState.PROPOSED).select_related("chair")
    return HttpResponse(
        services.ical(meetings, str(MeetingKind(kind).label)), content_type="text/calendar; charset=utf-8"
    )
