"""Demo suggestions and proposals (fictional; marked as demo data).  Idempotent and fast."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from zhengwu.org.models import Unit
from zhengwu.rulebook.services import version_in_force, view_of
from zhengwu.suggestions import rules
from zhengwu.suggestions.models import CoUnitOpinion, Kind, State, Suggestion
from zhengwu.workdays.services import UnknownYearError, calendar

SESSION = "州十五届人大三次会议（演示）"
CASES = [
    (
        Kind.SUGGESTION,
        "演示-12",
        "关于加强农村寄宿制学校建设的建议",
        "演示代表甲、演示代表乙",
        SESSION,
        "jyj",
        ["czj"],
        40,
    ),
    (
        Kind.PROPOSAL,
        "演示-7",
        "关于加快重点项目前期工作的提案",
        "演示委员丙",
        "州政协十二届三次会议（演示）",
        "fgw",
        ["zrzyj"],
        0,
    ),
]


def load_demo() -> bool:
    if Suggestion.objects.filter(is_demo=True).exists():
        return False
    clerk = get_user_model().objects.filter(username="clerk_ducha").first()
    if clerk is None:
        return False
    today = timezone.localdate()
    version = version_in_force(today)
    rb = view_of(version)
    cal = calendar()
    created = False
    for kind, number, title, proposers, session, lead, co, ago in CASES:
        lead_unit = Unit.objects.filter(code=lead).first()
        if lead_unit is None:
            continue
        assigned = today - dt.timedelta(days=ago)
        try:
            due = rules.answer_due(assigned, rb, cal) if ago else None
            co_due = rules.co_unit_due(due, assigned, rb, cal) if due else None
        except UnknownYearError:
            continue
        s = Suggestion.objects.create(
            kind=kind,
            number=number,
            title=title,
            text=f"{title}（演示内容）。",
            proposers=proposers,
            session=session,
            received_on=assigned - dt.timedelta(days=5),
            state=State.HANDLING if due else State.REGISTERED,
            lead_unit=lead_unit if due else None,
            assigned_on=assigned if due else None,
            due=due,
            co_due=co_due,
            rulebook_version=version,
            created_by=clerk,
            created_at=timezone.now(),
            is_demo=True,
        )
        if due and co_due:
            for unit in Unit.objects.filter(code__in=co):
                CoUnitOpinion.objects.create(suggestion=s, unit=unit, due=co_due)
        created = True
    return created
