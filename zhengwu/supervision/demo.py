"""Demo material: a few supervision items in several states (idempotent, fast).

Items are opened through the actions with deadlines four to six months ahead (in 2027 when loaded
in late 2026), so their timers never fire inside the 2026 dates the tests travel to."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from zhengwu.org.models import Unit
from zhengwu.supervision.models import SupervisionItem

DEMO_TITLES = (
    "推进州级重点项目前期工作（演示）",
    "规范涉企收费专项清理（演示）",
    "校舍安全隐患排查整治（演示）",
)


@transaction.atomic
def load_demo() -> bool:
    from zhengwu.supervision import actions

    if SupervisionItem.objects.filter(title=DEMO_TITLES[0]).exists():
        return False
    users = get_user_model().objects
    clerk = users.filter(username="clerk_ducha").first()
    units = {u.code: u for u in Unit.objects.filter(code__in=["fgw", "czj", "jyj", "sfj"])}
    if clerk is None or len(units) < 4:
        return False
    today = timezone.localdate()
    actions.open_item(
        clerk,
        title=DEMO_TITLES[0],
        lead_unit=units["fgw"],
        co_units=[units["czj"]],
        due=today + dt.timedelta(days=120),
        origin="manual",
        description="完成可研批复，落实要素保障。",
    )
    second = actions.open_item(
        clerk,
        title=DEMO_TITLES[1],
        lead_unit=units["czj"],
        co_units=[units["sfj"]],
        due=today + dt.timedelta(days=150),
        origin="superior",
        description="自治区交办。",
    )
    third = actions.open_item(
        clerk, title=DEMO_TITLES[2], lead_unit=units["jyj"], due=today + dt.timedelta(days=180), origin="manual"
    )
    czj_head = users.filter(username="czj_head").first()
    jyj_head = users.filter(username="jyj_head").first()
    if czj_head is not None:
        actions.report_done(czj_head, second, "已完成清理，取消收费项目3项。")
    if jyj_head is not None:
        actions.report_done(jyj_head, third, "排查学校42所，隐患全部整改。")
        actions.verify(clerk, third, "经实地核查，整改到位。")
    return True
