"""Demo meetings on the calendar in December 2026 (idempotent; created through the actions)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction

from zhengwu.meetings.models import Meeting

TITLE_EXEC = "州人民政府第十二次常务会议（演示）"
TITLE_STUDY = "州人民政府专题学习（演示）"
TITLE_TOPIC = "重大项目推进专题会议（演示）"


@transaction.atomic
def load_demo() -> bool:
    from zhengwu.meetings import actions
    from zhengwu.org.models import Unit

    users = get_user_model().objects
    if Meeting.objects.filter(title=TITLE_EXEC).exists() or not users.filter(username="clerk_huiwu").exists():
        return False
    clerk = users.get(username="clerk_huiwu")
    actions.create_meeting(
        clerk,
        kind="executive",
        title=TITLE_EXEC,
        date=dt.date(2026, 12, 15),
        start_time=dt.time(10, 0),
        place="州政府第一会议室",
    )
    actions.create_meeting(
        clerk,
        kind="study",
        title=TITLE_STUDY,
        date=dt.date(2026, 12, 22),
        start_time=dt.time(16, 0),
        place="州政府第二会议室",
        study_topic="学习《重大行政决策程序暂行条例》",
    )
    actions.create_meeting(
        users.get(username="vice_liu"),
        kind="topic",
        title=TITLE_TOPIC,
        date=dt.date(2026, 12, 9),
        start_time=dt.time(11, 0),
        place="州发展改革委会议室",
        unit=Unit.objects.get(code="fgw"),
    )
    return True
