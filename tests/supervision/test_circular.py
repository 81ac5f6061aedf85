"""draft_circular (art. 26, 情况通报): the table by unit, drafted as the office's 通报 document."""

from __future__ import annotations

import pytest

from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.documents.models import DocState, DocType, Flow
from zhengwu.supervision import actions
from zhengwu.supervision.models import ProgressReport

from .conftest import D

pytestmark = [pytest.mark.django_db, pytest.mark.article(26)]


def test_the_circular_lists_each_unit(open_item, autumn, user) -> None:
    item = open_item(title="情况通报测试事项", every="monthly", due=D(2026, 11, 30))
    other = open_item(title="教育局牵头的逾期事项", lead="jyj", co=(), due=D(2026, 9, 15))
    fgw = ProgressReport.objects.get(item=item, unit__code="fgw", period=1)
    actions.submit_progress(user("fgw_clerk"), fgw, "按时报告。")
    autumn.move_to("2026-10-12 10:00 +0800")
    circular = actions.draft_circular(user("clerk_ducha"), since=D(2026, 9, 1))
    assert [r["unit"] for r in circular.rows] == ["州发展改革委", "州财政局", "州教育局"]
    by_code = {r["unit_id"]: r for r in circular.rows}
    fgw_row, czj_row, jyj_row = (
        by_code[item.lead_unit_id],
        by_code[fgw.item.co_units.get().pk],
        by_code[other.lead_unit_id],
    )
    fgw_counts = (fgw_row["lead"], fgw_row["in_progress"], fgw_row["reports_on_time"], fgw_row["reports_missing"])
    assert fgw_counts == (1, 1, 1, 0)
    assert (czj_row["lead"], czj_row["reports_on_time"], czj_row["reports_missing"]) == (0, 0, 1)
    assert (jyj_row["lead"], jyj_row["overdue"], jyj_row["overdue_titles"]) == (1, 1, ["教育局牵头的逾期事项"])
    doc = circular.document
    assert (doc.flow, doc.doc_type, doc.state, doc.issuer.code) == (
        Flow.OUTGOING,
        DocType.CIRCULAR,
        DocState.DRAFT,
        "office",
    )
    body = doc.versions.get().body
    assert "逾期未办结1项" in body
    assert "教育局牵头的逾期事项" in body
    assert set(doc.main_recipients.values_list("code", flat=True)) == {"fgw", "czj", "jyj"}


def test_only_the_office_issues_circulars(open_item, autumn, user) -> None:
    open_item(title="通报权限测试事项")
    for username in ("fgw_head", "vice_liu", "clerk_wendian"):
        with pytest.raises(Refused):
            actions.draft_circular(user(username))
    with pytest.raises(InvalidInput):
        actions.draft_circular(user("clerk_ducha"), as_of=D(2026, 9, 30))
    with pytest.raises(InvalidInput):
        actions.draft_circular(user("clerk_ducha"), since=D(2030, 1, 1), as_of=D(2026, 9, 1))
