"""A department's normative document is filed with the government and reviewed by the 司法局 (art. 22)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.legislation.conftest import REVISED, unit
from zhengwu.core.decisions import InvalidInput, Refused
from zhengwu.core.transitions import StateConflict
from zhengwu.legislation.actions import adoption, after, drafting, review

pytestmark = pytest.mark.article(22)


def test_filed_by_the_department_and_reviewed_by_the_sfj(user, frozen) -> None:
    draft = drafting.create_draft(
        user("fgw_clerk"),
        kind="normative",
        title="发改委价格监测规定",
        body=REVISED,
        drafting_unit=unit("fgw"),
        government_issues=False,
        secret=True,
        secret_reason="涉及工作秘密",
    )
    review.submit_for_review(user("fgw_head"), draft)
    review.review(user("sfj_clerk"), draft, passed=True, reasons="")
    adoption.record_deliberation(user("fgw_deputy"), draft, meeting_ref="委务会议", held_on=dt.date(2026, 9, 28))
    adoption.record_unit_issue(
        user("fgw_head"), draft, doc_number="克发改规〔2026〕2号", written_on=dt.date(2026, 9, 28)
    )
    adoption.publish(user("fgw_clerk"), draft)
    filing = draft.filings.get()
    assert (filing.recipient.code, filing.due) == ("gov", dt.date(2026, 10, 28))
    with pytest.raises(StateConflict) as conflict:
        after.review_filing(user("sfj_clerk"), filing, passed=True, note="")  # not filed yet
    assert conflict.value.explanations == ["本备案当前为“待备案”，报送备案后方可审查（《工作规则》第二十二条）"]
    with pytest.raises(Refused):
        after.file_filing(user("clerk_wendian"), filing)  # the department files its own
    after.file_filing(user("fgw_clerk"), filing, reference="克发改报〔2026〕5号")
    with pytest.raises(Refused):
        after.review_filing(user("fgw_head"), filing, passed=True, note="")
    with pytest.raises(InvalidInput):
        after.review_filing(user("sfj_clerk"), filing, passed=False, note="")
    after.review_filing(user("sfj_clerk"), filing, passed=True, note="未发现问题。")
    filing.refresh_from_db()
    assert (filing.state, filing.review_passed) == ("filed", True)
