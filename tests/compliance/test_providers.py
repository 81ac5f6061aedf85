"""The compliance lines (art. 63) for countersigns, 「经同意」 filings and supervision items."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhengwu.core import compliance
from zhengwu.core.compliance import Status
from zhengwu.documents.models import CountersignTask, FilingObligation
from zhengwu.org.models import Unit
from zhengwu.supervision import actions

pytestmark = [pytest.mark.django_db, pytest.mark.article(63)]
D = dt.date


def by_title(today: dt.date) -> dict[str, compliance.ComplianceLine]:
    return {line.title: line for line in compliance.lines(today)}


def test_countersigns_past_due_and_near_due(make_document, frozen) -> None:
    doc = make_document(title="关于合规总览会签测试的请示")
    czj, sfj, jyj = (Unit.objects.get(code=c) for c in ("czj", "sfj", "jyj"))
    now = timezone.now()
    CountersignTask.objects.create(document=doc, unit=czj, requested_at=now, due=D(2026, 11, 27))
    CountersignTask.objects.create(document=doc, unit=sfj, requested_at=now, due=D(2026, 12, 3))
    CountersignTask.objects.create(document=doc, unit=jyj, requested_at=now, due=D(2026, 12, 20))
    lines = [line for line in compliance.lines(D(2026, 12, 1)) if line.title == "《关于合规总览会签测试的请示》"]
    assert [(line.owner, line.status, line.detail) for line in lines] == [
        ("州财政局", Status.OVERDUE, "逾期2个工作日"),
        ("州司法局", Status.AT_RISK, "2026-12-03到期"),
    ]
    assert all(line.citation is not None and line.citation.article == 50 for line in lines)


def test_filings_not_made_in_30_days(make_document, frozen) -> None:
    doc = make_document(title="经同意文件合规测试")
    FilingObligation.objects.create(
        document=doc, unit=doc.issuer, issued_on=D(2026, 10, 20), due=D(2026, 11, 19), created_at=timezone.now()
    )
    line = by_title(D(2026, 12, 1))["《经同意文件合规测试》（经州人民政府同意）"]
    assert line.status == Status.OVERDUE
    assert line.citation is not None
    assert line.citation.article == 49


@pytest.mark.article(54)
def test_supervision_items_reports_and_rectifications(open_item, autumn, user) -> None:
    item = open_item(title="合规总览督办测试事项", every="monthly", due=D(2026, 11, 30))
    actions.order_rectification(user("clerk_ducha"), item, "补齐台账。", D(2026, 9, 3))
    lines = compliance.lines(D(2026, 10, 9))
    mine = [(line.area, line.owner, line.status) for line in lines if line.title.startswith("合规总览督办测试事项")]
    assert ("督办报告", "州发展改革委", Status.OVERDUE) in mine
    assert ("督办报告", "州财政局", Status.OVERDUE) in mine
    assert ("督促整改", "州发展改革委", Status.OVERDUE) in mine
    assert not any(area == "督办" for area, _, _ in mine)  # the final deadline is far off
    at_end = [line for line in compliance.lines(D(2026, 11, 27)) if line.title == "合规总览督办测试事项"]
    assert [(line.status, line.citation.article if line.citation else None) for line in at_end] == [
        (Status.AT_RISK, 63)
    ]
