"""API for 会议 (issue 4, arts. 24-25, 28, 37-47).

Thin: every write calls the one action in :mod:`zhengwu.meetings.actions` the web pages call.  Refusals
are 403 with their articles, bad input 422, a year with no calendar 409 (:mod:`zhengwu.apis.errors`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from zhengwu.apis.auth import current_user
from zhengwu.apis.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    ActionOut,
    ErrorOut,
    ProvisionalDues,
    actions_out,
    provisional_flag,
)
from zhengwu.core.decisions import InvalidInput
from zhengwu.core.i18n import _
from zhengwu.documents.services import documents_visible_to
from zhengwu.meetings import actions, selectors, services
from zhengwu.meetings.models import (
    FollowUp,
    Invitation,
    Meeting,
    Paper,
    PrefectureMeetingRequest,
    Topic,
)
from zhengwu.meetings.visibility import (
    follow_ups_visible_to,
    papers_visible_to,
    topics_visible_to,
    wide_requests_visible_to,
)
from zhengwu.org.models import Person, Unit

router = Router(tags=["meetings"])


class InvitationOut(Schema):
    id: int
    person_id: int
    person: str
    role: str
    unit: str | None
    leave_state: str
    leave_reason: str
    deputy: str | None
    present: bool | None
    actions: list[ActionOut] = Field(
        default_factory=list, description="调用者现在可办理的操作及不能办理的理由（列表中为空，详情中列出）"
    )


class TopicOut(Schema):
    id: int
    title: str
    unit: str
    state: str
    meeting_id: int | None
    consensus: str
    coordination_done: bool
    required_steps: list[str]
    steps_done: list[str]
    papers: list[dict[str, object]] = Field(description="会议材料；每份列出调用者现在可办理的操作（actions）")
    actions: list[ActionOut] = Field(
        default_factory=list, description="调用者现在可办理的操作及不能办理的理由（列表中为空，详情中列出）"
    )


class FollowUpOut(ProvisionalDues):
    id: int
    kind: str
    title: str
    due: dt.date | None
    due_provisional: bool = provisional_flag()
    status: str
    document_id: int | None
    owner_unit: str | None
    supervision_ref: str
    actions: list[ActionOut] = Field(
        default_factory=list, description="调用者现在可办理的操作及不能办理的理由（列表中为空，详情中列出）"
    )


class DecisionOut(Schema):
    id: int
    text: str
    secret: bool
    follow_ups: list[FollowUpOut]


class MeetingOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    date: dt.date
    start_time: dt.time
    place: str
    state: str
    chair: str
    sequence: int


class MeetingDetailOut(MeetingOut):
    invitations: list[InvitationOut]
    topics: list[TopicOut]
    decisions: list[DecisionOut]
    minutes_text: str
    minutes_signed_by: str | None
    press_text: str
    press_approved_by: str | None
    actions: list[ActionOut] = Field(
        default_factory=list,
        description="会议的各项办理操作及调用者现在可否办理（与网页所示一致，依据与写接口相同的规则）",
    )


class MeetingIn(Schema):
    kind: str
    title: str
    date: dt.date
    start_time: dt.time | None = None
    place: str = ""
    unit: str | None = None
    decision_making: bool = False
    on_site: bool = False
    study_topic: str = ""
    sitting_in: list[int] = Field(default_factory=list)


class TopicIn(Schema):
    unit: str
    title: str
    summary: str = ""
    kind: str = "executive"
    touches_projects: bool = False
    touches_funds: bool = False
    touches_staffing: bool = False
    touches_rewards: bool = False
    major_decision: bool = False
    public_interest: bool = False
    market_activity: bool = False


class ReviewIn(Schema):
    consensus: str
    coordination_done: bool


class StepIn(Schema):
    step: str
    evidence: str


class CollectIn(Schema):
    meeting_id: int


class ReasonIn(Schema):
    reason: str = ""


class RescheduleIn(Schema):
    date: dt.date
    start_time: dt.time | None = None
    place: str | None = None


class PeopleIn(Schema):
    people: list[int]


class RollCallIn(Schema):
    present: dict[int, bool]


class TextIn(Schema):
    text: str
    major_matters: bool | None = None
    escalated: bool = False


class DecisionIn(Schema):
    text: str
    secret: bool = False
    document_title: str = ""
    task_title: str = ""
    task_unit: str | None = None
    task_person_id: int | None = None
    task_due: dt.date | None = None


class ApproveIn(Schema):
    approve: bool
    note: str = ""


class DeputyIn(Schema):
    person_id: int


class StaffIn(Schema):
    unit: str
    person_id: int


class DocumentLinkIn(Schema):
    document_id: int


class CadenceOut(Schema):
    kind: str
    label: str
    count: int
    expected: str
    ok: bool
    message: str


class WideIn(Schema):
    unit: str
    title: str
    date: dt.date
    venue: str
    city: str = "阿图什市"
    outside_reason: str = ""
    high_end_hotel: bool = False
    scenic_area: bool = False
    invites_county_heads: bool = False
    video_conference: bool = True
    budget: Decimal = Decimal(0)
    exception_reason: str = ""


class WideDecideIn(Schema):
    approve: bool
    grant_exception: bool = False
    approve_county_heads: bool = False


class WideOut(Schema):
    id: int
    unit: str
    title: str
    date: dt.date
    city: str
    outside_atushi: bool
    state: str
    exception_approved: bool
    county_heads_approved: bool
    video_conference: bool
    budget: Decimal
    actions: list[ActionOut] = Field(
        default_factory=list, description="调用者现在可办理的操作及不能办理的理由（列表中为空，详情中列出）"
    )


def _unit(code: str | None, field: str) -> Unit | None:
    if not code:
        return None
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise InvalidInput(_("没有代码为“{code}”的单位。", code=code), field=field)
    return unit


def _required_unit(code: str | None, field: str) -> Unit:
    unit = _unit(code, field)
    if unit is None:
        raise InvalidInput(_("请填写单位代码。"), field=field)
    return unit


def _required_person(pk: int | None, field: str) -> Person:
    person = _person(pk, field)
    if person is None:
        raise InvalidInput(_("请选择人员。"), field=field)
    return person


def _person(pk: int | None, field: str) -> Person | None:
    if pk is None:
        return None
    person = Person.objects.filter(pk=pk).first()
    if person is None:
        raise InvalidInput(_("没有编号为{pk}的人员。", pk=pk), field=field)
    return person


def _meeting_out(m: Meeting) -> MeetingOut:
    return MeetingOut(
        id=m.pk,
        kind=m.kind,
        kind_label=m.get_kind_display(),
        title=m.title,
        date=m.date,
        start_time=m.start_time,
        place=m.place,
        state=m.state,
        chair=m.chair.name,
        sequence=m.sequence,
    )


def _acts(user: AbstractBaseUser | None, obj: selectors.Record) -> list[ActionOut]:
    """What ``user`` may do on ``obj`` now (:func:`zhengwu.meetings.selectors.available_actions`);
    nothing in a listing (``user`` None), where it would cost a check per row."""
    return actions_out(selectors.available_actions(user, obj)) if user is not None else []


# Objects a caller may not see answer 404, exactly as ids that do not exist (need to know).


def _topic(request: HttpRequest, topic_id: int) -> Topic:
    return get_object_or_404(topics_visible_to(current_user(request)), pk=topic_id)


def _paper(request: HttpRequest, paper_id: int) -> Paper:
    return get_object_or_404(papers_visible_to(current_user(request)), pk=paper_id)


def _follow_up(request: HttpRequest, follow_up_id: int) -> FollowUp:
    return get_object_or_404(follow_ups_visible_to(current_user(request)), pk=follow_up_id)


def _wide(request: HttpRequest, request_id: int) -> PrefectureMeetingRequest:
    return get_object_or_404(wide_requests_visible_to(current_user(request)), pk=request_id)


def _topic_out(t: Topic, user: AbstractBaseUser | None = None) -> TopicOut:
    from zhengwu.meetings import rules

    return TopicOut(
        id=t.pk,
        title=t.title,
        unit=t.unit.code,
        state=t.state,
        meeting_id=t.meeting_id,
        consensus=t.consensus,
        coordination_done=t.coordination_done,
        required_steps=list(rules.required_steps(t.major_decision, t.public_interest, t.market_activity)),
        steps_done=[s.step for s in t.steps.all()],
        papers=[
            {
                "id": p.pk,
                "name": p.name,
                "sm3": p.sm3,
                "checked": p.checked_at is not None,
                "print_approved": p.print_approved_at is not None,
                "distributed": p.distributed_at is not None,
                "late": p.late,
                "actions": [a.dict() for a in _acts(user, p)],
            }
            for p in t.papers.all()
        ],
        actions=_acts(user, t),
    )


def _detail(pk: int, request: HttpRequest) -> MeetingDetailOut:
    m = Meeting.objects.select_related("chair", "minutes_signed_by", "press_approved_by").get(pk=pk)
    user = current_user(request)
    base = _meeting_out(m).dict()
    return MeetingDetailOut(
        **base,
        invitations=[_inv_out(i, user) for i in m.invitations.select_related("person", "unit", "deputy")],
        topics=[_topic_out(t, user) for t in m.topics.select_related("unit")],
        decisions=[
            DecisionOut(
                id=d.pk,
                text=d.text,
                secret=d.secret,
                follow_ups=[
                    _fu_out(f, user) for f in d.follow_ups.select_related("document", "owner_unit", "publication")
                ],
            )
            for d in m.decisions.all()
        ],
        minutes_text=m.minutes_text,
        minutes_signed_by=m.minutes_signed_by.name if m.minutes_signed_by else None,
        press_text=m.press_text,
        press_approved_by=m.press_approved_by.name if m.press_approved_by else None,
        actions=_acts(user, m),
    )


def _m(pk: int) -> Meeting:
    return get_object_or_404(Meeting, pk=pk)


# ---------------------------------------------------------------- meetings


@router.get("/meetings", response={200: list[MeetingOut], **READ_ERRORS}, summary="会议日历")
def list_meetings(
    request: HttpRequest, kind: str = "", start: dt.date | None = None, end: dt.date | None = None
) -> list[MeetingOut]:
    current_user(request)
    qs = Meeting.objects.select_related("chair")
    if kind:
        qs = qs.filter(kind=kind)
    if start:
        qs = qs.filter(date__gte=start)
    if end:
        qs = qs.filter(date__lte=end)
    return [_meeting_out(m) for m in qs[:500]]


@router.post("/meetings", response={201: MeetingDetailOut, **WRITE_ERRORS}, summary="安排会议")
def create_meeting(request: HttpRequest, payload: MeetingIn) -> Status[MeetingDetailOut]:
    user = current_user(request)
    people = [p for pk in payload.sitting_in if (p := _person(pk, "sitting_in")) is not None]
    m = actions.create_meeting(
        user,
        kind=payload.kind,
        title=payload.title,
        date=payload.date,
        start_time=payload.start_time,
        place=payload.place,
        unit=_unit(payload.unit, "unit"),
        decision_making=payload.decision_making,
        on_site=payload.on_site,
        study_topic=payload.study_topic,
        sitting_in=people,
    )
    return Status(201, _detail(m.pk, request))


@router.get(
    "/meetings/cadence",
    response={200: list[CadenceOut], **READ_ERRORS},
    summary="会议频次（第三十八、三十九、四十七条）",
)
def cadence(request: HttpRequest) -> list[CadenceOut]:
    current_user(request)
    return [
        CadenceOut(
            kind=c.kind, label=c.label, count=c.count, expected=c.expected, ok=c.ok, message=c.decision.explanation
        )
        for c in services.cadence_lines(timezone.localdate())
    ]


@router.get("/meetings/topics", response={200: list[TopicOut], **READ_ERRORS}, summary="议题")
def list_topics(request: HttpRequest, state: str = "") -> list[TopicOut]:
    qs = topics_visible_to(
        current_user(request), Topic.objects.select_related("unit").prefetch_related("steps", "papers")
    )
    if state:
        qs = qs.filter(state=state)
    return [_topic_out(t) for t in qs[:500]]


@router.post("/meetings/topics", response={201: TopicOut, **WRITE_ERRORS}, summary="申请上会议题")
def request_topic(request: HttpRequest, payload: TopicIn) -> Status[TopicOut]:
    user = current_user(request)
    data = payload.dict()
    unit = _required_unit(data.pop("unit"), "unit")
    t = actions.request_topic(user, unit=unit, **data)
    return Status(201, _topic_out(t, current_user(request)))


@router.post(
    "/meetings/topics/{int:topic_id}/review",
    response={200: TopicOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="分管领导审核协调议题",
)
def review_topic(request: HttpRequest, topic_id: int, payload: ReviewIn) -> TopicOut:
    t = actions.review_topic(
        current_user(request),
        _topic(request, topic_id),
        payload.consensus,
        payload.coordination_done,
    )
    return _topic_out(t, current_user(request))


@router.post(
    "/meetings/topics/{int:topic_id}/steps",
    response={200: TopicOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="登记重大事项程序（第二十四、二十五条）",
)
def record_step(request: HttpRequest, topic_id: int, payload: StepIn) -> TopicOut:
    t = _topic(request, topic_id)
    actions.record_step(current_user(request), t, payload.step, payload.evidence)
    return _topic_out(t, current_user(request))


@router.post(
    "/meetings/topics/{int:topic_id}/collect",
    response={200: TopicOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="办公室汇总议题",
)
def collect_topic(request: HttpRequest, topic_id: int, payload: CollectIn) -> TopicOut:
    t = actions.collect_topic(
        current_user(request),
        _topic(request, topic_id),
        _m(payload.meeting_id),
    )
    return _topic_out(t, current_user(request))


@router.post(
    "/meetings/topics/{int:topic_id}/drop", response={200: TopicOut, 404: ErrorOut, **WRITE_ERRORS}, summary="撤下议题"
)
def drop_topic(request: HttpRequest, topic_id: int, payload: ReasonIn) -> TopicOut:
    return _topic_out(
        actions.drop_topic(
            current_user(request),
            _topic(request, topic_id),
            payload.reason,
        ),
        current_user(request),
    )


@router.post(
    "/meetings/topics/{int:topic_id}/papers",
    response={201: TopicOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="上传会议材料",
)
def add_paper(request: HttpRequest, topic_id: int, file: File[UploadedFile], name: Form[str] = "") -> Status[TopicOut]:
    t = _topic(request, topic_id)
    actions.add_paper(current_user(request), t, name, file)
    return Status(201, _topic_out(t, current_user(request)))


@router.post(
    "/meetings/papers/{int:paper_id}/check",
    response={200: TopicOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="办公室审核会议材料",
)
def check_paper(request: HttpRequest, paper_id: int) -> TopicOut:
    p = actions.check_paper(current_user(request), _paper(request, paper_id))
    return _topic_out(p.topic, current_user(request))


@router.post(
    "/meetings/papers/{int:paper_id}/print",
    response={200: TopicOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="州长批印会议材料",
)
def approve_print(request: HttpRequest, paper_id: int) -> TopicOut:
    p = actions.approve_print(current_user(request), _paper(request, paper_id))
    return _topic_out(p.topic, current_user(request))


@router.get(
    "/meetings/{int:meeting_id}", response={200: MeetingDetailOut, 404: ErrorOut, **READ_ERRORS}, summary="会议详情"
)
def meeting_detail(request: HttpRequest, meeting_id: int) -> MeetingDetailOut:
    current_user(request)
    return _detail(_m(meeting_id).pk, request)


def _simple(verb: str, summary: str) -> None:
    def view(request: HttpRequest, meeting_id: int) -> MeetingDetailOut:
        getattr(actions, verb)(current_user(request), _m(meeting_id))
        return _detail(meeting_id, request)

    view.__name__ = f"meeting_{verb}"
    router.post(
        f"/meetings/{{int:meeting_id}}/{verb.replace('_', '-')}",
        response={200: MeetingDetailOut, 404: ErrorOut, **WRITE_ERRORS},
        summary=summary,
    )(view)


_simple("consent", "州长同意召开决策性专题会议")
_simple("confirm_agenda", "州长确定议题")
_simple("distribute_papers", "分送会议材料")
_simple("hold", "登记会议召开")
_simple("review_major", "州长审核专题会议纪要")
_simple("sign_minutes", "签发会议纪要（第四十二、四十三条）")
_simple("approve_press", "审核新闻稿")


@router.post(
    "/meetings/{int:meeting_id}/cancel",
    response={200: MeetingDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="取消会议",
)
def cancel(request: HttpRequest, meeting_id: int, payload: ReasonIn) -> MeetingDetailOut:
    actions.cancel_meeting(current_user(request), _m(meeting_id), payload.reason)
    return _detail(meeting_id, request)


@router.post(
    "/meetings/{int:meeting_id}/reschedule",
    response={200: MeetingDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="调整会议时间",
)
def reschedule(request: HttpRequest, meeting_id: int, payload: RescheduleIn) -> MeetingDetailOut:
    actions.reschedule(
        current_user(request), _m(meeting_id), date=payload.date, start_time=payload.start_time, place=payload.place
    )
    return _detail(meeting_id, request)


@router.post(
    "/meetings/{int:meeting_id}/sitting-in",
    response={200: MeetingDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="邀请列席",
)
def sitting_in(request: HttpRequest, meeting_id: int, payload: PeopleIn) -> MeetingDetailOut:
    people = [p for pk in payload.people if (p := _person(pk, "people")) is not None]
    actions.invite_sitting_in(current_user(request), _m(meeting_id), people)
    return _detail(meeting_id, request)


@router.post(
    "/meetings/{int:meeting_id}/roll-call",
    response={200: MeetingDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="会议点名",
)
def roll_call(request: HttpRequest, meeting_id: int, payload: RollCallIn) -> MeetingDetailOut:
    actions.roll_call(current_user(request), _m(meeting_id), payload.present)
    return _detail(meeting_id, request)


@router.post(
    "/meetings/{int:meeting_id}/staff",
    response={200: MeetingDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="登记随行工作人员",
)
def register_staff(request: HttpRequest, meeting_id: int, payload: StaffIn) -> MeetingDetailOut:
    unit = _required_unit(payload.unit, "unit")
    person = _required_person(payload.person_id, "person_id")
    actions.register_staff(current_user(request), _m(meeting_id), unit, person)
    return _detail(meeting_id, request)


@router.put(
    "/meetings/{int:meeting_id}/minutes",
    response={200: MeetingDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="起草会议纪要",
)
def draft_minutes(request: HttpRequest, meeting_id: int, payload: TextIn) -> MeetingDetailOut:
    actions.draft_minutes(current_user(request), _m(meeting_id), payload.text, payload.major_matters)
    return _detail(meeting_id, request)


@router.post(
    "/meetings/{int:meeting_id}/decisions",
    response={201: MeetingDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="登记议定事项",
)
def add_decision(request: HttpRequest, meeting_id: int, payload: DecisionIn) -> Status[MeetingDetailOut]:
    actions.add_decision(
        current_user(request),
        _m(meeting_id),
        payload.text,
        secret=payload.secret,
        document_title=payload.document_title,
        task_title=payload.task_title,
        task_unit=_unit(payload.task_unit, "task_unit"),
        task_person=_person(payload.task_person_id, "task_person_id"),
        task_due=payload.task_due,
    )
    return Status(201, _detail(meeting_id, request))


@router.put(
    "/meetings/{int:meeting_id}/press",
    response={200: MeetingDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="起草新闻稿",
)
def draft_press(request: HttpRequest, meeting_id: int, payload: TextIn) -> MeetingDetailOut:
    actions.draft_press(current_user(request), _m(meeting_id), payload.text, payload.escalated)
    return _detail(meeting_id, request)


# ---------------------------------------------------------------- invitations and follow-ups


@router.post(
    "/meetings/invitations/{int:invitation_id}/leave",
    response={200: InvitationOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="书面请假",
)
def request_leave(request: HttpRequest, invitation_id: int, payload: ReasonIn) -> InvitationOut:
    inv = actions.request_leave(current_user(request), get_object_or_404(Invitation, pk=invitation_id), payload.reason)
    return _inv_out(inv, current_user(request))


@router.post(
    "/meetings/invitations/{int:invitation_id}/leave/decide",
    response={200: InvitationOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="批准或不批准请假",
)
def decide_leave(request: HttpRequest, invitation_id: int, payload: ApproveIn) -> InvitationOut:
    inv = actions.decide_leave(
        current_user(request), get_object_or_404(Invitation, pk=invitation_id), payload.approve, payload.note
    )
    return _inv_out(inv, current_user(request))


@router.post(
    "/meetings/invitations/{int:invitation_id}/deputy",
    response={200: InvitationOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="指定代为出席人员",
)
def name_deputy(request: HttpRequest, invitation_id: int, payload: DeputyIn) -> InvitationOut:
    deputy = _person(payload.person_id, "person_id")
    assert deputy is not None
    inv = actions.name_deputy(current_user(request), get_object_or_404(Invitation, pk=invitation_id), deputy)
    return _inv_out(inv, current_user(request))


def _inv_out(i: Invitation, user: AbstractBaseUser | None = None) -> InvitationOut:
    return InvitationOut(
        id=i.pk,
        person_id=i.person_id,
        person=i.person.name,
        role=i.role,
        unit=i.unit.code if i.unit else None,
        leave_state=i.leave_state,
        leave_reason=i.leave_reason,
        deputy=i.deputy.name if i.deputy else None,
        present=i.present,
        actions=_acts(user, i),
    )


def _fu_out(f: FollowUp, user: AbstractBaseUser | None = None) -> FollowUpOut:
    return FollowUpOut(
        id=f.pk,
        kind=f.kind,
        title=f.title,
        due=f.due,
        status=services.follow_up_state(f, timezone.localdate()),
        document_id=f.document_id,
        owner_unit=f.owner_unit.code if f.owner_unit else None,
        supervision_ref=f.supervision_ref,
        actions=_acts(user, f),
    )


@router.post(
    "/meetings/follow-ups/{int:follow_up_id}/document",
    response={200: FollowUpOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="关联会议决定印发的文件",
)
def link_document(request: HttpRequest, follow_up_id: int, payload: DocumentLinkIn) -> FollowUpOut:
    fu = actions.link_document(
        current_user(request),
        _follow_up(request, follow_up_id),
        get_object_or_404(documents_visible_to(current_user(request)), pk=payload.document_id),
    )
    return _fu_out(fu, current_user(request))


@router.post(
    "/meetings/follow-ups/{int:follow_up_id}/done",
    response={200: FollowUpOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="登记落实任务完成",
)
def complete_task(request: HttpRequest, follow_up_id: int, payload: ReasonIn) -> FollowUpOut:
    return _fu_out(
        actions.complete_task(
            current_user(request),
            _follow_up(request, follow_up_id),
            payload.reason,
        ),
        current_user(request),
    )


@router.post(
    "/meetings/follow-ups/{int:follow_up_id}/supervise",
    response={200: FollowUpOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="交督查督办",
)
def supervise(request: HttpRequest, follow_up_id: int) -> FollowUpOut:
    return _fu_out(
        actions.send_to_supervision(current_user(request), _follow_up(request, follow_up_id)),
        current_user(request),
    )


# ---------------------------------------------------------------- prefecture-wide meetings (art. 44)


def _wide_out(r: PrefectureMeetingRequest, user: AbstractBaseUser | None = None) -> WideOut:
    return WideOut(
        id=r.pk,
        unit=r.unit.code,
        title=r.title,
        date=r.date,
        city=r.city,
        outside_atushi=r.outside_atushi,
        state=r.state,
        exception_approved=r.exception_approved,
        county_heads_approved=r.county_heads_approved,
        video_conference=r.video_conference,
        budget=r.budget,
        actions=_acts(user, r),
    )


@router.get("/meetings/wide", response={200: list[WideOut], **READ_ERRORS}, summary="全州性会议申请")
def list_wide(request: HttpRequest) -> list[WideOut]:
    rows = wide_requests_visible_to(current_user(request)).select_related("unit")
    return [_wide_out(r) for r in rows[:500]]


@router.post("/meetings/wide", response={201: WideOut, **WRITE_ERRORS}, summary="申请召开全州性会议")
def create_wide(request: HttpRequest, payload: WideIn) -> Status[WideOut]:
    data = payload.dict()
    unit = _required_unit(data.pop("unit"), "unit")
    return Status(
        201, _wide_out(actions.create_request(current_user(request), unit=unit, **data), current_user(request))
    )


@router.post(
    "/meetings/wide/{int:request_id}/consent",
    response={200: WideOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="分管领导同意",
)
def consent_wide(request: HttpRequest, request_id: int) -> WideOut:
    return _wide_out(
        actions.consent_request(current_user(request), _wide(request, request_id)),
        current_user(request),
    )


@router.post(
    "/meetings/wide/{int:request_id}/submit",
    response={200: WideOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="正式报请州政府",
)
def submit_wide(request: HttpRequest, request_id: int) -> WideOut:
    return _wide_out(
        actions.submit_request(current_user(request), _wide(request, request_id)),
        current_user(request),
    )


@router.post(
    "/meetings/wide/{int:request_id}/decide",
    response={200: WideOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="批准或不批准",
)
def decide_wide(request: HttpRequest, request_id: int, payload: WideDecideIn) -> WideOut:
    return _wide_out(
        actions.decide_request(
            current_user(request),
            _wide(request, request_id),
            payload.approve,
            grant_exception=payload.grant_exception,
            approve_county_heads=payload.approve_county_heads,
        ),
        current_user(request),
    )
