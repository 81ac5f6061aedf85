"""会议 actions (arts. 24-25, 28, 37-47): one function per thing a user does.

Other areas put their matters on an agenda with :func:`request_topic` (``subject=`` the matter)."""

from zhengwu.meetings.actions.agenda import (
    add_paper,
    approve_print,
    check_paper,
    collect_topic,
    confirm_agenda,
    distribute_papers,
    drop_topic,
    record_step,
    request_topic,
    review_topic,
    schedulable,
)
from zhengwu.meetings.actions.attendance import decide_leave, name_deputy, register_staff, request_leave
from zhengwu.meetings.actions.meetings import (
    cancel_meeting,
    consent,
    create_meeting,
    hold,
    invite_sitting_in,
    reschedule,
    roll_call,
)
from zhengwu.meetings.actions.minutes import (
    add_decision,
    approve_press,
    complete_task,
    draft_minutes,
    draft_press,
    link_document,
    review_major,
    send_to_supervision,
    sign_minutes,
)
from zhengwu.meetings.actions.wide import consent_request, create_request, decide_request, submit_request

__all__ = [
    "add_decision",
    "add_paper",
    "approve_press",
    "approve_print",
    "cancel_meeting",
    "check_paper",
    "collect_topic",
    "complete_task",
    "confirm_agenda",
    "consent",
    "consent_request",
    "create_meeting",
    "create_request",
    "decide_leave",
    "decide_request",
    "distribute_papers",
    "draft_minutes",
    "draft_press",
    "drop_topic",
    "hold",
    "invite_sitting_in",
    "link_document",
    "name_deputy",
    "record_step",
    "register_staff",
    "request_leave",
    "request_topic",
    "reschedule",
    "review_major",
    "review_topic",
    "roll_call",
    "schedulable",
    "send_to_supervision",
    "sign_minutes",
    "submit_request",
]
