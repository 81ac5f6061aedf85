"""Demo requests (fictional; marked as demo data): a signed article awaiting the 州长, a foreign
guest awaiting the 外事办's review, and a delegation back home whose report is due.  Idempotent."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from zhengwu.approvals import rules
from zhengwu.approvals.models import ApprovalRequest, Kind, State
from zhengwu.org.models import Person, Unit
from zhengwu.rulebook.services import version_in_force, view_of
from zhengwu.workdays.services import calendar


def load_demo() -> bool:
    if ApprovalRequest.objects.filter(is_demo=True).exists():
        return False
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["jyj_head", "wsb_clerk", "fgw_head"])}
    units = {u.code: u for u in Unit.objects.filter(code__in=["jyj", "wsb", "fgw"])}
    if len(users) < 3 or len(units) < 3:
        return False
    today = timezone.localdate()
    version = version_in_force(today)
    rb = view_of(version)
    now = timezone.now()
    author = Person.objects.filter(user=users["jyj_head"]).first()
    common = {"rulebook_version": version, "created_at": now, "is_demo": True}
    ApprovalRequest.objects.create(
        kind=Kind.SIGNED_ARTICLE,
        title="《办好人民满意的教育》署名文章",
        summary="拟在《克孜勒苏日报》发表，介绍全州教育工作。",
        counterpart="克孜勒苏日报",
        unit=units["jyj"],
        author=author,
        approver=rules.approver_of(Kind.SIGNED_ARTICLE, rb)[0],
        created_by=users["jyj_head"],
        **common,
    )
    ApprovalRequest.objects.create(
        kind=Kind.FOREIGN_MEETING,
        title="会见吉尔吉斯斯坦友好城市代表团",
        summary="代表团一行8人来州考察口岸经贸合作。",
        counterpart="吉尔吉斯斯坦奥什州经贸代表团（演示）",
        unit=units["wsb"],
        planned_on=today + dt.timedelta(days=14),
        approver=rules.approver_of(Kind.FOREIGN_MEETING, rb)[0],
        created_by=users["wsb_clerk"],
        **common,
    )
    departed, returned = today - dt.timedelta(days=12), today - dt.timedelta(days=5)
    ApprovalRequest.objects.create(
        kind=Kind.DELEGATION,
        title="赴哈萨克斯坦考察口岸物流",
        summary="考察阿拉木图物流园区。",
        counterpart="哈萨克斯坦",
        unit=units["fgw"],
        planned_on=departed,
        until=returned,
        members=4,
        approver=rules.approver_of(Kind.DELEGATION, rb)[0],
        state=State.RETURNED,
        review_opinion="同意，按规定控制团组规模。",
        approved_on=departed - dt.timedelta(days=10),
        returned_on=returned,
        report_due=rules.report_due(returned, rb, calendar()),
        created_by=users["fgw_head"],
        **common,
    )
    return True
