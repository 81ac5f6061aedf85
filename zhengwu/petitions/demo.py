"""Demo petitions: a few cases with fictional petitioners (marked as demo data).  Idempotent."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from zhengwu.org.models import Unit
from zhengwu.petitions.models import Channel, Petition, Petitioner, State
from zhengwu.rulebook.services import version_in_force
from zhengwu.workdays.services import UnknownYearError, calendar

# number, channel, received (days before today), summary, unit, petitioner (fictional), accepted?,
# the unit the letter accuses (检举、控告; its case goes to the 信访局 itself, 《信访工作条例》)
CASES: list[tuple[str, str, int, str, str, tuple[str, str, str, str], bool, str]] = [
    (
        "克信访〔演示〕1号",
        Channel.LETTER,
        5,
        "反映某乡村小学校舍漏雨，请求尽快维修。",
        "jyj",
        ("演示·王某某", "653001199001010011", "13800000001", "阿图什市演示路1号"),
        False,
        "",
    ),
    (
        "克信访〔演示〕2号",
        Channel.VISIT,
        20,
        "反映征地补偿款未按时足额发放。",
        "zrzyj",
        ("演示·李某某", "653022198505050022", "13900000002", "阿克陶县演示村2组"),
        True,
        "",
    ),
    (
        "克信访〔演示〕3号",
        Channel.LETTER,
        10,
        "检举财政局某工作人员在专项资金拨付中索要好处费。",
        "czj",
        ("演示·赵某某", "653001198808080033", "13700000003", "阿图什市演示街3号"),
        True,
        "czj",
    ),
]


def load_demo() -> bool:
    if Petition.objects.filter(is_demo=True).exists():
        return False
    clerk = get_user_model().objects.filter(username="xfj_head").first()
    if clerk is None:
        return False
    today = timezone.localdate()
    version = version_in_force(today)
    cal = calendar()
    created = False
    bureau = Unit.objects.filter(code="xfj").first()
    for number, channel, ago, summary, code, (name, id_no, phone, address), accepted, accused in CASES:
        unit = Unit.objects.filter(code=code).first()
        accused_unit = Unit.objects.filter(code=accused).first() if accused else None
        if unit is None:
            continue
        handler = bureau if accused_unit is not None and accused_unit == unit else unit
        received = today - dt.timedelta(days=ago)
        try:
            accept_due = cal.add_days(received, 15)
            handle_due = cal.add_days(received + dt.timedelta(days=3), 60) if accepted else None
        except UnknownYearError:
            continue
        petition = Petition.objects.create(
            number=number,
            channel=channel,
            received_on=received,
            summary=summary,
            unit_concerned=unit,
            accused_unit=accused_unit,
            accused_person="演示·某工作人员" if accused_unit else "",
            handling_unit=handler if accepted else None,
            state=State.HANDLING if accepted else State.REGISTERED,
            accept_due=accept_due,
            accepted_on=received + dt.timedelta(days=3) if accepted else None,
            accept_told_how="书面告知" if accepted else "",
            handle_due=handle_due,
            rulebook_version=version,
            created_by=clerk,
            created_at=timezone.now(),
            is_demo=True,
        )
        Petitioner.objects.create(
            petition=petition, name=name, id_number=id_no, phone=phone, address=address, is_demo=True
        )
        created = True
    return created
