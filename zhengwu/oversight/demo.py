"""Demo reconsideration and suit cases (fictional; marked as demo data).  Idempotent and fast.
(Findings are not loaded as demo: each opens a supervision item.)"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from zhengwu.org.models import Unit
from zhengwu.oversight import rules
from zhengwu.oversight.models import Case, CaseKind, CaseState
from zhengwu.rulebook.services import version_in_force, view_of
from zhengwu.workdays.services import UnknownYearError, calendar

CASES = [
    (
        CaseKind.RECONSIDERATION,
        "克政复〔演示〕3号",
        "不服土地登记行为申请行政复议",
        "州人民政府",
        "演示申请人甲",
        "zrzyj",
        4,
    ),
    (CaseKind.SUIT, "（演示）新30行初5号", "诉政府信息公开答复", "克孜勒苏中级人民法院", "演示原告乙", "fgw", 2),
]


def load_demo() -> bool:
    if Case.objects.filter(is_demo=True).exists():
        return False
    clerk = get_user_model().objects.filter(username="sfj_clerk").first()
    if clerk is None:
        return False
    today = timezone.localdate()
    version = version_in_force(today)
    rb = view_of(version)
    created = False
    for kind, number, title, organ, party, code, ago in CASES:
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            continue
        received = today - dt.timedelta(days=ago)
        try:
            limits = rules.deadlines(kind, received, received, rb, calendar())
        except UnknownYearError:
            continue
        Case.objects.create(
            kind=kind,
            case_number=number,
            title=title,
            organ=organ,
            counterparty=party,
            unit_concerned=unit,
            received_on=received,
            accepted_on=received if kind == CaseKind.RECONSIDERATION else None,
            answer_due=limits.answer_due,
            decision_due=limits.decision_due,
            state=CaseState.OPEN,
            rulebook_version=version,
            created_by=clerk,
            created_at=timezone.now(),
            is_demo=True,
        )
        created = True
    return created
