"""Post-implementation evaluation (后评估, art. 21): scheduled when a regulation is published."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.legislation.conftest import BODY, unit
from zhengwu.core import compliance
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.legislation.actions import after
from zhengwu.legislation.actions.drafting import create_draft
from zhengwu.legislation.models import DraftState, RegulationEvaluation
from zhengwu.workdays.arith import deadline_close

pytestmark = pytest.mark.article(21)


def test_a_regulation_is_evaluated_after_the_interval(user, frozen) -> None:
    draft = create_draft(
        user("fgw_clerk"), kind="regulation", title="价格监测规定", body=BODY, drafting_unit=unit("fgw")
    )
    draft.state, draft.published_on, draft.validity = DraftState.PUBLISHED, dt.date(2024, 10, 1), "in_force"
    draft.save()
    from django.db import transaction

    with transaction.atomic():
        row = after.schedule_evaluation(None, draft)
    assert row.due == dt.date(2026, 10, 8)  # 24 months: 2026-10-01, in 国庆: rolls to 10-08
    lines = [line for line in compliance.lines(dt.date(2026, 10, 9)) if line.area == "规章后评估"]
    assert lines
    assert lines[0].status == compliance.Status.OVERDUE
    assert lines[0].citation.article == 21
    with pytest.raises(Refused):
        after.complete_evaluation(user("czj_head"), row, report="x")
    with pytest.raises(InvalidInput):
        after.complete_evaluation(user("fgw_clerk"), row, report=" ")
    after.complete_evaluation(user("fgw_clerk"), row, report="实施效果良好，建议修改第四条。")
    assert RegulationEvaluation.objects.get(pk=row.pk).state == "done"


def test_an_unknown_years_due_date_is_nominal(user, frozen) -> None:
    draft = create_draft(user("fgw_clerk"), kind="regulation", title="规定", body=BODY, drafting_unit=unit("fgw"))
    draft.published_on = dt.date(2026, 9, 28)
    from django.db import transaction

    with transaction.atomic():
        row = after.schedule_evaluation(None, draft)
    assert row.due == dt.date(2028, 9, 28)


@pytest.mark.article(20)
def test_publishing_a_regulation_schedules_its_evaluation(user, new_draft, frozen) -> None:
    from tests.legislation.conftest import REVISED
    from zhengwu.documents.actions import outgoing
    from zhengwu.legislation.actions import adoption, comments, review

    draft = new_draft(kind="regulation", body=REVISED)
    comments.open_for_comment(user("fgw_head"), draft)
    assert draft.comment_closes == deadline_close(dt.date(2026, 10, 28))  # 30 days, to 24:00 Beijing
    frozen.move_to("2026-10-29 09:00 +0800")
    comments.close_comments(user("fgw_clerk"), draft)
    comments.publish_answers(user("fgw_head"), draft)
    review.submit_for_review(user("fgw_head"), draft)
    row = review.review(user("sfj_head"), draft, passed=True, reasons="")
    assert draft.transitions.last().article == 20  # a regulation's review: art. 20
    assert row.passed
    adoption.record_deliberation(user("clerk_huiwu"), draft, meeting_ref="常务会议", held_on=dt.date(2026, 10, 29))
    doc = adoption.prepare_document(user("clerk_wendian"), draft)
    outgoing.submit_for_review(user("clerk_wendian"), doc)
    outgoing.review(user("office_director"), doc, True, "")
    outgoing.record_signing_step(user("vice_liu"), doc, "同意。")
    outgoing.sign(user("governor"), doc)
    outgoing.issue(user("clerk_wendian"), doc)
    adoption.publish(user("clerk_gongkai"), draft)
    # two years on, 2028-10-29, is a Sunday: the period ends on Monday (民法典 art. 203; 2028 is provisional)
    assert RegulationEvaluation.objects.get(draft=draft).due == dt.date(2028, 10, 30)
