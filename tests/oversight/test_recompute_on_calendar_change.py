"""The calendar changes under open cases (arts. 32, 33, 63): the respondent's 10 days to answer, the
organ's 60 days to decide and the defendant's 15 days of defence end on the next working day when
their last day becomes a holiday; timers move; the unit and the 司法局 are told.  A rectification
deadline set by a finding stays."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine

from tests.oversight.conftest import D, unit
from zhengwu.notices.models import Notice
from zhengwu.oversight.actions import register_finding, register_reconsideration, register_suit
from zhengwu.oversight.models import Case
from zhengwu.timers.models import Timer, TimerState
from zhengwu.workdays.actions import set_day
from zhengwu.workdays.services import deadline_close

pytestmark = pytest.mark.article(63)

RECEIVED = D(2026, 12, 28)  # a Monday


@pytest.fixture
def late_december() -> Iterator[time_machine.Traveller]:
    with time_machine.travel("2026-12-28 10:00 +0800", tick=False) as traveller:
        yield traveller


def reconsideration(user) -> Case:
    return register_reconsideration(
        user("sfj_clerk"),
        case_number="克政复〔2026〕9号",
        title="不服林地确权行为",
        organ="州人民政府",
        respondent=unit("zrzyj"),
        received_on=RECEIVED,
        applicant="申请人乙",
    )


def moved_notices(username: str) -> list[str]:
    return list(
        Notice.objects.filter(recipient__username=username, title__startswith="期限变更").values_list(
            "title", flat=True
        )
    )


@pytest.mark.article(33)
def test_the_answer_and_decision_limits_move(user, late_december) -> None:
    case = reconsideration(user)
    assert (case.answer_due, case.decision_due) == (D(2027, 1, 7), D(2027, 2, 26))
    set_day(user("admin"), D(2027, 1, 7), "holiday", "测试假日", "通知")
    set_day(user("admin"), D(2027, 2, 26), "holiday", "测试假日", "通知")
    case.refresh_from_db()
    assert (case.answer_due, case.decision_due) == (D(2027, 1, 8), D(2027, 3, 1))
    assert Timer.objects.get(key=f"oversight.{case.pk}.answer.overdue").fire_at == deadline_close(D(2027, 1, 8))
    assert Timer.objects.get(key=f"oversight.{case.pk}.decision.overdue").fire_at == deadline_close(D(2027, 3, 1))
    titles = moved_notices("zrzyj_head")
    assert any("答复（答辩）期限" in t and "2027-01-07" in t and "2027-01-08" in t for t in titles)
    assert any("复议决定期限" in t and "2027-03-01" in t for t in titles)
    assert len(moved_notices("sfj_head")) == 2


@pytest.mark.article(32)
def test_the_defence_limit_moves(user, late_december) -> None:
    case = register_suit(
        user("sfj_clerk"),
        case_number="（2026）新30行初5号",
        title="诉征收补偿决定",
        court="阿图什市人民法院",
        defendant=unit("zrzyj"),
        served_on=RECEIVED,
        plaintiff="原告丙",
    )
    assert case.answer_due == D(2027, 1, 12)
    set_day(user("admin"), D(2027, 1, 12), "holiday", "测试假日", "通知")
    case.refresh_from_db()
    assert case.answer_due == D(2027, 1, 13)


@pytest.mark.article(33)
def test_a_fired_reminder_stays_fired(user, late_december) -> None:
    case = reconsideration(user)
    Timer.objects.filter(key=f"oversight.{case.pk}.answer.remind").update(state=TimerState.FIRED)
    set_day(user("admin"), D(2027, 1, 7), "holiday", "测试假日", "通知")
    assert Timer.objects.get(key=f"oversight.{case.pk}.answer.remind").state == TimerState.FIRED
    case.refresh_from_db()
    assert case.answer_due == D(2027, 1, 8)


@pytest.mark.article(32)
def test_a_rectification_deadline_set_by_the_finding_stays(user, late_december) -> None:
    case = register_finding(
        user("clerk_ducha"),
        case_number="克审〔2026〕7号",
        title="专项资金拨付滞后",
        organ="州审计局",
        unit=unit("czj"),
        issued_on=D(2026, 12, 21),
        rectify_due=D(2027, 1, 15),
        requirement="限期拨付到位。",
    )
    set_day(user("admin"), D(2027, 1, 15), "holiday", "测试假日", "通知")
    case.refresh_from_db()
    assert case.rectify_due == D(2027, 1, 15)
    assert not moved_notices("czj_head")


@pytest.mark.article(33)
def test_a_day_after_the_limit_moves_nothing(user, late_december) -> None:
    case = reconsideration(user)
    set_day(user("admin"), D(2027, 1, 8), "holiday", "测试假日", "通知")
    case.refresh_from_db()
    assert (case.answer_due, case.decision_due) == (D(2027, 1, 7), D(2027, 2, 26))
    assert not moved_notices("zrzyj_head")
