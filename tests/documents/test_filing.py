"""报备 (art. 49): a department document marked 「经自治州人民政府同意」 is filed with the government
office within 30 days of issue — tracked, reminded 3 days before, recorded overdue at 24:00 of the
due day exactly once, and still accepted (as late) afterwards."""

from __future__ import annotations

import pytest

from tests.documents.conftest import D, counts, notified, unit
from zhengwu.audit.models import AuditRecord
from zhengwu.core.decisions import Refused
from zhengwu.documents.actions.filing import (
    OVERDUE_TIMER,
    REMIND_TIMER,
    _filing_overdue,
    file_with_office,
    on_issued,
    open_filing_obligation,
    overdue_filings,
)
from zhengwu.documents.actions.outgoing import draft_outgoing, issue, review, sign, submit_for_review
from zhengwu.documents.models import Document, FilingObligation, FilingState
from zhengwu.timers import services as timers
from zhengwu.timers.models import Timer, TimerState
from zhengwu.workdays.services import deadline_close

pytestmark = [pytest.mark.article(49), pytest.mark.usefixtures("frozen")]

DUE = D(2026, 12, 31)  # issued on Tuesday 2026-12-01 (conftest.NOW); 30 calendar days later, a Thursday
BODY = "各县（市）人民政府：\n经自治州人民政府同意，现将《重大项目前期工作管理办法》印发给你们，请认真贯彻执行。"


def issued_agreed_document(user) -> tuple[Document, FilingObligation]:
    """A 发展改革委 notice marked 「经自治州人民政府同意」: drafted, reviewed, 签批 by its 分管 副州长,
    issued by its clerk, and ``on_issued`` called as ``outgoing.issue`` will call it."""
    doc = draft_outgoing(
        user("fgw_clerk"),
        unit("fgw"),
        "tongzhi",
        "关于印发《重大项目前期工作管理办法》的通知",
        BODY,
        [unit("atushi"), unit("akto")],
        signing_facts={"agreed_by_government": True},
    )
    submit_for_review(user("fgw_clerk"), doc)
    review(user("fgw_deputy"), doc, True, "")
    sign(user("vice_liu"), doc)
    issue(user("fgw_clerk"), doc)
    obligation = on_issued(user("fgw_clerk"), doc)
    assert obligation is not None
    return doc, obligation


def filing_records(action: str) -> int:
    return AuditRecord.objects.filter(action=f"documents.filing.{action}").count()


def test_issuing_opens_a_filing_obligation_due_30_calendar_days_later(user) -> None:
    doc, obligation = issued_agreed_document(user)
    assert doc.number == "克发改发〔2026〕1号"
    assert (obligation.unit.code, obligation.issued_on, obligation.due) == ("fgw", D(2026, 12, 1), DUE)
    assert obligation.state == FilingState.PENDING
    assert not obligation.overdue
    assert doc.filing == obligation

    record = AuditRecord.objects.get(action="documents.filing.open")
    assert (record.article, record.object_id) == (49, str(doc.pk))
    assert "应于2026-12-31前向州人民政府办公室报备" in record.summary
    assert notified("请于2026-12-31前报备") == {"fgw_head", "fgw_clerk"}
    pending = dict(
        Timer.objects.filter(state=TimerState.PENDING, key__startswith="filing:").values_list("kind", "fire_at")
    )
    assert pending[OVERDUE_TIMER] == deadline_close(DUE)
    assert pending[REMIND_TIMER].isoformat() == "2026-12-28T02:00:00+00:00"  # 10:00 Beijing, 3 days before

    before = counts()
    assert on_issued(user("fgw_clerk"), doc) == obligation  # once only, whoever calls it again
    assert counts() == before


def test_the_period_ends_on_the_first_working_day_after_a_holiday(user, frozen) -> None:
    frozen.move_to("2026-09-01 10:00 +0800")
    _, obligation = issued_agreed_document(user)
    assert obligation.due == D(2026, 10, 8)  # 10-01 is in the National Day holiday (10-01 … 10-07)


def test_a_document_not_marked_agreed_owes_no_filing(user) -> None:
    notice = draft_outgoing(
        user("clerk_huiwu"),
        unit("office"),
        "tongzhi",
        "关于召开全州政务公开工作会议的通知",
        "各县（市）人民政府：\n定于12月10日召开会议。",
        [unit("atushi")],
        signing_facts={"within_office_competence": True},
    )
    submit_for_review(user("clerk_huiwu"), notice)
    review(user("deputy_sg"), notice, True, "")
    sign(user("office_director"), notice)
    issue(user("clerk_huiwu"), notice)
    assert on_issued(user("clerk_huiwu"), notice) is None
    assert not FilingObligation.objects.exists()


def test_filed_on_time_cancels_the_reminders(user, frozen) -> None:
    _, obligation = issued_agreed_document(user)
    frozen.move_to("2026-12-20 10:00 +0800")
    file_with_office(user("fgw_clerk"), obligation, "已报送纸质件和电子件。")

    assert obligation.state == FilingState.FILED
    assert (obligation.filed_by, obligation.filed_late) == (user("fgw_clerk"), False)
    assert obligation.note == "已报送纸质件和电子件。"
    record = AuditRecord.objects.get(action="documents.filing.file")
    assert (record.article, record.details["late"]) == (49, False)
    assert "逾期" not in record.summary
    assert notified("报备：州发展改革委") == {"clerk_wendian", "office_director"}

    frozen.move_to("2027-01-02 09:00 +0800")
    assert timers.sweep().fired == 0
    assert (filing_records("remind"), filing_records("overdue")) == (0, 0)
    assert not overdue_filings(D(2027, 1, 2)).exists()


def test_the_reminder_goes_three_days_before_the_due_day(user, frozen) -> None:
    issued_agreed_document(user)
    frozen.move_to("2026-12-28 09:59 +0800")
    assert timers.sweep().fired == 0
    frozen.move_to("2026-12-28 10:00 +0800")
    assert timers.sweep().fired == 1

    assert notified("催办：克发改发〔2026〕1号") == {"fgw_head", "fgw_clerk"}
    record = AuditRecord.objects.get(action="documents.filing.remind")
    assert (record.actor_name, record.article) == ("系统", 49)
    assert FilingObligation.objects.get().reminded_at is not None
    assert timers.sweep().fired == 0


def test_at_2400_of_the_due_day_it_is_recorded_overdue_exactly_once(user, frozen) -> None:
    _, obligation = issued_agreed_document(user)
    frozen.move_to("2026-12-31 23:59:59 +0800")  # reminder fires; the last day is not over
    assert timers.sweep().fired == 1
    assert filing_records("overdue") == 0
    assert not overdue_filings(D(2026, 12, 31)).exists()

    frozen.move_to("2027-01-01 08:30 +0800")  # the worker was down overnight; it records as of 24:00
    assert timers.sweep().fired == 1
    obligation.refresh_from_db()
    assert obligation.overdue
    assert obligation.overdue_at == deadline_close(DUE)
    assert obligation.state == FilingState.PENDING
    record = AuditRecord.objects.get(action="documents.filing.overdue")
    assert (record.actor_id, record.actor_name, record.article) == (None, "系统", 49)
    assert record.citation == "《工作规则》第四十九条"
    assert "逾期未报备" in record.summary
    assert record.details["at"] == deadline_close(DUE).isoformat()
    assert notified("逾期未报备") == {"fgw_head", "office_director", "clerk_wendian"}
    assert list(overdue_filings(D(2027, 1, 1))) == [obligation]

    before = counts()  # firing again (a retried or duplicated timer) records nothing more
    _filing_overdue(Timer.objects.get(kind=OVERDUE_TIMER))
    assert timers.sweep().fired == 0
    assert counts() == before
    assert filing_records("overdue") == 1


def test_a_filing_after_the_deadline_is_accepted_and_recorded_as_late(user, frozen) -> None:
    _, obligation = issued_agreed_document(user)
    frozen.move_to("2027-01-01 00:00 +0800")
    timers.sweep()
    frozen.move_to("2027-01-05 11:00 +0800")
    file_with_office(user("fgw_head"), obligation)

    obligation.refresh_from_db()
    assert (obligation.state, obligation.filed_late, obligation.overdue) == (FilingState.FILED, True, True)
    record = AuditRecord.objects.get(action="documents.filing.file")
    assert record.details["late"] is True
    assert "（逾期报备）" in record.summary
    assert notified("逾期报备：州发展改革委") == {"clerk_wendian", "office_director"}
    assert not overdue_filings(D(2027, 1, 5)).exists()


def test_only_the_issuing_departments_staff_file_and_only_once(user) -> None:
    _, obligation = issued_agreed_document(user)
    for username in ("czj_head", "clerk_wendian", "admin"):
        with pytest.raises(Refused) as refused:
            file_with_office(user(username), obligation)
        assert refused.value.explanations == [
            "本件由州发展改革委报备，只能由该单位的工作人员办理（《工作规则》第四十九条）"
        ]
    assert FilingObligation.objects.get().state == FilingState.PENDING

    file_with_office(user("fgw_clerk"), obligation)
    with pytest.raises(Refused) as again:
        file_with_office(user("fgw_head"), obligation)
    assert "已经报备" in again.value.explanations[0]
    assert filing_records("file") == 1


def test_overdue_filings_is_one_query(user, frozen, django_assert_num_queries) -> None:
    issued_agreed_document(user)
    with django_assert_num_queries(1):
        rows = [(f.document.number, f.unit.code) for f in overdue_filings(D(2027, 1, 1))]
    assert rows == [("克发改发〔2026〕1号", "fgw")]


def test_no_obligation_is_opened_for_a_document_not_yet_issued(user) -> None:
    doc = draft_outgoing(
        user("fgw_clerk"),
        unit("fgw"),
        "tongzhi",
        "关于印发《重大项目前期工作管理办法》的通知",
        BODY,
        [unit("atushi")],
        signing_facts={"agreed_by_government": True},
    )
    with pytest.raises(Refused) as refused:
        open_filing_obligation(user("fgw_clerk"), doc)
    assert refused.value.explanations == ["公文尚未印发，无从计算报备期限（《工作规则》第四十九条）"]
    assert not FilingObligation.objects.filter(document=doc).exists()
