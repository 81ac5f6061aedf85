"""The calendar changes under open legislation deadlines (arts. 21, 22, 63): a comment period on its
minimum of 7 working days is extended by a new holiday (never shortened: the public was told its
day), a consulted unit's 7 working days and the 30 days to file move, and so does a regulation's
post-implementation evaluation; timers move, the people concerned are told."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine

from tests.legislation.conftest import BODY, unit
from zhengwu.legislation.actions import after, comments, drafting
from zhengwu.legislation.models import DraftState, Filing, NormativeDraft, RegulationEvaluation, UnitConsultation
from zhengwu.notices.models import Notice
from zhengwu.timers.models import Timer, TimerState
from zhengwu.workdays.actions import set_day
from zhengwu.workdays.arith import BEIJING
from zhengwu.workdays.services import deadline_close

pytestmark = pytest.mark.article(63)

D = dt.date
HOLIDAY = D(2027, 1, 5)


@pytest.fixture
def late_december() -> Iterator[time_machine.Traveller]:
    with time_machine.travel("2026-12-28 10:00 +0800", tick=False) as traveller:
        yield traveller


def draft(user, **kwargs) -> NormativeDraft:
    args = {
        "kind": "normative",
        "title": "克孜勒苏柯尔克孜自治州价格监测管理办法",
        "body": BODY,
        "drafting_unit": unit("fgw"),
        "government_issues": False,
    }
    args.update(kwargs)
    return drafting.create_draft(user("fgw_clerk"), **args)


def published(user, **kwargs) -> NormativeDraft:
    d = draft(user, **kwargs)
    NormativeDraft.objects.filter(pk=d.pk).update(
        state=DraftState.PUBLISHED, published_on=D(2026, 12, 28), doc_number="克发改规〔2026〕1号", validity="in_force"
    )
    d.refresh_from_db()
    return d


def moved_notices(username: str) -> list[str]:
    return list(
        Notice.objects.filter(recipient__username=username, title__startswith="期限变更").values_list(
            "title", flat=True
        )
    )


@pytest.mark.article(21)
def test_a_comment_period_on_its_minimum_is_extended(user, late_december) -> None:
    d = draft(user)
    comments.open_for_comment(user("fgw_head"), d)
    assert d.comment_closes == deadline_close(D(2027, 1, 7))  # 7 working days after Monday 12-28
    set_day(user("admin"), HOLIDAY, "holiday", "测试假日", "通知")
    d.refresh_from_db()
    assert d.comment_closes == deadline_close(D(2027, 1, 8))
    assert Timer.objects.get(key=f"legislation:{d.pk}:comment_close").fire_at == deadline_close(D(2027, 1, 8))
    assert any("征求意见" in t and "2027-01-07" in t and "2027-01-08" in t for t in moved_notices("fgw_clerk"))


@pytest.mark.article(21)
def test_a_comment_period_is_never_shortened_nor_a_chosen_one_moved(user, late_december) -> None:
    minimum = draft(user)
    comments.open_for_comment(user("fgw_head"), minimum)
    longer = draft(user, title="克孜勒苏柯尔克孜自治州价格监测点管理办法")
    comments.open_for_comment(user("fgw_head"), longer, days=20)
    assert longer.comment_closes == deadline_close(D(2027, 1, 18))  # Sunday 01-17, rolled
    set_day(user("admin"), D(2027, 1, 2), "makeup", "测试调休", "通知")  # a worked Saturday: minimum 01-06
    set_day(user("admin"), D(2027, 1, 18), "holiday", "测试假日", "通知")
    minimum.refresh_from_db()
    longer.refresh_from_db()
    assert minimum.comment_closes == deadline_close(D(2027, 1, 7))
    assert longer.comment_closes == deadline_close(D(2027, 1, 18))
    assert not moved_notices("fgw_clerk")


@pytest.mark.article(22)
def test_a_consulted_units_reply_moves(user, late_december) -> None:
    d = draft(user)
    (row,) = drafting.consult_units(user("fgw_clerk"), d, [unit("czj")])
    assert row.due == D(2027, 1, 7)
    set_day(user("admin"), HOLIDAY, "holiday", "测试假日", "通知")
    assert UnitConsultation.objects.get(pk=row.pk).due == D(2027, 1, 8)
    (title,) = moved_notices("czj_head")
    assert "回复期限" in title
    assert "2027-01-07" in title
    assert "2027-01-08" in title


@pytest.mark.article(22)
def test_the_filing_due_moves_with_its_timers(user, late_december) -> None:
    d = published(user)
    (filing,) = after.open_filings(None, d)
    assert filing.due == D(2027, 1, 27)  # 30 days
    Timer.objects.filter(key=f"legislation:filing:{filing.pk}:remind").update(state=TimerState.FIRED)
    set_day(user("admin"), D(2027, 1, 27), "holiday", "测试假日", "通知")
    filing.refresh_from_db()
    assert filing.due == D(2027, 1, 28)
    assert Timer.objects.get(key=f"legislation:filing:{filing.pk}:overdue").fire_at == deadline_close(D(2027, 1, 28))
    assert Timer.objects.get(key=f"legislation:filing:{filing.pk}:remind").state == TimerState.FIRED
    assert any("备案的期限" in t for t in moved_notices("fgw_clerk"))


@pytest.mark.article(21)
def test_the_evaluation_due_moves(user, late_december) -> None:
    d = published(user, kind="regulation", title="克孜勒苏柯尔克孜自治州价格监测规定")
    row = after.schedule_evaluation(None, d)
    assert row.due == D(2028, 12, 28)  # 24 months
    set_day(user("admin"), D(2028, 12, 28), "holiday", "测试假日", "通知")
    row = RegulationEvaluation.objects.get(pk=row.pk)
    assert row.due == D(2028, 12, 29)
    assert Timer.objects.get(key=f"legislation:evaluation:{row.pk}:remind").fire_at == dt.datetime(
        2028, 11, 29, 10, 0, tzinfo=BEIJING
    )
    assert Timer.objects.get(key=f"legislation:evaluation:{row.pk}:overdue").fire_at == deadline_close(D(2028, 12, 29))


@pytest.mark.article(22)
def test_a_day_after_the_due_moves_nothing(user, late_december) -> None:
    d = published(user)
    (filing,) = after.open_filings(None, d)
    set_day(user("admin"), D(2027, 1, 28), "holiday", "测试假日", "通知")
    assert Filing.objects.get(pk=filing.pk).due == D(2027, 1, 27)
    assert not moved_notices("fgw_clerk")
