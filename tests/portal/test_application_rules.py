"""依申请公开 time limits and replies as pure rules (art. 27; 条例第三十二、三十三、三十六条)."""

from __future__ import annotations

import pytest

from tests.portal.conftest import D
from zhengwu.portal import rules
from zhengwu.portal.rules import ApplicationFact, annual_report
from zhengwu.workdays.services import calendar

pytestmark = pytest.mark.article(27)


def test_twenty_working_days_across_national_day(db, kizilsu) -> None:
    due = rules.application_due(D(2026, 9, 28), kizilsu, calendar())
    # 9-29, 9-30, then 10-08 (Thu) on, with 10-10 (Sat) a make-up day: the 20th working day is 10-30
    assert due.facts["due"] == D(2026, 10, 30)
    assert due.citation is not None
    assert due.citation.article == 27


def test_extension_and_consultation_move_the_due_day(db, kizilsu) -> None:
    cal = calendar()
    base = rules.application_due(D(2026, 2, 10), kizilsu, cal).facts["due"]
    extended = rules.application_due(D(2026, 2, 10), kizilsu, cal, extended=True).facts["due"]
    paused = rules.application_due(D(2026, 2, 10), kizilsu, cal, extended=True, paused_days=5).facts["due"]
    assert base == cal.add_working_days(D(2026, 2, 10), 20) == D(2026, 3, 16)  # across 春节
    assert cal.working_days_between(base, extended) == 20
    assert cal.working_days_between(extended, paused) == 5


def test_consultation_days_are_capped_at_the_third_party_limit(db, kizilsu) -> None:
    cal = calendar()
    assert rules.excluded_days(D(2026, 12, 1), D(2026, 12, 8), kizilsu, cal) == 5
    assert rules.excluded_days(D(2026, 11, 2), D(2026, 12, 31), kizilsu, cal) == 15


def test_extension_once_with_reason(kizilsu) -> None:
    assert rules.check_extension("received", False, "涉及档案调取", kizilsu).allowed
    twice = rules.check_extension("received", True, "再延", kizilsu)
    assert not twice.allowed
    assert "只能延长一次" in twice.message
    assert not rules.check_extension("received", False, " ", kizilsu).allowed
    assert not rules.check_extension("answered", False, "理由", kizilsu).allowed


@pytest.mark.parametrize(
    ("reply_type", "exemption", "text", "allowed"),
    [
        ("disclosed", "", "见附件。", True),
        ("refused", "state_secret", "属于国家秘密。", True),
        ("refused", "", "不公开。", False),
        ("partly", "third_party", "个人信息已删除。", True),
        ("unavailable", "", "本机关未制作该信息。", True),
        ("not_processed", "", "重复申请。", True),
        ("other_channel", "", "请通过不动产登记中心查询。", True),
        ("whatever", "", "内容", False),
        ("disclosed", "", " ", False),
    ],
)
def test_reply_types(kizilsu, reply_type, exemption, text, allowed) -> None:
    assert rules.check_reply("received", reply_type, exemption, text, kizilsu).allowed is allowed


def test_no_reply_while_consulting_or_twice(kizilsu) -> None:
    assert not rules.check_reply("consulting", "disclosed", "", "内容", kizilsu).allowed
    assert not rules.check_reply("answered", "disclosed", "", "内容", kizilsu).allowed


def test_annual_report_counts_received_answered_by_type_and_carried_over() -> None:
    facts = [
        ApplicationFact(D(2025, 12, 20), D(2026, 1, 10), "disclosed"),  # carried in, answered
        ApplicationFact(D(2025, 12, 1), D(2025, 12, 15), "refused"),  # last year's business
        ApplicationFact(D(2026, 3, 1), D(2026, 3, 20), "partly"),
        ApplicationFact(D(2026, 5, 1), D(2026, 6, 20), "unavailable", late=True),
        ApplicationFact(D(2026, 12, 20), None),  # carried over
        ApplicationFact(D(2026, 12, 25), D(2027, 1, 5), "disclosed"),  # answered next year
        ApplicationFact(D(2027, 1, 2), None),  # next year's
    ]
    r = annual_report(facts, 2026)
    assert (r.carried_in, r.received, r.answered, r.carried_over, r.answered_late) == (1, 4, 3, 2, 1)
    assert r.by_type["disclosed"] == 1
    assert r.by_type["partly"] == 1
    assert r.by_type["unavailable"] == 1
    assert r.by_type["refused"] == 0
