"""Asking for 会签 (art. 50): who may ask, on what, of whom; tasks, deadline timers, notices."""

from __future__ import annotations

import pytest

from tests.documents.conftest import D, counts, notified, unit
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Refused
from zhengwu.documents.actions.countersign import (
    request_countersign,
)
from zhengwu.documents.models import CountersignState, CountersignTask, DocState, DocType
from zhengwu.documents.selectors import countersign_status
from zhengwu.timers.models import Timer, TimerState
from zhengwu.workdays.services import deadline_close

pytestmark = pytest.mark.article(50)
ART50 = "（《工作规则》第五十条）"


def test_clerk_of_the_lead_unit_asks_two_units(user, make_request, frozen) -> None:
    doc = make_request("fgw", title="关于设立产业引导基金的请示")
    tasks = request_countersign(user("fgw_clerk"), doc, [unit("czj"), unit("sfj")])
    assert [t.unit.code for t in tasks] == ["czj", "sfj"]
    assert {t.due for t in tasks} == {D(2026, 12, 10)}  # 7 working days after Tuesday 12-01
    assert {t.state for t in tasks} == {CountersignState.PENDING}
    doc.refresh_from_db()
    assert doc.state == DocState.COUNTERSIGNING
    for t in tasks:
        timer = Timer.objects.get(key=f"countersign:{t.pk}:due")
        assert timer.kind == "documents.countersign.due"
        assert timer.fire_at == deadline_close(D(2026, 12, 10))
        assert timer.state == TimerState.PENDING
        assert timer.payload == {"task_id": t.pk}
    record = AuditRecord.objects.get(action="documents.countersign.request", object_id=str(doc.pk))
    assert record.article == 50
    assert record.details["due"] == "2026-12-10"
    assert record.details["units"] == ["czj", "sfj"]
    assert notified("会签请求") == {"czj_head", "sfj_head"}


def test_head_of_the_lead_unit_may_ask_and_set_its_own_time(user, make_request, frozen) -> None:
    doc = make_request("fgw")
    (task,) = request_countersign(user("fgw_head"), doc, [unit("czj")], due=D(2026, 12, 4))
    assert task.due == D(2026, 12, 4)  # earlier than 7 working days: 「主办部门另有时限要求」
    assert Timer.objects.get(key=f"countersign:{task.pk}:due").fire_at == deadline_close(D(2026, 12, 4))


def test_a_lead_date_on_a_rest_day_moves_to_the_next_working_day(user, make_request, frozen) -> None:
    doc = make_request("fgw")
    (task,) = request_countersign(user("fgw_head"), doc, [unit("czj")], due=D(2026, 12, 12))  # a Saturday
    assert task.due == D(2026, 12, 14)


def test_status_lists_who_has_not_replied(countersigning) -> None:
    doc, _ = countersigning
    status = countersign_status(doc)
    assert not status.allowed
    assert status.explanation == (
        "会签尚未完成：州财政局尚未回复，期限2026-12-10；州司法局尚未回复，期限2026-12-10" + ART50
    )


def test_status_of_a_request_never_sent_for_countersign(make_request, frozen) -> None:
    assert countersign_status(make_request("fgw")).allowed


@pytest.mark.parametrize(
    ("username", "codes", "doc_kwargs", "due", "expected"),
    [
        ("czj_head", ["sfj"], {}, None, "只有主办单位州发展改革委的人员可以就本件发起会签"),
        ("jyj_head", ["czj"], {}, None, "只有主办单位州发展改革委的人员可以就本件发起会签"),
        ("clerk_wendian", ["czj"], {}, None, "只有主办单位州发展改革委的人员可以就本件发起会签"),
        ("fgw_clerk", ["czj"], {"doc_type": DocType.REPORT}, None, "会签适用于报送州人民政府的请示性公文"),
        ("fgw_clerk", ["czj"], {"state": DocState.SUBMITTED}, None, "只能对起草中的请示发起会签"),
        ("fgw_clerk", [], {}, None, "请选择需要会签的相关部门"),
        ("fgw_clerk", ["fgw"], {}, None, "州发展改革委是主办单位，不需要会签本单位"),
        ("fgw_clerk", ["gov"], {}, None, "州人民政府不是会签的相关部门"),
        ("fgw_clerk", ["czj"], {}, D(2026, 12, 1), "主办单位确定的回复期限2026-12-01应在发起会签之日"),
    ],
)
def test_refusals_change_nothing(user, make_request, frozen, username, codes, doc_kwargs, due, expected) -> None:
    doc = make_request("fgw", **doc_kwargs)
    before = counts()
    with pytest.raises(Refused) as refused:
        request_countersign(user(username), doc, [unit(c) for c in codes], due=due)
    assert any(e.startswith(expected) and e.endswith(ART50) for e in refused.value.explanations), (
        refused.value.explanations
    )
    assert counts() == before
    doc.refresh_from_db()
    assert doc.state == doc_kwargs.get("state", DocState.DRAFT)


def test_asking_twice_is_refused(user, countersigning) -> None:
    doc, _ = countersigning
    before = counts()
    with pytest.raises(Refused, match="本件已在会签中"):
        request_countersign(user("fgw_clerk"), doc, [unit("jyj")])
    assert counts() == before
    assert CountersignTask.objects.filter(document=doc).count() == 2
