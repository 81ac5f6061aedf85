"""Decisions and their follow-ups (arts. 28, 42): a document due 7 working days after the meeting, done
when the linked document is issued, overdue otherwise; publication unless secret; tasks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.meetings.conftest import D, unit
from zhengwu.core import compliance
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.documents.models import Direction, DocState, DocType, Document, Flow
from zhengwu.meetings import actions, services
from zhengwu.meetings.models import FollowUpKind
from zhengwu.portal.models import PublicationItem
from zhengwu.rulebook.services import version_in_force


def _document(user, title="关于印发教育发展方案的通知"):
    return Document.objects.create(
        flow=Flow.OUTGOING,
        doc_type=DocType.NOTICE,
        direction=Direction.DOWNWARD,
        title=title,
        issuer=unit("gov"),
        state=DocState.DRAFT,
        rulebook_version=version_in_force(),
        created_by=user("clerk_wendian"),
        created_at=timezone.now(),
    )


def _issue(doc, when):
    doc.state, doc.issued_at, doc.number = DocState.ISSUED, when, "克政发〔2026〕99号"
    doc.save()


@pytest.mark.article(42)
def test_document_due_seven_working_days_after_and_done_when_issued(user, held, frozen):
    d = actions.add_decision(
        user("clerk_huiwu"), held, "原则通过教育发展方案，由州政府印发。", document_title="印发教育发展方案"
    )
    fu = d.follow_ups.get(kind=FollowUpKind.DOCUMENT)
    assert fu.due == D(2026, 11, 23)  # Thu 11-12 + 7 working days
    doc = _document(user)
    actions.link_document(user("clerk_huiwu"), fu, doc)
    fu.refresh_from_db()
    assert services.follow_up_state(fu, D(2026, 11, 19)) == "at_risk"
    _issue(doc, dt.datetime(2026, 11, 20, 2, tzinfo=dt.UTC))  # the 6th working day
    fu.refresh_from_db()
    assert services.follow_up_state(fu, D(2026, 11, 24)) == "done"


@pytest.mark.article(42)
def test_an_unissued_document_is_overdue_on_the_eighth_working_day(user, held):
    d = actions.add_decision(user("clerk_huiwu"), held, "另行印发实施细则。", document_title="印发实施细则")
    fu = d.follow_ups.get()
    assert services.follow_up_state(fu, D(2026, 11, 23)) == "at_risk"
    assert services.follow_up_state(fu, D(2026, 11, 24)) == "overdue"
    lines = [line for line in compliance.lines(D(2026, 11, 24)) if line.area == "会议发文"]
    assert any(line.status == compliance.Status.OVERDUE and line.citation.article == 42 for line in lines)


@pytest.mark.article(42)
def test_deadline_across_national_day(user, frozen):
    from zhengwu.meetings import rules
    from zhengwu.rulebook.services import rulebook_view
    from zhengwu.workdays.services import calendar

    rb = rulebook_view(D(2026, 9, 29))
    # Tue 09-29 + 7 working days: 09-30, 10-08, 10-09, 10-10 (make-up), 10-12, 10-13, 10-14
    assert rules.document_due(D(2026, 9, 29), rb, calendar().add_working_days) == D(2026, 10, 14)
    # across 春节: Thu 02-12 → 02-13, 02-14 (make-up), 02-24, 02-25, 02-26, 02-27, 02-28 (make-up)
    assert rules.document_due(D(2026, 2, 12), rb, calendar().add_working_days) == D(2026, 2, 28)


@pytest.mark.article(28)
def test_signing_queues_non_secret_decisions_for_publication(user, held):
    public = actions.add_decision(user("clerk_huiwu"), held, "公开事项。")
    secret = actions.add_decision(user("clerk_huiwu"), held, "涉密事项。", secret=True)
    actions.draft_minutes(user("clerk_huiwu"), held, "纪要。")
    actions.sign_minutes(user("governor"), held)
    item = PublicationItem.objects.get(source_id=public.pk, kind="meeting_decision")
    assert item.counted_from == D(2026, 11, 12)
    assert item.provision == "disclosure.meeting_decisions"
    assert public.follow_ups.filter(kind=FollowUpKind.PUBLICATION).exists()
    assert not secret.follow_ups.filter(kind=FollowUpKind.PUBLICATION).exists()


@pytest.mark.article(42)
def test_a_task_has_an_owner_and_a_deadline(user, held):
    with pytest.raises(InvalidInput):
        actions.add_decision(user("clerk_huiwu"), held, "落实。", task_title="抓好落实")
    with pytest.raises(Refused) as early:
        actions.add_decision(
            user("clerk_huiwu"), held, "落实。", task_title="抓好落实", task_unit=unit("jyj"), task_due=D(2026, 11, 1)
        )
    assert early.value.decisions[0].code == "meetings.task.due_before_meeting"
    d = actions.add_decision(
        user("clerk_huiwu"), held, "落实。", task_title="制定实施方案", task_unit=unit("jyj"), task_due=D(2026, 12, 31)
    )
    fu = d.follow_ups.get(kind=FollowUpKind.TASK)
    assert services.follow_up_state(fu, D(2026, 12, 31)) == "at_risk"
    actions.draft_minutes(user("clerk_huiwu"), held, "纪要。")
    actions.sign_minutes(user("governor"), held)
    actions.complete_task(user("jyj_head"), fu)
    fu.refresh_from_db()
    assert services.follow_up_state(fu, D(2026, 12, 30)) == "done"


def test_send_to_supervision(user, held):
    from zhengwu.supervision.models import SupervisionItem

    d = actions.add_decision(
        user("clerk_huiwu"), held, "落实。", task_title="制定实施方案", task_unit=unit("jyj"), task_due=D(2026, 12, 31)
    )
    fu = d.follow_ups.get()
    actions.send_to_supervision(user("clerk_ducha"), fu, co_units=[unit("czj")], report_every="monthly")
    fu.refresh_from_db()
    item = SupervisionItem.objects.get(pk=int(fu.supervision_ref))
    assert (item.lead_unit.code, [u.code for u in item.co_units.all()]) == ("jyj", ["czj"])
    assert d.get_absolute_url().endswith(f"#decision-{d.pk}")


@pytest.mark.article(26)
def test_a_task_already_supervised_is_linked_not_supervised_twice(user, held):
    from zhengwu.core.decisions import Refused
    from zhengwu.supervision.models import SupervisionItem

    first = actions.add_decision(
        user("clerk_huiwu"),
        held,
        "落实。",
        task_title="制定职业教育实施方案",
        task_unit=unit("jyj"),
        task_due=D(2026, 12, 31),
    ).follow_ups.get()
    actions.send_to_supervision(user("clerk_ducha"), first)
    first.refresh_from_db()
    item = SupervisionItem.objects.get(pk=int(first.supervision_ref))
    again = actions.add_decision(
        user("clerk_huiwu"),
        held,
        "再次强调。",
        task_title="制定职业教育实施方案",
        task_unit=unit("jyj"),
        task_due=D(2026, 12, 31),
    ).follow_ups.get()
    with pytest.raises(Refused) as refused:
        actions.send_to_supervision(user("clerk_ducha"), again)
    assert "第二十六条" in " ".join(refused.value.explanations)
    actions.send_to_supervision(user("clerk_ducha"), again, link_to=item)
    again.refresh_from_db()
    assert int(again.supervision_ref) == item.pk


@pytest.mark.article(42)
def test_the_office_is_told_at_the_close_of_the_due_day(user, held):
    from zhengwu.notices.models import Notice
    from zhengwu.timers import services as timers
    from zhengwu.workdays.arith import deadline_close

    actions.add_decision(user("clerk_huiwu"), held, "印发。", document_title="印发办法")
    timers.sweep(deadline_close(D(2026, 11, 23)) + dt.timedelta(minutes=1))
    assert Notice.objects.filter(recipient__username="clerk_huiwu", title__contains="会议决定印发文件逾期").exists()
