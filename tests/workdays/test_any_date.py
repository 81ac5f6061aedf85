"""Nothing depends on today's date (art. 63: every time limit runs on the calendar, whatever the year).

On a fresh database, with the clock on 28 December of the last year that has an official schedule
and then two years past it, the whole demo loads (no area skipped) and a 请示 goes from its draft to
its issued 批复; its deadlines that fall in a year without a notice are computed and provisional.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command

from zhengwu.documents.actions import countersign, intake, outgoing
from zhengwu.documents.models import CountersignState, DocState
from zhengwu.org.management.commands.demo import load_demo
from zhengwu.org.models import Unit
from zhengwu.portal.models import PublicationItem
from zhengwu.workdays import seed, services

pytestmark = pytest.mark.article(63)

LAST_OFFICIAL = max(seed.known_years())


def _request_to_reply() -> tuple[object, object]:
    u = {user.username: user for user in get_user_model().objects.all()}
    units = {unit.code: unit for unit in Unit.objects.all()}
    doc = intake.create_submission(
        u["fgw_clerk"],
        units["fgw"],
        "qingshi",
        "关于公路改建项目前期工作的请示",
        "妥否，请批示。",
        ["同意启动项目前期工作"],
        [units["gov"]],
    )
    tasks = countersign.request_countersign(u["fgw_clerk"], doc, [units["czj"]])
    countersign.reply(u["czj_head"], tasks[0], CountersignState.AGREED)
    intake.sign_and_submit(u["fgw_head"], doc)
    intake.receive(u["clerk_wendian"], doc)
    assert intake.check(u["clerk_wendian"], doc).passed
    intake.write_office_opinion(u["office_director"], doc, "拟请刘振东副州长阅示。")
    intake.instruct(u["vice_liu"], doc, "同意，请办公室起草批复。")
    reply = outgoing.draft_outgoing(
        u["clerk_wendian"],
        units["gov"],
        "pifu",
        "关于同意启动项目前期工作的批复",
        "发展和改革委员会：\n同意。\n此复。",
        [units["fgw"]],
        [],
        signing_facts={"important": True},
        replies_to=doc,
    )
    outgoing.submit_for_review(u["clerk_wendian"], reply)
    outgoing.review(u["office_director"], reply, True, "文种、格式符合要求。")
    outgoing.record_signing_step(u["vice_liu"], reply, "同意，请州长签发。")
    outgoing.sign(u["governor"], reply)
    outgoing.issue(u["clerk_wendian"], reply)
    return tasks[0], reply


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("year", [LAST_OFFICIAL, LAST_OFFICIAL + 2], ids=["last-official-year", "two-years-on"])
def test_the_demo_and_a_request_to_its_reply_on_28_december(year: int) -> None:
    call_command("flush", interactive=False, verbosity=0)
    with time_machine.travel(dt.datetime(year, 12, 28, 10, 0, tzinfo=dt.UTC), tick=True):
        skipped: list[str] = []
        load_demo(skipped)
        assert skipped == []
        assert PublicationItem.objects.exists()  # the portal's demo material too

        task, reply = _request_to_reply()
        assert reply.state == DocState.ISSUED
        assert reply.number
        cal = services.calendar()
        # 7 working days from 28 December end in the next year, which has no notice: computed, provisional
        assert task.due.year == year + 1
        assert cal.is_provisional(task.due)
        item = PublicationItem.objects.filter(title=reply.title).first()  # 公开属性 defaults to 主动公开
        if item is not None:  # its 20 working days run into the next year too
            assert cal.is_provisional(item.due_on)
